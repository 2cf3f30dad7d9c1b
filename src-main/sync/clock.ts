// The sync engine's sense of time. Everything that waits (backoff, probes, pollers, the rate
// limiter) goes through one injectable clock, so a test can spend "an hour offline" in a second.

export interface SyncClock {
  now(): Date;
  /** Calls `fn` once after `ms`; returns a function that cancels it. Never keeps the process alive. */
  setTimer(fn: () => void, ms: number): () => void;
}

function realTimer(fn: () => void, ms: number): () => void {
  const handle = setTimeout(fn, Math.max(0, ms));
  handle.unref?.();
  return () => clearTimeout(handle);
}

export const systemClock: SyncClock = { now: () => new Date(), setTimer: realTimer };

/**
 * For a host started with --now: business rules see the pinned instant, while the engine's clock
 * starts there and moves with real time, so backoff and "next attempt" still mean something.
 */
export function clockStartingAt(start: Date): SyncClock {
  const origin = performance.now();
  return {
    now: () => new Date(start.getTime() + Math.round(performance.now() - origin)),
    setTimer: realTimer,
  };
}
