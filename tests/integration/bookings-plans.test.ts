// The grid's windows are found by one of three plans (walking the sort's index, the search's
// matches, a filter's index), chosen by their cost. Whatever the plan, a window must hold the same
// dossiers in the same order: on a demo of 1,500 dossiers, each plan is imposed in turn and every
// window compared with the one the chosen plan gives.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/demo/generate';
import { createAppCore, type AppCore } from '../../src-main/host/app';
import { planTuning } from '../../src-main/services/bookings-query';
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
            for (const plan of ['walk', 'search', 'filter'] as const) {
              if ((plan === 'search' && !search) || (plan === 'filter' && !Object.keys(filter()).length)) continue;
              planTuning.force = plan;
              const forced = await ids({ ...input, offset, limit });
              expect(forced, `${plan} ${JSON.stringify({ ...input, offset, limit })}`).toEqual(chosen);
              compared += 1;
            }
          }
        }
      }
    }
    planTuning.force = null;
    expect(compared).toBeGreaterThan(100);
  });
});
