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

const ROW_JOINS = `
  FROM bookings b
  JOIN agencies a ON a.id = b.agency_id
  JOIN properties p ON p.id = b.property_id
  JOIN clients c ON c.id = b.client_id`;

/** Whitelisted ORDER BY expressions: the sort column never reaches SQL as text from the caller. */
const SORT_SQL: Record<BookingSortColumn, string> = {
  number: 'b.number',
  status: 'b.status',
  client: 'c.last_name COLLATE NOCASE',
  property: 'p.name COLLATE NOCASE',
  arrival: 'b.arrival',
  departure: 'b.departure',
  nights: 'b.nights',
  total: 'b.total_cents',
  balance: 'b.balance_cents',
  deposit: 'b.deposit_state',
  source: 'b.source',
  agency: 'a.name',
};

export function listBookings(ctx: ServiceContext, input: ParsedInput<'bookings/list'>) {
  const where = bookingsWhere(ctx, input);
  const order = input.sort.map((s) => `${SORT_SQL[s.column]} ${s.direction === 'asc' ? 'ASC' : 'DESC'}`);
  // A unique last key keeps windows stable: a row never shows on two pages.
  order.push(`b.id ${input.sort[0]!.direction === 'asc' ? 'ASC' : 'DESC'}`);
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM bookings b ${where.sql}`).get(where.params) as { n: number }).n;
  const rows = ctx.sqlite
    .prepare(
      `SELECT ${ROW_COLUMNS} ${ROW_JOINS} ${where.sql}
       ORDER BY ${order.join(', ')}
       LIMIT @limit OFFSET @offset`,
    )
    .all({ ...where.params, limit: input.limit, offset: input.offset }) as BookingRow[];
  return { total, rows };
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
