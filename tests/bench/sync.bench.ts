// S1–S5 of PERFORMANCE.md: the sync engine in Node, against the fake remote running in its own
// process (it must not share the engine's core), on a real SQLite file with the app's durable settings.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { uuidv7 } from '../../src-main/db/ids';
import { createAppCore, type AppCore } from '../../src-main/host/app';
import type { SyncSetup } from '../../src-main/sync/engine';
import { FakeControl } from '../fakes/remote-server';
import { depositPoller } from '../support/deposit-poller';
import { echoRemote } from '../support/echo-kind';
import { echoBatch, enqueueEchoes } from '../support/sync';
import { row, type BenchRow } from './harness';

const NOW = new Date('2026-07-01T08:00:00Z');
const OPS = 10_000;

async function startFake(latencyMs: number): Promise<{ url: string; control: FakeControl; stop(): void }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'tests/fakes/serve-remote.ts', String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = out.match(/fake remote at (\S+)/);
      if (m) done(m[1]!);
    });
    child.on('exit', (code) => fail(new Error(`fake remote exited (${code})`)));
  });
  return { url, control: new FakeControl(url), stop: () => child.kill() };
}

function desk(sync: SyncSetup) {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-sync-'));
  // The engine never starts by itself here: each scenario wakes it when its clock starts.
  const core = createAppCore({ dbFile: join(dir, 'comptoir.db'), migrationsDir: resolve('migrations'), host: 'browser', version: 'bench', pinnedNow: NOW, sync: { startDelayMs: 1e9, ...sync } });
  return { core, done: () => (core.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** Runs setup (untimed), then measures `measure`, `times` times after one warm-up. */
async function timed<T>(times: number, setup: () => Promise<T> | T, measure: (s: T) => Promise<number | void> | number | void, teardown: (s: T) => void, warmup = 1): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < warmup + times; i++) {
    const s = await setup();
    try {
      const start = performance.now();
      const own = await measure(s);
      if (i >= warmup) out.push(typeof own === 'number' ? own : performance.now() - start);
    } finally {
      teardown(s);
    }
  }
  return out;
}

const openRows = (core: AppCore) => core.ctx.sqlite.prepare(`SELECT 1 FROM outbox WHERE state IN ('pending', 'in_flight', 'failed') AND state <> 'failed' LIMIT 1`);

async function drained(core: AppCore): Promise<void> {
  const open = openRows(core);
  while (open.get()) await new Promise((r) => setTimeout(r, 5));
  const failed = (core.ctx.sqlite.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'failed'`).get() as { n: number }).n;
  if (failed) throw new Error(`${failed} operations parked during the drain`);
}

async function drainScenario(latencyMs: number, times: number): Promise<number[]> {
  const fake = await startFake(latencyMs);
  try {
    return await timed(
      times,
      async () => {
        await fake.control.reset();
        await fake.control.latency(latencyMs);
        const d = desk({ remotes: [echoRemote(fake.url, { timeoutMs: 10_000 })], concurrency: 16 });
        // 2,000 dossiers with 5 operations each: lanes keep their order, 16 go at once.
        enqueueEchoes(d.core, echoBatch(OPS / 5, 5));
        return d;
      },
      async (d) => {
        d.core.sync.changed();
        await drained(d.core);
      },
      (d) => d.done(),
      latencyMs > 0 ? 0 : 1,
    );
  } finally {
    fake.stop();
  }
}

/** 20,000 dossiers across 40 properties; returns their ids. */
function seedBookings(core: AppCore, count: number): { agencyId: string; ids: string[] } {
  const db = core.ctx.sqlite;
  const at = NOW.toISOString();
  const agencyId = uuidv7();
  const ids: string[] = [];
  db.transaction(() => {
    db.prepare(`INSERT INTO agencies (id, name, agency_ref, created_at, updated_at) VALUES (?, 'Agence des Sables', 'SABLES', ?, ?)`).run(agencyId, at, at);
    const properties = Array.from({ length: 40 }, (_, i) => {
      const id = uuidv7();
      db.prepare(`INSERT INTO properties (id, agency_id, code, name, capacity, created_at, updated_at) VALUES (?, ?, ?, ?, 6, ?, ?)`).run(id, agencyId, `SAB-${i}`, `Villa ${i}`, at, at);
      return id;
    });
    const client = db.prepare(`INSERT INTO clients (id, agency_id, last_name, first_name, created_at, updated_at) VALUES (?, ?, ?, 'Jean', ?, ?)`);
    const booking = db.prepare(
      `INSERT INTO bookings (id, agency_id, number, property_id, client_id, status, source, arrival, departure, nights, deposit_state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'confirmed', 'counter', date('2020-01-01', ?), date('2020-01-01', ?), 7, 'requested', ?, ?)`,
    );
    for (let i = 0; i < count; i++) {
      const clientId = uuidv7();
      client.run(clientId, agencyId, `Client${i}`, at, at);
      const id = uuidv7();
      const day = Math.floor(i / 40) * 7;
      booking.run(id, agencyId, `2026-${String(i + 1).padStart(6, '0')}`, properties[i % 40], clientId, `+${day} days`, `+${day + 7} days`, at, at);
      ids.push(id);
    }
  })();
  return { agencyId, ids };
}

/** BENCH_SYNC=S1,S4 runs only those scenarios. */
const wanted = (id: string) => !process.env.BENCH_SYNC || process.env.BENCH_SYNC.split(',').includes(id);

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  if (wanted('S1')) rows.push(row('S1', 'Mise en file de 10 000 opérations (une transaction)', await enqueueScenario(), 200));
  if (wanted('S2')) rows.push(row('S2', 'Envoi de 10 000 opérations, service local sans latence', await drainScenario(0, 3), 4_000));
  // About 32 s a run: one by default, more with BENCH_S3_RUNS=3.
  const s3Runs = Number(process.env.BENCH_S3_RUNS ?? 1);
  if (wanted('S3')) rows.push(row('S3', 'Envoi de 10 000 opérations, latence 50 ms, 16 en parallèle', await drainScenario(50, s3Runs), 35_000));
  if (wanted('S4') || wanted('S5')) rows.push(...(await inboundScenarios()));
  return rows;
}

async function enqueueScenario(): Promise<number[]> {
  return timed(
    7,
    () => ({ ...desk({}), batch: echoBatch(OPS / 5, 5) }),
    (d) => void enqueueEchoes(d.core, d.batch),
    (d) => d.done(),
  );
}

async function inboundScenarios(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const fake = await startFake(0);
  const d = desk({ remotes: [echoRemote(fake.url)], pollers: [depositPoller] });
  try {
    const { agencyId, ids } = seedBookings(d.core, 20_000);
    // Idle first, on a desk that has not just churned through the big S4 pages.
    const idleSamples = await timed(
      20,
      () => undefined,
      async () => {
        const before = process.cpuUsage();
        const report = await d.core.sync.pollNow('test/deposits');
        const used = process.cpuUsage(before);
        if (!report.ok || report.items !== 0) throw new Error(`idle poll: ${JSON.stringify(report)}`);
        return (used.user + used.system) / 1000;
      },
      () => undefined,
      3,
    );
    rows.push(row('S5', 'Relève sans changement (CPU du processus principal)', idleSamples, 5));
    let round = 0;
    const applySamples = await timed(
      5,
      async () => {
        round += 1;
        await fake.control.changes(ids.slice(0, OPS).map((bookingId) => ({ bookingId, depositState: round % 2 ? 'secured' : 'requested' })));
      },
      async () => {
        let notifications = 0;
        const refreshed = new Promise<void>((done, fail) => {
          const off = d.core.onEvent((event, data) => {
            if (event !== 'changed' || !(data as { tables: string[] }).tables.includes('bookings')) return;
            notifications += 1;
            off();
            // What the Dossiers grid does on 'changed': fetch its first window again.
            d.core.dispatch('bookings/list', { agencyId, limit: 100 }).then((r) => (r.ok ? done() : fail(new Error(r.error.message))), fail);
          });
        });
        const report = await d.core.sync.pollNow('test/deposits');
        if (!report.ok || report.items !== OPS) throw new Error(`poll: ${JSON.stringify(report)}`);
        await refreshed;
        if (notifications !== 1) throw new Error(`${notifications} notifications instead of one`);
      },
      () => undefined,
    );
    rows.push(row('S4', 'Application de 10 000 statuts reçus et rafraîchissement de la grille', applySamples, 1_000));
  } finally {
    d.done();
    fake.stop();
  }
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

