// Money is always an integer number of euro cents: floats would drift when
// summing rent, cleaning and tourist tax lines, and a balance off by a cent
// is a balance a guest will dispute.

const euroFormatter = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/**
 * "1 425,00 €". Intl's separators are kept as is (U+202F between thousands,
 * U+00A0 before €) so amounts never wrap across lines in the UI.
 */
export function formatMoney(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Amount must be integer cents: ${cents}`);
  // "+ 0" turns -0 into 0, which Intl would otherwise print as "-0,00 €".
  return euroFormatter.format(cents / 100 + 0);
}

// Thousands may be grouped by any kind of space (a clerk's space, or the
// no-break spaces that come back when an amount shown by formatMoney is
// pasted). Grouping must be by three so that "14 25" is not silently 1425.
const SPACE = '[ \\u00a0\\u202f\\t]';
const MONEY_RE = new RegExp(
  `^([-\\u2212])?${SPACE}*(\\d{1,3}(?:${SPACE}\\d{3})+|\\d+)(?:[.,](\\d{1,2}))?$`,
);

/**
 * Cents from what a clerk typed ("1 425,50 €", "1425.5", "12,5"), or null when
 * the text is not an amount. Both "," and "." are read as the decimal mark, so
 * "1.425" (three decimals) is refused rather than guessed as 1 425 €.
 */
export function parseMoney(text: string): number | null {
  let s = text.trim();
  if (s.endsWith('€')) s = s.slice(0, -1).trim();
  else if (s.startsWith('€')) s = s.slice(1).trim();
  const m = MONEY_RE.exec(s);
  if (!m) return null;
  const negative = m[1] !== undefined;
  const euros = Number((m[2] ?? '').replace(/\D/g, ''));
  // Digits are combined as integers: Number("0.29") * 100 is 28.999999999999996.
  const fraction = Number((m[3] ?? '').padEnd(2, '0'));
  const cents = euros * 100 + fraction;
  if (!Number.isSafeInteger(cents)) return null;
  return negative && cents !== 0 ? -cents : cents;
}
