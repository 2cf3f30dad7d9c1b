// The sync engine: one HTTP client, rate limiter and connectivity entry per remote, the outbox
// worker and the pollers sharing them, and the status the renderer shows. Created with the app
// core; it makes no remote call at start, and its first look at the outbox comes after a delay.
import type Database from 'better-sqlite3';
import type { SyncStatus } from '../../src-shared/contract/sync';
import { systemClock, type SyncClock } from './clock';
import { Connectivity, type RemoteState } from './connectivity';
import { createHttpClient, type HttpClient, type RemoteEndpoint } from './http';
import type { Transport } from './transport';
import { statements } from './outbox';
import { DEFAULT_BACKOFF, type BackoffOptions } from './policy';
import { PollerRunner, type Poller, type PollReport } from './pollers';
import { TokenBucket, type RateLimit } from './rate-limit';
import { OutboxWorker } from './worker';

export interface RemoteSetup extends RemoteEndpoint {
  rate: RateLimit;
  /** A light request proving the remote answers (GET /ping…); any HTTP answer counts as reachable. */
  probe(http: HttpClient, signal: AbortSignal): Promise<unknown>;
}

/**
 * A remote spoken to by a client of its own (SMTP): the engine paces it, tracks whether it is
 * reachable and probes it; its kinds do the talking and throw RemoteErrors like the HTTP client.
 */
export interface CustomRemoteSetup {
  custom: true;
  name: string;
  label: string;
  rate: RateLimit;
  /** Resolves when the remote answers (an SMTP greeting…); rejects with a RemoteError otherwise. */
  probe(signal: AbortSignal): Promise<unknown>;
  /** Handed to the remote's kinds as io.client (this engine's SMTP transport…). */
  client: unknown;
  /** Rows in flight at once for this remote (see WorkerRemote.maxInFlight). */
  maxInFlight?: number;
  /** Ends the client's connections when the remote is replaced or the engine stops. */
  close?(): void;
  timeoutMs?: number;
}

export type AnyRemoteSetup = RemoteSetup | CustomRemoteSetup;
const isCustom = (s: AnyRemoteSetup): s is CustomRemoteSetup => 'custom' in s && s.custom === true;

export interface SyncSetup {
  remotes?: AnyRemoteSetup[];
  pollers?: Poller[];
  clock?: SyncClock;
  /** Operations in flight at once, all remotes together. */
  concurrency?: number;
  backoff?: Partial<BackoffOptions>;
  probeBackoff?: Partial<BackoffOptions>;
  /** Lets the first window paint before the engine reads the outbox or polls. */
  startDelayMs?: number;
  /** Rows found in flight at start are looked up this long after their claim (30 s by default). */
  recoveryGraceMs?: number;
  /** How requests leave (tests may pass fetchTransport); Node's http/https by default. */
  transport?: Transport;
  /** Coalesces status events and outbox notifications during a drain. */
  statusDebounceMs?: number;
  /** Where unexpected failures are reported (console by default). */
  log?(message: string, error: unknown): void;
}

/** What services see of the engine (ServiceContext.sync). */
export interface SyncPort {
  /** The engine's clock: stamps of outbox rows. */
  now(): Date;
  /** Rows were enqueued, retried or cancelled: look for work and refresh the status. */
  changed(): void;
  status(): SyncStatus;
  remoteLabel(remote: string): string;
  remoteState(remote: string): RemoteState | 'unconfigured';
  /** Probe an offline remote now (staff asked to retry). */
  probeNow(remote: string): void;
  /** Adds or replaces a remote whose settings staff changed (an agency's SMTP server). */
  setRemote(setup: AnyRemoteSetup): void;
  /** Forgets a remote whose settings were removed; its rows wait as « non configuré ». */
  removeRemote(name: string): void;
  /** Adds or replaces a poller (an agency connected its Swikly account), and forgets one. */
  setPoller(poller: Poller): void;
  removePoller(name: string): void;
  /** Polls one poller now; `force` reads everything it follows, not only what is due (« Actualiser », tests). */
  pollNow(name: string, force?: boolean): Promise<PollReport>;
}

export interface SyncEngine extends SyncPort {
  start(): void;
  stop(): void;
  inFlight(): number;
}

export interface SyncEngineOptions extends SyncSetup {
  sqlite: Database.Database;
  /** Tables changed by the engine (after commit). */
  notify(tables: string[]): void;
  emitStatus(status: SyncStatus): void;
}

