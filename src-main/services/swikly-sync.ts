// Swikly through the sync engine: the outbox kinds (create, update, cancel, release a request),
// the status poller, and how what Swikly answers lands on the dossier (state, secured-at, note,
// payment). Every local effect runs in the engine's transaction; nothing here is called by a
// user action directly.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { addDays, depositSecuredNote, depositStateFromSwikly, isFinalSwiklyStatus, stayDateInZone } from '../../src-shared/domain';
import { uuidv7 } from '../db/ids';
import { KEY_REFUSED, describe422, findByCustomId, requestEnvelope, swiklyFailure, swiklyRemoteName, viewOf, WITH, type RequestView } from '../integrations/swikly';
import { RemoteError } from '../sync/errors';
import type { HttpClient } from '../sync/http';
import { defineOperationKind, registerOperationKind, type OperationIo, type ReconcileResult } from '../sync/kinds';
import { definePoller, type Poller } from '../sync/pollers';

export interface SwiklyRow {
  id: string;
  agencyId: string;
  bookingId: string;
  seq: number;
  customId: string;
  accountId: string;
  requestType: string;
  amountCents: number;
  startDate: string;
  endDate: string;
  requestId: string | null;
  link: string | null;
  depositStatus: string | null;
  paymentStatus: string | null;
  acceptedAt: string | null;
  paymentBooked: number;
  open: number;
  attentionAt: string | null;
  lastPolledAt: string | null;
  lastError: string | null;
  reminderSentAt: string | null;
  createdAt: string;
}

const ROW_SQL = `SELECT id, agency_id AS agencyId, booking_id AS bookingId, seq, custom_id AS customId, account_id AS accountId,
  request_type AS requestType, amount_cents AS amountCents, start_date AS startDate, end_date AS endDate, request_id AS requestId,
  link, deposit_status AS depositStatus, payment_status AS paymentStatus, accepted_at AS acceptedAt, payment_booked AS paymentBooked,
  open, attention_at AS attentionAt, last_polled_at AS lastPolledAt, last_error AS lastError, reminder_sent_at AS reminderSentAt,
  created_at AS createdAt FROM swikly_requests`;

export function loadSwiklyRow(sqlite: Database.Database, id: string): SwiklyRow | undefined {
  return sqlite.prepare(`${ROW_SQL} WHERE id = ?`).get(id) as SwiklyRow | undefined;
}

/** The dossier's current request: its latest. */
export function currentSwiklyRow(sqlite: Database.Database, bookingId: string): SwiklyRow | undefined {
  return sqlite.prepare(`${ROW_SQL} WHERE booking_id = ? ORDER BY seq DESC LIMIT 1`).get(bookingId) as SwiklyRow | undefined;
}

/** Held « Sécurisation caution » e-mails wait for the link; the e-mail module sends them once it exists. */
type LinkListener = (sqlite: Database.Database, bookingId: string, now: Date) => string[];
const linkListeners: LinkListener[] = [];
export function onSwiklyLink(listener: LinkListener): void {
  if (!linkListeners.includes(listener)) linkListeners.push(listener);
}

/**
 * What a Swikly answer means for the dossier, applied once: the request's ids and statuses, the
 * deposit state, the secured-at and the internal note the first time it is secured, the balance
 * paid through Swikly booked once.
 */
