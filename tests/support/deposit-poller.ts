// A test poller shaped like the Swikly deposit poller to come: reads deposit status changes from the
// fake remote's /changes with a numeric cursor and writes them on the dossiers.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { depositStates } from '../../src-main/db/schema';
import { definePoller } from '../../src-main/sync/pollers';

const depositChange = z.object({ seq: z.number().int(), bookingId: z.string(), depositState: z.enum(depositStates) });
const changesPage = z.object({ items: z.array(depositChange), cursor: z.number().int().min(0), more: z.boolean().optional() });

export const URGENT_POLL_MS = 60_000;

// Prepared once per database: the interval is asked after every poll, including the idle ones (S5).
const urgentStatements = new WeakMap<Database.Database, Database.Statement>();
const urgentQuery = (sqlite: Database.Database) => {
  let statement = urgentStatements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare(`SELECT 1 FROM bookings WHERE deposit_state = 'requested' AND arrival >= ? AND arrival <= date(?, '+7 days') LIMIT 1`);
    urgentStatements.set(sqlite, statement);
  }
  return statement;
};
export const CALM_POLL_MS = 15 * 60_000;

export const depositPoller = definePoller({
  name: 'test/deposits',
  remote: 'echo',
  cursor: z.number().int().min(0),
  initialCursor: 0,
  // Urgent: a guest arrives within a week and the deposit is asked for but not secured yet.
  interval: ({ sqlite, now }) => {
    const today = now.toISOString().slice(0, 10);
    return urgentQuery(sqlite).get(today, today) ? URGENT_POLL_MS : CALM_POLL_MS;
  },
  fetch: (cursor, { http, signal }) => http.json({ path: '/changes', query: { after: cursor, limit: 10_000 }, signal }, changesPage),
  apply: ({ sqlite, now }, items) => {
    const update = sqlite.prepare(`UPDATE bookings SET deposit_state = ?, updated_at = ? WHERE id = ?`);
    const at = now.toISOString();
    for (const c of items) update.run(c.depositState, at, c.bookingId);
    return ['bookings'];
  },
});
