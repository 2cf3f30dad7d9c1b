import { describe, expect, it } from 'vitest';
import {
  isKnownMergeField,
  listMergeFields,
  mergeFieldsIn,
  mergeValues,
  registerMergeField,
  renderTemplate,
  unknownMergeFields,
  type MergeSource,
  type MergeValues,
} from '../../../src-shared/domain/merge-fields';

const nbsp = (s: string | null | undefined) => (s ?? '').replace(/[\u202f\u00a0]/g, ' ');

const BUILT_IN_KEYS = [
  'civilite',
  'nom',
  'prenom',
  'numero_dossier',
  'logement',
  'logement_adresse',
  'arrivee',
  'depart',
  'nuits',
  'montant_total',
  'paye',
  'solde',
  'date_echeance_solde',
  'montant_caution',
  'date_expiration_option',
  'agence_nom',
  'agence_telephone',
  'agence_email',
  'agence_adresse',
];

// Mme Durand's week at Les Pins: 1 234,56 € in all, 400 € paid at booking.
type Parts = 'client' | 'booking' | 'property' | 'agency';
const source = (over: { [K in Parts]?: Partial<MergeSource[K]> } & { extra?: MergeValues } = {}): MergeSource => ({
  timeZone: 'Europe/Paris',
  extra: over.extra,
  client: { civility: 'mrs', firstName: 'Claire', lastName: 'Durand', ...over.client },
  booking: {
    number: 'AGB-2026-00123',
    arrival: '2026-07-12',
    departure: '2026-07-19',
    nights: 7,
    totalCents: 123_456,
    paidCents: 40_000,
    balanceCents: 83_456,
    balanceDueDate: '2026-06-12',
    depositAmountCents: 50_000,
    optionExpiresAt: null,
    ...over.booking,
  },
  property: { name: 'Villa Les Pins', addressLine1: '12 chemin des Dunes', postcode: '17590', city: 'Ars-en-Ré', ...over.property },
  agency: {
    name: 'Agence du Port',
    phone: '05 46 00 00 00',
    email: 'contact@agence-du-port.fr',
    addressLine1: '3 quai de la Criée',
    postcode: '17590',
    city: 'Ars-en-Ré',
    ...over.agency,
  },
});

describe('the "Insérer" list', () => {
  it('offers exactly the built-in fields, each with a French label and a group', () => {
    const fields = listMergeFields();
    expect(fields.map((f) => f.key).sort()).toEqual([...BUILT_IN_KEYS].sort());
    for (const f of fields) {
      expect(f.label).not.toBe('');
      expect(['Client', 'Dossier', 'Logement', 'Agence', 'Caution']).toContain(f.group);
    }
  });

  it.each([
    ['civilite', 'Civilité', 'Client'],
    ['nom', 'Nom', 'Client'],
    ['prenom', 'Prénom', 'Client'],
    ['numero_dossier', 'N° dossier', 'Dossier'],
    ['date_echeance_solde', "Date d'échéance du solde", 'Dossier'],
    ['logement', 'Logement', 'Logement'],
    ['montant_caution', 'Montant de la caution', 'Caution'],
    ['agence_telephone', "Téléphone de l'agence", 'Agence'],
  ])('shows %s as "%s" under %s', (key, label, group) => {
    expect(listMergeFields().find((f) => f.key === key)).toMatchObject({ key, label, group });
  });

  it('lets only the civility and the first name be empty (a company, a guest known by surname)', () => {
    expect(listMergeFields().filter((f) => f.optional).map((f) => f.key)).toEqual(['civilite', 'prenom']);
  });

  it('takes in a field another module registers, such as the Swikly link, once', () => {
    const def = { key: 'Swikly_lien_caution_test', label: 'Lien Swikly de la caution', group: 'Caution' } as const;
    expect(isKnownMergeField(def.key)).toBe(false);
    registerMergeField(def);
    registerMergeField({ ...def }); // the module loaded again: harmless
    expect(isKnownMergeField(def.key)).toBe(true);
    expect(listMergeFields().filter((f) => f.key === def.key)).toEqual([def]);
    expect(() => registerMergeField({ ...def, label: 'Autre libellé' })).toThrow();
    expect(() => registerMergeField({ ...def, optional: true })).toThrow();
  });

  it.each([
    ['a built-in key taken with another label', { key: 'nom', label: 'Nom de famille', group: 'Client' }],
    ['a key with a hyphen', { key: 'lien-caution', label: 'Lien', group: 'Caution' }],
    ['a key starting with a digit', { key: '2e_nom', label: 'Nom', group: 'Client' }],
    ['an empty label', { key: 'vide', label: ' ', group: 'Client' }],
    ['an unknown group', { key: 'taxe', label: 'Taxe', group: 'Fiscalité' }],
  ] as const)('refuses %s', (_case, def) => {
    expect(() => registerMergeField(def as never)).toThrow();
  });

  it('hands out copies: editing the list changes nothing', () => {
    const first = listMergeFields()[0];
    if (first) first.label = 'changé';
    expect(listMergeFields()[0]?.label).not.toBe('changé');
  });
});

