// The sync engine's tables: the outbox and the pollers' cursors.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps } from './schema-columns';
import { bookings } from './schema-core';

export const outboxStates = ['pending', 'in_flight', 'done', 'failed', 'cancelled'] as const;

/**
 * Every remote effect, written in the same transaction as the business change that wants it.
 * Rows are never deleted by the engine: done and cancelled rows are the history staff can audit.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    /** UUIDv7: also the order of operations within a lane. */
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    remote: text('remote').notNull(),
    /** Operations of one lane (usually one dossier) run one at a time, in id order. */
    lane: text('lane').notNull(),
    bookingId: text('booking_id').references(() => bookings.id),
    /** JSON, parsed with the kind's schema on every read. */
    payload: text('payload').notNull(),
    /** Given by the caller to make enqueue idempotent (a double click, a replayed batch); else the id stands in. */
    idempotencyKey: text('idempotency_key'),
    state: text('state', { enum: outboxStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** The previous attempt may have reached the remote: look the effect up before sending again. */
    reconcileFirst: integer('reconcile_first', { mode: 'boolean' }).notNull().default(false),
    lastErrorCode: text('last_error_code'),
    /** French, shown to staff as the reason. */
    lastError: text('last_error'),
    /** JSON of what the remote answered, once done. */
    result: text('result'),
    completedAt: text('completed_at'),
    ...timestamps,
  },
  // Partial indexes: a row leaves them as it moves on, so a drain of thousands writes few index
  // entries per row (PERFORMANCE.md S1, S2), and done rows, the bulk of the table, sit in none.
  (t) => [
    uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey).where(sql`idempotency_key IS NOT NULL`),
    index('outbox_due_idx').on(t.remote, t.nextAttemptAt, t.id).where(sql`state = 'pending'`),
    // Only open rows block a lane.
    index('outbox_open_lane_idx')
      .on(t.lane, t.id)
      .where(sql`state IN ('pending', 'in_flight', 'failed')`),
    index('outbox_failed_idx').on(t.remote).where(sql`state = 'failed'`),
    index('outbox_booking_idx').on(t.bookingId).where(sql`booking_id IS NOT NULL`),
  ],
);

/** Where each poller stopped reading a remote, saved in the transaction that applies what it read. */
export const syncCursors = sqliteTable('sync_cursors', {
  poller: text('poller').primaryKey(),
  cursor: text('cursor').notNull(),
  lastSuccessAt: text('last_success_at'),
  lastErrorAt: text('last_error_at'),
  lastError: text('last_error'),
  ...timestamps,
});
