// The outbox worker: claims due lane heads (bounded concurrency, the remote's rate limit, only
// while the remote is reachable), performs them, and records each outcome. Outcomes and the next
// claims share one transaction per cycle, so a drain of thousands costs hundreds of commits, not
// thousands. A claim is committed before its request leaves: whatever happens next, a crash
// leaves the row in flight and the next start reconciles it before trying again.
import type Database from 'better-sqlite3';
import type { SyncClock } from './clock';
import type { Connectivity } from './connectivity';
import { isRemoteError } from './errors';
import type { HttpClient } from './http';
import { operationKind, type OperationKind } from './kinds';
import { statements, type OutboxRow } from './outbox';
import { decideAfterFailure, MAX_ATTEMPTS, type BackoffOptions } from './policy';
import { recordOutcome, type Outcome } from './outcomes';
import type { TokenBucket } from './rate-limit';

export interface WorkerRemote {
  name: string;
  http: HttpClient;
  limiter: TokenBucket;
}

export interface WorkerOptions {
  sqlite: Database.Database;
  clock: SyncClock;
  connectivity: Connectivity;
  remotes: WorkerRemote[];
  concurrency: number;
  backoff: BackoffOptions;
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

/** Longest sleep when nothing is due: a safety net for rows written by anyone who did not wake us. */
const IDLE_RECHECK_MS = 60_000;

export class OutboxWorker {
  private readonly running = new Map<string, AbortController>();
  private finished: { claimed: Claimed; outcome: Outcome }[] = [];
  private pumpQueued = false;
  private cancelWake: (() => void) | null = null;
  private wakeAt = Infinity;
  private stopped = true;
  private rotation = 0;
  private readonly s;

  constructor(private readonly o: WorkerOptions) {
    this.s = statements(o.sqlite);
  }

  /** Rows left in flight by a previous run (crash, kill) are reconciled before anything is sent again. */
  start(delayMs: number): void {
    this.stopped = false;
    const at = this.o.clock.now().toISOString();
    const recovered = this.s.recover.run({ at }).changes;
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

  inFlight(): number {
    return this.running.size;
  }

  /** Records the outcomes already known, then abandons calls still running (their rows stay in flight). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelWake?.();
    try {
      if (this.finished.length) this.o.sqlite.transaction(() => this.flush(new Set()))();
    } catch (e) {
      this.o.log('Synchronisation : enregistrement des derniers résultats impossible', e);
    }
    for (const c of this.running.values()) c.abort();
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
    const claimed: Claimed[] = [];
    let retryIn = IDLE_RECHECK_MS;
    try {
      this.o.sqlite.transaction(() => {
        this.flush(tables);
        retryIn = this.claim(claimed, tables);
      })();
    } catch (e) {
      this.o.log('Synchronisation : lecture de la file impossible', e);
      retryIn = 5_000;
      claimed.length = 0;
    }
    if (tables.size) this.o.onChanged([...tables]);
    for (const c of claimed) void this.execute(c);
    this.wakeIn(retryIn);
  }

  /** Claims due lane heads into free slots; returns how long until more work could be due. */
  private claim(claimed: Claimed[], tables: Set<string>): number {
    let free = this.o.concurrency - this.running.size;
    const now = this.o.clock.now();
    const at = now.toISOString();
    let retryIn = IDLE_RECHECK_MS;
    const remotes = this.o.remotes;
    this.rotation = (this.rotation + 1) % Math.max(remotes.length, 1);
    for (let i = 0; i < remotes.length && free > 0; i++) {
      const remote = remotes[(this.rotation + i) % remotes.length]!;
      if (!this.o.connectivity.allowsWork(remote.name)) continue;
      const tokens = remote.limiter.available();
      if (tokens < 1) {
        retryIn = Math.min(retryIn, Math.max(remote.limiter.msUntilAvailable(), 10));
        continue;
      }
      const rows = this.s.dueHeads.all({ remote: remote.name, at, limit: Math.min(free, tokens) }) as OutboxRow[];
      for (const row of rows) {
        const parsed = this.parse(row);
        if ('reason' in parsed) {
          recordOutcome(this.o.sqlite, { row, kind: parsed.kind, payload: null }, { type: 'park', code: parsed.code, message: parsed.reason }, now, tables);
          continue;
        }
        if (this.s.claim.run({ id: row.id, at }).changes !== 1) continue;
        tables.add('outbox');
        claimed.push({ row: { ...row, attempts: row.attempts + 1 }, kind: parsed.kind, payload: parsed.payload, remote });
        free -= 1;
      }
      if (free > 0) {
        const next = (this.s.nextHeadDue.get({ remote: remote.name }) as { at: string | null }).at;
        if (next) retryIn = Math.min(retryIn, Math.max(Date.parse(next) - now.getTime(), 10));
      }
    }
    return retryIn;
  }

  /** Stored payloads are parsed on every read: a row that no longer parses is parked, never retried forever. */
  private parse(row: OutboxRow): { kind: OperationKind<any, any>; payload: unknown } | { kind: OperationKind<any, any> | undefined; code: string; reason: string } {
    const kind = operationKind(row.kind);
    if (!kind) {
      return { kind, code: 'unknown_kind', reason: `Opération « ${row.kind} » inconnue de cette version de Comptoir. Mettez Comptoir à jour, ou annulez l'opération.` };
    }
    let data: unknown;
    try {
      data = JSON.parse(row.payload);
    } catch {
      return { kind, code: 'invalid_payload', reason: `Données de l'opération « ${kind.label} » illisibles. Annulez-la puis refaites l'action depuis le dossier.` };
    }
    const parsed = kind.payload.safeParse(data);
    if (!parsed.success) {
      const what = parsed.error.issues.slice(0, 2).map((i) => `${i.path.join('.') || 'données'} : ${i.message}`).join(' ; ');
      return { kind, code: 'invalid_payload', reason: `Données de l'opération « ${kind.label} » invalides (${what}). Annulez-la puis refaites l'action depuis le dossier.` };
    }
    return { kind, payload: parsed.data };
  }

  private async execute(c: Claimed): Promise<void> {
    const controller = new AbortController();
    this.running.set(c.row.id, controller);
    const io = { http: c.remote.http, signal: controller.signal, idempotencyKey: c.row.idempotencyKey, operationId: c.row.id, attempt: c.row.attempts };
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
      outcome ??= { type: 'done', result: await c.kind.perform(c.payload, io) };
    } catch (e) {
      outcome = this.afterError(c, e, resolved);
    }
    if (this.running.get(c.row.id) !== controller) return; // stopped meanwhile: the row stays in flight
    this.running.delete(c.row.id);
    this.finished.push({ claimed: c, outcome });
    this.wake();
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

  private flush(tables: Set<string>): void {
    const batch = this.finished;
    this.finished = [];
    const now = this.o.clock.now();
    for (const { claimed, outcome } of batch) recordOutcome(this.o.sqlite, claimed, outcome, now, tables);
  }
}

export { MAX_ATTEMPTS };
