// The one contract between the renderer and main: every RPC method and event, name → zod schemas.
// Transports (Electron IPC, HTTP on 127.0.0.1) carry it unchanged; dispatch parses both ways.
import { z } from 'zod';
import { bookingMethods } from './bookings';
import { clientMethods } from './clients';
import { emailMethods } from './emails';
import { depositMethods } from './deposits';
import { syncEvents, syncMethods } from './sync';
import { empty, id, method } from './common';

export * from './errors';
export * from './bookings';
export * from './clients';
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
  ...clientMethods,
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

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
