// Dossiers: the grid's window queries, the dossier screen and the commands on a dossier.
import { z } from 'zod';
import { validateStay } from '../domain/availability';
import {
  bookingSource,
  bookingStatus,
  cents,
  civility,
  depositState,
  id,
  instant,
  method,
  paymentMethod,
  positiveCents,
  pricingKind,
  stayDate,
  text,
} from './common';

export const bookingRowSchema = z.object({
  id,
  number: z.string(),
  status: bookingStatus,
  cancelReason: z.string().nullable(),
  optionExpiresAt: z.string().nullable(),
  agencyId: id,
  agencyName: z.string(),
  propertyId: id,
  propertyCode: z.string(),
  propertyName: z.string(),
  clientId: id,
  clientName: z.string(),
  arrival: z.string(),
  departure: z.string(),
  nights: z.number().int(),
  totalCents: z.number().int(),
  paidCents: z.number().int(),
  balanceCents: z.number().int(),
  depositState,
  depositSecuredAt: z.string().nullable(),
  /** The dossier's own amount, else the property's default. */
  depositAmountCents: z.number().int().nullable(),
  source: bookingSource,
});

const lineSchema = z.object({
  id,
  label: z.string(),
  kind: pricingKind,
  quantity: z.number(),
  unitPriceCents: z.number().int(),
  totalCents: z.number().int(),
});

export const bookingDetailSchema = bookingRowSchema.extend({
  adults: z.number().int(),
  children: z.number().int(),
  notes: z.string(),
  balanceDueDate: z.string().nullable(),
  /** The dossier's own deposit amount (null: the property default applies). */
  depositOverrideCents: z.number().int().nullable(),
  agencyTimeZone: z.string(),
  client: z.object({ id, civility, firstName: z.string(), lastName: z.string(), email: z.string(), phone: z.string() }),
  lines: z.array(lineSchema),
  payments: z.array(
    z.object({ id, amountCents: z.number().int(), method: paymentMethod, receivedOn: z.string(), reference: z.string() }),
  ),
  history: z.array(z.object({ at: z.string(), workstationUser: z.string(), action: z.string(), changes: z.string() })),
});

export const bookingSortColumns = [
  'number',
  'status',
  'client',
  'property',
  'arrival',
  'departure',
  'nights',
  'total',
  'balance',
  'deposit',
  'source',
  'agency',
] as const;
export type BookingSortColumn = (typeof bookingSortColumns)[number];

/** Ready-made filters behind the Accueil cards; computed in main from the agency's clock. */
export const bookingPresets = [
  'arrivals_today',
  'arrivals_week',
  'departures_today',
  'options_48h',
  'balance_due',
  'deposits_unsecured_7d',
] as const;
export type BookingPreset = (typeof bookingPresets)[number];

export const bookingListInput = z
  .object({
    agencyId: id.nullable().default(null),
    status: bookingStatus.nullable().default(null),
    propertyId: id.nullable().default(null),
    source: bookingSource.nullable().default(null),
    arrivalFrom: stayDate.nullable().default(null),
    arrivalTo: stayDate.nullable().default(null),
    /** A deposit state, or 'unsecured' for "Caut. non sécurisée": active dossiers whose deposit is to chase. */
    deposit: z.union([z.literal('unsecured'), depositState]).nullable().default(null),
    preset: z.enum(bookingPresets).nullable().default(null),
    search: text(200).default(''),
    sort: z
      .array(z.object({ column: z.enum(bookingSortColumns), direction: z.enum(['asc', 'desc']) }))
      .min(1)
      .max(3, { error: 'Trois critères de tri au plus.' })
      .default([{ column: 'arrival', direction: 'desc' }]),
    offset: z.number().int().min(0, { error: 'Position de départ négative.' }).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500, { error: '500 lignes au plus par demande.' }).default(100),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.arrivalFrom && f.arrivalTo && f.arrivalTo < f.arrivalFrom) {
      ctx.addIssue({ code: 'custom', path: ['arrivalTo'], message: 'La date de fin doit être le même jour ou après la date de début.' });
    }
  });

