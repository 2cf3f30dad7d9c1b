// npm run serve -- --data-dir DIR [--port N] [--demo] [--bookings N] [--now ISO-8601]
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureBuilt(root);
// The built host runs in this very process, as its main module (a child process would cost a
// second Node start-up, ~0.1 s): its flags, signal handlers and exit codes apply as they are.
const entry = join(root, 'dist/main/serve.cjs');
process.argv = [process.argv[0], entry, ...process.argv.slice(2)];
Module.runMain(entry);
