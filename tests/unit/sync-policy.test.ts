import { describe, expect, it } from 'vitest';
import { RemoteError, type FailureKind } from '../../src-main/sync/errors';
import { backoffDelay, decideAfterFailure, MAX_ATTEMPTS, parseRetryAfter, UNREACHABLE_MAX_DELAY_MS } from '../../src-main/sync/policy';

const pinned = (random: number) => ({ baseMs: 2_000, maxMs: 30 * 60_000, random: () => random });

describe('backoff', () => {
  it.each([
    [1, 0, 1_000],
    [1, 0.999999, 2_000],
    [2, 0.5, 3_000],
    [5, 0.5, 24_000],
    [11, 0, 900_000],
    [50, 0.5, 1_350_000],
  ])('attempt %i with jitter %f waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, pinned(random))).toBe(expected);
  });

  it('spreads desks that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, { baseMs: 2_000, maxMs: 60_000, random: Math.random })));
    expect(delays.size).toBeGreaterThan(40);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(8_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(16_000);
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-07-01T08:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7_000],
    ['Wed, 01 Jul 2026 08:01:30 GMT', 90_000],
    ['Wed, 01 Jul 2026 07:00:00 GMT', 0],
    ['bientôt', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('what follows a failure', () => {
  const error = (failure: FailureKind, details = {}) => new RemoteError(failure, 'swikly', 'message', details);
  const backoff = pinned(0.5);

  it.each([
    ['client', 1, { action: 'park' }],
    ['server', 1, { action: 'retry', delayMs: 1_500, reconcileFirst: true, unreachable: false }],
    ['server', MAX_ATTEMPTS, { action: 'park' }],
    ['malformed_response', 3, { action: 'retry', delayMs: 6_000, reconcileFirst: true, unreachable: false }],
    ['timeout', 1, { action: 'retry', delayMs: 1_500, reconcileFirst: true, unreachable: true }],
    ['network', 200, { action: 'retry', delayMs: UNREACHABLE_MAX_DELAY_MS, reconcileFirst: true, unreachable: true }],
    ['rate_limited', 1, { action: 'retry', delayMs: 1_500, reconcileFirst: false, unreachable: false }],
  ] as const)('%s at attempt %i', (failure, attempts, expected) => {
    expect(decideAfterFailure(error(failure), attempts, backoff)).toEqual(expected);
  });

  it('waits exactly what a 429 asked, however many attempts before', () => {
    expect(decideAfterFailure(error('rate_limited', { retryAfterMs: 45_000 }), 12, backoff)).toMatchObject({ action: 'retry', delayMs: 45_000 });
  });
});
