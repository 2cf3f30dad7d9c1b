import { asc, eq } from 'drizzle-orm';
import { AppError, type BookingPreset, type Output } from '../../src-shared/contract';
import { agencies, clients, properties } from '../db/schema';
import { uuidv7 } from '../db/ids';
import { presetWhere, searchWords } from './bookings-filter';
import { agencyTimeZone, clockFor } from './clock';
import { nowIso, type Handlers, type ServiceContext } from './context';

export const agencyHandlers: Pick<
  Handlers,
  'app/info' | 'agencies/list' | 'home/summary' | 'properties/list' | 'clients/search' | 'clients/create'
> = {
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

  'clients/search': ({ agencyId, search, limit }, ctx) => {
    agencyTimeZone(ctx, agencyId); // the agency must exist
    const words = searchWords(search);
    // A few thousand clients per agency: one LIKE per word over name, e-mail and phone is instant.
    const conditions = words.map((_, i) => `(c.last_name || ' ' || c.first_name || ' ' || c.email || ' ' || c.phone) LIKE @w${i}`);
    const params: Record<string, unknown> = { agencyId, limit };
    words.forEach((w, i) => (params[`w${i}`] = `%${w}%`));
    return ctx.sqlite
      .prepare(
        `SELECT c.id, c.civility, c.first_name AS firstName, c.last_name AS lastName, c.email, c.phone, c.city
         FROM clients c WHERE c.agency_id = @agencyId ${conditions.map((c) => `AND ${c}`).join(' ')}
         ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE LIMIT @limit`,
      )
      .all(params) as Output<'clients/search'>;
  },

  'clients/create': (input, ctx) => {
    agencyTimeZone(ctx, input.agencyId); // the agency must exist
    const id = uuidv7();
    const at = nowIso(ctx);
    ctx.db.insert(clients).values({ id, ...input, createdAt: at, updatedAt: at }).run();
    ctx.notify(['clients']);
    return { id };
  },
};
