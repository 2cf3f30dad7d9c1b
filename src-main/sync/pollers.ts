// Pollers: a desktop behind NAT gets no webhooks, so remote changes (deposit statuses, elloha
// reservations, letter statuses) are read with a stored cursor. What a poll read and the cursor
// after it are saved in one transaction: a crash re-reads a page, it never skips or half-applies one.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { SyncClock } from './clock';
import type { Connectivity } from './connectivity';
import { isRemoteError } from './errors';
import type { HttpClient } from './http';
import { backoffDelay, type BackoffOptions } from './policy';

export interface PollerContext {
  sqlite: Database.Database;
  now: Date;
}

export interface PollResult<C, T> {
  items: T[];
  cursor: C;
  /** The remote has more right now: poll again at once. */
  more?: boolean;
}

export interface Poller<C = any, T = any> {
  /** 'swikly/deposits'; the key of its stored cursor. */
  name: string;
  remote: string;
  cursor: z.ZodType<C>;
  initialCursor: C;
  /** Wait before the next poll; shorter while something urgent is waiting (arrivals this week…). */
  interval(ctx: PollerContext): number;
  /** Reads changes since `cursor`; answers are parsed by the HTTP helper before they get here. */
  fetch(
    cursor: C,
    io: { http: HttpClient; signal: AbortSignal; sqlite: Database.Database; now: Date; /** Staff asked for a fresh read of everything (« Actualiser »). */ force: boolean },
  ): Promise<PollResult<C, T>>;
  /** Applies them inside the transaction that saves the cursor; returns the tables it changed. */
  apply(ctx: PollerContext, items: T[]): string[];
  /** Tables whose change (by the outbox worker) may bring work forward: the poller looks again soon. */
  wakeOn?: string[];
}

export function definePoller<C, T>(poller: Poller<C, T>): Poller<C, T> {
  return poller;
}

export interface PollReport {
  ok: boolean;
  items: number;
  tables: string[];
  error?: string;
}

interface State {
  cursor: { value: unknown; json: string } | null;
  failures: number;
  /** The last cycle could not reach the remote (or skipped it as offline). */
  waitingForRemote: boolean;
  cancel: (() => void) | null;
  running: Promise<PollReport> | null;
}

export interface PollerRunnerOptions {
  sqlite: Database.Database;
  clock: SyncClock;
  connectivity: Connectivity;
  http(remote: string): HttpClient | undefined;
  pollers: Poller[];
  backoff: BackoffOptions;
  onChanged(tables: string[]): void;
  log(message: string, error: unknown): void;
}

export class PollerRunner {
  private readonly states = new Map<string, State>();
  private readonly controller = new AbortController();
  private stopped = true;
  private pollers: Poller[];

  constructor(private readonly o: PollerRunnerOptions) {
    this.pollers = [...o.pollers];
    for (const p of this.pollers) this.states.set(p.name, { cursor: null, failures: 0, waitingForRemote: false, cancel: null, running: null });
  }

  start(delayMs: number): void {
    this.stopped = false;
    for (const p of this.pollers) this.schedule(p, delayMs);
  }

  /** Adds or replaces a poller at run time (an agency connected its Swikly account); it polls soon. */
  setPoller(p: Poller, delayMs = 0): void {
    this.removePoller(p.name);
    this.pollers.push(p);
    this.states.set(p.name, { cursor: null, failures: 0, waitingForRemote: false, cancel: null, running: null });
    if (!this.stopped) this.schedule(p, delayMs);
  }

  removePoller(name: string): void {
    const state = this.states.get(name);
    state?.cancel?.();
    this.states.delete(name);
    this.pollers = this.pollers.filter((p) => p.name !== name);
  }

  stop(): void {
    this.stopped = true;
    this.controller.abort();
    for (const s of this.states.values()) s.cancel?.();
  }

  /** The remote answers again: pollers that could not reach it poll now rather than at their next turn. */
  remoteBack(remote: string): void {
    for (const p of this.pollers) {
      const state = this.states.get(p.name)!;
      if (p.remote === remote && state.waitingForRemote && !state.running) this.schedule(p, 0);
    }
  }

  /** The outbox worker changed these tables: pollers that follow them look at their schedule again. */
  tablesChanged(tables: string[]): void {
    for (const p of this.pollers) {
      const state = this.states.get(p.name);
      if (state && !state.running && p.wakeOn?.some((t) => tables.includes(t))) this.schedule(p, 0);
    }
  }

  /** Polls one poller now (and reschedules it); for tests, benchmarks and « Actualiser ». */
  pollNow(name: string, force = false): Promise<PollReport> {
    const poller = this.pollers.find((p) => p.name === name);
    if (!poller) return Promise.resolve({ ok: false, items: 0, tables: [], error: `poller inconnu : ${name}` });
    return this.cycle(poller, force);
  }

  private schedule(p: Poller, ms: number): void {
    const state = this.states.get(p.name);
    if (!state) return; // removed meanwhile
    state.cancel?.();
    if (this.stopped) return;
    const run = () => {
      state.cancel = null;
      void this.cycle(p);
    };
    if (ms <= 0) {
      const handle = setImmediate(run);
      state.cancel = () => clearImmediate(handle);
    } else state.cancel = this.o.clock.setTimer(run, ms);
  }

