// Day arithmetic for the demo, on integer day numbers (days since 1970-01-01, UTC midnights) so
// hundreds of thousands of stays cost no Date parsing. Strings are made once per day and cached.
import type { Rng } from './random';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;

export interface DayInfo {
  /** 'YYYY-MM-DD' */
  ymd: string;
  /** 'DD/MM/YYYY', for labels. */
  fr: string;
  year: number;
  /** 1–12 */
  month: number;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const infos = new Map<number, DayInfo>();

export function dayInfo(day: number): DayInfo {
  let info = infos.get(day);
  if (info === undefined) {
    const d = new Date(day * DAY_MS);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const date = d.getUTCDate();
    const y = String(year).padStart(4, '0');
    info = { ymd: `${y}-${pad2(month)}-${pad2(date)}`, fr: `${pad2(date)}/${pad2(month)}/${y}`, year, month };
    infos.set(day, info);
  }
  return info;
}

const DIGIT = 0x30;

/**
 * `new Date(ms).toISOString()`, five times faster (Date formatting costs about a microsecond;
 * a seed formats a few hundred thousand instants): the date part comes from dayInfo's cache, and
 * the string is made by one String.fromCharCode call, flat at once (not joined from pieces, then
 * copied flat again when handed to SQLite).
 */
export function isoInstant(ms: number): string {
  if (!Number.isSafeInteger(ms)) return new Date(ms).toISOString();
  const day = dayOf(ms);
  const info = dayInfo(day);
  if (info.year < 0 || info.year > 9999) return new Date(ms).toISOString();
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / MINUTE_MS);
  rest -= minutes * MINUTE_MS;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const ymd = info.ymd;
  return String.fromCharCode(
    ymd.charCodeAt(0), ymd.charCodeAt(1), ymd.charCodeAt(2), ymd.charCodeAt(3), ymd.charCodeAt(4),
    ymd.charCodeAt(5), ymd.charCodeAt(6), ymd.charCodeAt(7), ymd.charCodeAt(8), ymd.charCodeAt(9),
    0x54, // T
    DIGIT + Math.floor(hours / 10), DIGIT + (hours % 10), 0x3a,
    DIGIT + Math.floor(minutes / 10), DIGIT + (minutes % 10), 0x3a,
    DIGIT + Math.floor(seconds / 10), DIGIT + (seconds % 10), 0x2e,
    DIGIT + Math.floor(millis / 100), DIGIT + (Math.floor(millis / 10) % 10), DIGIT + (millis % 10),
    0x5a, // Z
  );
}

/** Day number of a 'YYYY-MM-DD' string. */
export function dayOfYmd(ymd: string): number {
  return dayOf(Date.parse(`${ymd}T00:00:00Z`));
}

/** Same calendar day `years` later (Feb 29 → Mar 1 in common years). */
export function shiftYears(now: Date, years: number): number {
  return dayOf(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate()));
}

/**
 * An instant during office hours (08:00–19:59 in Paris, i.e. 06:00–17:59 UTC) of `day`. Staying
 * well inside the UTC day keeps the year of an instant the same in UTC and in Paris, which is what
 * dossier numbers are counted by.
 */
export function officeInstant(day: number, rng: Rng): number {
  return day * DAY_MS + (360 + rng.int(0, 719)) * MINUTE_MS + rng.int(0, 59) * 1000;
}

/** `ms` when it is not after `limit` (now), otherwise a random instant between `floor` and `limit`. */
export function notAfter(ms: number, floor: number, limit: number, rng: Rng): number {
  if (ms <= limit) return ms;
  return floor < limit ? floor + Math.floor(rng.next() * (limit - floor)) : limit;
}
