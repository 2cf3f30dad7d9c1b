// A desk in its own process, for the crash test: opens the given database, drains the outbox to the
// fake remote with the real clock, prints "drained" and exits. The test kills it with SIGKILL midway.
// Run with: node --import tsx tests/support/drain-child.ts DB_FILE FAKE_URL
import { resolve } from 'node:path';
import { createAppCore } from '../../src-main/host/app';
import { echoRemote } from './echo-kind';

const [dbFile, fakeUrl] = process.argv.slice(2);
if (!dbFile || !fakeUrl) throw new Error('usage: drain-child.ts DB_FILE FAKE_URL');

const core = createAppCore({
  dbFile,
  migrationsDir: resolve('migrations'),
  host: 'browser',
  version: 'test',
  sync: {
    remotes: [echoRemote(fakeUrl, { timeoutMs: 10_000 })],
    concurrency: 4,
    startDelayMs: 0,
    recoveryGraceMs: 300,
    backoff: { baseMs: 50, maxMs: 500 },
    probeBackoff: { baseMs: 50, maxMs: 500 },
  },
});
console.log('started');
const open = core.ctx.sqlite.prepare(`SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'in_flight', 'failed')`);
const timer = setInterval(() => {
  if ((open.get() as { n: number }).n > 0) return;
  clearInterval(timer);
  core.close();
  console.log('drained');
}, 20);
