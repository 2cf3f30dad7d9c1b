// The outbox worker: claims due lane heads (bounded concurrency, the remote's rate limit, only
// while the remote is reachable), performs them, and records each outcome. Outcomes and the next
// claims share one transaction per cycle, and each cycle claims a round ahead, so a drain of
// thousands costs hundreds of commits, not thousands. A claim is committed before its request
// leaves: whatever happens next, a crash leaves the row in flight and the next start reconciles it.
import { setMaxListeners } from 'node:events';
import type Database from 'better-sqlite3';
import type { SyncClock } from './clock';
import type { Connectivity } from './connectivity';
import { isRemoteError, meansUnreachable } from './errors';
import type { HttpClient } from './http';
import type { OperationKind } from './kinds';
import { readStored, statements, type OutboxRow } from './outbox';
import { decideAfterFailure, type BackoffOptions } from './policy';
import { recordOutcome, type Outcome } from './outcomes';
import type { TokenBucket } from './rate-limit';

export interface WorkerRemote {
  name: string;
  /** Null for a remote with a client of its own (SMTP): the worker reports its reachability. */
  http: HttpClient | null;
  /** A custom remote's own client, handed to its kinds as io.client. */
  client?: unknown;
  limiter: TokenBucket;
  /**
   * At most this many of its rows in flight at once, claims waiting for a slot included. For a
   * remote that cannot be asked what it received (SMTP), every row in flight at a crash needs a
   * decision from staff: claiming no further ahead than the client can send keeps those few.
   */
  maxInFlight?: number;
}

export interface WorkerOptions {
  sqlite: Database.Database;
  clock: SyncClock;
  connectivity: Connectivity;
  remotes: WorkerRemote[];
  concurrency: number;
  backoff: BackoffOptions;
  /** How long after its claim a row found in flight at start is looked up (see outbox recover). */
  recoveryGraceMs: number;
  /** After a commit that changed these tables. */
  onChanged(tables: string[]): void;
  log(message: string, error: unknown): void;
}

interface Claimed {
  row: OutboxRow;
  kind: OperationKind<any, any>;
  payload: unknown;
  remote: WorkerRemote;
}

/** What a kind of a custom remote finds in io.http: using it is a bug, said plainly. */
function noHttp(remote: string): HttpClient {
  return new Proxy({} as HttpClient, {
    get() {
      throw new Error(`Remote '${remote}' has no HTTP client: its kinds bring their own`);
    },
  });
}

/** Longest sleep when nothing is due: a safety net for rows written by anyone who did not wake us. */
const IDLE_RECHECK_MS = 60_000;

export class OutboxWorker {
  private readonly shutdown = new AbortController();
  private readonly running = new Map<string, Claimed>();
  /** Claimed (in flight on disk) and waiting for a free slot. */
  private ready: Claimed[] = [];
  private finished: { claimed: Claimed; outcome: Outcome }[] = [];
  private pumpQueued = false;
  private cancelWake: (() => void) | null = null;
  private wakeAt = Infinity;
  private stopped = true;
  private rotation = 0;
  private readonly s;

  private remotes: WorkerRemote[];

  constructor(private readonly o: WorkerOptions) {
    this.remotes = o.remotes;
    this.s = statements(o.sqlite);
    // Every call in flight listens to the one shutdown signal.
    setMaxListeners(o.concurrency * 2 + 16, this.shutdown.signal);
  }

  /** Rows left in flight by a previous run (crash, kill) are reconciled before anything is sent again. */
  start(delayMs: number): void {
    this.stopped = false;
    const grace = `+${this.o.recoveryGraceMs / 1000} seconds`;
    const recovered = this.s.recover.run({ at: this.o.clock.now().toISOString(), grace }).changes;
    if (recovered > 0) this.o.onChanged(['outbox']);
    this.wakeIn(delayMs);
  }

