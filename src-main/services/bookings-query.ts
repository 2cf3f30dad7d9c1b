import type { BookingRow, BookingSortColumn } from '../../src-shared/contract';
import { bookingNotFound } from '../../src-shared/contract';
import { agencyTimeZone } from './clock';
import { bookingsWhere, filtersOf, searchWords, toFtsQuery, type FilterColumn } from './bookings-filter';
import {
  cacheOf,
  COST,
  countBookings,
  countFilters,
  countSearch,
  dossierCount,
  filterOrSearch,
  planTuning,
  prepared,
  PROBE,
  searchCost,
  SORT_FILTER,
  SPREAD,
  weakFilters,
  type Input,
  type Plan,
  type QueryCache,
} from './bookings-plan';
import type { Handlers, ServiceContext } from './context';

const ROW_COLUMNS = `
  b.id, b.number, b.status, b.cancel_reason AS cancelReason, b.option_expires_at AS optionExpiresAt,
  b.agency_id AS agencyId, a.name AS agencyName,
  b.property_id AS propertyId, p.code AS propertyCode, p.name AS propertyName,
  b.client_id AS clientId, trim(c.last_name || ' ' || c.first_name) AS clientName,
  b.arrival, b.departure, b.nights,
  b.total_cents AS totalCents, b.paid_cents AS paidCents, b.balance_cents AS balanceCents,
  b.deposit_state AS depositState, b.deposit_secured_at AS depositSecuredAt,
  coalesce(b.deposit_amount_cents, nullif(p.default_deposit_cents, 0)) AS depositAmountCents, b.source`;

type Table = 'b' | 'c' | 'p' | 'a' | 's';
type Joined = Exclude<Table, 'b'>;
/** How each table joins a dossier; the search row `s` is walked through its tenant-order index. */
const TABLES: Record<Joined, { table: string; on: string; driving: string }> = {
  c: { table: 'clients c', on: 'c.id = b.client_id', driving: 'clients c' },
  p: { table: 'properties p', on: 'p.id = b.property_id', driving: 'properties p' },
  a: { table: 'agencies a', on: 'a.id = b.agency_id', driving: 'agencies a' },
  s: { table: 'booking_search s', on: 's.booking_id = b.id', driving: 'booking_search s INDEXED BY booking_search_client_key_idx' },
};

// Bookings first, always: with two agencies the planner would rather walk each agency's dossiers
// and sort them all (250 ms on 100,000) than read 100 rows down the sort's index (1 ms).
const ROW_JOINS =
  'FROM bookings b CROSS JOIN agencies a ON a.id = b.agency_id CROSS JOIN properties p ON p.id = b.property_id CROSS JOIN clients c ON c.id = b.client_id';

/**
 * FROM clause of the query that finds a window's dossiers: `driver` first (CROSS JOIN makes SQLite
 * walk it first, in its index order, so the sort needs no temporary b-tree), then only the tables
 * that the sort keys read. The rows' other columns are read afterwards for the window alone, so
 * the rows an OFFSET skips cost an index step each, not four lookups and a row built for nothing.
 */
function windowFrom(driver: Table, needed: Set<Table>): string {
  const others = [...needed].filter((t): t is Joined => t !== 'b' && t !== driver);
  const join = (t: Joined) => `CROSS JOIN ${TABLES[t].table} ON ${TABLES[t].on}`;
  const first = driver === 'b' ? 'FROM bookings b' : `FROM ${TABLES[driver].driving} CROSS JOIN bookings b ON ${TABLES[driver].on}`;
  return [first, ...others.map(join)].join(' ');
}

interface SortSpec {
  keys: string[];
  tie?: string[];
  driver?: Joined;
}

/**
 * ORDER BY keys per grid column, chosen to match an index key for key (then the rowid that every
 * index entry ends with), so a window of 100 rows is read in order instead of sorting the table.
 * `driver` is the table to walk first when that index belongs to a joined table.
 */