  private cycle(p: Poller, force = false): Promise<PollReport> {
    const state = this.states.get(p.name);
    if (!state) return Promise.resolve({ ok: false, items: 0, tables: [], error: 'relève retirée' });
    // A forced poll asked while one runs comes after it: what staff want is a read from now.
    if (force && state.running) return state.running.then(() => this.cycle(p, true));
    state.running ??= this.runOnce(p, state, force)
      .catch((e: unknown) => {
        // A poller's own code failed outside its fetch (its interval query…): try again later, never crash.
        this.o.log(`Synchronisation : relève « ${p.name} » interrompue`, e);
        this.schedule(p, backoffDelay(++state.failures, this.o.backoff));
        return { ok: false, items: 0, tables: [], error: 'erreur interne' };
      })
      .finally(() => (state.running = null));
    return state.running;
  }

  private async runOnce(p: Poller, state: State, force: boolean): Promise<PollReport> {
    const http = this.o.http(p.remote);
    const ctx = () => ({ sqlite: this.o.sqlite, now: this.o.clock.now() });
    if (!http || !this.o.connectivity.allowsWork(p.remote)) {
      // Unconfigured or offline: no request; the connectivity probe will tell when it is back.
      state.waitingForRemote = Boolean(http);
      this.schedule(p, p.interval(ctx()));
      return { ok: false, items: 0, tables: [], error: 'hors ligne' };
    }
    try {
      const cursor = this.loadCursor(p, state);
      const result = await p.fetch(cursor, { http, signal: this.controller.signal, sqlite: this.o.sqlite, now: this.o.clock.now(), force });
      if (this.stopped) return { ok: false, items: 0, tables: [] };
      const tables = this.applyBatch(p, state, result);
      state.failures = 0;
      state.waitingForRemote = false;
      if (tables.length) this.o.onChanged(tables);
      this.schedule(p, result.more ? 0 : p.interval(ctx()));
      return { ok: true, items: result.items.length, tables };
    } catch (e) {
      if (this.stopped) return { ok: false, items: 0, tables: [] };
      state.failures += 1;
      state.waitingForRemote = isRemoteError(e) && (e.failure === 'network' || e.failure === 'timeout');
      const message = isRemoteError(e) ? e.message : `Erreur interne (${(e as Error).message})`;
      if (!isRemoteError(e)) this.o.log(`Synchronisation : relève « ${p.name} » en échec`, e);
      this.recordError(p, message);
      this.schedule(p, Math.max(p.interval(ctx()), backoffDelay(state.failures, this.o.backoff)));
      return { ok: false, items: 0, tables: [], error: message };
    }
  }

  /** What was read and the cursor after it, in one transaction; nothing is written for an empty poll. */
  private applyBatch(p: Poller, state: State, result: PollResult<unknown, unknown>): string[] {
    const json = JSON.stringify(result.cursor);
    if (result.items.length === 0 && json === state.cursor?.json) return [];
    const now = this.o.clock.now();
    const tables = this.o.sqlite.transaction(() => {
      const changed = result.items.length ? p.apply({ sqlite: this.o.sqlite, now }, result.items) : [];
      this.o.sqlite
        .prepare(
          `INSERT INTO sync_cursors (poller, cursor, last_success_at, created_at, updated_at) VALUES (@name, @json, @at, @at, @at)
           ON CONFLICT (poller) DO UPDATE SET cursor = @json, last_success_at = @at, last_error = NULL, updated_at = @at`,
        )
        .run({ name: p.name, json, at: now.toISOString() });
      return changed;
    })();
    state.cursor = { value: result.cursor, json };
    return tables;
  }

  private loadCursor(p: Poller, state: State): unknown {
    if (state.cursor) return state.cursor.value;
    const row = this.o.sqlite.prepare(`SELECT cursor FROM sync_cursors WHERE poller = ?`).get(p.name) as { cursor: string } | undefined;
    let value: unknown = p.initialCursor;
    if (row) {
      let parsed: ReturnType<typeof p.cursor.safeParse> | null = null;
      try {
        parsed = p.cursor.safeParse(JSON.parse(row.cursor));
      } catch {
        parsed = null;
      }
      // An unreadable cursor (older format, damaged row) means reading again from the start:
      // applying a change twice is harmless, skipping one is not.
      if (parsed?.success) value = parsed.data;
      else this.recordError(p, 'Position de lecture illisible : relecture depuis le début.');
    }
    state.cursor = { value, json: JSON.stringify(value) };
    return value;
  }

  /** Best effort: failing to note a failure (database busy) must not turn into a crash of its own. */
  private recordError(p: Poller, message: string): void {
    const at = this.o.clock.now().toISOString();
    try {
      this.o.sqlite
        .prepare(
          `INSERT INTO sync_cursors (poller, cursor, last_error_at, last_error, created_at, updated_at) VALUES (@name, @json, @at, @message, @at, @at)
           ON CONFLICT (poller) DO UPDATE SET last_error_at = @at, last_error = @message, updated_at = @at`,
        )
        .run({ name: p.name, json: JSON.stringify(p.initialCursor), at, message });
    } catch (e) {
      this.o.log(`Synchronisation : échec de la relève « ${p.name} » non enregistré`, e);
    }
  }
}
