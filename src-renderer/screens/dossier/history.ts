// One readable sentence per audit entry of a dossier. The audit stores raw values
// ({field: [before, after]}, cents, codes); the Historique speaks the clerk's words.
import { EMAIL_KIND_LABELS, formatMoney, formatStayDate, isValidStayDate, type EmailKind } from '../../../src-shared/domain';
import {
  CIVILITY_LABELS,
  CLIENT_LANGUAGE_LABELS,
  COMM_PREFERENCE_LABELS,
  HISTORY_ACTION_LABELS,
  PAYMENT_METHOD_LABELS,
  STATUS_WORDS,
  type Civility,
  type ClientLanguage,
  type CommPreference,
  type PaymentMethod,
} from './labels';

export interface HistoryContext {
  propertyName(id: string): string | undefined;
}

type Changes = Record<string, unknown>;

const money = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? formatMoney(v) : '—');
const day = (v: unknown) => (typeof v === 'string' && isValidStayDate(v) ? formatStayDate(v) : 'aucune');
const plain = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** How each field of an update reads: label and value formatter. */
const FIELDS: Record<string, [string, (v: unknown, ctx: HistoryContext) => string]> = {
  propertyId: ['Logement', (v, ctx) => (typeof v === 'string' ? (ctx.propertyName(v) ?? 'autre logement') : '—')],
  arrival: ['Arrivée', day],
  departure: ['Départ', day],
  nights: ['Nuits', plain],
  adults: ['Adultes', plain],
  children: ['Enfants', plain],
  depositAmountCents: ['Caution', (v) => (v === null ? 'montant du logement' : money(v))],
  balanceDueDate: ["Échéance du solde", day],
  totalCents: ['Total', money],
  balanceCents: ['Solde', money],
};

/** The client's fiche, as « Fiche client » entries read. */
const CLIENT_FIELDS: Record<string, [string, (v: unknown) => string]> = {
  civility: ['Civilité', (v) => CIVILITY_LABELS[v as Civility] || 'non précisée'],
  lastName: ['Nom', plain],
  firstName: ['Prénom', plain],
  email: ['E-mail', plain],
  phone: ['Téléphone', plain],
  addressLine1: ['Adresse', plain],
  addressLine2: ["Complément d'adresse", plain],
  addressLine3: ['Lieu-dit ou boîte postale', plain],
  postcode: ['Code postal', plain],
  city: ['Ville', plain],
  country: ['Pays', plain],
  language: ['Langue', (v) => CLIENT_LANGUAGE_LABELS[v as ClientLanguage] ?? plain(v)],
  commPreference: ['Préférence de contact', (v) => (v === null ? 'non précisée' : (COMM_PREFERENCE_LABELS[v as CommPreference] ?? plain(v)))],
};

function describeClientUpdate(c: Changes): string {
  return Object.entries(c)
    .map(([key, value]) => {
      const [label, format] = CLIENT_FIELDS[key] ?? [key, plain];
      const [before, after] = pair(value);
      return `${label} : ${format(before)} → ${format(after)}`;
    })
    .join(' ; ');
}

function parse(changes: string): Changes | null {
  try {
    const value: unknown = JSON.parse(changes);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Changes) : null;
  } catch {
    return null;
  }
}

function pair(v: unknown): [unknown, unknown] {
  return Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : [undefined, v];
}

function describeUpdate(c: Changes, ctx: HistoryContext): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(c)) {
    if (key === 'notes') {
      parts.push('Notes internes modifiées');
      continue;
    }
    const field = FIELDS[key];
    const [before, after] = pair(value);
    if (field) parts.push(`${field[0]} : ${field[1](before, ctx)} → ${field[1](after, ctx)}`);
    else parts.push(`${key} : ${plain(before)} → ${plain(after)}`);
  }
  return parts.length > 0 ? parts.join(' ; ') : 'Aucun changement de dates, de montants ni de notes';
}

function describeStatus(c: Changes): string {
  const [before, after] = pair(c.status);
  const change = `${STATUS_WORDS[String(before)] ?? plain(before)} → ${STATUS_WORDS[String(after)] ?? plain(after)}`;
  return typeof c.cancelReason === 'string' ? `${change} ; motif : ${c.cancelReason}` : change;
}

export function historyActionLabel(action: string): string {
  return HISTORY_ACTION_LABELS[action] ?? action;
}

export function historySummary(action: string, changes: string, ctx: HistoryContext): string {
  const c = parse(changes);
  if (!c) return changes;
  switch (action) {
    case 'create':
      return [
        `Dossier ${plain(c.number)}`,
        STATUS_WORDS[String(c.status)] ?? plain(c.status),
        `du ${day(c.arrival)} au ${day(c.departure)}`,
        `total ${money(c.totalCents)}`,
      ].join(' — ');
    case 'update':
      return describeUpdate(c, ctx);
    case 'confirm':
    case 'cancel':
    case 'lapse':
      return describeStatus(c);
    case 'payment':
      return `${money(c.amountCents)} — ${PAYMENT_METHOD_LABELS[c.method as PaymentMethod] ?? plain(c.method)}`;
    case 'client_update':
      return describeClientUpdate(c);
    case 'email_not_created':
      return `${EMAIL_KIND_LABELS[c.kind as EmailKind] ?? plain(c.kind)} : ${plain(c.reason)}`;
    default:
      return Object.keys(c).length > 0 ? describeUpdate(c, ctx) : '';
  }
}
