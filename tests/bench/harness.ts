// Benchmark harness for `npm run bench`: every suite returns rows; run.ts prints them as one table
// and writes bench-results/latest.json (merged by id, so suites can be run one at a time).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchRow {
  id: string;
  scenario: string;
  median_ms: number;
  p95_ms: number;
  target_ms: number;
  pass: boolean;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** A row from samples: passes when its p95 is within the target (the tables in PERFORMANCE.md are p95). */
export function row(id: string, scenario: string, samples: number[], target: number): BenchRow {
  const p95 = percentile(samples, 95);
  return { id, scenario, median_ms: round(percentile(samples, 50)), p95_ms: round(p95), target_ms: target, pass: p95 <= target };
}

/** Runs `fn` `times` times after `warmup` untimed runs; returns the durations in ms. */
export async function sample(times: number, fn: () => unknown | Promise<unknown>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

export function printTable(rows: BenchRow[]): void {
  const head = ['id', 'scenario', 'median ms', 'p95 ms', 'target ms', 'pass'];
  const lines = rows.map((r) => [r.id, r.scenario, r.median_ms.toFixed(2), r.p95_ms.toFixed(2), String(r.target_ms), r.pass ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

export function writeResults(rows: BenchRow[], dir = 'bench-results'): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  let previous: BenchRow[] = [];
  try {
    previous = JSON.parse(readFileSync(file, 'utf8')) as BenchRow[];
  } catch {
    // first run
  }
  const byId = new Map(previous.map((r) => [r.id, r]));
  for (const r of rows) byId.set(r.id, r);
  const merged = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  return file;
}
