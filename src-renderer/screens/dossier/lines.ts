// Tarification lines as the clerk types them (text), and their conversion to the contract's
// numbers. Amounts are typed in euros and read with parseMoney; quantities accept "1,5".
import { formatMoney, MAX_LABEL_LENGTH, MAX_QUANTITY, MAX_UNIT_PRICE_CENTS, parseMoney, type PricingLineKind } from '../../../src-shared/domain';

export interface LineDraft {
  /** Stable React key; never sent. */
  key: string;
  label: string;
  kind: PricingLineKind;
  quantity: string;
  unitPrice: string;
}

export interface PricingLineValue {
  label: string;
  kind: PricingLineKind;
  quantity: number;
  unitPriceCents: number;
}

export type LineErrors = Partial<Record<'label' | 'quantity' | 'unitPrice', string>>;

let nextKey = 0;
const newKey = () => `line-${++nextKey}`;

/** "1 425,00" — formatMoney without the currency sign, for an input the clerk edits. */
export function moneyInputText(cents: number): string {
  return formatMoney(cents).replace(/\s*€$/, '');
}

export function quantityText(quantity: number): string {
  return String(quantity).replace('.', ',');
}

/** A quantity typed as "7", "1,5" or "1.5"; null when it is not a plain decimal number. */
export function parseQuantity(text: string): number | null {
  const s = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

export function lineDrafts(lines: readonly PricingLineValue[]): LineDraft[] {
  return lines.map((l) => ({
    key: newKey(),
    label: l.label,
    kind: l.kind,
    quantity: quantityText(l.quantity),
    unitPrice: moneyInputText(l.unitPriceCents),
  }));
}

export function emptyLine(): LineDraft {
  return { key: newKey(), label: '', kind: 'other', quantity: '1', unitPrice: '' };
}

function quantityError(text: string): string | undefined {
  if (text.trim() === '') return 'Indiquez la quantité.';
  const q = parseQuantity(text);
  if (q === null) return 'Quantité invalide : un nombre, par ex. 7 ou 1,5.';
  if (q <= 0) return 'La quantité doit être supérieure à zéro.';
  if (q > MAX_QUANTITY) return 'La quantité ne peut pas dépasser 10 000.';
  if (Math.abs(q * 100 - Math.round(q * 100)) > 1e-6) return 'Deux décimales au plus.';
  return undefined;
}

/** An amount typed in euros; `required` false lets an empty field mean "none". */
export function moneyError(text: string, required: boolean): string | undefined {
  if (text.trim() === '') return required ? 'Indiquez le montant en euros.' : undefined;
  const cents = parseMoney(text);
  if (cents === null) return 'Montant invalide : saisissez des euros, par ex. 85,50.';
  if (cents < 0) return 'Un montant ne peut pas être négatif.';
  if (cents > MAX_UNIT_PRICE_CENTS) return `Montant trop élevé (${formatMoney(MAX_UNIT_PRICE_CENTS)} au plus).`;
  return undefined;
}

export function lineErrors(line: LineDraft): LineErrors {
  const errors: LineErrors = {};
  const label = line.label.trim();
  if (label === '') errors.label = 'Indiquez le libellé.';
  else if (label.length > MAX_LABEL_LENGTH) errors.label = `${MAX_LABEL_LENGTH} caractères au plus.`;
  const q = quantityError(line.quantity);
  if (q) errors.quantity = q;
  const p = moneyError(line.unitPrice, true);
  if (p) errors.unitPrice = p;
  return errors;
}

export const hasErrors = (e: object) => Object.values(e).some((v) => v !== undefined);

/** The line's value when it parses, for live totals and for saving. */
export function lineValue(line: LineDraft): PricingLineValue | null {
  if (hasErrors(lineErrors(line))) return null;
  return {
    label: line.label.trim(),
    kind: line.kind,
    quantity: parseQuantity(line.quantity)!,
    unitPriceCents: parseMoney(line.unitPrice)!,
  };
}

/** What a line means, for telling a real edit from the same value retyped ("120" vs "120,00"). */
export function lineSignature(line: LineDraft): unknown[] {
  return [line.label.trim(), line.kind, parseQuantity(line.quantity) ?? line.quantity, parseMoney(line.unitPrice) ?? line.unitPrice];
}
