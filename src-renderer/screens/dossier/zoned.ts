// The option's expiry is typed as the agency's wall clock ("14/07/2026 09:00"); the contract
// wants an instant. The wall clock is the agency's, whatever zone the workstation is set to.
import { formatInstant } from '../../../src-shared/domain';
import { parseFrenchDate } from './dates';

const WALL_CLOCK_RE = /^(\S+)\s+(?:à\s+)?(\d{1,2})(?:[:h](\d{2})?)?$/;

/** "14/07/2026 09:00" as the agency's clock shows the instant. */
export const wallClockText = (iso: string, timeZone: string): string => formatInstant(iso, timeZone);

function wallClockMs(ms: number, timeZone: string): number {
  const [date = '', time = ''] = formatInstant(new Date(ms).toISOString(), timeZone).split(' ');
  const [d, mo, y] = date.split('/').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return Date.UTC(y, mo - 1, d, h, mi);
}

/** The instant "12/07/2026 14:30" (also "12/07/2026 à 14h30", "12/07/2026 9h") names in `timeZone`. */
export function instantFromWallClock(text: string, timeZone: string): string | null {
  const m = WALL_CLOCK_RE.exec(text.trim());
  if (!m) return null;
  const date = parseFrenchDate(m[1]!);
  const hour = Number(m[2]);
  const minute = Number(m[3] ?? '0');
  if (!date || hour > 23 || minute > 59) return null;
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, hour, minute);
  // Two passes settle the zone offset, also next to a clock change.
  let t = asUtc - (wallClockMs(asUtc, timeZone) - asUtc);
  t = asUtc - (wallClockMs(t, timeZone) - t);
  return new Date(t).toISOString();
}
