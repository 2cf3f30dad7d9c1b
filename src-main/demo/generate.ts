// Demo data for Comptoir: two agencies on the Atlantic coast, ~300 rentals with their owners and
// price lists, a client file (≈ 0.6 client per dossier, so clients come back), and ten years of
// dossiers (≈ now − 9 years … now + 1 year) in every status, source and deposit state. Same seed +
// same `now` → same content (names, dates, amounts, statuses, numbers); row ids are UUIDv7 stamped
// with each row's creation instant and random bits, so they differ from run to run.
//
// Stays are planned first in typed arrays (plan.ts), then written in creation order with raw
// prepared statements inside one transaction (bookings.ts); on a fresh database the indexes are
// built once at the end, and the search index too, or, for 20 000 dossiers and more, by a worker
// thread while the dossiers are written (bulk.ts, search-fill.ts). Clients are written once their
// first dossiers are known (a client file opens with its first dossier), just before the dossiers.
// Measured on a 2-vCPU server shared with other work, seedDemo alone (D1, `npm run bench -- db`):
// 100 000 dossiers in ~4.2–4.4 s (median; ~5.4 s before bulk inserts went without statement
// journals and ids and instants were made flat), 1 000 000 dossiers in ~51 s with ~1.36 GB of
// memory at peak (about 0.15 GB more than when clients were written at once: they are kept until
// their first dossiers are known).
// Beyond ~105 000 dossiers the demo grows past 300 rentals (one per 350 dossiers): 300 calendars
// cannot hold more stays without overlaps.
//
// On a database that already has agencies, nothing but dossiers is added: they go to the existing
// rentals and clients, each rental's new stays start after its latest departure (so they never
// take a night already held, and may run past now + 1 year), and numbers continue from
// booking_counters. The host only seeds fresh databases; this path just keeps a second call safe.
import type Database from 'better-sqlite3';
import { dayOfYmd, shiftYears } from './calendar';
import { firstDossiers, writeBookings, type Counters } from './bookings';
import { planStays } from './plan';
import { Rng, hashSeed } from './random';
import { seedReference, type ReferenceCounts } from './reference';
import { startSearchWorker, suspendIndexes, withBulkConnection } from './bulk';
import { loadWorld } from './world';

export interface DemoOptions {
  bookings: number;
  seed?: number;
  now: Date;
}

export const DEFAULT_DEMO_BOOKINGS = 2000;
export const DEFAULT_DEMO_SEED = 20_260_501;

/** What one call wrote: the rows this call inserted (agencies/properties/clients are 0 when reused). */
export interface DemoCounts {
  agencies: number;
  properties: number;
  clients: number;
  bookings: number;
}

/** Seeds the demo agencies, owners, properties, clients (only if the database has no agency yet), then adds `bookings` bookings. Returns counts. */
export function seedDemo(sqlite: Database.Database, options: DemoOptions): DemoCounts {
  const { bookings, now } = options;
  if (!Number.isSafeInteger(bookings) || bookings < 0) throw new RangeError(`bookings must be a whole number ≥ 0: ${bookings}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const seed = (options.seed ?? DEFAULT_DEMO_SEED) >>> 0;

  const fresh = (sqlite.prepare(`SELECT count(*) AS n FROM agencies`).get() as { n: number }).n === 0;
  return withBulkConnection(sqlite, fresh, () => {
    // On a fresh database, indexes are built once at the end, and the search index by a worker
    // meanwhile (large demos) or once at the end.
    const search = fresh ? startSearchWorker(sqlite, bookings) : null;
    try {
      return sqlite.transaction((): DemoCounts => {
        const bulk = fresh ? suspendIndexes(sqlite, search) : null;
        const reference = fresh ? seedReference(sqlite, seed, now, bookings, bulk?.search ?? null) : null;
        const created: ReferenceCounts = reference?.counts ?? { agencies: 0, properties: 0, clients: 0 };
        bulk?.search?.reference(sqlite);
        const world = loadWorld(sqlite, seed, reference?.clientIds);

        const latest = new Map<string, number>();
        if (!fresh) {
          const rows = sqlite
            .prepare(`SELECT property_id AS id, max(departure) AS last FROM bookings GROUP BY property_id`)
            .all() as { id: string; last: string }[];
          for (const r of rows) latest.set(r.id, dayOfYmd(r.last));
        }
        const start = shiftYears(now, -9);
        const plan = planStays(
          world.properties.map((p) => ({ weight: p.weight, firstDay: latest.get(p.id) ?? start })),
          world.properties.length > 0 ? bookings : 0,
          new Rng(hashSeed(seed, 'stays')),
          { start, end: shiftYears(now, 1), nowMs: now.getTime() },
        );

        // Each client written once, dated by its first dossier, before the dossiers.
        if (reference !== null) reference.writeClients(firstDossiers(world, plan, now));

        const counters = loadCounters(sqlite, world.agencies);
        const written = writeBookings(sqlite, world, plan, now, counters, bulk?.search ?? null);
        const saveCounter = sqlite.prepare(
          `INSERT INTO booking_counters (agency_id, year, last_number) VALUES (?, ?, ?)
           ON CONFLICT (agency_id, year) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
        );
        for (const [key, n] of counters) saveCounter.run(world.agencies[Math.floor(key / 10_000)]!.id, key % 10_000, n);

        bulk?.restore();
        return { ...created, bookings: written };
      })();
    } finally {
      search?.dispose();
    }
  });
}

function loadCounters(sqlite: Database.Database, agencies: readonly { id: string }[]): Counters {
  const counters: Counters = new Map();
  const index = new Map(agencies.map((a, i) => [a.id, i]));
  const rows = sqlite.prepare(`SELECT agency_id AS agencyId, year, last_number AS n FROM booking_counters`).all() as {
    agencyId: string;
    year: number;
    n: number;
  }[];
  for (const c of rows) {
    const a = index.get(c.agencyId);
    if (a !== undefined) counters.set(a * 10_000 + c.year, c.n);
  }
  return counters;
}
