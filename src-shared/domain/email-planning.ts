// Retro-planning of the semi-automatic e-mails ("E-mail Auto"): for each dossier and each
// tab, the day the e-mail becomes due and the last day it stays in the list.
//
// Every date here is an agency-local calendar day ('YYYY-MM-DD'), so offsets are counted
// in calendar days: a daylight-saving weekend never moves a due date. The caller turns
// "now" into `today` with stayDateInZone(now, agencyTimeZone).
import { addDays, isValidStayDate } from './dates';

export const PLANNED_EMAIL_KINDS = ['balanceReminder', 'arrivalReminder', 'optionExpiry', 'afterDeparture'] as const;
export const ACTION_EMAIL_KINDS = ['bookingConfirmation', 'bookingCancellation', 'depositRequest'] as const;
export const EMAIL_KINDS = [...PLANNED_EMAIL_KINDS, ...ACTION_EMAIL_KINDS] as const;
/** E-mails created by the retro-planning, one tab each in E-mail Auto. */
export type PlannedEmailKind = (typeof PLANNED_EMAIL_KINDS)[number];
/** E-mails created by an action of staff (confirming, cancelling, asking for the deposit). */
export type ActionEmailKind = (typeof ACTION_EMAIL_KINDS)[number];
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_KIND_LABELS: Readonly<Record<EmailKind, string>> = {
  balanceReminder: 'Rappel solde',
  arrivalReminder: 'Rappel arrivées',
  optionExpiry: 'Expiration Options',
  afterDeparture: 'Après départ',
  bookingConfirmation: 'Confirmation de réservation',
  bookingCancellation: 'Annulation',
  depositRequest: 'Sécurisation caution',
};

/** Label of the delay field in Paramétrage › Agences › Emails. */
export const OFFSET_LABELS: Readonly<Record<PlannedEmailKind, string>> = {
  balanceReminder: 'Jours avant échéance du solde',
  arrivalReminder: 'Jours avant arrivée',
  optionExpiry: "Jours avant expiration de l'option",
  afterDeparture: 'Jours après départ',
};

export const DEFAULT_OFFSETS: Readonly<Record<PlannedEmailKind, number>> = {
  balanceReminder: 7,
  arrivalReminder: 7,
  optionExpiry: 2,
  afterDeparture: 7,
};

/** "Vous avez une période de 14 jours pour envoyer ces emails avant qu'ils ne soient supprimés de la liste." */
export const AFTER_DEPARTURE_WINDOW_DAYS = 14;
export const MAX_OFFSET_DAYS = 365;

export function isPlannedEmailKind(k: string): k is PlannedEmailKind {
  return (PLANNED_EMAIL_KINDS as readonly string[]).includes(k);
}

export interface PlanningDossier {
  status: 'option' | 'confirmed' | 'cancelled';
  arrival: string;
  departure: string;
  balanceDueDate: string | null;
  balanceCents: number;
  /** Agency-local calendar date of the option's expiry. */
  optionExpiresOn: string | null;
  /** Agency-local date it was confirmed (null: unknown → createdOn is used). */
  confirmedOn: string | null;
  /** Agency-local date the dossier was created. */
  createdOn: string;
  propertyId: string;
  source: string;
}

export interface PlanningRule {
  kind: PlannedEmailKind;
  /** Whole days, 0..MAX_OFFSET_DAYS: before the anchor, or after it for afterDeparture. */
  offsetDays: number;
  /** « Envoyer même si le délai est dépassé »: on by default. */
  sendLate: boolean;
  /** Optional conditions; empty = all. */
  propertyIds: string[];
  sources: string[];
}

export interface PlannedEmail {
  kind: PlannedEmailKind;
  /** The dossier date the offset is counted from. */
  anchorDate: string;
  /** First day the e-mail is listed. */
  dueDate: string;
  /** Last day it is listed. */
  closesOn: string;
}

function requireOffset(offsetDays: number): void {
  if (!Number.isInteger(offsetDays) || offsetDays < 0 || offsetDays > MAX_OFFSET_DAYS) {
    throw new RangeError(`E-mail offset must be a whole number of days from 0 to ${MAX_OFFSET_DAYS}: ${offsetDays}`);
  }
}

const later = (a: string, b: string): string => (a >= b ? a : b);

function matchesConditions(d: PlanningDossier, rule: PlanningRule): boolean {
  if (rule.propertyIds.length > 0 && !rule.propertyIds.includes(d.propertyId)) return false;
  if (rule.sources.length > 0 && !rule.sources.includes(d.source)) return false;
  return true;
}

