// Dates typed the French way. Native date inputs follow the operating system's language (a
// workstation set to English shows 07/12/2026), so the dossier screens use text fields that
// always read and show 12/07/2026.
import { formatStayDate, isValidStayDate } from '../../../src-shared/domain';

const FRENCH_DATE_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

/** "12/07/2026", "12/7/26", "12.07.2026" or a pasted "2026-07-12" → "2026-07-12"; null otherwise. */
export function parseFrenchDate(text: string): string | null {
  const s = text.trim();
  if (isValidStayDate(s)) return s;
  const m = FRENCH_DATE_RE.exec(s);
  if (!m) return null;
  const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
  const iso = `${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidStayDate(iso) ? iso : null;
}

export const frenchDateText = (iso: string | null): string => (iso ? formatStayDate(iso) : '');

/** The error under a date field; `required` false lets it stay empty. */
export function dateError(text: string, required: string | false): string | undefined {
  if (text.trim() === '') return required || undefined;
  return parseFrenchDate(text) ? undefined : 'Date invalide : saisissez JJ/MM/AAAA, par ex. 12/07/2026.';
}

/** Puts what parses in the canonical form once the clerk leaves the field ("1/8/35" → "01/08/2035"). */
export function tidyDateText(text: string): string {
  const iso = parseFrenchDate(text);
  return iso ? formatStayDate(iso) : text;
}
