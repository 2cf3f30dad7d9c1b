// The stay as typed on both dossier screens: property, dates (French text) and party.
import { validateStay } from '../../../src-shared/domain';
import { dateError, parseFrenchDate } from './dates';

export interface StayDraft {
  propertyId: string;
  /** As typed: "12/07/2026". */
  arrival: string;
  departure: string;
  adults: string;
  children: string;
}

export interface StayRange {
  propertyId: string;
  /** ISO "2026-07-12". */
  arrival: string;
  departure: string;
}

export interface StayValue extends StayRange {
  adults: number;
  children: number;
}

export type StayErrors = Partial<Record<keyof StayDraft, string>>;

function count(text: string): number | null {
  return /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** Property and nights when both dates parse into a range of at least one night. */
export function stayRange(stay: StayDraft): StayRange | null {
  const arrival = parseFrenchDate(stay.arrival);
  const departure = parseFrenchDate(stay.departure);
  if (!stay.propertyId || !arrival || !departure || validateStay({ arrival, departure })) return null;
  return { propertyId: stay.propertyId, arrival, departure };
}

export function stayErrors(stay: StayDraft): StayErrors {
  const errors: StayErrors = {};
  if (!stay.propertyId) errors.propertyId = 'Choisissez un logement.';
  const arrival = dateError(stay.arrival, "Indiquez la date d'arrivée.");
  const departure = dateError(stay.departure, 'Indiquez la date de départ.');
  if (arrival) errors.arrival = arrival;
  if (departure) errors.departure = departure;
  if (!arrival && !departure) {
    const problem = validateStay({ arrival: parseFrenchDate(stay.arrival)!, departure: parseFrenchDate(stay.departure)! });
    if (problem) errors.departure = problem;
  }
  const adults = count(stay.adults);
  if (adults === null || adults < 1) errors.adults = 'Au moins un adulte.';
  else if (adults > 50) errors.adults = '50 adultes au plus.';
  const children = count(stay.children || '0');
  if (children === null) errors.children = "Nombre d'enfants invalide.";
  else if (children > 50) errors.children = '50 enfants au plus.';
  return errors;
}

/** The stay when every field is usable, else null. */
export function stayValue(stay: StayDraft): StayValue | null {
  const range = stayRange(stay);
  if (!range || Object.keys(stayErrors(stay)).length > 0) return null;
  return { ...range, adults: Number(stay.adults.trim()), children: Number((stay.children || '0').trim()) };
}
