import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { migrate } from './migrate';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: Db;
  close(): void;
}

export interface OpenOptions {
  /** Path of the SQLite file; ':memory:' for throwaway databases. */
  file: string;
  migrationsDir: string;
  /** Path to a better_sqlite3.node built for the running ABI (Electron vs Node). */
  nativeBinding?: string;
}

/** Opens (or creates) the booking database and migrates it before anyone reads it. */
export function openDatabase(options: OpenOptions): OpenedDatabase {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // FULL: a committed booking survives a power cut, not just an app crash.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Migrate (or refuse a newer database) before anything else can write to the file.
    migrate(sqlite, options.migrationsDir);
    if (options.file !== ':memory:') sqlite.pragma('journal_mode = WAL');
    // Refresh the planner's statistics where they are missing or stale (cheap, bounded work).
    sqlite.pragma('optimize = 0x10002');
  } catch (e) {
    sqlite.close();
    throw e;
  }
  return { sqlite, db: drizzle(sqlite, { schema }), close: () => sqlite.close() };
}
