// Bulk loading for the demo. Inserting 100 000 dossiers one by one into bookings' 17 indexes,
// and through the search trigger, costs about three times as much as writing the rows bare and
// building each index in one sorted pass. So, inside the seeding transaction, the secondary
// indexes of bookings and clients (pricing lines and payments arrive in index order anyway) and
// the bookings insert trigger of the search index are dropped; at the end the search index is
// filled in one statement and the indexes and the trigger are re-created from their own SQL as
// stored in sqlite_master, so the schema after seeding is byte for byte the one the migrations
// made. If the transaction fails, SQLite rolls the drops back with everything else.
//
// The connection is also set for the load and put back as it was afterwards: a bigger page
// cache; foreign keys not enforced (every id written was just read from its parent table, and
// the tests run PRAGMA foreign_key_check); and, on a fresh file, a rollback journal instead of
// WAL, so the pages are written once instead of to the WAL and then again by the checkpoint.
// The last two can only change outside a transaction: inside a caller's transaction they are
// left alone and the load is just slower.
import type Database from 'better-sqlite3';

const BULK_TABLES = ['bookings', 'clients'];
const SEARCH_TRIGGER = 'bookings_search_ai';
const SEARCH_TABLE = 'bookings_fts';

/** FTS5's own default for 'automerge' when the table has no setting of its own. */
const FTS5_DEFAULT_AUTOMERGE = 4;
/**
 * Past `largeFill` new rows, the search index outgrows the page cache and FTS5's incremental
 * merges (on by default) rewrite it over and over: a million dossiers took 200 s to index that
 * way, 28 s with merging off during the load and one 'optimize' at the end. Below it, merging
 * as usual is as fast and leaves the table's settings untouched. Mutable for tests only.
 */
export const searchFillTuning = { largeFill: 250_000 };

/**
 * The trigger's work, done for every booking at once. Used only if the trigger still does exactly
 * this (see searchTriggerIsKnown); otherwise the trigger is left in place to do its own work.
 * `recreate`: the still empty full-text table's own CREATE statement, to build it anew first.
 */
function fillSearchIndex(
  sqlite: Database.Database,
  afterBookingRowid: number,
  afterSearchRowid: number,
  recreate: string | null,
): void {
  if (recreate !== null) {
    // Measured, not understood: FTS5 fills the empty table the migrations made far more slowly
    // than the same table created anew in this transaction (1 000 000 dossiers: 95 s + 292 s of
    // 'optimize', against 40 s + 5 s). The schema is unchanged: same statement, same shadow tables.
    sqlite.exec(`DROP TABLE ${quoteName(SEARCH_TABLE)}`);
    sqlite.exec(recreate);
  }
  const added = sqlite
    .prepare(`INSERT INTO booking_search (booking_id) SELECT id FROM bookings WHERE rowid > ? ORDER BY rowid`)
    .run(afterBookingRowid).changes;
  const large = added >= searchFillTuning.largeFill;
  let automerge = FTS5_DEFAULT_AUTOMERGE;
  if (large) {
    try {
      const own = sqlite.prepare(`SELECT v FROM bookings_fts_config WHERE k = 'automerge'`).pluck().get();
      if (typeof own === 'number' && Number.isInteger(own)) automerge = own;
    } catch {
      // No readable config table: FTS5's default it is.
    }
    sqlite.exec(`INSERT INTO bookings_fts (bookings_fts, rank) VALUES ('automerge', 0)`);
  }
  sqlite
    .prepare(
      `INSERT INTO bookings_fts (rowid, number, client_name, email, phone, property)
       SELECT rowid, number, client_name, email, phone, property FROM booking_search_source WHERE rowid > ?`,
    )
    .run(afterSearchRowid);
  if (large) {
    // Leaves one segment (fast searches) and the setting as before, written out explicitly.
    sqlite.exec(`INSERT INTO bookings_fts (bookings_fts) VALUES ('optimize')`);
    // Bound as an integer: better-sqlite3 binds a JS number as REAL, which FTS5 refuses here.
    sqlite.prepare(`INSERT INTO bookings_fts (bookings_fts, rank) VALUES ('automerge', ?)`).run(BigInt(automerge));
  }
}

