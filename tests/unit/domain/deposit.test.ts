import { describe, expect, it } from 'vitest';
import { depositCell, UNSECURED_DEPOSIT_STATES, type DepositFacts } from '../../../src-shared/domain/deposit';

const nbsp = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const facts = (over: Partial<DepositFacts>): DepositFacts => ({
  depositState: 'requested',
  depositSecuredAt: null,
  arrival: '2026-07-20',
  depositAmountCents: 50_000,
  ...over,
});
const TODAY = '2026-07-11';

describe('the "Caut." cell', () => {
  it.each([
    ['no deposit due shows nothing', facts({ depositState: 'none' }), '', 'none'],
    ['a deposit to request', facts({ depositState: 'to_request' }), 'À demander', 'warning'],
    ['a request waiting for the network', facts({ depositState: 'requesting' }), 'Envoi en attente', 'pending'],
    ['a request sent, arrival in 9 days', facts({ depositState: 'requested' }), 'Demandée', 'pending'],
    ['a request sent, arrival in 2 days turns red', facts({ depositState: 'requested', arrival: '2026-07-13' }), 'Demandée', 'danger'],
    ['a secured deposit shows when, in Paris time', facts({ depositState: 'secured', depositSecuredAt: '2026-07-12T12:32:00Z' }), '12/07 14:32', 'ok'],
    ['a secured deposit with a date-only value shows the date', facts({ depositState: 'secured', depositSecuredAt: '2026-07-12' }), '12/07', 'ok'],
    ['a released deposit', facts({ depositState: 'released' }), 'Libérée', 'muted'],
    ['a request expired unsecured', facts({ depositState: 'expired_unsecured' }), 'Expirée', 'danger'],
    ['a cancelled request', facts({ depositState: 'cancelled' }), 'Annulée', 'muted'],
    ['a failed request', facts({ depositState: 'failed' }), 'Échec', 'danger'],
  ])('%s', (_case, f, text, tone) => {
    const cell = depositCell(f, TODAY);
    expect(cell.text).toBe(text);
    expect(cell.tone).toBe(tone);
    if (f.depositState !== 'none') expect(cell.icon).not.toBe('');
  });

  it('gives the amount and the exact secured date and time in the tooltip', () => {
    const cell = depositCell(facts({ depositState: 'secured', depositSecuredAt: '2026-07-12T12:32:00Z' }), TODAY);
    expect(nbsp(cell.detail)).toBe('Caution 500,00 € — sécurisée le 12/07/2026 à 14:32');
  });

  it('counts as "non sécurisée" exactly the deposits to chase', () => {
    expect([...UNSECURED_DEPOSIT_STATES].sort()).toEqual(['expired_unsecured', 'failed', 'requested', 'requesting', 'to_request']);
  });
});
