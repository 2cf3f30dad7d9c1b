// A desk in its own process, for the e-mail crash test: opens the given database (its SMTP settings
// and the secrets file beside it), lets the outbox hand the queued e-mails to SMTP with the real
// clock, prints "drained" once nothing is waiting or in flight, and exits. The test SIGKILLs it midway.
// Run with: node --import tsx tests/support/mail-child.ts DB_FILE
import { resolve } from 'node:path';
import { createAppCore } from '../../src-main/host/app';

const [dbFile] = process.argv.slice(2);
if (!dbFile) throw new Error('usage: mail-child.ts DB_FILE');

const core = createAppCore({
  dbFile,
  migrationsDir: resolve('migrations'),
  host: 'browser',
  version: 'test',
  sync: { startDelayMs: 0, recoveryGraceMs: 300, backoff: { baseMs: 50, maxMs: 500 }, probeBackoff: { baseMs: 50, maxMs: 500 } },
});
console.log('started');
const open = core.ctx.sqlite.prepare(`SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'in_flight')`);
const timer = setInterval(() => {
  if ((open.get() as { n: number }).n > 0) return;
  clearInterval(timer);
  core.close();
  console.log('drained');
}, 20);