/**
 * Where the e-mail sits on the calendar for this dossier; null when the kind does not apply to it.
 *
 * - A cancelled dossier never gets one, nor one outside the rule's conditions (properties, sources).
 * - Rappel arrivées: confirmed dossiers; due `offset` days before arrival; listed until the eve of
 *   arrival (or the due day itself when the offset is 0).
 * - Rappel solde: confirmed dossiers that still owe something (balance > 0 — paying it closes the
 *   e-mail); due `offset` days before the balance due date, or before arrival when there is none;
 *   listed until the eve of arrival (never before the due day).
 * - Expiration Options: options with an expiry date (confirming closes the e-mail); due `offset` days
 *   before the expiry date; listed until that date.
 * - Après départ: confirmed dossiers; due `offset` days after departure; listed for
 *   AFTER_DEPARTURE_WINDOW_DAYS more days.
 *
 * @throws RangeError when the offset is not a whole number of days in 0..MAX_OFFSET_DAYS, or a date is invalid.
 */
export function planEmail(d: PlanningDossier, rule: PlanningRule): PlannedEmail | null {
  requireOffset(rule.offsetDays);
  if (d.status === 'cancelled' || !matchesConditions(d, rule)) return null;
  const kind = rule.kind;
  const offset = rule.offsetDays;
  switch (kind) {
    case 'arrivalReminder': {
      if (d.status !== 'confirmed') return null;
      const dueDate = addDays(d.arrival, -offset);
      return { kind, anchorDate: d.arrival, dueDate, closesOn: later(dueDate, addDays(d.arrival, -1)) };
    }
    case 'balanceReminder': {
      if (d.status !== 'confirmed' || d.balanceCents <= 0) return null;
      const anchorDate = d.balanceDueDate ?? d.arrival;
      const dueDate = addDays(anchorDate, -offset);
      return { kind, anchorDate, dueDate, closesOn: later(dueDate, addDays(d.arrival, -1)) };
    }
    case 'optionExpiry': {
      if (d.status !== 'option' || d.optionExpiresOn === null) return null;
      const anchorDate = d.optionExpiresOn;
      return { kind, anchorDate, dueDate: addDays(anchorDate, -offset), closesOn: addDays(anchorDate, 0) };
    }
    case 'afterDeparture': {
      if (d.status !== 'confirmed') return null;
      const dueDate = addDays(d.departure, offset);
      return { kind, anchorDate: d.departure, dueDate, closesOn: addDays(dueDate, AFTER_DEPARTURE_WINDOW_DAYS) };
    }
    default: {
      const unknown: never = kind;
      throw new RangeError(`Unknown planned e-mail kind: ${String(unknown)}`);
    }
  }
}

export type Listing =
  | { listed: true; planned: PlannedEmail; late: boolean }
  | { listed: false; reason: 'not_applicable' | 'not_due' | 'closed' | 'late_confirmation' };

/**
 * The day the dossier entered the e-mail's scope: its confirmation for the confirmed-only kinds
 * (its creation when the date is unknown), its creation for an option.
 */
function becameApplicableOn(d: PlanningDossier, kind: PlannedEmailKind): string {
  return kind === 'optionExpiry' ? d.createdOn : (d.confirmedOn ?? d.createdOn);
}

/**
 * Whether the e-mail is in the E-mail Auto list on `today` (agency-local 'YYYY-MM-DD').
 *
 * Listed iff the kind applies and dueDate ≤ today ≤ closesOn. A dossier that entered the
 * e-mail's scope after its due date (confirmed, or taken as an option, too late for the
 * offset) is listed with `late: true` when the rule sends late, and not listed at all
 * ('late_confirmation') otherwise.
 */
export function emailListing(d: PlanningDossier, rule: PlanningRule, today: string): Listing {
  if (!isValidStayDate(today)) throw new RangeError(`Invalid date for today: ${JSON.stringify(today)}`);
  const planned = planEmail(d, rule);
  if (planned === null) return { listed: false, reason: 'not_applicable' };
  if (today < planned.dueDate) return { listed: false, reason: 'not_due' };
  if (today > planned.closesOn) return { listed: false, reason: 'closed' };
  const late = becameApplicableOn(d, rule.kind) > planned.dueDate;
  if (late && !rule.sendLate) return { listed: false, reason: 'late_confirmation' };
  return { listed: true, planned, late };
}
