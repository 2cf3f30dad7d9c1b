import type { SyncClock } from '../../src-main/sync/clock';

/** A clock that moves only when the test says so; timers fire in order as it moves. */
export class FakeClock implements SyncClock {
  private t: number;
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  /** Moves time forward, firing every timer that falls due on the way (including ones they set). */
  advance(ms: number): void {
    const target = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = target;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}

export const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Advances the fake clock step by step, letting real I/O (HTTP to the fake remote, SQLite) run
 * between steps, until `done()` holds. Fails with `what` if it never does within `maxMs` of fake time.
 */
export async function driveUntil(
  clock: FakeClock,
  done: () => boolean | Promise<boolean>,
  { stepMs = 1_000, maxMs = 3_600_000, realMs = 5, what = 'condition', realTimeoutMs = 15_000 } = {},
): Promise<number> {
  let spent = 0;
  const deadline = Date.now() + realTimeoutMs;
  while (!(await done())) {
    if (spent >= maxMs) throw new Error(`${what}: still not reached after ${maxMs} ms of fake time`);
    if (Date.now() > deadline) throw new Error(`${what}: still not reached after ${realTimeoutMs} ms of real time`);
    clock.advance(stepMs);
    spent += stepMs;
    await realSleep(realMs);
  }
  return spent;
}

/** Lets `ms` of fake time pass in steps, with real I/O between steps. */
export async function driveFor(clock: FakeClock, ms: number, { stepMs = 1_000, realMs = 5 } = {}): Promise<void> {
  for (let spent = 0; spent < ms; spent += stepMs) {
    clock.advance(Math.min(stepMs, ms - spent));
    await realSleep(realMs);
  }
}

/** Waits in real time (for I/O) until `done()` holds. */
export async function waitFor(done: () => boolean | Promise<boolean>, { timeoutMs = 10_000, what = 'condition' } = {}): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await realSleep(5);
  }
}
