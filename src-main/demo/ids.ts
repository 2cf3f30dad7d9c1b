// UUIDv7 ids for demo rows, stamped with the row's own (past) creation instant so ids sort like
// the history they pretend to be. db/ids.ts clamps to the latest instant it has handed out and
// draws 16 random bytes per call; the demo writes hundreds of thousands of rows, so it draws its
// random bits from a pool instead. Ids are random (not seeded): a second seed into the same file
// can never collide with the first.
//
// Each id is made by one String.fromCharCode call, a flat string at once: joining 2-digit pieces
// made some fifteen intermediate strings per id, then a flat copy when SQLite was given it
// (~650 000 ids for 100 000 dossiers: ~0.1 s less, and less garbage).
import { randomFillSync } from 'node:crypto';

/** Character codes of each byte's two lowercase hex digits. */
const HIGH = new Uint8Array(256);
const LOW = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  const hex = i.toString(16).padStart(2, '0');
  HIGH[i] = hex.charCodeAt(0);
  LOW[i] = hex.charCodeAt(1);
}
const DASH = 0x2d;
const pool = Buffer.allocUnsafe(10 * 4096);
let pos = pool.length;

export function demoId(ms: number): string {
  if (pos + 10 > pool.length) {
    randomFillSync(pool);
    pos = 0;
  }
  const p = pos;
  pos += 10;
  const t = Math.max(0, Math.floor(ms));
  const hi = Math.floor(t / 4294967296) & 0xffff;
  const lo = t >>> 0;
  // 48-bit instant, version 7 and 12 random bits, variant 10 and 62 random bits.
  const t0 = hi >>> 8;
  const t1 = hi & 0xff;
  const t2 = lo >>> 24;
  const t3 = (lo >>> 16) & 0xff;
  const t4 = (lo >>> 8) & 0xff;
  const t5 = lo & 0xff;
  const v = 0x70 | (pool[p]! & 0x0f);
  const r1 = pool[p + 1]!;
  const w = 0x80 | (pool[p + 2]! & 0x3f);
  const r3 = pool[p + 3]!;
  const r4 = pool[p + 4]!;
  const r5 = pool[p + 5]!;
  const r6 = pool[p + 6]!;
  const r7 = pool[p + 7]!;
  const r8 = pool[p + 8]!;
  const r9 = pool[p + 9]!;
  return String.fromCharCode(
    HIGH[t0]!, LOW[t0]!, HIGH[t1]!, LOW[t1]!, HIGH[t2]!, LOW[t2]!, HIGH[t3]!, LOW[t3]!, DASH,
    HIGH[t4]!, LOW[t4]!, HIGH[t5]!, LOW[t5]!, DASH,
    HIGH[v]!, LOW[v]!, HIGH[r1]!, LOW[r1]!, DASH,
    HIGH[w]!, LOW[w]!, HIGH[r3]!, LOW[r3]!, DASH,
    HIGH[r4]!, LOW[r4]!, HIGH[r5]!, LOW[r5]!, HIGH[r6]!, LOW[r6]!, HIGH[r7]!, LOW[r7]!, HIGH[r8]!, LOW[r8]!, HIGH[r9]!, LOW[r9]!,
  );
}
