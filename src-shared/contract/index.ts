// The one contract between the renderer and main: every RPC method and event, name → zod schemas.
// Transports (Electron IPC, HTTP on 127.0.0.1) carry it unchanged; dispatch parses both ways.
import { z } from 'zod';
import { validateStay } from '../domain/availability';
import {
  bookingSource,
  bookingStatus,
  cents,
  civility,
  commPreference,
  depositState,
  empty,
  id,
  instant,
  language,
  paymentMethod,
  positiveCents,
  pricingKind,
  stayDate,
  text,
} from './common';

export * from './errors';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

// ---- shapes -------------------------------------------------------------------------------

export const agencySchema = z.object({
  id,
  name: z.string(),
  agencyRef: z.string(),
  city: z.string(),
  phone: z.string(),
  email: z.string(),
  timeZone: z.string(),
});

export const propertySchema = z.object({
  id,
  agencyId: id,
  code: z.string(),
  name: z.string(),
  city: z.string(),
  capacity: z.number().int(),
  defaultDepositCents: z.number().int(),
});

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
  source: bookingSource,
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

export const bookingDetailSchema = bookingRowSchema.extend({
  adults: z.number().int(),
  children: z.number().int(),
  notes: z.string(),
  balanceDueDate: z.string().nullable(),
  depositAmountCents: z.number().int().nullable(),
  client: z.object({ id, civility, firstName: z.string(), lastName: z.string(), email: z.string(), phone: z.string() }),
  lines: z.array(
    z.object({ id, label: z.string(), kind: pricingKind, quantity: z.number(), unitPriceCents: z.number().int(), totalCents: z.number().int() }),
  ),
  payments: z.array(
    z.object({ id, amountCents: z.number().int(), method: paymentMethod, receivedOn: z.string(), reference: z.string() }),
  ),
  history: z.array(
    z.object({ at: z.string(), workstationUser: z.string(), action: z.string(), changes: z.string() }),
  ),
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
  'source',
] as const;

// ---- methods ------------------------------------------------------------------------------

export const contract = {
  'app/info': method(
    empty,
    z.object({
      version: z.string(),
      host: z.enum(['desktop', 'browser']),
      now: z.string(),
      clockPinned: z.boolean(),
      workstationUser: z.string(),
    }),
  ),
  'agencies/list': method(empty, z.array(agencySchema)),
  'home/summary': method(
    z.object({ agencyId: id.nullable() }).strict(),
    z.object({
      bookings: z.number().int(),
      arrivalsToday: z.number().int(),
      departuresToday: z.number().int(),
      activeOptions: z.number().int(),
    }),
  ),
  'properties/list': method(z.object({ agencyId: id.nullable() }).strict(), z.array(propertySchema)),
  'clients/create': method(
    z
      .object({
        agencyId: id,
        civility: civility.default('none'),
        firstName: text(80).default(''),
        lastName: text(80).refine((s) => s.length > 0, { error: 'Indiquez le nom du client.' }),
        email: z.union([z.literal(''), z.email({ error: 'Adresse e-mail invalide.' })]).default(''),
        phone: text(40).default(''),
        addressLine1: text(120).default(''),
        postcode: text(20).default(''),
        city: text(80).default(''),
        country: z.string().regex(/^[A-Z]{2}$/, { error: 'Code pays à deux lettres attendu (FR, BE…).' }).default('FR'),
        language: language.default('fr'),
        commPreference: commPreference.default(null),
      })
      .strict(),
    z.object({ id }),
  ),
  'bookings/list': method(
    z
      .object({
        agencyId: id.nullable().default(null),
        status: bookingStatus.nullable().default(null),
        search: text(200).default(''),
        sort: z
          .object({ column: z.enum(bookingSortColumns), direction: z.enum(['asc', 'desc']) })
          .default({ column: 'arrival', direction: 'desc' }),
        offset: z.number().int().min(0, { error: 'Position de départ négative.' }).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500, { error: '500 lignes au plus par demande.' }).default(100),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(bookingRowSchema) }),
  ),
  'bookings/get': method(z.object({ id }).strict(), bookingDetailSchema),
  'bookings/create': method(
    z
      .object({
        propertyId: id,
        clientId: id,
        status: z.enum(['option', 'confirmed']),
        optionExpiresAt: instant.nullable().default(null),
        source: bookingSource,
        arrival: stayDate,
        departure: stayDate,
        adults: z.number().int().min(1, { error: 'Au moins un adulte.' }).max(50),
        children: z.number().int().min(0).max(50).default(0),
        depositAmountCents: cents.nullable().default(null),
        balanceDueDate: stayDate.nullable().default(null),
        notes: text(5000).default(''),
        lines: z.array(pricingLineInput).max(50, { error: '50 lignes de tarification au plus.' }).default([]),
      })
      .strict()
      .superRefine((b, ctx) => {
        const stayError = validateStay(b);
        if (stayError) ctx.addIssue({ code: 'custom', path: ['departure'], message: stayError });
        if (b.status === 'option' && !b.optionExpiresAt) {
          ctx.addIssue({
            code: 'custom',
            path: ['optionExpiresAt'],
            message: "Une option doit avoir une date d'expiration.",
          });
        }
      }),
    z.object({ id, number: z.string() }),
  ),
  'bookings/confirm': method(z.object({ id }).strict(), z.object({ id, status: bookingStatus })),
  'bookings/cancel': method(
    z.object({ id, reason: text(500).refine((s) => s.length > 0, { error: "Indiquez le motif de l'annulation." }) }).strict(),
    z.object({ id, status: bookingStatus }),
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

export const events = {
  /** Tables whose rows changed; screens showing them refetch what they display. */
  changed: z.object({ tables: z.array(z.string()) }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller may send (fields with defaults are optional). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives, after parsing and defaults. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type BookingRow = z.output<typeof bookingRowSchema>;
export type BookingDetail = z.output<typeof bookingDetailSchema>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
