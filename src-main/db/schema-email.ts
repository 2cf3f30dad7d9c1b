// E-mail: SMTP settings, retro-planning rules, templates, batches and the messages themselves.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps } from './schema-columns';
import { agencies, bookings } from './schema-core';

export const smtpSecurities = ['starttls', 'tls', 'none'] as const;

/** Paramétrage › Agences › Emails: the agency's SMTP server. The password lives in the secret store. */
export const agencyEmailSettings = sqliteTable('agency_email_settings', {
  agencyId: text('agency_id').primaryKey().references(() => agencies.id),
  smtpHost: text('smtp_host').notNull().default(''),
  smtpPort: integer('smtp_port').notNull().default(587),
  smtpSecurity: text('smtp_security', { enum: smtpSecurities }).notNull().default('starttls'),
  smtpUser: text('smtp_user').notNull().default(''),
  senderName: text('sender_name').notNull().default(''),
  senderEmail: text('sender_email').notNull().default(''),
  replyTo: text('reply_to').notNull().default(''),
  /** Messages per minute the provider accepts (30 for Microsoft 365). */
  perMinute: integer('per_minute').notNull().default(30),
  ...timestamps,
});

/** Retro-planning of one semi-automatic kind for one agency: « Jours avant arrivée » and its options. */
export const emailRules = sqliteTable(
  'email_rules',
  {
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    kind: text('kind').notNull(),
    offsetDays: integer('offset_days').notNull(),
    /** « Envoyer même si le délai est dépassé ». */
    sendLate: integer('send_late', { mode: 'boolean' }).notNull().default(true),
    /** JSON arrays of property ids and booking sources; empty = all. */
    propertyIds: text('property_ids').notNull().default('[]'),
    sources: text('sources').notNull().default('[]'),
    ...timestamps,
  },
  (t) => [uniqueIndex('email_rules_uq').on(t.agencyId, t.kind)],
);

/** Gestionnaire d'email: one text per agency, kind and language. */
export const emailTemplates = sqliteTable(
  'email_templates',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    kind: text('kind').notNull(),
    language: text('language', { enum: ['fr', 'en'] }).notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('email_templates_uq').on(t.agencyId, t.kind, t.language)],
);

/** One run of « TOUT CRÉER ET ENVOYER AUTOMATIQUEMENT »: what it created and what it skipped. */
export const emailBatches = sqliteTable('email_batches', {
  id: text('id').primaryKey(),
  agencyId: text('agency_id').notNull().references(() => agencies.id),
  kind: text('kind').notNull(),
  /** JSON: the dossiers skipped, with the reason. */
  skipped: text('skipped').notNull().default('[]'),
  cancelledAt: text('cancelled_at'),
  createdBy: text('created_by').notNull(),
  ...timestamps,
});

export const emailStates = ['held', 'queued', 'sent', 'failed', 'unknown', 'cancelled'] as const;

/**
 * Every e-mail Comptoir created, with the exact content handed to SMTP: the dossier's
 * Communications. Delivery is the outbox's business (one 'email/send' row per message).
 */
export const emails = sqliteTable(
  'emails',
  {
    /** UUIDv7; the Message-ID is derived from it. */
    id: text('id').primaryKey(),
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    bookingId: text('booking_id').references(() => bookings.id),
    batchId: text('batch_id').references(() => emailBatches.id),
    kind: text('kind').notNull(),
    /** Planned kinds: the date the e-mail was planned from (arrival, departure, due date…). */
    anchorDate: text('anchor_date'),
    /**
     * '<booking>:<kind>:<anchor>' for planned kinds: at most one e-mail per dossier, kind and anchor
     * date, whatever the clicks or crashes. Cleared when the message fails or is cancelled, so the
     * dossier is listed again.
     */
    plannedKey: text('planned_key'),
    language: text('language').notNull(),
    toAddress: text('to_address').notNull(),
    toName: text('to_name').notNull().default(''),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name').notNull().default(''),
    replyTo: text('reply_to').notNull().default(''),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    messageId: text('message_id').notNull(),
    state: text('state', { enum: emailStates }).notNull(),
    outboxId: text('outbox_id'),
    /** What the SMTP server answered on acceptance. */
    smtpResponse: text('smtp_response'),
    /** French reason of a failure or of an unknown hand-off. */
    error: text('error'),
    sentAt: text('sent_at'),
    createdBy: text('created_by').notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('emails_planned_uq').on(t.plannedKey).where(sql`planned_key IS NOT NULL`),
    index('emails_booking_idx').on(t.bookingId, t.createdAt),
    index('emails_batch_idx').on(t.batchId).where(sql`batch_id IS NOT NULL`),
    // Previously sent planned e-mails of a dossier and kind, for « dates modifiées ».
    index('emails_booking_kind_idx').on(t.bookingId, t.kind, t.anchorDate),
  ],
);
