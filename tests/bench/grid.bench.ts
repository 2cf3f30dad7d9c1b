// G1–G7 of PERFORMANCE.md, measured in Debian's Chromium through the browser host, on demo
// databases of 100,000 and 1,000,000 dossiers. Each timing runs in the page, from the user's
// action to the first animation frame after the grid has settled (aria-busy false, rows in the DOM).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { percentile, row, type BenchRow } from './harness';

const NOW = '2026-07-11T09:00:00+02:00';
/**
 * Samples per scenario. The p95 is nearest-rank: of 9 samples it was the slowest one, so a single
 * stall of the shared machine decided the row; of 20 it is the second slowest.
 */
const RUNS = 20;

/**
 * Knobs for comparing builds on a shared machine (none changes what is measured):
 * - COMPTOIR_APP_ROOT: run another build (a directory holding dist/, migrations/, package.json),
 *   e.g. a copy of the build before a change, to measure both in the same conditions;
 * - BENCH_DB_CACHE: keep the seeded demo databases there and start each run from a copy (the
 *   1,000,000-dossier seed takes minutes);
 * - BENCH_RPC=1: also print where each action's time went (requests to main, their time to first
 *   byte, and what remained for the renderer);
 * - BENCH_FULL_1M=1: measure G3–G5 and G7 on 1,000,000 dossiers too.
 */
const APP_ROOT = resolve(process.env.COMPTOIR_APP_ROOT ?? '.');
const DB_CACHE = process.env.BENCH_DB_CACHE ? resolve(process.env.BENCH_DB_CACHE) : null;
const RPC_DETAIL = process.env.BENCH_RPC === '1';

