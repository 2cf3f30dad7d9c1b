import { describe, expect, it } from 'vitest';
import { Connectivity } from '../../src-main/sync/connectivity';
import { RemoteError } from '../../src-main/sync/errors';
import { TokenBucket } from '../../src-main/sync/rate-limit';
import { FakeClock } from '../support/fake-clock';

describe('token bucket', () => {
  it('allows a burst, then the sustained rate', () => {
    const clock = new FakeClock('2026-07-01T08:00:00Z');
    const bucket = new TokenBucket({ perSecond: 2, burst: 3 }, clock);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    expect(bucket.msUntilAvailable()).toBe(500);
    clock.advance(499);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(1);
    expect(bucket.tryTake()).toBe(true);
    clock.advance(60_000);
    expect(bucket.available()).toBe(3);
  });

  it('stays shut until the time a 429 gave', () => {
    const clock = new FakeClock('2026-07-01T08:00:00Z');
    const bucket = new TokenBucket({ perSecond: 10, burst: 10 }, clock);
    bucket.pauseUntil(clock.now().getTime() + 30_000);
    expect(bucket.available()).toBe(0);
    expect(bucket.msUntilAvailable()).toBe(30_000);
    clock.advance(30_000);
    expect(bucket.tryTake()).toBe(true);
  });

  it('makes callers wait on the engine clock, in turn', async () => {
    const clock = new FakeClock('2026-07-01T08:00:00Z');
    const bucket = new TokenBucket({ perSecond: 1, burst: 1 }, clock);
    const order: string[] = [];
    await bucket.take();
    const a = bucket.take().then(() => order.push('a'));
    await Promise.resolve();
    expect(order).toEqual([]);
    clock.advance(1_000);
    await a;
    expect(order).toEqual(['a']);
    const aborted = new AbortController();
    const b = bucket.take(aborted.signal);
    aborted.abort(new Error('fermeture'));
    await expect(b).rejects.toThrow('fermeture');
  });
});

describe('connectivity', () => {
  const unreachable = new RemoteError('network', 'swikly', 'Swikly est injoignable (ECONNREFUSED).');

  it('goes offline on a network failure, probes with growing waits, and comes back on the first answer', async () => {
    const clock = new FakeClock('2026-07-01T08:00:00Z');
    const probes: number[] = [];
    let up = false;
    const changes: string[] = [];
    const start = clock.now().getTime();
    const c: Connectivity = new Connectivity({
      clock,
      backoff: { baseMs: 1_000, maxMs: 8_000, random: () => 0.999999 },
      onChange: (_r, s) => changes.push(s),
      probe: async (remote) => {
        probes.push(clock.now().getTime() - start);
        if (!up) {
          c.unreachable(remote, unreachable);
          throw unreachable;
        }
      },
    });
    expect(c.allowsWork('swikly')).toBe(true);
    c.unreachable('swikly', unreachable);
    expect(c.allowsWork('swikly')).toBe(false);
    expect(c.describe('swikly')).toMatchObject({ state: 'offline', lastError: unreachable.message });
    for (let i = 0; i < 40; i++) {
      clock.advance(1_000);
      await Promise.resolve();
      await Promise.resolve();
    }
    expect(probes).toEqual([1_000, 3_000, 7_000, 15_000, 23_000, 31_000, 39_000]);
    up = true;
    c.probeNow('swikly');
    await Promise.resolve();
    expect(c.state('swikly')).toBe('online');
    expect(changes).toEqual(['offline', 'online']);
    c.stop();
  });
});
