import type { BookingRow, ParsedInput } from '../../src-shared/contract';
import { AppError } from '../../src-shared/contract';
import type { Handlers, ServiceContext } from './context';

const ROW_COLUMNS = `
  b.id, b.number, b.status, b.cancel_reason AS cancelReason, b.option_expires_at AS optionExpiresAt,
  b.agency_id AS agencyId, a.name AS agencyName,
  b.property_id AS propertyId, p.code AS propertyCode, p.name AS propertyName,
  b.client_id AS clientId, trim(c.last_name || ' ' || c.first_name) AS clientName,
  b.arrival, b.departure, b.nights,
  b.total_cents AS totalCents, b.paid_cents AS paidCents, b.balance_cents AS balanceCents,
  b.deposit_state AS depositState, b.deposit_secured_at AS depositSecuredAt, b.source`;

const ROW_JOINS = `
  FROM bookings b
  JOIN agencies a ON a.id = b.agency_id
  JOIN properties p ON p.id = b.property_id
  JOIN clients c ON c.id = b.client_id`;

/** Whitelisted ORDER BY expressions: the sort column never reaches SQL as text from the caller. */
const SORT_SQL: Record<ParsedInput<'bookings/list'>['sort']['column'], string> = {
  number: 'b.number',
  status: 'b.status',
  client: 'c.last_name COLLATE NOCASE',
  property: 'p.name COLLATE NOCASE',
  arrival: 'b.arrival',
  departure: 'b.departure',
  nights: 'b.nights',
  total: 'b.total_cents',
  balance: 'b.balance_cents',
  source: 'b.source',
};

/**
 * Turns whatever a clerk typed into a safe FTS5 query: each word becomes a quoted prefix term, all
 * required. Quotes, operators, `*` and SQL-looking text lose any meaning; emoji are dropped.
 */
export function toFtsQuery(search: string): string | null {
  const words = search.normalize('NFKC').match(/[\p{L}\p{N}]+(?:[@._'+-][\p{L}\p{N}]+)*/gu) ?? [];
  const terms = words.slice(0, 12).map((w) => `"${w.replaceAll('"', '""')}"*`);
  return terms.length > 0 ? terms.join(' ') : null;
}

function whereClause(input: ParsedInput<'bookings/list'>): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (input.agencyId) {
    parts.push('b.agency_id = @agencyId');
    params.agencyId = input.agencyId;
  }
  if (input.status) {
    parts.push('b.status = @status');
    params.status = input.status;
  }
  const fts = toFtsQuery(input.search);
  if (fts) {
    parts.push(
      `b.id IN (SELECT s.booking_id FROM booking_search s WHERE s.rowid IN
         (SELECT rowid FROM bookings_fts WHERE bookings_fts MATCH @fts))`,
    );
    params.fts = fts;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function listBookings(ctx: ServiceContext, input: ParsedInput<'bookings/list'>) {
  const where = whereClause(input);
  const dir = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM bookings b ${where.sql}`).get(where.params) as { n: number }).n;
  const rows = ctx.sqlite
    .prepare(
      `SELECT ${ROW_COLUMNS} ${ROW_JOINS} ${where.sql}
       ORDER BY ${SORT_SQL[input.sort.column]} ${dir}, b.id ${dir}
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
        `SELECT adults, children, notes, balance_due_date AS balanceDueDate, deposit_amount_cents AS depositAmountCents
         FROM bookings WHERE id = ?`,
      )
      .get(id) as {
      adults: number;
      children: number;
      notes: string;
      balanceDueDate: string | null;
      depositAmountCents: number | null;
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
    return { ...row, ...extra, client, lines, payments, history };
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
