import { eq, sql } from 'drizzle-orm';
import { AppError, bookingNotFound, type ParsedInput } from '../../src-shared/contract';
import {
  conflictMessage,
  decideTransition,
  findConflict,
  lineTotal,
  nightsBetween,
  pricingTotals,
  stayDateInZone,
  type StatusAction,
  type StaySlot,
} from '../../src-shared/domain';
import { bookings, clients, payments, pricingLines, properties } from '../db/schema';
import { uuidv7 } from '../db/ids';
import type { Db } from '../db/open';
import { keep } from '../db/prepared';
import { agencyTimeZone } from './clock';
import { writeAudit } from './audit';
import { cancelDeposit, syncDeposit } from './deposits';
import { queueActionEmail } from './email-actions';
import { nowIso, type Handlers, type ServiceContext } from './context';

/** Next per-agency dossier number for the current year, e.g. 2026-000124. Call inside a transaction. */
export function nextBookingNumber(ctx: ServiceContext, agencyId: string, year: number): string {
  const row = ctx.sqlite
    .prepare(
      `INSERT INTO booking_counters (agency_id, year, last_number) VALUES (?, ?, 1)
       ON CONFLICT (agency_id, year) DO UPDATE SET last_number = last_number + 1
       RETURNING last_number AS n`,
    )
    .get(agencyId, year) as { n: number };
  return `${year}-${String(row.n).padStart(6, '0')}`;
}

/** Active-or-not stays of one property that share a night with [arrival, departure). */
function staysOverlapping(ctx: ServiceContext, propertyId: string, arrival: string, departure: string): StaySlot[] {
  return ctx.sqlite
    .prepare(
      `SELECT id, number, arrival, departure, status, option_expires_at AS optionExpiresAt
       FROM bookings
       WHERE property_id = ? AND status IN ('option', 'confirmed') AND arrival < ? AND departure > ?`,
    )
    .all(propertyId, departure, arrival) as StaySlot[];
}

function loadProperty(ctx: ServiceContext, propertyId: string) {
  const property = ctx.db.select().from(properties).where(eq(properties.id, propertyId)).get();
  if (!property) throw new AppError('not_found', 'Logement introuvable. Choisissez un logement dans la liste.');
  return property;
}

/** Refuses the stay when an active dossier of the property holds one of its nights. */
function assertAvailable(ctx: ServiceContext, stay: { propertyId: string; arrival: string; departure: string; id?: string }) {
  const conflict = findConflict(stay, staysOverlapping(ctx, stay.propertyId, stay.arrival, stay.departure), ctx.now());
  if (conflict) throw new AppError('conflict', conflictMessage(conflict));
}

/** Replaces the Tarification lines of a dossier (inside the caller's transaction). */
function writePricingLines(ctx: ServiceContext, bookingId: string, lines: ParsedInput<'bookings/create'>['lines'], at: string) {
  ctx.db.delete(pricingLines).where(eq(pricingLines.bookingId, bookingId)).run();
  lines.forEach((line, position) => {
    ctx.db
      .insert(pricingLines)
      .values({
        id: uuidv7(),
        bookingId,
        position,
        ...line,
        totalCents: lineTotal(line.quantity, line.unitPriceCents),
        createdAt: at,
        updatedAt: at,
      })
      .run();
  });
}

/** The columns a clerk edits on a dossier (the same for a new one and a change). */
function editableColumns(input: Omit<ParsedInput<'bookings/update'>, 'id'>) {
  return {
    propertyId: input.propertyId,
    arrival: input.arrival,
    departure: input.departure,
    nights: nightsBetween(input.arrival, input.departure),
    adults: input.adults,
    children: input.children,
    depositAmountCents: input.depositAmountCents,
    balanceDueDate: input.balanceDueDate,
    notes: input.notes,
  };
}

const bookingById = (db: Db) =>
  keep(db, 'bookings.byId', () =>
    db
      .select()
      .from(bookings)
      .where(eq(bookings.id, sql.placeholder('id')))
      .prepare(),
  );

