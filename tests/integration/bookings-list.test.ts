import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOk, openTestAgency, type TestAgency } from '../support/app';

// The agency clock: Saturday 11 July 2026, 09:00 in Paris.
const NOW = new Date('2026-07-11T07:00:00Z');
let t: TestAgency;
beforeEach(() => {
  t = openTestAgency(NOW);
});
afterEach(() => t.cleanup());

const stay = (arrival: string, departure: string, over: Record<string, unknown> = {}) => ({
  propertyId: t.propertyId,
  clientId: t.clientId,
  status: 'confirmed',
  source: 'counter',
  arrival,
  departure,
  adults: 2,
  lines: [{ label: 'Loyer', kind: 'rent', quantity: 1, unitPriceCents: 70_000 }],
  ...over,
});

const setDeposit = (id: string, state: string) =>
  t.core.database.sqlite.prepare('UPDATE bookings SET deposit_state = ? WHERE id = ?').run(state, id);
const list = async (input: Record<string, unknown>) => callOk(t.core, 'bookings/list', { agencyId: t.agencyId, ...input });
const numbers = async (input: Record<string, unknown>) => (await list(input)).rows.map((r: any) => r.number);

describe('the dossiers grid queries', () => {
  let today: any, thisWeek: any, later: any, option: any, past: any;
  beforeEach(async () => {
    today = await callOk(t.core, 'bookings/create', stay('2026-07-11', '2026-07-18', { balanceDueDate: '2026-07-01' }));
    thisWeek = await callOk(t.core, 'bookings/create', stay('2026-07-14', '2026-07-16', { propertyId: t.otherPropertyId, source: 'phone' }));
    later = await callOk(t.core, 'bookings/create', stay('2026-09-05', '2026-09-12'));
    option = await callOk(t.core, 'bookings/create', stay('2026-10-03', '2026-10-10', { status: 'option', optionExpiresAt: '2026-07-12T10:00:00Z' }));
    past = await callOk(t.core, 'bookings/create', stay('2026-06-01', '2026-06-08', { source: 'web' }));
    setDeposit(today.id, 'requested');
    setDeposit(thisWeek.id, 'secured');
    setDeposit(later.id, 'to_request');
  });

  it.each([
    ['status', { status: 'option' }, () => [option]],
    ['property', () => ({ propertyId: t.otherPropertyId }), () => [thisWeek]],
    ['source', { source: 'web' }, () => [past]],
    ['arrival range', { arrivalFrom: '2026-07-01', arrivalTo: '2026-07-31' }, () => [today, thisWeek]],
    ['"Caut. non sécurisée"', { deposit: 'unsecured' }, () => [today, later]],
    ['one deposit state', { deposit: 'secured' }, () => [thisWeek]],
  ])('filters by %s', async (_case, filter, expected) => {
    const input = typeof filter === 'function' ? filter() : filter;
    const got = await numbers({ ...input, sort: [{ column: 'arrival', direction: 'asc' }] });
    expect(got).toEqual(expected().map((b: any) => b.number));
    expect((await list(input)).total).toBe(got.length);
  });

  it('refuses an arrival range that ends before it starts, and an impossible date', async () => {
    const backwards = await t.core.dispatch('bookings/list', { arrivalFrom: '2026-07-31', arrivalTo: '2026-07-01' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!backwards.ok) expect(backwards.error.message).toMatch(/date de fin/);
    const impossible = await t.core.dispatch('bookings/list', { arrivalFrom: '2026-13-45' });
    expect(impossible).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('sorts on a second key and keeps windows stable', async () => {
    const rows = (await list({ sort: [{ column: 'property', direction: 'asc' }, { column: 'arrival', direction: 'desc' }] })).rows;
    expect(rows.map((r: any) => [r.propertyName, r.arrival])).toEqual([
      ['Maison des Pins', '2026-07-14'],
      ['Villa Les Mouettes', '2026-10-03'],
      ['Villa Les Mouettes', '2026-09-05'],
      ['Villa Les Mouettes', '2026-07-11'],
      ['Villa Les Mouettes', '2026-06-01'],
    ]);
    const pages = [...(await list({ sort: [{ column: 'status', direction: 'asc' }], limit: 2 })).rows, ...(await list({ sort: [{ column: 'status', direction: 'asc' }], offset: 2, limit: 3 })).rows];
    expect(new Set(pages.map((r: any) => r.id)).size).toBe(5);
  });

  it.each(['arrival', 'client', 'property', 'agency', 'status'])('pages read one by one give the full list sorted by %s, from either end', async (column) => {
    for (const direction of ['asc', 'desc'] as const) {
      const sort = [{ column, direction }];
      const full = (await list({ sort })).rows.map((r: any) => r.id);
      const paged: string[] = [];
      for (let offset = 0; offset < full.length; offset += 2) paged.push(...(await list({ sort, offset, limit: 2 })).rows.map((r: any) => r.id));
      expect(paged).toEqual(full);
      expect((await list({ sort, offset: 4, limit: 10 })).rows.map((r: any) => r.id)).toEqual(full.slice(4));
    }
  });

  it('shows the "Caut." amount from the dossier, else from the property', async () => {
    t.core.database.sqlite.prepare('UPDATE properties SET default_deposit_cents = 50000 WHERE id = ?').run(t.propertyId);
    t.core.database.sqlite.prepare('UPDATE bookings SET deposit_amount_cents = 80000 WHERE id = ?').run(later.id);
    const rows = (await list({ sort: [{ column: 'arrival', direction: 'asc' }] })).rows;
    const byNumber = Object.fromEntries(rows.map((r: any) => [r.number, r.depositAmountCents]));
    expect(byNumber[today.number]).toBe(50_000);
    expect(byNumber[later.number]).toBe(80_000);
  });

  it('each Accueil count opens the grid on exactly those dossiers', async () => {
    const summary = await callOk(t.core, 'home/summary', { agencyId: t.agencyId });
    const expected = {
      arrivals_today: [today],
      arrivals_week: [today, thisWeek],
      departures_today: [],
      options_48h: [option],
      balance_due: [today],
      deposits_unsecured_7d: [today],
    } as const;
    const counts: Record<keyof typeof expected, number> = {
      arrivals_today: summary.arrivalsToday,
      arrivals_week: summary.arrivalsWeek,
      departures_today: summary.departuresToday,
      options_48h: summary.optionsExpiring48h,
      balance_due: summary.balanceDue,
      deposits_unsecured_7d: summary.depositsUnsecured7d,
    };
    for (const [preset, bookings] of Object.entries(expected)) {
      const got = await numbers({ preset, sort: [{ column: 'arrival', direction: 'asc' }] });
      expect(got, preset).toEqual(bookings.map((b: any) => b.number));
      expect(counts[preset as keyof typeof expected], preset).toBe(got.length);
    }
    expect(summary.today).toBe('2026-07-11');
  });
});

describe('the grid search and its count', () => {
  const ids = async (input: Record<string, unknown>) => (await list(input)).rows.map((r: any) => r.id);

  it('counts what it lists, and counts again after a change', async () => {
    const a = await callOk(t.core, 'bookings/create', stay('2026-08-01', '2026-08-08'));
    await callOk(t.core, 'bookings/create', stay('2026-08-08', '2026-08-15', { propertyId: t.otherPropertyId }));
    expect((await list({ search: 'mouettes' })).total).toBe(1);
    expect((await list({ search: 'martin' })).total).toBe(2);
    expect((await list({ search: 'martin', propertyId: t.otherPropertyId })).total).toBe(1);
    const other = await callOk(t.core, 'clients/create', { agencyId: t.agencyId, lastName: 'Martinez', firstName: 'Ana' });
    await callOk(t.core, 'bookings/create', stay('2026-09-01', '2026-09-08', { clientId: other.id }));
    expect((await list({ search: 'martin' })).total).toBe(3);
    expect((await list({})).total).toBe(3);
    await callOk(t.core, 'bookings/cancel', { id: a.id, reason: 'Annulation client' });
    expect((await list({ search: 'martin', status: 'cancelled' })).total).toBe(1);
    expect((await list({ status: 'confirmed' })).total).toBe(2);
    // A write from another connection is seen too.
    const Database = (await import('better-sqlite3')).default;
    const second = new Database(t.core.database.sqlite.name);
    second.prepare("UPDATE bookings SET status = 'confirmed', cancel_reason = NULL WHERE id = ?").run(a.id);
    second.close();
    expect((await list({ status: 'confirmed' })).total).toBe(3);
  });

  it('gives the same rows whether the search or the sort drives, page by page', async () => {
    for (const [arrival, departure] of [['2026-08-01', '2026-08-08'], ['2026-08-08', '2026-08-15'], ['2026-08-15', '2026-08-22'], ['2026-08-22', '2026-08-29']]) {
      await callOk(t.core, 'bookings/create', stay(arrival, departure));
    }
    for (const column of ['arrival', 'client', 'property'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = [{ column, direction }];
        // Few matches for a window of 100: the search's matches are sorted.
        const full = await ids({ search: 'sables', sort });
        expect(full).toHaveLength(4);
        // One row at a time out of as many matches as dossiers: the sort's index is walked.
        const paged: string[] = [];
        for (let offset = 0; offset < full.length; offset++) paged.push(...(await ids({ search: 'sables', sort, offset, limit: 1 })));
        expect(paged).toEqual(full);
      }
    }
  });
});

describe('a search sorted by tenant', () => {
  const tenants = async (input: Record<string, unknown>) => (await list(input)).rows.map((r: any) => r.clientName);
  const byTenant = (direction: 'asc' | 'desc') => [{ column: 'client', direction }];
  let clients: Record<string, string>;

  beforeEach(async () => {
    // Four stays in the same rental (found by « sables »), one more elsewhere that is not.
    clients = {};
    const names = [['dupont', 'Zoé'], ['DURAND', 'Luc'], ['Dupont', 'Anne'], ['Dupuis', 'Marc']] as const;
    for (const [i, [lastName, firstName]] of names.entries()) {
      const client = await callOk(t.core, 'clients/create', { agencyId: t.agencyId, lastName, firstName });
      clients[`${lastName} ${firstName}`] = client.id;
      await callOk(t.core, 'bookings/create', stay(`2026-08-0${i + 1}`, `2026-08-0${i + 2}`, { clientId: client.id }));
    }
    await callOk(t.core, 'bookings/create', stay('2026-08-01', '2026-08-08', { propertyId: t.otherPropertyId }));
  });

  it('lists the matches by last name then first name, whatever their case, page by page as at once', async () => {
    const expected = ['Dupont Anne', 'dupont Zoé', 'Dupuis Marc', 'DURAND Luc'];
    for (const direction of ['asc', 'desc'] as const) {
      const order = direction === 'asc' ? expected : [...expected].reverse();
      expect(await tenants({ search: 'sables', sort: byTenant(direction) })).toEqual(order);
      // One row a window: the tenant index is walked instead of sorting the matches.
      const paged: string[] = [];
      for (let offset = 0; offset < order.length; offset++) paged.push(...(await tenants({ search: 'sables', sort: byTenant(direction), offset, limit: 1 })));
      expect(paged).toEqual(order);
      // The same order as the grid without a search.
      expect((await tenants({ sort: byTenant(direction) })).filter((n: string) => order.includes(n))).toEqual(order);
    }
  });

  it('follows a tenant renamed on the fiche client', async () => {
    const id = clients['Dupuis Marc']!;
    const { agencyId: _agency, ...fiche } = await callOk(t.core, 'clients/get', { id });
    await callOk(t.core, 'clients/update', { ...fiche, lastName: 'Abadie' });
    const expected = ['Abadie Marc', 'Dupont Anne', 'dupont Zoé', 'DURAND Luc'];
    expect(await tenants({ search: 'sables', sort: byTenant('asc') })).toEqual(expected);
    const paged: string[] = [];
    for (let offset = 0; offset < expected.length; offset++) paged.push(...(await tenants({ search: 'sables', sort: byTenant('asc'), offset, limit: 1 })));
    expect(paged).toEqual(expected);
  });

  it('follows a dossier moved to another tenant', async () => {
    const zoe = (await list({ search: 'zoé' })).rows[0];
    t.core.database.sqlite.prepare('UPDATE bookings SET client_id = ? WHERE id = ?').run(t.clientId, zoe.id);
    const paged: string[] = [];
    for (let offset = 0; offset < 4; offset++) paged.push(...(await tenants({ search: 'sables', sort: byTenant('asc'), offset, limit: 1 })));
    expect(paged).toEqual(['Dupont Anne', 'Dupuis Marc', 'DURAND Luc', 'Martin Jean']);
  });
});

describe('editing a dossier', () => {
  it('moves the stay, re-prices it and records what changed', async () => {
    const b = await callOk(t.core, 'bookings/create', stay('2026-08-01', '2026-08-08'));
    await callOk(t.core, 'payments/add', { bookingId: b.id, amountCents: 20_000, method: 'card', receivedOn: '2026-07-11' });
    const updated = await callOk(t.core, 'bookings/update', {
      id: b.id,
      propertyId: t.propertyId,
      arrival: '2026-08-01',
      departure: '2026-08-15',
      adults: 3,
      lines: [{ label: 'Loyer', kind: 'rent', quantity: 2, unitPriceCents: 70_000 }],
    });
    expect(updated).toMatchObject({ totalCents: 140_000, balanceCents: 120_000 });
    const detail = await callOk(t.core, 'bookings/get', { id: b.id });
    expect(detail).toMatchObject({ nights: 14, adults: 3, paidCents: 20_000 });
    const change = JSON.parse(detail.history.at(-1).changes);
    expect(change.departure).toEqual(['2026-08-08', '2026-08-15']);
    expect(change.totalCents).toEqual([70_000, 140_000]);
  });

  it('refuses new dates that overlap another dossier, naming it, and changes nothing', async () => {
    const a = await callOk(t.core, 'bookings/create', stay('2026-08-01', '2026-08-08'));
    const b = await callOk(t.core, 'bookings/create', stay('2026-08-08', '2026-08-15'));
    const result = await t.core.dispatch('bookings/update', { id: b.id, propertyId: t.propertyId, arrival: '2026-08-05', departure: '2026-08-15', adults: 2 });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!result.ok) expect(result.error.message).toContain(a.number);
    expect((await callOk(t.core, 'bookings/get', { id: b.id })).arrival).toBe('2026-08-08');
  });

  it('tells whether nights are free, ignoring the dossier being edited', async () => {
    const a = await callOk(t.core, 'bookings/create', stay('2026-08-01', '2026-08-08'));
    const taken = await callOk(t.core, 'bookings/availability', { propertyId: t.propertyId, arrival: '2026-08-07', departure: '2026-08-09' });
    expect(taken).toMatchObject({ available: false, conflict: { number: a.number } });
    const self = await callOk(t.core, 'bookings/availability', { propertyId: t.propertyId, arrival: '2026-08-07', departure: '2026-08-09', excludeId: a.id });
    expect(self).toEqual({ available: true, conflict: null, message: null });
  });

  it('keeps a cancelled dossier as it is', async () => {
    const b = await callOk(t.core, 'bookings/create', stay('2026-08-01', '2026-08-08'));
    await callOk(t.core, 'bookings/cancel', { id: b.id, reason: 'Annulation client' });
    const result = await t.core.dispatch('bookings/update', { id: b.id, propertyId: t.propertyId, arrival: '2026-08-01', departure: '2026-08-09', adults: 2 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });
});

describe('choosing a client', () => {
  it('finds clients of the agency by name, e-mail or phone', async () => {
    await callOk(t.core, 'clients/create', { agencyId: t.agencyId, lastName: 'Dupont', firstName: 'Hélène', email: 'helene.dupont@example.fr' });
    const find = async (search: string) => (await callOk(t.core, 'clients/search', { agencyId: t.agencyId, search })).map((c: any) => c.lastName);
    expect(await find('dup')).toEqual(['Dupont']);
    expect(await find('helene.dupont@example')).toEqual(['Dupont']);
    expect(await find('06 12')).toEqual(['Martin']);
    expect(await find('')).toEqual(['Dupont', 'Martin']);
    expect(await find("'; DROP TABLE clients; --")).toEqual([]);
  });
});