export function applyRequestView(sqlite: Database.Database, rowId: string, view: RequestView, now: Date): string[] {
  const row = loadSwiklyRow(sqlite, rowId);
  if (!row) return [];
  const at = now.toISOString();
  const tables = new Set(['swikly_requests']);
  const hadLink = Boolean(row.link);
  sqlite
    .prepare(
      `UPDATE swikly_requests SET request_id = @requestId, deposit_id = coalesce(@depositId, deposit_id), payment_id = coalesce(@paymentId, payment_id),
         link = coalesce(@link, link), deposit_status = coalesce(@depositStatus, deposit_status), payment_status = coalesce(@paymentStatus, payment_status),
         accepted_at = coalesce(@acceptedAt, accepted_at), released_at = coalesce(@releasedAt, released_at),
         open = @open, last_error = NULL, last_polled_at = @at, updated_at = @at WHERE id = @id`,
    )
    .run({
      id: rowId,
      requestId: view.requestId,
      depositId: view.depositId,
      paymentId: view.paymentId,
      link: view.link,
      depositStatus: view.depositStatus,
      paymentStatus: view.paymentStatus,
      acceptedAt: view.acceptedAt,
      releasedAt: view.releasedAt,
      open: isFinalSwiklyStatus(view.depositStatus) ? 0 : 1,
      at,
    });
  const booking = sqlite
    .prepare(`SELECT b.status, b.deposit_state AS depositState, b.notes, b.paid_cents AS paidCents, b.total_cents AS totalCents, a.time_zone AS tz
      FROM bookings b JOIN agencies a ON a.id = b.agency_id WHERE b.id = ?`)
    .get(row.bookingId) as { status: string; depositState: string; notes: string; paidCents: number; totalCents: number; tz: string };
  // Only the dossier's current request speaks for it (an old, replaced one may still answer).
  const current = currentSwiklyRow(sqlite, row.bookingId);
  // A cancelled dossier whose cancel is still on its way keeps « Annulée »: a read that says
  // « still pending » is only the past catching up.
  const cancelling = booking.status === 'cancelled' && booking.depositState === 'cancelled' && depositStateFromSwikly(view.depositStatus) === 'requested';
  if (current?.id === rowId && view.depositStatus && !cancelling) {
    const state = depositStateFromSwikly(view.depositStatus);
    const securedNow = state === 'secured' && booking.depositState !== 'secured' && view.acceptedAt;
    sqlite
      .prepare(
        `UPDATE bookings SET deposit_state = @state, deposit_secured_at = CASE WHEN @securedAt IS NOT NULL THEN @securedAt ELSE deposit_secured_at END,
           notes = @notes, updated_at = @at WHERE id = @id`,
      )
      .run({
        id: row.bookingId,
        state,
        securedAt: state === 'secured' ? view.acceptedAt : null,
        notes: securedNow ? [booking.notes.trim(), depositSecuredNote(view.acceptedAt!, row.amountCents, booking.tz)].filter(Boolean).join('\n') : booking.notes,
        at,
      });
    if (securedNow) {
      sqlite
        .prepare(`INSERT INTO audit_log (id, at, workstation_user, entity, entity_id, action, changes) VALUES (?, ?, 'Swikly', 'booking', ?, 'deposit_secured', ?)`)
        .run(uuidv7(now.getTime()), at, row.bookingId, JSON.stringify({ depositState: [booking.depositState, 'secured'], acceptedAt: view.acceptedAt }));
    }
    tables.add('bookings');
  }
  // The balance the guest paid through Swikly, booked on the dossier once.
  if (view.paidCents && !row.paymentBooked) {
    const paidCents = booking.paidCents + view.paidCents;
    sqlite
      .prepare(`INSERT INTO payments (id, booking_id, amount_cents, method, received_on, reference, created_at, updated_at) VALUES (?, ?, ?, 'card', ?, ?, ?, ?)`)
      .run(uuidv7(now.getTime()), row.bookingId, view.paidCents, stayDateInZone(now, booking.tz), `Swikly ${view.paymentId ?? ''}`.trim(), at, at);
    sqlite.prepare(`UPDATE bookings SET paid_cents = ?, balance_cents = ?, updated_at = ? WHERE id = ?`).run(paidCents, booking.totalCents - paidCents, at, row.bookingId);
    sqlite.prepare(`UPDATE swikly_requests SET payment_booked = 1 WHERE id = ?`).run(rowId);
    tables.add('payments').add('bookings');
  }
  if (!hadLink && view.link) for (const listener of linkListeners) listener(sqlite, row.bookingId, now).forEach((t) => tables.add(t));
  return [...tables];
}

function readRequest(text: string): RequestView {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RemoteError('malformed_response', 'swikly', 'Swikly a renvoyé une réponse illisible.');
  }
  const parsed = requestEnvelope.safeParse(data);
  if (!parsed.success) throw new RemoteError('malformed_response', 'swikly', 'Swikly a renvoyé une demande incomplète.');
  return viewOf(parsed.data.request);
}

async function getRequest(http: HttpClient, row: SwiklyRow, signal?: AbortSignal): Promise<RequestView> {
  const res = await http.send({ path: `accounts/${row.accountId}/requests/${row.requestId}`, query: { with: WITH }, signal });
  return readRequest(res.text);
}

