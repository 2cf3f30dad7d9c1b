import { asc, eq } from 'drizzle-orm';
import type { BookingPreset } from '../../src-shared/contract';
import { agencies, properties } from '../db/schema';
import { presetWhere } from './bookings-filter';
import { clockFor } from './clock';
import { nowIso, type Handlers } from './context';

export const agencyHandlers: Pick<Handlers, 'app/info' | 'agencies/list' | 'home/summary' | 'properties/list'> = {
  'app/info': (_input, ctx) => ({
    version: ctx.version,
    host: ctx.host,
    now: nowIso(ctx),
    clockPinned: ctx.clockPinned,
    workstationUser: ctx.workstationUser,
  }),

  'agencies/list': (_input, ctx) =>
    ctx.db
      .select({
        id: agencies.id,
        name: agencies.name,
        agencyRef: agencies.agencyRef,
        city: agencies.city,
        phone: agencies.phone,
        email: agencies.email,
        timeZone: agencies.timeZone,
      })
      .from(agencies)
      .orderBy(asc(agencies.name))
      .all(),

  'home/summary': ({ agencyId }, ctx) => {
    const clock = clockFor(ctx, agencyId);
    const scope = agencyId ? 'b.agency_id = @agencyId' : '1 = 1';
    const count = (preset: BookingPreset | null) => {
      const p = preset ? presetWhere(preset, clock) : { sql: '1 = 1', params: {} };
      return (
        ctx.sqlite.prepare(`SELECT count(*) AS n FROM bookings b WHERE ${scope} AND ${p.sql}`).get({ agencyId, ...p.params }) as {
          n: number;
        }
      ).n;
    };
    return {
      today: clock.today,
      bookings: count(null),
      arrivalsToday: count('arrivals_today'),
      arrivalsWeek: count('arrivals_week'),
      departuresToday: count('departures_today'),
      optionsExpiring48h: count('options_48h'),
      balanceDue: count('balance_due'),
      depositsUnsecured7d: count('deposits_unsecured_7d'),
    };
  },

  'properties/list': ({ agencyId }, ctx) =>
    ctx.db
      .select({
        id: properties.id,
        agencyId: properties.agencyId,
        code: properties.code,
        name: properties.name,
        city: properties.city,
        capacity: properties.capacity,
        defaultDepositCents: properties.defaultDepositCents,
        nightlyRateCents: properties.nightlyRateCents,
        cleaningFeeCents: properties.cleaningFeeCents,
        bookingFeeCents: properties.bookingFeeCents,
        touristTaxCents: properties.touristTaxCents,
      })
      .from(properties)
      .where(agencyId ? eq(properties.agencyId, agencyId) : undefined)
      .orderBy(asc(properties.code))
      .all(),
};
