import { describe, it, expect } from 'vitest';
import {
  PRICING_KIND_LABELS,
  lineTotal,
  pricingTotals,
  validatePricingLine,
} from '../../../src-shared/domain/pricing';

describe('pricing line kinds', () => {
  it('are labelled in French for the quote', () => {
    expect(PRICING_KIND_LABELS).toEqual({
      rent: 'Loyer',
      cleaning: 'Ménage',
      fees: 'Frais de dossier',
      tourist_tax: 'Taxe de séjour',
      other: 'Autre',
    });
  });
});

describe('line totals', () => {
  it.each([
    ['a week of rent', 1, 142500, 142500],
    ['tourist tax, 4 people × 7 nights', 28, 88, 2464],
    ['half a cleaning', 0.5, 8000, 4000],
    ['1.15 hours of cleaning at 20 €', 1.15, 2000, 2300],
    ['0.58 × 25 cents is 14.5: float noise (14.4999…) must not drop the cent', 0.58, 25, 15],
    ['0.29 × 50 cents is 14.5, rounded up', 0.29, 50, 15],
    ['a half cent rounds up', 0.5, 1, 1],
    ['1.45 × 10 cents is exactly 14.5', 1.45, 10, 15],
    ['0.29 × 100 cents', 0.29, 100, 29],
    ['a free line', 3, 0, 0],
    ['the largest line allowed', 10_000, 100_000_000, 1_000_000_000_000],
  ])('%s: %s × %i = %i cents', (_what, quantity, unit, total) => {
    expect(lineTotal(quantity, unit)).toBe(total);
  });
});

describe('booking balance', () => {
  const lines = [
    { quantity: 1, unitPriceCents: 142500 },
    { quantity: 1, unitPriceCents: 8000 },
    { quantity: 28, unitPriceCents: 88 },
  ];

  it.each([
    ['nothing paid yet', [], 152964, 0, 152964],
    ['a 30 % deposit', [{ amountCents: 45889 }], 152964, 45889, 107075],
    ['deposit and balance paid', [{ amountCents: 45889 }, { amountCents: 107075 }], 152964, 152964, 0],
    ['the guest paid twice: an overpaid balance is kept negative', [{ amountCents: 152964 }, { amountCents: 45889 }], 152964, 198853, -45889],
    ['a refund recorded as a negative payment', [{ amountCents: 152964 }, { amountCents: 10000 }, { amountCents: -10000 }], 152964, 152964, 0],
  ])('%s', (_what, payments, totalCents, paidCents, balanceCents) => {
    expect(pricingTotals(lines, payments)).toEqual({ totalCents, paidCents, balanceCents });
  });

  it('an empty quote with a payment is all overpaid', () => {
    expect(pricingTotals([], [{ amountCents: 5000 }])).toEqual({ totalCents: 0, paidCents: 5000, balanceCents: -5000 });
  });
});

describe('checking a pricing line before saving', () => {
  const ok = { label: 'Loyer', quantity: 1, unitPriceCents: 142500 };
  const long = 'x'.repeat(121);

  it.each([
    ['a week of rent', ok],
    ['a label with surrounding spaces', { ...ok, label: '  Ménage  ' }],
    ['a label of exactly 120 characters', { ...ok, label: 'x'.repeat(120) }],
    ['a quantity with two decimals', { ...ok, quantity: 1.15 }],
    ['the largest quantity', { ...ok, quantity: 10_000 }],
    ['a free line', { ...ok, unitPriceCents: 0 }],
    ['the largest unit price', { ...ok, unitPriceCents: 100_000_000 }],
  ])('accepts %s', (_what, line) => {
    expect(validatePricingLine(line)).toBeNull();
  });

  it.each([
    ['no label', { ...ok, label: '   ' }, 'Indiquez le libellé de la ligne de tarif.'],
    ['a label too long', { ...ok, label: long }, `Le libellé de la ligne « ${'x'.repeat(40)}… » est trop long (120 caractères au maximum).`],
    ['a zero quantity', { ...ok, quantity: 0 }, 'Ligne « Loyer » : la quantité doit être supérieure à zéro.'],
    ['a negative quantity', { ...ok, quantity: -1 }, 'Ligne « Loyer » : la quantité doit être supérieure à zéro.'],
    ['a huge quantity', { ...ok, quantity: 10_000.01 }, 'Ligne « Loyer » : la quantité ne peut pas dépasser 10 000.'],
    ['three decimals', { ...ok, quantity: 1.155 }, 'Ligne « Loyer » : la quantité ne peut pas avoir plus de 2 décimales.'],
    ['a quantity that is not a number', { ...ok, quantity: Number.NaN }, "Ligne « Loyer » : la quantité n'est pas un nombre valide."],
    ['a fraction of a cent', { ...ok, unitPriceCents: 12.5 }, "Ligne « Loyer » : le prix unitaire n'est pas un montant valide (au centime près)."],
    ['a negative price', { ...ok, unitPriceCents: -100 }, 'Ligne « Loyer » : le prix unitaire ne peut pas être négatif.'],
  ])('refuses %s', (_what, line, message) => {
    expect(validatePricingLine(line)).toBe(message);
  });

  it('refuses a unit price above one million euros, saying the limit', () => {
    const message = validatePricingLine({ ...ok, label: ' Taxe de séjour ', unitPriceCents: 100_000_001 });
    expect(message?.replace(/[\u202f\u00a0]/g, ' ')).toBe(
      'Ligne « Taxe de séjour » : le prix unitaire ne peut pas dépasser 1 000 000,00 €.',
    );
  });
});