/** The row an operation is about, read at send time (its Swikly id comes from an earlier operation of the lane). */
function rowFor(io: OperationIo, rowId: string): SwiklyRow {
  const row = loadSwiklyRow(io.sqlite, rowId);
  if (!row) throw new RemoteError('client', 'swikly', 'Demande de caution introuvable dans Comptoir : annulez cette opération.');
  // A key Swikly refused is not tried again until staff reconnect (§2: 401 stops calls for the key).
  if (!keyAccepted(io.sqlite, row.agencyId)) {
    throw new RemoteError('client', 'swikly', `${KEY_REFUSED} : reconnectez l'agence dans Paramétrage › Applications et intégrations › Swikly, puis cliquez « Réessayer ».`, { status: 401 });
  }
  return row;
}

function keyAccepted(sqlite: Database.Database, agencyId: string): boolean {
  return sqlite.prepare('SELECT connected_at IS NOT NULL FROM agency_swikly_settings WHERE agency_id = ?').pluck().get(agencyId) === 1;
}

/** Swikly refused the key: the agency is disconnected until staff « Connecter » again. */
function keyRefused(sqlite: Database.Database, rowId: string, reason: string, now: Date): string[] {
  if (!reason.startsWith(KEY_REFUSED)) return [];
  sqlite
    .prepare(`UPDATE agency_swikly_settings SET connected_at = NULL, updated_at = ? WHERE agency_id = (SELECT agency_id FROM swikly_requests WHERE id = ?)`)
    .run(now.toISOString(), rowId);
  return ['agency_swikly_settings'];
}

const createPayload = z.object({
  rowId: z.string(),
  body: z.record(z.string(), z.unknown()),
});

export const createRequestKind = defineOperationKind({
  kind: 'swikly/createRequest',
  remote: 'swikly',
  label: 'Demande de caution Swikly',
  payload: createPayload,
  async perform(p, io) {
    const row = rowFor(io, p.rowId);
    try {
      const res = await io.http.send({ method: 'POST', path: `accounts/${row.accountId}/requests`, query: { with: WITH }, json: p.body, signal: io.signal, okStatuses: [422] });
      if (res.status !== 422) return readRequest(res.text);
      const refusal = describe422(res.text);
      // Already taken: an earlier attempt created it (§5.4): adopt it, never bump the id on our own.
      if (refusal.customIdTaken) {
        const found = await findByCustomId(io.http, row.accountId, row.customId, io.signal);
        if (found) return viewOf(found);
      }
      throw new RemoteError('client', 'swikly', refusal.message, { status: 422 });
    } catch (e) {
      throw swiklyFailure(e);
    }
  },
  // The answer was lost (timeout, reset, 5xx): Swikly may hold it. Look the customId up first (§5.3).
  async reconcile(p, io): Promise<ReconcileResult<RequestView>> {
    const row = rowFor(io, p.rowId);
    const found = await findByCustomId(io.http, row.accountId, row.customId, io.signal).catch((e: unknown) => {
      throw swiklyFailure(e);
    });
    return found ? { status: 'done', result: viewOf(found) } : { status: 'absent' };
  },
  onDone: (tx, p, view) => applyRequestView(tx.sqlite, p.rowId, view, tx.now),
  onFailed(tx, p, reason) {
    tx.sqlite.prepare(`UPDATE swikly_requests SET last_error = ?, updated_at = ? WHERE id = ?`).run(reason, tx.now.toISOString(), p.rowId);
    // A refused key is the agency's matter, not the dossier's: the request waits, it has not failed.
    if (reason.startsWith(KEY_REFUSED)) return ['swikly_requests', ...keyRefused(tx.sqlite, p.rowId, reason, tx.now)];
    const row = loadSwiklyRow(tx.sqlite, p.rowId);
    if (row) tx.sqlite.prepare(`UPDATE bookings SET deposit_state = 'failed', updated_at = ? WHERE id = ? AND deposit_state = 'requesting'`).run(tx.now.toISOString(), row.bookingId);
    return ['swikly_requests', 'bookings'];
  },
  onCancel(tx, p) {
    // Staff gave the request up before it reached Swikly: the deposit is to be asked again.
    tx.sqlite.prepare(`UPDATE swikly_requests SET open = 0, last_error = 'Demande annulée avant envoi.', updated_at = ? WHERE id = ?`).run(tx.now.toISOString(), p.rowId);
    const row = loadSwiklyRow(tx.sqlite, p.rowId);
    if (row) tx.sqlite.prepare(`UPDATE bookings SET deposit_state = 'to_request', updated_at = ? WHERE id = ? AND deposit_state IN ('requesting', 'failed')`).run(tx.now.toISOString(), row.bookingId);
    return ['swikly_requests', 'bookings'];
  },
});

