import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeControl, startFakeRemote, type FakeRemote } from '../fakes/remote-server';
import { tempDir } from '../support/app';
import { driveFor, driveUntil, realSleep } from '../support/fake-clock';
import { allDone, duplicatesAndDisorder, echoBatch, enqueueEchoes, openSyncDesk, outboxStates } from '../support/sync';

let fake: FakeRemote;
let control: FakeControl;

beforeEach(async () => {
  fake = await startFakeRemote();
  control = new FakeControl(fake.url);
});
afterEach(() => fake.close());

describe('a desk that loses the network', () => {
  it('waits an hour offline without parking or hammering anything, then drains everything once back', async () => {
    const desk = openSyncDesk(fake.url);
    try {
      await control.down();
      enqueueEchoes(desk.core, echoBatch(4, 5));
      await driveUntil(desk.clock, () => !desk.core.sync.status().online, { stepMs: 0, what: 'offline' });

      await driveFor(desk.clock, 3_600_000, { stepMs: 30_000 });
      const during = await control.state();
      expect(desk.core.sync.status()).toMatchObject({ online: false, pending: 20, failed: 0 });
      expect(during.records).toHaveLength(0);
      // Only the first heads were tried; then nothing but the light probe, backing off to once a minute.
      const maxAttempts = (desk.core.ctx.sqlite.prepare(`SELECT max(attempts) AS n FROM outbox`).get() as { n: number }).n;
      expect(maxAttempts).toBe(1);
      expect(during.requests['GET /ping']).toBeGreaterThanOrEqual(30);
      expect(during.requests['GET /ping']).toBeLessThanOrEqual(75);

      await control.down(false);
      const spent = await driveUntil(desk.clock, allDone(desk.core, 20), { stepMs: 1_000, what: 'drain after the outage' });
      expect(spent).toBeLessThanOrEqual(2 * 60_000);
      const { records } = await control.state();
      expect(records).toHaveLength(20);
      expect(duplicatesAndDisorder(records)).toEqual({ duplicates: [], outOfOrder: [] });
      expect(desk.core.sync.status()).toMatchObject({ online: true, pending: 0, failed: 0 });
    } finally {
      desk.close();
    }
  });
});

describe('operations claimed a round ahead', () => {
  const attempts = (desk: { core: { ctx: { sqlite: Database.Database } } }) =>
    (desk.core.ctx.sqlite.prepare(`SELECT state, attempts FROM outbox ORDER BY id`).all() as { state: string; attempts: number }[]).map((r) => `${r.state}:${r.attempts}`);

  it('go back to waiting, without counting an attempt, when their remote goes offline before they leave', async () => {
    const desk = openSyncDesk(fake.url, { concurrency: 1 });
    try {
      await control.down();
      enqueueEchoes(desk.core, echoBatch(3, 1));
      await driveUntil(desk.clock, () => !desk.core.sync.status().online && outboxStates(desk.core).in_flight === undefined, { stepMs: 0, what: 'offline, nothing in flight' });
      expect(attempts(desk)).toEqual(['pending:1', 'pending:0', 'pending:0']);
      await control.down(false);
      await driveUntil(desk.clock, allDone(desk.core, 3), { stepMs: 1_000 });
      expect((await control.state()).records.map((r) => r.key).sort()).toEqual(['op-1-1', 'op-2-1', 'op-3-1']);
    } finally {
      desk.close();
    }
  });

  it('are released when the desk closes; the one already sent is looked up after a grace, and lands once', async () => {
    const dir = tempDir();
    try {
      await control.latency(150);
      const first = openSyncDesk(fake.url, { concurrency: 1 }, dir);
      enqueueEchoes(first.core, echoBatch(3, 1));
      // One slot: one call in flight, one claimed ahead, one not claimed yet.
      await driveUntil(first.clock, () => outboxStates(first.core).in_flight === 2, { stepMs: 0 });
      await realSleep(30);
      first.core.close();
      const db = new Database(first.dbFile, { readonly: true });
      expect((db.prepare(`SELECT state, attempts FROM outbox ORDER BY id`).all() as { state: string; attempts: number }[]).map((r) => `${r.state}:${r.attempts}`)).toEqual([
        'in_flight:1',
        'pending:0',
        'pending:0',
      ]);
      db.close();

      // The request sent before closing is still on its way: the remote commits it a little later.
      const second = openSyncDesk(fake.url, { recoveryGraceMs: 30_000 }, dir);
      await driveFor(second.clock, 29_000, { stepMs: 1_000 });
      expect((await control.state()).requests['GET /echo']).toBeUndefined();
      await realSleep(200);
      await driveUntil(second.clock, allDone(second.core, 3), { stepMs: 1_000 });
      const state = await control.state();
      expect(state.records.map((r) => r.key).sort()).toEqual(['op-1-1', 'op-2-1', 'op-3-1']);
      expect(state.requests['GET /echo']).toBe(1);
      second.core.close();
    } finally {
      dir.cleanup();
    }
  });
});

