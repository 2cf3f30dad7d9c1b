// Swikly deposits: the agency's connection and one request per dossier.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps } from './schema-columns';
import { agencies, bookings } from './schema-core';

export const swiklyEnvironments = ['production', 'sandbox', 'custom'] as const;

/** Applications et intégrations › Swikly. The API key lives in the secret store. */
export const agencySwiklySettings = sqliteTable('agency_swikly_settings', {
  agencyId: text('agency_id').primaryKey().references(() => agencies.id),
  environment: text('environment', { enum: swiklyEnvironments }).notNull().default('production'),
  baseUrl: text('base_url').notNull().default(''),
  /** Préférences › « Activer la liaison Swikly ». */
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(false),
  marginDays: integer('margin_days').notNull().default(0),
  autoReleaseDays: integer('auto_release_days'),
  reminderDays: integer('reminder_days'),
  /** What « Connecter » found (GET /me, GET /accounts), JSON. */
  userJson: text('user_json'),
  accountsJson: text('accounts_json').notNull().default('[]'),
  connectedAt: text('connected_at'),
  ...timestamps,
});

/**
 * One Swikly request of a dossier (a new one after a failure or a cancellation: seq 2, 3…). Written
 * with the dossier's change, before anything is sent: the customId is known before the create leaves.
 */
export const swiklyRequests = sqliteTable(
  'swikly_requests',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    bookingId: text('booking_id').notNull().references(() => bookings.id),
    seq: integer('seq').notNull(),
    customId: text('custom_id').notNull(),
    accountId: text('account_id').notNull(),
    requestType: text('request_type').notNull(),
    amountCents: integer('amount_cents').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    /** Swikly's ids and link, once the create is confirmed. */
    requestId: text('request_id'),
    depositId: text('deposit_id'),
    paymentId: text('payment_id'),
    link: text('link'),
    depositStatus: text('deposit_status'),
    paymentStatus: text('payment_status'),
    acceptedAt: text('accepted_at'),
    releasedAt: text('released_at'),
    /** The Swikly payment was booked on the dossier (once). */
    paymentBooked: integer('payment_booked', { mode: 'boolean' }).notNull().default(false),
    /** open: polled; closed: final (secured and released, cancelled, expired…). */
    open: integer('open', { mode: 'boolean' }).notNull().default(true),
    /** Staff are looking at it (link copied, dossier open): polled every 20 s for a while. */
    attentionAt: text('attention_at'),
    lastPolledAt: text('last_polled_at'),
    lastError: text('last_error'),
    reminderSentAt: text('reminder_sent_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('swikly_requests_custom_uq').on(t.agencyId, t.customId),
    uniqueIndex('swikly_requests_booking_seq_uq').on(t.bookingId, t.seq),
    index('swikly_requests_open_idx').on(t.agencyId, t.lastPolledAt).where(sql`open = 1`),
  ],
);
