// WHERE clauses for the dossiers grid and the Accueil counters. Both go through here so that a
// card saying "4 arrivées aujourd'hui" opens a grid of exactly those 4 dossiers.
import type { ParsedInput } from '../../src-shared/contract';
import type { BookingPreset } from '../../src-shared/contract/bookings';
import { addDays, UNSECURED_DEPOSIT_STATES } from '../../src-shared/domain';
import { clockFor } from './clock';
import type { ServiceContext } from './context';

export interface SqlWhere {
  sql: string;
  params: Record<string, unknown>;
}

const ACTIVE = `b.status IN ('option', 'confirmed')`;
const UNSECURED = `b.deposit_state IN (${UNSECURED_DEPOSIT_STATES.map((s) => `'${s}'`).join(', ')})`;

const PRESETS: Record<BookingPreset, (clock: { today: string; now: string }) => SqlWhere> = {
  arrivals_today: ({ today }) => ({ sql: `${ACTIVE} AND b.arrival = @p_today`, params: { p_today: today } }),
  arrivals_week: ({ today }) => ({
    sql: `${ACTIVE} AND b.arrival >= @p_today AND b.arrival < @p_week`,
    params: { p_today: today, p_week: addDays(today, 7) },
  }),
  departures_today: ({ today }) => ({ sql: `${ACTIVE} AND b.departure = @p_today`, params: { p_today: today } }),
  options_48h: ({ now }) => ({
    sql: `b.status = 'option' AND b.option_expires_at > @p_now AND b.option_expires_at <= @p_in48h`,
    params: { p_now: now, p_in48h: new Date(Date.parse(now) + 48 * 3600_000).toISOString() },
  }),
  balance_due: ({ today }) => ({
    sql: `${ACTIVE} AND b.balance_cents > 0 AND b.balance_due_date IS NOT NULL AND b.balance_due_date <= @p_today`,
    params: { p_today: today },
  }),
  deposits_unsecured_7d: ({ today }) => ({
    sql: `${ACTIVE} AND ${UNSECURED} AND b.arrival >= @p_today AND b.arrival < @p_week`,
    params: { p_today: today, p_week: addDays(today, 7) },
  }),
};

export function presetWhere(preset: BookingPreset, clock: { today: string; now: string }): SqlWhere {
  return PRESETS[preset](clock);
}

/** The words of a search box: letters and digits, with the joiners of e-mails and numbers. */
export function searchWords(search: string): string[] {
  return (search.normalize('NFKC').match(/[\p{L}\p{N}]+(?:[@._'+-][\p{L}\p{N}]+)*/gu) ?? []).slice(0, 12);
}

/**
 * Turns whatever a clerk typed into a safe FTS5 query: each word becomes a quoted prefix term, all
 * required. Quotes, operators, `*` and SQL-looking text lose any meaning; emoji are dropped.
 */
export function toFtsQuery(search: string): string | null {
  const terms = searchWords(search).map((w) => `"${w.replaceAll('"', '""')}"*`);
  return terms.length > 0 ? terms.join(' ') : null;
}

/**
 * How the search box takes part in a WHERE clause:
 * - `drives`: the search's list of matching dossiers drives the plan (best when few match);
 * - `walks`: each dossier met while walking the sort's index is checked against the set of
 *   matching full-text rowids (best when many match: the first window is found after a short walk,
 *   and the set is integers, not the dossiers' ids looked up one by one);
 * - `joined`: as `walks`, the dossier's search row being already joined as `s` (for its tenant
 *   order, see bookings-query): its integer key is checked directly;
 * - `omit`: no search condition (the caller counts the matches in the full-text index itself).
 */
export type SearchShape = 'drives' | 'walks' | 'joined' | 'omit';

/** The grid's filters that are one column each (presets are whole conditions of their own). */
export type FilterColumn = 'agency' | 'status' | 'property' | 'source' | 'arrival' | 'deposit';

export interface BookingsWhere extends SqlWhere {
  /** The FTS5 query of the search box, if any. */
  fts: string | null;
}

export interface WhereOptions {
  /**
   * Filters whose column must not lead the plan: written `+b.column`, which SQLite checks on each
   * row met but never looks up by index. The caller chooses what drives (see bookings-query).
   */
  unindexed?: ReadonlySet<FilterColumn>;
}

/**
 * The filters an input sets, by column (`preset` for a preset), without building their SQL: the
 * planner asks this several times per window, and a preset's SQL reads the agency's clock.
 */
export function filtersOf(input: ParsedInput<'bookings/list'>): Set<FilterColumn | 'preset'> {
  const set = (value: unknown) => value !== null && value !== undefined;
  const filters = new Set<FilterColumn | 'preset'>();
  if (set(input.agencyId)) filters.add('agency');
  if (set(input.status)) filters.add('status');
  if (set(input.propertyId)) filters.add('property');
  if (set(input.source)) filters.add('source');
  if (input.arrivalFrom || input.arrivalTo) filters.add('arrival');
  if (set(input.deposit)) filters.add('deposit');
  if (input.preset) filters.add('preset');
  return filters;
}

export function bookingsWhere(
  ctx: ServiceContext,
  input: ParsedInput<'bookings/list'>,
  search: SearchShape,
  options: WhereOptions = {},
): BookingsWhere {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const col = (filter: FilterColumn, column: string) => (options.unindexed?.has(filter) ? `+${column}` : column);
  const eq = (filter: FilterColumn, column: string, name: string, value: unknown) => {
    if (value === null || value === undefined) return;
    parts.push(`${col(filter, column)} = @${name}`);
    params[name] = value;
  };
  eq('agency', 'b.agency_id', 'agencyId', input.agencyId);
  eq('status', 'b.status', 'status', input.status);
  eq('property', 'b.property_id', 'propertyId', input.propertyId);
  eq('source', 'b.source', 'source', input.source);
  if (input.arrivalFrom) {
    parts.push(`${col('arrival', 'b.arrival')} >= @arrivalFrom`);
    params.arrivalFrom = input.arrivalFrom;
  }
  if (input.arrivalTo) {
    parts.push(`${col('arrival', 'b.arrival')} <= @arrivalTo`);
    params.arrivalTo = input.arrivalTo;
  }
  if (input.deposit === 'unsecured') {
    const plus = options.unindexed?.has('deposit') ? '+' : '';
    parts.push(`${plus}${ACTIVE} AND ${plus}${UNSECURED}`);
  } else eq('deposit', 'b.deposit_state', 'deposit', input.deposit);
  if (input.preset) {
    const p = presetWhere(input.preset, clockFor(ctx, input.agencyId));
    parts.push(p.sql);
    Object.assign(params, p.params);
  }
  const fts = toFtsQuery(input.search);
  if (fts && search !== 'omit') {
    parts.push(
      search === 'drives'
        ? // The agency is on the search row too: the other agencies' matches are not read further.
          `b.id IN (SELECT s.booking_id FROM booking_search s WHERE s.rowid IN
             (SELECT rowid FROM bookings_fts WHERE bookings_fts MATCH @fts)${input.agencyId ? ' AND +s.agency_id = @agencyId' : ''})`
        : // An expression on the left: never mistaken for a key to drive with.
          `${search === 'joined' ? '+s.rowid' : '(SELECT s.rowid FROM booking_search s WHERE s.booking_id = b.id)'} IN
             (SELECT rowid FROM bookings_fts WHERE bookings_fts MATCH @fts)`,
    );
    params.fts = fts;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params, fts };
}