/** Adding a payment: the counter's most frequent write, kept prepared (see db/prepared.ts). */
const paymentStatements = (db: Db) =>
  keep(db, 'payments.add', () => ({
    insert: db
      .insert(payments)
      .values({
        id: sql.placeholder('id'),
        bookingId: sql.placeholder('bookingId'),
        amountCents: sql.placeholder('amountCents'),
        method: sql.placeholder('method'),
        receivedOn: sql.placeholder('receivedOn'),
        reference: sql.placeholder('reference'),
        createdAt: sql.placeholder('at'),
        updatedAt: sql.placeholder('at'),
      })
      .prepare(),
    settle: db
      .update(bookings)
      // An update's values take placeholders wrapped in SQL.
      .set({ paidCents: sql`${sql.placeholder('paidCents')}`, balanceCents: sql`${sql.placeholder('balanceCents')}`, updatedAt: sql`${sql.placeholder('at')}` })
      .where(eq(bookings.id, sql.placeholder('id')))
      .prepare(),
  }));

function loadBooking(ctx: ServiceContext, id: string) {
  const b = bookingById(ctx.db).get({ id });
  if (!b) throw bookingNotFound();
  return b;
}

function applyStatusAction(ctx: ServiceContext, id: string, action: StatusAction) {
  const result = ctx.sqlite.transaction(() => {
    const b = loadBooking(ctx, id);
    const decision = decideTransition(b, action, ctx.now(), agencyTimeZone(ctx, b.agencyId));
    if (!decision.ok) throw new AppError(decision.code, decision.message);
    const at = nowIso(ctx);
    const cancelled = decision.status === 'cancelled';
    ctx.db
      .update(bookings)
      .set({
        status: decision.status,
        cancelReason: decision.cancelReason,
        cancelledAt: cancelled ? at : null,
        ...(decision.status === 'confirmed' && b.status !== 'confirmed' ? { confirmedAt: at } : {}),
        updatedAt: at,
      })
      .where(eq(bookings.id, id))
      .run();
    const touched = new Set<string>(['bookings']);
    // The deposit request is made on confirmation, so its link exists before staff need it offline.
    if (action.kind === 'confirm') syncDeposit(ctx, id).forEach((t) => touched.add(t));
    if (decision.status === 'cancelled') cancelDeposit(ctx, id).forEach((t) => touched.add(t));
    writeAudit(ctx, 'booking', id, action.kind, {
      status: [b.status, decision.status],
      ...(decision.cancelReason ? { cancelReason: decision.cancelReason } : {}),
    });
    const mail = action.kind === 'confirm' ? 'bookingConfirmation' : action.kind === 'cancel' ? 'bookingCancellation' : null;
    const email = mail ? queueActionEmail(ctx, id, mail) : null;
    email?.touched.forEach((t) => touched.add(t));
    return { id, status: decision.status, emailNotice: email?.notice ?? null, touched: [...touched] };
  })();
  ctx.notify(result.touched);
  return { id: result.id, status: result.status, emailNotice: result.emailNotice };
}

/**
 * Options whose expiry has passed lapse: their nights become free again. Run at start and on a
 * timer; each lapse is its own audited transition, like a clerk's cancellation.
 */
export function lapseExpiredOptions(ctx: ServiceContext): number {
  const due = ctx.sqlite
    .prepare(`SELECT id FROM bookings WHERE status = 'option' AND option_expires_at <= ?`)
    .all(nowIso(ctx)) as { id: string }[];
  for (const { id } of due) applyStatusAction(ctx, id, { kind: 'lapse' });
  return due.length;
}

export const bookingCommandHandlers: Pick<
  Handlers,
  'bookings/create' | 'bookings/availability' | 'bookings/update' | 'bookings/confirm' | 'bookings/cancel' | 'payments/add'
