// The Tarification a new dossier starts from: the property's price list applied to the stay.
// The clerk edits it before saving; nothing here is binding once the dossier exists.
import { validateStay } from './availability';
import { nightsBetween } from './dates';
import type { PricingLineKind } from './pricing';

/** The property's price list, in cents (rent per night, tourist tax per adult and per night). */
export interface PropertyPrices {
  nightlyRateCents: number;
  cleaningFeeCents: number;
  bookingFeeCents: number;
  touristTaxCents: number;
}

export interface StayParty {
  arrival: string;
  departure: string;
  adults: number;
}

export interface PricingLineDraft {
  label: string;
  kind: PricingLineKind;
  quantity: number;
  unitPriceCents: number;
}

/**
 * Loyer (nights × nightly rate), then Ménage, Frais de dossier and Taxe de séjour (adults ×
 * nights) when the property charges them. The rent line is always there, even at 0 €, so the
 * clerk sees where to type a negotiated rent. A stay that is not yet a valid range (departure
 * missing or before arrival) has no nights to price: no lines.
 */
export function defaultPricingLines(property: PropertyPrices, stay: StayParty): PricingLineDraft[] {
  if (validateStay(stay) !== null) return [];
  const nights = nightsBetween(stay.arrival, stay.departure);
  const lines: PricingLineDraft[] = [{ label: 'Loyer', kind: 'rent', quantity: nights, unitPriceCents: property.nightlyRateCents }];
  if (property.cleaningFeeCents > 0) {
    lines.push({ label: 'Ménage', kind: 'cleaning', quantity: 1, unitPriceCents: property.cleaningFeeCents });
  }
  if (property.bookingFeeCents > 0) {
    lines.push({ label: 'Frais de dossier', kind: 'fees', quantity: 1, unitPriceCents: property.bookingFeeCents });
  }
  // Children pay no tourist tax; a party of no adult has no taxable night (and a line of
  // quantity 0 would be refused on save).
  const taxedNights = Math.max(0, Math.trunc(stay.adults)) * nights;
  if (property.touristTaxCents > 0 && taxedNights > 0) {
    lines.push({ label: 'Taxe de séjour', kind: 'tourist_tax', quantity: taxedNights, unitPriceCents: property.touristTaxCents });
  }
  return lines;
}
