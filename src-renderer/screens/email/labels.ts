// Words of the E-mail Auto screen and of a dossier's Communications.
import type { DueEmail, SkipReason } from '../../../src-shared/contract';
import { EMAIL_KIND_LABELS, formatStayDate, PLANNED_EMAIL_KINDS, type PlannedEmailKind } from '../../../src-shared/domain';
import { formatCount } from '../../hooks';

export const TABS: readonly { kind: PlannedEmailKind; label: string }[] = PLANNED_EMAIL_KINDS.map((kind) => ({ kind, label: EMAIL_KIND_LABELS[kind] }));

/** Short words for the État column; the batch summary gives the full sentence with what to do. */
export const SKIP_SHORT: Record<SkipReason, string> = {
  no_address: "Pas d'adresse e-mail",
  invalid_address: 'Adresse e-mail invalide',
  prefers_post: 'Préfère le courrier',
  missing_field: 'Champ du modèle sans valeur',
};

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n > 1 ? many : one}`;
}

/** « 3 e-mails à envoyer », the words of the navigation badge and of the Accueil cards. */
export const toSendSentence = (n: number) => plural(n, 'e-mail à envoyer', 'e-mails à envoyer');

export interface DueState {
  /** Everything, for the tooltip and screen readers. */
  text: string;
  /** What fits the cell: the server's full refusal stays in the tooltip. */
  short: string;
  tone: 'ok' | 'warning' | 'danger';
}

/** The État of a due row: why the batch would skip it first, then what is special about it. */
export function dueState(row: DueEmail): DueState {
  const parts: string[] = [];
  const short: string[] = [];
  const add = (full: string, brief = full) => (parts.push(full), short.push(brief));
  if (row.skip) add(SKIP_SHORT[row.skip]);
  if (row.lastError) add(`Échec précédent : ${row.lastError}`, 'Échec précédent');
  if (row.datesChanged) add('Dates modifiées');
  if (row.late) add('En retard');
  if (parts.length === 0) return { text: 'À envoyer', short: 'À envoyer', tone: 'ok' };
  return { text: parts.join(' · '), short: short.join(' · '), tone: row.skip || row.lastError ? 'danger' : 'warning' };
}

export const formatDay = (date: string) => formatStayDate(date);
