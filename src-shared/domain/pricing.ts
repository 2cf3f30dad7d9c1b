import { formatMoney } from './money';

export type PricingLineKind = 'rent' | 'cleaning' | 'fees' | 'tourist_tax' | 'other';

export const PRICING_KIND_LABELS: Readonly<Record<PricingLineKind, string>> = {
  rent: 'Loyer',
  cleaning: 'Ménage',
  fees: 'Frais de dossier',
  tourist_tax: 'Taxe de séjour',
  other: 'Autre',
};

export const MAX_LABEL_LENGTH = 120;
export const MAX_QUANTITY = 10_000;
export const MAX_UNIT_PRICE_CENTS = 100_000_000;

export interface PricedQuantity {
  quantity: number;
  unitPriceCents: number;
}

/** Quantity in hundredths, or null when it has more than two decimals. */
function hundredths(quantity: number): number | null {
  const scaled = quantity * 100;
  const rounded = Math.round(scaled);
  // 1.15 * 100 is 114.99999999999999: a tiny gap is float noise, not a decimal.
  return Math.abs(scaled - rounded) < 1e-6 ? rounded : null;
}

/**
 * Math.round(quantity × unit price), computed from whole hundredths so that
 * float noise cannot push a half cent the wrong way.
 */
export function lineTotal(quantity: number, unitPriceCents: number): number {
  const h = hundredths(quantity);
  if (h === null) return Math.round(quantity * unitPriceCents);
  // h × price is an exact integer; dividing by 100 yields exactly .5 when the
  // true result is a half cent, so Math.round rounds it as intended.
  return Math.round((h * unitPriceCents) / 100);
}

export interface PricingTotals {
  totalCents: number;
  paidCents: number;
  /** Negative when the guest paid more than owed (shown as "trop-perçu"). */
  balanceCents: number;
}

export function pricingTotals(
  lines: readonly PricedQuantity[],
  payments: readonly { amountCents: number }[],
): PricingTotals {
  const totalCents = lines.reduce((sum, l) => sum + lineTotal(l.quantity, l.unitPriceCents), 0);
  const paidCents = payments.reduce((sum, p) => sum + p.amountCents, 0);
  return { totalCents, paidCents, balanceCents: totalCents - paidCents };
}

function quote(label: string): string {
  return label.length > 40 ? `« ${label.slice(0, 40)}… »` : `« ${label} »`;
}

/** null when the line can be saved, otherwise what the clerk must fix. */
export function validatePricingLine(line: { label: string; quantity: number; unitPriceCents: number }): string | null {
  const label = line.label.trim();
  if (label === '') return 'Indiquez le libellé de la ligne de tarif.';
  if (label.length > MAX_LABEL_LENGTH) {
    return `Le libellé de la ligne ${quote(label)} est trop long (${MAX_LABEL_LENGTH} caractères au maximum).`;
  }

  const where = `Ligne ${quote(label)} :`;
  const q = line.quantity;
  if (!Number.isFinite(q)) return `${where} la quantité n'est pas un nombre valide.`;
  if (q <= 0) return `${where} la quantité doit être supérieure à zéro.`;
  if (q > MAX_QUANTITY) return `${where} la quantité ne peut pas dépasser 10 000.`;
  if (hundredths(q) === null) return `${where} la quantité ne peut pas avoir plus de 2 décimales.`;

  const p = line.unitPriceCents;
  if (!Number.isFinite(p) || !Number.isInteger(p)) {
    return `${where} le prix unitaire n'est pas un montant valide (au centime près).`;
  }
  if (p < 0) return `${where} le prix unitaire ne peut pas être négatif.`;
  if (p > MAX_UNIT_PRICE_CENTS) {
    return `${where} le prix unitaire ne peut pas dépasser ${formatMoney(MAX_UNIT_PRICE_CENTS)}.`;
  }
  return null;
}
