// How the dossiers grid plans a window: what each way to it costs (walking the sort's index, the
// search's matches, a filter's index), and the counts the choice is made from, kept per connection
// while nothing is written. bookings-query builds and runs the window's query.
import type Database from 'better-sqlite3';
import type { BookingSortColumn, ParsedInput } from '../../src-shared/contract';
import { writeStamp } from '../db/stamp';
import { bookingsWhere, filtersOf, toFtsQuery, type FilterColumn } from './bookings-filter';
import type { ServiceContext } from './context';

/**
 * What a window costs, in µs per row, by how its dossiers are found (measured on the 100,000-dossier
 * demo; only their ratios matter):
 * - walking the sort's index and checking each dossier met against the filters and the search;
 * - the search's matches fetched through their text ids (the dossier's id, then its row), or only
 *   through their search rows (`searchRow`: enough to tell a match's agency, migration 0012);
 * - a filter's index, each dossier checked against the rest (the search by its integer key).
 */
export const COST = { walk: 1.3, search: 5.7, searchRow: 0.35, filter: 2, filterAndSearch: 3.3 };
/**
 * Below this many dossiers, a filtered result is never found by walking the sort's index: a
 * filter on dates, status or deposit meets its dossiers at one end of most orders (the options and
 * the deposits to chase are all in the coming weeks), where the walk would cost the whole table.
 */
const SMALL_RESULT = 5000;
export type Plan = 'walk' | 'search' | 'filter';
/** For tests: a smaller SMALL_RESULT, or one plan imposed, to compare the plans on a small demo. */
export const planTuning = { smallResult: SMALL_RESULT, force: null as Plan | 'probe' | null, probeBudget: null as number | null };
/**
 * The first letters a clerk types match most dossiers (« m »: 65,000 of 100,000): the window is
 * met after a couple of hundred dossiers, yet walking it the usual way first gathers every match
 * (10 ms; 130 ms on 1,000,000). A probing walk asks the full-text index about each dossier it
 * meets instead, ≈7 µs each through FTS5's prefix index, which holds words of 1 to 3 letters only
 * (a longer word costs 40 times more to check). Bounded: when the matches lie further along the sort
 * than expected (bunched at its far end), the budget runs out and the usual walk takes over.
 */
export const PROBE = {
  /** µs: checking one dossier in the full-text index; gathering one match for the usual walk. */
  check: 7,
  gather: 0.15,
  /** Dossiers the probing walk reads at most before giving up: four times what it expects. */
  budget: (expected: number) => Math.min(3000, 4 * Math.ceil(expected) + 100),
};
/** Filters spread evenly along every order but their own (an agency's dossiers over the years). */
export const SPREAD: ReadonlySet<FilterColumn> = new Set(['agency', 'source']);
/** The column each sort walks first, whose filter then narrows the walk instead of being checked. */
export const SORT_FILTER: Partial<Record<BookingSortColumn, FilterColumn>> = {
  status: 'status',
  property: 'property',
  arrival: 'arrival',
  deposit: 'deposit',
  source: 'source',
  agency: 'agency',
};

/**
 * Per connection: prepared statements (the grid asks the same few shapes again and again) and the
 * counts of recent filters, so that the windows of one filter, fetched as the grid scrolls, count
 * its dossiers once. Counts are kept while nothing was written: SQLite's total_changes() moves with
 * every row this connection inserts, updates or deletes (triggers included), data_version with
 * every commit of another connection.
 */
export interface QueryCache {
  statements: Map<string, Database.Statement>;
  counts: Map<string, number>;
  stamp: string;
}
const caches = new WeakMap<Database.Database, QueryCache>();
const MAX_STATEMENTS = 200;
const MAX_COUNTS = 64;

export function cacheOf(sqlite: Database.Database): QueryCache {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = {
      statements: new Map(),
      counts: new Map(),
      stamp: '',
    };
    caches.set(sqlite, cache);
  }
  return cache;
}

export function prepared(cache: QueryCache, sqlite: Database.Database, sql: string): Database.Statement {
  let statement = cache.statements.get(sql);
  if (!statement) {
    if (cache.statements.size >= MAX_STATEMENTS) cache.statements.clear();
    statement = sqlite.prepare(sql);
    cache.statements.set(sql, statement);
  }
  return statement;
}

