// Stay dates are calendar days ("YYYY-MM-DD") with no time zone: a stay from
// 2026-07-12 to 2026-07-19 means the same nights wherever the app runs.
// Instants (option expiry, payment time, logs) are ISO-8601 UTC strings and
// only become calendar dates or clock times once a time zone is chosen.

const DAY_MS = 86_400_000;
const STAY_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** UTC midnight of a stay date, or null when it is not a real calendar day. */
function stayDateToUtcMs(s: string): number | null {
  const m = STAY_DATE_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // setUTCFullYear rather than Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  // Date silently rolls 2026-02-30 over to March; a round trip catches it.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return null;
  }
  return d.getTime();
}

function requireStayDate(s: string): number {
  const ms = stayDateToUtcMs(s);
  if (ms === null) throw new RangeError(`Invalid stay date: ${JSON.stringify(s)}`);
  return ms;
}

function utcMsToStayDate(ms: number): string {
  const d = new Date(ms);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

export function isValidStayDate(s: string): boolean {
  return stayDateToUtcMs(s) !== null;
}

export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Day count must be an integer: ${n}`);
  return utcMsToStayDate(requireStayDate(date) + n * DAY_MS);
}

/** to − from, in whole days. UTC midnights have no DST, so the division is exact. */
export function daysBetween(from: string, to: string): number {
  return Math.round((requireStayDate(to) - requireStayDate(from)) / DAY_MS);
}

export function nightsBetween(arrival: string, departure: string): number {
  return daysBetween(arrival, departure);
}

// Building an Intl.DateTimeFormat is costly and lists re-render often.
const formatterCache = new Map<string, Intl.DateTimeFormat>();

function zonedFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    // hourCycle h23: with hour12:false some engines print midnight as "24".
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatterCache.set(timeZone, f);
  }
  return f;
}

interface ZonedParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

// Assembled from parts rather than taken from format(): the separators ICU
// puts between date and time differ across versions (", " vs " à ").
function zonedParts(instant: Date, timeZone: string): ZonedParts {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  const parts: ZonedParts = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const p of zonedFormatter(timeZone).formatToParts(instant)) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute') {
      parts[p.type] = p.value;
    }
  }
  return parts;
}

function parseInstant(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Invalid instant: ${JSON.stringify(iso)}`);
  return d;
}

/** The calendar day an instant falls on for someone living in `timeZone`. */
export function stayDateInZone(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year.padStart(4, '0')}-${p.month}-${p.day}`;
}

/** "2026-07-12" → "12/07/2026" */
export function formatStayDate(date: string): string {
  requireStayDate(date);
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** Local date and time of an instant, e.g. "12/07/2026 14:32". */
export function formatInstant(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(parseInstant(iso), timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Local date only, e.g. "12/07/2026", for sentences that say "le … à …". */
export function formatInstantDate(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(parseInstant(iso), timeZone);
  return `${p.day}/${p.month}/${p.year}`;
}

/** Local clock time, e.g. "14:32". */
export function formatTime(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(parseInstant(iso), timeZone);
  return `${p.hour}:${p.minute}`;
}
