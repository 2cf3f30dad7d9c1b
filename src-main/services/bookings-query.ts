import type { BookingRow, BookingSortColumn, ParsedInput } from '../../src-shared/contract';
import { AppError } from '../../src-shared/contract';
import { agencyTimeZone } from './clock';
import { bookingsWhere } from './bookings-filter';
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

const JOINS: Record<'b' | 'c' | 'p' | 'a', string> = {
  // Bookings first, always: with two agencies the planner would rather walk each agency's dossiers
  // and sort them all (250 ms on 100,000) than read 100 rows down the sort's index (1 ms).
  b: 'FROM bookings b CROSS JOIN agencies a ON a.id = b.agency_id CROSS JOIN properties p ON p.id = b.property_id CROSS JOIN clients c ON c.id = b.client_id',
  // CROSS JOIN makes SQLite walk the first table in index order: the sort needs no temporary b-tree.
  c: 'FROM clients c CROSS JOIN bookings b ON b.client_id = c.id JOIN agencies a ON a.id = b.agency_id JOIN properties p ON p.id = b.property_id',
  p: 'FROM properties p CROSS JOIN bookings b ON b.property_id = p.id JOIN agencies a ON a.id = b.agency_id JOIN clients c ON c.id = b.client_id',
  a: 'FROM agencies a CROSS JOIN bookings b ON b.agency_id = a.id JOIN properties p ON p.id = b.property_id JOIN clients c ON c.id = b.client_id',
};
const ROW_JOINS = JOINS.b;

/**
 * ORDER BY keys per grid column, chosen to match an index key for key (then the rowid that every
 * index entry ends with), so a window of 100 rows is read in order instead of sorting the table.
 * `driver` is the table to walk first when that index belongs to a joined table.
 */
const SORTS: Record<BookingSortColumn, { keys: string[]; tie?: string[]; driver?: 'c' | 'p' | 'a' }> = {
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

/** Below this many matches, sorting them is cheaper than walking an index in order. */
const SMALL_RESULT = 5000;

export function listBookings(ctx: ServiceContext, input: ParsedInput<'bookings/list'>) {
  const where = bookingsWhere(ctx, input, true);
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM bookings b ${where.sql}`).get(where.params) as { n: number }).n;
  // Past the middle, read the window from the other end: an OFFSET costs a walk over the rows it skips.
  const fromEnd = input.offset > total / 2;
  const offset = fromEnd ? Math.max(0, total - input.offset - input.limit) : input.offset;
  const limit = fromEnd ? Math.min(input.limit, total - input.offset) : input.limit;
  const dir = (d: 'asc' | 'desc') => ((d === 'asc') !== fromEnd ? 'ASC' : 'DESC');
  const primary = input.sort[0]!;
  const order = input.sort.flatMap((s) => SORTS[s.column].keys.map((k) => `${k} ${dir(s.direction)}`));
  // Alone, a column is followed by the rest of its index key; a unique last key keeps windows stable.
  if (input.sort.length === 1) order.push(...(SORTS[primary.column].tie ?? []).map((k) => `${k} ${dir(primary.direction)}`));
  order.push(`b.rowid ${dir(primary.direction)}`);
  const small = total <= SMALL_RESULT;
  const driver = small ? 'b' : (SORTS[primary.column].driver ?? 'b');
  // On a large result the sort index drives the plan, not the search's list of ids.
  const rowsWhere = small ? where : bookingsWhere(ctx, input, false);
  const rows = ctx.sqlite
    .prepare(`SELECT ${ROW_COLUMNS} ${JOINS[driver]} ${rowsWhere.sql} ORDER BY ${order.join(', ')} LIMIT @limit OFFSET @offset`)
    .all({ ...where.params, limit: Math.max(0, limit), offset }) as BookingRow[];
  return { total, rows: fromEnd ? rows.reverse() : rows };
}

export function getBookingRow(ctx: ServiceContext, id: string): BookingRow {
  const row = ctx.sqlite.prepare(`SELECT ${ROW_COLUMNS} ${ROW_JOINS} WHERE b.id = ?`).get(id) as BookingRow | undefined;
  if (!row) throw new AppError('not_found', 'Dossier introuvable : il a peut-être été supprimé. Actualisez la liste des dossiers.');
  return row;
}

export const bookingQueryHandlers: Pick<Handlers, 'bookings/list' | 'bookings/get'> = {
  'bookings/list': (input, ctx) => listBookings(ctx, input),

  'bookings/get': ({ id }, ctx) => {
    const row = getBookingRow(ctx, id);
    const extra = ctx.sqlite
      .prepare(
        `SELECT adults, children, notes, balance_due_date AS balanceDueDate, deposit_amount_cents AS depositOverrideCents
         FROM bookings WHERE id = ?`,
      )
      .get(id) as {
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
    const history = ctx.sqlite
      .prepare(
        `SELECT at, workstation_user AS workstationUser, action, changes
         FROM audit_log WHERE entity = 'booking' AND entity_id = ? ORDER BY at, id`,
      )
      .all(id) as never[];
    return { ...row, ...extra, agencyTimeZone: agencyTimeZone(ctx, row.agencyId), client, lines, payments, history };
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
