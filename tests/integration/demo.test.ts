import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src-main/db/open';
import { lastSearchFill, searchFillTuning } from '../../src-main/demo/bulk';
import { isoInstant } from '../../src-main/demo/calendar';
import { DEFAULT_DEMO_BOOKINGS, seedDemo } from '../../src-main/demo/generate';
import { seedReference } from '../../src-main/demo/reference';
import { loadWorld } from '../../src-main/demo/world';
import { DEPOSIT_STATES, OPTION_LAPSED_REASON, lineTotal } from '../../src-shared/domain';

const NOW = new Date('2026-05-14T09:30:00.000Z');
const NOW_ISO = NOW.toISOString();
const BOOKINGS = 3000;

const dirs: string[] = [];
const opened: OpenedDatabase[] = [];

function freshDatabase(): OpenedDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-'));
  dirs.push(dir);
  const database = openDatabase({ file: path.join(dir, 'comptoir.db'), migrationsDir: path.resolve('migrations') });
  opened.push(database);
  return database;
}

function seeded(bookings: number, seed: number): { database: OpenedDatabase; counts: ReturnType<typeof seedDemo> } {
  const database = freshDatabase();
  const counts = seedDemo(database.sqlite, { bookings, seed, now: NOW });
  return { database, counts };
}

afterAll(() => {
  for (const d of opened) d.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** What a user sees of every dossier, in a stable order. */
function visibleDossiers(database: OpenedDatabase): unknown[] {
  return database.sqlite
    .prepare(
      `SELECT a.agency_ref, b.number, b.status, b.cancel_reason, b.source, b.arrival, b.departure, b.adults,
         b.children, b.total_cents, b.paid_cents, b.deposit_state, b.created_at, c.civility, c.first_name,
         c.last_name, c.email, c.phone, c.city, p.code, p.name,
         (SELECT group_concat(label || ':' || total_cents, '|') FROM pricing_lines WHERE booking_id = b.id) AS lines,
         (SELECT group_concat(amount_cents || ':' || method || ':' || received_on, '|') FROM payments WHERE booking_id = b.id) AS payments
       FROM bookings b
       JOIN agencies a ON a.id = b.agency_id
       JOIN clients c ON c.id = b.client_id
       JOIN properties p ON p.id = b.property_id
       ORDER BY a.agency_ref, b.number`,
    )
    .raw()
    .all();
}

/** Runs `run` with some search fill settings changed, then puts them back. */
function withTuning<T>(tuning: Partial<typeof searchFillTuning>, run: () => T): T {
  const before = { ...searchFillTuning };
  Object.assign(searchFillTuning, tuning);
  try {
    return run();
  } finally {
    Object.assign(searchFillTuning, before);
  }
}

const count = (database: OpenedDatabase, sql: string, ...params: unknown[]): number =>
  (database.sqlite.prepare(sql).pluck().get(...params) as number) ?? 0;

/** Search rows whose tenant-order key or agency is not their dossier's as it stands (migration 0012). */
const STALE_SEARCH_KEYS = `SELECT count(*) FROM booking_search s JOIN bookings b ON b.id = s.booking_id JOIN clients c ON c.id = b.client_id
  WHERE s.client_key IS NOT c.last_name || char(1) || c.first_name OR s.agency_id IS NOT b.agency_id`;

describe('seedDemo on a fresh database', () => {
  let db: OpenedDatabase;
  let counts: ReturnType<typeof seedDemo>;
  let schemaBefore: unknown[];
  let cacheSizeBefore: unknown;

  beforeAll(() => {
    db = freshDatabase();
    cacheSizeBefore = db.sqlite.pragma('cache_size', { simple: true });
    schemaBefore = db.sqlite.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`).all();
    // Built as a large demo is: the search index by a worker thread.
    counts = withTuning({ parallelFrom: 1000 }, () => seedDemo(db.sqlite, { bookings: BOOKINGS, seed: 7, now: NOW }));
    expect(lastSearchFill).toEqual({ parallel: true, reason: null });
  });

  it('creates the two agencies, ~300 rentals with owners, and a client file', () => {
    expect(DEFAULT_DEMO_BOOKINGS).toBe(2000);
    expect(counts).toEqual({ agencies: 2, properties: 300, clients: 1800, bookings: BOOKINGS });
    const agencies = db.sqlite
      .prepare(`SELECT name, agency_ref, city, postcode, time_zone, integrations FROM agencies ORDER BY agency_ref`)
      .all();
    expect(agencies).toEqual([
      {
        name: 'Agence du Port',
        agency_ref: 'PORT',
        city: 'La Rochelle',
        postcode: '17000',
        time_zone: 'Europe/Paris',
        integrations: '{"swikly":false,"elloha":false,"postal":false,"smtp":false}',
      },
      {
        name: 'Agence des Sables',
        agency_ref: 'SABLES',
        city: "Les Sables-d'Olonne",
        postcode: '85100',
        time_zone: 'Europe/Paris',
        integrations: '{"swikly":false,"elloha":false,"postal":false,"smtp":false}',
      },
    ]);
    expect(count(db, `SELECT count(*) FROM properties`)).toBe(300);
    expect(count(db, `SELECT count(*) FROM properties WHERE owner_id IS NULL`)).toBe(0);
    const owners = count(db, `SELECT count(*) FROM owners`);
    expect(owners).toBeGreaterThan(120);
    expect(owners).toBeLessThan(200);
    expect(count(db, `SELECT count(*) FROM properties WHERE code NOT GLOB '[A-Z][A-Z][A-Z]-[0-9][0-9][0-9]'`)).toBe(0);
    expect(count(db, `SELECT count(*) FROM properties WHERE capacity NOT BETWEEN 2 AND 12`)).toBe(0);
    expect(count(db, `SELECT count(*) FROM properties WHERE default_deposit_cents NOT BETWEEN 30000 AND 150000`)).toBe(0);
    const elloha = count(db, `SELECT count(*) FROM properties WHERE elloha_enabled = 1`);
    expect(elloha).toBeGreaterThan(60);
    expect(elloha).toBeLessThan(140);
    expect(count(db, `SELECT count(*) FROM properties WHERE swikly_account_id IS NOT NULL`)).toBeGreaterThan(50);
    // Each rental has a price list, and its dossiers were priced from it.
    expect(
      count(db, `SELECT count(*) FROM properties WHERE nightly_rate_cents <= 0 OR cleaning_fee_cents <= 0
                   OR booking_fee_cents NOT IN (2000, 2500) OR tourist_tax_cents NOT BETWEEN 80 AND 250`),
    ).toBe(0);
    expect(
      count(db, `SELECT count(*) FROM pricing_lines l JOIN bookings b ON b.id = l.booking_id JOIN properties p ON p.id = b.property_id
                 WHERE (l.kind = 'fees' AND l.unit_price_cents <> p.booking_fee_cents)
                    OR (l.kind = 'tourist_tax' AND l.unit_price_cents <> p.tourist_tax_cents)
                    OR (l.kind = 'cleaning' AND l.unit_price_cents <> p.cleaning_fee_cents)`),
    ).toBe(0);
    expect(count(db, `SELECT count(DISTINCT name) FROM properties`)).toBe(300);
    expect(count(db, `SELECT count(*) FROM properties WHERE name LIKE '%(%'`)).toBe(0);
  });

  it('gives clients French-looking identities on example domains', () => {
    expect(
      count(db, `SELECT count(*) FROM clients WHERE email <> ''
                   AND substr(email, instr(email, '@')) NOT IN ('@example.fr', '@example.com', '@example.org')`),
    ).toBe(0);
    expect(count(db, `SELECT count(*) FROM clients WHERE email NOT GLOB '*[A-Z]*' AND email <> ''`)).toBeGreaterThan(1500);
    const fr = count(db, `SELECT count(*) FROM clients WHERE country = 'FR'`);
    expect(fr / 1800).toBeGreaterThan(0.8);
    expect(count(db, `SELECT count(DISTINCT country) FROM clients`)).toBe(5);
    expect(count(db, `SELECT count(*) FROM clients WHERE country = 'FR' AND phone NOT GLOB '0[67] [0-9][0-9] [0-9][0-9] [0-9][0-9] [0-9][0-9]'`)).toBe(0);
    expect(count(db, `SELECT count(*) FROM clients WHERE language = 'fr'`) / 1800).toBeGreaterThan(0.8);
    expect(count(db, `SELECT count(*) FROM clients WHERE comm_preference IS NULL`) / 1800).toBeGreaterThan(0.6);
    expect(count(db, `SELECT count(DISTINCT last_name) FROM clients`)).toBeGreaterThan(150);
    expect(count(db, `SELECT count(DISTINCT first_name) FROM clients`)).toBeGreaterThan(120);
    // Clients come back: many have more than one dossier.
    expect(count(db, `SELECT count(*) FROM (SELECT client_id FROM bookings GROUP BY client_id HAVING count(*) > 1)`)).toBeGreaterThan(300);
    // A client file opens with its first dossier.
    expect(
      count(db, `SELECT count(*) FROM clients c WHERE c.created_at <> (SELECT min(created_at) FROM bookings WHERE client_id = c.id)`),
    ).toBe(0);
    expect(count(db, `SELECT count(*) FROM clients WHERE updated_at <> created_at OR created_at > ?`, NOW_ISO)).toBe(0);
  });

  it('never lets two active dossiers of one rental share a night', () => {
    const active = (alias: string) =>
      `(${alias}.status = 'confirmed' OR (${alias}.status = 'option' AND ${alias}.option_expires_at > '${NOW_ISO}'))`;
    const overlaps = count(
      db,
      `SELECT count(*) FROM bookings a JOIN bookings b
         ON a.property_id = b.property_id AND a.id < b.id AND a.arrival < b.departure AND b.arrival < a.departure
       WHERE ${active('a')} AND ${active('b')}`,
    );
    expect(overlaps).toBe(0);
    // Back-to-back stays (departure day = next arrival) do happen.
    expect(
      count(db, `SELECT count(*) FROM bookings a JOIN bookings b ON a.property_id = b.property_id AND a.departure = b.arrival
                 WHERE a.status = 'confirmed' AND b.status = 'confirmed'`),
    ).toBeGreaterThan(0);
  });

  it('keeps every total equal to its lines and every paid amount equal to its payments', () => {
    expect(
      count(db, `SELECT count(*) FROM bookings b WHERE total_cents <> (SELECT coalesce(sum(total_cents), 0) FROM pricing_lines WHERE booking_id = b.id)`),
    ).toBe(0);
    expect(
      count(db, `SELECT count(*) FROM bookings b WHERE paid_cents <> (SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE booking_id = b.id)`),
    ).toBe(0);
    expect(count(db, `SELECT count(*) FROM bookings WHERE balance_cents <> total_cents - paid_cents`)).toBe(0);
    expect(count(db, `SELECT count(*) FROM bookings WHERE nights <> julianday(departure) - julianday(arrival) OR nights < 2`)).toBe(0);
    const lines = db.sqlite.prepare(`SELECT quantity, unit_price_cents, total_cents FROM pricing_lines`).all() as {
      quantity: number;
      unit_price_cents: number;
      total_cents: number;
    }[];
    expect(lines.every((l) => l.total_cents === lineTotal(l.quantity, l.unit_price_cents))).toBe(true);
    expect(count(db, `SELECT count(*) FROM payments WHERE amount_cents <= 0 OR received_on > '2026-05-14' OR created_at > ?`, NOW_ISO)).toBe(0);
    expect(count(db, `SELECT count(*) FROM bookings WHERE created_at > ? OR updated_at > ? OR updated_at < created_at`, NOW_ISO, NOW_ISO)).toBe(0);
    expect(
      count(db, `SELECT count(*) FROM bookings b WHERE (SELECT count(*) FROM pricing_lines WHERE booking_id = b.id AND kind = 'tourist_tax' AND quantity = b.adults * b.nights) <> 1`),
    ).toBe(0);
    // Past confirmed stays are (almost all) paid in full.
    const past = count(db, `SELECT count(*) FROM bookings WHERE status = 'confirmed' AND departure < '2026-05-14'`);
    const settled = count(db, `SELECT count(*) FROM bookings WHERE status = 'confirmed' AND departure < '2026-05-14' AND balance_cents = 0`);
    expect(settled / past).toBeGreaterThan(0.9);
    expect(count(db, `PRAGMA foreign_key_check`)).toBe(0);
  });

  it('covers every status, source and deposit state, over ten years', () => {
    const statuses = db.sqlite.prepare(`SELECT DISTINCT status FROM bookings ORDER BY 1`).pluck().all();
    expect(statuses).toEqual(['cancelled', 'confirmed', 'option']);
    const sources = db.sqlite.prepare(`SELECT DISTINCT source FROM bookings ORDER BY 1`).pluck().all();
    expect(sources).toEqual(['counter', 'elloha', 'phone', 'web']);
    const confirmed = count(db, `SELECT count(*) FROM bookings WHERE status = 'confirmed'`);
    expect(confirmed / BOOKINGS).toBeGreaterThan(0.75);
    expect(count(db, `SELECT count(*) FROM bookings WHERE status = 'cancelled' AND cancel_reason = ?`, OPTION_LAPSED_REASON)).toBeGreaterThan(0);
    expect(count(db, `SELECT count(*) FROM bookings WHERE status = 'cancelled' AND cancel_reason LIKE 'Annulation client%'`)).toBeGreaterThan(0);
    expect(count(db, `SELECT count(*) FROM bookings WHERE status = 'cancelled' AND (cancel_reason IS NULL OR cancelled_at IS NULL)`)).toBe(0);
    // Running options expire a few days from now; no option is left lapsed but not swept.
    expect(count(db, `SELECT count(*) FROM bookings WHERE status = 'option'`)).toBeGreaterThan(0);
    expect(
      count(db, `SELECT count(*) FROM bookings WHERE status = 'option' AND (option_expires_at <= ? OR option_expires_at > '2026-05-22')`, NOW_ISO),
    ).toBe(0);
    const states = db.sqlite.prepare(`SELECT DISTINCT deposit_state FROM bookings`).pluck().all();
    for (const s of ['none', 'to_request', 'requested', 'secured', 'released', 'expired_unsecured', 'failed']) expect(states).toContain(s);
    for (const s of states) expect(DEPOSIT_STATES).toContain(s);
    expect(count(db, `SELECT count(*) FROM bookings WHERE deposit_state IN ('secured', 'released') AND deposit_secured_at IS NULL`)).toBe(0);
    expect(
      count(db, `SELECT count(*) FROM bookings b JOIN properties p ON p.id = b.property_id WHERE b.deposit_state <> 'none' AND p.swikly_account_id IS NULL`),
    ).toBe(0);
    expect(count(db, `SELECT count(*) FROM bookings WHERE source = 'elloha' AND property_id IN (SELECT id FROM properties WHERE elloha_enabled = 0)`)).toBe(0);
    expect(db.sqlite.prepare(`SELECT min(arrival) FROM bookings`).pluck().get()).toMatch(/^2017-/);
    const years = db.sqlite.prepare(`SELECT DISTINCT substr(arrival, 1, 4) FROM bookings ORDER BY 1`).pluck().all();
    expect(years).toEqual(['2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026', '2027']);
    const summer = count(db, `SELECT count(*) FROM bookings WHERE substr(arrival, 6, 2) IN ('07', '08')`);
    const winter = count(db, `SELECT count(*) FROM bookings WHERE substr(arrival, 6, 2) IN ('01', '02')`);
    expect(summer).toBeGreaterThan(winter);
  });

  it('numbers dossiers per agency and year of creation, and leaves the counters ready to continue', () => {
    expect(count(db, `SELECT count(*) FROM bookings WHERE number NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'`)).toBe(0);
    expect(count(db, `SELECT count(*) FROM bookings WHERE substr(number, 1, 4) <> substr(created_at, 1, 4)`)).toBe(0);
    expect(count(db, `SELECT count(*) FROM (SELECT agency_id, number FROM bookings GROUP BY 1, 2 HAVING count(*) > 1)`)).toBe(0);
    const gaps = db.sqlite
      .prepare(
        `SELECT c.agency_id, c.year, c.last_number, max(CAST(substr(b.number, 6) AS INTEGER)) AS top, count(b.id) AS n
         FROM booking_counters c LEFT JOIN bookings b ON b.agency_id = c.agency_id AND substr(b.number, 1, 4) = CAST(c.year AS TEXT)
         GROUP BY c.agency_id, c.year`,
      )
      .all() as { last_number: number; top: number; n: number }[];
    expect(gaps.length).toBeGreaterThan(18);
    for (const g of gaps) expect([g.last_number, g.top]).toEqual([g.n, g.n]);
    // Numbers follow creation order within an agency and year.
    expect(
      count(db, `SELECT count(*) FROM (
                   SELECT created_at, lag(created_at) OVER (PARTITION BY agency_id, substr(number, 1, 4) ORDER BY number) AS previous
                   FROM bookings)
                 WHERE previous > created_at`),
    ).toBe(0);
  });

  it('fills the search index: a client is found by name, a dossier by number', () => {
    expect(count(db, `SELECT count(*) FROM booking_search`)).toBe(BOOKINGS);
    expect(count(db, STALE_SEARCH_KEYS)).toBe(0);
    const dupont = count(db, `SELECT count(*) FROM bookings b JOIN clients c ON c.id = b.client_id WHERE c.last_name = 'Dupont'`);
    expect(dupont).toBeGreaterThan(0);
    expect(count(db, `SELECT count(*) FROM bookings_fts WHERE bookings_fts MATCH '"dupont"*'`)).toBe(dupont);
    const number = db.sqlite.prepare(`SELECT number FROM bookings ORDER BY created_at DESC LIMIT 1`).pluck().get() as string;
    expect(count(db, `SELECT count(*) FROM bookings_fts WHERE bookings_fts MATCH ?`, `"${number.replace('-', '')}"`)).toBe(1);
    // The insert trigger is back in place: a dossier written later is indexed too.
    const b = db.sqlite.prepare(`SELECT * FROM bookings LIMIT 1`).get() as Record<string, unknown>;
    db.sqlite
      .prepare(`INSERT INTO bookings (${Object.keys(b).join(', ')}) VALUES (${Object.keys(b).map(() => '?').join(', ')})`)
      .run(...Object.values({ ...b, id: '01900000-0000-7000-8000-000000000001', number: '2026-999999' }));
    expect(count(db, `SELECT count(*) FROM bookings_fts WHERE bookings_fts MATCH '"2026999999"'`)).toBe(1);
    db.sqlite.prepare(`DELETE FROM bookings WHERE id = ?`).run('01900000-0000-7000-8000-000000000001');
  });

  it('leaves the schema and the connection settings as it found them', () => {
    const schemaAfter = db.sqlite.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`).all();
    expect(schemaAfter).toEqual(schemaBefore);
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('cache_size', { simple: true })).toBe(cacheSizeBefore);
    // Written without waiting for the disk during the seed only; the scratch database is gone.
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.sqlite.prepare(`SELECT name FROM pragma_database_list WHERE name <> 'temp'`).pluck().all()).toEqual(['main']);
    expect(db.sqlite.prepare(`PRAGMA integrity_check`).pluck().get()).toBe('ok');
    expect(db.sqlite.prepare(`SELECT k FROM bookings_fts_config`).pluck().all()).toEqual(['version']);
  });
});

describe('seedDemo search index for large demos', () => {
  it('indexes with FTS5 merging paused, then optimizes and puts the setting back', () => {
    const usual = seeded(1000, 3).database;
    const before = searchFillTuning.largeFill;
    searchFillTuning.largeFill = 500;
    let large: OpenedDatabase;
    try {
      large = seeded(1000, 3).database;
    } finally {
      searchFillTuning.largeFill = before;
    }
    expect(large.sqlite.prepare(`SELECT k, v FROM bookings_fts_config ORDER BY k`).all()).toEqual([
      { k: 'automerge', v: 4 },
      { k: 'version', v: 4 },
    ]);
    expect(() => large.sqlite.prepare(`INSERT INTO bookings_fts (bookings_fts, rank) VALUES ('integrity-check', 0)`).run()).not.toThrow();
    // Same demo, same answers to searches.
    const answers = (d: OpenedDatabase) =>
      ['"martin"', '"du"*', '"m"*', '"sab"*', '"example"', '"2024"*', '"06"*', 'client_name : "marie"', 'villa'].map((q) =>
        count(d, `SELECT count(*) FROM bookings_fts WHERE bookings_fts MATCH ?`, q),
      );
    expect(answers(large)).toEqual(answers(usual));
    expect(answers(usual).every((n) => n > 0)).toBe(true);
  });
});

describe('seedDemo search index built by a worker thread', () => {
  /** Every token of every dossier (term, dossier, column, position), as FTS5 has indexed it. */
  function indexed(database: OpenedDatabase, table: string): unknown[] {
    const vocab = `vocab_${table}`;
    database.sqlite.exec(`CREATE VIRTUAL TABLE temp.${vocab} USING fts5vocab(main, ${table}, instance)`);
    try {
      return database.sqlite.prepare(`SELECT term, doc, col, offset FROM temp.${vocab} ORDER BY 1, 2, 3, 4`).raw().all();
    } finally {
      database.sqlite.exec(`DROP TABLE temp.${vocab}`);
    }
  }

  /** The same index, filled in this thread from the view, in a table of its own. */
  function fromView(database: OpenedDatabase): unknown[] {
    const sql = database.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = 'bookings_fts'`).pluck().get() as string;
    database.sqlite.exec(sql.replace('`bookings_fts`', 'reference_fts'));
    database.sqlite.exec(
      `INSERT INTO reference_fts (rowid, number, client_name, email, phone, property)
       SELECT rowid, number, client_name, email, phone, property FROM booking_search_source`,
    );
    try {
      return indexed(database, 'reference_fts');
    } finally {
      database.sqlite.exec(`DROP TABLE reference_fts`);
    }
  }

  const integrityCheck = (database: OpenedDatabase) =>
    database.sqlite.prepare(`INSERT INTO bookings_fts (bookings_fts, rank) VALUES ('integrity-check', 1)`).run();

  it('indexes every dossier as the view describes it, under its search key', () => {
    const { database } = withTuning({ parallelFrom: 1000 }, () => seeded(2500, 11));
    expect(lastSearchFill).toEqual({ parallel: true, reason: null });
    expect(count(database, `SELECT count(*) FROM booking_search s JOIN bookings b ON b.id = s.booking_id WHERE b.rowid = s.rowid`)).toBe(2500);
    expect(count(database, STALE_SEARCH_KEYS)).toBe(0);
    expect(count(database, `SELECT count(*) FROM bookings_fts_docsize`)).toBe(2500);
    const tokens = indexed(database, 'bookings_fts');
    expect(tokens.length).toBeGreaterThan(2500 * 20);
    expect(tokens).toEqual(fromView(database));
    expect(() => integrityCheck(database)).not.toThrow();
    expect(database.sqlite.prepare(`SELECT k, v FROM bookings_fts_config`).all()).toEqual([{ k: 'version', v: 4 }]);
    // Deleting and updating dossiers keeps working on the copied index (contentless_delete).
    const [id, number] = database.sqlite.prepare(`SELECT id, number FROM bookings ORDER BY rowid LIMIT 1`).raw().get() as [string, string];
    const byNumber = () => count(database, `SELECT count(*) FROM bookings_fts WHERE bookings_fts MATCH ?`, `"${number.replace('-', '')}"`);
    const sameNumber = count(database, `SELECT count(*) FROM bookings WHERE number = ?`, number);
    expect(byNumber()).toBe(sameNumber);
    database.sqlite.prepare(`DELETE FROM pricing_lines WHERE booking_id = ?`).run(id);
    database.sqlite.prepare(`DELETE FROM payments WHERE booking_id = ?`).run(id);
    database.sqlite.prepare(`DELETE FROM bookings WHERE id = ?`).run(id);
    expect(byNumber()).toBe(sameNumber - 1);
    database.sqlite.exec(`UPDATE clients SET last_name = 'Zyxwvut' WHERE rowid = (SELECT min(rowid) FROM clients WHERE id IN (SELECT client_id FROM bookings))`);
    expect(count(database, `SELECT count(*) FROM bookings_fts WHERE bookings_fts MATCH 'zyxw*'`)).toBeGreaterThan(0);
    expect(() => integrityCheck(database)).not.toThrow();
  });

  it('pauses merging for a large fill, then optimizes and writes the setting back, as in one thread', () => {
    const { database } = withTuning({ parallelFrom: 1000, largeFill: 1000 }, () => seeded(1500, 12));
    expect(lastSearchFill).toEqual({ parallel: true, reason: null });
    expect(database.sqlite.prepare(`SELECT k, v FROM bookings_fts_config ORDER BY k`).all()).toEqual([
      { k: 'automerge', v: 4 },
      { k: 'version', v: 4 },
    ]);
    expect(indexed(database, 'bookings_fts')).toEqual(fromView(database));
    expect(() => integrityCheck(database)).not.toThrow();
  });

  it('falls back to filling the index in this thread when the worker fails', () => {
    const { database } = withTuning({ parallelFrom: 1000, workerDriver: path.resolve('no-such-driver.js') }, () =>
      seeded(1200, 13),
    );
    expect(lastSearchFill.parallel).toBe(false);
    expect(lastSearchFill.reason).toMatch(/no-such-driver/);
    expect(count(database, `SELECT count(*) FROM bookings_fts_docsize`)).toBe(1200);
    expect(indexed(database, 'bookings_fts')).toEqual(fromView(database));
    expect(database.sqlite.prepare(`SELECT name FROM pragma_database_list WHERE name <> 'temp'`).pluck().all()).toEqual(['main']);
  });

  it('is not used for small demos', () => {
    seeded(300, 14);
    expect(lastSearchFill).toEqual({ parallel: false, reason: 'a small load' });
  });
});

describe('isoInstant', () => {
  it('writes instants as Date#toISOString does', () => {
    const samples = [0, 1, 999, 86_399_999, Date.UTC(2016, 1, 29, 23, 59, 59, 7), Date.UTC(2026, 4, 14, 9, 30), -1, -86_400_001];
    for (let ms = Date.UTC(2017, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 7_919_993_017) samples.push(ms);
    // Every hour, minute, second and millisecond digit, over the years a demo spans.
    for (let ms = Date.UTC(2015, 0, 1); ms < Date.UTC(2030, 0, 1); ms += 9_876_543) samples.push(ms, ms + 59_999);
    for (const ms of samples) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    expect(isoInstant(Date.UTC(10_000, 0, 1))).toBe('+010000-01-01T00:00:00.000Z');
    expect(() => isoInstant(Number.NaN)).toThrow(RangeError);
  });
});

describe('seedDemo determinism', () => {
  it('gives the same dossiers, clients and amounts for the same seed and now', () => {
    const a = seeded(2000, 99);
    const b = seeded(2000, 99);
    const c = seeded(2000, 100);
    const first = visibleDossiers(a.database);
    expect(first).toHaveLength(2000);
    expect(visibleDossiers(b.database)).toEqual(first);
    expect(visibleDossiers(c.database)).not.toEqual(first);
    const owners = (d: OpenedDatabase) =>
      d.sqlite.prepare(`SELECT first_name, last_name, email, phone, city FROM owners ORDER BY rowid`).raw().all();
    expect(owners(b.database)).toEqual(owners(a.database));
  });
});

describe('seedDemo on a database that already has the demo', () => {
  it('only adds dossiers, continuing numbers and after each rental’s last departure', () => {
    const { database: db } = seeded(1000, 5);
    const before = {
      agencies: count(db, `SELECT count(*) FROM agencies`),
      properties: count(db, `SELECT count(*) FROM properties`),
      clients: count(db, `SELECT count(*) FROM clients`),
    };
    const counters = db.sqlite.prepare(`SELECT agency_id, year, last_number FROM booking_counters`).all() as {
      agency_id: string;
      year: number;
      last_number: number;
    }[];
    const added = seedDemo(db.sqlite, { bookings: 500, seed: 6, now: NOW });
    expect(added).toEqual({ agencies: 0, properties: 0, clients: 0, bookings: 500 });
    expect(count(db, `SELECT count(*) FROM bookings`)).toBe(1500);
    expect(count(db, `SELECT count(*) FROM agencies`)).toBe(before.agencies);
    expect(count(db, `SELECT count(*) FROM properties`)).toBe(before.properties);
    expect(count(db, `SELECT count(*) FROM clients`)).toBe(before.clients);
    expect(count(db, `SELECT count(*) FROM booking_search`)).toBe(1500);
    expect(count(db, STALE_SEARCH_KEYS)).toBe(0);
    expect(count(db, `SELECT count(*) FROM (SELECT agency_id, number FROM bookings GROUP BY 1, 2 HAVING count(*) > 1)`)).toBe(0);
    for (const c of counters) {
      const now = count(db, `SELECT last_number FROM booking_counters WHERE agency_id = ? AND year = ?`, c.agency_id, c.year);
      expect(now).toBeGreaterThanOrEqual(c.last_number);
    }
    const overlaps = count(
      db,
      `SELECT count(*) FROM bookings a JOIN bookings b
         ON a.property_id = b.property_id AND a.id < b.id AND a.arrival < b.departure AND b.arrival < a.departure
       WHERE (a.status = 'confirmed' OR (a.status = 'option' AND a.option_expires_at > ?))
         AND (b.status = 'confirmed' OR (b.status = 'option' AND b.option_expires_at > ?))`,
      NOW_ISO,
      NOW_ISO,
    );
    expect(overlaps).toBe(0);
    expect(
      count(db, `SELECT count(*) FROM bookings b WHERE total_cents <> (SELECT coalesce(sum(total_cents), 0) FROM pricing_lines WHERE booking_id = b.id)`),
    ).toBe(0);
    expect(count(db, `PRAGMA foreign_key_check`)).toBe(0);
  });

  it('writes nothing when a dossier breaks a constraint (the bulk inserts fail the whole call)', () => {
    const { database: db } = seeded(300, 5);
    const rows = () =>
      ['bookings', 'pricing_lines', 'payments', 'clients', 'booking_search', 'booking_counters'].map((t) =>
        count(db, `SELECT count(*) FROM ${t}`),
      );
    const before = rows();
    // Counters set back: the next dossiers take numbers their agency already gave.
    db.sqlite.exec(`UPDATE booking_counters SET last_number = 0`);
    expect(() => seedDemo(db.sqlite, { bookings: 200, seed: 6, now: NOW })).toThrow(/UNIQUE constraint failed/);
    expect(rows()).toEqual(before);
    expect(count(db, `SELECT count(*) FROM booking_counters WHERE last_number <> 0`)).toBe(0);
    expect(db.sqlite.inTransaction).toBe(false);
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('hands loadWorld the client ids it wrote, the same lists as read back', () => {
    const db = freshDatabase();
    db.sqlite.transaction(() => {
      const written = seedReference(db.sqlite, 11, NOW, 1000);
      const handed = loadWorld(db.sqlite, 11, written.clientIds);
      written.writeClients(new Map());
      expect(written.counts.clients).toBe(count(db, `SELECT count(*) FROM clients`));
      expect(handed).toEqual(loadWorld(db.sqlite, 11));
    })();
  });

  it('refuses nonsense counts', () => {
    const db = freshDatabase();
    expect(() => seedDemo(db.sqlite, { bookings: -1, now: NOW })).toThrow(RangeError);
    expect(() => seedDemo(db.sqlite, { bookings: 1.5, now: NOW })).toThrow(RangeError);
    expect(() => seedDemo(db.sqlite, { bookings: 10, now: new Date('nope') })).toThrow(RangeError);
    expect(count(db, `SELECT count(*) FROM agencies`)).toBe(0);
  });
});
