import { eq } from 'drizzle-orm';
import { agencyNotFound } from '../../src-shared/contract';
import { DEFAULT_TIME_ZONE, stayDateInZone } from '../../src-shared/domain';
import { agencies } from '../db/schema';
import { nowIso, type ServiceContext } from './context';

export function agencyTimeZone(ctx: ServiceContext, agencyId: string | null): string {
  if (!agencyId) return DEFAULT_TIME_ZONE;
  const row = ctx.db.select({ tz: agencies.timeZone }).from(agencies).where(eq(agencies.id, agencyId)).get();
  if (!row) throw agencyNotFound();
  return row.tz;
}

/** The agency's "today" (its calendar date) and "now", which stay dates and presets are relative to. */
export function clockFor(ctx: ServiceContext, agencyId: string | null) {
  return { today: stayDateInZone(ctx.now(), agencyTimeZone(ctx, agencyId)), now: nowIso(ctx) };
}