  /** Something was enqueued, retried or a remote came back: look for work now. */
  wake(): void {
    if (this.stopped || this.pumpQueued) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** Remotes added, replaced or removed at run time (settings saved). Calls in flight finish on the old one. */
  setRemotes(remotes: WorkerRemote[]): void {
    this.remotes = remotes;
  }

  inFlight(): number {
    return this.running.size;
  }

  private inFlightFor(remote: string): number {
    let n = 0;
    for (const c of this.running.values()) if (c.remote.name === remote) n++;
    for (const c of this.ready) if (c.remote.name === remote) n++;
    return n;
  }

  /** Rows in flight on disk: the calls running and the claims waiting for a slot. */
  inFlightByRemote(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const c of [...this.running.values(), ...this.ready]) counts.set(c.remote.name, (counts.get(c.remote.name) ?? 0) + 1);
    return counts;
  }

  /** Records the outcomes already known and releases unsent claims; calls still running stay in flight. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelWake?.();
    for (const claimed of this.ready) this.finished.push({ claimed, outcome: { type: 'release' } });
    this.ready = [];
    try {
      if (this.finished.length) this.o.sqlite.transaction(() => this.flush(this.finished, new Set()))();
    } catch (e) {
      this.o.log('Synchronisation : enregistrement des derniers résultats impossible', e);
    }
    this.shutdown.abort();
    this.running.clear();
  }

  private wakeIn(ms: number): void {
    const at = this.o.clock.now().getTime() + Math.max(0, ms);
    if (at >= this.wakeAt) return;
    this.cancelWake?.();
    this.wakeAt = at;
    this.cancelWake = this.o.clock.setTimer(() => {
      this.cancelWake = null;
      this.wakeAt = Infinity;
      this.pump();
    }, ms);
  }

  private pump(): void {
    if (this.stopped) return;
    const tables = new Set<string>();
    const outcomes = this.finished;
    this.finished = [];
    const claimed: Claimed[] = [];
    let retryIn = IDLE_RECHECK_MS;
    try {
      this.o.sqlite.transaction(() => {
        this.flush(outcomes, tables);
        retryIn = this.claim(claimed, tables);
      })();
      // Only claims that are committed may leave.
      this.ready.push(...claimed);
    } catch (e) {
      // Rolled back (disk full, database locked by another program): keep the outcomes for the next
      // cycle, and forget the claims, which never happened.
      this.o.log('Synchronisation : enregistrement dans la file impossible', e);
      this.finished = outcomes.concat(this.finished);
      retryIn = 5_000;
    }
    if (tables.size) this.o.onChanged([...tables]);
    this.startReady();
    this.wakeIn(retryIn);
  }

  /** Claims due lane heads, a round ahead of the free slots; returns how long until more could be due. */
  private claim(claimed: Claimed[], tables: Set<string>): number {
    let room = this.o.concurrency * 2 - this.running.size - this.ready.length;
    const now = this.o.clock.now();
    const at = now.toISOString();
    let retryIn = IDLE_RECHECK_MS;
    const remotes = this.remotes;
    this.rotation = (this.rotation + 1) % Math.max(remotes.length, 1);
    for (let i = 0; i < remotes.length && room > 0; i++) {
      const remote = remotes[(this.rotation + i) % remotes.length]!;
      if (!this.o.connectivity.allowsWork(remote.name)) continue;
      const cap = remote.maxInFlight === undefined ? Infinity : remote.maxInFlight - this.inFlightFor(remote.name);
      if (cap < 1) continue;
      const tokens = remote.limiter.available();
      if (tokens < 1) {
        retryIn = Math.min(retryIn, Math.max(remote.limiter.msUntilAvailable(), 10));
        continue;
      }
      const rows = this.s.dueHeads.all({ remote: remote.name, at, limit: Math.min(room, tokens, cap) }) as OutboxRow[];
      for (const row of rows) {
        const stored = readStored(row);
        if ('reason' in stored) {
          recordOutcome(this.o.sqlite, { row, kind: stored.kind, payload: null }, { type: 'park', code: stored.code, message: stored.reason }, now, tables);
          continue;
        }
        if (this.s.claim.run({ id: row.id, at }).changes !== 1) continue;
        tables.add('outbox');
        claimed.push({ row: { ...row, attempts: row.attempts + 1 }, kind: stored.kind, payload: stored.payload, remote });
        room -= 1;
      }
      if (room > 0) {
        const next = (this.s.nextHeadDue.get({ remote: remote.name }) as { at: string } | undefined)?.at;
        if (next) retryIn = Math.min(retryIn, Math.max(Date.parse(next) - now.getTime(), 10));
      }
    }
    return retryIn;
  }

