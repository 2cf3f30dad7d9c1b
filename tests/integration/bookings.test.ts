import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../src-main/host/app';
import { callOk, countRows, openTestAgency, type TestAgency } from '../support/app';

let t: TestAgency;
beforeEach(() => {
  t = openTestAgency(new Date('2026-07-01T08:00:00Z'));
});
afterEach(() => t.cleanup());

const week = (over: Record<string, unknown> = {}) => ({
  propertyId: t.propertyId,
  clientId: t.clientId,
  status: 'confirmed',
  source: 'counter',
  arrival: '2026-07-11',
  departure: '2026-07-18',
  adults: 2,
  lines: [
    { label: 'Loyer', kind: 'rent', quantity: 1, unitPriceCents: 120_000 },
    { label: 'Ménage', kind: 'cleaning', quantity: 1, unitPriceCents: 8_000 },
    { label: 'Taxe de séjour', kind: 'tourist_tax', quantity: 14, unitPriceCents: 125 },
  ],
  ...over,
});

/** Every table a failed call must leave alone. */
const snapshot = () => ['bookings', 'pricing_lines', 'payments', 'audit_log', 'clients', 'booking_counters'].map((tbl) => countRows(t.core, tbl));

describe('dossiers through the contract', () => {
  it('creates a dossier numbered per agency and year, with its pricing, totals and history', async () => {
    const first = await callOk(t.core, 'bookings/create', week());
    const second = await callOk(t.core, 'bookings/create', week({ arrival: '2026-07-18', departure: '2026-07-25' }));
    expect(first.number).toBe('2026-000001');
    expect(second.number).toBe('2026-000002');

    const detail = await callOk(t.core, 'bookings/get', { id: first.id });
    expect(detail).toMatchObject({
      number: '2026-000001',
      status: 'confirmed',
      propertyName: 'Villa Les Mouettes',
      clientName: 'Martin Jean',
      nights: 7,
      totalCents: 129_750,
      paidCents: 0,
      balanceCents: 129_750,
    });
    expect(detail.lines.map((l: any) => l.totalCents)).toEqual([120_000, 8_000, 1_750]);
    // This agency has no SMTP server: the confirmation e-mail could not be made, and its history says so.
    expect(detail.history.map((h: any) => h.action)).toEqual(['create', 'email_not_created']);
  });

  it('lets the next guests arrive on the departure day', async () => {
    await callOk(t.core, 'bookings/create', week());
    const next = await t.core.dispatch('bookings/create', week({ arrival: '2026-07-18', departure: '2026-07-20' }));
    expect(next.ok).toBe(true);
  });

  it('refuses an overlapping stay, naming the dossier already there, and writes nothing', async () => {
    const existing = await callOk(t.core, 'bookings/create', week());
    const before = snapshot();
    const result = await t.core.dispatch('bookings/create', week({ arrival: '2026-07-15', departure: '2026-07-22' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!result.ok) expect(result.error.message).toContain(existing.number);
    expect(snapshot()).toEqual(before);
  });

  it('frees the nights of a cancelled dossier', async () => {
    const existing = await callOk(t.core, 'bookings/create', week());
    await callOk(t.core, 'bookings/cancel', { id: existing.id, reason: 'Annulation client' });
    expect((await t.core.dispatch('bookings/create', week())).ok).toBe(true);
  });

  it.each([
    ['departure before arrival', { arrival: '2026-07-18', departure: '2026-07-11' }, /Départ.*après la date d'arrivée/],
    ['a date that does not exist', { arrival: '2026-02-30' }, /Arrivée/],
    ['a negative unit price', { lines: [{ label: 'Remise', kind: 'other', quantity: 1, unitPriceCents: -500 }] }, /négatif/],
    ['a zero quantity', { lines: [{ label: 'Loyer', kind: 'rent', quantity: 0, unitPriceCents: 500 }] }, /Quantité \(ligne 1\)/],
    ['a negative deposit', { depositAmountCents: -1 }, /caution.*négatif/i],
    ['adults given as text', { adults: 'deux' }, /Adultes/],
    ['an unknown field', { discount: 10 }, /discount/],
    ['an option without expiry', { status: 'option' }, /expiration/],
    ['a malformed property id', { propertyId: 'villa' }, /Logement/],
  ])('refuses %s with a French message and writes nothing', async (_case, over, message) => {
    const before = snapshot();
    const result = await t.core.dispatch('bookings/create', week(over));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toMatch(message);
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses an unknown property or client as not found and writes nothing', async () => {
    const before = snapshot();
    const ghost = '01900000-0000-7000-8000-000000000000';
    for (const input of [week({ propertyId: ghost }), week({ clientId: ghost })]) {
      const result = await t.core.dispatch('bookings/create', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect((await t.core.dispatch('bookings/confirm', { id: ghost })).ok).toBe(false);
    expect((await t.core.dispatch('payments/add', { bookingId: ghost, amountCents: 100, method: 'card', receivedOn: '2026-07-01' })).ok).toBe(false);
    expect(snapshot()).toEqual(before);
  });

  it('confirms an option and records who did it', async () => {
    const option = await callOk(t.core, 'bookings/create', week({ status: 'option', optionExpiresAt: '2026-07-03T18:00:00Z' }));
    expect(await callOk(t.core, 'bookings/confirm', { id: option.id })).toEqual({
      id: option.id,
      status: 'confirmed',
      emailNotice: expect.stringMatching(/^E-mail « Confirmation de réservation » non envoyé : aucun serveur/),
    });
    const detail = await callOk(t.core, 'bookings/get', { id: option.id });
    expect(detail.status).toBe('confirmed');
    expect(detail.history.map((h: any) => h.action)).toEqual(['create', 'confirm', 'email_not_created']);
    expect(detail.history[1].workstationUser).toBe(t.core.ctx.workstationUser);
  });

  it('refuses to confirm a cancelled dossier, and to cancel without a reason', async () => {
    const b = await callOk(t.core, 'bookings/create', week());
    const noReason = await t.core.dispatch('bookings/cancel', { id: b.id, reason: '   ' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await callOk(t.core, 'bookings/cancel', { id: b.id, reason: 'Annulation client' });
    const before = snapshot();
    const again = await t.core.dispatch('bookings/confirm', { id: b.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    expect(snapshot()).toEqual(before);
  });

  it('records payments and keeps paid and balance right', async () => {
    const b = await callOk(t.core, 'bookings/create', week());
    await callOk(t.core, 'payments/add', { bookingId: b.id, amountCents: 40_000, method: 'transfer', receivedOn: '2026-06-01' });
    const second = await callOk(t.core, 'payments/add', { bookingId: b.id, amountCents: 89_750, method: 'card', receivedOn: '2026-07-01' });
    expect(second).toMatchObject({ paidCents: 129_750, balanceCents: 0 });
    const refused = await t.core.dispatch('payments/add', { bookingId: b.id, amountCents: -10, method: 'card', receivedOn: '2026-07-01' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await callOk(t.core, 'bookings/get', { id: b.id })).payments).toHaveLength(2);
  });

  it('finds dossiers by number, client name without accents, e-mail and phone', async () => {
    const b = await callOk(t.core, 'bookings/create', week());
    await callOk(t.core, 'bookings/create', week({ propertyId: t.otherPropertyId }));
    const find = async (search: string) => (await callOk(t.core, 'bookings/list', { search, agencyId: t.agencyId })).rows.map((r: any) => r.number);
    expect(await find(b.number)).toEqual([b.number]);
    expect(await find('000001')).toEqual([b.number]);
    expect(await find('martin')).toHaveLength(2);
    expect(await find('jean.martin@example')).toHaveLength(2);
    expect(await find('0612345678')).toHaveLength(2);
    expect(await find('mouettes')).toEqual([b.number]);
    expect(await find('dupont')).toEqual([]);
  });

  it.each(['"', "'; DROP TABLE bookings; --", 'mar*', '🏖️', 'NEAR(a b)', '-', 'AND OR NOT'])(
    'accepts any search text without error: %s',
    async (search) => {
      await callOk(t.core, 'bookings/create', week());
      const result = await t.core.dispatch('bookings/list', { search });
      expect(result.ok).toBe(true);
      expect(countRows(t.core, 'bookings')).toBe(1);
    },
  );

  it.each([
    [{ offset: -1 }, /négative/],
    [{ limit: 100_000 }, /500 lignes/],
  ])('refuses a window request %o', async (input, message) => {
    const result = await t.core.dispatch('bookings/list', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it('pages through the list in the requested order with the total count', async () => {
    for (let i = 0; i < 5; i++) {
      const day = String(10 + i * 2).padStart(2, '0');
      const next = String(12 + i * 2).padStart(2, '0');
      await callOk(t.core, 'bookings/create', week({ arrival: `2026-08-${day}`, departure: `2026-08-${next}` }));
    }
    const page = await callOk(t.core, 'bookings/list', { sort: [{ column: 'arrival', direction: 'asc' }], offset: 1, limit: 2 });
    expect(page.total).toBe(5);
    expect(page.rows.map((r: any) => r.arrival)).toEqual(['2026-08-12', '2026-08-14']);
  });

  it('tells listeners which tables changed after a commit', async () => {
    const seen: string[][] = [];
    t.core.onEvent((event, data) => {
      if (event === 'changed' && 'tables' in data) seen.push(data.tables);
    });
    await callOk(t.core, 'bookings/create', week({ status: 'option', optionExpiresAt: '2026-07-03T18:00:00Z' }));
    expect(seen).toEqual([['bookings', 'pricing_lines']]);
  });
});

describe('options', () => {
  it('an option not confirmed by its expiry lapses at the next start and frees the nights', async () => {
    const option = await callOk(t.core, 'bookings/create', week({ status: 'option', optionExpiresAt: '2026-07-02T08:00:00Z' }));
    const file = t.core.database.sqlite.name;
    t.core.close();
    const later = createAppCore({ dbFile: file, migrationsDir: 'migrations', host: 'browser', version: 'test', pinnedNow: new Date('2026-07-02T09:00:00Z') });
    try {
      const detail = await callOk(later, 'bookings/get', { id: option.id });
      expect(detail).toMatchObject({ status: 'cancelled', cancelReason: 'Option expirée' });
      expect(detail.history.map((h: any) => h.action)).toEqual(['create', 'lapse']);
      expect((await later.dispatch('bookings/create', week())).ok).toBe(true);
    } finally {
      later.close();
      t.core = later; // cleanup closes it again harmlessly
    }
  });
});
