import { DEFAULT_TIME_ZONE, formatInstantDate, formatTime } from './dates';

// An option holds the nights until it expires; once expired, the nights are
// free again even if the nightly sweep has not yet marked it cancelled. That
// is why "is this still holding its nights" always takes `now`.

export type BookingStatus = 'option' | 'confirmed' | 'cancelled';

/** Free text typed by the clerk, or OPTION_LAPSED_REASON for a lapsed option. */
export type CancelReason = string;

export const OPTION_LAPSED_REASON = 'Option expirée';

export interface StatusFacts {
  status: BookingStatus;
  /** ISO instant; only meaningful for options. */
  optionExpiresAt: string | null;
}

export type StatusAction = { kind: 'confirm' } | { kind: 'cancel'; reason: string } | { kind: 'lapse' };

export type TransitionResult =
  | { ok: true; status: BookingStatus; cancelReason: string | null }
  | { ok: false; code: 'invalid_transition'; message: string };

function expiryMs(b: StatusFacts): number | null {
  if (b.optionExpiresAt === null) return null;
  const ms = Date.parse(b.optionExpiresAt);
  return Number.isNaN(ms) ? null : ms;
}

export function isOptionLapsed(b: StatusFacts, now: Date): boolean {
  if (b.status !== 'option') return false;
  const ms = expiryMs(b);
  return ms !== null && ms <= now.getTime();
}

export function isActive(b: StatusFacts, now: Date): boolean {
  if (b.status === 'confirmed') return true;
  return b.status === 'option' && !isOptionLapsed(b, now);
}

function refuse(message: string): TransitionResult {
  return { ok: false, code: 'invalid_transition', message };
}

function atInstant(iso: string, timeZone: string): string {
  return `le ${formatInstantDate(iso, timeZone)} à ${formatTime(iso, timeZone)}`;
}

/**
 * Decides what a status change leads to, without performing it. `timeZone`
 * is the agency's, used only to write dates in the refusal messages.
 */
export function decideTransition(
  b: StatusFacts,
  action: StatusAction,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): TransitionResult {
  if (b.status === 'cancelled') {
    return refuse('Le dossier est annulé : il ne peut plus être modifié.');
  }

  switch (action.kind) {
    case 'confirm': {
      if (b.status === 'confirmed') return refuse('Le dossier est déjà confirmé.');
      if (isOptionLapsed(b, now) && b.optionExpiresAt !== null) {
        return refuse(
          `L'option a expiré ${atInstant(b.optionExpiresAt, timeZone)} : elle ne peut plus être confirmée. ` +
            'Créez un nouveau dossier si les dates sont libres.',
        );
      }
      return { ok: true, status: 'confirmed', cancelReason: null };
    }

    case 'cancel': {
      const reason = action.reason.trim();
      if (reason === '') return refuse("Indiquez le motif de l'annulation.");
      return { ok: true, status: 'cancelled', cancelReason: reason };
    }

    case 'lapse': {
      if (b.status === 'confirmed') {
        return refuse("Le dossier est confirmé : il n'a plus d'échéance d'option.");
      }
      if (b.optionExpiresAt === null || expiryMs(b) === null) {
        return refuse("Cette option n'a pas de date d'échéance : elle ne peut pas expirer.");
      }
      if (!isOptionLapsed(b, now)) {
        return refuse(
          `L'option court jusqu'au ${formatInstantDate(b.optionExpiresAt, timeZone)} à ` +
            `${formatTime(b.optionExpiresAt, timeZone)} : elle n'a pas encore expiré.`,
        );
      }
      return { ok: true, status: 'cancelled', cancelReason: OPTION_LAPSED_REASON };
    }
  }
}

/** What the clerk sees in the status column. */
export function statusLabel(b: StatusFacts & { cancelReason?: string | null }, now: Date): string {
  switch (b.status) {
    case 'confirmed':
      return 'Confirmé';
    case 'cancelled':
      return b.cancelReason === OPTION_LAPSED_REASON ? 'Option expirée' : 'Annulé';
    case 'option':
      return isOptionLapsed(b, now) ? 'Option expirée' : 'Option';
  }
}
