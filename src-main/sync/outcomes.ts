// Writes what happened to a claimed operation, with its local consequences, inside the worker's
// cycle transaction. Each row gets its own savepoint: a kind's hook that throws parks that row
// and leaves no half-applied change, without undoing the other rows of the cycle.
import type Database from 'better-sqlite3';
import type { OperationKind } from './kinds';
import { statements, type OutboxRow } from './outbox';

export type Outcome =
  | { type: 'done'; result: unknown }
  /** Claimed but never sent (shutdown, remote went offline meanwhile): back to pending, attempt not counted. */
  | { type: 'release' }
  | { type: 'retry'; code: string; message: string; delayMs: number; reconcileFirst: boolean }
  | { type: 'park'; code: string; message: string };

export interface OutcomeTarget {
  row: OutboxRow;
  kind: OperationKind<any, any> | undefined;
  /** Parsed payload; null when it could not be parsed (no hook runs then). */
  payload: unknown;
}

export function recordOutcome(
  sqlite: Database.Database,
  target: OutcomeTarget,
  outcome: Outcome,
  now: Date,
  tables: Set<string>,
): void {
  const s = statements(sqlite);
  const at = now.toISOString();
  const { row, kind, payload } = target;
  const local = { sqlite, now, operationId: row.id, bookingId: row.bookingId };
  tables.add('outbox');

  if (outcome.type === 'done') {
    const { result } = outcome;
    const markDone = () => s.done.run({ id: row.id, result: JSON.stringify(result ?? null), at });
    // One UPDATE is atomic by itself; a savepoint (not free in a drain of thousands) only when a hook writes too.
    if (!kind?.onDone) return void markDone();
    try {
      sqlite.transaction(() => {
        markDone();
        kind.onDone!(local, payload, result)?.forEach((t) => tables.add(t));
      })();
      return;
    } catch (e) {
      const label = kind?.label ?? row.kind;
      outcome = {
        type: 'park',
        code: 'apply_failed',
        message: `« ${label} » a bien été fait à distance, mais Comptoir n'a pas pu l'enregistrer (${(e as Error).message}). Cliquez « Réessayer » : rien ne sera envoyé en double.`,
      };
      // The remote holds the effect: a retry must look it up, never send it again.
      sqlite.prepare(`UPDATE outbox SET reconcile_first = 1 WHERE id = ?`).run(row.id);
    }
  }

  if (outcome.type === 'release') {
    s.release.run({ id: row.id, at });
    return;
  }

  if (outcome.type === 'retry') {
    const next = new Date(now.getTime() + outcome.delayMs).toISOString();
    s.reschedule.run({ id: row.id, next, reconcileFirst: outcome.reconcileFirst ? 1 : 0, code: outcome.code, message: outcome.message, at });
    return;
  }

  s.park.run({ id: row.id, code: outcome.code, message: outcome.message, at });
  if (!kind?.onFailed || payload === null) return;
  try {
    sqlite.transaction(() => kind.onFailed!(local, payload, outcome.message)?.forEach((t) => tables.add(t)))();
  } catch {
    // The row is parked with its reason either way; the hook's change is simply not made.
  }
}
