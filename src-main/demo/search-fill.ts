// The demo's search index, built in a second thread while the first one writes the dossiers.
// Filling FTS5 (tokenizing, and the 1-, 2- and 3-letter prefix indexes) is about a third of a
// fresh seed's time and needs nothing but each dossier's searchable text, known as soon as the
// dossier is drawn. So, on a fresh database with a large enough demo, a worker thread fills a
// full-text table of its own, in a scratch database file, declared by the very statement that
// declares the real one (same columns, tokenizer, prefixes), as the dossiers are drawn; at the
// end its shadow tables (FTS5's storage: segments, term index, document sizes, settings) are
// copied record for record into the real table's, which was just created anew and is still
// empty: the scratch file is attached to the seeding connection before its transaction begins
// (ATTACH is refused inside one), so each copy is one INSERT … SELECT * that SQLite does by
// moving records as they are, without decoding them.
// The result is the index the in-thread fill would have built: same rowids, same text, same
// table settings. If anything goes wrong on the way (no worker threads, a driver that cannot be
// loaded in a worker, a schema other than the one this was written for, a stalled worker), the
// caller fills the index in its own thread as before.
//
// The text is computed with the expressions of the view booking_search_source (migration 0001),
// whose definition the caller checks before choosing this path: the rental's part by SQL here,
// the client's (from the fields as written, told by seedReference) and the dossier number's by
// the same SQL in the worker. The worker's FTS5 keeps 32 MiB of new index in memory rather than
// 1 MiB (its own 'hashsize', not copied): fewer, larger segments, less merging.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** Dossiers per message to the worker. */
const BATCH = 2048;
/** Clients per message to the worker. */
const REFERENCE_CHUNK = 16_384;
/** The worker reports progress after every batch; silent this long, it is given up on. */
const STALL_MS = 120_000;
/**
 * FTS5 keeps this much new index in memory before writing it out as a segment (its 'hashsize'
 * setting; 1 MiB by default). A 100 000-dossier index is then written as a few large segments
 * instead of some forty small ones merged over and over: about a fifth less work for the worker.
 * Set on the scratch table only, and not copied (see copyShadowTables).
 */
const WORKER_HASH_SIZE = 32 * 1024 * 1024;

const RUNNING = 0;
const DONE = 1;
const FAILED = 2;

// Plain JavaScript, run with `eval` so that no separate file has to be built and shipped next
// to the bundle. Messages: { clients, properties } (in chunks; clients as written, [first name,
// last name, e-mail, phone], their text computed here; rentals' searchable text), numbered in the
// order sent; then { first, numbers, clients, properties } batches of dossiers (numbers, and the
// client's and rental's numbers in Int32Arrays, handed over rather than copied), then { end: true }.
// signal[0]: RUNNING, DONE or FAILED; signal[1]: progress.
const WORKER_SOURCE = String.raw`
const { workerData } = require('node:worker_threads');
const { driver, file, createSql, table, large, automerge, port } = workerData;
const signal = new Int32Array(workerData.signal);
let db = null;
const settle = (state, error) => {
  try { if (db !== null && db.open) db.close(); } catch {}
  if (error !== undefined) port.postMessage({ error: String(error && error.stack || error) });
  Atomics.store(signal, 0, state);
  Atomics.notify(signal, 0);
  port.close();
};
try {
  const Database = require(driver);
  db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -65536');
  db.exec(createSql);
  db.exec('BEGIN');
  db.exec('INSERT INTO ' + table + ' (' + table + ", rank) VALUES ('hashsize', ${WORKER_HASH_SIZE})");
  if (large) db.exec('INSERT INTO ' + table + ' (' + table + ", rank) VALUES ('automerge', 0)");
  const insert = db.prepare(
    'INSERT INTO ' + table + ' (rowid, number, client_name, email, phone, property) VALUES (@rowid, ' +
    "@n || ' ' || replace(@n, '-', '') || ' ' || ltrim(substr(@n, instr(@n, '-') + 1), '0'), " +
    '@clientName, @email, @phone, @property)',
  );
  // The view's expressions for the client's part (see booking_search_source).
  const clientText = db.prepare(
    "SELECT @first || ' ' || @last, @email, " +
    "@phone || ' ' || replace(replace(replace(replace(@phone, ' ', ''), '.', ''), '-', ''), '+33', '0')",
  ).raw();
  const person = { first: '', last: '', email: '', phone: '' };
  const clients = [];
  const properties = [];
  const row = { rowid: 0, n: '', clientName: null, email: null, phone: null, property: null };
  port.on('message', (m) => {
    try {
      if (m.numbers === undefined && m.end === undefined) {
        for (const c of m.clients) {
          person.first = c[0];
          person.last = c[1];
          person.email = c[2];
          person.phone = c[3];
          clients.push(clientText.get(person));
        }
        for (const p of m.properties) properties.push(p);
      } else if (m.numbers !== undefined) {
        for (let i = 0; i < m.numbers.length; i++) {
          const c = clients[m.clients[i]];
          const p = properties[m.properties[i]];
          if (c === undefined || p === undefined) throw new Error('dossier ' + m.numbers[i] + ': unknown client or rental');
          row.rowid = m.first + i;
          row.n = m.numbers[i];
          row.clientName = c[0];
          row.email = c[1];
          row.phone = c[2];
          row.property = p;
          insert.run(row);
        }
      } else if (m.end === true) {
        if (large) {
          Atomics.add(signal, 1, 1);
          db.exec('INSERT INTO ' + table + ' (' + table + ") VALUES ('optimize')");
          db.prepare('INSERT INTO ' + table + ' (' + table + ", rank) VALUES ('automerge', ?)").run(BigInt(automerge));
        }
        db.exec('COMMIT');
        settle(${DONE});
        return;
      }
      Atomics.add(signal, 1, 1);
      Atomics.notify(signal, 0);
    } catch (e) {
      settle(${FAILED}, e);
    }
  });
} catch (e) {
  settle(${FAILED}, e);
}
`;

