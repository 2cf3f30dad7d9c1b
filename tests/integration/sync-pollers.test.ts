import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeControl, startFakeRemote, type FakeRemote } from '../fakes/remote-server';
import { depositPoller } from '../support/deposit-poller';
import { echoRemote } from '../support/echo-kind';
import { driveFor, driveUntil, realSleep } from '../support/fake-clock';
import { allDone, echoBatch, enqueueEchoes, openSyncDesk, seedDossier, type SyncDesk } from '../support/sync';

let fake: FakeRemote;
let control: FakeControl;
let desk: SyncDesk;

beforeEach(async () => {
  fake = await startFakeRemote();
  control = new FakeControl(fake.url);
});
afterEach(async () => {
  desk.close();
  await fake.close();
});

const deposit = (id: string) => (desk.core.ctx.sqlite.prepare(`SELECT deposit_state AS s FROM bookings WHERE id = ?`).get(id) as { s: string }).s;
const cursor = () => desk.core.ctx.sqlite.prepare(`SELECT cursor, last_error AS lastError FROM sync_cursors WHERE poller = 'test/deposits'`).get() as { cursor: string; lastError: string | null } | undefined;

describe('deposit statuses read from the remote', () => {
  it('applies a page and its cursor together, and tells the screens once', async () => {
    desk = openSyncDesk(fake.url, { pollers: [depositPoller], startDelayMs: 1e9 });
    const a = seedDossier(desk.core, '2026-000001', '2026-07-11', 'requested');
    const changed: string[][] = [];
    desk.core.onEvent((event, data) => event === 'changed' && changed.push((data as { tables: string[] }).tables));
    await control.changes([
      { bookingId: a, depositState: 'requested' },
      { bookingId: a, depositState: 'secured' },
    ]);
    expect(await desk.core.sync.pollNow('test/deposits')).toEqual({ ok: true, items: 2, tables: ['bookings'] });
    expect(deposit(a)).toBe('secured');
    expect(cursor()).toEqual({ cursor: '2', lastError: null });
    expect(changed).toEqual([['bookings']]);
    // Nothing new: no write, no notification.
    expect(await desk.core.sync.pollNow('test/deposits')).toEqual({ ok: true, items: 0, tables: [] });
    expect(changed).toHaveLength(1);
  });

  it('changes nothing when an answer does not match its schema, and says which remote and field', async () => {
    desk = openSyncDesk(fake.url, { pollers: [depositPoller], startDelayMs: 1e9 });
    const a = seedDossier(desk.core, '2026-000001', '2026-07-11', 'requested');
    await control.changes([{ bookingId: a, depositState: 'secured' }]);
    await control.faults({ type: 'schema', match: 'GET /changes' });
    const report = await desk.core.sync.pollNow('test/deposits');
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/^Écho a renvoyé une réponse inattendue : champ « items\.0\.seq »/);
    expect(deposit(a)).toBe('requested');
    expect(cursor()).toEqual({ cursor: '0', lastError: report.error });
    expect((await desk.core.sync.pollNow('test/deposits')).ok).toBe(true);
    expect(deposit(a)).toBe('secured');
  });

  it('polls every minute while an arrival this week waits for its deposit, every quarter hour otherwise', async () => {
    desk = openSyncDesk(fake.url, { pollers: [depositPoller] });
    const a = seedDossier(desk.core, '2026-000001', '2026-07-03', 'requested');
    await driveFor(desk.clock, 3_600_000, { stepMs: 30_000, realMs: 10 });
    const urgentPolls = (await control.state()).requests['GET /changes']!;
    expect(urgentPolls).toBeGreaterThanOrEqual(45);
    expect(urgentPolls).toBeLessThanOrEqual(62);

    await control.changes([{ bookingId: a, depositState: 'secured' }]);
    await driveFor(desk.clock, 60_000, { stepMs: 30_000 });
    expect(deposit(a)).toBe('secured');
    const before = (await control.state()).requests['GET /changes']!;
    await driveFor(desk.clock, 3_600_000, { stepMs: 30_000 });
    const calmPolls = (await control.state()).requests['GET /changes']! - before;
    expect(calmPolls).toBeGreaterThanOrEqual(3);
    expect(calmPolls).toBeLessThanOrEqual(4);
  });

  it('polls again as soon as the remote answers after an outage, not at its next quarter hour', async () => {
    desk = openSyncDesk(fake.url, { pollers: [depositPoller], startDelayMs: 1e9 });
    const a = seedDossier(desk.core, '2026-000001', '2026-09-01', 'requested');
    await control.down();
    expect((await desk.core.sync.pollNow('test/deposits')).error).toMatch(/^Écho est injoignable/);
    expect(desk.core.sync.status().online).toBe(false);
    await control.changes([{ bookingId: a, depositState: 'secured' }]);
    await control.down(false);
    const spent = await driveUntil(desk.clock, () => deposit(a) === 'secured', { stepMs: 1_000, what: 'poll after the outage' });
    expect(spent).toBeLessThanOrEqual(10_000);
  });

  it('backs off while the remote keeps failing', async () => {
    desk = openSyncDesk(fake.url, { pollers: [depositPoller] });
    seedDossier(desk.core, '2026-000001', '2026-07-03', 'requested');
    await control.faults({ type: '500', match: 'GET /changes', times: 1_000 });
    await driveFor(desk.clock, 3_600_000, { stepMs: 30_000 });
    // Every minute when healthy; after failures the wait doubles up to 30 minutes.
    expect((await control.state()).requests['GET /changes']).toBeLessThanOrEqual(12);
    expect(cursor()?.lastError).toMatch(/HTTP 500/);
  });
});

describe('one rate limit per remote', () => {
  it('is shared by the outbox worker and the pollers', async () => {
    const limited = echoRemote(fake.url, { rate: { perSecond: 1, burst: 2 } });
    desk = openSyncDesk(fake.url, { pollers: [depositPoller], remotes: [limited], startDelayMs: 1e9 });
    const total = async () => Object.values((await control.state()).requests).reduce((a, b) => a + b, 0);
    enqueueEchoes(desk.core, echoBatch(4, 1));
    await realSleep(100);
    expect(await total()).toBe(2);
    let polled = false;
    const poll = desk.core.sync.pollNow('test/deposits').then((r) => ((polled = true), r));
    await realSleep(50);
    // The worker spent the burst: the poller waits for the next token like everyone else.
    expect(await total()).toBe(2);
    await driveUntil(desk.clock, () => polled && allDone(desk.core, 4)(), { stepMs: 1_000, maxMs: 60_000 });
    expect((await poll).ok).toBe(true);
    expect((await control.state()).requests).toEqual({ 'POST /echo': 4, 'GET /changes': 1 });
    // Burst of 2, then one a second: 5 requests need 3 seconds.
    expect(desk.clock.now().getTime() - Date.parse('2026-07-01T08:00:00Z')).toBeGreaterThanOrEqual(3_000);
  });
});
