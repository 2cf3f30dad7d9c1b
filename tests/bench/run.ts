// npm run bench [-- suite…]: runs the benchmark suites (all by default), prints one table and
// writes bench-results/latest.json. Never part of `npm test`: timings are not assertions.
import { printTable, writeResults, type BenchRow } from './harness';

const suites: Record<string, () => Promise<BenchRow[]>> = {
  db: async () => (await import('./db.bench')).run(),
  grid: async () => (await import('./grid.bench')).run(),
  sync: async () => (await import('./sync.bench')).run(),
  email: async () => (await import('./email.bench')).run(),
  'grid-1m': async () => (await import('./grid.bench')).runMillion(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(suites);
const rows: BenchRow[] = [];
for (const name of names) {
  const suite = suites[name];
  if (!suite) throw new Error(`Suite inconnue : ${name} (connues : ${Object.keys(suites).join(', ')})`);
  console.error(`— ${name}…`);
  rows.push(...(await suite()));
}
printTable(rows);
console.log(`\nRésultats : ${writeResults(rows)}`);