describe('a desk that stopped in the middle of a drain', () => {
  it('looks up operations found in flight before sending anything again', async () => {
    const dir = tempDir();
    try {
      const idle = openSyncDesk(fake.url, { startDelayMs: 1e9 }, dir);
      enqueueEchoes(idle.core, [
        { key: 'sent', lane: 'A', n: 1 },
        { key: 'lost', lane: 'B', n: 1 },
      ]);
      const dbFile = idle.dbFile;
      idle.core.close();
      // As a crash would leave them: both claimed, and only the first reached the remote.
      const db = new Database(dbFile);
      db.prepare(`UPDATE outbox SET state = 'in_flight', attempts = 1`).run();
      db.close();
      await fetch(`${fake.url}/echo`, { method: 'POST', body: JSON.stringify({ key: 'sent', lane: 'A', n: 1 }) });

      const desk = openSyncDesk(fake.url, {}, dir);
      await driveUntil(desk.clock, allDone(desk.core, 2), { stepMs: 500 });
      const state = await control.state();
      expect(state.records.map((r) => r.key)).toEqual(['sent', 'lost']);
      expect(state.requests['POST /echo']).toBe(2);
      expect(state.requests['GET /echo']).toBe(2);
      expect(outboxStates(desk.core)).toEqual({ done: 2 });
      desk.core.close();
    } finally {
      dir.cleanup();
    }
  });
});

describe('a database that refuses writes for a moment', () => {
  it('sends nothing it could not record as claimed, keeps every outcome, and drains once the database is free', async () => {
    const logged: string[] = [];
    const desk = openSyncDesk(fake.url, { concurrency: 2, log: (message) => logged.push(message) });
    try {
      desk.core.ctx.sqlite.pragma('busy_timeout = 20');
      await control.latency(100);
      enqueueEchoes(desk.core, echoBatch(4, 2));
      await driveUntil(desk.clock, () => outboxStates(desk.core).in_flight === 4, { stepMs: 0, what: 'two sent, two claimed ahead' });
      // Another program holds the write lock while the answers come back.
      const other = new Database(desk.dbFile);
      other.exec('BEGIN IMMEDIATE');
      await realSleep(300);
      await driveFor(desk.clock, 5_000, { stepMs: 1_000, realMs: 50 });
      expect(logged.length).toBeGreaterThan(0);
      const duringLock = (await control.state()).records.length;
      expect(duringLock).toBe(4);
      other.exec('ROLLBACK');
      other.close();
      await driveUntil(desk.clock, allDone(desk.core, 8), { stepMs: 1_000 });
      const { records } = await control.state();
      expect(duplicatesAndDisorder(records)).toEqual({ duplicates: [], outOfOrder: [] });
      expect(records).toHaveLength(8);
    } finally {
      desk.close();
    }
  });
});
