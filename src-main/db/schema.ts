// The local booking database. Conventions (ARCHITECTURE.md):
// - ids are UUIDv7 text, never autoincrement, so desks can later merge into one agency hub;
// - money in integer cents, stay dates as 'YYYY-MM-DD', instants as ISO-8601 UTC text;
// - every business table carries created_at / updated_at.
// The FTS5 search index is a custom migration (drizzle-kit cannot describe virtual tables).
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DEPOSIT_STATES } from '../../src-shared/domain/deposit';

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

const postalAddress = {
  addressLine1: text('address_line1').notNull().default(''),
  addressLine2: text('address_line2').notNull().default(''),
  addressLine3: text('address_line3').notNull().default(''),
  postcode: text('postcode').notNull().default(''),
  city: text('city').notNull().default(''),
  country: text('country').notNull().default('FR'),
};

export const agencies = sqliteTable(
  'agencies',
  {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  agencyRef: text('agency_ref').notNull().unique(),
  ...postalAddress,
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  timeZone: text('time_zone').notNull().default('Europe/Paris'),
  senderEmail: text('sender_email').notNull().default(''),
  /** JSON object of integration switches: { swikly, elloha, postal, smtp } booleans. */
  integrations: text('integrations').notNull().default('{}'),
  ...timestamps,
  },
  // The grid's "Agence" sort walks agencies in name order.
  (t) => [index('agencies_name_idx').on(t.name)],
);

export const owners = sqliteTable(
  'owners',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    civility: text('civility', { enum: ['mr', 'mrs', 'none'] }).notNull().default('none'),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull(),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    ...postalAddress,
    ...timestamps,
  },
  (t) => [index('owners_agency_idx').on(t.agencyId, t.lastName)],
);

export const properties = sqliteTable(
  'properties',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    ownerId: text('owner_id').references(() => owners.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    ...postalAddress,
    capacity: integer('capacity').notNull(),
    ellohaEnabled: integer('elloha_enabled', { mode: 'boolean' }).notNull().default(false),
    swiklyAccountId: text('swikly_account_id'),
    /** « Type de demande »: the deposit alone, or the deposit and the balance (Swikly payment). */
    depositRequestType: text('deposit_request_type', { enum: ['deposit', 'deposit_and_balance'] })
      .notNull()
      .default('deposit'),
    defaultDepositCents: integer('default_deposit_cents').notNull().default(0),
    /** Price list used to pre-fill a new dossier's Tarification. */
    nightlyRateCents: integer('nightly_rate_cents').notNull().default(0),
    cleaningFeeCents: integer('cleaning_fee_cents').notNull().default(0),
    bookingFeeCents: integer('booking_fee_cents').notNull().default(0),
    /** Taxe de séjour per adult and night. */
    touristTaxCents: integer('tourist_tax_cents').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('properties_agency_code_uq').on(t.agencyId, t.code),
    // The grid's "Logement" sort walks properties in name order.
    index('properties_name_nocase_idx').on(sql`${t.name} COLLATE NOCASE`),
  ],
);

export const clients = sqliteTable(
  'clients',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    civility: text('civility', { enum: ['mr', 'mrs', 'none'] }).notNull().default('none'),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull(),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    ...postalAddress,
    language: text('language', { enum: ['fr', 'en', 'de', 'es', 'it', 'nl'] }).notNull().default('fr'),
    commPreference: text('comm_preference', { enum: ['email', 'post', 'sms'] }),
    ...timestamps,
  },
  (t) => [
    index('clients_agency_name_idx').on(t.agencyId, t.lastName, t.firstName),
    // The grid's "Locataire" sort walks clients in name order.
    index('clients_name_nocase_idx').on(sql`${t.lastName} COLLATE NOCASE`, sql`${t.firstName} COLLATE NOCASE`),
    index('clients_email_idx').on(t.email),
    // The same sort on a filtered grid reads each dossier's client by id: names in the index, the
    // table row is not read (3,616 « Caut. non sécurisée » dossiers by client: 25 ms → 7 ms).
    index('clients_id_name_idx').on(t.id, sql`${t.lastName} COLLATE NOCASE`, sql`${t.firstName} COLLATE NOCASE`),
  ],
);

export const bookingStatuses = ['option', 'confirmed', 'cancelled'] as const;
export const bookingSources = ['counter', 'phone', 'web', 'elloha'] as const;
export const depositStates = DEPOSIT_STATES;

