// An e-mail's way out: the emails row (what staff see in Communications) and its 'email/send'
// outbox row, written together; the sync engine hands it to the agency's SMTP server and the
// kind's hooks bring the outcome back to the emails row.
import { z } from 'zod';
import type { PlannedEmailKind } from '../../src-shared/domain';
import { uuidv7 } from '../db/ids';
import { smtpRemoteName, type OutgoingMessage, type SmtpClient } from '../integrations/smtp';
import { RemoteError } from '../sync/errors';
import { defineOperationKind, registerOperationKind, type LocalEffectContext } from '../sync/kinds';
import { enqueue, type EnqueueContext } from '../sync/outbox';
import { domainOf, type AgencyMailSettings } from './email-settings';
import { plannedKeyOf } from './email-due';
import type { ServiceContext } from './context';

// The message itself is the emails row: read at send time, so what leaves is exactly what
// Communications shows (and a batch of 1,000 does not store every body twice).
const sendPayload = z.object({ emailId: z.string() });

function storedMessage(sqlite: LocalEffectContext['sqlite'], emailId: string): OutgoingMessage {
  const e = sqlite
    .prepare(
      `SELECT message_id AS messageId, from_name AS fromName, from_address AS fromAddress, to_name AS toName, to_address AS toAddress,
         reply_to AS replyTo, subject, html, text FROM emails WHERE id = ?`,
    )
    .get(emailId) as
    | { messageId: string; fromName: string; fromAddress: string; toName: string; toAddress: string; replyTo: string; subject: string; html: string; text: string }
    | undefined;
  if (!e) throw new RemoteError('client', 'smtp', "E-mail introuvable dans Comptoir : annulez cette opération.");
  return {
    messageId: e.messageId,
    from: { name: e.fromName, address: e.fromAddress },
    to: { name: e.toName, address: e.toAddress },
    replyTo: e.replyTo,
    subject: e.subject,
    html: e.html,
    text: e.text,
  };
}

export const UNKNOWN_HANDOFF_MESSAGE =
  "Comptoir s'est arrêté pendant la remise de cet e-mail au serveur : impossible de savoir s'il est parti. " +
  'Vérifiez dans les éléments envoyés de la messagerie ou auprès du client, puis choisissez « Marquer envoyé » ou « Renvoyer ».';

function setEmailState(tx: LocalEffectContext, emailId: string, state: string, fields: { error?: string | null; response?: string | null; keepKey: boolean }) {
  tx.sqlite
    .prepare(
      `UPDATE emails SET state = @state, error = @error, smtp_response = coalesce(@response, smtp_response),
         sent_at = CASE WHEN @state = 'sent' THEN @at ELSE sent_at END,
         planned_key = CASE WHEN @keepKey THEN planned_key ELSE NULL END, updated_at = @at
       WHERE id = @id`,
    )
    .run({ id: emailId, state, error: fields.error ?? null, response: fields.response ?? null, keepKey: fields.keepKey ? 1 : 0, at: tx.now.toISOString() });
  return ['emails'];
}

export const sendEmailKind = defineOperationKind({
  kind: 'email/send',
  // Nominal: each row goes to its agency's server, 'smtp:<agencyId>' (enqueue's remote).
  remote: 'smtp',
  label: 'Envoi d’e-mail',
  payload: sendPayload,
  async perform(p, io) {
    return (io.client as SmtpClient).send(storedMessage(io.sqlite, p.emailId), io.signal);
  },
  // SMTP cannot be asked whether it holds a message: staff decide, it is never resent silently.
  async reconcile() {
    return { status: 'unknown', message: UNKNOWN_HANDOFF_MESSAGE };
  },
  onDone: (tx, p, result) => setEmailState(tx, p.emailId, 'sent', { response: result.response, keepKey: true }),
  onFailed(tx, p, reason) {
    const code = (tx.sqlite.prepare('SELECT last_error_code AS code FROM outbox WHERE id = ?').get(tx.operationId) as { code: string | null } | undefined)?.code;
    // Unknown: it may have arrived, so the dossier must not be listed for a second one meanwhile.
    if (code === 'unknown_outcome') return setEmailState(tx, p.emailId, 'unknown', { error: reason, keepKey: true });
    return setEmailState(tx, p.emailId, 'failed', { error: reason, keepKey: false });
  },
  onCancel: (tx, p) => setEmailState(tx, p.emailId, 'cancelled', { error: 'Envoi annulé.', keepKey: false }),
});
registerOperationKind(sendEmailKind);

