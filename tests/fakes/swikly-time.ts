// The fake Swikly's clock and its calendar. Swikly reasons in dates of Paris ("endDate must be
// today or later", "expires 24 h after endDate"), so every date rule goes through Europe/Paris.

const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_RE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The Paris calendar date of an instant. */
export function parisDay(ms: number): string {
  return parisDate.format(new Date(ms));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** How far Paris wall time is ahead of UTC at an instant (1 h or 2 h). */
function parisOffsetMs(ms: number): number {
  const p = Object.fromEntries(parisParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant 00:00 in Paris starts the given date. */
export function parisMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  const first = wall - parisOffsetMs(wall);
  const second = wall - parisOffsetMs(first);
  return second;
}

/** Swikly's two timestamp spellings: `2024-01-10T10:02:30.271+00:00` and `2023-06-19T13:10:09.433000Z`. */
export function offsetTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}
export function microsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}

/**
 * Fake time. It flows with real time from the instant it was set (so a demo behaves like the real
 * thing) unless frozen, when it moves only by `set`/`advance` (so tests are deterministic).
 */
export class SwiklyClock {
  private base: number;
  private realAtBase = Date.now();

  constructor(
    start: Date | string | number = Date.now(),
    private frozen = false,
  ) {
    this.base = new Date(start).getTime();
    if (Number.isNaN(this.base)) throw new Error(`invalid clock start: ${String(start)}`);
  }

  now(): number {
    return this.frozen ? this.base : this.base + (Date.now() - this.realAtBase);
  }

  today(): string {
    return parisDay(this.now());
  }

  set(at: Date | string | number): void {
    const t = new Date(at).getTime();
    if (Number.isNaN(t)) throw new Error(`invalid date: ${String(at)}`);
    this.base = t;
    this.realAtBase = Date.now();
  }

  advance(seconds: number): void {
    this.set(this.now() + seconds * 1000);
  }

  freeze(frozen: boolean): void {
    this.set(this.now());
    this.frozen = frozen;
  }

  isFrozen(): boolean {
    return this.frozen;
  }
}
