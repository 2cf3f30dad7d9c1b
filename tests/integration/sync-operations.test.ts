import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src-main/sync/outbox';
import { FakeControl, startFakeRemote, type FakeRemote } from '../fakes/remote-server';
import { callOk } from '../support/app';
import { echoKind } from '../support/echo-kind';
import { driveUntil } from '../support/fake-clock';
import { allDone, duplicatesAndDisorder, enqueueEchoes, openSyncDesk, outboxRow, outboxStates, seedDossier, type SyncDesk } from '../support/sync';

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

const until = (cond: () => boolean, what?: string) => driveUntil(desk.clock, cond, { stepMs: 500, what });

describe('operations refused by the remote wait for staff', () => {
  it('parks a 400 with the remote reason, holds back that dossier only, and a retry lands both in order', async () => {
    const dossier = seedDossier(desk.core);
    await control.faults({ type: '400', match: 'POST /echo', message: 'Montant de caution invalide' });
    const [a1, a2] = enqueueEchoes(desk.core, [
      { key: 'a1', lane: 'A', n: 1, bookingId: dossier },
      { key: 'a2', lane: 'A', n: 2, bookingId: dossier },
      { key: 'b1', lane: 'B', n: 1 },
      { key: 'b2', lane: 'B', n: 2 },
    ]);
    await until(() => outboxStates(desk.core).done === 2 && outboxStates(desk.core).failed === 1, 'b drained, a1 parked');
    expect((await control.state()).records.map((r) => r.key)).toEqual(['b1', 'b2']);

    const listed = await callOk(desk.core, 'sync/operations', {});
    expect(listed.total).toBe(2);
    expect(listed.rows[0]).toMatchObject({
      id: a1,
      state: 'failed',
      label: 'Écho de test',
      remoteLabel: 'Écho',
      dossierNumber: '2026-000001',
      errorCode: 'client',
      nextAttemptAt: null,
      blocked: false,
    });
    expect(listed.rows[0].reason).toBe(
      "Écho a refusé la demande (HTTP 400) : « Montant de caution invalide ». Corrigez le dossier puis cliquez « Réessayer », ou annulez l'opération.",
    );
    expect(listed.rows[1]).toMatchObject({ id: a2, state: 'pending', blocked: true, dossierNumber: '2026-000001' });
    expect(listed.rows[1].reason).toMatch(/opération précédente du même dossier/);
    expect(await callOk(desk.core, 'sync/status', {})).toMatchObject({ pending: 1, failed: 1, online: true });
    expect((await callOk(desk.core, 'sync/operations', { filter: 'failed' })).rows.map((r: any) => r.id)).toEqual([a1]);

    expect(await callOk(desk.core, 'sync/retry', { id: a1 })).toEqual({ id: a1, state: 'pending' });
    await until(allDone(desk.core, 4));
    const { records } = await control.state();
    expect(records.map((r) => r.key)).toEqual(['b1', 'b2', 'a1', 'a2']);
    expect(duplicatesAndDisorder(records)).toEqual({ duplicates: [], outOfOrder: [] });
  });

  it('cancelling a parked operation gives it up and lets the rest of its dossier go', async () => {
    await control.faults({ type: '400', match: 'POST /echo' });
    const [a1] = enqueueEchoes(desk.core, [
      { key: 'a1', lane: 'A', n: 1 },
      { key: 'a2', lane: 'A', n: 2 },
    ]);
    await until(() => outboxRow(desk.core, a1!).state === 'failed');
    expect(await callOk(desk.core, 'sync/cancel', { id: a1 })).toEqual({ id: a1, state: 'cancelled' });
    await until(() => outboxStates(desk.core).done === 1);
    expect((await control.state()).records.map((r) => r.key)).toEqual(['a2']);
    expect(outboxStates(desk.core)).toEqual({ cancelled: 1, done: 1 });
    const again = await desk.core.dispatch('sync/retry', { id: a1 });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });

  it('parks a stored row that no longer parses, or whose kind this version does not know, without sending it', async () => {
    const [bad, next, unknown] = enqueueEchoes(desk.core, [
      { key: 'bad', lane: 'A', n: 1 },
      { key: 'next', lane: 'A', n: 2 },
      { key: 'unknown', lane: 'B', n: 1 },
    ]);
    desk.core.ctx.sqlite.prepare(`UPDATE outbox SET payload = '{"key": 5}' WHERE id = ?`).run(bad);
    desk.core.ctx.sqlite.prepare(`UPDATE outbox SET kind = 'swikly/fromTheFuture' WHERE id = ?`).run(unknown);
    await until(() => outboxStates(desk.core).failed === 2);
    expect(outboxRow(desk.core, bad!)).toMatchObject({ state: 'failed', last_error_code: 'invalid_payload', attempts: 0 });
    expect(outboxRow(desk.core, bad!).last_error).toMatch(/Données de l'opération « Écho de test » invalides \(key :/);
    expect(outboxRow(desk.core, unknown!)).toMatchObject({ state: 'failed', last_error_code: 'unknown_kind' });
    expect(outboxRow(desk.core, next!).state).toBe('pending');
    expect((await control.state()).requests['POST /echo']).toBeUndefined();
  });
});

describe('enqueue belongs to the business transaction', () => {
  const echo = (key: string) => ({ kind: echoKind, lane: 'L', payload: { key, lane: 'L', n: 1 } });

  it('refuses to run outside a transaction', () => {
    expect(() => enqueue(desk.core.ctx, echo('k'))).toThrow(/inside the transaction/);
  });

  it('leaves no operation behind when the business change rolls back', () => {
    expect(() =>
      desk.core.ctx.sqlite.transaction(() => {
        enqueue(desk.core.ctx, echo('k'));
        throw new Error('the dossier could not be saved');
      })(),
    ).toThrow('the dossier could not be saved');
    expect(outboxStates(desk.core)).toEqual({});
  });

  it('queues an operation once per idempotency key, and refuses a payload its kind does not accept', () => {
    const tx = desk.core.ctx.sqlite.transaction(() => [
      enqueue(desk.core.ctx, { ...echo('k'), idempotencyKey: 'deposit-2026-000001' }),
      enqueue(desk.core.ctx, { ...echo('k'), idempotencyKey: 'deposit-2026-000001' }),
    ]);
    const [first, second] = tx();
    expect(first!.created).toBe(true);
    expect(second).toEqual({ id: first!.id, created: false });
    expect(() => desk.core.ctx.sqlite.transaction(() => enqueue(desk.core.ctx, { kind: echoKind, lane: 'L', payload: { key: '' } as never }))()).toThrow();
    expect(outboxStates(desk.core)).toEqual({ pending: 1 });
  });
});

describe('the sync contract', () => {
  it('parses what the renderer sends and answers in French', async () => {
    expect(await desk.core.dispatch('sync/retry', { id: 'abc' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await desk.core.dispatch('sync/operations', { limit: 1000 })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('500 lignes au plus') } });
    const ghost = await desk.core.dispatch('sync/cancel', { id: '01900000-0000-7000-8000-000000000000' });
    expect(ghost).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('Opération introuvable') } });
  });

  it('tells the status bar when operations are queued', async () => {
    const seen: any[] = [];
    desk.core.onEvent((event, data) => event === 'sync/status' && seen.push(data));
    await control.down();
    enqueueEchoes(desk.core, [{ key: 'k', lane: 'L', n: 1 }]);
    await until(() => seen.some((s) => !s.online), 'an offline status event');
    expect(seen.at(-1)).toMatchObject({ online: false, pending: 1, failed: 0, remotes: [{ name: 'echo', state: 'offline', lastError: expect.stringMatching(/^Écho est injoignable/) }] });
  });
});
