// Use cases of the Synchronisation screen and the status bar: what is waiting or parked, and the
// two decisions staff can take on an operation: try again now, or give it up.
import { AppError, type SyncOperation } from '../../src-shared/contract';
import { operationKind } from '../sync/kinds';
import type { Handlers, ServiceContext } from './context';

type SyncHandlers = Pick<Handlers, 'sync/status' | 'sync/operations' | 'sync/retry' | 'sync/cancel'>;

interface OperationRow {
  id: string;
  kind: string;
  remote: string;
  state: SyncOperation['state'];
  bookingId: string | null;
  dossierNumber: string | null;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  errorCode: string | null;
  blocked: number;
  createdAt: string;
  payload: string;
  lane: string;
}

const OPEN_STATES = `('pending', 'in_flight', 'failed')`;

function loadOperation(ctx: ServiceContext, id: string): OperationRow {
  const row = ctx.sqlite
    .prepare(`SELECT id, kind, remote, state, attempts, payload, booking_id AS bookingId, lane FROM outbox WHERE id = ?`)
    .get(id) as OperationRow | undefined;
  if (!row) throw new AppError('not_found', 'Opération introuvable : elle a peut-être déjà été traitée. Actualisez la liste.');
  return row;
}

const STATE_REFUSALS: Partial<Record<SyncOperation['state'], string>> = {
  in_flight: "Cette opération est en cours d'envoi : attendez son résultat (quelques secondes).",
  done: 'Cette opération a déjà abouti : il n’y a plus rien à faire.',
  cancelled: 'Cette opération a été annulée. Refaites l’action depuis le dossier si elle est toujours nécessaire.',
};

function describe(ctx: ServiceContext, row: OperationRow): SyncOperation {
  const remoteLabel = ctx.sync.remoteLabel(row.remote);
  let reason = row.lastError;
  if (row.state === 'pending' && row.blocked) {
    reason = "Attend qu'une opération précédente du même dossier aboutisse ou soit annulée.";
  } else if (row.state === 'pending' && ctx.sync.remoteState(row.remote) === 'unconfigured') {
    const where = row.remote.startsWith('smtp:') ? 'Paramétrage › Agences › Emails' : 'Paramétrage › Applications et intégrations';
    reason = `${remoteLabel} n'est pas configuré sur ce poste (${where}).`;
  } else if (row.state === 'pending' && ctx.sync.remoteState(row.remote) === 'offline') {
    reason = `${remoteLabel} est hors ligne : envoi dès son retour.${row.lastError ? ` ${row.lastError}` : ''}`;
  }
  return {
    id: row.id,
    kind: row.kind,
    label: operationKind(row.kind)?.label ?? row.kind,
    remote: row.remote,
    remoteLabel,
    state: row.state,
    bookingId: row.bookingId,
    dossierNumber: row.dossierNumber,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? row.nextAttemptAt : null,
    reason,
    errorCode: row.errorCode,
    blocked: Boolean(row.blocked),
    createdAt: row.createdAt,
  };
}

export const syncHandlers: SyncHandlers = {
  'sync/status': (_input, ctx) => ctx.sync.status(),

  'sync/operations': (input, ctx) => {
    const where = input.filter === 'failed' ? `o.state = 'failed'` : `o.state IN ${OPEN_STATES}`;
    const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM outbox o WHERE ${where}`).get() as { n: number }).n;
    const rows = ctx.sqlite
      .prepare(
        `SELECT o.id, o.kind, o.remote, o.state, o.booking_id AS bookingId, b.number AS dossierNumber, o.attempts,
           o.next_attempt_at AS nextAttemptAt, o.last_error AS lastError, o.last_error_code AS errorCode,
           o.created_at AS createdAt,
           EXISTS (SELECT 1 FROM outbox p WHERE p.lane = o.lane AND p.id < o.id AND p.state IN ${OPEN_STATES}) AS blocked
         FROM outbox o LEFT JOIN bookings b ON b.id = o.booking_id
         WHERE ${where}
         ORDER BY o.state = 'failed' DESC, o.id
         LIMIT ? OFFSET ?`,
      )
      .all(input.limit, input.offset) as OperationRow[];
    return { total, rows: rows.map((r) => describe(ctx, r)) };
  },

  'sync/retry': ({ id }, ctx) => {
    const row = ctx.sqlite.transaction(() => {
      const op = loadOperation(ctx, id);
      const refusal = STATE_REFUSALS[op.state];
      if (refusal) throw new AppError('invalid_transition', refusal);
      // An e-mail whose hand-off is unknown cannot be looked up: a retry would only ask again.
      const code = ctx.sqlite.prepare('SELECT last_error_code FROM outbox WHERE id = ?').pluck().get(id);
      if (code === 'unknown_outcome' && op.kind === 'email/send') {
        throw new AppError('invalid_transition', "Cet e-mail est peut-être déjà parti : décidez depuis les Communications du dossier (« Marquer envoyé » ou « Renvoyer »).");
      }
      // A previous attempt may have reached the remote: the retry looks the effect up before sending.
      ctx.sqlite
        .prepare(
          `UPDATE outbox SET state = 'pending', next_attempt_at = @at, updated_at = @at,
             reconcile_first = CASE WHEN attempts > 0 THEN 1 ELSE reconcile_first END
           WHERE id = @id`,
        )
        .run({ id, at: ctx.sync.now().toISOString() });
      return op;
    })();
    ctx.sync.probeNow(row.remote);
    ctx.notify(['outbox']);
    return { id, state: 'pending' as const };
  },

  'sync/cancel': ({ id }, ctx) => {
    const tables = ctx.sqlite.transaction(() => {
      const op = loadOperation(ctx, id);
      const refusal = STATE_REFUSALS[op.state];
      if (refusal) throw new AppError('invalid_transition', refusal);
      const now = ctx.sync.now();
      const at = now.toISOString();
      ctx.sqlite
        .prepare(`UPDATE outbox SET state = 'cancelled', completed_at = @at, updated_at = @at WHERE id = @id`)
        .run({ id, at });
      const kind = operationKind(op.kind);
      const parsed = kind?.payload.safeParse(safeJson(op.payload));
      const changed = kind?.onCancel && parsed?.success ? kind.onCancel({ sqlite: ctx.sqlite, now, operationId: id, bookingId: op.bookingId }, parsed.data) : [];
      return ['outbox', ...(changed ?? [])];
    })();
    ctx.notify(tables);
    return { id, state: 'cancelled' as const };
  },
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
