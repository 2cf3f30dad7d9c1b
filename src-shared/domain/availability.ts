import { isActive, type BookingStatus } from './booking-status';
import { formatStayDate, isValidStayDate } from './dates';

// A stay occupies the nights [arrival, departure): guests leave on the
// departure morning, so that day can be the next guests' arrival.
// Valid YYYY-MM-DD strings sort like the dates they name, so plain string
// comparison is enough here.

export interface StayRange {
  arrival: string;
  departure: string;
}

export interface StaySlot extends StayRange {
  id: string;
  /** Booking file number shown to the clerk, e.g. "2026-000123". */
  number: string;
  status: BookingStatus;
  optionExpiresAt: string | null;
}

export function nightsOverlap(a: StayRange, b: StayRange): boolean {
  // A range with no night (departure ≤ arrival) cannot take anyone's night.
  if (a.departure <= a.arrival || b.departure <= b.arrival) return false;
  return a.arrival < b.departure && b.arrival < a.departure;
}

/**
 * The first booking still holding one of the candidate's nights. `existing`
 * must be the slots of the candidate's property only; the candidate's own
 * slot (when editing) is skipped so a booking never conflicts with itself.
 */
export function findConflict(
  candidate: StayRange & { id?: string },
  existing: readonly StaySlot[],
  now: Date,
): StaySlot | null {
  for (const slot of existing) {
    if (candidate.id !== undefined && slot.id === candidate.id) continue;
    if (!isActive(slot, now)) continue;
    if (nightsOverlap(candidate, slot)) return slot;
  }
  return null;
}

export function conflictMessage(slot: StaySlot): string {
  return (
    `Ces dates chevauchent le dossier ${slot.number} ` +
    `(du ${formatStayDate(slot.arrival)} au ${formatStayDate(slot.departure)}). ` +
    "Choisissez d'autres dates ou un autre logement."
  );
}

/** null when the stay is usable, otherwise what the clerk must fix. */
export function validateStay(stay: StayRange): string | null {
  if (!isValidStayDate(stay.arrival)) return "La date d'arrivée n'est pas une date valide.";
  if (!isValidStayDate(stay.departure)) return "La date de départ n'est pas une date valide.";
  if (stay.departure <= stay.arrival) return "La date de départ doit être après la date d'arrivée.";
  return null;
}
