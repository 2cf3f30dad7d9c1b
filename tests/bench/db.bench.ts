// D1 of PERFORMANCE.md, in Node against a real SQLite file: import 100,000 dossiers, look one up by
// id, and commit dossier changes one at a time with the durable settings the app uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedDemo } from '../../src-main/demo/generate';
import { createAppCore } from '../../src-main/host/app';
import { row, sample, type BenchRow } from './harness';

const NOW = new Date('2026-07-11T07:00:00Z');

function freshCore() {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-db-'));
  const core = createAppCore({ dbFile: join(dir, 'comptoir.db'), migrationsDir: resolve('migrations'), host: 'browser', version: 'bench', pinnedNow: NOW });
  return { core, done: () => (core.close(), rmSync(dir, { recursive: true, force: true })) };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  const imports = await sample(3, () => {
    const { core, done } = freshCore();
    try {
      seedDemo(core.database.sqlite, { bookings: 100_000, now: NOW });
    } finally {
      done();
    }
  }, 0);
  rows.push(row('D1', 'Import de 100 000 dossiers (démo, index et recherche compris)', imports, 2000));

  const { core, done } = freshCore();
  try {
    seedDemo(core.database.sqlite, { bookings: 100_000, now: NOW });
    const ids = (core.database.sqlite.prepare('SELECT id FROM bookings ORDER BY random() LIMIT 10000').all() as { id: string }[]).map((r) => r.id);
    const byId = core.database.sqlite.prepare('SELECT * FROM bookings WHERE id = ?');
    const perLookup = await sample(7, () => {
      for (const id of ids) byId.get(id);
    });
    rows.push(row('D1-lookup', 'Lecture d’un dossier par id (par lecture)', perLookup.map((ms) => ms / ids.length), 0.05));

    // One committed payment per call through the contract: parse, transaction, audit, fsync.
    const bookingId = ids[0]!;
    const perCommit = await sample(5, async () => {
      for (let i = 0; i < 200; i++) {
        const r = await core.dispatch('payments/add', { bookingId, amountCents: 100, method: 'cash', receivedOn: '2026-07-11' });
        if (!r.ok) throw new Error(r.error.message);
      }
    });
    rows.push(row('D1-commit', 'Validation durable d’une modification (par validation ; 1 ms = 1 000/s)', perCommit.map((ms) => ms / 200), 1));
  } finally {
    done();
  }
  return rows;
}