describe('finding the fields a template uses', () => {
  it.each([
    ['Bonjour {{prenom}} {{nom}}', ['prenom', 'nom']],
    ['Bonjour {{ prenom }} {{nom }}, dossier {{  numero_dossier}}', ['prenom', 'nom', 'numero_dossier']],
    ['{{nom}} {{prenom}} {{nom}}', ['nom', 'prenom']],
    ['Swikly : {{Swikly_lien_caution}}', ['Swikly_lien_caution']],
    ['{{_interne9}}', ['_interne9']],
    ['Pas de champ ici', []],
    ['{nom} {{9nom}} {{nom prenom}} {{}} {{ nom-x }}', []],
    ['{{{nom}}}', ['nom']],
    ['{{nom\n}}', []],
  ])('%j uses %j', (text, keys) => {
    expect(mergeFieldsIn(text)).toEqual(keys);
  });

  it('reports the typos of a subject and a body together, once each', () => {
    expect(unknownMergeFields('Votre séjour {{logemnt}}', '<p>Bonjour {{nom}} {{Prenom}}, {{logemnt}}</p>')).toEqual([
      'logemnt',
      'Prenom',
    ]);
    expect(unknownMergeFields('Bonjour {{civilite}} {{nom}}')).toEqual([]);
    expect(unknownMergeFields()).toEqual([]);
  });
});

describe('filling a template', () => {
  // Mme Durand, or the same client with no civility recorded; her balance due date is not set.
  const madame = { civilite: 'Madame', nom: 'Durand', prenom: 'Claire', solde: '834,56 €', date_echeance_solde: null };
  const noCivility = { ...madame, civilite: '' };

  it.each([
    ['fills every field', madame, 'Bonjour {{civilite}} {{nom}}', 'Bonjour Madame Durand', []],
    ['tolerates spaces in the braces', madame, 'Bonjour {{ prenom }}', 'Bonjour Claire', []],
    ['lists a field with no value as missing and leaves it empty', madame, 'Solde {{solde}} au {{date_echeance_solde}}.', 'Solde 834,56 € au .', ['date_echeance_solde']],
    ['lists a missing field once however often it is used', madame, 'De {{agence_nom}} pour {{agence_nom}}.', 'De pour .', ['agence_nom']],
    ['lets the civility be empty without holding the e-mail', noCivility, 'Bonjour {{civilite}} {{nom}}', 'Bonjour Durand', []],
    ['drops the space left by an empty field at the start', noCivility, '{{civilite}} {{prenom}} {{nom}}', 'Claire Durand', []],
    ['keeps the text around an empty field otherwise', noCivility, 'Bonjour {{civilite}}, merci', 'Bonjour , merci', []],
    ['treats an unknown field as missing and renders it empty', madame, 'Lien : {{lien_inconnu}}', 'Lien : ', ['lien_inconnu']],
    ['leaves text that is not a field alone', madame, '{nom} {{ 9 }} 100 % {{nom}}', '{nom} {{ 9 }} 100 % Durand', []],
  ] as const)('%s', (_case, values, text, output, missing) => {
    expect(renderTemplate(text, values, 'text')).toEqual({ output, missing });
    expect(renderTemplate(text, values, 'html')).toEqual({ output, missing });
  });

  it('treats an empty string like no value', () => {
    expect(renderTemplate('{{nom}}', { nom: '' }, 'text')).toEqual({ output: '', missing: ['nom'] });
    expect(renderTemplate('{{nom}}', {}, 'html')).toEqual({ output: '', missing: ['nom'] });
  });

  it('renders a value no module registered as missing, even when a value is given', () => {
    expect(renderTemplate('{{pas_enregistre}}', { pas_enregistre: 'x' }, 'text')).toEqual({ output: '', missing: ['pas_enregistre'] });
  });

  it('escapes the values in HTML so a name can never become markup', () => {
    const r = renderTemplate('<p>Bonjour {{nom}} &amp; {{prenom}}</p>', { nom: `O'Brien <b>"& Co"</b>`, prenom: 'Léa' }, 'html');
    expect(r.output).toBe('<p>Bonjour O&#39;Brien &lt;b&gt;&quot;&amp; Co&quot;&lt;/b&gt; &amp; Léa</p>');
  });

  it('keeps the values as they are in plain text', () => {
    expect(renderTemplate('{{nom}}', { nom: `O'Brien <b>` }, 'text').output).toBe(`O'Brien <b>`);
  });

  it('does not read a value as a field: a client named "{{solde}}" stays a name', () => {
    expect(renderTemplate('{{nom}} {{prenom}}', { nom: '{{prenom}}', prenom: 'Léa' }, 'text').output).toBe('{{prenom}} Léa');
  });
});

