import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOk, countRows, openTestAgency, type TestAgency } from '../support/app';

let t: TestAgency;
let changed: string[][];
beforeEach(() => {
  t = openTestAgency(new Date('2026-07-01T08:00:00Z'));
  changed = [];
  t.core.onEvent((event, data) => {
    if (event === 'changed' && 'tables' in data) changed.push(data.tables);
  });
  // The seeded client was saved earlier than today, so a save is seen in updated_at.
  t.core.database.sqlite.prepare(`UPDATE clients SET updated_at = '2026-01-15T10:00:00.000Z'`).run();
});
afterEach(() => t.cleanup());

/** The fiche of the seeded client (Jean Martin) as the dialog sends it, with some fields changed. */
const fiche = (over: Record<string, unknown> = {}) => ({
  id: t.clientId,
  civility: 'mr',
  lastName: 'Martin',
  firstName: 'Jean',
  email: 'jean.martin@example.fr',
  phone: '06 12 34 56 78',
  addressLine1: '',
  addressLine2: '',
  addressLine3: '',
  postcode: '',
  city: '',
  country: 'FR',
  language: 'fr',
  commPreference: null,
  ...over,
});

/** A week's option for the seeded client. */
const createOption = () =>
  callOk(t.core, 'bookings/create', {
    propertyId: t.propertyId,
    clientId: t.clientId,
    status: 'option',
    optionExpiresAt: '2026-07-03T18:00:00Z',
    source: 'phone',
    arrival: '2026-08-01',
    departure: '2026-08-08',
    adults: 2,
    lines: [{ label: 'Loyer', kind: 'rent', quantity: 7, unitPriceCents: 10_000 }],
  });

const clientRow = () => t.core.database.sqlite.prepare('SELECT * FROM clients WHERE id = ?').get(t.clientId);
const clientAudit = () =>
  t.core.database.sqlite
    .prepare(`SELECT entity_id AS entityId, action, changes FROM audit_log WHERE entity = 'client' ORDER BY at, id`)
    .all() as { entityId: string; action: string; changes: string }[];

