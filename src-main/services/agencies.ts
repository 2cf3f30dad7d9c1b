import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract';
import { stayDateInZone } from '../../src-shared/domain';
import { agencies, clients, properties } from '../db/schema';
import { uuidv7 } from '../db/ids';
import { nowIso, type Handlers, type ServiceContext } from './context';

export function agencyTimeZone(ctx: ServiceContext, agencyId: string | null): string {
  if (!agencyId) return 'Europe/Paris';
  const row = ctx.db.select({ tz: agencies.timeZone }).from(agencies).where(eq(agencies.id, agencyId)).get();
  if (!row) throw new AppError('not_found', 'Agence introuvable : elle a peut-être été supprimée. Choisissez une autre agence.');
  return row.tz;
}

export const agencyHandlers: Pick<Handlers, 'app/info' | 'agencies/list' | 'home/summary' | 'properties/list' | 'clients/create'> = {
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
    const today = stayDateInZone(ctx.now(), agencyTimeZone(ctx, agencyId));
    const scope = agencyId ? 'AND agency_id = @agencyId' : '';
    const row = ctx.sqlite
      .prepare(
        `SELECT
           (SELECT count(*) FROM bookings WHERE 1=1 ${scope}) AS bookings,
           (SELECT count(*) FROM bookings WHERE arrival = @today AND status <> 'cancelled' ${scope}) AS arrivalsToday,
           (SELECT count(*) FROM bookings WHERE departure = @today AND status <> 'cancelled' ${scope}) AS departuresToday,
           (SELECT count(*) FROM bookings WHERE status = 'option' AND option_expires_at > @now ${scope}) AS activeOptions`,
      )
      .get({ agencyId, today, now: nowIso(ctx) }) as {
      bookings: number;
      arrivalsToday: number;
      departuresToday: number;
      activeOptions: number;
    };
    return row;
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
      })
      .from(properties)
      .where(agencyId ? eq(properties.agencyId, agencyId) : undefined)
      .orderBy(asc(properties.code))
      .all(),

  'clients/create': (input, ctx) => {
    agencyTimeZone(ctx, input.agencyId); // the agency must exist
    const id = uuidv7();
    const at = nowIso(ctx);
    ctx.db.insert(clients).values({ id, ...input, createdAt: at, updatedAt: at }).run();
    ctx.notify(['clients']);
    return { id };
  },
};