describe('the values of a dossier', () => {
  it('fills every built-in field for a French client', () => {
    const v = mergeValues(source(), 'fr');
    expect(Object.keys(v).sort()).toEqual([...BUILT_IN_KEYS].sort());
    expect({ ...v, montant_total: nbsp(v.montant_total), paye: nbsp(v.paye), solde: nbsp(v.solde), montant_caution: nbsp(v.montant_caution) }).toEqual({
      civilite: 'Madame',
      nom: 'Durand',
      prenom: 'Claire',
      numero_dossier: 'AGB-2026-00123',
      logement: 'Villa Les Pins',
      logement_adresse: '12 chemin des Dunes, 17590 Ars-en-Ré',
      arrivee: '12/07/2026',
      depart: '19/07/2026',
      nuits: '7',
      montant_total: '1 234,56 €',
      paye: '400,00 €',
      solde: '834,56 €',
      date_echeance_solde: '12/06/2026',
      montant_caution: '500,00 €',
      date_expiration_option: null,
      agence_nom: 'Agence du Port',
      agence_telephone: '05 46 00 00 00',
      agence_email: 'contact@agence-du-port.fr',
      agence_adresse: '3 quai de la Criée, 17590 Ars-en-Ré',
    });
  });

  it('writes amounts exactly as formatMoney does in French, no-break spaces included', () => {
    expect(mergeValues(source(), 'fr').montant_total).toBe('1\u202f234,56\u00a0€');
  });

  it.each([
    ['fr', 'mr', 'Monsieur'],
    ['fr', 'mrs', 'Madame'],
    ['fr', 'none', ''],
    ['en', 'mr', 'Mr'],
    ['en', 'mrs', 'Mrs'],
    ['en', 'none', ''],
  ] as const)('in %s, civility %s reads "%s"', (language, civility, expected) => {
    expect(mergeValues(source({ client: { civility } }), language).civilite).toBe(expected);
  });

  it('writes English amounts the English way and keeps dates day first', () => {
    const v = mergeValues(source(), 'en');
    expect([v.montant_total, v.paye, v.solde, v.montant_caution]).toEqual(['€1,234.56', '€400.00', '€834.56', '€500.00']);
    expect([v.arrivee, v.depart, v.date_echeance_solde]).toEqual(['12/07/2026', '19/07/2026', '12/06/2026']);
  });

  it.each([
    ['no deposit', null],
    ['a deposit of 0 €', 0],
  ])('leaves the deposit amount empty with %s', (_case, depositAmountCents) => {
    expect(mergeValues(source({ booking: { depositAmountCents } }), 'fr').montant_caution).toBeNull();
  });

  it('leaves the balance due date empty when there is none', () => {
    expect(mergeValues(source({ booking: { balanceDueDate: null } }), 'fr').date_echeance_solde).toBeNull();
  });

  it.each([
    ['an option lapsing at noon UTC in summer', '2026-07-01T10:00:00Z', 'Europe/Paris', 'fr', '01/07/2026 à 12:00'],
    ['in English', '2026-07-01T10:00:00Z', 'Europe/Paris', 'en', '01/07/2026 at 12:00'],
    ['an option lapsing at 23:30 UTC, already the next day in Paris', '2026-01-31T23:30:00Z', 'Europe/Paris', 'fr', '01/02/2026 à 00:30'],
    ['the night the clocks go forward', '2026-03-29T01:30:00Z', 'Europe/Paris', 'fr', '29/03/2026 à 03:30'],
    ['an agency in Réunion', '2026-07-01T10:00:00Z', 'Indian/Reunion', 'fr', '01/07/2026 à 14:00'],
  ] as const)('gives the option expiry in the agency zone: %s', (_case, optionExpiresAt, timeZone, language, expected) => {
    expect(mergeValues({ ...source({ booking: { optionExpiresAt } }), timeZone }, language).date_expiration_option).toBe(expected);
  });

  it('skips the blank parts of an address', () => {
    const v = mergeValues(source({ property: { addressLine1: '', postcode: '17590', city: 'Ars-en-Ré' }, agency: { addressLine1: '3 quai de la Criée', postcode: '', city: '' } }), 'fr');
    expect([v.logement_adresse, v.agence_adresse]).toEqual(['17590 Ars-en-Ré', '3 quai de la Criée']);
  });

  it("adds the values of other modules' fields, without letting them replace a built-in one", () => {
    const v = mergeValues(source({ extra: { Swikly_lien_caution: 'https://swik.link/AbC1234', nom: 'Intrus' } }), 'fr');
    expect(v.Swikly_lien_caution).toBe('https://swik.link/AbC1234');
    expect(v.nom).toBe('Durand');
  });

  it('fills a template end to end for an English guest, escaping the name', () => {
    const src = source({ client: { civility: 'mr', firstName: 'Sean', lastName: "O'Neill" } });
    const r = renderTemplate('<p>Dear {{civilite}} {{nom}}, balance {{solde}} by {{date_echeance_solde}}.</p>', mergeValues(src, 'en'), 'html');
    expect(r).toEqual({ output: '<p>Dear Mr O&#39;Neill, balance €834.56 by 12/06/2026.</p>', missing: [] });
  });
});
