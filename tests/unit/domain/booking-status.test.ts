import { describe, it, expect } from 'vitest';
import {
  OPTION_LAPSED_REASON,
  decideTransition,
  isActive,
  isOptionLapsed,
  statusLabel,
  type StatusAction,
  type StatusFacts,
} from '../../../src-shared/domain/booking-status';

// Option held until Sunday 12 July 2026, 14:32 Paris time.
const EXPIRY = '2026-07-12T12:32:00Z';
const BEFORE = new Date('2026-07-12T12:31:59Z');
const AT = new Date(EXPIRY);
const AFTER = new Date('2026-07-13T08:00:00Z');

const option: StatusFacts = { status: 'option', optionExpiresAt: EXPIRY };
const openOption: StatusFacts = { status: 'option', optionExpiresAt: null };
const confirmed: StatusFacts = { status: 'confirmed', optionExpiresAt: null };
const cancelled: StatusFacts = { status: 'cancelled', optionExpiresAt: null };

describe('which bookings hold their nights', () => {
  it.each([
    ['an option before its expiry', option, BEFORE, false, true],
    ['an option at the exact minute of expiry', option, AT, true, false],
    ['an option not confirmed by its expiry', option, AFTER, true, false],
    ['an option with no expiry set', openOption, AFTER, false, true],
    ['a confirmed booking', confirmed, AFTER, false, true],
    ['a confirmed booking that once was an option', { status: 'confirmed', optionExpiresAt: EXPIRY }, AFTER, false, true],
    ['a cancelled booking', cancelled, BEFORE, false, false],
  ] as const)('%s: lapsed=%s, holds nights=%s', (_what, facts, now, lapsed, active) => {
    expect(isOptionLapsed(facts, now)).toBe(lapsed);
    expect(isActive(facts, now)).toBe(active);
  });
});

type Case = [string, StatusFacts, StatusAction, Date];

describe('status changes the agency may make', () => {
  it.each<[...Case, string, string | null]>([
    ['the guest confirms an option in time', option, { kind: 'confirm' }, BEFORE, 'confirmed', null],
    ['an option with no expiry is confirmed', openOption, { kind: 'confirm' }, AFTER, 'confirmed', null],
    ['the guest withdraws an option', option, { kind: 'cancel', reason: 'Client a trouvé ailleurs' }, BEFORE, 'cancelled', 'Client a trouvé ailleurs'],
    ['the clerk cancels an option left past its expiry', option, { kind: 'cancel', reason: 'Sans nouvelles' }, AFTER, 'cancelled', 'Sans nouvelles'],
    ['a confirmed stay is cancelled, reason trimmed', confirmed, { kind: 'cancel', reason: '  Décès dans la famille \n' }, AFTER, 'cancelled', 'Décès dans la famille'],
    ['the sweep lapses an option at its expiry', option, { kind: 'lapse' }, AT, 'cancelled', OPTION_LAPSED_REASON],
    ['the sweep lapses an option the next morning', option, { kind: 'lapse' }, AFTER, 'cancelled', OPTION_LAPSED_REASON],
  ])('%s', (_what, facts, action, now, status, cancelReason) => {
    expect(decideTransition(facts, action, now)).toEqual({ ok: true, status, cancelReason });
  });

  it.each<[...Case, string]>([
    [
      'an option not confirmed by its expiry can no longer be confirmed',
      option,
      { kind: 'confirm' },
      AFTER,
      "L'option a expiré le 12/07/2026 à 14:32 : elle ne peut plus être confirmée. Créez un nouveau dossier si les dates sont libres.",
    ],
    ['confirming twice', confirmed, { kind: 'confirm' }, AFTER, 'Le dossier est déjà confirmé.'],
    ['cancelling an option without a reason', option, { kind: 'cancel', reason: '' }, BEFORE, "Indiquez le motif de l'annulation."],
    ['cancelling a stay with a blank reason', confirmed, { kind: 'cancel', reason: '  \t ' }, BEFORE, "Indiquez le motif de l'annulation."],
    [
      'lapsing an option one second early',
      option,
      { kind: 'lapse' },
      BEFORE,
      "L'option court jusqu'au 12/07/2026 à 14:32 : elle n'a pas encore expiré.",
    ],
    ['lapsing an option that has no expiry', openOption, { kind: 'lapse' }, AFTER, "Cette option n'a pas de date d'échéance : elle ne peut pas expirer."],
    ['lapsing a confirmed stay', confirmed, { kind: 'lapse' }, AFTER, "Le dossier est confirmé : il n'a plus d'échéance d'option."],
    ['confirming a cancelled booking', cancelled, { kind: 'confirm' }, BEFORE, 'Le dossier est annulé : il ne peut plus être modifié.'],
    ['cancelling a cancelled booking again', cancelled, { kind: 'cancel', reason: 'Doublon' }, BEFORE, 'Le dossier est annulé : il ne peut plus être modifié.'],
    ['lapsing a cancelled booking', { status: 'cancelled', optionExpiresAt: EXPIRY }, { kind: 'lapse' }, AFTER, 'Le dossier est annulé : il ne peut plus être modifié.'],
  ])('refused: %s', (_what, facts, action, now, message) => {
    expect(decideTransition(facts, action, now)).toEqual({ ok: false, code: 'invalid_transition', message });
  });

  it('writes the expiry in the agency time zone', () => {
    const result = decideTransition(option, { kind: 'confirm' }, AFTER, 'Indian/Reunion');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('le 12/07/2026 à 16:32');
  });
});

describe('status shown in the bookings list', () => {
  it.each<[string, StatusFacts & { cancelReason?: string | null }, Date, string]>([
    ['an option still running', option, BEFORE, 'Option'],
    ['an option past expiry, not yet swept', option, AFTER, 'Option expirée'],
    ['an option swept by the nightly job', { ...cancelled, cancelReason: OPTION_LAPSED_REASON }, AFTER, 'Option expirée'],
    ['a confirmed stay', confirmed, AFTER, 'Confirmé'],
    ['a stay cancelled by the guest', { ...cancelled, cancelReason: 'Client malade' }, AFTER, 'Annulé'],
    ['a cancelled stay with no reason recorded', { ...cancelled, cancelReason: null }, AFTER, 'Annulé'],
    ['a cancelled stay from an old import', cancelled, AFTER, 'Annulé'],
  ])('%s reads "%s"', (_what, facts, now, label) => {
    expect(statusLabel(facts, now)).toBe(label);
  });
});