export interface ParallelSearchOptions {
  /** The full-text table's name (unquoted) and CREATE statement, as in sqlite_master. */
  table: string;
  createSql: string;
  /** Pause merging while filling, then optimize and set 'automerge' to this (see bulk.ts). */
  large: boolean;
  automerge: number;
  /** The module the worker loads as its driver, if not better-sqlite3 (tests). */
  driver?: string | null;
}

/** Fed from the seeding thread (clients, reference once, then each dossier in rowid order), then `copyInto`. */
export interface ParallelSearchFill {
  /** A client as written, with its searchable fields: every client a dossier may be given, before `reference`. */
  client(id: string, firstName: string, lastName: string, email: string, phone: string): void;
  /** Reads the rentals' searchable text and sends the clients; call once they are all written. */
  reference(sqlite: Database.Database): void;
  /** The next dossier, in the order the bookings are inserted (so its rowid is the next one). */
  add(number: string, clientId: string, propertyId: string): void;
  /** No more dossiers: the worker finishes (optimizes) while the caller builds its indexes. */
  end(): void;
  /**
   * Waits for the worker and copies its index into the table, which must have been created anew
   * and be empty. Returns the number of dossiers indexed, or why it could not; in that case the
   * table may hold part of the copy.
   */
  copyInto(): number | string;
  /** Stops the worker if still running, detaches and removes the scratch file. Call outside the transaction. */
  dispose(): void;
}

/** The scratch database's name on the seeding connection. */
const SCHEMA = 'demo_search';

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The path the worker loads the driver from: this module's own (CommonJS bundle, Vitest), or the
 * one the working directory resolves to where this module has no `require` (ES modules under tsx).
 */
function driverPath(): string | null {
  try {
    const resolver = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'package.json'));
    return resolver.resolve('better-sqlite3');
  } catch {
    return null;
  }
}

/**
 * Attaches a scratch database and starts the worker, or returns why it cannot. Call outside any
 * transaction, after the connection's journal mode is set for the load.
 */
