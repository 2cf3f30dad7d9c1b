// `npm run serve -- --data-dir DIR [--port N] [--demo] [--bookings N] [--now ISO-8601]`
// The browser host: opens (or creates) the database in DIR, migrates, optionally seeds the demo,
// serves the built renderer and the contract on 127.0.0.1, then prints exactly one ready line.
// These flags are used by tests and demos outside the repository: keep them stable.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract';
import { isValidStayDate } from '../../src-shared/domain';
import { DEFAULT_DEMO_BOOKINGS } from '../demo/generate';
import { createAppCore } from './app';
import { startHttpHost } from './http';

export interface ServeOptions {
  dataDir: string;
  port: number;
  demo: boolean;
  bookings: number | null;
  now: Date | null;
}

const USAGE = 'npm run serve -- --data-dir DOSSIER [--port N] [--demo] [--bookings N] [--now ISO-8601]';

function readFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        demo: { type: 'boolean', default: false },
        bookings: { type: 'string' },
        now: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    throw new Error(`Options incorrectes (${(e as Error).message.split('\n')[0]}). Utilisation : ${USAGE}`);
  }
}

export function parseServeArgs(argv: string[]): ServeOptions {
  const values = readFlags(argv);
  if (!values['data-dir']) throw new Error('Indiquez le dossier des données : --data-dir DOSSIER');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Port invalide : « ${values.port} » (0 à 65535).`);
  let bookings: number | null = null;
  if (values.bookings !== undefined) {
    bookings = Number(values.bookings);
    if (!Number.isInteger(bookings) || bookings < 0 || bookings > 5_000_000) {
      throw new Error(`Nombre de dossiers invalide : « ${values.bookings} » (0 à 5 000 000).`);
    }
  }
  let now: Date | null = null;
  if (values.now !== undefined) {
    now = new Date(values.now);
    const datePart = values.now.slice(0, 10);
    if (values.now[10] !== 'T' || !isValidStayDate(datePart) || Number.isNaN(now.getTime())) {
      throw new Error(`Date invalide pour --now : « ${values.now} » (ISO 8601, ex. 2026-07-12T09:00:00+02:00).`);
    }
  }
  return { dataDir: resolve(values['data-dir']), port, demo: values.demo ?? false, bookings, now };
}

export async function serve(options: ServeOptions, appRoot: string) {
  const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const core = createAppCore({
    dbFile: join(options.dataDir, 'comptoir.db'),
    migrationsDir: join(appRoot, 'migrations'),
    host: 'browser',
    version,
    pinnedNow: options.now ?? undefined,
  });
  if (options.demo || options.bookings !== null) {
    const seeded = core.seedDemoIfEmpty(options.bookings ?? DEFAULT_DEMO_BOOKINGS);
    if (!seeded && options.bookings !== null) console.error('Données de démonstration déjà présentes dans ce dossier : aucun dossier ajouté.');
  }
  const token = randomBytes(24).toString('base64url');
  const host = await startHttpHost({
    dispatch: core.dispatch,
    token,
    staticDir: join(appRoot, 'dist', 'renderer'),
    port: options.port,
  });
  core.onEvent((event, data) => host.broadcast(event, data));
  const url = `${host.url}?token=${token}`;
  const stop = async () => {
    await host.close();
    core.close();
  };
  return { url, port: host.port, stop };
}

async function main() {
  let options: ServeOptions;
  try {
    options = parseServeArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`Comptoir : ${(e as Error).message}`);
    process.exit(2);
  }
  try {
    const running = await serve(options, resolve(__dirname, '..', '..'));
    const shutdown = () => void running.stop().then(() => process.exit(0));
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    console.log(`Comptoir ready at ${running.url}`);
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`Comptoir : ${e.message}`);
      process.exit(3);
    }
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Comptoir : le port ${options.port} est déjà utilisé. Choisissez-en un autre avec --port, ou 0 pour un port libre.`);
      process.exit(3);
    }
    throw e;
  }
}

// Run only as the bundled entry (dist/main/serve.cjs), not when imported by tests.
if (typeof require !== 'undefined' && require.main === module) void main();
