import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../src-shared/contract/errors';

interface JournalEntry {
  idx: number;
  tag: string;
}

const BREAKPOINT = '--> statement-breakpoint';
const LEDGER = 'comptoir_migrations';

/** The migrations shipped with this build, in order, from drizzle-kit's journal. */
export function readShippedMigrations(migrationsDir: string): { tag: string; statements: string[] }[] {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({
      tag: e.tag,
      statements: readFileSync(join(migrationsDir, `${e.tag}.sql`), 'utf8')
        .split(BREAKPOINT)
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    }));
}

function appliedTags(sqlite: Database.Database): string[] {
  const ledger = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(LEDGER);
  if (!ledger) return [];
  return (sqlite.prepare(`SELECT tag FROM ${LEDGER} ORDER BY seq`).all() as { tag: string }[]).map(
    (r) => r.tag,
  );
}

/**
 * Brings the database up to this build's schema. The applied list must be a prefix of the shipped
 * one: a database with a migration we do not know was written by a newer Comptoir, and is refused
 * before anything is written to it (downgrading would silently drop what the newer version keeps).
 */
export function migrate(sqlite: Database.Database, migrationsDir: string): { applied: string[] } {
  const shipped = readShippedMigrations(migrationsDir);
  const applied = appliedTags(sqlite);
  applied.forEach((tag, i) => {
    if (shipped[i]?.tag !== tag) {
      throw new AppError(
        'db_too_new',
        `Cette base de données a été écrite par une version plus récente de Comptoir (évolution « ${tag} » inconnue). ` +
          `Installez la dernière version de Comptoir pour l'ouvrir ; la base n'a pas été modifiée.`,
      );
    }
  });
  const pending = shipped.slice(applied.length);
  if (pending.length === 0) return { applied: [] };

  const run = sqlite.transaction(() => {
    sqlite.exec(
      `CREATE TABLE IF NOT EXISTS ${LEDGER} (seq INTEGER PRIMARY KEY, tag TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)`,
    );
    const record = sqlite.prepare(`INSERT INTO ${LEDGER} (seq, tag, applied_at) VALUES (?, ?, ?)`);
    pending.forEach((m, i) => {
      for (const statement of m.statements) sqlite.exec(statement);
      record.run(applied.length + i, m.tag, new Date().toISOString());
    });
  });
  run();
  return { applied: pending.map((m) => m.tag) };
}
