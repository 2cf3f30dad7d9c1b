// What the clerk edits on an existing dossier, as typed, and the 'bookings/update' it becomes.
import type { BookingDetail, Input } from '../../../src-shared/contract';
import { parseMoney } from '../../../src-shared/domain';
import { dateError, frenchDateText, parseFrenchDate } from './dates';
import { hasErrors, lineDrafts, lineErrors, lineSignature, lineValue, moneyError, moneyInputText, type LineDraft, type LineErrors } from './lines';
import { stayErrors, stayValue, type StayDraft, type StayErrors } from './stay';

export interface DossierDraft {
  stay: StayDraft;
  lines: LineDraft[];
  balanceDueDate: string;
  /** Empty: the property's default amount applies. */
  deposit: string;
  notes: string;
}

export interface DraftErrors {
  stay: StayErrors;
  lines: LineErrors[];
  balanceDueDate?: string;
  deposit?: string;
}

export function draftFromDetail(d: BookingDetail): DossierDraft {
  return {
    stay: {
      propertyId: d.propertyId,
      arrival: frenchDateText(d.arrival),
      departure: frenchDateText(d.departure),
      adults: String(d.adults),
      children: String(d.children),
    },
    lines: lineDrafts(d.lines),
    balanceDueDate: frenchDateText(d.balanceDueDate),
    deposit: d.depositOverrideCents === null ? '' : moneyInputText(d.depositOverrideCents),
    notes: d.notes,
  };
}

export function draftErrors(d: DossierDraft): DraftErrors {
  const errors: DraftErrors = { stay: stayErrors(d.stay), lines: d.lines.map(lineErrors) };
  const due = dateError(d.balanceDueDate, false);
  if (due) errors.balanceDueDate = due;
  const deposit = moneyError(d.deposit, false);
  if (deposit) errors.deposit = deposit;
  return errors;
}

export function draftIsValid(e: DraftErrors): boolean {
  return !hasErrors(e.stay) && !e.lines.some(hasErrors) && !e.balanceDueDate && !e.deposit;
}

/** Null while some field does not parse (the caller shows the errors instead). */
export function updateInput(id: string, d: DossierDraft): Input<'bookings/update'> | null {
  const stay = stayValue(d.stay);
  const lines = d.lines.map(lineValue);
  if (!stay || lines.some((l) => l === null) || !draftIsValid(draftErrors(d))) return null;
  return {
    id,
    ...stay,
    lines: lines.filter((l) => l !== null),
    balanceDueDate: parseFrenchDate(d.balanceDueDate),
    depositAmountCents: d.deposit.trim() === '' ? null : parseMoney(d.deposit),
    notes: d.notes,
  };
}

/** What the draft means: equal signatures are the same dossier, however it was typed. */
export function draftSignature(d: DossierDraft): string {
  const s = d.stay;
  return JSON.stringify([
    s.propertyId,
    parseFrenchDate(s.arrival) ?? s.arrival,
    parseFrenchDate(s.departure) ?? s.departure,
    s.adults.trim(),
    (s.children || '0').trim(),
    d.lines.map(lineSignature),
    parseFrenchDate(d.balanceDueDate) ?? d.balanceDueDate.trim(),
    d.deposit.trim() === '' ? null : (parseMoney(d.deposit) ?? d.deposit),
    d.notes.trim(),
  ]);
}
