import { describe, expect, it } from 'vitest';
import { EMAIL_KINDS, type EmailKind } from '../../../src-shared/domain/email-planning';
import { DEFAULT_TEMPLATES, templateLanguageFor, type TemplateLanguage } from '../../../src-shared/domain/email-templates';
import { mergeFieldsIn, mergeValues, renderTemplate, unknownMergeFields, type MergeSource } from '../../../src-shared/domain/merge-fields';

// A typical confirmed dossier: deposit asked, part paid, balance due a month before arrival.
const confirmed: MergeSource = {
  timeZone: 'Europe/Paris',
  client: { civility: 'mr', firstName: 'Jean', lastName: 'Martin' },
  booking: {
    number: 'AGB-2026-00123',
    arrival: '2026-07-12',
    departure: '2026-07-19',
    nights: 7,
    totalCents: 142_500,
    paidCents: 42_750,
    balanceCents: 99_750,
    balanceDueDate: '2026-06-12',
    depositAmountCents: 50_000,
    optionExpiresAt: null,
  },
  property: { name: 'Villa Les Pins', addressLine1: '12 chemin des Dunes', postcode: '17590', city: 'Ars-en-Ré' },
  agency: {
    name: 'Agence du Port',
    phone: '05 46 00 00 00',
    email: 'contact@agence-du-port.fr',
    addressLine1: '3 quai de la Criée',
    postcode: '17590',
    city: 'Ars-en-Ré',
  },
};
// The same stay while it was still an option, lapsing on 20 March at 18:00 in Paris.
const asOption: MergeSource = { ...confirmed, booking: { ...confirmed.booking, optionExpiresAt: '2026-03-20T17:00:00Z' } };
const sourceFor = (kind: EmailKind) => (kind === 'optionExpiry' ? asOption : confirmed);

const cases = EMAIL_KINDS.flatMap((kind) => (['fr', 'en'] as const).map((language) => [kind, language] as const));

describe('the templates an agency starts with', () => {
  it.each(cases)('%s (%s) has a subject and a body', (kind, language) => {
    const t = DEFAULT_TEMPLATES[kind][language];
    expect(t.subject.trim()).not.toBe('');
    expect(t.html.trim()).not.toBe('');
    expect(t.subject).not.toMatch(/[<>]/);
  });

  it.each(cases)('%s (%s) uses only known fields', (kind, language) => {
    const t = DEFAULT_TEMPLATES[kind][language];
    expect(unknownMergeFields(t.subject, t.html)).toEqual([]);
  });

  it.each([
    ['arrivalReminder', 'fr'],
    ['arrivalReminder', 'en'],
    ['depositRequest', 'fr'],
    ['depositRequest', 'en'],
  ] as const)('%s (%s) carries the Swikly link by default', (kind, language) => {
    expect(mergeFieldsIn(DEFAULT_TEMPLATES[kind][language].html)).toContain('Swikly_lien_caution');
  });

  it.each(cases)('%s (%s) fills completely for a typical dossier', (kind, language) => {
    const t = DEFAULT_TEMPLATES[kind][language];
    const values = mergeValues(sourceFor(kind), language);
    const subject = renderTemplate(t.subject, values, 'text');
    const html = renderTemplate(t.html, values, 'html');
    expect(subject.missing).toEqual([]);
    expect(html.missing).toEqual([]);
    expect(subject.output + html.output).not.toContain('{{');
  });

  it.each(cases)('%s (%s) is signed with the agency', (kind, language) => {
    expect(mergeFieldsIn(DEFAULT_TEMPLATES[kind][language].html)).toEqual(
      expect.arrayContaining(['agence_nom', 'agence_telephone', 'agence_email', 'agence_adresse']),
    );
  });

  it.each(cases)('%s (%s) uses only short, simple HTML', (kind, language) => {
    const tags = DEFAULT_TEMPLATES[kind][language].html.match(/<\/?([a-z]+)/g) ?? [];
    expect(new Set(tags.map((t) => t.replace(/[</]/g, '')))).toEqual(new Set(['p', 'strong', 'br']));
  });

  it.each<[EmailKind, string[]]>([
    ['balanceReminder', ['solde', 'date_echeance_solde']],
    ['arrivalReminder', ['arrivee', 'logement']],
    ['optionExpiry', ['date_expiration_option']],
    ['afterDeparture', ['logement', 'depart']],
    ['bookingConfirmation', ['numero_dossier', 'arrivee', 'depart', 'montant_total']],
    ['bookingCancellation', ['numero_dossier']],
    ['depositRequest', ['montant_caution']],
  ])('%s speaks of %j in both languages', (kind, keys) => {
    for (const language of ['fr', 'en'] as const) {
      const t = DEFAULT_TEMPLATES[kind][language];
      expect(mergeFieldsIn(t.subject + t.html)).toEqual(expect.arrayContaining(keys));
    }
  });

  it('announces the arrival in the subject of Rappel arrivées', () => {
    const values = mergeValues(confirmed, 'fr');
    expect(renderTemplate(DEFAULT_TEMPLATES.arrivalReminder.fr.subject, values, 'text').output).toBe(
      'Votre arrivée le 12/07/2026 — Villa Les Pins',
    );
  });

  it('tells an option holder the day and hour the option lapses, in Paris time', () => {
    const html = renderTemplate(DEFAULT_TEMPLATES.optionExpiry.fr.html, mergeValues(asOption, 'fr'), 'html').output;
    expect(html).toContain('20/03/2026 à 18:00');
  });

  it('greets a client with no civility recorded without a double space', () => {
    const values = mergeValues({ ...confirmed, client: { ...confirmed.client, civility: 'none' } }, 'fr');
    expect(renderTemplate(DEFAULT_TEMPLATES.arrivalReminder.fr.html, values, 'html').output).toContain('<p>Bonjour Jean Martin,</p>');
  });
});

describe('the language of the e-mail', () => {
  const both: TemplateLanguage[] = ['fr', 'en'];
  it.each<[string, string, TemplateLanguage[], TemplateLanguage]>([
    ['a French client', 'fr', both, 'fr'],
    ['a French client written fr-FR', 'fr-FR', both, 'fr'],
    ['a Belgian client written FR_be', 'FR_be', both, 'fr'],
    ['a client whose language is unknown', '', both, 'fr'],
    ['an English client', 'en', both, 'en'],
    ['a German client', 'de', both, 'en'],
    ['a Dutch client', 'nl', both, 'en'],
    ['a German client of an agency with French templates only', 'de', ['fr'], 'fr'],
    ['a French client of an agency with English templates only', 'fr', ['en'], 'en'],
    ['anyone, when the agency has no template yet', 'es', [], 'fr'],
  ])('%s (%j, agency templates %j) gets %s', (_case, clientLanguage, available, expected) => {
    expect(templateLanguageFor(clientLanguage, available)).toBe(expected);
  });
});
