// The agencies' own records: agencies, owners, rentals, clients, dossiers with their pricing lines
// and payments, numbering, audit log and settings (conventions in schema.ts).
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DEPOSIT_STATES } from '../../src-shared/domain/deposit';
import { person, postalAddress, timestamps } from './schema-columns';

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
    ...person,
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
    ...person,
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