const pricingLineInput = z.object({
  label: text(120).refine((s) => s.length > 0, { error: 'Chaque ligne de tarification doit avoir un libellé.' }),
  kind: pricingKind,
  quantity: z
    .number({ error: 'Quantité attendue.' })
    .positive({ error: 'La quantité doit être supérieure à zéro.' })
    .max(10_000, { error: 'Quantité trop élevée.' }),
  unitPriceCents: cents,
});

const stayRefinement = (b: { arrival: string; departure: string }, ctx: z.RefinementCtx) => {
  const stayError = validateStay(b);
  if (stayError) ctx.addIssue({ code: 'custom', path: ['departure'], message: stayError });
};

/** What a clerk edits on a dossier: the stay, the party, the Tarification, the notes. */
const editableFields = {
  propertyId: id,
  arrival: stayDate,
  departure: stayDate,
  adults: z.number().int().min(1, { error: 'Au moins un adulte.' }).max(50),
  children: z.number().int().min(0).max(50).default(0),
  depositAmountCents: cents.nullable().default(null),
  balanceDueDate: stayDate.nullable().default(null),
  notes: text(5000).default(''),
  lines: z.array(pricingLineInput).max(50, { error: '50 lignes de tarification au plus.' }).default([]),
};

/** An automatic e-mail (confirmation, cancellation) the action could not make, and why; null when queued or none is due. */
const actionEmailNotice = z.string().nullable();

const conflictSchema = z.object({ id, number: z.string(), arrival: z.string(), departure: z.string() });

export const bookingMethods = {
  'bookings/list': method(bookingListInput, z.object({ total: z.number().int(), rows: z.array(bookingRowSchema) })),
  'bookings/get': method(z.object({ id }).strict(), bookingDetailSchema),
  'bookings/availability': method(
    z
      .object({ propertyId: id, arrival: stayDate, departure: stayDate, excludeId: id.nullable().default(null) })
      .strict()
      .superRefine(stayRefinement),
    z.object({ available: z.boolean(), conflict: conflictSchema.nullable(), message: z.string().nullable() }),
  ),
  'bookings/create': method(
    z
      .object({
        ...editableFields,
        clientId: id,
        status: z.enum(['option', 'confirmed']),
        optionExpiresAt: instant.nullable().default(null),
        source: bookingSource,
      })
      .strict()
      .superRefine((b, ctx) => {
        stayRefinement(b, ctx);
        if (b.status === 'option' && !b.optionExpiresAt) {
          ctx.addIssue({ code: 'custom', path: ['optionExpiresAt'], message: "Une option doit avoir une date d'expiration." });
        }
      }),
    z.object({ id, number: z.string(), emailNotice: actionEmailNotice }),
  ),
  'bookings/update': method(
    z
      .object({ id, ...editableFields })
      .strict()
      .superRefine(stayRefinement),
    z.object({ id, totalCents: z.number().int(), balanceCents: z.number().int() }),
  ),
  'bookings/confirm': method(z.object({ id }).strict(), z.object({ id, status: bookingStatus, emailNotice: actionEmailNotice })),
  'bookings/cancel': method(
    z.object({ id, reason: text(500).refine((s) => s.length > 0, { error: "Indiquez le motif de l'annulation." }) }).strict(),
    z.object({ id, status: bookingStatus, emailNotice: actionEmailNotice }),
  ),
  'payments/add': method(
    z
      .object({
        bookingId: id,
        amountCents: positiveCents,
        method: paymentMethod,
        receivedOn: stayDate,
        reference: text(120).default(''),
      })
      .strict(),
    z.object({ id, paidCents: z.number().int(), balanceCents: z.number().int() }),
  ),
} as const;

export type BookingRow = z.output<typeof bookingRowSchema>;
export type BookingDetail = z.output<typeof bookingDetailSchema>;
export type BookingListInput = z.input<typeof bookingListInput>;