async function startHost(bookings: number): Promise<{ url: string; stop(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-'));
  const cached = DB_CACHE ? join(DB_CACHE, String(bookings)) : null;
  if (cached && existsSync(join(cached, 'comptoir.db'))) cpSync(cached, dataDir, { recursive: true });
  else if (cached) {
    // Seed once with the host itself, stopped cleanly so the copy holds a checkpointed database.
    const seed = await startHostIn(mkdtempSync(join(tmpdir(), 'comptoir-seed-')), bookings);
    await seed.stop();
    mkdirSync(DB_CACHE!, { recursive: true });
    cpSync(seed.dataDir, cached, { recursive: true });
    rmSync(seed.dataDir, { recursive: true, force: true });
    cpSync(cached, dataDir, { recursive: true });
  }
  const host = await startHostIn(dataDir, bookings);
  return {
    url: host.url,
    stop: () => {
      void host.stop().then(() => rmSync(dataDir, { recursive: true, force: true }));
    },
  };
}

async function startHostIn(dataDir: string, bookings: number): Promise<{ url: string; dataDir: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(APP_ROOT, 'dist/main/serve.cjs'), '--data-dir', dataDir, '--bookings', String(bookings), '--now', NOW], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = out.match(/Comptoir ready at (\S+)/);
      if (m) done(m[1]!);
    });
    child.on('exit', (code) => fail(new Error(`host exited ${code}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((done) => {
        child.removeAllListeners('exit');
        child.on('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * In-page helpers: act, then time until the grid went busy and settled, plus one frame. Plain
 * JavaScript in a string: the bundler that runs this file renames functions, the page must not care.
 */
const PAGE_HELPERS = `
  const grid = () => document.querySelector('[role="grid"][aria-label="Dossiers"]');
  const firstRow = () => document.querySelector('.grid-body [role="row"]:not(.loading)');
  // Requests to main seen since t0 (BENCH_RPC): when each started and ended, and its time to first byte.
  performance.setResourceTimingBufferSize(100000);
  const rpcsSince = (t0) => performance.getEntriesByType('resource').filter((e) => e.name.includes('/rpc/')).map((e) => ({
    name: e.name.split('/rpc/')[1], start: e.startTime - t0, ttfb: e.responseStart - e.requestStart, end: e.responseEnd - t0,
  }));
  const done = (t0, resolve, domAt) => requestAnimationFrame(() => {
    const ms = performance.now() - t0;
    window.__last = { ms, domAt, rpcs: rpcsSince(t0) };
    resolve(ms);
  });
  window.__settled = (act) => new Promise((resolve) => {
    let sawBusy = false, finished = false;
    performance.clearResourceTimings();
    const t0 = performance.now();
    const check = () => {
      const g = grid();
      if (!g) return;
      if (g.getAttribute('aria-busy') === 'true') sawBusy = true;
      else if (sawBusy && firstRow() && !finished) {
        finished = true;
        observer.disconnect();
        done(t0, resolve, performance.now() - t0);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    act();
    check();
  });
  window.__firstRows = () => new Promise((resolve) => {
    performance.clearResourceTimings();
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (firstRow()) {
        observer.disconnect();
        done(t0, resolve, performance.now() - t0);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true });
    window.location.hash = '#/dossiers';
  });
  // React listens to native input/change events: set the value the way a user's edit would.
  window.__setValue = (el, value) => {
    const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  };
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
  window.__sweep = (frames, rowsPerFrame) => new Promise((resolve) => {
    const g = grid();
    performance.clearResourceTimings();
    window.__longTasks = [];
    const t0 = performance.now();
    const deltas = [];
    let last = 0, n = 0;
    const step = (t) => {
      deltas.push(t - last);
      last = t;
      g.scrollTop += rowsPerFrame * 28;
      if (++n < frames) requestAnimationFrame(step);
      else {
        window.__last = { ms: performance.now() - t0, domAt: 0, rpcs: rpcsSince(t0), longTasks: window.__longTasks.slice() };
        resolve(deltas.slice(2));
      }
    };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(step); });
  });
  // Requests to main still unanswered (fetch is looked up at each call by the page's API client).
  window.__inflight = 0;
  const pageFetch = window.fetch;
  window.fetch = (...args) => {
    window.__inflight += 1;
    return pageFetch(...args).finally(() => { window.__inflight -= 1; });
  };
  window.__idle = () => new Promise((resolve) => {
    const tick = () => (window.__inflight === 0 ? resolve() : setTimeout(tick, 5));
    tick();
  });
  window.__act = (body, arg) => window.__settled(() => new Function('arg', body)(arg));
`;

interface Detail {
  ms: number;
  domAt: number;
  rpcs: { name: string; start: number; ttfb: number; end: number }[];
  longTasks?: number[];
}
const details = new Map<string, Detail[]>();
async function keepDetail(page: Page, id: string): Promise<void> {
  if (!RPC_DETAIL) return;
  const d = (await page.evaluate('window.__last')) as Detail;
  details.set(id, [...(details.get(id) ?? []), d]);
}

const med = (xs: number[]) => (xs.length ? percentile(xs, 50).toFixed(1) : '–');

/** BENCH_RPC: per scenario, medians of the total, of the list requests' time to first byte, of the
 * last list response's arrival, and what else was asked of main during the action. */
function printDetails(): void {
  for (const [id, runs] of details) {
    const lists = runs.map((r) => r.rpcs.filter((c) => c.name === 'bookings/list'));
    const others = new Map<string, number>();
    for (const r of runs) for (const c of r.rpcs) if (c.name !== 'bookings/list') others.set(c.name, (others.get(c.name) ?? 0) + 1);
    const lastEnd = lists.filter((l) => l.length).map((l) => Math.max(...l.map((c) => c.end)));
    console.error(
      `${id}: total ${med(runs.map((r) => r.ms))} ms; rows in DOM at ${med(runs.map((r) => r.domAt))}; ` +
        `list requests/run ${med(lists.map((l) => l.length))}, ttfb ${med(lists.flat().map((c) => c.ttfb))} ` +
        `(max ${med(lists.filter((l) => l.length).map((l) => Math.max(...l.map((c) => c.ttfb))))}), last list response at ${med(lastEnd)}` +
        (others.size ? `; also: ${[...others].map(([n, k]) => `${n}×${k}`).join(', ')}` : '') +
        (runs.length > 1
          ? `; slowest: ${(() => {
              const w = runs.reduce((a, b) => (b.ms > a.ms ? b : a));
              const l = w.rpcs.filter((c) => c.name === 'bookings/list');
              return `run ${runs.indexOf(w) + 1}/${runs.length}, ${w.ms.toFixed(1)} ms, list ttfb ${l.map((c) => c.ttfb.toFixed(1)).join('+') || '–'}, response at ${l.map((c) => c.end.toFixed(1)).join('+') || '–'}`;
            })()}`
          : '') +
        (runs[0]?.longTasks ? `; long tasks ${runs.flatMap((r) => r.longTasks ?? []).map((t) => t.toFixed(0)).join(' ')}` : ''),
    );
  }
  details.clear();
}

/** `act` is a function body run in the page with `arg`. */
async function timeSettled(page: Page, act: string, arg?: unknown, id?: string): Promise<number> {
  const ms = (await page.evaluate(`window.__act(${JSON.stringify(act)}, ${JSON.stringify(arg ?? null)})`)) as number;
  if (id) await keepDetail(page, id);
  return ms;
}

const clickHeader = `
  const header = [...document.querySelectorAll('[role="columnheader"]')].find((h) => h.textContent.startsWith(arg));
  header.querySelector('button').click();`;
const setControl = `window.__setValue(document.querySelector(arg.selector), arg.value);`;
/** The agency of the top bar, by its place in the list (0: « Toutes les agences »). */
const chooseAgency = `const select = document.querySelector('select[aria-label="Agence"]'); window.__setValue(select, select.options[arg].value);`;
const COLUMNS = ['N° dossier', 'Statut', 'Locataire', 'Logement', 'Arrivée', 'Départ', 'Nuits', 'Montant', 'Solde', 'Caut.', 'Source', 'Agence'];

async function measureSize(bookings: number, label: string, full: boolean): Promise<BenchRow[]> {
  const host = await startHost(bookings);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const rows: BenchRow[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Accueil — infos du jour' }).waitFor();
    await page.evaluate(PAGE_HELPERS);
    await page.getByRole('combobox', { name: 'Agence' }).selectOption({ label: 'Toutes les agences' });

    const g1: number[] = [];
    const g1Busy: number[] = [];
    for (let i = 0; i <= 2 * RUNS; i++) {
      await page.evaluate(`window.location.hash = '#/accueil'`);
      await page.getByRole('list', { name: 'Infos du jour' }).waitFor();
      // Warm: Accueil has finished its own queries before the clerk opens Dossiers. Its cards show
      // before its e-mail counts have come back; every other turn opens Dossiers while they are
      // still being counted (main answers one request at a time), reported apart.
      const busy = i % 2 === 0;
      if (!busy) await page.evaluate('window.__idle()');
      const ms = (await page.evaluate('window.__firstRows()')) as number;
      if (i > 0) {
        (busy ? g1Busy : g1).push(ms); // the first open is the cold one
        await keepDetail(page, `G1${busy ? '-busy' : ''}${label}`);
      }
    }
    rows.push(row(`G1${label}`, `Dossiers ouverts → premières lignes (${bookings.toLocaleString('fr-FR')} dossiers, à chaud)`, g1, 100));
    console.error(
      `G1${label} opened while Accueil is still counting: median ${percentile(g1Busy, 50).toFixed(1)} ms, p95 ${percentile(g1Busy, 95).toFixed(1)} ms`,
    );

    const g2: number[] = [];
    for (let i = 0; i < RUNS; i++) g2.push(await timeSettled(page, clickHeader, 'Arrivée', `G2${label}`));
    rows.push(row(`G2${label}`, `Tri par arrivée (${bookings.toLocaleString('fr-FR')})`, g2, 100));

    if (full) {
      const g3: number[] = [];
      for (let i = 0; i < RUNS; i++) g3.push(await timeSettled(page, clickHeader, 'Locataire', `G3${label}`));
      rows.push(row(`G3${label}`, `Tri par locataire (${bookings.toLocaleString('fr-FR')})`, g3, 200));

      // G4 and G5 sorted by arrival (the grid's default column), then again sorted by tenant: a name
      // sort is the hard case for a filter or a search, whose matches are not spread along it.
      const filterAndSearch = async (suffix: string, orderText: string, names: string[]) => {
        const g4: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          g4.push(await timeSettled(page, setControl, { selector: 'select[aria-label="Caut."]', value: 'unsecured' }, `G4${suffix}${label}`));
          await timeSettled(page, setControl, { selector: 'select[aria-label="Caut."]', value: '' });
        }
        rows.push(row(`G4${suffix}${label}`, `Filtre « Caut. non sécurisée » avec total${orderText} (${bookings.toLocaleString('fr-FR')})`, g4, 50));

        const g5: number[] = [];
        // Four names typed letter by letter, each round its own (no first letter in common): every
        // keystroke is a search main has not counted yet.
        const typed = names.flatMap((name) => [...name].map((_, i) => name.slice(0, i + 1)));
        for (const value of typed) g5.push(await timeSettled(page, setControl, { selector: 'input[aria-label="Rechercher"]', value }, `G5${suffix}${label}`));
        await timeSettled(page, setControl, { selector: 'input[aria-label="Rechercher"]', value: '' });
        rows.push(row(`G5${suffix}${label}`, `Recherche, une frappe${orderText} (${bookings.toLocaleString('fr-FR')})`, g5, 50));
      };
      await timeSettled(page, clickHeader, 'Arrivée');
      await filterAndSearch('', '', ['martin', 'dupont', 'bernard', 'petit']);
      await timeSettled(page, clickHeader, 'Locataire');
      await filterAndSearch('-tenant', ', trié par locataire', ['robert', 'lefebvre', 'garcia', 'fournier']);

      // Every column sorted once, then the same with one agency chosen (a clerk works on their
      // own): the filter and the sort then both take part in the plan.
      const sortEveryColumn = async (suffix: string, scope: string) => {
        const samples: number[] = [];
        for (let i = 0; i < 2; i++) for (const column of COLUMNS) samples.push(await timeSettled(page, clickHeader, column, `G2-columns${suffix}${label}`));
        rows.push(row(`G2-columns${suffix}${label}`, `Tri par chaque colonne, deux fois${scope} (${bookings.toLocaleString('fr-FR')})`, samples, 100));
      };
      await sortEveryColumn('', '');
      await timeSettled(page, chooseAgency, 1);
      await sortEveryColumn('-agency', ', une agence choisie');
      await timeSettled(page, clickHeader, 'Arrivée');
      await filterAndSearch('-agency', ', une agence choisie', ['simon', 'thomas', 'vincent', 'colin']);
      await timeSettled(page, chooseAgency, 0);
    }

    // The sweep's step is the whole table's length over 300 frames: wait until the count shown is
    // the unfiltered one again (a search just cleared is counted a frame after its rows are in), or
    // a stale « 490 dossiers » makes the sweep crawl 10 rows a frame and fetch every block.
    const shownCount = async () => Number(((await page.locator('output.count').textContent()) ?? '').replace(/\D/g, ''));
    for (let waited = 0; (await shownCount()) !== bookings && waited < 10_000; waited += 50) await page.waitForTimeout(50);
    const total = await shownCount();
    const frames = 300;
    const frameDeltas = (await page.evaluate(`window.__sweep(${frames}, ${Math.max(10, Math.floor(total / frames))})`)) as number[];
    await keepDetail(page, `G6${label}`);
    rows.push(row(`G6${label}`, `Défilement de bout en bout, durée des images (${bookings.toLocaleString('fr-FR')})`, frameDeltas, 18));
    rows.push(row(`G6max${label}`, `Défilement, image la plus longue (${bookings.toLocaleString('fr-FR')})`, [Math.max(...frameDeltas)], 25));

    if (full) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heap = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 1024 / 1024;
      // Reported in MB in the ms columns: the harness has one row shape.
      rows.push(row(`G7${label}`, `Tas JS du rendu, grille ouverte, en Mo (${bookings.toLocaleString('fr-FR')})`, [heap], 120));
    }
    printDetails();
  } finally {
    await browser.close();
    host.stop();
  }
  return rows;
}

/** G1–G7 on 100,000 dossiers. */
export const run = () => measureSize(100_000, '', true);
/** G1, G2, G6 on 1,000,000 dossiers (BENCH_FULL_1M=1: every G row, as PERFORMANCE.md aims). */
export const runMillion = () => measureSize(1_000_000, '-1M', process.env.BENCH_FULL_1M === '1');