function counted(cache: QueryCache, sqlite: Database.Database, sql: string, params: Record<string, unknown>): number {
  const stamp = writeStamp(sqlite);
  if (stamp !== cache.stamp) {
    cache.counts.clear();
    cache.stamp = stamp;
  }
  const key = `${sql}\u0000${JSON.stringify(params)}`;
  let n = cache.counts.get(key);
  if (n === undefined) {
    n = (prepared(cache, sqlite, sql).pluck().get(params) as number) ?? 0;
    if (cache.counts.size >= MAX_COUNTS) cache.counts.clear();
    cache.counts.set(key, n);
  }
  return n;
}

export type Input = ParsedInput<'bookings/list'>;

/** The search alone: one full-text row per dossier (triggers of migration 0001), counted there. */
export function countSearch(cache: QueryCache, ctx: ServiceContext, fts: string): number {
  return counted(cache, ctx.sqlite, 'SELECT count(*) FROM bookings_fts WHERE bookings_fts MATCH @fts', { fts });
}

/**
 * Filters that should not lead a plan found by a filter: an agency or a source keeps half or a
 * quarter of the dossiers, where any other filter keeps a few percent. (SQLite's statistics,
 * sampled, take one agency for a thousand dossiers and pick its index over the deposit's.)
 */
export function weakFilters(filters: ReadonlySet<FilterColumn | 'preset'>): Set<FilterColumn> {
  const strong = [...filters].some((f) => f === 'preset' || !SPREAD.has(f));
  return new Set(strong ? [...SPREAD].filter((f) => filters.has(f)) : []);
}

/** How many dossiers the filters select, the search left aside. */
export function countFilters(cache: QueryCache, ctx: ServiceContext, input: Input): number {
  const where = bookingsWhere(ctx, input, 'omit', { unindexed: weakFilters(filtersOf(input)) });
  return counted(cache, ctx.sqlite, `SELECT count(*) FROM bookings b ${where.sql}`, where.params);
}

/**
 * The search's matches within one agency, told by the search rows alone (migration 0012): without
 * them, every match's dossier was read by its id to learn its agency (« m »: 120 ms, now 15).
 */
function countSearchIn(cache: QueryCache, ctx: ServiceContext, fts: string, agencyId: string): number {
  return counted(
    cache,
    ctx.sqlite,
    // The matches streamed from the full-text index, each one's search row read by its key.
    'SELECT count(*) FROM bookings_fts f CROSS JOIN booking_search s ON s.rowid = f.rowid WHERE bookings_fts MATCH @fts AND +s.agency_id = @agencyId',
    { fts, agencyId },
  );
}

/** What finding the search's matches costs, those of another agency left at their search row. */
export function searchCost(cache: QueryCache, ctx: ServiceContext, input: Input, fts: string): number {
  const matches = countSearch(cache, ctx, fts);
  if (!input.agencyId) return matches * COST.search;
  return matches * COST.searchRow + countSearchIn(cache, ctx, fts, input.agencyId) * COST.search;
}

/**
 * How the dossiers of filters and a search are found: by the search's matches, or by a filter's
 * index with each dossier checked against the search. Null without both.
 */
export function filterOrSearch(cache: QueryCache, ctx: ServiceContext, input: Input): 'search' | 'filter' | null {
  const fts = toFtsQuery(input.search);
  if (!fts || filtersOf(input).size === 0) return null;
  const search = searchCost(cache, ctx, input, fts);
  // A few matches: no need to count the filters' dossiers to know the search is cheaper.
  if (search < planTuning.smallResult * COST.filterAndSearch) return 'search';
  return search <= countFilters(cache, ctx, input) * COST.filterAndSearch ? 'search' : 'filter';
}

/** How many dossiers the grid's filters and search select. */
export function countBookings(cache: QueryCache, ctx: ServiceContext, input: Input): number {
  const fts = toFtsQuery(input.search);
  const filters = filtersOf(input);
  if (fts && filters.size === 0) return countSearch(cache, ctx, fts);
  if (fts && input.agencyId && filters.size === 1) return countSearchIn(cache, ctx, fts, input.agencyId);
  const by = filterOrSearch(cache, ctx, input);
  const where = bookingsWhere(ctx, input, by === 'search' ? 'drives' : 'walks', {
    unindexed: by === 'search' ? new Set(filters as Set<FilterColumn>) : weakFilters(filters),
  });
  return counted(cache, ctx.sqlite, `SELECT count(*) FROM bookings b ${where.sql}`, where.params);
}

/** About how many dossiers there are, in one index step: the largest rowid (deletions are rare). */
export const dossierCount = (cache: QueryCache, sqlite: Database.Database) =>
  (prepared(cache, sqlite, 'SELECT coalesce(max(rowid), 0) FROM bookings').pluck().get() as number) || 1;
