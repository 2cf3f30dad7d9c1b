// Merge fields ("champs de fusion") of the e-mail templates: `{{nom}}` in a template becomes
// the client's name. The registry is open: modules add their own fields (the Swikly module
// registers "Swikly_lien_caution") and supply their values through MergeSource.extra.
import { formatInstantDate, formatStayDate, formatTime } from './dates';
import { formatMoney } from './money';

export interface MergeFieldDef {
  key: string;
  /** French, shown in the "Insérer" list. */
  label: string;
  group: 'Client' | 'Dossier' | 'Logement' | 'Agence' | 'Caution';
  /** May be empty without holding the e-mail (civilité). */
  optional?: boolean;
}

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Spaces inside the braces are tolerated: "{{ nom }}" is what people type by hand.
const FIELD_RE = /\{\{[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\}\}/g;
const GROUPS: readonly MergeFieldDef['group'][] = ['Client', 'Dossier', 'Logement', 'Agence', 'Caution'];

const registry = new Map<string, MergeFieldDef>();

function sameDef(a: MergeFieldDef, b: MergeFieldDef): boolean {
  return a.key === b.key && a.label === b.label && a.group === b.group && (a.optional ?? false) === (b.optional ?? false);
}

/**
 * Adds a field to the "Insérer" list. Registering the same definition again is harmless (a module
 * loaded twice); the same key with another definition throws, since two modules would then
 * disagree on what a template means.
 */
export function registerMergeField(def: MergeFieldDef): void {
  if (!KEY_RE.test(def.key)) throw new RangeError(`Invalid merge field key: ${JSON.stringify(def.key)}`);
  if (!GROUPS.includes(def.group)) throw new RangeError(`Invalid merge field group: ${JSON.stringify(def.group)}`);
  if (def.label.trim() === '') throw new RangeError(`Merge field ${def.key} needs a label`);
  const existing = registry.get(def.key);
  if (existing) {
    if (sameDef(existing, def)) return;
    throw new Error(`Merge field ${def.key} is already registered with another definition`);
  }
  registry.set(def.key, { ...def });
}

/** In registration order: built-in fields first, then those of other modules. */
export function listMergeFields(): MergeFieldDef[] {
  return [...registry.values()].map((def) => ({ ...def }));
}

export function isKnownMergeField(key: string): boolean {
  return registry.has(key);
}

/** Keys used in a text, each once, in order of first appearance. */
export function mergeFieldsIn(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(FIELD_RE)) keys.add(m[1] as string);
  return [...keys];
}

/** Keys used in any of the texts (subject, body…) that no module registered: typos, mostly. */
export function unknownMergeFields(...texts: string[]): string[] {
  const unknown = new Set<string>();
  for (const text of texts) for (const key of mergeFieldsIn(text)) if (!registry.has(key)) unknown.add(key);
  return [...unknown];
}

/** Value of each field for one e-mail; null or '' = no value. */
export type MergeValues = Record<string, string | null>;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/**
 * Fills the fields of a template. In 'html' mode values are escaped (a client named
 * "O'Brien <test>" must not become markup); the template itself is trusted.
 *
 * `missing` lists, once each, the fields used in the text that have no value — the e-mail
 * should not go out until they are filled — except optional fields, which may be empty.
 * A key no module registered counts as missing and renders empty, whatever `values` holds:
 * rendering then agrees with what unknownMergeFields reports when the template is saved.
 *
 * An empty field between two spaces takes one of them with it, so that
 * "Bonjour {{civilite}} {{nom}}" reads "Bonjour Durand", not "Bonjour  Durand".
 */
export function renderTemplate(text: string, values: MergeValues, mode: 'text' | 'html'): { output: string; missing: string[] } {
  const missing = new Set<string>();
  let output = '';
  let last = 0;
  for (const m of text.matchAll(FIELD_RE)) {
    const key = m[1] as string;
    const start = m.index;
    let end = start + m[0].length;
    const def = registry.get(key);
    const raw = def ? (values[key] ?? '') : '';
    if (raw === '') {
      if (!def || !def.optional) missing.add(key);
      const before = start === 0 ? ' ' : text[start - 1];
      if (before === ' ' && text[end] === ' ') end += 1;
    }
    output += text.slice(last, start) + (mode === 'html' ? escapeHtml(raw) : raw);
    last = end;
  }
  output += text.slice(last);
  return { output, missing: [...missing] };
}

export interface MergeSource {
  /** The agency's IANA time zone, for the option's expiry time. */
  timeZone: string;
  client: { civility: 'mr' | 'mrs' | 'none'; firstName: string; lastName: string };
  booking: {
    number: string;
    arrival: string;
    departure: string;
    nights: number;
    totalCents: number;
    paidCents: number;
    balanceCents: number;
    balanceDueDate: string | null;
    depositAmountCents: number | null;
    /** ISO instant. */
    optionExpiresAt: string | null;
  };
  property: { name: string; addressLine1: string; postcode: string; city: string };
  agency: { name: string; phone: string; email: string; addressLine1: string; postcode: string; city: string };
  /** Values of fields registered by other modules (Swikly link…). */
  extra?: MergeValues;
}