  /** Fills free slots from the claimed rows; a claim whose remote went offline meanwhile is released. */
  private startReady(): void {
    let released = false;
    while (!this.stopped && this.running.size < this.o.concurrency && this.ready.length > 0) {
      const c = this.ready.shift()!;
      if (this.o.connectivity.allowsWork(c.remote.name)) void this.execute(c);
      else {
        this.finished.push({ claimed: c, outcome: { type: 'release' } });
        released = true;
      }
    }
    if (released) this.wake();
  }

  private async execute(c: Claimed): Promise<void> {
    this.running.set(c.row.id, c);
    const io = { http: c.remote.http ?? noHttp(c.remote.name), client: c.remote.client, sqlite: this.o.sqlite, signal: this.shutdown.signal, idempotencyKey: c.row.idempotencyKey, operationId: c.row.id, attempt: c.row.attempts };
    // Whether we know the remote does not hold the effect of an earlier attempt.
    let resolved = !c.row.reconcileFirst;
    let outcome: Outcome | null = null;
    try {
      if (!resolved) {
        const found = await c.kind.reconcile(c.payload, io);
        if (found.status === 'done') outcome = { type: 'done', result: found.result };
        else if (found.status === 'unknown') outcome = { type: 'park', code: 'unknown_outcome', message: found.message };
        else resolved = true;
      }
      // HTTP remotes take their token per request in the client; a custom remote's is taken here.
      if (!outcome && !c.remote.http) await c.remote.limiter.take(this.shutdown.signal);
      outcome ??= { type: 'done', result: await c.kind.perform(c.payload, io) };
      if (!c.remote.http) this.o.connectivity.reachable(c.remote.name);
    } catch (e) {
      if (this.stopped) return; // shutting down: the row stays in flight, the next start reconciles it
      if (!c.remote.http && isRemoteError(e) && meansUnreachable(e.failure)) this.o.connectivity.unreachable(c.remote.name, e);
      outcome = this.afterError(c, e, resolved);
    }
    if (this.stopped) return; // the row stays in flight: the next start reconciles it
    this.running.delete(c.row.id);
    this.finished.push({ claimed: c, outcome });
    this.startReady();
    // Record outcomes and claim the next round once half of the round claimed ahead has started.
    if (this.ready.length <= this.o.concurrency / 2) this.wake();
  }

  private afterError(c: Claimed, e: unknown, resolved: boolean): Outcome {
    if (!isRemoteError(e)) {
      this.o.log(`Synchronisation : erreur interne pendant « ${c.kind.label} »`, e);
      return { type: 'park', code: 'internal', message: `Erreur interne pendant « ${c.kind.label} ». Notez l'heure, prévenez l'assistance, puis réessayez.` };
    }
    const decision = decideAfterFailure(e, c.row.attempts, this.o.backoff);
    if (decision.action === 'park') {
      const prefix = e.failure === 'client' ? '' : `Échec après ${c.row.attempts} tentatives. `;
      return { type: 'park', code: e.failure, message: prefix + e.message };
    }
    if (e.failure === 'rate_limited' && e.details.retryAfterMs !== undefined) {
      c.remote.limiter.pauseUntil(this.o.clock.now().getTime() + e.details.retryAfterMs);
    }
    return { type: 'retry', code: e.failure, message: e.message, delayMs: decision.delayMs, reconcileFirst: !resolved || decision.reconcileFirst };
  }

  private flush(outcomes: { claimed: Claimed; outcome: Outcome }[], tables: Set<string>): void {
    const now = this.o.clock.now();
    for (const { claimed, outcome } of outcomes) recordOutcome(this.o.sqlite, claimed, outcome, now, tables);
  }
}
