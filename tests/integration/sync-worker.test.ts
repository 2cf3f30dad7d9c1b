import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperationKind, registerOperationKind } from '../../src-main/sync/kinds';
import { enqueue } from '../../src-main/sync/outbox';
import { FakeControl, startFakeRemote, type FakeRemote } from '../fakes/remote-server';
import { driveFor, driveUntil } from '../support/fake-clock';
import { echoPayload, echoRemote } from '../support/echo-kind';
import { allDone, duplicatesAndDisorder, echoBatch, enqueueEchoes, openSyncDesk, outboxRow, outboxStates, type SyncDesk } from '../support/sync';

let fake: FakeRemote;
let control: FakeControl;
let desk: SyncDesk;

beforeEach(async () => {
  fake = await startFakeRemote();
  control = new FakeControl(fake.url);
  desk = openSyncDesk(fake.url);
});
afterEach(async () => {
  desk.close();
  await fake.close();
});

const drain = (total: number, what = 'drain') => driveUntil(desk.clock, allDone(desk.core, total), { stepMs: 500, what });

describe('the outbox worker against a remote that behaves', () => {
  it('sends every operation once and keeps the order of each dossier', async () => {
    await control.latency(3);
    enqueueEchoes(desk.core, echoBatch(6, 8));
    await drain(48);
    const { records } = await control.state();
    expect(records).toHaveLength(48);
    expect(duplicatesAndDisorder(records)).toEqual({ duplicates: [], outOfOrder: [] });
    expect(desk.core.sync.status()).toMatchObject({ online: true, pending: 0, failed: 0, remotes: [{ name: 'echo', state: 'online' }] });
  });
});

describe('the outbox worker when the remote fails', () => {
  it('retries a 500 with exponential backoff and lands the effect once', async () => {
    await control.faults({ type: '500', match: 'POST /echo', times: 2 });
    const [id] = enqueueEchoes(desk.core, [{ key: 'k1', lane: 'L', n: 1 }]);
    await driveUntil(desk.clock, () => outboxRow(desk.core, id!).attempts === 1 && outboxRow(desk.core, id!).state === 'pending', { stepMs: 0 });
    const first = outboxRow(desk.core, id!);
    expect(first.last_error_code).toBe('server');
    expect(first.last_error).toMatch(/Écho rencontre une erreur de son côté \(HTTP 500\)/);
    // Backoff with pinned jitter: 2 s base → 1.5 s for the first retry, 3 s for the second.
    expect(Date.parse(first.next_attempt_at) - desk.clock.now().getTime()).toBe(1_500);
    await drain(1);
    expect(outboxRow(desk.core, id!).attempts).toBe(3);
    expect((await control.state()).records.map((r) => r.key)).toEqual(['k1']);
  });

  it('honours Retry-After on a 429 and sends nothing before then', async () => {
    await control.faults({ type: '429', match: 'POST /echo', retryAfter: '120' });
    const [id] = enqueueEchoes(desk.core, [{ key: 'k1', lane: 'L', n: 1 }]);
    await driveUntil(desk.clock, () => outboxRow(desk.core, id!).last_error_code === 'rate_limited', { stepMs: 0 });
    const row = outboxRow(desk.core, id!);
    expect(Date.parse(row.next_attempt_at) - desk.clock.now().getTime()).toBe(120_000);
    expect(row.last_error).toContain('nouvel essai dans 120 s');
    const posts = (await control.state()).requests['POST /echo'];
    // The limit is the remote's, not the row's: another dossier's operation waits too.
    enqueueEchoes(desk.core, [{ key: 'k2', lane: 'M', n: 1 }]);
    await driveFor(desk.clock, 110_000, { stepMs: 10_000 });
    expect((await control.state()).requests['POST /echo']).toBe(posts);
    await driveUntil(desk.clock, allDone(desk.core, 2), { stepMs: 5_000, maxMs: 30_000 });
    expect((await control.state()).records).toHaveLength(2);
  });
});