const SORTS: Record<BookingSortColumn, SortSpec> = {
  number: { keys: ['b.number'] },
  status: { keys: ['b.status'], tie: ['b.arrival'] },
  client: { keys: ['c.last_name COLLATE NOCASE', 'c.first_name COLLATE NOCASE'], tie: ['c.rowid'], driver: 'c' },
  property: { keys: ['p.name COLLATE NOCASE'], tie: ['p.rowid', 'b.arrival'], driver: 'p' },
  arrival: { keys: ['b.arrival'] },
  departure: { keys: ['b.departure'] },
  nights: { keys: ['b.nights'] },
  total: { keys: ['b.total_cents'] },
  balance: { keys: ['b.balance_cents'] },
  deposit: { keys: ['b.deposit_state'], tie: ['b.status', 'b.arrival'] },
  source: { keys: ['b.source'], tie: ['b.arrival'] },
  agency: { keys: ['a.name'], tie: ['a.rowid', 'b.arrival'], driver: 'a' },
};

/**
 * The tenant order while searching: the same order (last name, then first name, without case),
 * read from the search rows' own index (migration 0012). Walking it checks each dossier against
 * the search's matches by its integer key, where walking the clients' index took two lookups by
 * text id per dossier: a search's matches cluster along a name order (all the Martins), so that
 * walk often went through half the table. Only while searching: without a search, the clients'
 * index is as fast and a filtered sort of a few thousand dossiers reads their clients directly.
 * Dossiers of two tenants of the same name come in creation order here, grouped by tenant there.
 */
const SEARCH_SORTS: Partial<Record<BookingSortColumn, SortSpec>> = {
  client: { keys: ['s.client_key COLLATE NOCASE'], tie: ['s.rowid'], driver: 's' },
};

const sortSpec = (column: BookingSortColumn, searching: boolean): SortSpec =>
  (searching ? SEARCH_SORTS[column] : undefined) ?? SORTS[column];


