// UUIDv7 ids for demo rows, stamped with the row's own (past) creation instant so ids sort like
// the history they pretend to be. db/ids.ts clamps to the latest instant it has handed out and
// draws 16 random bytes per call; the demo writes hundreds of thousands of rows, so it draws its
// random bits from a pool instead. Ids are random (not seeded): a second seed into the same file
// can never collide with the first.
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
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
  return (
    HEX[hi >>> 8]! + HEX[hi & 0xff]! + HEX[lo >>> 24]! + HEX[(lo >>> 16) & 0xff]! + '-' +
    HEX[(lo >>> 8) & 0xff]! + HEX[lo & 0xff]! + '-' +
    HEX[0x70 | (pool[p]! & 0x0f)]! + HEX[pool[p + 1]!]! + '-' +
    HEX[0x80 | (pool[p + 2]! & 0x3f)]! + HEX[pool[p + 3]!]! + '-' +
    HEX[pool[p + 4]!]! + HEX[pool[p + 5]!]! + HEX[pool[p + 6]!]! + HEX[pool[p + 7]!]! + HEX[pool[p + 8]!]! + HEX[pool[p + 9]!]!
  );
}