const BUILT_IN_FIELDS: readonly MergeFieldDef[] = [
  { key: 'civilite', label: 'Civilité', group: 'Client', optional: true },
  { key: 'nom', label: 'Nom', group: 'Client' },
  { key: 'prenom', label: 'Prénom', group: 'Client', optional: true },
  { key: 'numero_dossier', label: 'N° dossier', group: 'Dossier' },
  { key: 'arrivee', label: "Date d'arrivée", group: 'Dossier' },
  { key: 'depart', label: 'Date de départ', group: 'Dossier' },
  { key: 'nuits', label: 'Nombre de nuits', group: 'Dossier' },
  { key: 'montant_total', label: 'Montant total', group: 'Dossier' },
  { key: 'paye', label: 'Montant payé', group: 'Dossier' },
  { key: 'solde', label: 'Solde', group: 'Dossier' },
  { key: 'date_echeance_solde', label: "Date d'échéance du solde", group: 'Dossier' },
  { key: 'date_expiration_option', label: "Date d'expiration de l'option", group: 'Dossier' },
  { key: 'logement', label: 'Logement', group: 'Logement' },
  { key: 'logement_adresse', label: 'Adresse du logement', group: 'Logement' },
  { key: 'montant_caution', label: 'Montant de la caution', group: 'Caution' },
  { key: 'agence_nom', label: "Nom de l'agence", group: 'Agence' },
  { key: 'agence_telephone', label: "Téléphone de l'agence", group: 'Agence' },
  { key: 'agence_email', label: "E-mail de l'agence", group: 'Agence' },
  { key: 'agence_adresse', label: "Adresse de l'agence", group: 'Agence' },
];
for (const def of BUILT_IN_FIELDS) registerMergeField(def);

const CIVILITY: Readonly<Record<'fr' | 'en', Record<MergeSource['client']['civility'], string>>> = {
  fr: { mr: 'Monsieur', mrs: 'Madame', none: '' },
  en: { mr: 'Mr', mrs: 'Mrs', none: '' },
};

const englishEuroFormatter = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

/** "€1,234.56" for guests who read English; French uses formatMoney's "1 234,56 €". */
function formatMoneyIn(cents: number, language: 'fr' | 'en'): string {
  if (language === 'fr') return formatMoney(cents);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Amount must be integer cents: ${cents}`);
  return englishEuroFormatter.format(cents / 100 + 0);
}

/** "12 rue des Mouettes, 17000 La Rochelle", skipping whatever part is blank. */
function postalAddress(line1: string, postcode: string, city: string): string {
  const town = [postcode.trim(), city.trim()].filter(Boolean).join(' ');
  return [line1.trim(), town].filter(Boolean).join(', ');
}

/** "12/07/2026 à 14:32" (fr) or "12/07/2026 at 14:32" (en), in the agency's zone. */
function expiryDateTime(iso: string, timeZone: string, language: 'fr' | 'en'): string {
  return `${formatInstantDate(iso, timeZone)} ${language === 'fr' ? 'à' : 'at'} ${formatTime(iso, timeZone)}`;
}

/**
 * The values of every built-in field for one dossier, in the language of the template.
 * Dates read dd/MM/yyyy in both languages (the agency's guests are in Europe). Fields of other
 * modules come from `extra`; a built-in field always wins over an extra of the same key.
 */
export function mergeValues(src: MergeSource, language: 'fr' | 'en'): MergeValues {
  const { client, booking, property, agency } = src;
  const money = (cents: number) => formatMoneyIn(cents, language);
  const deposit = booking.depositAmountCents;
  return {
    ...src.extra,
    civilite: CIVILITY[language][client.civility],
    nom: client.lastName,
    prenom: client.firstName,
    numero_dossier: booking.number,
    arrivee: formatStayDate(booking.arrival),
    depart: formatStayDate(booking.departure),
    nuits: String(booking.nights),
    montant_total: money(booking.totalCents),
    paye: money(booking.paidCents),
    solde: money(booking.balanceCents),
    date_echeance_solde: booking.balanceDueDate === null ? null : formatStayDate(booking.balanceDueDate),
    date_expiration_option:
      booking.optionExpiresAt === null ? null : expiryDateTime(booking.optionExpiresAt, src.timeZone, language),
    logement: property.name,
    logement_adresse: postalAddress(property.addressLine1, property.postcode, property.city),
    montant_caution: deposit === null || deposit === 0 ? null : money(deposit),
    agence_nom: agency.name,
    agence_telephone: agency.phone,
    agence_email: agency.email,
    agence_adresse: postalAddress(agency.addressLine1, agency.postcode, agency.city),
  };
}
