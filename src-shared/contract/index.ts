// The one contract between the renderer and main: every RPC method and event, name → zod schemas.
// Transports (Electron IPC, HTTP on 127.0.0.1) carry it unchanged; dispatch parses both ways.
import { z } from 'zod';
import { bookingMethods } from './bookings';
import { emailMethods } from './emails';
import { depositMethods } from './deposits';
import { syncEvents, syncMethods } from './sync';
import { civility, commPreference, empty, id, language, method, text } from './common';

export * from './errors';
export * from './bookings';
export * from './sync';
export * from './emails';
export * from './deposits';

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
  nightlyRateCents: z.number().int(),
  cleaningFeeCents: z.number().int(),
  bookingFeeCents: z.number().int(),
  touristTaxCents: z.number().int(),
});

export const clientSummarySchema = z.object({
  id,
  civility,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string(),
  city: z.string(),
});

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
      today: z.string(),
      bookings: z.number().int(),
      arrivalsToday: z.number().int(),
      arrivalsWeek: z.number().int(),
      departuresToday: z.number().int(),
      optionsExpiring48h: z.number().int(),
      balanceDue: z.number().int(),
      depositsUnsecured7d: z.number().int(),
    }),
  ),
  'properties/list': method(z.object({ agencyId: id.nullable() }).strict(), z.array(propertySchema)),
  'clients/search': method(
    z.object({ agencyId: id, search: text(200).default(''), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    z.array(clientSummarySchema),
  ),
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
  ...bookingMethods,
  ...syncMethods,
  ...emailMethods,
  ...depositMethods,
} as const;

export const events = {
  /** Tables whose rows changed; screens showing them refetch what they display. */
  changed: z.object({ tables: z.array(z.string()) }),
  ...syncEvents,
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
export type Property = z.output<typeof propertySchema>;
export type Agency = z.output<typeof agencySchema>;
export type ClientSummary = z.output<typeof clientSummarySchema>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
