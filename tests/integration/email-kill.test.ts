// « Kill the host mid-batch and restart »: the desk dies while the SMTP server holds a message it
// has not answered. After the restart every other e-mail leaves exactly once, and the one in doubt
// waits for staff (never resent on its own); when staff choose « Renvoyer », it leaves once more.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { clients, properties } from '../../src-main/db/schema';
import { uuidv7 } from '../../src-main/db/ids';
import { startSmtpSink, type SmtpSink } from '../fakes/smtp-sink';
import { createAppCore } from '../../src-main/host/app';
import { callOk, MIGRATIONS_DIR, openTestAgency, tempDir } from '../support/app';
import { waitFor } from '../support/fake-clock';

const dir = tempDir();
let sink: SmtpSink;
afterEach(async () => {
  await sink?.close();
  dir.cleanup();
});

function startDesk(dbFile: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/mail-child.ts', dbFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((done) => child.on('exit', (code, signal) => done({ code, signal, out })));
  return { child, exited };
}

function read<T>(dbFile: string, sql: string): T[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('a desk killed in the middle of an E-mail Auto batch', () => {
  it('sends every e-mail once after the restart and holds the one in doubt for a decision', async () => {
    sink = await startSmtpSink();
    // The batch is prepared by a desk whose engine never starts, then closed.
    const t = openTestAgency(new Date('2026-07-01T08:00:00Z'), { dir: dir.dir, sync: { startDelayMs: 1e9 } });
    const { db } = t.core.database;
    const at = '2026-06-01T08:00:00.000Z';
    const stamp = { createdAt: at, updatedAt: at };
    for (let i = 0; i < 12; i++) {
      const propertyId = uuidv7();
      const clientId = uuidv7();
      db.insert(properties).values({ id: propertyId, agencyId: t.agencyId, code: `K-${i}`, name: `Studio ${i}`, addressLine1: `${i + 1} rue des Dunes`, postcode: '85100', city: "Les Sables-d'Olonne", capacity: 2, ...stamp }).run();
      db.insert(clients).values({ id: clientId, agencyId: t.agencyId, lastName: `Client${i}`, email: `client${i}@example.fr`, ...stamp }).run();
      await callOk(t.core, 'bookings/create', {
        propertyId,
        clientId,
        status: 'confirmed',
        source: 'web',
        arrival: '2026-07-03',
        departure: '2026-07-10',
        adults: 2,
        lines: [{ label: 'Loyer', kind: 'rent', quantity: 1, unitPriceCents: 50_000 }],
      });
    }
    await callOk(t.core, 'emails/settings/save', {
      agencyId: t.agencyId,
      // 5 a second: slow enough to be killed in the middle.
      smtp: { host: '127.0.0.1', port: sink.port, security: 'none', user: '', password: '', senderName: 'Agence', senderEmail: 'contact@agence-sables.fr', replyTo: '', perMinute: 300 },
      rules: [],
    });
    const batch = await callOk(t.core, 'emails/batch/start', { agencyId: t.agencyId, kind: 'arrivalReminder' });
    expect(batch.skipped).toEqual([]);
    expect(batch.total).toBe(12);
    t.core.close();
    const dbFile = join(dir.dir, 'comptoir.db');

    const first = startDesk(dbFile);
    await waitFor(() => sink.received.length >= 4, { timeoutMs: 20_000, what: 'four messages received' });
    sink.swallowNext(1);
    await waitFor(() => sink.swallowed() === 1, { timeoutMs: 20_000, what: 'a message held by the server' });
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const beforeRestart = sink.received.length;
    expect(beforeRestart).toBeLessThan(12);

    const second = startDesk(dbFile);
    const end = await second.exited;
    expect(end.code, end.out).toBe(0);
    expect(end.out).toContain('drained');

    // Every e-mail is either sent (and received once) or held for staff: the one the server swallowed,
    // and at most the others that were being handed over on the pool's connections when it died.
    const rows = read<{ id: string; state: string; messageId: string; error: string | null }>(dbFile, 'SELECT id, state, message_id AS messageId, error FROM emails');
    const held = rows.filter((r) => r.state === 'unknown');
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(12 - held.length);
    expect(held.length).toBeGreaterThanOrEqual(1);
    expect(held.length).toBeLessThanOrEqual(3);
    const ids = sink.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rows.filter((r) => r.state === 'sent')) expect(ids).toContain(r.messageId);
    expect(held.every((r) => /impossible de savoir s'il est parti/.test(r.error ?? ''))).toBe(true);
    const swallowed = held.filter((r) => !ids.includes(r.messageId));
    expect(swallowed.length).toBeGreaterThanOrEqual(1);

    // Staff decide: what arrived is marked sent, the rest is sent again, once, with the same Message-ID.
    const core = createAppCore({ dbFile, migrationsDir: MIGRATIONS_DIR, host: 'browser', version: 'test', sync: { startDelayMs: 0 } });
    try {
      // « Réessayer » on the Synchronisation screen cannot settle it: it points to the decision.
      const parked = core.database.sqlite.prepare(`SELECT outbox_id FROM emails WHERE id = ?`).pluck().get(held[0]!.id) as string;
      expect(await core.dispatch('sync/retry', { id: parked })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Marquer envoyé/) } });
      for (const r of held) {
        const decision = ids.includes(r.messageId) ? 'markSent' : 'resend';
        expect(await callOk(core, 'emails/resolve', { emailId: r.id, decision })).toEqual({ emailId: r.id, state: decision === 'markSent' ? 'sent' : 'queued' });
      }
      await sink.waitFor(12);
      await waitFor(() => (core.database.sqlite.prepare(`SELECT count(*) FROM emails WHERE state = 'sent'`).pluck().get() as number) === 12, { timeoutMs: 10_000, what: 'all twelve recorded as sent' });
      const all = sink.received.map((m) => m.messageId);
      expect(new Set(all).size).toBe(12);
      expect(all).toHaveLength(12);
    } finally {
      core.close();
    }
  }, 60_000);
});
