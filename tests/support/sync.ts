import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../src-main/host/app';
import type { SyncSetup } from '../../src-main/sync/engine';
import { uuidv7 } from '../../src-main/db/ids';
import { enqueue } from '../../src-main/sync/outbox';
import { MIGRATIONS_DIR, tempDir } from './app';
import { echoKind, echoRemote } from './echo-kind';
import { FakeClock } from './fake-clock';

export interface SyncDesk {
  core: AppCore;
  clock: FakeClock;
  dbFile: string;
  close(): void;
}

/** A desk whose only remote is the fake, on a fake clock; the engine starts at once. */
export function openSyncDesk(fakeUrl: string, setup: SyncSetup = {}, dir: { dir: string; cleanup(): void } = tempDir()): SyncDesk {
  const clock = new FakeClock('2026-07-01T08:00:00Z');
  const dbFile = join(dir.dir, 'comptoir.db');
  const core = createAppCore({
    dbFile,
    migrationsDir: MIGRATIONS_DIR,
    host: 'browser',
    version: 'test',
    pinnedNow: new Date('2026-07-01T08:00:00Z'),
    sync: {
      clock,
      remotes: [echoRemote(fakeUrl)],
      startDelayMs: 0,
      statusDebounceMs: 5,
      backoff: { baseMs: 2_000, random: () => 0.5 },
      probeBackoff: { baseMs: 1_000, maxMs: 60_000, random: () => 0.5 },
      ...setup,
    },
  });
  return { core, clock, dbFile, close: () => { core.close(); dir.cleanup(); } };
}

export interface Echo {
  key: string;
  lane: string;
  n: number;
  bookingId?: string;
}

/** Enqueues echoes the way a use case does: inside one business transaction, then notify. */
export function enqueueEchoes(core: AppCore, echoes: Echo[]): string[] {
  const ids = core.ctx.sqlite.transaction(() =>
    echoes.map((e) => enqueue(core.ctx, { kind: echoKind, lane: e.lane, bookingId: e.bookingId ?? null, payload: { key: e.key, lane: e.lane, n: e.n } }).id),
  )();
  core.ctx.notify(['outbox']);
  return ids;
}

/** `lanes` lanes of `perLane` echoes each, interleaved as a day's work would be. */
export function echoBatch(lanes: number, perLane: number, prefix = 'op'): Echo[] {
  const out: Echo[] = [];
  for (let n = 1; n <= perLane; n++) for (let l = 1; l <= lanes; l++) out.push({ key: `${prefix}-${l}-${n}`, lane: `lane-${l}`, n });
  return out;
}

export function outboxStates(core: AppCore): Record<string, number> {
  const rows = core.ctx.sqlite.prepare(`SELECT state, count(*) AS n FROM outbox GROUP BY state`).all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export function outboxRow(core: AppCore, id: string): Record<string, any> {
  return core.ctx.sqlite.prepare(`SELECT * FROM outbox WHERE id = ?`).get(id) as Record<string, any>;
}

export const allDone = (core: AppCore, total: number) => () => (outboxStates(core).done ?? 0) === total;

/** Every key recorded exactly once, and within each lane in the order it was enqueued. */
export function duplicatesAndDisorder(records: { key: string; lane: string; n: number }[]): { duplicates: string[]; outOfOrder: string[] } {
  const seen = new Map<string, number>();
  for (const r of records) seen.set(r.key, (seen.get(r.key) ?? 0) + 1);
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
  const lastInLane = new Map<string, number>();
  const outOfOrder: string[] = [];
  for (const r of records) {
    if ((lastInLane.get(r.lane) ?? 0) > r.n) outOfOrder.push(r.key);
    lastInLane.set(r.lane, Math.max(lastInLane.get(r.lane) ?? 0, r.n));
  }
  return { duplicates, outOfOrder };
}

/** One agency, property, client and dossier, inserted directly: enough for an operation to name its dossier. */
export function seedDossier(core: AppCore, number = '2026-000001', arrival = '2026-07-11', depositState = 'none'): string {
  const at = '2026-07-01T08:00:00.000Z';
  const ids = { agency: uuidv7(), property: uuidv7(), client: uuidv7(), booking: uuidv7() };
  const db = core.ctx.sqlite;
  db.prepare(`INSERT INTO agencies (id, name, agency_ref, created_at, updated_at) VALUES (?, 'Agence des Sables', ?, ?, ?)`).run(ids.agency, `A${number}`, at, at);
  db.prepare(`INSERT INTO properties (id, agency_id, code, name, capacity, created_at, updated_at) VALUES (?, ?, 'SAB-001', 'Villa Les Mouettes', 6, ?, ?)`).run(ids.property, ids.agency, at, at);
  db.prepare(`INSERT INTO clients (id, agency_id, last_name, created_at, updated_at) VALUES (?, ?, 'Martin', ?, ?)`).run(ids.client, ids.agency, at, at);
  db.prepare(
    `INSERT INTO bookings (id, agency_id, number, property_id, client_id, status, source, arrival, departure, nights, deposit_state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'confirmed', 'counter', ?, date(?, '+7 days'), 7, ?, ?, ?)`,
  ).run(ids.booking, ids.agency, number, ids.property, ids.client, arrival, arrival, depositState, at, at);
  return ids.booking;
}