export function listBookings(ctx: ServiceContext, input: Input) {
  const cache = cacheOf(ctx.sqlite);
  const total = countBookings(cache, ctx, input);
  // Past the middle, read the window from the other end: an OFFSET costs a walk over the rows it skips.
  const fromEnd = input.offset > total / 2;
  const offset = fromEnd ? Math.max(0, total - input.offset - input.limit) : input.offset;
  const limit = Math.max(0, fromEnd ? Math.min(input.limit, total - input.offset) : input.limit);
  if (limit === 0 || offset >= total) return { total, rows: [] };
  const dir = (d: 'asc' | 'desc') => ((d === 'asc') !== fromEnd ? 'ASC' : 'DESC');
  const fts = toFtsQuery(input.search);
  const spec = (column: BookingSortColumn) => sortSpec(column, fts !== null);
  const primary = spec(input.sort[0]!.column);
  const order = input.sort.flatMap((s) => spec(s.column).keys.map((k) => `${k} ${dir(s.direction)}`));
  // Alone, a column is followed by the rest of its index key; a unique last key keeps windows stable.
  if (input.sort.length === 1) order.push(...(primary.tie ?? []).map((k) => `${k} ${dir(input.sort[0]!.direction)}`));
  order.push(`b.rowid ${dir(input.sort[0]!.direction)}`);

  // The cheapest way to the window: walking the sort's index meets it after about
  // (offset + limit) × all / total dossiers (if the matches are spread along it); finding the
  // matches first costs each of them, then a sort.
  const filters = filtersOf(input);
  const filtered = filters.size > 0;
  const walk = ((offset + limit) * dossierCount(cache, ctx.sqlite) * COST.walk) / Math.max(1, total);
  // A small filtered result may sit at one end of the sort (see SMALL_RESULT in bookings-plan): found, not walked.
  const walkAllowed = !(filtered && total <= planTuning.smallResult && [...filters].some((f) => f === 'preset' || !SPREAD.has(f)));
  const choose = (): Plan => {
    // Finding costs each result at least once: a shorter walk needs no other count.
    if (walkAllowed && walk < total * COST.filter) return 'walk';
    const by = fts ? (filterOrSearch(cache, ctx, input) ?? 'search') : 'filter';
    const find =
      by === 'search'
        ? searchCost(cache, ctx, input, fts!)
        : filtered
          ? (fts ? countFilters(cache, ctx, input) * COST.filterAndSearch : total * COST.filter)
          : Infinity;
    return walkAllowed && walk < find ? 'walk' : by;
  };
  const plan: Plan = planTuning.force === 'probe' ? 'walk' : (planTuning.force ?? choose());

  const driver: Table = plan === 'walk' ? (primary.driver ?? 'b') : 'b';
  const needed = new Set(order.map((k) => k[0] as Table));
  const sortFilter = SORT_FILTER[input.sort[0]!.column];
  // Whatever is not chosen to lead is written so that SQLite cannot lead with it instead.
  const unindexed =
    plan === 'search'
      ? new Set(filters as Set<FilterColumn>)
      : plan === 'filter'
        ? weakFilters(filters)
        : new Set([...SPREAD].filter((f) => filters.has(f) && f !== sortFilter));
  const probing =
    plan === 'walk' &&
    fts !== null &&
    // Along a rental's or an agency's name the dossiers come rental by rental: checking them one by
    // one measured slower there than gathering the matches.
    (driver === 'b' || driver === 's') &&
    searchWords(input.search).every((w) => w.length <= 3) &&
    (planTuning.force === 'probe' || (walk / COST.walk) * PROBE.check < countSearch(cache, ctx, fts) * PROBE.gather);
  const budget = planTuning.probeBudget ?? PROBE.budget(walk / COST.walk);
  const from = windowFrom(driver, needed);
  const probed = probing ? probeWindow(cache, ctx, input, { from, order, unindexed, fts, offset, limit, budget }) : null;
  const want = Math.min(limit, total - offset);
  let ids: number[];
  if (probed !== null && probed.length === want) ids = probed;
  else {
    const shape = plan === 'search' ? 'drives' : needed.has('s') ? 'joined' : 'walks';
    const where = bookingsWhere(ctx, input, shape, { unindexed });
    ids = prepared(cache, ctx.sqlite, `SELECT b.rowid ${from} ${where.sql} ORDER BY ${order.join(', ')} LIMIT @limit OFFSET @offset`)
      .pluck()
      .all({ ...where.params, limit, offset }) as number[];
  }
  if (fromEnd) ids.reverse();
  const rows = ids.length
    ? (prepared(cache, ctx.sqlite, WINDOW_ROWS).all({ ids: JSON.stringify(ids) }) as BookingRow[])
    : [];
  return { total, rows };
}

/**
 * The probing walk (see PROBE): the first `budget` dossiers along the sort that pass the filters,
 * each then checked against the full-text index, in the sort's order. It may find fewer than the
 * window holds: the caller then walks the usual way.
 */
function probeWindow(
  cache: QueryCache,
  ctx: ServiceContext,
  input: Input,
  w: { from: string; order: string[]; unindexed: Set<FilterColumn>; fts: string; offset: number; limit: number; budget: number },
): number[] {
  const filters = bookingsWhere(ctx, input, 'omit', { unindexed: w.unindexed });
  const keys = w.order.map((o) => o.slice(0, o.lastIndexOf(' ')));
  const dirs = w.order.map((o) => o.slice(o.lastIndexOf(' ') + 1));
  const sql = `SELECT w.r FROM (
      SELECT b.rowid AS r, b.id AS id, ${keys.map((k, i) => `${k} AS k${i}`).join(', ')} ${w.from} ${filters.sql}
      ORDER BY ${w.order.join(', ')} LIMIT @budget) w
    WHERE EXISTS (SELECT 1 FROM booking_search s CROSS JOIN bookings_fts f ON f.rowid = s.rowid
      WHERE s.booking_id = w.id AND bookings_fts MATCH @fts)
    ORDER BY ${dirs.map((d, i) => `w.k${i} ${d}`).join(', ')} LIMIT @limit OFFSET @offset`;
  return prepared(cache, ctx.sqlite, sql)
    .pluck()
    .all({ ...filters.params, fts: w.fts, budget: w.budget, limit: w.limit, offset: w.offset }) as number[];
}

