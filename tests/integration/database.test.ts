import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { readShippedMigrations } from '../../src-main/db/migrate';
import { MIGRATIONS_DIR, tempDir } from '../support/app';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function freshFolder() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('the booking database', () => {
  it('is created and brought to the current schema on first open', () => {
    const file = join(freshFolder(), 'comptoir.db');
    const opened = openDatabase({ file, migrationsDir: MIGRATIONS_DIR });
    const tables = (opened.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table','view')`).all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['agencies', 'owners', 'properties', 'clients', 'bookings', 'pricing_lines', 'payments', 'audit_log', 'settings', 'bookings_fts']));
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const applied = opened.sqlite.prepare('SELECT tag FROM comptoir_migrations ORDER BY seq').all();
    expect(applied.map((r: any) => r.tag)).toEqual(readShippedMigrations(MIGRATIONS_DIR).map((m) => m.tag));
    opened.close();
  });

  it('opens again without re-applying anything', () => {
    const file = join(freshFolder(), 'comptoir.db');
    openDatabase({ file, migrationsDir: MIGRATIONS_DIR }).close();
    const again = openDatabase({ file, migrationsDir: MIGRATIONS_DIR });
    expect((again.sqlite.prepare('SELECT count(*) AS n FROM comptoir_migrations').get() as any).n).toBe(readShippedMigrations(MIGRATIONS_DIR).length);
    again.close();
  });

  it('refuses a database written by a newer Comptoir, and leaves it untouched', () => {
    const folder = freshFolder();
    const file = join(folder, 'comptoir.db');
    openDatabase({ file, migrationsDir: MIGRATIONS_DIR }).close();
    // A newer version applied a migration this build does not ship.
    const raw = new Database(file);
    raw.prepare(`INSERT INTO comptoir_migrations (seq, tag, applied_at) VALUES (99, '0099_from_the_future', '2030-01-01T00:00:00Z')`).run();
    raw.close();
    const before = readFileSync(file);

    expect(() => openDatabase({ file, migrationsDir: MIGRATIONS_DIR })).toThrow(/version plus récente de Comptoir.*0099_from_the_future/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('applies a new migration shipped by an upgrade, after the ones already applied', () => {
    const folder = freshFolder();
    const file = join(folder, 'comptoir.db');
    openDatabase({ file, migrationsDir: MIGRATIONS_DIR }).close();
    const upgraded = join(folder, 'migrations');
    mkdirSync(upgraded);
    cpSync(MIGRATIONS_DIR, upgraded, { recursive: true });
    const journalFile = join(upgraded, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    journal.entries.push({ idx: journal.entries.length, version: '6', when: Date.now(), tag: '9999_upgrade', breakpoints: true });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(join(upgraded, '9999_upgrade.sql'), 'CREATE TABLE upgrade_marker (id integer);');

    const opened = openDatabase({ file, migrationsDir: upgraded });
    expect(opened.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name = 'upgrade_marker'`).get()).toBeTruthy();
    opened.close();
  });
});
