// The registry of operation kinds: what the outbox can ask a remote to do. A kind is code (it ships
// with the build); where its remote lives and the credentials are runtime settings of the engine.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { HttpClient } from './http';

export interface OperationIo {
  /** The kind's remote, with its shared rate limit and connectivity reporting. */
  http: HttpClient;
  /** A custom remote's own client (the agency's SMTP transport); undefined for HTTP remotes. */
  client?: unknown;
  /** For reading what the operation needs at send time (an id a previous operation of its lane got). Never write here. */
  sqlite: Database.Database;
  /** Aborted when Comptoir shuts down mid-call. */
  signal: AbortSignal;
  /** The same on every attempt of this operation: send it wherever the remote accepts one. */
  idempotencyKey: string;
  operationId: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/**
 * What a lookup found about an earlier attempt whose answer was lost: the effect is there (done,
 * with what the remote holds), it is not (safe to send), or nobody can tell (SMTP): then staff decide.
 */
export type ReconcileResult<R> =
  | { status: 'done'; result: R }
  | { status: 'absent' }
  | { status: 'unknown'; message: string };

/** Given to local hooks, which run inside the transaction that records the operation's outcome. */
export interface LocalEffectContext {
  sqlite: Database.Database;
  now: Date;
  operationId: string;
  bookingId: string | null;
}

export interface OperationKind<P = unknown, R = unknown> {
  /** 'swikly/createDeposit'; stored in every row, so never rename a shipped kind. */
  kind: string;
  /** Name of the remote it talks to; rows wait while that remote is unconfigured or offline. */
  remote: string;
  /** French, for the Synchronisation screen: « Demande de caution Swikly ». */
  label: string;
  /** Parsed on enqueue and again on every read: a stored payload is never trusted blindly. */
  payload: z.ZodType<P>;
  /** Performs the remote effect; resolves only once the remote has confirmed it. */
  perform(payload: P, io: OperationIo): Promise<R>;
  /** Looks up whether an earlier attempt already had the effect (before any retry that may duplicate it). */
  reconcile(payload: P, io: OperationIo): Promise<ReconcileResult<R>>;
  /** Local consequences of the confirmed effect; returns the tables it changed. Throwing parks the row. */
  onDone?(tx: LocalEffectContext, payload: P, result: R): string[] | void;
  /** Local consequences of parking the operation as failed (e.g. the deposit shows "échec"). */
  onFailed?(tx: LocalEffectContext, payload: P, reason: string): string[] | void;
  /** Local consequences of staff cancelling it (e.g. the deposit goes back to "à demander"). */
  onCancel?(tx: LocalEffectContext, payload: P): string[] | void;
}

/** Identity helper that keeps P and R inferred from the payload schema and perform(). */
export function defineOperationKind<P, R>(kind: OperationKind<P, R>): OperationKind<P, R> {
  return kind;
}

const registry = new Map<string, OperationKind<any, any>>();

/** Registers a kind once; registering the same object again is harmless, a different one with the same name is a bug. */
export function registerOperationKind(kind: OperationKind<any, any>): void {
  const existing = registry.get(kind.kind);
  if (existing && existing !== kind) throw new Error(`Operation kind '${kind.kind}' is already registered`);
  registry.set(kind.kind, kind);
}

export function operationKind(name: string): OperationKind<any, any> | undefined {
  return registry.get(name);
}
