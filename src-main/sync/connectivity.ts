// Whether each remote can be reached, learnt from real request outcomes. A remote goes offline on a
// network error or a timeout; then only a light probe is sent, with backoff, until it answers.
import type { SyncClock } from './clock';
import type { RemoteError } from './errors';
import { backoffDelay, type BackoffOptions } from './policy';

export type RemoteState = 'unknown' | 'online' | 'offline';

interface Entry {
  state: RemoteState;
  lastError: string | null;
  changedAt: Date | null;
  probeFailures: number;
  cancelProbe: (() => void) | null;
  probing: boolean;
}

export interface ConnectivityOptions {
  clock: SyncClock;
  /** Sends the remote's light probe; rejects when it could not be reached. */
  probe(remote: string): Promise<void>;
  onChange(remote: string, state: RemoteState): void;
  backoff: BackoffOptions;
}

export class Connectivity {
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(private readonly options: ConnectivityOptions) {}

  private entry(remote: string): Entry {
    let e = this.entries.get(remote);
    if (!e) {
      e = { state: 'unknown', lastError: null, changedAt: null, probeFailures: 0, cancelProbe: null, probing: false };
      this.entries.set(remote, e);
    }
    return e;
  }

  state(remote: string): RemoteState {
    return this.entry(remote).state;
  }

  /** Work for a remote is held back only while it is known to be offline (unknown means: try). */
  allowsWork(remote: string): boolean {
    return this.entry(remote).state !== 'offline';
  }

  describe(remote: string): { state: RemoteState; lastError: string | null; changedAt: Date | null } {
    const e = this.entry(remote);
    return { state: e.state, lastError: e.lastError, changedAt: e.changedAt };
  }

  reachable(remote: string): void {
    const e = this.entry(remote);
    e.lastError = null;
    e.probeFailures = 0;
    if (e.state === 'online') return;
    e.cancelProbe?.();
    e.cancelProbe = null;
    this.set(remote, e, 'online');
  }

  unreachable(remote: string, error: RemoteError): void {
    const e = this.entry(remote);
    e.lastError = error.message;
    if (e.state === 'offline') return;
    this.set(remote, e, 'offline');
    this.scheduleProbe(remote, e);
  }

  /** Staff clicked « Réessayer » on a remote we believe offline: probe now rather than at the next backoff. */
  probeNow(remote: string): void {
    const e = this.entry(remote);
    if (e.state !== 'offline' || e.probing) return;
    e.cancelProbe?.();
    e.cancelProbe = null;
    void this.runProbe(remote, e);
  }

  /** The remote's settings changed: what we knew of it no longer holds. */
  forget(remote: string): void {
    const e = this.entries.get(remote);
    if (!e) return;
    e.cancelProbe?.();
    this.entries.delete(remote);
  }

  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) e.cancelProbe?.();
  }

  private set(remote: string, e: Entry, state: RemoteState): void {
    e.state = state;
    e.changedAt = this.options.clock.now();
    this.options.onChange(remote, state);
  }

  private scheduleProbe(remote: string, e: Entry): void {
    if (this.stopped || e.cancelProbe || e.probing) return;
    e.probeFailures += 1;
    e.cancelProbe = this.options.clock.setTimer(() => {
      e.cancelProbe = null;
      void this.runProbe(remote, e);
    }, backoffDelay(e.probeFailures, this.options.backoff));
  }

  private async runProbe(remote: string, e: Entry): Promise<void> {
    if (this.stopped) return;
    e.probing = true;
    try {
      await this.options.probe(remote);
      // The HTTP helper reported the answer already; a probe that answered means reachable.
      this.reachable(remote);
    } catch {
      // Reported as unreachable by the HTTP helper (or the probe refused): try again later.
    } finally {
      e.probing = false;
    }
    if (e.state === 'offline') this.scheduleProbe(remote, e);
  }
}