export interface NewEmail {
  agencyId: string;
  bookingId: string | null;
  batchId?: string | null;
  kind: string;
  /** Planned kinds: the anchor date; with it, at most one e-mail per dossier, kind and date. */
  planned?: { kind: PlannedEmailKind; anchorDate: string } | null;
  language: string;
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  /** Set: the e-mail is recorded but waits (for its Swikly link), with this reason; queued later. */
  hold?: string | null;
}

/**
 * Records the e-mail and queues its delivery; must run inside the caller's transaction. Returns
 * null when this dossier already has a live e-mail for the same kind and anchor date.
 */
export function queueEmail(ctx: ServiceContext, settings: AgencyMailSettings, mail: NewEmail): string | null {
  const now = ctx.sync.now();
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  const messageId = `<${id}@${domainOf(settings.senderEmail)}>`;
  const plannedKey = mail.planned && mail.bookingId ? plannedKeyOf(mail.bookingId, mail.planned.kind, mail.planned.anchorDate) : null;
  const inserted = ctx.sqlite
    .prepare(
      `INSERT INTO emails (id, agency_id, booking_id, batch_id, kind, anchor_date, planned_key, language, to_address, to_name,
         from_address, from_name, reply_to, subject, html, text, message_id, state, created_by, created_at, updated_at)
       VALUES (@id, @agencyId, @bookingId, @batchId, @kind, @anchorDate, @plannedKey, @language, @toAddress, @toName,
         @fromAddress, @fromName, @replyTo, @subject, @html, @text, @messageId, @state, @createdBy, @at, @at)
       ON CONFLICT (planned_key) WHERE planned_key IS NOT NULL DO NOTHING`,
    )
    .run({
      id,
      agencyId: mail.agencyId,
      bookingId: mail.bookingId,
      batchId: mail.batchId ?? null,
      kind: mail.kind,
      anchorDate: mail.planned?.anchorDate ?? null,
      plannedKey,
      language: mail.language,
      toAddress: mail.to.address,
      toName: mail.to.name,
      fromAddress: settings.senderEmail,
      fromName: settings.senderName,
      replyTo: settings.replyTo,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId,
      state: mail.hold ? 'held' : 'queued',
      createdBy: ctx.workstationUser,
      at,
    });
  if (inserted.changes === 0) return null;
  if (mail.hold) {
    ctx.sqlite.prepare('UPDATE emails SET error = ? WHERE id = ?').run(mail.hold, id);
    return id;
  }
  const outboxId = enqueueStoredEmail(ctx, id, mail.agencyId, mail.bookingId);
  ctx.sqlite.prepare('UPDATE emails SET outbox_id = ? WHERE id = ?').run(outboxId, id);
  return id;
}

/** The outbox row that delivers a recorded e-mail (queued at once, or after being held). */
export function enqueueStoredEmail(ctx: EnqueueContext, emailId: string, agencyId: string, bookingId: string | null): string {
  return enqueue(ctx, {
    kind: sendEmailKind,
    remote: smtpRemoteName(agencyId),
    // Each message its own lane: a refused address must not hold back the dossier's other messages.
    lane: `email:${emailId}`,
    bookingId,
    idempotencyKey: `email:${emailId}`,
    payload: { emailId },
  }).id;
}
