// Swikly deposits: what a dossier's life means for its deposit (request on confirmation, PATCH on
// a change, cancel or release), its link and request e-mail, and the automatic release and
// reminder. Every change commits locally and queues its Swikly call in the outbox, in the
// dossier's lane. The agency's connection is swikly-settings.ts.
import type Database from 'better-sqlite3';
import { AppError, bookingNotFound, type DepositInfo } from '../../src-shared/contract';
import {
  SWIKLY_LINK_FIELD,
  addDays,
  resolveDepositAmount,
  stayDateInZone,
  swiklyLinkValue,
  type DepositState,
} from '../../src-shared/domain';
import { uuidv7 } from '../db/ids';
import { enqueue } from '../sync/outbox';
import { swiklyRemoteName } from '../integrations/swikly';
import { writeAudit } from './audit';
import { agencyTimeZone } from './clock';
import { nowIso, type Handlers, type ServiceContext } from './context';
import { sendDepositMail } from './deposit-mail';
import {
  cancelRequestKind,
  createRequestKind,
  currentSwiklyRow,
  releaseRequestKind,
  swiklyPoller,
  updateRequestKind,
  type SwiklyRow,
} from './swikly-sync';
import { describeSettings, settingsRow, SETTINGS_PATH } from './swikly-settings';

type DepositHandlers = Pick<
  Handlers,
  | 'deposits/get'
  | 'deposits/copyLink'
  | 'deposits/sendRequestMail'
  | 'deposits/release'
  | 'deposits/request'
>;

// ---- what a dossier's deposit is ---------------------------------------------------------------

interface DossierDeposit {
  id: string;
  agencyId: string;
  number: string;
  status: 'option' | 'confirmed' | 'cancelled';
  arrival: string;
  departure: string;
  balanceCents: number;
  depositAmountCents: number | null;
  depositState: DepositState;
  depositSecuredAt: string | null;
  propertyDefaultCents: number;
  propertyName: string;
  swiklyAccountId: string | null;
  requestType: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  language: string;
}

function loadDossier(sqlite: Database.Database, bookingId: string): DossierDeposit {
  const d = sqlite
    .prepare(
      `SELECT b.id, b.agency_id AS agencyId, b.number, b.status, b.arrival, b.departure, b.balance_cents AS balanceCents,
         b.deposit_amount_cents AS depositAmountCents, b.deposit_state AS depositState, b.deposit_secured_at AS depositSecuredAt,
         p.default_deposit_cents AS propertyDefaultCents, p.name AS propertyName, p.swikly_account_id AS swiklyAccountId,
         p.deposit_request_type AS requestType, c.first_name AS firstName, c.last_name AS lastName, c.email, c.phone, c.language
       FROM bookings b JOIN properties p ON p.id = b.property_id JOIN clients c ON c.id = b.client_id WHERE b.id = ?`,
    )
    .get(bookingId) as DossierDeposit | undefined;
  if (!d) throw bookingNotFound();
  return d;
}

const SWIKLY_LANGUAGES = new Set(['fr', 'en', 'es', 'it', 'nl', 'de']);

/** +33… from what a clerk typed (06 12 34 56 78, 0033…, +32…); null when it cannot be read as a number. */
export function internationalPhone(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, '');
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  if (/^00\d{8,15}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0\d{9}$/.test(digits)) return `+33${digits.slice(1)}`;
  return null;
}

function createBody(d: DossierDeposit, row: { customId: string; amountCents: number; startDate: string; endDate: string; requestType: string }, today: string) {
  const phone = internationalPhone(d.phone);
  return {
    description: `Caution — dossier ${d.number} — ${d.propertyName}`,
    language: SWIKLY_LANGUAGES.has(d.language) ? d.language : 'fr',
    customId: row.customId,
    customIdMustBeUnique: true,
    ...(d.firstName ? { firstName: d.firstName } : {}),
    lastName: d.lastName,
    ...(d.email ? { email: d.email } : {}),
    ...(phone ? { phoneNumber: phone } : {}),
    // Comptoir sends its own e-mail with the link (« Sécurisation caution »).
    sendEmail: false,
    sendSms: false,
    deposit: { startDate: row.startDate, endDate: row.endDate, amount: row.amountCents },
    ...(row.requestType === 'deposit_and_balance' && d.balanceCents > 0
      ? { payment: { amount: d.balanceCents, dueDate: d.arrival > today ? d.arrival : today } }
      : {}),
  };
}

