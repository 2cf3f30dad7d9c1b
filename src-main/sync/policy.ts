// What the worker does after a failed attempt. Small pure rules, tested on their own.
import { mayHaveReachedRemote, meansUnreachable, type RemoteError } from './errors';

export interface BackoffOptions {
  /** Delay after the first failure; doubles each attempt. */
  baseMs: number;
  maxMs: number;
  /** In [0, 1): injectable so tests can pin the jitter. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 30 * 60_000, random: Math.random };

/**
 * Attempts a remote refuses for reasons of its own (5xx, unreadable answers) before the operation
 * is parked for staff to look at: with the default backoff, about half a day of trying.
 */
export const MAX_ATTEMPTS = 30;

/** Longest wait of a row after a network error or timeout, once its remote answers again. */
export const UNREACHABLE_MAX_DELAY_MS = 60_000;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so desks that
 * failed together do not all come back in the same second.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random());
}

/** Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

export type FailureDecision =
  | {
      action: 'retry';
      delayMs: number;
      /** The attempt may have reached the remote: reconcile before sending again. */
      reconcileFirst: boolean;
      /** The remote looks unreachable: pause it and probe, rather than backing off this row alone. */
      unreachable: boolean;
    }
  | { action: 'park' };

export function decideAfterFailure(error: RemoteError, attempts: number, backoff: BackoffOptions): FailureDecision {
  const reconcileFirst = mayHaveReachedRemote(error.failure) && !error.details.notApplied;
  switch (error.failure) {
    case 'client':
      return { action: 'park' };
    case 'network':
    case 'timeout':
    case 'aborted':
      // Connectivity, not this operation: never parked for it. The remote is paused and probed; the
      // short cap brings the row back soon after the network does, while an endpoint that resets
      // every call (but answers probes) is still only tried about once a minute.
      return {
        action: 'retry',
        delayMs: Math.min(backoffDelay(attempts, backoff), UNREACHABLE_MAX_DELAY_MS),
        reconcileFirst,
        unreachable: meansUnreachable(error.failure),
      };
    case 'rate_limited': {
      const wait = error.details.retryAfterMs ?? backoffDelay(attempts, backoff);
      return { action: 'retry', delayMs: wait, reconcileFirst: false, unreachable: false };
    }
    case 'server':
    case 'malformed_response':
      if (attempts >= MAX_ATTEMPTS) return { action: 'park' };
      return { action: 'retry', delayMs: backoffDelay(attempts, backoff), reconcileFirst, unreachable: false };
  }
}