describe('la fiche du client', () => {
  it('reads every field a clerk can edit, with the agency', async () => {
    expect(await callOk(t.core, 'clients/get', { id: t.clientId })).toEqual({ ...fiche(), agencyId: t.agencyId });
  });

  it('saves a new e-mail and address, records only what changed in the history, and tells the screens', async () => {
    const saved = await callOk(
      t.core,
      'clients/update',
      fiche({
        email: 'jean.martin@nouveau.fr',
        addressLine1: ' 12 rue des Dunes ',
        addressLine2: 'Résidence Les Pins, bât. B',
        addressLine3: 'BP 42',
        postcode: '85100',
        city: "Les Sables-d'Olonne",
        commPreference: 'email',
      }),
    );

    expect(saved).toMatchObject({
      id: t.clientId,
      agencyId: t.agencyId,
      email: 'jean.martin@nouveau.fr',
      addressLine1: '12 rue des Dunes',
      addressLine2: 'Résidence Les Pins, bât. B',
      addressLine3: 'BP 42',
      commPreference: 'email',
    });
    expect(await callOk(t.core, 'clients/get', { id: t.clientId })).toEqual(saved);
    expect(clientRow()).toMatchObject({ updated_at: '2026-07-01T08:00:00.000Z', created_at: '2026-07-01T08:00:00.000Z' });
    const audit = clientAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: t.clientId, action: 'update' });
    expect(JSON.parse(audit[0]!.changes)).toEqual({
      email: ['jean.martin@example.fr', 'jean.martin@nouveau.fr'],
      addressLine1: ['', '12 rue des Dunes'],
      addressLine2: ['', 'Résidence Les Pins, bât. B'],
      addressLine3: ['', 'BP 42'],
      postcode: ['', '85100'],
      city: ['', "Les Sables-d'Olonne"],
      commPreference: [null, 'email'],
    });
    expect(changed).toEqual([['clients']]);
  });

  it('writes nothing when the fiche is saved unchanged (spaces around a field do not count)', async () => {
    const before = clientRow();
    const saved = await callOk(t.core, 'clients/update', fiche({ lastName: ' Martin ' }));
    expect(saved).toEqual({ ...fiche(), agencyId: t.agencyId });
    expect(clientRow()).toEqual(before);
    expect(clientAudit()).toEqual([]);
    expect(changed).toEqual([]);
  });

  it.each([
    ['a malformed e-mail', { email: 'jean.martin@' }, 'E-mail : Adresse e-mail invalide.'],
    ['an empty name', { lastName: '  ' }, 'Nom : Indiquez le nom du client.'],
    ['a country not in two capital letters', { country: 'France' }, 'Pays : Code pays à deux lettres attendu (FR, BE…).'],
  ])('refuses %s in French and changes nothing', async (_case, over, message) => {
    const before = clientRow();
    const result = await t.core.dispatch('clients/update', fiche({ phone: '07 00 00 00 00', ...over }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toContain(message);
    expect(clientRow()).toEqual(before);
    expect(countRows(t.core, 'audit_log')).toBe(0);
    expect(changed).toEqual([]);
  });

  it('says in French that a client no longer there cannot be read or saved', async () => {
    const missing = '01890000-0000-7000-8000-000000000000';
    for (const [name, input] of [
      ['clients/get', { id: missing }],
      ['clients/update', fiche({ id: missing })],
    ] as const) {
      const result = await t.core.dispatch(name, input);
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/^Client introuvable/) } });
    }
    expect(countRows(t.core, 'audit_log')).toBe(0);
  });

  it('names what a malformed id was meant to designate', async () => {
    for (const [name, input, what] of [
      ['clients/get', { id: 'pas-un-id' }, 'Client'],
      ['clients/update', fiche({ id: 'pas-un-id' }), 'Client'],
      ['bookings/get', { id: 'pas-un-id' }, 'Dossier'],
      ['sync/retry', { id: 'pas-un-id' }, 'Opération de synchronisation'],
    ] as const) {
      const result = await t.core.dispatch(name, input);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid_input', message: `Saisie refusée — ${what} : Identifiant invalide.` } });
    }
  });

  it("finds the client's dossiers by the new e-mail in the dossiers' search, and no longer by the old one", async () => {
    const created = await createOption();
    const search = async (text: string) =>
      (await callOk(t.core, 'bookings/list', { search: text, offset: 0, limit: 10 })).rows.map((r: { id: string }) => r.id);
    expect(await search('jean.martin@example.fr')).toEqual([created.id]);

    await callOk(t.core, 'clients/update', fiche({ email: 'j.martin-dupuis@exemple.com', lastName: 'Martin-Dupuis' }));

    expect(await search('j.martin-dupuis@exemple.com')).toEqual([created.id]);
    expect(await search('Martin-Dupuis Jean')).toEqual([created.id]);
    expect(await search('jean.martin@example.fr')).toEqual([]);
    const row = (await callOk(t.core, 'bookings/get', { id: created.id })) as { clientName: string; client: { email: string } };
    expect(row).toMatchObject({ clientName: 'Martin-Dupuis Jean', client: { email: 'j.martin-dupuis@exemple.com' } });
  });

  it("shows the fiche's changes made while the dossier exists in the dossier's history, not the older ones", async () => {
    await callOk(t.core, 'clients/update', fiche({ phone: '06 00 00 00 01' }));
    t.core.database.sqlite.prepare(`UPDATE audit_log SET at = '2026-06-01T08:00:00.000Z' WHERE entity = 'client'`).run();
    const created = await createOption();
    await callOk(t.core, 'clients/update', fiche({ phone: '06 00 00 00 01', email: 'jean@nouveau.fr' }));

    const { history } = (await callOk(t.core, 'bookings/get', { id: created.id })) as { history: { action: string; changes: string }[] };
    expect(history.map((h) => h.action)).toEqual(['create', 'client_update']);
    expect(JSON.parse(history[1]!.changes)).toEqual({ email: ['jean.martin@example.fr', 'jean@nouveau.fr'] });
  });
});