const rowPayload = z.object({ rowId: z.string() });
const updatePayload = z.object({
  rowId: z.string(),
  deposit: z.object({ startDate: z.string(), endDate: z.string(), amount: z.number().int().optional() }),
});

export const updateRequestKind = defineOperationKind({
  kind: 'swikly/updateRequest',
  remote: 'swikly',
  label: 'Mise à jour de la caution Swikly',
  payload: updatePayload,
  async perform(p, io) {
    const row = rowFor(io, p.rowId);
    if (!row.requestId) throw new RemoteError('client', 'swikly', "La demande de caution n'a pas été créée chez Swikly : faites une nouvelle demande.");
    try {
      const res = await io.http.send({ method: 'PATCH', path: `accounts/${row.accountId}/requests/${row.requestId}`, query: { with: WITH }, json: { deposit: p.deposit }, signal: io.signal, okStatuses: [422] });
      if (res.status === 422) throw new RemoteError('client', 'swikly', describe422(res.text).message, { status: 422 });
      return readRequest(res.text);
    } catch (e) {
      throw swiklyFailure(e);
    }
  },
  // The same PATCH twice leaves the same request: nothing to look up.
  async reconcile(): Promise<ReconcileResult<RequestView>> {
    return { status: 'absent' };
  },
  onDone: (tx, p, view) => applyRequestView(tx.sqlite, p.rowId, view, tx.now),
  onFailed: (tx, p, reason) => keyRefused(tx.sqlite, p.rowId, reason, tx.now),
});

/** Cancel and release: both end with the request re-read, whatever Swikly said (§2: on any 4xx re-GET). */
function closingKind(kind: 'cancel' | 'release') {
  const done = kind === 'cancel' ? 'Canceled' : 'Released';
  return defineOperationKind({
    kind: kind === 'cancel' ? 'swikly/cancelRequest' : 'swikly/releaseRequest',
    remote: 'swikly',
    label: kind === 'cancel' ? 'Annulation de la caution Swikly' : 'Libération de la caution Swikly',
    payload: rowPayload,
    async perform(p, io): Promise<RequestView | { skipped: true }> {
      const row = rowFor(io, p.rowId);
      if (!row.requestId) return { skipped: true };
      try {
        const res = await io.http.send({ method: 'POST', path: `accounts/${row.accountId}/requests/${row.requestId}/${kind}`, query: { with: WITH }, signal: io.signal, okStatuses: [400] });
        const view = res.status === 400 ? await getRequest(io.http, row, io.signal) : readRequest(res.text);
        if (res.status === 400 && view.depositStatus !== done) {
          const why = kind === 'cancel' ? 'la caution est déjà sécurisée : libérez-la plutôt' : "la caution n'est pas sécurisée";
          throw new RemoteError('client', 'swikly', `Swikly refuse : ${why} (état « ${view.depositStatus ?? '?'} »).`, { status: 400 });
        }
        return view;
      } catch (e) {
        throw swiklyFailure(e);
      }
    },
    async reconcile(p, io): Promise<ReconcileResult<RequestView | { skipped: true }>> {
      const row = rowFor(io, p.rowId);
      if (!row.requestId) return { status: 'done', result: { skipped: true } };
      const view = await getRequest(io.http, row, io.signal).catch((e: unknown) => {
        throw swiklyFailure(e);
      });
      return view.depositStatus === done ? { status: 'done', result: view } : { status: 'absent' };
    },
    onDone: (tx, p, result) => ('skipped' in result ? [] : applyRequestView(tx.sqlite, p.rowId, result, tx.now)),
    onFailed: (tx, p, reason) => keyRefused(tx.sqlite, p.rowId, reason, tx.now),
  });
}

export const cancelRequestKind = closingKind('cancel');
export const releaseRequestKind = closingKind('release');
for (const k of [createRequestKind, updateRequestKind, cancelRequestKind, releaseRequestKind]) registerOperationKind(k);

// ---- polling (§3) ------------------------------------------------------------------------------

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/**
 * How often a request is read, by how urgent it is (§3 tiers, with the issue's « more often for
 * arrivals within 7 days »): staff looking at it, then by how close the arrival is; a secured one
 * twice a day (its release or expiry).
 */
