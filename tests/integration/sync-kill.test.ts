import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeControl, startFakeRemote, type FakeRemote } from '../fakes/remote-server';
import { tempDir } from '../support/app';
import { waitFor } from '../support/fake-clock';
import { duplicatesAndDisorder, echoBatch, enqueueEchoes, openSyncDesk } from '../support/sync';

let fake: FakeRemote;
let control: FakeControl;
const dir = tempDir();

beforeEach(async () => {
  fake = await startFakeRemote({ latencyMs: 5 });
  control = new FakeControl(fake.url);
});
afterEach(async () => {
  await fake.close();
  dir.cleanup();
});

function startDesk(dbFile: string): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/drain-child.ts', dbFile, fake.url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, out })),
  );
  return { child, exited };
}

function states(dbFile: string): Record<string, number> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db.prepare(`SELECT state, count(*) AS n FROM outbox GROUP BY state`).all() as { state: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    db.close();
  }
}

describe('a desk killed in the middle of a drain', () => {
  it('finishes the work after a restart, with nothing lost and nothing sent twice', async () => {
    const idle = openSyncDesk(fake.url, { startDelayMs: 1e9 }, dir);
    enqueueEchoes(idle.core, echoBatch(12, 10));
    const dbFile = idle.dbFile;
    idle.core.close();
    // Two requests the remote commits but never answers: they are in flight when the desk dies.
    await control.faults({ type: 'stall_after_commit', match: 'POST /echo', skip: 40, times: 2 });

    const first = startDesk(dbFile);
    await waitFor(async () => (await control.state()).stalled === 2, { timeoutMs: 20_000, what: 'two stalled requests' });
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const afterKill = states(dbFile);
    expect(afterKill.in_flight).toBeGreaterThanOrEqual(2);
    expect(afterKill.done ?? 0).toBeLessThan(120);
    const committedBeforeRestart = (await control.state()).records.length;
    expect(committedBeforeRestart).toBeGreaterThanOrEqual(42);

    const second = startDesk(dbFile);
    const end = await second.exited;
    expect(end.code, end.out).toBe(0);
    expect(end.out).toContain('drained');

    expect(states(dbFile)).toEqual({ done: 120 });
    const { records, requests } = await control.state();
    expect(records).toHaveLength(120);
    expect(duplicatesAndDisorder(records)).toEqual({ duplicates: [], outOfOrder: [] });
    // The restarted desk looked the in-flight rows up rather than sending them again.
    expect(requests['GET /echo']).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
