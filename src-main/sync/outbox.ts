// The outbox table's SQL: enqueue inside the business transaction, and the few state changes the
// worker and staff make. Statements are prepared once per database (enqueue is on hot paths).
import type Database from 'better-sqlite3';
import { uuidv7 } from '../db/ids';
import { keep } from '../db/prepared';
import { operationKind, type OperationKind } from './kinds';

export type StoredOperation =
  | { kind: OperationKind<any, any>; payload: unknown }
  | { kind: OperationKind<any, any> | undefined; code: 'unknown_kind' | 'invalid_payload'; reason: string };

/** Stored payloads are parsed on every read: a row that no longer parses is parked, never retried forever. */
export function readStored(row: { kind: string; payload: string }): StoredOperation {
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

export type OutboxState = 'pending' | 'in_flight' | 'done' | 'failed' | 'cancelled';

export interface OutboxRow {
  id: string;
  kind: string;
  remote: string;
  lane: string;
  bookingId: string | null;
  payload: string;
  idempotencyKey: string;
  attempts: number;
  reconcileFirst: number;
}

/** A lane is blocked by any earlier row that is not finished: pending, in flight or parked. */
const LANE_IS_FREE = `NOT EXISTS (SELECT 1 FROM outbox p WHERE p.lane = o.lane AND p.id < o.id AND p.state IN ('pending', 'in_flight', 'failed'))`;

const ROW_COLUMNS = `o.id, o.kind, o.remote, o.lane, o.booking_id AS bookingId, o.payload,
  coalesce(o.idempotency_key, o.id) AS idempotencyKey, o.attempts, o.reconcile_first AS reconcileFirst`;

function prepareAll(sqlite: Database.Database) {
  const p = (sql: string) => sqlite.prepare(sql);
  return {
    // Positional parameters: binding by name costs more, and enqueue runs ten thousand times in a batch.
    insert: p(`INSERT INTO outbox (id, kind, remote, lane, booking_id, payload, idempotency_key, state, next_attempt_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
      ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`),
    byKey: p(`SELECT id FROM outbox WHERE idempotency_key = ? AND idempotency_key IS NOT NULL`),
    // Not before the grace has passed since the claim: a request still in transit when the desk died
    // may yet land, and looking it up too early would miss it and send it again.
    recover: p(`UPDATE outbox SET state = 'pending', reconcile_first = 1, updated_at = @at,
      next_attempt_at = max(@at, strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, @grace)) WHERE state = 'in_flight'`),
    dueHeads: p(`SELECT ${ROW_COLUMNS} FROM outbox o
      WHERE o.state = 'pending' AND o.remote = @remote AND o.next_attempt_at <= @at AND ${LANE_IS_FREE}
      ORDER BY o.next_attempt_at, o.id LIMIT @limit`),
    // ORDER BY … LIMIT 1 walks the due index and stops at the first lane head; min() would visit every pending row.
    nextHeadDue: p(`SELECT o.next_attempt_at AS at FROM outbox o WHERE o.state = 'pending' AND o.remote = @remote AND ${LANE_IS_FREE}
      ORDER BY o.next_attempt_at, o.id LIMIT 1`),
    claim: p(`UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, updated_at = @at WHERE id = @id AND state = 'pending'`),
    done: p(`UPDATE outbox SET state = 'done', result = @result, completed_at = @at, updated_at = @at, reconcile_first = 0,
      last_error_code = NULL, last_error = NULL WHERE id = @id AND state = 'in_flight'`),
    reschedule: p(`UPDATE outbox SET state = 'pending', next_attempt_at = @next, reconcile_first = @reconcileFirst,
      last_error_code = @code, last_error = @message, updated_at = @at WHERE id = @id AND state = 'in_flight'`),
    release: p(`UPDATE outbox SET state = 'pending', attempts = attempts - 1, updated_at = @at WHERE id = @id AND state = 'in_flight'`),
    park: p(`UPDATE outbox SET state = 'failed', last_error_code = @code, last_error = @message, updated_at = @at
      WHERE id = @id AND state IN ('pending', 'in_flight')`),
    // In flight is counted by the worker in memory: no index tracks it (rows pass through it quickly).
    countPending: p(`SELECT remote, count(*) AS n FROM outbox WHERE state = 'pending' GROUP BY remote`),
    countFailed: p(`SELECT remote, count(*) AS n FROM outbox WHERE state = 'failed' GROUP BY remote`),
  };
}

export const statements = (sqlite: Database.Database) => keep(sqlite, 'outbox', () => prepareAll(sqlite));

export interface EnqueueInput<P> {
  kind: OperationKind<P, any> | string;
  /** Operations of one lane never overtake each other: use one lane per dossier ('booking:<id>'). */
  lane: string;
  payload: P;
  /** The dossier it belongs to, shown on the Synchronisation screen. */
  bookingId?: string | null;
  /** Where this row goes when the kind's remote is one of several of a family (an agency's SMTP server). */
  remote?: string;
  /**
   * Enqueueing twice with the same key is a no-op (a double click, a replayed batch); it is also
   * the key sent to the remote. Without one, the operation's id is sent.
   */
  idempotencyKey?: string;
}

/** The part of the service context enqueue needs: the database and the engine's clock. */
export interface EnqueueContext {
  sqlite: Database.Database;
  sync: { now(): Date };
}

/**
 * Adds an operation to the outbox. Must run inside the transaction of the business change that
 * wants the remote effect, so the effect is queued if and only if the change is committed.
 */
export function enqueue<P>(ctx: EnqueueContext, input: EnqueueInput<P>): { id: string; created: boolean } {
  if (!ctx.sqlite.inTransaction) {
    throw new Error('enqueue() must run inside the transaction of the business change (ctx.sqlite.transaction)');
  }
  const name = typeof input.kind === 'string' ? input.kind : input.kind.kind;
  const kind = operationKind(name);
  if (!kind) throw new Error(`Unknown operation kind '${name}': register it before enqueueing`);
  const payload = kind.payload.parse(input.payload);
  const now = ctx.sync.now();
  const id = uuidv7(now.getTime());
  const idempotencyKey = input.idempotencyKey ?? null;
  const s = statements(ctx.sqlite);
  const at = now.toISOString();
  const inserted = s.insert.run(id, name, input.remote ?? kind.remote, input.lane, input.bookingId ?? null, JSON.stringify(payload), idempotencyKey, at, at, at);
  if (inserted.changes === 1) return { id, created: true };
  return { id: (s.byKey.get(idempotencyKey) as { id: string }).id, created: false };
}
