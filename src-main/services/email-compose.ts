// Filling a template for one dossier: the merge values from the database, the language variant
// for the client, and the message as it will be sent (subject, HTML and its plain-text part).
import type Database from 'better-sqlite3';
import { compile } from 'html-to-text';
import { AppError, bookingNotFound } from '../../src-shared/contract';
import {
  DEFAULT_TEMPLATES,
  mergeFieldsIn,
  mergeValues,
  renderTemplate,
  templateLanguageFor,
  type EmailKind,
  type MergeSource,
  type MergeValues,
  type TemplateLanguage,
} from '../../src-shared/domain';

export interface DossierForMail {
  bookingId: string;
  agencyId: string;
  number: string;
  status: 'option' | 'confirmed' | 'cancelled';
  clientName: string;
  email: string;
  language: string;
  commPreference: 'email' | 'post' | 'sms' | null;
  source: MergeSource;
  /** Other modules' values in a language, and the fields among them that are not there yet. */
  extras(language: TemplateLanguage): { values: MergeValues; held: string[] };
}

interface Row {
  bookingId: string;
  agencyId: string;
  number: string;
  status: DossierForMail['status'];
  arrival: string;
  departure: string;
  nights: number;
  totalCents: number;
  paidCents: number;
  balanceCents: number;
  balanceDueDate: string | null;
  depositAmountCents: number | null;
  optionExpiresAt: string | null;
  civility: 'mr' | 'mrs' | 'none';
  firstName: string;
  lastName: string;
  email: string;
  language: string;
  commPreference: DossierForMail['commPreference'];
  propertyName: string;
  propertyAddress: string;
  propertyPostcode: string;
  propertyCity: string;
  agencyName: string;
  agencyPhone: string;
  agencyEmail: string;
  agencyAddress: string;
  agencyPostcode: string;
  agencyCity: string;
  timeZone: string;
}

const DOSSIER_SQL = `SELECT b.id AS bookingId, b.agency_id AS agencyId, b.number, b.status, b.arrival, b.departure, b.nights,
    b.total_cents AS totalCents, b.paid_cents AS paidCents, b.balance_cents AS balanceCents, b.balance_due_date AS balanceDueDate,
    coalesce(b.deposit_amount_cents, p.default_deposit_cents) AS depositAmountCents, b.option_expires_at AS optionExpiresAt,
    c.civility, c.first_name AS firstName, c.last_name AS lastName, c.email, c.language, c.comm_preference AS commPreference,
    p.name AS propertyName, p.address_line1 AS propertyAddress, p.postcode AS propertyPostcode, p.city AS propertyCity,
    a.name AS agencyName, a.phone AS agencyPhone, a.email AS agencyEmail, a.address_line1 AS agencyAddress,
    a.postcode AS agencyPostcode, a.city AS agencyCity, a.time_zone AS timeZone
  FROM bookings b JOIN clients c ON c.id = b.client_id JOIN properties p ON p.id = b.property_id JOIN agencies a ON a.id = b.agency_id`;

/**
 * Values of merge fields other modules registered (the Swikly link), for one dossier; `held` names
 * the fields whose value will exist later: an e-mail using them waits, it is never sent blank.
 */
export type MergeValueProvider = (sqlite: Database.Database, bookingId: string, language: TemplateLanguage) => { values: MergeValues; held: string[] };
const providers: MergeValueProvider[] = [];
export function registerMergeValueProvider(provider: MergeValueProvider): void {
  if (!providers.includes(provider)) providers.push(provider);
}

function toDossier(sqlite: Database.Database, r: Row): DossierForMail {
  return {
    bookingId: r.bookingId,
    agencyId: r.agencyId,
    number: r.number,
    status: r.status,
    clientName: [r.lastName, r.firstName].filter(Boolean).join(' '),
    email: r.email,
    language: r.language,
    commPreference: r.commPreference,
    source: {
      timeZone: r.timeZone,
      client: { civility: r.civility, firstName: r.firstName, lastName: r.lastName },
      booking: {
        number: r.number,
        arrival: r.arrival,
        departure: r.departure,
        nights: r.nights,
        totalCents: r.totalCents,
        paidCents: r.paidCents,
        balanceCents: r.balanceCents,
        balanceDueDate: r.balanceDueDate,
        depositAmountCents: r.depositAmountCents,
        optionExpiresAt: r.optionExpiresAt,
      },
      property: { name: r.propertyName, addressLine1: r.propertyAddress, postcode: r.propertyPostcode, city: r.propertyCity },
      agency: { name: r.agencyName, phone: r.agencyPhone, email: r.agencyEmail, addressLine1: r.agencyAddress, postcode: r.agencyPostcode, city: r.agencyCity },
    },
    extras(language) {
      const values: MergeValues = {};
      const held: string[] = [];
      for (const provide of providers) {
        const got = provide(sqlite, r.bookingId, language);
        Object.assign(values, got.values);
        held.push(...got.held);
      }
      return { values, held };
    },
  };
}

