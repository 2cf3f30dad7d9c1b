// Bulk loading for the demo. Inserting 100 000 dossiers one by one into bookings' 17 indexes,
// and through the search trigger, costs about three times as much as writing the rows bare and
// building each index in one sorted pass. So, inside the seeding transaction, the secondary
// indexes of bookings, clients and the search rows (pricing lines and payments arrive in index
// order anyway) and the bookings insert trigger of the search index are dropped; at the end the
// search index is filled in one statement and the indexes and the trigger are re-created from
// their own SQL as stored in sqlite_master, so the schema after seeding is byte for byte the one
// the migrations made. If the transaction fails, SQLite rolls the drops back with everything else.
//
// The connection is also set for the load and put back as it was afterwards: a bigger page
// cache; foreign keys not enforced (every id written was just read from its parent table, and
// the tests run PRAGMA foreign_key_check); and, on a fresh file, a rollback journal instead of
// WAL, so the pages are written once instead of to the WAL and then again by the checkpoint.
// The last two can only change outside a transaction: inside a caller's transaction they are
// left alone and the load is just slower. On a fresh file the load is also written without
// waiting for the disk (synchronous = OFF): the whole seed is one transaction into a database
// that held nothing, and the file is flushed to disk in the background once it is committed.
//
// On a fresh database with a large demo, the search index is built by a worker thread while the
// dossiers are written (see search-fill.ts).
import { close, fsync, open } from 'node:fs';
import type Database from 'better-sqlite3';
import { startParallelSearchFill, type ParallelSearchFill } from './search-fill';

const BULK_TABLES = ['bookings', 'clients', 'booking_search'];
const SEARCH_TRIGGER = 'bookings_search_ai';
const SEARCH_TABLE = 'bookings_fts';
/**
 * A dossier's tenant-order key on its search row, as the insert trigger computes it (migration
 * 0012). Read from the clients' covering index of id and names (migration 0011), which the planner
 * passes over for the table itself while the load has no statistics yet: one lookup instead of two,
 * 150 ms less on 100,000 dossiers.
 */
const CLIENT_KEY = `coalesce((SELECT c.last_name || char(1) || c.first_name FROM clients c INDEXED BY clients_id_name_idx WHERE c.id = b.client_id), '')`;

/** FTS5's own default for 'automerge' when the table has no setting of its own. */
const FTS5_DEFAULT_AUTOMERGE = 4;
/**
 * Past `largeFill` new rows, the search index outgrows the page cache and FTS5's incremental
 * merges (on by default) rewrite it over and over: a million dossiers took 200 s to index that
 * way, 28 s with merging off during the load and one 'optimize' at the end. Below it, merging
 * as usual is as fast and leaves the table's settings untouched. Mutable for tests only.
 */
export const searchFillTuning = {
  largeFill: 250_000,
  /** From this many new dossiers on a fresh database, the search index is built in a worker thread. */
  parallelFrom: 20_000,
  /** The module the worker loads as its driver; null: better-sqlite3. */
  workerDriver: null as string | null,
};

/** How the last bulk load filled the search index, and why not in parallel (for tests). */
export const lastSearchFill: { parallel: boolean; reason: string | null } = { parallel: false, reason: null };

/** The full-text table's 'automerge' setting, or FTS5's default if it has none of its own. */
function automergeSetting(sqlite: Database.Database): number {
  try {
    const own = sqlite.prepare(`SELECT v FROM bookings_fts_config WHERE k = 'automerge'`).pluck().get();
    if (typeof own === 'number' && Number.isInteger(own)) return own;
  } catch {
    // No readable config table: FTS5's default it is.
  }
  return FTS5_DEFAULT_AUTOMERGE;
}

/**
 * The trigger's work, done for every booking at once. Used only if the trigger still does exactly
 * this (see searchTriggerIsKnown); otherwise the trigger is left in place to do its own work.
 * `recreate`: the still empty full-text table's own CREATE statement, to build it anew first.
 * `parallel`: the index built meanwhile by a worker (only with `recreate`, on an empty database).
 */
