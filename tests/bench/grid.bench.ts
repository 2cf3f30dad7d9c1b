// G1–G7 of PERFORMANCE.md, measured in Debian's Chromium through the browser host, on demo
// databases of 100,000 and 1,000,000 dossiers. Each timing runs in the page, from the user's
// action to the first animation frame after the grid has settled (aria-busy false, rows in the DOM).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { row, type BenchRow } from './harness';

const NOW = '2026-07-11T09:00:00+02:00';
const RUNS = 9;

async function startHost(bookings: number): Promise<{ url: string; stop(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-'));
  const child = spawn(process.execPath, [resolve('dist/main/serve.cjs'), '--data-dir', dataDir, '--bookings', String(bookings), '--now', NOW], {
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
    stop: () => {
      child.kill('SIGTERM');
      setTimeout(() => rmSync(dataDir, { recursive: true, force: true }), 500);
    },
  };
}

/**
 * In-page helpers: act, then time until the grid went busy and settled, plus one frame. Plain
 * JavaScript in a string: the bundler that runs this file renames functions, the page must not care.
 */
const PAGE_HELPERS = `
  const grid = () => document.querySelector('[role="grid"][aria-label="Dossiers"]');
  const firstRow = () => document.querySelector('.grid-body [role="row"]:not(.loading)');
  window.__settled = (act) => new Promise((resolve) => {
    let sawBusy = false, finished = false;
    const t0 = performance.now();
    const check = () => {
      const g = grid();
      if (!g) return;
      if (g.getAttribute('aria-busy') === 'true') sawBusy = true;
      else if (sawBusy && firstRow() && !finished) {
        finished = true;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    act();
    check();
  });
  window.__firstRows = () => new Promise((resolve) => {
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (firstRow()) {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
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
  window.__sweep = (frames, rowsPerFrame) => new Promise((resolve) => {
    const g = grid();
    const deltas = [];
    let last = 0, n = 0;
    const step = (t) => {
      deltas.push(t - last);
      last = t;
      g.scrollTop += rowsPerFrame * 28;
      if (++n < frames) requestAnimationFrame(step);
      else resolve(deltas.slice(2));
    };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(step); });
  });
  window.__act = (body, arg) => window.__settled(() => new Function('arg', body)(arg));
`;

/** `act` is a function body run in the page with `arg`. */
function timeSettled(page: Page, act: string, arg?: unknown): Promise<number> {
  return page.evaluate(`window.__act(${JSON.stringify(act)}, ${JSON.stringify(arg ?? null)})`) as Promise<number>;
}

const clickHeader = `
  const header = [...document.querySelectorAll('[role="columnheader"]')].find((h) => h.textContent.startsWith(arg));
  header.querySelector('button').click();`;
const setControl = `window.__setValue(document.querySelector(arg.selector), arg.value);`;

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
    for (let i = 0; i <= RUNS; i++) {
      await page.evaluate(`window.location.hash = '#/accueil'`);
      // Warm: Accueil has finished its own queries before the clerk opens Dossiers.
      await page.getByRole('list', { name: 'Infos du jour' }).waitFor();
      const ms = (await page.evaluate('window.__firstRows()')) as number;
      if (i > 0) g1.push(ms); // the first open is the cold one
    }
    rows.push(row(`G1${label}`, `Dossiers ouverts → premières lignes (${bookings.toLocaleString('fr-FR')} dossiers, à chaud)`, g1, 100));

    const g2: number[] = [];
    for (let i = 0; i < RUNS; i++) g2.push(await timeSettled(page, clickHeader, 'Arrivée'));
    rows.push(row(`G2${label}`, `Tri par arrivée (${bookings.toLocaleString('fr-FR')})`, g2, 100));

    if (full) {
      const g3: number[] = [];
      for (let i = 0; i < RUNS; i++) g3.push(await timeSettled(page, clickHeader, 'Locataire'));
      rows.push(row(`G3${label}`, `Tri par locataire (${bookings.toLocaleString('fr-FR')})`, g3, 200));

      const g4: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        g4.push(await timeSettled(page, setControl, { selector: 'select[aria-label="Caut."]', value: 'unsecured' }));
        await timeSettled(page, setControl, { selector: 'select[aria-label="Caut."]', value: '' });
      }
      rows.push(row(`G4${label}`, `Filtre « Caut. non sécurisée » avec total (${bookings.toLocaleString('fr-FR')})`, g4, 50));

      const g5: number[] = [];
      const typed = ['m', 'ma', 'mar', 'mart', 'marti', 'martin', 'd', 'du', 'dup', 'dupo', 'dupon', 'dupont'];
      for (const value of typed) g5.push(await timeSettled(page, setControl, { selector: 'input[aria-label="Rechercher"]', value }));
      await timeSettled(page, setControl, { selector: 'input[aria-label="Rechercher"]', value: '' });
      rows.push(row(`G5${label}`, `Recherche, une frappe (${bookings.toLocaleString('fr-FR')})`, g5, 50));
    }

    const total = Number(((await page.locator('output.count').textContent()) ?? '').replace(/\D/g, ''));
    const frames = 300;
    const frameDeltas = (await page.evaluate(`window.__sweep(${frames}, ${Math.max(10, Math.floor(total / frames))})`)) as number[];
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
  } finally {
    await browser.close();
    host.stop();
  }
  return rows;
}

/** G1–G7 on 100,000 dossiers. */
export const run = () => measureSize(100_000, '', true);
/** G1, G2, G6 on 1,000,000 dossiers. */
export const runMillion = () => measureSize(1_000_000, '-1M', false);
