import { describe, expect, it } from 'vitest';
import { demoId } from '../../src-main/demo/ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The instant stamped in a UUIDv7 (its first 48 bits), in ms. */
const stamp = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('demoId', () => {
  it('is a UUIDv7 stamped with the given instant (whole ms, never before 1970)', () => {
    const instants = [0, 1, 255, 4_294_967_295, 4_294_967_296, Date.UTC(2017, 0, 1, 9, 30), Date.UTC(2026, 6, 11, 7), 2 ** 48 - 1];
    for (const ms of instants) {
      for (let i = 0; i < 50; i++) {
        const id = demoId(ms);
        expect(id).toMatch(UUID_V7);
        expect(stamp(id)).toBe(ms);
      }
    }
    expect(stamp(demoId(1234.9))).toBe(1234);
    expect(stamp(demoId(-5))).toBe(0);
  });

  it('draws its random bits afresh for every id, across refills of its pool', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) ids.add(demoId(Date.UTC(2026, 0, 1)));
    expect(ids.size).toBe(20_000);
    // Every hex digit shows up in the random part.
    const digits = new Set([...ids].join('').replace(/-/g, ''));
    expect(digits.size).toBe(16);
  });

  it('sorts like the instants it is stamped with', () => {
    const instants = [0, 999, 1000, 65_535, 65_536, 4_294_967_295, 4_294_967_296, Date.UTC(2017, 0, 1), Date.UTC(2026, 6, 11)];
    const ids = instants.map((ms) => demoId(ms));
    expect([...ids].sort()).toEqual(ids);
  });
});
