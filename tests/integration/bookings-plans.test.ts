// The grid's windows are found by one of three plans (walking the sort's index, the search's
// matches, a filter's index), chosen by their cost, the walk sometimes probing the full-text index
// row by row. Whatever the plan, a window must hold the same
// dossiers in the same order: on a demo of 1,500 dossiers, each plan is imposed in turn and every
// window compared with the one the chosen plan gives.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/demo/generate';
import { createAppCore, type AppCore } from '../../src-main/host/app';
import { planTuning } from '../../src-main/services/bookings-plan';
import { callOk, MIGRATIONS_DIR, tempDir } from '../support/app';

const NOW = new Date('2026-07-11T07:00:00Z');
let core: AppCore;
let cleanup: () => void;
let agencyId: string;

beforeAll(() => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  core = createAppCore({ dbFile: join(tmp.dir, 'comptoir.db'), migrationsDir: MIGRATIONS_DIR, host: 'browser', version: 'test', pinnedNow: NOW });
  seedDemo(core.database.sqlite, { bookings: 1500, seed: 7, now: NOW });
  agencyId = core.database.sqlite.prepare('SELECT id FROM agencies ORDER BY name LIMIT 1').pluck().get() as string;
  // Walking is allowed from 20 dossiers on, so that a small demo meets every plan.
  planTuning.smallResult = 20;
});
afterAll(() => {
  planTuning.smallResult = 5000;
  planTuning.force = null;
  planTuning.probeBudget = null;
  core.close();
  cleanup();
});

const ids = async (input: Record<string, unknown>) => {
  const page = await callOk(core, 'bookings/list', input);
  return { total: page.total as number, ids: page.rows.map((r: { id: string }) => r.id) as string[] };
};

describe('the plans of the dossiers grid', () => {
  const filters: [string, () => Record<string, unknown>][] = [
    ['no filter', () => ({})],
    ['an agency', () => ({ agencyId })],
    ['« Caut. non sécurisée »', () => ({ deposit: 'unsecured' })],
    ['an agency and « Caut. non sécurisée »', () => ({ agencyId, deposit: 'unsecured' })],
    ['cancelled dossiers of the web', () => ({ status: 'cancelled', source: 'web' })],
    ['an agency and arrivals of the week', () => ({ agencyId, preset: 'arrivals_week' })],
  ];
  const searches = ['', 'm', 'mar', 'du'];
  const sorts = ['arrival', 'client', 'property', 'deposit', 'balance', 'agency', 'number', 'source'];

  it.each(filters)('gives the same windows with %s, whatever the search, sort and plan', async (_name, filter) => {
    let compared = 0;
    for (const search of searches) {
      for (const column of sorts) {
        for (const direction of ['asc', 'desc'] as const) {
          const input = { ...filter(), search, sort: [{ column, direction }] };
          planTuning.force = null;
          const { total } = await ids({ ...input, limit: 1 });
          // A few windows: the first rows, one deep inside, one past the middle (read from the end).
          const windows = [
            [0, 25],
            [Math.floor(total / 3), 7],
            [Math.max(0, total - 30), 30],
          ].filter(([offset]) => offset! < total);
          for (const [offset, limit] of windows) {
            const chosen = await ids({ ...input, offset, limit });
            expect(chosen.ids.length).toBe(Math.min(limit!, total - offset!));
            // The probing walk twice: with its budget, and with one too small for most windows
            // (it then gives up and walks the usual way).
            for (const [plan, budget] of [['walk'], ['search'], ['filter'], ['probe'], ['probe', 3]] as const) {
              if ((plan !== 'walk' && plan !== 'filter' && !search) || (plan === 'filter' && !Object.keys(filter()).length)) continue;
              planTuning.force = plan;
              planTuning.probeBudget = budget ?? null;
              const forced = await ids({ ...input, offset, limit });
              expect(forced, `${plan} ${budget ?? ''} ${JSON.stringify({ ...input, offset, limit })}`).toEqual(chosen);
              compared += 1;
            }
            planTuning.probeBudget = null;
          }
        }
      }
    }
    planTuning.force = null;
    expect(compared).toBeGreaterThan(100);
  });
});

describe('a search within one agency', () => {
  it('counts what the dossiers say, also after a dossier moved to the other agency', async () => {
    planTuning.force = null;
    const other = core.database.sqlite.prepare('SELECT id FROM agencies WHERE id <> ?').pluck().get(agencyId) as string;
    const count = async (agency: string) => (await callOk(core, 'bookings/list', { agencyId: agency, search: 'mar', limit: 1 })).total as number;
    const byHand = (agency: string) =>
      core.database.sqlite
        .prepare(
          `SELECT count(*) FROM bookings b JOIN booking_search s ON s.booking_id = b.id
           WHERE b.agency_id = ? AND s.rowid IN (SELECT rowid FROM bookings_fts WHERE bookings_fts MATCH '"mar"*')`,
        )
        .pluck()
        .get(agency) as number;
    const [mine, theirs] = [await count(agencyId), await count(other)];
    expect([mine, theirs]).toEqual([byHand(agencyId), byHand(other)]);
    expect(mine).toBeGreaterThan(0);
    const { id: moved, number } = (await callOk(core, 'bookings/list', { agencyId, search: 'mar', limit: 1 })).rows[0];
    // Numbers are per agency: the dossier takes one the other agency has not used.
    const move = (to: string, as: string) => core.database.sqlite.prepare('UPDATE bookings SET agency_id = ?, number = ? WHERE id = ?').run(to, as, moved);
    move(other, '2099-000001');
    try {
      expect([await count(agencyId), await count(other)]).toEqual([mine - 1, theirs + 1]);
      const listed = async (agency: string) => (await callOk(core, 'bookings/list', { agencyId: agency, search: 'mar', limit: 500 })).rows.map((r: { id: string }) => r.id);
      expect(await listed(other)).toContain(moved);
      expect(await listed(agencyId)).not.toContain(moved);
    } finally {
      move(agencyId, number);
    }
  });
});
