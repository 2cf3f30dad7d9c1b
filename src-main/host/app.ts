import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type { EventName, EventPayload } from '../../src-shared/contract';
import { openDatabase, type OpenedDatabase } from '../db/open';
import { seedDemo } from '../demo/generate';
import { handlers, type ServiceContext } from '../services';
import { lapseExpiredOptions } from '../services/bookings-commands';
import { ensureEmailDefaults, registerSmtpRemotes } from '../services/email-settings';
import { depositSweep } from '../services/deposits';
import { registerSwiklyRemotes } from '../services/swikly-settings';
import { fileSecretStore, type SecretStore } from '../secrets';
import { clockStartingAt, systemClock } from '../sync/clock';
import { createSyncEngine, type SyncEngine, type SyncSetup } from '../sync/engine';
import { createDispatch, type Dispatch } from './dispatch';

export interface AppCoreOptions {
  dbFile: string;
  migrationsDir: string;
  host: 'desktop' | 'browser';
  version: string;
  /** Pins the clock (demos, tests); otherwise the system clock. */
  pinnedNow?: Date;
  nativeBinding?: string;
  /** Remotes, pollers, clock and pace of the sync engine (tests and, later, integration settings). */
  sync?: SyncSetup;
  /** Where passwords live: safeStorage on the desktop; by default a 0600 file beside the database. */
  secrets?: SecretStore;
}

export type EventListener = <E extends EventName>(event: E, data: EventPayload<E>) => void;

export interface AppCore {
  database: OpenedDatabase;
  ctx: ServiceContext;
  sync: SyncEngine;
  dispatch: Dispatch;
  onEvent(listener: EventListener): () => void;
  /** Seeds the demo into an empty database; false (and nothing written) when it has agencies. */
  seedDemoIfEmpty(bookings: number): boolean;
  close(): void;
}

function workstationUser(): string {
  try {
    return userInfo().username || 'poste';
  } catch {
    return 'poste';
  }
}

const LAPSE_SWEEP_MS = 60_000;

/** Database + services + dispatch, shared by the Electron shell and the browser host. */
export function createAppCore(options: AppCoreOptions): AppCore {
  const database = openDatabase({
    file: options.dbFile,
    migrationsDir: options.migrationsDir,
    nativeBinding: options.nativeBinding,
  });
  const listeners = new Set<EventListener>();
  const pinned = options.pinnedNow;
  const sync = createSyncEngine({
    clock: pinned ? clockStartingAt(pinned) : systemClock,
    ...options.sync,
    sqlite: database.sqlite,
    notify: (tables) => listeners.forEach((l) => l('changed', { tables })),
    emitStatus: (status) => listeners.forEach((l) => l('sync/status', status)),
  });
  const ctx: ServiceContext = {
    sqlite: database.sqlite,
    db: database.db,
    now: pinned ? () => new Date(pinned.getTime()) : () => new Date(),
    clockPinned: Boolean(pinned),
    workstationUser: workstationUser(),
    host: options.host,
    version: options.version,
    sync,
    secrets: options.secrets ?? fileSecretStore(join(dirname(options.dbFile), 'secrets.json')),
    notify: (tables) => {
      listeners.forEach((l) => l('changed', { tables }));
      if (tables.includes('outbox')) sync.changed();
    },
  };
  const sweep = () => {
    try {
      lapseExpiredOptions(ctx);
    } catch (e) {
      console.error('Expiration des options :', e);
    }
    try {
      depositSweep(ctx);
    } catch (e) {
      console.error('Cautions (libération, relance) :', e);
    }
  };
  sweep();
  ensureEmailDefaults(database.sqlite, ctx.now());
  registerSmtpRemotes(database.sqlite, ctx.secrets, sync);
  registerSwiklyRemotes(database.sqlite, ctx.secrets, sync, options.version);
  const timer = setInterval(sweep, LAPSE_SWEEP_MS);
  timer.unref();
  // Starts after a delay, so no remote call competes with the first window.
  sync.start();
  return {
    database,
    ctx,
    sync,
    dispatch: createDispatch(handlers, ctx),
    seedDemoIfEmpty(bookings) {
      const empty = (database.sqlite.prepare('SELECT count(*) AS n FROM agencies').get() as { n: number }).n === 0;
      if (!empty) return false;
      seedDemo(database.sqlite, { bookings, now: ctx.now() });
      ensureEmailDefaults(database.sqlite, ctx.now());
      // Fresh statistics, so the planner picks the grid's indexes from the first query on; sampled
      // (analysis_limit), which is enough for index choice and takes milliseconds, not seconds.
      database.sqlite.pragma('analysis_limit = 1000');
      database.sqlite.exec('ANALYZE');
      return true;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      clearInterval(timer);
      sync.stop();
      listeners.clear();
      database.close();
    },
  };
}
