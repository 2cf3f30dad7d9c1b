import { describe, expect, it } from 'vitest';
import { defaultPricingLines, type PricingLineDraft } from '../../../src-shared/domain/pricing-defaults';
import { pricingTotals } from '../../../src-shared/domain/pricing';

const villa = { nightlyRateCents: 12_000, cleaningFeeCents: 8_000, bookingFeeCents: 2_500, touristTaxCents: 125 };
const week = { arrival: '2026-07-11', departure: '2026-07-18', adults: 2 };

const rent = (quantity: number, unitPriceCents: number): PricingLineDraft => ({ label: 'Loyer', kind: 'rent', quantity, unitPriceCents });
const cleaning = (unitPriceCents: number): PricingLineDraft => ({ label: 'Ménage', kind: 'cleaning', quantity: 1, unitPriceCents });
const fees = (unitPriceCents: number): PricingLineDraft => ({ label: 'Frais de dossier', kind: 'fees', quantity: 1, unitPriceCents });
const tax = (quantity: number, unitPriceCents: number): PricingLineDraft => ({
  label: 'Taxe de séjour',
  kind: 'tourist_tax',
  quantity,
  unitPriceCents,
});

describe('the Tarification a new dossier starts from', () => {
  it.each<[string, typeof villa, typeof week, PricingLineDraft[]]>([
    ['a week for two at the villa', villa, week, [rent(7, 12_000), cleaning(8_000), fees(2_500), tax(14, 125)]],
    ['one night alone', villa, { arrival: '2026-07-11', departure: '2026-07-12', adults: 1 }, [rent(1, 12_000), cleaning(8_000), fees(2_500), tax(1, 125)]],
    ['four adults: the tax counts every adult every night', villa, { ...week, adults: 4 }, [rent(7, 12_000), cleaning(8_000), fees(2_500), tax(28, 125)]],
    ['no cleaning fee: no Ménage line', { ...villa, cleaningFeeCents: 0 }, week, [rent(7, 12_000), fees(2_500), tax(14, 125)]],
    ['no booking fee: no Frais de dossier line', { ...villa, bookingFeeCents: 0 }, week, [rent(7, 12_000), cleaning(8_000), tax(14, 125)]],
    ['a commune without tourist tax', { ...villa, touristTaxCents: 0 }, week, [rent(7, 12_000), cleaning(8_000), fees(2_500)]],
    ['a property with no price list still offers the rent line', { nightlyRateCents: 0, cleaningFeeCents: 0, bookingFeeCents: 0, touristTaxCents: 0 }, week, [rent(7, 0)]],
    ['no adult: no taxable night', villa, { ...week, adults: 0 }, [rent(7, 12_000), cleaning(8_000), fees(2_500)]],
    ['across the end of February of a leap year', villa, { arrival: '2028-02-27', departure: '2028-03-02', adults: 2 }, [rent(4, 12_000), cleaning(8_000), fees(2_500), tax(8, 125)]],
    ['across the autumn clock change', villa, { arrival: '2026-10-24', departure: '2026-10-27', adults: 2 }, [rent(3, 12_000), cleaning(8_000), fees(2_500), tax(6, 125)]],
  ])('%s', (_what, property, stay, expected) => {
    expect(defaultPricingLines(property, stay)).toEqual(expected);
  });

  it.each([
    ['departure missing', { arrival: '2026-07-11', departure: '' }],
    ['departure on the arrival day', { arrival: '2026-07-11', departure: '2026-07-11' }],
    ['departure before arrival', { arrival: '2026-07-18', departure: '2026-07-11' }],
    ['a day that does not exist', { arrival: '2026-02-30', departure: '2026-03-04' }],
  ])('has nothing to price while the stay is not a range of nights (%s)', (_what, dates) => {
    expect(defaultPricingLines(villa, { ...dates, adults: 2 })).toEqual([]);
  });

  it('adds up to the price the agency quotes for the week', () => {
    // 7 × 120 € + 80 € + 25 € + 14 × 1,25 € = 962,50 €
    expect(pricingTotals(defaultPricingLines(villa, week), []).totalCents).toBe(96_250);
  });
});