const lane = (bookingId: string) => `booking:${bookingId}`;

function readyFor(ctx: ServiceContext, d: DossierDeposit): string | null {
  const s = describeSettings(ctx.sqlite, ctx.secrets, d.agencyId);
  if (!s.enabled) return null;
  if (!s.ready) return `La liaison Swikly de l'agence n'est pas prête (clé, connexion) : voyez ${SETTINGS_PATH}.`;
  if (!d.swiklyAccountId) return `Le logement ${d.propertyName} n'a pas de « Compte Swikly par défaut » : complétez-le dans Paramétrage › Logements.`;
  return '';
}

/** Creates the dossier's next request row and queues its create; the customId exists before anything leaves (§5.2). */
function startRequest(ctx: ServiceContext, d: DossierDeposit, amountCents: number, marginDays: number): SwiklyRow['id'] {
  const previous = currentSwiklyRow(ctx.sqlite, d.id);
  const seq = (previous?.seq ?? 0) + 1;
  const agencyRef = (ctx.sqlite.prepare('SELECT agency_ref FROM agencies WHERE id = ?').pluck().get(d.agencyId) as string) || 'CPT';
  const customId = `${agencyRef}-${d.number}${seq > 1 ? `-${seq}` : ''}`;
  const today = stayDateInZone(ctx.now(), agencyTimeZone(ctx, d.agencyId));
  const row = { customId, amountCents, startDate: d.arrival, endDate: addDays(d.departure, marginDays), requestType: d.requestType };
  const id = uuidv7(ctx.now().getTime());
  const at = nowIso(ctx);
  ctx.sqlite
    .prepare(
      `INSERT INTO swikly_requests (id, agency_id, booking_id, seq, custom_id, account_id, request_type, amount_cents, start_date, end_date, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, d.agencyId, d.id, seq, customId, d.swiklyAccountId, d.requestType, amountCents, row.startDate, row.endDate, at, at);
  enqueue(ctx, { kind: createRequestKind, remote: swiklyRemoteName(d.agencyId), lane: lane(d.id), bookingId: d.id, payload: { rowId: id, body: createBody(d, row, today) } });
  ctx.sqlite.prepare(`UPDATE bookings SET deposit_state = 'requesting', updated_at = ? WHERE id = ?`).run(at, d.id);
  return id;
}

/**
 * Brings the dossier's deposit in line with the dossier, inside its transaction: called after a
 * creation, a confirmation, a change. An option waits for its confirmation (the link must exist
 * before staff need it offline, but not for a stay that may lapse).
 */
export function syncDeposit(ctx: ServiceContext, bookingId: string): string[] {
  const d = loadDossier(ctx.sqlite, bookingId);
  if (d.status !== 'confirmed') return [];
  const { amountCents } = resolveDepositAmount(d.depositAmountCents, d.propertyDefaultCents);
  const current = currentSwiklyRow(ctx.sqlite, bookingId);
  const at = nowIso(ctx);
  const live = current && current.open && current.depositStatus !== 'Failed';
  const margin = settingsRow(ctx.sqlite, d.agencyId).marginDays ?? 0;
  if (live) {
    const secured = current.depositStatus === 'Accepted';
    const endDate = addDays(d.departure, margin);
    const amountChanged = !secured && amountCents > 0 && amountCents !== current.amountCents;
    const datesChanged = d.arrival !== current.startDate || endDate !== current.endDate;
    if (amountCents === 0 && !secured) {
      enqueue(ctx, { kind: cancelRequestKind, remote: swiklyRemoteName(d.agencyId), lane: lane(bookingId), bookingId, payload: { rowId: current.id } });
      ctx.sqlite.prepare(`UPDATE bookings SET deposit_state = 'none', updated_at = ? WHERE id = ?`).run(at, bookingId);
      return ['bookings', 'outbox'];
    }
    if (!amountChanged && !datesChanged) return [];
    // Before securing: amount and dates; after: dates only, the amount held on the card is frozen (§1).
    ctx.sqlite
      .prepare(`UPDATE swikly_requests SET amount_cents = ?, start_date = ?, end_date = ?, updated_at = ? WHERE id = ?`)
      .run(amountChanged ? amountCents : current.amountCents, d.arrival, endDate, at, current.id);
    enqueue(ctx, {
      kind: updateRequestKind,
      remote: swiklyRemoteName(d.agencyId),
      lane: lane(bookingId),
      bookingId,
      payload: { rowId: current.id, deposit: { startDate: d.arrival, endDate, ...(amountChanged ? { amount: amountCents } : {}) } },
    });
    return ['swikly_requests', 'outbox'];
  }
  if (current) return []; // failed, expired or cancelled: a new request is staff's decision (« Nouvelle demande »)
  if (amountCents === 0) {
    if (d.depositState !== 'none') ctx.sqlite.prepare(`UPDATE bookings SET deposit_state = 'none', updated_at = ? WHERE id = ?`).run(at, bookingId);
    return ['bookings'];
  }
  const ready = readyFor(ctx, d);
  if (ready !== '') {
    // Swikly not used (or not ready): the deposit is to be asked by other means.
    if (d.depositState === 'none') ctx.sqlite.prepare(`UPDATE bookings SET deposit_state = 'to_request', updated_at = ? WHERE id = ?`).run(at, bookingId);
    return ['bookings'];
  }
  startRequest(ctx, d, amountCents, margin);
  return ['bookings', 'swikly_requests', 'outbox'];
}

/** The dossier was cancelled: an unsecured request is cancelled at Swikly; a secured one waits for staff to release it. */
export function cancelDeposit(ctx: ServiceContext, bookingId: string): string[] {
  const current = currentSwiklyRow(ctx.sqlite, bookingId);
  if (!current || !current.open || current.depositStatus === 'Accepted') return [];
  enqueue(ctx, { kind: cancelRequestKind, remote: swiklyRemoteName(current.agencyId), lane: lane(bookingId), bookingId, payload: { rowId: current.id } });
  ctx.sqlite.prepare(`UPDATE bookings SET deposit_state = 'cancelled', updated_at = ? WHERE id = ?`).run(nowIso(ctx), bookingId);
  return ['bookings', 'outbox'];
}

function depositInfo(ctx: ServiceContext, bookingId: string): DepositInfo {
  const d = loadDossier(ctx.sqlite, bookingId);
  const { amountCents, source } = resolveDepositAmount(d.depositAmountCents, d.propertyDefaultCents);
  const current = currentSwiklyRow(ctx.sqlite, bookingId);
  const lastOp = ctx.sqlite
    .prepare(`SELECT last_error AS e FROM outbox WHERE booking_id = ? AND kind LIKE 'swikly/%' AND state IN ('pending', 'failed') AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1`)
    .get(bookingId) as { e: string } | undefined;
  const today = stayDateInZone(ctx.now(), agencyTimeZone(ctx, d.agencyId));
  const secured = d.depositState === 'secured';
  return {
    bookingId,
    state: d.depositState,
    amountCents: source === 'none' ? null : amountCents,
    amountSource: source,
    securedAt: d.depositSecuredAt,
    link: current?.link ?? null,
    customId: current?.customId ?? null,
    requestedAt: current?.createdAt ?? null,
    lastError: lastOp?.e ?? current?.lastError ?? null,
    releasable: secured && Boolean(current?.requestId) && (d.status === 'cancelled' || d.departure <= today),
    mustRelease: secured && d.status === 'cancelled',
    canRequestAgain: d.status === 'confirmed' && amountCents > 0 && ['failed', 'expired_unsecured', 'cancelled', 'to_request'].includes(d.depositState),
  };
}

/** Staff are looking at this deposit (link copied, dossier open): poll it often for a while (§3 desk tier). */
function markAttention(ctx: ServiceContext, row: SwiklyRow | undefined): void {
  if (!row?.open) return;
  const now = ctx.sync.now();
  if (!row.attentionAt || now.getTime() - Date.parse(row.attentionAt) >= 60_000) {
    ctx.sqlite.prepare(`UPDATE swikly_requests SET attention_at = ? WHERE id = ?`).run(now.toISOString(), row.id);
  }
  // Reads only what is due (nothing when it was read less than 20 s ago), then keeps the 20 s pace.
  if (row.requestId) void ctx.sync.pollNow(swiklyPoller(row.agencyId).name);
}

// ---- sweeps: automatic release and reminder --------------------------------------------------

/** Run with the option-lapse sweep: releases due by the agency's rule, reminders still unanswered. */
export function depositSweep(ctx: ServiceContext): void {
  const agencies = ctx.sqlite
    .prepare(`SELECT agency_id AS id, auto_release_days AS release, reminder_days AS reminder FROM agency_swikly_settings WHERE enabled = 1`)
    .all() as { id: string; release: number | null; reminder: number | null }[];
  for (const a of agencies) {
    const today = stayDateInZone(ctx.now(), agencyTimeZone(ctx, a.id));
    if (a.release !== null) {
      const due = ctx.sqlite
        .prepare(
          `SELECT r.id, r.booking_id AS bookingId FROM swikly_requests r JOIN bookings b ON b.id = r.booking_id
           WHERE r.agency_id = ? AND r.open = 1 AND r.deposit_status = 'Accepted' AND b.departure <= ?
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = r.booking_id AND o.kind = 'swikly/releaseRequest' AND o.state IN ('pending', 'in_flight', 'failed'))`,
        )
        .all(a.id, addDays(today, -a.release)) as { id: string; bookingId: string }[];
      for (const r of due) {
        ctx.sqlite.transaction(() => {
          enqueue(ctx, { kind: releaseRequestKind, remote: swiklyRemoteName(a.id), lane: lane(r.bookingId), bookingId: r.bookingId, payload: { rowId: r.id } });
          writeAudit(ctx, 'booking', r.bookingId, 'deposit_release', { automatic: true });
        })();
      }
      if (due.length) ctx.notify(['outbox']);
    }
    if (a.reminder !== null) {
      const limit = new Date(ctx.now().getTime() - a.reminder * 86_400_000).toISOString();
      const due = ctx.sqlite
        .prepare(
          `SELECT r.id, r.booking_id AS bookingId FROM swikly_requests r JOIN bookings b ON b.id = r.booking_id
           WHERE r.agency_id = ? AND r.open = 1 AND r.reminder_sent_at IS NULL AND r.link IS NOT NULL
             AND b.deposit_state = 'requested' AND b.status = 'confirmed' AND r.created_at <= ? AND b.arrival >= ?`,
        )
        .all(a.id, limit, today) as { id: string; bookingId: string }[];
      for (const r of due) {
        ctx.sqlite.transaction(() => {
          sendDepositMail(ctx, r.bookingId);
          ctx.sqlite.prepare(`UPDATE swikly_requests SET reminder_sent_at = ? WHERE id = ?`).run(nowIso(ctx), r.id);
        })();
      }
      if (due.length) ctx.notify(['emails', 'outbox', 'swikly_requests']);
    }
  }
}

// ---- handlers -----------------------------------------------------------------------------------

export const depositHandlers: DepositHandlers = {
  'deposits/get': ({ bookingId }, ctx) => {
    const info = depositInfo(ctx, bookingId);
    markAttention(ctx, currentSwiklyRow(ctx.sqlite, bookingId));
    return info;
  },

  'deposits/copyLink': ({ bookingId }, ctx) => {
    const d = loadDossier(ctx.sqlite, bookingId);
    const current = currentSwiklyRow(ctx.sqlite, bookingId);
    markAttention(ctx, current);
    const state = d.depositState;
    if (state === 'secured') return { link: null, state, message: `La caution du dossier ${d.number} est déjà sécurisée : plus de lien à envoyer.` };
    if (current?.link && current.open && state === 'requested') return { link: current.link, state, message: `Lien Swikly du dossier ${d.number} copié.` };
    if (state === 'requesting') {
      return { link: null, state, message: `Le lien n'existe pas encore : la demande de caution partira vers Swikly dès que le réseau le permet, le lien sera alors disponible.` };
    }
    if (state === 'none') return { link: null, state, message: `Pas de caution pour le dossier ${d.number}.` };
    if (state === 'released') return { link: null, state, message: `La caution du dossier ${d.number} a été libérée.` };
    return { link: null, state, message: `Pas de lien Swikly utilisable pour le dossier ${d.number} (${state === 'to_request' ? 'caution à demander' : 'demande close'}) : utilisez « Nouvelle demande » sur le dossier.` };
  },

  'deposits/sendRequestMail': ({ bookingIds }, ctx) => {
    const result = { queued: 0, held: [] as { bookingId: string; number: string; reason: string }[], skipped: [] as { bookingId: string; number: string; reason: string }[] };
    ctx.sqlite.transaction(() => {
      for (const bookingId of bookingIds) {
        const r = sendDepositMail(ctx, bookingId);
        if (r.outcome === 'queued') result.queued += 1;
        else result[r.outcome].push({ bookingId, number: r.number, reason: r.reason });
      }
    })();
    ctx.notify(['emails', 'outbox']);
    return result;
  },

  'deposits/release': ({ bookingId }, ctx) => {
    ctx.sqlite.transaction(() => {
      const info = depositInfo(ctx, bookingId);
      if (!info.releasable) throw new AppError('invalid_transition', 'Cette caution ne peut pas être libérée : elle n’est pas sécurisée, ou le séjour n’est pas terminé.');
      const current = currentSwiklyRow(ctx.sqlite, bookingId)!;
      const pending = ctx.sqlite.prepare(`SELECT 1 FROM outbox WHERE booking_id = ? AND kind = 'swikly/releaseRequest' AND state IN ('pending', 'in_flight', 'failed')`).get(bookingId);
      if (pending) throw new AppError('conflict', 'La libération de cette caution est déjà en cours.');
      enqueue(ctx, { kind: releaseRequestKind, remote: swiklyRemoteName(current.agencyId), lane: lane(bookingId), bookingId, payload: { rowId: current.id } });
      writeAudit(ctx, 'booking', bookingId, 'deposit_release', { amountCents: info.amountCents });
    })();
    ctx.notify(['outbox', 'bookings']);
    return depositInfo(ctx, bookingId);
  },

  'deposits/request': ({ bookingId, reason }, ctx) => {
    ctx.sqlite.transaction(() => {
      const d = loadDossier(ctx.sqlite, bookingId);
      const info = depositInfo(ctx, bookingId);
      if (!info.canRequestAgain) throw new AppError('invalid_transition', 'Une demande de caution est déjà en cours ou sécurisée pour ce dossier.');
      const ready = readyFor(ctx, d);
      if (ready === null) throw new AppError('invalid_input', `La liaison Swikly n'est pas activée pour l'agence (${SETTINGS_PATH} et Préférences).`);
      if (ready) throw new AppError('invalid_input', ready);
      const current = currentSwiklyRow(ctx.sqlite, bookingId);
      // The old request, if Swikly may still hold it open (Failed is not final), is cancelled first.
      if (current?.open && current.requestId) {
        enqueue(ctx, { kind: cancelRequestKind, remote: swiklyRemoteName(d.agencyId), lane: lane(bookingId), bookingId, payload: { rowId: current.id } });
        ctx.sqlite.prepare('UPDATE swikly_requests SET open = 0 WHERE id = ?').run(current.id);
      }
      startRequest(ctx, d, info.amountCents ?? 0, settingsRow(ctx.sqlite, d.agencyId).marginDays ?? 0);
      writeAudit(ctx, 'booking', bookingId, 'deposit_request', { reason, amountCents: info.amountCents, ...(current ? { replaces: current.customId } : {}) });
    })();
    ctx.notify(['bookings', 'swikly_requests', 'outbox']);
    return depositInfo(ctx, bookingId);
  },
};
