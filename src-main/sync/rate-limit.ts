// One token bucket per remote API, shared by the outbox worker, the pollers and the probes, so
// all our traffic together stays within what the remote allows.
import type { SyncClock } from './clock';

export interface RateLimit {
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests allowed in a burst after a quiet spell. */
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: SyncClock,
  ) {
    this.tokens = limit.burst;
    this.last = clock.now().getTime();
  }

  private refill(now: number): void {
    const elapsed = now - this.last;
    this.last = now;
    if (elapsed > 0) this.tokens = Math.min(this.limit.burst, this.tokens + (elapsed * this.limit.perSecond) / 1000);
  }

  /** Takes a token if one is there now. */
  tryTake(): boolean {
    const now = this.clock.now().getTime();
    this.refill(now);
    if (now < this.pausedUntil || this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole tokens available now (0 while paused). */
  available(): number {
    const now = this.clock.now().getTime();
    this.refill(now);
    return now < this.pausedUntil ? 0 : Math.floor(this.tokens);
  }

  /** How long until a token can be taken. */
  msUntilAvailable(): number {
    const now = this.clock.now().getTime();
    this.refill(now);
    const refillWait = this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.limit.perSecond);
    return Math.max(this.pausedUntil - now, refillWait, 0);
  }

  /** After a 429 with Retry-After: nobody calls this remote before then. */
  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }

  /** Waits for a token (on the engine's clock), or rejects when `signal` aborts. */
  async take(signal?: AbortSignal): Promise<void> {
    while (!this.tryTake()) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const cancel = this.clock.setTimer(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, this.msUntilAvailable());
        const onAbort = () => {
          cancel();
          reject(signal!.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }
}
