// E1 and E2 of PERFORMANCE.md: E-mail Auto batches through the outbox to a real SMTP server
// running in its own process, on a real SQLite file with the app's durable settings.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { uuidv7 } from '../../src-main/db/ids';
import { clients, properties } from '../../src-main/db/schema';
import { createAppCore, type AppCore } from '../../src-main/host/app';
import { callOk, openTestAgency } from '../support/app';
import { row, type BenchRow } from './harness';

const NOW = new Date('2026-07-01T08:00:00Z');

interface Sink {
  port: number;
  received: string[];
  stop(): void;
}

async function startSink(): Promise<Sink> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'tests/fakes/serve-smtp.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const received: string[] = [];
  const port = await new Promise<number>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        const m = /^smtp sink at (\d+)$/.exec(line);
        if (m) done(Number(m[1]));
        if (line.startsWith('received ')) received.push(line.slice(9));
      }
    });
    child.on('exit', (code) => fail(new Error(`smtp sink exited (${code})`)));
  });
  return { port, received, stop: () => child.kill() };
}

/** A desk with `count` confirmed stays arriving within the week, each client with an address; SMTP set to the sink. */
async function preparedDesk(dir: string, count: number, sinkPort: number, perMinute: number): Promise<string> {
  const t = openTestAgency(NOW, { dir, sync: { startDelayMs: 1e9 } });
  const { db, sqlite } = t.core.database;
  const at = '2026-06-01T08:00:00.000Z';
  const stamp = { createdAt: at, updatedAt: at };
  sqlite.transaction(() => {
    for (let p = 0; p * 7 < count; p++) {
      const propertyId = uuidv7();
      db.insert(properties).values({ id: propertyId, agencyId: t.agencyId, code: `B-${p}`, name: `Studio ${p}`, addressLine1: `${p + 1} rue des Dunes`, postcode: '85100', city: "Les Sables-d'Olonne", capacity: 2, ...stamp }).run();
    }
    for (let i = 0; i < count; i++) {
      db.insert(clients).values({ id: uuidv7(), agencyId: t.agencyId, civility: i % 2 ? 'mr' : 'mrs', firstName: 'Camille', lastName: `Client${i}`, email: `client${i}@example.fr`, language: i % 5 ? 'fr' : 'en', ...stamp }).run();
    }
  })();
  const props = sqlite.prepare(`SELECT id FROM properties WHERE code LIKE 'B-%' ORDER BY code`).pluck().all() as string[];
  const people = sqlite.prepare(`SELECT id FROM clients WHERE last_name LIKE 'Client%'`).pluck().all() as string[];
  for (let i = 0; i < count; i++) {
    const day = 2 + (i % 7);
    await callOk(t.core, 'bookings/create', {
      propertyId: props[Math.floor(i / 7)],
      clientId: people[i],
      status: 'confirmed',
      source: 'web',
      arrival: `2026-07-${String(day).padStart(2, '0')}`,
      departure: `2026-07-${String(day + 1).padStart(2, '0')}`,
      adults: 2,
      lines: [{ label: 'Loyer', kind: 'rent', quantity: 1, unitPriceCents: 9_000 }],
    });
  }
  await callOk(t.core, 'emails/settings/save', {
    agencyId: t.agencyId,
    smtp: { host: '127.0.0.1', port: sinkPort, security: 'none', user: '', password: '', senderName: 'Agence', senderEmail: 'contact@agence-sables.fr', replyTo: '', perMinute },
    rules: [],
  });
  const agencyId = t.agencyId;
  t.core.close();
  return agencyId;
}

const openDesk = (dir: string, startDelayMs = 0) =>
  createAppCore({ dbFile: join(dir, 'comptoir.db'), migrationsDir: resolve('migrations'), host: 'browser', version: 'bench', pinnedNow: NOW, sync: { startDelayMs } });

