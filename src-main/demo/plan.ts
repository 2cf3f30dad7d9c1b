// First pass of the demo: where and when every stay is, kept in typed arrays (about 22 bytes a
// stay, so a million stays fit in ~25 MB) rather than row objects. Each property's calendar is
// walked forward: a stay that holds its nights (confirmed, or an option still running) always
// starts on or after the previous one's departure, so no two of them share a night; cancelled
// stays and lapsed options may land anywhere. The details of each stay (client, prices,
// payments…) are drawn later from its own seed, in creation order.
import { DAY_MS, MINUTE_MS, dayInfo, dayOf, officeInstant, weekday } from './calendar';
import type { Rng } from './random';

export const KIND_CONFIRMED = 0;
export const KIND_OPTION = 1;
export const KIND_CANCELLED = 2;
export const KIND_LAPSED = 3;

export interface PlannedProperty {
  /** Relative popularity: the share of stays it gets. */
  weight: number;
  /** First day a new stay may start (after the latest departure already in the database). */
  firstDay: number;
}

export interface StayPlan {
  count: number;
  property: Uint32Array;
  arrival: Int32Array;
  nights: Uint8Array;
  kind: Uint8Array;
  /** Creation instant (ms). */
  created: Float64Array;
  /** Seed of the stay's details. */
  seed: Uint32Array;
  /** Stay indices sorted by creation instant: the order dossier numbers are given in. */
  order: Uint32Array;
}

export interface PlanWindow {
  /** First arrival day of the history (≈ now − 9 years). */
  start: number;
  /** Arrivals thin out after this day (≈ now + 1 year). */
  end: number;
  nowMs: number;
}

function quotas(properties: readonly PlannedProperty[], total: number): Uint32Array {
  const out = new Uint32Array(properties.length);
  const sum = properties.reduce((s, p) => s + p.weight, 0);
  if (sum <= 0) return out;
  let cumulative = 0;
  let given = 0;
  properties.forEach((p, i) => {
    cumulative += p.weight;
    const upTo = Math.round((total * cumulative) / sum);
    out[i] = upTo - given;
    given = upTo;
  });
  return out;
}

function drawNights(rng: Rng, target: number): number {
  const r = rng.next();
  const n = r < 0.35 ? rng.int(2, 3) : r < 0.6 ? rng.int(4, 6) : r < 0.9 ? 7 : rng.int(8, 14);
  return Math.min(n, Math.max(2, Math.round(target * 1.5)));
}

/** Days between booking and arrival: some last-minute, most a few weeks to months ahead. */
function drawLead(rng: Rng): number {
  const r = rng.next();
  return r < 0.15 ? rng.int(1, 14) : r < 0.6 ? rng.int(15, 90) : rng.int(91, 300);
}

export function planStays(
  properties: readonly PlannedProperty[],
  total: number,
  rng: Rng,
  window: PlanWindow,
): StayPlan {
  const property = new Uint32Array(total);
  const arrival = new Int32Array(total);
  const nights = new Uint8Array(total);
  const kind = new Uint8Array(total);
  const created = new Float64Array(total);
  const seed = new Uint32Array(total);
  const { start, end, nowMs } = window;
  const today = dayOf(nowMs);
  const quota = quotas(properties, total);
  let count = 0;

  properties.forEach((prop, p) => {
    const q = quota[p]!;
    let cursor = Math.max(start, prop.firstDay) + rng.int(0, 14);
    for (let i = 0; i < q; i++) {
      const room = end - cursor;
      // Mean days per remaining stay, gap included: keeps the walk spread over the window.
      const target = room > 0 ? Math.max(room / (q - i), 3) : 10;
      let a = cursor + Math.floor(rng.next() * 2 * Math.max(0, target - 6));
      let month = dayInfo(a).month;
      // Guests come in summer: when there is room, push a winter arrival further on.
      if (target > 14 && (month <= 3 || month >= 11) && rng.chance(0.5)) {
        a += Math.floor(rng.next() * target);
        month = dayInfo(a).month;
      }
      // Stay inside the window while it has room (a long random gap could jump past its end).
      if (a > end - 2 && cursor < end - 2) {
        a = cursor + Math.floor(rng.next() * (end - 2 - cursor));
        month = dayInfo(a).month;
      }
      let n: number;
      if ((month === 7 || month === 8) && target >= 6) {
        a += (6 - weekday(a) + 7) % 7; // summer weeks run Saturday to Saturday
        n = target >= 16 && rng.chance(0.15) ? 14 : 7;
      } else {
        n = drawNights(rng, target);
        if (n <= 3 && rng.chance(0.6)) a += (5 - weekday(a) + 7) % 7; // weekend from Friday
      }

      const r = rng.next();
      let k = KIND_CONFIRMED;
      if (a > today) {
        if (r < 0.07 && a >= today + 3) k = KIND_OPTION;
        else if (r < 0.1) k = KIND_LAPSED;
        else if (r < 0.16) k = KIND_CANCELLED;
      } else if (r < 0.03) k = KIND_LAPSED;
      else if (r < 0.1) k = KIND_CANCELLED;

      let c: number;
      if (k === KIND_OPTION) {
        // Options are recent: they run a week, so expiry is a few days after now.
        c = Math.min(officeInstant(today - rng.int(0, 5), rng), nowMs - rng.int(5, 240) * MINUTE_MS);
      } else {
        const lead = k === KIND_LAPSED ? rng.int(10, 200) : drawLead(rng);
        c = officeInstant(a - lead, rng);
        if (c > nowMs) c = Math.min(officeInstant(today - rng.int(1, 30), rng), nowMs);
        // A lapsed option expired a week after it was taken, so it was taken over a week ago.
        if (k === KIND_LAPSED && c + 7 * DAY_MS > nowMs) c = officeInstant(today - 8 - rng.int(0, 40), rng);
      }

      property[count] = p;
      arrival[count] = a;
      nights[count] = n;
      kind[count] = k;
      created[count] = c;
      seed[count] = rng.u32();
      count++;
      // Cancelled stays free their dates most of the time: the next stay may reuse them.
      if (k === KIND_CONFIRMED || k === KIND_OPTION || rng.chance(0.4)) cursor = a + n;
    }
  });

  return { count, property, arrival, nights, kind, created, seed, order: creationOrder(created, count) };
}

/** Counting sort by creation day, then by instant within each day. */
function creationOrder(created: Float64Array, count: number): Uint32Array {
  const order = new Uint32Array(count);
  if (count === 0) return order;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < count; i++) {
    const d = dayOf(created[i]!);
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  const starts = new Uint32Array(maxDay - minDay + 2);
  for (let i = 0; i < count; i++) starts[dayOf(created[i]!) - minDay + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const fill = starts.slice();
  for (let i = 0; i < count; i++) order[fill[dayOf(created[i]!) - minDay]!++] = i;
  const byInstant = (x: number, y: number): number => created[x]! - created[y]! || x - y;
  for (let b = 0; b + 1 < starts.length; b++) {
    if (starts[b + 1]! - starts[b]! > 1) order.subarray(starts[b]!, starts[b + 1]!).sort(byInstant);
  }
  return order;
}