export const bookings = sqliteTable(
  'bookings',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    /** Per-agency number shown to staff, e.g. 2026-000123. */
    number: text('number').notNull(),
    propertyId: text('property_id').notNull().references(() => properties.id),
    clientId: text('client_id').notNull().references(() => clients.id),
    status: text('status', { enum: bookingStatuses }).notNull(),
    optionExpiresAt: text('option_expires_at'),
    cancelledAt: text('cancelled_at'),
    /** When the option became a confirmed booking (null: created confirmed, or before this column). */
    confirmedAt: text('confirmed_at'),
    cancelReason: text('cancel_reason'),
    source: text('source', { enum: bookingSources }).notNull(),
    arrival: text('arrival').notNull(),
    departure: text('departure').notNull(),
    /** Kept with the dates so the grid can sort on it through an index. */
    nights: integer('nights').notNull(),
    adults: integer('adults').notNull().default(1),
    children: integer('children').notNull().default(0),
    depositAmountCents: integer('deposit_amount_cents'),
    depositState: text('deposit_state', { enum: depositStates }).notNull().default('none'),
    depositSecuredAt: text('deposit_secured_at'),
    balanceDueDate: text('balance_due_date'),
    notes: text('notes').notNull().default(''),
    /** Sums of pricing lines and payments, rewritten in the same transaction as any change to them. */
    totalCents: integer('total_cents').notNull().default(0),
    paidCents: integer('paid_cents').notNull().default(0),
    balanceCents: integer('balance_cents').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('bookings_agency_number_uq').on(t.agencyId, t.number),
    index('bookings_number_idx').on(t.number),
    index('bookings_property_arrival_idx').on(t.propertyId, t.arrival),
    index('bookings_client_idx').on(t.clientId),
    index('bookings_arrival_idx').on(t.arrival),
    index('bookings_departure_idx').on(t.departure),
    index('bookings_agency_arrival_idx').on(t.agencyId, t.arrival),
    index('bookings_status_arrival_idx').on(t.status, t.arrival),
    // "Caut. non sécurisée": deposit states × active statuses, newest arrivals first.
    index('bookings_deposit_arrival_idx').on(t.depositState, t.status, t.arrival),
    index('bookings_source_arrival_idx').on(t.source, t.arrival),
    index('bookings_option_expiry_idx').on(t.status, t.optionExpiresAt),
    // "Soldes à encaisser": only open balances of active dossiers, a few among years of history.
    index('bookings_balance_due_idx')
      .on(t.balanceDueDate)
      .where(sql`${t.balanceCents} > 0 AND ${t.status} IN ('option', 'confirmed')`),
    index('bookings_nights_idx').on(t.nights),
    index('bookings_total_idx').on(t.totalCents),
    index('bookings_balance_idx').on(t.balanceCents),
    index('bookings_updated_idx').on(t.updatedAt),
  ],
);

export const pricingLineKinds = ['rent', 'cleaning', 'fees', 'tourist_tax', 'other'] as const;

export const pricingLines = sqliteTable(
  'pricing_lines',
  {
    id: text('id').primaryKey(),
    bookingId: text('booking_id').notNull().references(() => bookings.id),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    kind: text('kind', { enum: pricingLineKinds }).notNull(),
    quantity: real('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
    ...timestamps,
  },
  (t) => [index('pricing_lines_booking_idx').on(t.bookingId, t.position)],
);

export const paymentMethods = ['card', 'transfer', 'cheque', 'cash', 'holiday_voucher'] as const;

export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    bookingId: text('booking_id').notNull().references(() => bookings.id),
    amountCents: integer('amount_cents').notNull(),
    method: text('method', { enum: paymentMethods }).notNull(),
    receivedOn: text('received_on').notNull(),
    reference: text('reference').notNull().default(''),
    ...timestamps,
  },
  (t) => [index('payments_booking_idx').on(t.bookingId, t.receivedOn)],
);

export const bookingCounters = sqliteTable(
  'booking_counters',
  {
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [uniqueIndex('booking_counters_uq').on(t.agencyId, t.year)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    workstationUser: text('workstation_user').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    /** JSON: { field: [before, after] } or the created row. */
    changes: text('changes').notNull().default('{}'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId, t.at)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

// ---- sync engine ------------------------------------------------------------------------------

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

// ---- e-mail -----------------------------------------------------------------------------------

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

// ---- Swikly -----------------------------------------------------------------------------------

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