function fillSearchIndex(
  sqlite: Database.Database,
  afterBookingRowid: number,
  afterSearchRowid: number,
  recreate: string | null,
  parallel: ParallelSearchFill | null,
): void {
  const renew = () => {
    // Measured, not understood: FTS5 fills the empty table the migrations made far more slowly
    // than the same table created anew in this transaction (1 000 000 dossiers: 95 s + 292 s of
    // 'optimize', against 40 s + 5 s). The schema is unchanged: same statement, same shadow tables.
    sqlite.exec(`DROP TABLE ${quoteName(SEARCH_TABLE)}`);
    if (recreate !== null) sqlite.exec(recreate);
  };
  if (recreate !== null) renew();
  let added: number;
  if (parallel !== null && recreate !== null) {
    // Both tables were empty: each booking's search key is its rowid, as the worker numbered them.
    added = sqlite
      .prepare(
        `INSERT INTO booking_search (rowid, booking_id, client_key, agency_id) SELECT b.rowid, b.id, ${CLIENT_KEY}, b.agency_id FROM bookings b ORDER BY b.rowid`,
      )
      .run().changes;
    const copied = parallel.copyInto();
    if (copied === added) {
      lastSearchFill.parallel = true;
      return;
    }
    lastSearchFill.reason = typeof copied === 'string' ? copied : `${copied} dossiers indexed, ${added} written`;
    // Whatever the copy left behind goes; the index is filled here after all.
    renew();
  } else {
    added = sqlite
      .prepare(
        `INSERT INTO booking_search (booking_id, client_key, agency_id) SELECT b.id, ${CLIENT_KEY}, b.agency_id FROM bookings b WHERE b.rowid > ? ORDER BY b.rowid`,
      )
      .run(afterBookingRowid).changes;
  }
  const large = added >= searchFillTuning.largeFill;
  const automerge = large ? automergeSetting(sqlite) : FTS5_DEFAULT_AUTOMERGE;
  if (large) {
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
    body.includes(
      "INSERT INTO booking_search (booking_id, client_key, agency_id) VALUES (NEW.id, coalesce(( SELECT c.last_name || char(1) || c.first_name FROM clients c WHERE c.id = NEW.client_id), ''), NEW.agency_id);",
    ) &&
    body.includes(
      'INSERT INTO bookings_fts (rowid, number, client_name, email, phone, property) SELECT rowid, number, client_name, email, phone, property FROM booking_search_source WHERE rowid = (SELECT rowid FROM booking_search WHERE booking_id = NEW.id); END',
    ) &&
    (body.match(/;/g) ?? []).length === 2
  );
}

/** The view the search index is filled from, as migration 0001 made it (see search-fill.ts). */
const KNOWN_SEARCH_VIEW = [
  'CREATE VIEW `booking_search_source` AS SELECT s.rowid AS rowid,',
  "b.number || ' ' || replace(b.number, '-', '') || ' ' || ltrim(substr(b.number, instr(b.number, '-') + 1), '0') AS number,",
  "c.first_name || ' ' || c.last_name AS client_name,",
  'c.email AS email,',
  "c.phone || ' ' || replace(replace(replace(replace(c.phone, ' ', ''), '.', ''), '-', ''), '+33', '0') AS phone,",
  "p.code || ' ' || p.name || ' ' || p.city AS property",
  'FROM booking_search s JOIN bookings b ON b.id = s.booking_id JOIN clients c ON c.id = b.client_id',
  'JOIN properties p ON p.id = b.property_id',
].join(' ');