export function pollEvery(row: { depositStatus: string | null; attentionAt: string | null }, arrival: string, today: string, now: Date): number {
  if (row.depositStatus === 'Accepted') return 12 * 60 * MINUTE;
  if (row.attentionAt && now.getTime() - Date.parse(row.attentionAt) < 15 * MINUTE) return 20 * SECOND;
  if (arrival <= addDays(today, 2)) return 5 * MINUTE;
  if (arrival <= addDays(today, 7)) return 15 * MINUTE;
  if (arrival <= addDays(today, 14)) return 30 * MINUTE;
  return 3 * 60 * MINUTE;
}

interface DueRow extends SwiklyRow {
  arrival: string;
  tz: string;
}

function dueRows(sqlite: Database.Database, agencyId: string, now: Date, all = false): { due: DueRow[]; nextInMs: number } {
  const rows = sqlite
    .prepare(
      `SELECT r.id, r.account_id AS accountId, r.request_id AS requestId, r.deposit_status AS depositStatus, r.attention_at AS attentionAt,
         r.last_polled_at AS lastPolledAt, b.arrival, a.time_zone AS tz
       FROM swikly_requests r JOIN bookings b ON b.id = r.booking_id JOIN agencies a ON a.id = r.agency_id
       WHERE r.agency_id = ? AND r.open = 1 AND r.request_id IS NOT NULL`,
    )
    .all(agencyId) as DueRow[];
  const due: DueRow[] = [];
  let nextInMs = 3 * 60 * MINUTE;
  for (const r of rows) {
    const every = pollEvery(r, r.arrival, stayDateInZone(now, r.tz), now);
    const wait = r.lastPolledAt ? Date.parse(r.lastPolledAt) + every - now.getTime() : 0;
    if (wait <= 0 || all) due.push(r);
    else nextInMs = Math.min(nextInMs, wait);
  }
  return { due, nextInMs };
}

/** Reads at most this many requests a cycle: a background poll never eats the key's minute budget. */
const PER_CYCLE = 20;

export function swiklyPoller(agencyId: string): Poller<Record<string, never>, { rowId: string; view: RequestView | null; error?: string }> {
  return definePoller({
    name: `swikly/deposits:${agencyId}`,
    remote: swiklyRemoteName(agencyId),
    cursor: z.object({}).strict() as z.ZodType<Record<string, never>>,
    initialCursor: {},
    // A request just created (or changed) starts its polling tier at once, not at the next 3-hour turn.
    wakeOn: ['swikly_requests'],
    interval: (ctx) => Math.max(SECOND, Math.min(dueRows(ctx.sqlite, agencyId, ctx.now).nextInMs, 3 * 60 * MINUTE)),
    async fetch(cursor, io) {
      // A refused key is not tried again until staff reconnect.
      if (!keyAccepted(io.sqlite, agencyId)) return { items: [], cursor };
      const { due } = dueRows(io.sqlite, agencyId, io.now, io.force);
      const items: { rowId: string; view: RequestView | null; error?: string }[] = [];
      for (const row of io.force ? due : due.slice(0, PER_CYCLE)) {
        try {
          items.push({ rowId: row.id, view: await getRequest(io.http, row, io.signal) });
        } catch (e) {
          const failure = swiklyFailure(e);
          if (failure instanceof RemoteError && failure.details.status === 401) {
            // Every other read would be refused too: disconnect the agency and stop here.
            io.sqlite.prepare(`UPDATE agency_swikly_settings SET connected_at = NULL, updated_at = ? WHERE agency_id = ?`).run(io.now.toISOString(), agencyId);
            throw failure;
          }
          // One request Swikly refuses to show (404, 403) must not stop the others from being read.
          if (failure instanceof RemoteError && failure.failure === 'client') items.push({ rowId: row.id, view: null, error: failure.message });
          else throw failure;
        }
      }
      return { items, cursor, more: !io.force && due.length > PER_CYCLE };
    },
    apply(ctx, items) {
      const tables = new Set<string>(['swikly_requests']);
      const at = ctx.now.toISOString();
      for (const item of items) {
        if (item.view) applyRequestView(ctx.sqlite, item.rowId, item.view, ctx.now).forEach((t) => tables.add(t));
        else ctx.sqlite.prepare(`UPDATE swikly_requests SET last_error = ?, last_polled_at = ?, updated_at = ? WHERE id = ?`).run(item.error ?? null, at, at, item.rowId);
      }
      return [...tables];
    },
  });
}