> = {
  'bookings/create': (input, ctx) => {
    const now = ctx.now();
    const touched = new Set<string>(['bookings', 'pricing_lines']);
    if (input.status === 'option' && input.optionExpiresAt && Date.parse(input.optionExpiresAt) <= now.getTime()) {
      throw new AppError('invalid_input', "La date d'expiration de l'option doit être dans le futur.");
    }
    const result = ctx.sqlite.transaction(() => {
      const property = loadProperty(ctx, input.propertyId);
      const client = ctx.db
        .select({ id: clients.id, agencyId: clients.agencyId })
        .from(clients)
        .where(eq(clients.id, input.clientId))
        .get();
      if (!client) throw new AppError('not_found', 'Client introuvable. Choisissez un client dans la liste ou créez-le.');
      if (client.agencyId !== property.agencyId) {
        throw new AppError('invalid_input', "Ce client est enregistré dans une autre agence que le logement choisi.");
      }
      assertAvailable(ctx, input);

      const tz = agencyTimeZone(ctx, property.agencyId);
      const id = uuidv7();
      const number = nextBookingNumber(ctx, property.agencyId, Number(stayDateInZone(now, tz).slice(0, 4)));
      const totals = pricingTotals(input.lines, []);
      const at = nowIso(ctx);
      ctx.db
        .insert(bookings)
        .values({
          id,
          agencyId: property.agencyId,
          number,
          clientId: client.id,
          status: input.status,
          optionExpiresAt: input.status === 'option' ? input.optionExpiresAt : null,
          source: input.source,
          ...editableColumns(input),
          ...totals,
          confirmedAt: input.status === 'confirmed' ? at : null,
          createdAt: at,
          updatedAt: at,
        })
        .run();
      writePricingLines(ctx, id, input.lines, at);
      writeAudit(ctx, 'booking', id, 'create', {
        number,
        status: input.status,
        arrival: input.arrival,
        departure: input.departure,
        totalCents: totals.totalCents,
      });
      let emailNotice: string | null = null;
      if (input.status === 'confirmed') {
        syncDeposit(ctx, id).forEach((t) => touched.add(t));
        const email = queueActionEmail(ctx, id, 'bookingConfirmation');
        email.touched.forEach((t) => touched.add(t));
        emailNotice = email.notice;
      }
      return { id, number, emailNotice };
    })();
    ctx.notify([...touched]);
    return result;
  },

  'bookings/availability': (input, ctx) => {
    loadProperty(ctx, input.propertyId);
    const conflict = findConflict(
      { ...input, id: input.excludeId ?? undefined },
      staysOverlapping(ctx, input.propertyId, input.arrival, input.departure),
      ctx.now(),
    );
    return conflict
      ? {
          available: false,
          conflict: { id: conflict.id, number: conflict.number, arrival: conflict.arrival, departure: conflict.departure },
          message: conflictMessage(conflict),
        }
      : { available: true, conflict: null, message: null };
  },

  'bookings/update': (input, ctx) => {
    const touched = new Set<string>(['bookings', 'pricing_lines']);
    const result = ctx.sqlite.transaction(() => {
      const before = loadBooking(ctx, input.id);
      if (before.status === 'cancelled') {
        throw new AppError('invalid_transition', 'Le dossier est annulé : il ne peut plus être modifié.');
      }
      const property = loadProperty(ctx, input.propertyId);
      if (property.agencyId !== before.agencyId) {
        throw new AppError('invalid_input', "Ce logement appartient à une autre agence que le dossier.");
      }
      assertAvailable(ctx, input);
      const at = nowIso(ctx);
      const totals = pricingTotals(input.lines, [{ amountCents: before.paidCents }]);
      const after = {
        ...editableColumns(input),
        totalCents: totals.totalCents,
        balanceCents: totals.balanceCents,
      };
      ctx.db.update(bookings).set({ ...after, updatedAt: at }).where(eq(bookings.id, input.id)).run();
      writePricingLines(ctx, input.id, input.lines, at);
      // New amount or dates: the Swikly request follows (PATCH), or is made if it is now due.
      syncDeposit(ctx, input.id).forEach((t) => touched.add(t));
      const changes = Object.fromEntries(
        Object.entries(after)
          .filter(([k, v]) => before[k as keyof typeof before] !== v)
          .map(([k, v]) => [k, [before[k as keyof typeof before], v]]),
      );
      writeAudit(ctx, 'booking', input.id, 'update', changes);
      return { id: input.id, totalCents: totals.totalCents, balanceCents: totals.balanceCents };
    })();
    ctx.notify([...touched]);
    return result;
  },

  'bookings/confirm': ({ id }, ctx) => applyStatusAction(ctx, id, { kind: 'confirm' }),

  'bookings/cancel': ({ id, reason }, ctx) => applyStatusAction(ctx, id, { kind: 'cancel', reason }),

  'payments/add': (input, ctx) => {
    const result = ctx.sqlite.transaction(() => {
      const b = loadBooking(ctx, input.bookingId);
      const id = uuidv7();
      const at = nowIso(ctx);
      paymentStatements(ctx.db).insert.run({ id, ...input, at });
      const paidCents = b.paidCents + input.amountCents;
      const balanceCents = b.totalCents - paidCents;
      paymentStatements(ctx.db).settle.run({ id: b.id, paidCents, balanceCents, at });
      writeAudit(ctx, 'booking', b.id, 'payment', { amountCents: input.amountCents, method: input.method });
      return { id, paidCents, balanceCents };
    })();
    ctx.notify(['bookings', 'payments']);
    return result;
  },
};