describe('an attempt whose answer was lost is reconciled, never sent twice', () => {
  const lookups = async () => (await control.state()).requests['GET /echo'] ?? 0;

  it.each([
    ['the answer is dropped after the remote committed', 'drop_after_commit', 'network'],
    ['the remote committed but never answered (timeout)', 'stall_after_commit', 'timeout'],
    ['the answer is truncated JSON', 'malformed', 'malformed_response'],
  ] as const)('%s', async (_case, type, code) => {
    desk.close();
    desk = openSyncDesk(fake.url, { remotes: [echoRemote(fake.url, { timeoutMs: 300 })] });
    await control.faults({ type, match: 'POST /echo' });
    const [id] = enqueueEchoes(desk.core, [{ key: 'k1', lane: 'L', n: 1 }]);
    await driveUntil(desk.clock, () => outboxRow(desk.core, id!).last_error_code !== null, { stepMs: 0, realMs: 20 });
    const failed = outboxRow(desk.core, id!);
    expect(failed).toMatchObject({ state: 'pending', last_error_code: code, reconcile_first: 1 });
    expect(failed.last_error).toMatch(/^Écho /);
    await drain(1);
    const state = await control.state();
    expect(state.records.map((r) => r.key)).toEqual(['k1']);
    expect(state.requests['POST /echo']).toBe(1);
    expect(await lookups()).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(outboxRow(desk.core, id!).result)).toEqual({ id: 'echo-1', key: 'k1' });
  });

  it('names the remote and the field when an answer does not match its schema', async () => {
    await control.faults({ type: 'schema', match: 'POST /echo' });
    const [id] = enqueueEchoes(desk.core, [{ key: 'k1', lane: 'L', n: 1 }]);
    await driveUntil(desk.clock, () => outboxRow(desk.core, id!).last_error_code !== null, { stepMs: 0 });
    const row = outboxRow(desk.core, id!);
    expect(row.last_error_code).toBe('malformed_response');
    expect(row.last_error).toMatch(/^Écho a renvoyé une réponse inattendue : champ « id »/);
    expect(row.result).toBeNull();
    await drain(1);
    expect((await control.state()).records).toHaveLength(1);
  });

  it('retries a connection reset that happened before the remote committed, and lands it once', async () => {
    await control.faults({ type: 'reset', match: 'POST /echo' });
    enqueueEchoes(desk.core, [{ key: 'k1', lane: 'L', n: 1 }]);
    await drain(1);
    const state = await control.state();
    expect(state.records.map((r) => r.key)).toEqual(['k1']);
    expect(state.requests['POST /echo']).toBe(2);
  });

  it('keeps every effect single and every dossier in order through a storm of faults', async () => {
    await control.latency(2);
    await control.faults(
      { type: '500', match: 'POST /echo', times: 4 },
      { type: 'drop_after_commit', match: 'POST /echo', skip: 3, times: 3 },
      { type: 'reset', match: 'POST /echo', skip: 6, times: 2 },
      { type: 'malformed', match: 'POST /echo', skip: 9, times: 2 },
      { type: '429', match: 'POST /echo', skip: 12, times: 2, retryAfter: '3' },
      { type: '503', match: 'GET /echo', times: 2 },
    );
    enqueueEchoes(desk.core, echoBatch(5, 6));
    await drain(30, 'storm');
    const { records } = await control.state();
    expect(records).toHaveLength(30);
    expect(duplicatesAndDisorder(records)).toEqual({ duplicates: [], outOfOrder: [] });
  });
});

describe('an operation whose remote cannot be asked what happened (like SMTP)', () => {
  const mailKind = defineOperationKind({
    kind: 'test/mail',
    remote: 'echo',
    label: 'E-mail de test',
    payload: echoPayload,
    perform: (p, io) => io.http.json({ method: 'POST', path: '/echo', json: p, signal: io.signal }, z.object({ id: z.string() })),
    reconcile: async () => ({ status: 'unknown', message: "Envoi de l'e-mail incertain après une coupure : vérifiez la boîte d'envoi, puis Réessayer ou Annuler." }),
  });
  registerOperationKind(mailKind);

  it('is parked for a decision of staff after a lost answer, never sent again silently', async () => {
    await control.faults({ type: 'drop_after_commit', match: 'POST /echo' });
    const id = desk.core.ctx.sqlite.transaction(() => enqueue(desk.core.ctx, { kind: mailKind, lane: 'L', payload: { key: 'm1', lane: 'L', n: 1 } }).id)();
    desk.core.ctx.notify(['outbox']);
    await driveUntil(desk.clock, () => outboxRow(desk.core, id).state === 'failed', { stepMs: 500, what: 'parked' });
    expect(outboxRow(desk.core, id)).toMatchObject({ last_error_code: 'unknown_outcome', last_error: expect.stringContaining('Envoi de l\'e-mail incertain') });
    await driveFor(desk.clock, 600_000, { stepMs: 60_000 });
    expect((await control.state()).requests['POST /echo']).toBe(1);
  });
});