export function loadDossierForMail(sqlite: Database.Database, bookingId: string): DossierForMail {
  const row = sqlite.prepare(`${DOSSIER_SQL} WHERE b.id = ?`).get(bookingId) as Row | undefined;
  if (!row) throw bookingNotFound();
  return toDossier(sqlite, row);
}

/** Many dossiers at once (a batch): one statement, rows in the order of the ids. */
export function loadDossiersForMail(sqlite: Database.Database, bookingIds: string[]): Map<string, DossierForMail> {
  const out = new Map<string, DossierForMail>();
  const stmt = sqlite.prepare(`${DOSSIER_SQL} WHERE b.id IN (SELECT value FROM json_each(?))`);
  for (let i = 0; i < bookingIds.length; i += 500) {
    for (const row of stmt.all(JSON.stringify(bookingIds.slice(i, i + 500))) as Row[]) out.set(row.bookingId, toDossier(sqlite, row));
  }
  return out;
}

export type TemplateSet = Map<EmailKind, Map<TemplateLanguage, { subject: string; html: string }>>;

/** The agency's templates; a kind or language it has no row for falls back to the shipped default. */
export function loadTemplates(sqlite: Database.Database, agencyId: string): TemplateSet {
  const set: TemplateSet = new Map();
  for (const [kind, variants] of Object.entries(DEFAULT_TEMPLATES) as [EmailKind, Record<TemplateLanguage, { subject: string; html: string }>][]) {
    set.set(kind, new Map(Object.entries(variants) as [TemplateLanguage, { subject: string; html: string }][]));
  }
  const rows = sqlite.prepare('SELECT kind, language, subject, html FROM email_templates WHERE agency_id = ?').all(agencyId) as {
    kind: EmailKind;
    language: TemplateLanguage;
    subject: string;
    html: string;
  }[];
  for (const r of rows) set.get(r.kind)?.set(r.language, { subject: r.subject, html: r.html });
  return set;
}

export interface ComposedMail {
  language: TemplateLanguage;
  subject: string;
  html: string;
  text: string;
  /** Fields the template uses that have no value for this dossier. */
  missing: string[];
  /** Among them, those whose value will come (the Swikly link): the e-mail can wait for them. */
  held: string[];
}

// Compiled once: html-to-text's convert() would build its selectors again for every message.
const toText = compile({ wordwrap: 78, selectors: [{ selector: 'a', options: { hideLinkHrefIfSameAsText: true } }] });

export function plainTextOf(html: string): string {
  return toText(html);
}

export function renderMail(template: { subject: string; html: string }, values: MergeValues, language: TemplateLanguage): ComposedMail {
  const subject = renderTemplate(template.subject, values, 'text');
  const html = renderTemplate(template.html, values, 'html');
  return {
    language,
    // A subject is one line, whatever a value held.
    subject: subject.output.replace(/[\r\n]+/g, ' ').trim(),
    html: html.output,
    text: plainTextOf(html.output),
    missing: [...new Set([...subject.missing, ...html.missing])],
    held: [],
  };
}

/** The template's values for this dossier in a language, other modules' fields included. */
export function valuesFor(dossier: DossierForMail, language: TemplateLanguage): { values: MergeValues; held: string[] } {
  const extras = dossier.extras(language);
  return { values: mergeValues({ ...dossier.source, extra: extras.values }, language), held: extras.held };
}

/** Fields of the template a later value will fill: they count as missing until then. */
function heldIn(texts: string[], held: string[]): string[] {
  return held.filter((k) => texts.some((t) => mergeFieldsIn(t).includes(k)));
}

/** The fields the kind's template leaves empty for this dossier, without building the message. */
export function missingFields(templates: TemplateSet, kind: EmailKind, dossier: DossierForMail): string[] {
  const variants = templates.get(kind);
  if (!variants || variants.size === 0) return [];
  const language = templateLanguageFor(dossier.language, [...variants.keys()]);
  const t = variants.get(language)!;
  const { values, held } = valuesFor(dossier, language);
  return [...new Set([...renderTemplate(t.subject, values, 'text').missing, ...renderTemplate(t.html, values, 'text').missing, ...heldIn([t.subject, t.html], held)])];
}

export function composeMail(templates: TemplateSet, kind: EmailKind, dossier: DossierForMail): ComposedMail {
  const variants = templates.get(kind);
  if (!variants || variants.size === 0) throw new AppError('not_found', "Aucun modèle pour ce type d'e-mail : créez-le dans le gestionnaire d'email.");
  const language = templateLanguageFor(dossier.language, [...variants.keys()]);
  const template = variants.get(language)!;
  const { values, held } = valuesFor(dossier, language);
  const mail = renderMail(template, values, language);
  const waiting = heldIn([template.subject, template.html], held);
  return { ...mail, missing: [...new Set([...mail.missing, ...waiting])], held: waiting };
}