function searchTriggerIsKnown(sql: string): boolean {
  const body = sql.replace(/\s+/g, ' ');
  return (
    body.includes('AFTER INSERT ON `bookings` BEGIN') &&
    body.includes('INSERT INTO booking_search (booking_id) VALUES (NEW.id);') &&
    body.includes(
      'INSERT INTO bookings_fts (rowid, number, client_name, email, phone, property) SELECT rowid, number, client_name, email, phone, property FROM booking_search_source WHERE rowid = (SELECT rowid FROM booking_search WHERE booking_id = NEW.id); END',
    ) &&
    (body.match(/;/g) ?? []).length === 2
  );
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The full-text table's CREATE statement, if it holds nothing and no setting of its own. */
function emptySearchTableSql(sqlite: Database.Database): string | null {
  try {
    const table = sqlite
      .prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .pluck()
      .get(SEARCH_TABLE) as string | undefined;
    const settings = sqlite.prepare(`SELECT k FROM bookings_fts_config`).pluck().all();
    const rows = sqlite.prepare(`SELECT count(*) FROM bookings_fts_docsize`).pluck().get();
    const plain = settings.length === 1 && settings[0] === 'version';
    return table !== undefined && /USING fts5\b/i.test(table) && plain && rows === 0 ? table : null;
  } catch {
    return null;
  }
}

export interface SuspendedIndexes {
  restore(): void;
}

/** Call inside a transaction. */
export function suspendIndexes(sqlite: Database.Database): SuspendedIndexes {
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')})
       ORDER BY rowid`,
    )
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  const trigger = sqlite
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`)
    .get(SEARCH_TRIGGER) as { sql: string } | undefined;
  const dropTrigger = trigger !== undefined && searchTriggerIsKnown(trigger.sql);
  const maxRowid = (table: string) =>
    (sqlite.prepare(`SELECT coalesce(max(rowid), 0) AS n FROM ${table}`).get() as { n: number }).n;
  const bookingsBefore = maxRowid('bookings');
  const searchBefore = dropTrigger ? maxRowid('booking_search') : 0;
  const recreate = dropTrigger && searchBefore === 0 ? emptySearchTableSql(sqlite) : null;

  for (const index of indexes) sqlite.exec(`DROP INDEX ${quoteName(index.name)}`);
  if (dropTrigger) sqlite.exec(`DROP TRIGGER ${quoteName(SEARCH_TRIGGER)}`);

  return {
    restore() {
      for (const index of indexes) sqlite.exec(index.sql);
      if (dropTrigger && trigger) {
        fillSearchIndex(sqlite, bookingsBefore, searchBefore, recreate);
        sqlite.exec(trigger.sql);
      }
    },
  };
}

/** Runs `load` with the connection set for a bulk write, then restores the connection's settings. */
export function withBulkConnection<T>(sqlite: Database.Database, fresh: boolean, load: () => T): T {
  const restore: (() => void)[] = [];
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144'); // 256 MiB
  restore.push(() => sqlite.pragma(`cache_size = ${cacheSize}`));
  if (!sqlite.inTransaction) {
    if (sqlite.pragma('foreign_keys', { simple: true }) === 1) {
      sqlite.pragma('foreign_keys = OFF');
      restore.push(() => sqlite.pragma('foreign_keys = ON'));
    }
    if (fresh && sqlite.pragma('journal_mode', { simple: true }) === 'wal') {
      try {
        if (sqlite.pragma('journal_mode = DELETE', { simple: true }) === 'delete') {
          restore.push(() => sqlite.pragma('journal_mode = WAL'));
        }
      } catch {
        // Another connection holds the file: stay in WAL.
      }
    }
  }
  let failed = false;
  try {
    return load();
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    for (const undo of restore.reverse()) {
      try {
        undo();
      } catch (e) {
        if (!failed) throw e;
      }
    }
  }
}