/** Names of remotes whose integration may not be configured on this desk yet. */
const KNOWN_LABELS: Record<string, string> = {
  swikly: 'Swikly',
  elloha: 'elloha',
  smtp: "Serveur d'e-mails",
  letters: 'Courrier postal',
};

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((m, e) => console.error(m, e));
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const probeBackoff = { ...DEFAULT_BACKOFF, baseMs: 1_000, maxMs: 60_000, ...options.probeBackoff };
  const setups = options.remotes ?? [];
  const debounceMs = options.statusDebounceMs ?? 250;

  let pendingTables = new Set<string>();
  let statusTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  const flushStatus = () => {
    statusTimer = null;
    if (stopped) return;
    const tables = [...pendingTables];
    pendingTables = new Set();
    if (tables.length) options.notify(tables);
    try {
      options.emitStatus(engine.status());
    } catch (e) {
      log('Synchronisation : état indisponible', e);
    }
  };
  // Real time on purpose: this only paces screen refreshes, it decides nothing.
  const statusSoon = (tables: string[] = []) => {
    tables.forEach((t) => pendingTables.add(t));
    if (statusTimer || stopped) return;
    statusTimer = setTimeout(flushStatus, debounceMs);
    statusTimer.unref();
  };

  const connectivity = new Connectivity({
    clock,
    backoff: probeBackoff,
    probe: async (name) => {
      const remote = remotes.get(name);
      if (!remote) return;
      const signal = AbortSignal.timeout(remote.setup.timeoutMs ?? 15_000);
      if (isCustom(remote.setup)) await remote.setup.probe(signal);
      else await remote.setup.probe(remote.http!, signal);
    },
    onChange: (remote, state) => {
      statusSoon();
      if (state === 'offline') return;
      worker.wake();
      pollers.remoteBack(remote);
    },
  });

  interface Remote {
    setup: AnyRemoteSetup;
    /** Null for custom remotes, which bring their own client. */
    http: HttpClient | null;
    limiter: TokenBucket;
  }
  const build = (setup: AnyRemoteSetup): Remote => {
    const limiter = new TokenBucket(setup.rate, clock);
    if (isCustom(setup)) return { setup, http: null, limiter };
    const http = createHttpClient(setup, {
      transport: options.transport,
      limiter,
      now: () => clock.now(),
      onOutcome: (outcome, error) =>
        outcome === 'reachable' ? connectivity.reachable(setup.name) : connectivity.unreachable(setup.name, error!),
    });
    return { setup, http, limiter };
  };
  const closeRemote = (r: Remote) => (r.http ? r.http.close() : isCustom(r.setup) && r.setup.close?.());
  const remotes = new Map(setups.map((setup) => [setup.name, build(setup)] as const));
  const workerRemotes = () =>
    [...remotes.values()].map((r) => ({
      name: r.setup.name,
      http: r.http,
      limiter: r.limiter,
      ...(isCustom(r.setup) ? { client: r.setup.client, maxInFlight: r.setup.maxInFlight } : {}),
    }));

  const worker = new OutboxWorker({
    sqlite: options.sqlite,
    clock,
    connectivity,
    remotes: workerRemotes(),
    concurrency: options.concurrency ?? 8,
    backoff,
    recoveryGraceMs: options.recoveryGraceMs ?? 30_000,
    onChanged: (tables) => {
      statusSoon(tables);
      pollers.tablesChanged(tables);
    },
    log,
  });

  const pollers = new PollerRunner({
    sqlite: options.sqlite,
    clock,
    connectivity,
    http: (name) => remotes.get(name)?.http ?? undefined,
    pollers: options.pollers ?? [],
    backoff: { ...backoff, baseMs: 5_000 },
    // One poll applies its batch in one transaction: tell screens at once, there is no storm to coalesce.
    onChanged: (tables) => options.notify(tables),
    log,
  });

  const remoteLabel = (name: string) => remotes.get(name)?.setup.label ?? KNOWN_LABELS[name] ?? KNOWN_LABELS[name.split(':')[0]!] ?? name;

  const engine: SyncEngine = {
    now: () => clock.now(),
    changed() {
      worker.wake();
      statusSoon();
    },
    status() {
      const s = statements(options.sqlite);
      const per = new Map<string, { pending: number; failed: number }>();
      const entry = (remote: string) => per.get(remote) ?? per.set(remote, { pending: 0, failed: 0 }).get(remote)!;
      let pending = 0;
      let failed = 0;
      for (const c of s.countPending.all() as { remote: string; n: number }[]) {
        entry(c.remote).pending += c.n;
        pending += c.n;
      }
      for (const [remote, n] of worker.inFlightByRemote()) {
        entry(remote).pending += n;
        pending += n;
      }
      for (const c of s.countFailed.all() as { remote: string; n: number }[]) {
        entry(c.remote).failed += c.n;
        failed += c.n;
      }
      const lights = [...remotes.values()].map(({ setup }) => {
        const d = connectivity.describe(setup.name);
        return {
          name: setup.name,
          label: setup.label,
          state: d.state,
          pending: per.get(setup.name)?.pending ?? 0,
          failed: per.get(setup.name)?.failed ?? 0,
          lastError: d.lastError,
          changedAt: d.changedAt?.toISOString() ?? null,
        };
      });
      return { online: lights.every((l) => l.state !== 'offline'), pending, failed, remotes: lights };
    },
    remoteLabel,
    remoteState: (name) => (remotes.has(name) ? connectivity.state(name) : 'unconfigured'),
    probeNow: (name) => connectivity.probeNow(name),
    setRemote(setup) {
      const previous = remotes.get(setup.name);
      remotes.set(setup.name, build(setup));
      worker.setRemotes(workerRemotes());
      if (previous) closeRemote(previous);
      // New settings deserve a fresh look: an earlier "offline" may have been the old settings' fault.
      connectivity.forget(setup.name);
      statusSoon();
      worker.wake();
    },
    setPoller: (poller) => pollers.setPoller(poller),
    removePoller: (name) => pollers.removePoller(name),
    removeRemote(name) {
      const previous = remotes.get(name);
      if (!previous) return;
      remotes.delete(name);
      worker.setRemotes(workerRemotes());
      closeRemote(previous);
      connectivity.forget(name);
      statusSoon();
    },
    start() {
      const delay = options.startDelayMs ?? 2_000;
      worker.start(delay);
      pollers.start(delay);
    },
    stop() {
      stopped = true;
      if (statusTimer) clearTimeout(statusTimer);
      pollers.stop();
      connectivity.stop();
      worker.stop();
      for (const r of remotes.values()) closeRemote(r);
    },
    pollNow: (name, force) => pollers.pollNow(name, force),
    inFlight: () => worker.inFlight(),
  };
  return engine;
}