function searchViewIsKnown(sqlite: Database.Database): boolean {
  const sql = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'booking_search_source'`).pluck().get();
  return typeof sql === 'string' && sql.replace(/\s+/g, ' ').trim() === KNOWN_SEARCH_VIEW;
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
  /** Set when the search index is being built by a worker: feed it every new dossier, in order. */
  search: ParallelSearchFill | null;
  restore(): void;
}

/**
 * Call inside a transaction. `search`: the worker building the search index meanwhile, if any
 * (see startSearchWorker); used only if the bookings and search tables are still empty.
 */
export function suspendIndexes(sqlite: Database.Database, search: ParallelSearchFill | null = null): SuspendedIndexes {
  const indexes = sqlite
    .prepare(
      `SELECT name, tbl_name AS tblName, sql FROM sqlite_master
       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')})
       ORDER BY rowid`,
    )
    .all(...BULK_TABLES) as { name: string; tblName: string; sql: string }[];
  const trigger = sqlite
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`)
    .get(SEARCH_TRIGGER) as { sql: string } | undefined;
  const dropTrigger = trigger !== undefined && searchTriggerIsKnown(trigger.sql);
  const maxRowid = (table: string) =>
    (sqlite.prepare(`SELECT coalesce(max(rowid), 0) AS n FROM ${table}`).get() as { n: number }).n;
  const bookingsBefore = maxRowid('bookings');
  const searchBefore = dropTrigger ? maxRowid('booking_search') : 0;
  const recreate = dropTrigger && searchBefore === 0 ? emptySearchTableSql(sqlite) : null;

  if (search !== null && (recreate === null || bookingsBefore !== 0)) {
    lastSearchFill.reason = 'not an empty database';
    search.end();
    search = null;
  }

  for (const index of indexes) sqlite.exec(`DROP INDEX ${quoteName(index.name)}`);
  if (dropTrigger) sqlite.exec(`DROP TRIGGER ${quoteName(SEARCH_TRIGGER)}`);

  return {
    search,
    restore() {
      // The worker finishes (and, for a large load, optimizes) while the indexes are built; the
      // search rows' own (their tenant order) once they are all written.
      search?.end();
      const later = (i: { tblName: string }) => i.tblName === 'booking_search';
      for (const index of indexes) if (!later(index)) sqlite.exec(index.sql);
      if (dropTrigger && trigger) {
        fillSearchIndex(sqlite, bookingsBefore, searchBefore, recreate, search);
        sqlite.exec(trigger.sql);
      }
      for (const index of indexes) if (later(index)) sqlite.exec(index.sql);
    },
  };
}

/**
 * On a database with no booking, for a load of `newBookings`: starts a worker that builds the
 * search index while the dossiers are written, if the schema is the one it was written for (the
 * insert trigger, the view, an empty and plain full-text table). Call outside a transaction,
 * inside withBulkConnection, and dispose of it after the transaction. Null (and the reason in
 * lastSearchFill) when the index is to be filled in this thread.
 */
export function startSearchWorker(sqlite: Database.Database, newBookings: number): ParallelSearchFill | null {
  lastSearchFill.parallel = false;
  lastSearchFill.reason = null;
  const trigger = sqlite
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`)
    .pluck()
    .get(SEARCH_TRIGGER) as string | undefined;
  const empty = (table: string) => sqlite.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1;
  const createSql = emptySearchTableSql(sqlite);
  let reason: string | null = null;
  if (newBookings < searchFillTuning.parallelFrom) reason = 'a small load';
  else if (trigger === undefined || !searchTriggerIsKnown(trigger) || !searchViewIsKnown(sqlite)) reason = 'an unknown search schema';
  else if (createSql === null || !empty('bookings') || !empty('booking_search')) reason = 'not an empty database';
  else {
    const started = startParallelSearchFill(sqlite, {
      table: SEARCH_TABLE,
      createSql,
      large: newBookings >= searchFillTuning.largeFill,
      automerge: automergeSetting(sqlite),
      driver: searchFillTuning.workerDriver,
    });
    if (typeof started !== 'string') return started;
    reason = started;
  }
  lastSearchFill.reason = reason;
  return null;
}

/** Runs `load` with the connection set for a bulk write, then restores the connection's settings. */
export function withBulkConnection<T>(sqlite: Database.Database, fresh: boolean, load: () => T): T {
  const restore: (() => void)[] = [];
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144'); // 256 MiB
  restore.push(() => sqlite.pragma(`cache_size = ${cacheSize}`));
  let unsynced = false;
  if (!sqlite.inTransaction) {
    if (fresh && !sqlite.memory) {
      // Restored last (after the journal mode), then the file is flushed in the background.
      const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
      if (synchronous !== 0) {
        sqlite.pragma('synchronous = OFF');
        unsynced = true;
        restore.push(() => sqlite.pragma(`synchronous = ${synchronous}`));
      }
    }
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
    if (unsynced && !failed) flushInBackground(sqlite.name);
  }
}

/**
 * Has the operating system write the freshly seeded file to disk, off the main thread: the seed
 * was committed without waiting for the disk, and the app can start meanwhile. Best effort; the
 * next checkpoint flushes the file anyway.
 */
function flushInBackground(file: string): void {
  open(file, 'r+', (error, fd) => {
    if (error) return;
    fsync(fd, () => close(fd, () => {}));
  });
}