export function startParallelSearchFill(sqlite: Database.Database, options: ParallelSearchOptions): ParallelSearchFill | string {
  if (sqlite.inTransaction) return 'inside a transaction';
  const driver = options.driver ?? driverPath();
  if (driver === null) return 'better-sqlite3 cannot be located for a worker';
  const attached = sqlite.prepare(`PRAGMA database_list`).all() as { name: string }[];
  if (attached.some((d) => d.name === SCHEMA)) return `a database is already attached as ${SCHEMA}`;
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'comptoir-demo-search-'));
  } catch (e) {
    return `no scratch directory: ${(e as Error).message}`;
  }
  const file = join(dir, 'search.db');
  const removeDir = () => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort: a scratch file in the temporary directory.
    }
  };
  try {
    // An empty file for now: the worker writes it, this connection reads it once the worker is done.
    sqlite.prepare(`ATTACH DATABASE ? AS ${SCHEMA}`).run(file);
  } catch (e) {
    removeDir();
    return `cannot attach a scratch database: ${(e as Error).message}`;
  }
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver,
        file,
        createSql: options.createSql,
        table: quoteName(options.table),
        large: options.large,
        automerge: options.automerge,
        signal: signal.buffer,
        port: port2,
      },
      transferList: [port2],
    });
  } catch (e) {
    port1.close();
    sqlite.exec(`DETACH DATABASE ${SCHEMA}`);
    removeDir();
    return `no worker thread: ${(e as Error).message}`;
  }
  worker.unref();
  // Failures are reported through the signal; this only keeps them from being uncaught errors.
  worker.on('error', () => {});

  // The worker knows clients and rentals by the order they were sent in.
  const clientNumbers = new Map<string, number>();
  const propertyNumbers = new Map<string, number>();
  let clientsSent = 0;
  let propertiesSent = 0;
  let people: string[][] = [];
  let numbers: string[] = [];
  let clients = new Int32Array(BATCH);
  let properties = new Int32Array(BATCH);
  let next = 1;
  let ended = false;
  let disposed = false;

  const running = () => !disposed && Atomics.load(signal, 0) === RUNNING;
  const flush = () => {
    if (numbers.length === 0) return;
    if (running()) {
      port1.postMessage({ first: next - numbers.length, numbers, clients, properties }, [clients.buffer, properties.buffer]);
      clients = new Int32Array(BATCH);
      properties = new Int32Array(BATCH);
    }
    numbers = [];
  };
  const workerError = () => {
    const message = receiveMessageOnPort(port1)?.message as { error?: string } | undefined;
    return message?.error ?? 'the worker failed';
  };

  const sendPeople = () => {
    if (running() && people.length > 0) port1.postMessage({ clients: people, properties: [] });
    people = [];
  };

  return {
    client(id, firstName, lastName, email, phone) {
      // Told as they are written, rather than read back: the worker computes their text.
      clientNumbers.set(id, clientsSent++);
      people.push([firstName, lastName, email, phone]);
      if (people.length === REFERENCE_CHUNK) sendPeople();
    },
    reference(sqlite) {
      sendPeople();
      if (!running()) return;
      // The view's expression for the rental's part (see booking_search_source).
      const rentals = sqlite.prepare(`SELECT p.id, p.code || ' ' || p.name || ' ' || p.city FROM properties p`).raw().all() as [
        string,
        string,
      ][];
      for (const [id] of rentals) propertyNumbers.set(id, propertiesSent++);
      port1.postMessage({ clients: [], properties: rentals.map((r) => r[1]) });
    },
    add(number, clientId, propertyId) {
      // Unknown (-1): the worker fails the fill, which is then done in this thread.
      clients[numbers.length] = clientNumbers.get(clientId) ?? -1;
      properties[numbers.length] = propertyNumbers.get(propertyId) ?? -1;
      numbers.push(number);
      next += 1;
      if (numbers.length === BATCH) flush();
    },
    end() {
      if (ended) return;
      ended = true;
      flush();
      if (running()) port1.postMessage({ end: true });
    },
    copyInto() {
      if (disposed) return 'disposed';
      if (!ended) return 'not ended';
      let progress = -1;
      let quietSince = Date.now();
      for (;;) {
        const state = Atomics.load(signal, 0);
        if (state === FAILED) return workerError();
        if (state === DONE) break;
        Atomics.wait(signal, 0, RUNNING, 1_000);
        const now = Atomics.load(signal, 1);
        if (now !== progress) {
          progress = now;
          quietSince = Date.now();
        } else if (Date.now() - quietSince > STALL_MS) {
          return 'the worker stalled';
        }
      }
      try {
        return copyShadowTables(sqlite, options.table, next - 1);
      } catch (e) {
        return (e as Error).message;
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      port1.close();
      if (Atomics.load(signal, 0) === RUNNING) void worker.terminate();
      try {
        sqlite.exec(`DETACH DATABASE ${SCHEMA}`);
      } catch {
        // Still in use (a failed transaction not yet rolled back): it goes with the connection.
      }
      removeDir();
    },
  };
}

/**
 * Copies the scratch table's storage into the seeding connection's. Both tables must be declared
 * alike (checked: same shadow tables, same statements) and the target empty. Returns the number
 * of documents copied.
 */
function copyShadowTables(sqlite: Database.Database, table: string, expected: number): number | string {
  const shadows = (schema: string) =>
    sqlite
      .prepare(`SELECT name, sql FROM ${schema}.sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\' ORDER BY name`)
      .all(`${table.replace(/[\\%_]/g, '\\$&')}\\_%`) as { name: string; sql: string }[];
  const from = shadows(SCHEMA);
  const to = shadows('main');
  if (!from.some((t) => t.name === `${table}_docsize`) || JSON.stringify(from) !== JSON.stringify(to)) {
    return 'the scratch table is declared differently';
  }
  // Same FTS5 on both sides (the worker's driver could be another copy): same storage format.
  const version = (schema: string) =>
    sqlite.prepare(`SELECT v FROM ${schema}.${quoteName(`${table}_config`)} WHERE k = 'version'`).pluck().get();
  if (version(SCHEMA) !== version('main')) return 'the worker wrote another FTS5 storage version';
  const docs = sqlite.prepare(`SELECT count(*) FROM ${SCHEMA}.${quoteName(`${table}_docsize`)}`).pluck().get();
  if (docs !== expected) return `the worker indexed ${String(docs)} dossiers, not ${expected}`;
  // FTS5's shadow tables are written only by FTS5 unless the connection's defensive flag is off;
  // better-sqlite3 turns it off in unsafe mode, and back on after (its default; the app never
  // changes it). Same declaration, no triggers, empty target: SQLite copies the records as is.
  // The worker's own 'hashsize' stays behind: the real table had no setting but 'version'.
  sqlite.unsafeMode(true);
  try {
    for (const { name } of from) {
      const only = name === `${table}_config` ? ` WHERE k <> 'hashsize'` : '';
      sqlite.exec(`DELETE FROM main.${quoteName(name)}`);
      sqlite.exec(`INSERT INTO main.${quoteName(name)} SELECT * FROM ${SCHEMA}.${quoteName(name)}${only}`);
    }
  } finally {
    sqlite.unsafeMode(false);
  }
  return expected;
}
