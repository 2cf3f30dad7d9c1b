// A value that changes whenever the database may have changed: rows written by this connection
// (SQLite's total_changes(), triggers included) or a commit by another (data_version). Results
// computed from the database can be kept while it stays the same.
import type Database from 'better-sqlite3';
import { keep } from './prepared';

export function writeStamp(sqlite: Database.Database): string {
  const s = keep(sqlite, 'stamp', () => ({
    changes: sqlite.prepare('SELECT total_changes()').pluck(),
    version: sqlite.prepare('PRAGMA data_version').pluck(),
  }));
  return `${s.changes.get() as number}:${s.version.get() as number}`;
}