/** The rows of a window, in the order of its rowids (a JSON array). */
const WINDOW_ROWS = `SELECT ${ROW_COLUMNS} FROM json_each(@ids) j
  CROSS JOIN bookings b ON b.rowid = j.value CROSS JOIN agencies a ON a.id = b.agency_id
  CROSS JOIN properties p ON p.id = b.property_id CROSS JOIN clients c ON c.id = b.client_id
  ORDER BY j.key`;

export function getBookingRow(ctx: ServiceContext, id: string): BookingRow {
  const row = ctx.sqlite.prepare(`SELECT ${ROW_COLUMNS} ${ROW_JOINS} WHERE b.id = ?`).get(id) as BookingRow | undefined;
  if (!row) throw bookingNotFound();
  return row;
}

export const bookingQueryHandlers: Pick<Handlers, 'bookings/list' | 'bookings/get'> = {
  'bookings/list': (input, ctx) => listBookings(ctx, input),

  'bookings/get': ({ id }, ctx) => {
    const row = getBookingRow(ctx, id);
    const extra = ctx.sqlite
      .prepare(
        `SELECT adults, children, notes, balance_due_date AS balanceDueDate, deposit_amount_cents AS depositOverrideCents,
           created_at AS createdAt
         FROM bookings WHERE id = ?`,
      )
      .get(id) as {
      createdAt: string;
      adults: number;
      children: number;
      notes: string;
      balanceDueDate: string | null;
      depositOverrideCents: number | null;
    };
    const client = ctx.sqlite
      .prepare(
        `SELECT id, civility, first_name AS firstName, last_name AS lastName, email, phone FROM clients WHERE id = ?`,
      )
      .get(row.clientId) as BookingDetailClient;
    const lines = ctx.sqlite
      .prepare(
        `SELECT id, label, kind, quantity, unit_price_cents AS unitPriceCents, total_cents AS totalCents
         FROM pricing_lines WHERE booking_id = ? ORDER BY position`,
      )
      .all(id) as never[];
    const payments = ctx.sqlite
      .prepare(
        `SELECT id, amount_cents AS amountCents, method, received_on AS receivedOn, reference
         FROM payments WHERE booking_id = ? ORDER BY received_on, id`,
      )
      .all(id) as never[];
    // The dossier's own entries, and the changes made to its client's fiche while it exists
    // (a corrected e-mail explains why a reminder reached the guest after all).
    const history = ctx.sqlite
      .prepare(
        `SELECT at, workstation_user AS workstationUser, action, changes FROM (
           SELECT at, id, workstation_user, action, changes FROM audit_log WHERE entity = 'booking' AND entity_id = @id
           UNION ALL
           SELECT at, id, workstation_user, 'client_' || action, changes FROM audit_log
           WHERE entity = 'client' AND entity_id = @clientId AND at >= @createdAt
         ) ORDER BY at, id`,
      )
      .all({ id, clientId: row.clientId, createdAt: extra.createdAt }) as never[];
    const { createdAt: _created, ...details } = extra;
    return { ...row, ...details, agencyTimeZone: agencyTimeZone(ctx, row.agencyId), client, lines, payments, history };
  },
};

type BookingDetailClient = {
  id: string;
  civility: 'mr' | 'mrs' | 'none';
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
};
