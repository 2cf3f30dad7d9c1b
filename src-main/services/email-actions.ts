// The automatic e-mails a clerk's action creates: the booking confirmation when a dossier is
// confirmed (or created confirmed), the cancellation notice when it is cancelled. Queued in the
// action's own transaction. When one cannot be made (no SMTP server for the agency, no usable
// address, the client prefers post, a template field without value), nothing is sent, and that
// is said: in the action's answer (shown to the clerk at once), in the dossier's history, and in
// its Communications until an e-mail of that kind is sent by hand.
import type Database from 'better-sqlite3';
import { EMAIL_KIND_LABELS } from '../../src-shared/domain';
import { writeAudit } from './audit';
import { composeMail, loadDossierForMail, loadTemplates } from './email-compose';
import { SKIP_MESSAGES, addressProblem } from './email-due';
import { queueEmail } from './email-outbox';
import { mailSettings } from './email-settings';
import type { ServiceContext } from './context';

export type ActionEmailKind = 'bookingConfirmation' | 'bookingCancellation';

/** The audit action of an automatic e-mail that could not be made; its changes: { kind, reason }. */
export const EMAIL_NOT_CREATED = 'email_not_created';

export interface ActionEmailOutcome {
  /** Tables written (for `changed`). */
  touched: string[];
  /** Said to the clerk when the e-mail could not be made; null when it is queued. */
  notice: string | null;
}

/** Why the e-mail cannot be made for this dossier now, in words a clerk can act on; otherwise what it is made of. */
function obstacle(ctx: ServiceContext, bookingId: string, kind: ActionEmailKind) {
  const dossier = loadDossierForMail(ctx.sqlite, bookingId);
  const settings = mailSettings(ctx.sqlite, ctx.secrets, dossier.agencyId);
  if (!settings.configured) {
    return { reason: "aucun serveur d'e-mails n'est paramétré pour l'agence (Paramétrage › Agences › Emails)." } as const;
  }
  const address = addressProblem(dossier.email, dossier.commPreference);
  if (address) return { reason: lowerFirst(SKIP_MESSAGES[address]) } as const;
  const mail = composeMail(loadTemplates(ctx.sqlite, dossier.agencyId), kind, dossier);
  if (mail.missing.length) {
    return { reason: `le modèle utilise des champs vides pour ce dossier (${mail.missing.map((k) => `{{${k}}}`).join(', ')}) : complétez le dossier.` } as const;
  }
  return { dossier, settings, mail } as const;
}

export function queueActionEmail(ctx: ServiceContext, bookingId: string, kind: ActionEmailKind): ActionEmailOutcome {
  const ready = obstacle(ctx, bookingId, kind);
  if ('reason' in ready) {
    writeAudit(ctx, 'booking', bookingId, EMAIL_NOT_CREATED, { kind, reason: ready.reason });
    return { touched: ['audit_log'], notice: `E-mail « ${EMAIL_KIND_LABELS[kind]} » non envoyé : ${ready.reason}` };
  }
  const { dossier, settings, mail } = ready;
  queueEmail(ctx, settings, {
    agencyId: dossier.agencyId,
    bookingId,
    kind,
    language: mail.language,
    to: { name: dossier.clientName, address: dossier.email.trim() },
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
  });
  return { touched: ['emails', 'outbox'], notice: null };
}

/** Automatic e-mails of this dossier that could not be made and were not sent by hand since, newest first. */
export function actionEmailsNotCreated(sqlite: Database.Database, bookingId: string): { kind: ActionEmailKind; kindLabel: string; at: string; reason: string }[] {
  const rows = sqlite
    .prepare(
      `SELECT a.at, a.changes FROM audit_log a
       WHERE a.entity = 'booking' AND a.entity_id = ? AND a.action = ?
         AND NOT EXISTS (SELECT 1 FROM emails e WHERE e.booking_id = a.entity_id AND e.kind = json_extract(a.changes, '$.kind') AND e.created_at >= a.at)
       ORDER BY a.at DESC`,
    )
    .all(bookingId, EMAIL_NOT_CREATED) as { at: string; changes: string }[];
  const seen = new Set<string>();
  const out = [];
  for (const r of rows) {
    const c = JSON.parse(r.changes) as { kind: ActionEmailKind; reason: string };
    if (seen.has(c.kind)) continue; // the latest attempt of each kind says enough
    seen.add(c.kind);
    out.push({ kind: c.kind, kindLabel: EMAIL_KIND_LABELS[c.kind], at: r.at, reason: c.reason });
  }
  return out;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
