// The deposit ("caution") as staff see it in the "Caut." column and the Tarification témoin.
// States and wording follow specs/swikly.md §6.
import { addDays, DEFAULT_TIME_ZONE, formatInstant, formatStayDate, isValidStayDate } from './dates';
import { formatMoney } from './money';

export const DEPOSIT_STATES = [
  'none',
  'to_request',
  'requesting',
  'requested',
  'secured',
  'released',
  'expired_unsecured',
  'cancelled',
  'failed',
] as const;
export type DepositState = (typeof DEPOSIT_STATES)[number];

/** Deposits still to chase: due and not held on the guest's card. */
export const UNSECURED_DEPOSIT_STATES: readonly DepositState[] = ['to_request', 'requesting', 'requested', 'expired_unsecured', 'failed'];

export const DEPOSIT_STATE_LABELS: Readonly<Record<DepositState, string>> = {
  none: 'Aucune',
  to_request: 'À demander',
  requesting: 'Envoi en attente',
  requested: 'Demandée',
  secured: 'Sécurisée',
  released: 'Libérée',
  expired_unsecured: 'Expirée',
  cancelled: 'Annulée',
  failed: 'Échec',
};

export type DepositTone = 'none' | 'ok' | 'pending' | 'warning' | 'danger' | 'muted';

export interface DepositCell {
  /** Short text in the cell; never empty when there is a deposit, so colour is never the only cue. */
  text: string;
  icon: string;
  tone: DepositTone;
  /** Tooltip: amount and, once secured, the date and time. */
  detail: string;
}

export interface DepositFacts {
  depositState: DepositState;
  depositSecuredAt: string | null;
  arrival: string;
  /** Amount asked, in cents (the dossier's own or the property default); null when unknown. */
  depositAmountCents: number | null;
}

/** "12/07 14:32" from an instant, or "12/07" from a date-only value (Swikly sometimes sends one). */
function shortSecuredAt(value: string, timeZone: string): string {
  if (isValidStayDate(value)) return formatStayDate(value).slice(0, 5);
  const full = formatInstant(value, timeZone); // dd/MM/yyyy HH:mm
  return `${full.slice(0, 5)} ${full.slice(11)}`;
}

function longSecuredAt(value: string, timeZone: string): string {
  if (isValidStayDate(value)) return `le ${formatStayDate(value)}`;
  const full = formatInstant(value, timeZone);
  return `le ${full.slice(0, 10)} à ${full.slice(11)}`;
}

/** What the "Caut." cell shows for a dossier. `today` is the agency's calendar date. */
export function depositCell(facts: DepositFacts, today: string, timeZone: string = DEFAULT_TIME_ZONE): DepositCell {
  const amount = facts.depositAmountCents !== null ? `Caution ${formatMoney(facts.depositAmountCents)}` : 'Caution';
  const state = facts.depositState;
  switch (state) {
    case 'none':
      return { text: '', icon: '', tone: 'none', detail: 'Pas de caution pour ce dossier' };
    case 'secured': {
      const at = facts.depositSecuredAt;
      return {
        text: at ? shortSecuredAt(at, timeZone) : 'Sécurisée',
        icon: '✔',
        tone: 'ok',
        detail: at ? `${amount} — sécurisée ${longSecuredAt(at, timeZone)}` : `${amount} — sécurisée`,
      };
    }
    case 'requested': {
      const soon = facts.arrival <= addDays(today, 2);
      return {
        text: 'Demandée',
        icon: soon ? '⚠' : '…',
        tone: soon ? 'danger' : 'pending',
        detail: `${amount} — demandée, pas encore sécurisée${soon ? ' ; arrivée dans 2 jours ou moins' : ''}`,
      };
    }
    case 'to_request':
      return { text: 'À demander', icon: '○', tone: 'warning', detail: `${amount} — à demander au locataire` };
    case 'requesting':
      return { text: 'Envoi en attente', icon: '⇡', tone: 'pending', detail: `${amount} — demande enregistrée, envoi à Swikly dès que possible` };
    case 'released':
      return { text: 'Libérée', icon: '↺', tone: 'muted', detail: `${amount} — libérée` };
    case 'expired_unsecured':
      return { text: 'Expirée', icon: '✖', tone: 'danger', detail: `${amount} — demande expirée sans être sécurisée` };
    case 'cancelled':
      return { text: 'Annulée', icon: '–', tone: 'muted', detail: `${amount} — demande annulée` };
    case 'failed':
      return { text: 'Échec', icon: '✖', tone: 'danger', detail: `${amount} — échec de la demande : faites une nouvelle demande` };
  }
}

/**
 * The amount to ask (specs/swikly.md §1): the dossier's own amount wins when set, even 0; otherwise
 * the property's default. Zero means no deposit.
 */
export function resolveDepositAmount(
  dossierCents: number | null,
  propertyDefaultCents: number,
): { amountCents: number; source: 'dossier' | 'property' | 'none' } {
  if (dossierCents !== null) return { amountCents: dossierCents, source: dossierCents > 0 ? 'dossier' : 'none' };
  return { amountCents: propertyDefaultCents, source: propertyDefaultCents > 0 ? 'property' : 'none' };
}

/** Swikly's deposit.status → Comptoir's state (specs/swikly.md §6); unknown statuses read as still requested. */
export function depositStateFromSwikly(status: string | null | undefined): DepositState {
  switch (status) {
    case 'Accepted':
      return 'secured';
    case 'Released':
    case 'Expired':
      return 'released';
    case 'ExpiredWithoutAcceptance':
      return 'expired_unsecured';
    case 'Canceled':
      return 'cancelled';
    case 'Failed':
      return 'failed';
    default:
      return 'requested';
  }
}

/** Swikly statuses after which nothing changes any more: the request is no longer polled. */
export function isFinalSwiklyStatus(status: string | null | undefined): boolean {
  return status === 'Released' || status === 'Expired' || status === 'ExpiredWithoutAcceptance' || status === 'Canceled';
}

/** The internal note written on the dossier when its deposit is secured. */
export function depositSecuredNote(acceptedAt: string, amountCents: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  return `Caution sécurisée ${longSecuredAt(acceptedAt, timeZone)} — ${formatMoney(amountCents)}`;
}