/** BENCH_PROFILE=file.cpuprofile: a CPU profile of the last E1 run, for Chrome's DevTools. */
async function startProfile(): Promise<() => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
    session.disconnect();
  };
}

const sentCount = (core: AppCore) => core.ctx.sqlite.prepare(`SELECT count(*) FROM emails WHERE state = 'sent'`).pluck();

/** E1: from « TOUT CRÉER ET ENVOYER » to the last of 1,000 messages accepted by the server and recorded. */
async function e1(times: number): Promise<BenchRow[]> {
  const sink = await startSink();
  const batchMs: number[] = [];
  const totalMs: number[] = [];
  try {
    for (let i = 0; i < times + 1; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-mail-'));
      try {
        const agencyId = await preparedDesk(dir, 1_000, sink.port, 100_000);
        const core = openDesk(dir);
        try {
          const sent = sentCount(core);
          const profiler = process.env.BENCH_PROFILE && i === times ? await startProfile() : null;
          const start = performance.now();
          const batch = await callOk(core, 'emails/batch/start', { agencyId, kind: 'arrivalReminder' });
          const created = performance.now() - start;
          if (batch.total !== 1_000) throw new Error(`E1: ${batch.total} e-mails created, ${batch.skipped.length} skipped`);
          // Looked at every 20 ms: the bench must not eat the desk's thread it is measuring.
          while ((sent.get() as number) < 1_000) await new Promise((r) => setTimeout(r, 20));
          await profiler?.();
          if (i > 0) {
            batchMs.push(created);
            totalMs.push(performance.now() - start);
          }
        } finally {
          core.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    sink.stop();
  }
  return [
    row('E1-create', '1,000 Rappel arrivées rendered and committed to the outbox', batchMs, 3_000),
    row('E1', '1,000 Rappel arrivées rendered, built and handed to a local SMTP server', totalMs, 3_000),
  ];
}

/** E2: a 30/min batch of 12, the desk killed halfway and started again: none lost, none twice. */
async function e2(): Promise<BenchRow[]> {
  const sink = await startSink();
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-mail-'));
  const count = 12;
  try {
    const agencyId = await preparedDesk(dir, count, sink.port, 30);
    const prep = openDesk(dir, 1e9);
    await callOk(prep, 'emails/batch/start', { agencyId, kind: 'arrivalReminder' });
    prep.close();
    const start = performance.now();
    const desk = (): ChildProcess => spawn(process.execPath, ['--import', 'tsx', 'tests/support/mail-child.ts', join(dir, 'comptoir.db')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const first = desk();
    while (sink.received.length < count / 2) await new Promise((r) => setTimeout(r, 20));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const second = desk();
    await new Promise((r) => second.once('exit', r));
    const elapsed = performance.now() - start;
    const check = openDesk(dir, 1e9);
    const rows = check.ctx.sqlite.prepare(`SELECT state, message_id AS messageId FROM emails`).all() as { state: string; messageId: string }[];
    check.close();
    const duplicates = sink.received.length - new Set(sink.received).size;
    // Lost: neither received nor held for staff's decision.
    const lost = rows.filter((r) => !sink.received.includes(r.messageId) && r.state !== 'unknown').length;
    const held = rows.filter((r) => r.state === 'unknown').length;
    console.error(`E2: ${sink.received.length} received, ${duplicates} duplicates, ${lost} lost, ${held} held for a decision, ${Math.round(elapsed)} ms`);
    const r = row('E2', `30/min batch of ${count} killed halfway, restarted: ${duplicates} duplicates, ${lost} lost, ${held} held for staff`, [elapsed], (count + 2) * 2_000);
    return [{ ...r, pass: duplicates === 0 && lost === 0 }];
  } finally {
    sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** BENCH_EMAIL=E1 or E2 runs one of them. */
export async function run(): Promise<BenchRow[]> {
  const only = process.env.BENCH_EMAIL;
  return [...(only && only !== 'E1' ? [] : await e1(3)), ...(only && only !== 'E2' ? [] : await e2())];
}
