// Use cases of the template manager, the E-mail Auto screen (batch and per-recipient modes) and a
// dossier's Communications. Every send only commits: the outbox hands messages to SMTP.
import {
  AppError,
  type BatchStatus,
  type EmailMessage,
  type EmailTemplate,
  type SkipReason,
} from '../../src-shared/contract';
import {
  EMAIL_KIND_LABELS,
  PLANNED_EMAIL_KINDS,
  isPlannedEmailKind,
  listMergeFields,
  planEmail,
  stayDateInZone,
  unknownMergeFields,
  type EmailKind,
  type PlannedEmailKind,
} from '../../src-shared/domain';
import { uuidv7 } from '../db/ids';
import { writeStamp } from '../db/stamp';
import { smtpRemoteName } from '../integrations/smtp';
import { agencyTimeZone } from './clock';
import { composeMail, missingFields, valuesFor, loadDossierForMail, loadDossiersForMail, loadTemplates, renderMail, type DossierForMail } from './email-compose';
import { SKIP_MESSAGES, addressProblem, dueEmails, loadPlanningRow, plannedKeyOf, planningDossier } from './email-due';
import { actionEmailsNotCreated } from './email-actions';
import { queueEmail } from './email-outbox';
import { ensureEmailDefaults, loadRules, mailSettings, type AgencyMailSettings } from './email-settings';
import { nowIso, type Handlers, type ServiceContext } from './context';

type EmailHandlers = Pick<
  Handlers,
  | 'emails/mergeFields'
  | 'emails/templates/list'
  | 'emails/templates/save'
  | 'emails/templates/preview'
  | 'emails/due/counts'
  | 'emails/due/list'
  | 'emails/draft'
  | 'emails/send'
  | 'emails/batch/start'
  | 'emails/batch/status'
  | 'emails/batch/cancel'
  | 'emails/forBooking'
  | 'emails/resolve'
>;

const dueCountsCache = new WeakMap<ServiceContext['sqlite'], { key: string; counts: { balanceReminder: number; arrivalReminder: number; optionExpiry: number; afterDeparture: number } }>();

function requireSmtp(ctx: ServiceContext, agencyId: string): AgencyMailSettings {
  const settings = mailSettings(ctx.sqlite, ctx.secrets, agencyId);
  if (!settings.configured) {
    throw new AppError('invalid_input', "Aucun serveur d'e-mails n'est configuré pour cette agence : renseignez-le dans Paramétrage › Agences › Emails.");
  }
  return settings;
}

function templatesOf(ctx: ServiceContext, agencyId: string): EmailTemplate[] {
  ensureEmailDefaults(ctx.sqlite, ctx.now(), agencyId);
  return ctx.sqlite
    .prepare(
      `SELECT id, kind, language, subject, html, updated_at AS updatedAt FROM email_templates WHERE agency_id = ?
       ORDER BY kind, language`,
    )
    .all(agencyId) as EmailTemplate[];
}

/** The anchor date a planned kind has for this dossier today (null when the kind does not apply). */
function anchorFor(ctx: ServiceContext, agencyId: string, kind: EmailKind, bookingId: string): string | null {
  if (!isPlannedEmailKind(kind)) return null;
  const rule = loadRules(ctx.sqlite, agencyId).get(kind)!;
  const b = loadPlanningRow(ctx.sqlite, bookingId);
  if (!b) return null;
  // Conditions do not matter here: staff chose this dossier by hand.
  const planned = planEmail(planningDossier(b, agencyTimeZone(ctx, agencyId)), { ...rule, propertyIds: [], sources: [] });
  return planned?.anchorDate ?? null;
}

function batchStatus(ctx: ServiceContext, batchId: string): BatchStatus {
  const batch = ctx.sqlite.prepare('SELECT id, agency_id AS agencyId, kind, skipped FROM email_batches WHERE id = ?').get(batchId) as
    | { id: string; agencyId: string; kind: PlannedEmailKind; skipped: string }
    | undefined;
  if (!batch) throw new AppError('not_found', 'Envoi groupé introuvable : actualisez l’écran E-mail Auto.');
  const counts = { held: 0, queued: 0, sent: 0, failed: 0, unknown: 0, cancelled: 0 };
  for (const r of ctx.sqlite.prepare('SELECT state, count(*) AS n FROM emails WHERE batch_id = ? GROUP BY state').all(batchId) as { state: keyof typeof counts; n: number }[]) {
    counts[r.state] = r.n;
  }
  const failures = ctx.sqlite
    .prepare(
      `SELECT e.id AS emailId, e.booking_id AS bookingId, coalesce(b.number, '') AS number, e.to_address AS "to", coalesce(e.error, '') AS error
       FROM emails e LEFT JOIN bookings b ON b.id = e.booking_id WHERE e.batch_id = ? AND e.state IN ('failed', 'unknown') ORDER BY b.number`,
    )
    .all(batchId) as BatchStatus['failures'];
  const total = counts.held + counts.queued + counts.sent + counts.failed + counts.unknown + counts.cancelled;
  return {
    batchId,
    kind: batch.kind,
    total,
    ...counts,
    offline: counts.queued > 0 && ctx.sync.remoteState(smtpRemoteName(batch.agencyId)) === 'offline',
    finished: counts.queued === 0,
    skipped: JSON.parse(batch.skipped) as BatchStatus['skipped'],
    failures,
  };
}

function messageOf(row: Omit<EmailMessage, 'kindLabel' | 'offline'> & { agencyId: string }, ctx: ServiceContext): EmailMessage {
  const { agencyId, ...rest } = row;
  return {
    ...rest,
    kindLabel: EMAIL_KIND_LABELS[row.kind] ?? row.kind,
    offline: row.state === 'queued' && ctx.sync.remoteState(smtpRemoteName(agencyId)) === 'offline',
  };
}

export const emailHandlers: EmailHandlers = {
  'emails/mergeFields': () => listMergeFields().map((f) => ({ key: f.key, label: f.label, group: f.group, optional: Boolean(f.optional) })),

  'emails/templates/list': ({ agencyId }, ctx) => {
    agencyTimeZone(ctx, agencyId);
    return templatesOf(ctx, agencyId);
  },

  'emails/templates/save': ({ agencyId, kind, language, subject, html }, ctx) => {
    agencyTimeZone(ctx, agencyId);
    const unknown = unknownMergeFields(subject, html);
    if (unknown.length) {
      throw new AppError(
        'invalid_input',
        `Champ${unknown.length > 1 ? 's' : ''} de fusion inconnu${unknown.length > 1 ? 's' : ''} : ${unknown.map((k) => `{{${k}}}`).join(', ')}. Corrigez l'orthographe ou choisissez le champ dans « Insérer ».`,
      );
    }
    const at = nowIso(ctx);
    ctx.sqlite
      .prepare(
        `INSERT INTO email_templates (id, agency_id, kind, language, subject, html, created_at, updated_at)
         VALUES (@id, @agencyId, @kind, @language, @subject, @html, @at, @at)
         ON CONFLICT (agency_id, kind, language) DO UPDATE SET subject = @subject, html = @html, updated_at = @at`,
      )
      .run({ id: uuidv7(ctx.now().getTime()), agencyId, kind, language, subject, html, at });
    ctx.notify(['email_templates']);
    return templatesOf(ctx, agencyId).find((t) => t.kind === kind && t.language === language)!;
  },

  'emails/templates/preview': ({ agencyId, kind, language, subject, html, bookingId }, ctx) => {
    const tz = agencyTimeZone(ctx, agencyId);
    const today = stayDateInZone(ctx.now(), tz);
    // A real dossier: the one asked for, else the agency's next one the kind is written for (an
    // option for its expiry, an open balance for its reminder, a confirmed stay otherwise), else any.
    const suited: Partial<Record<EmailKind, string>> = {
      optionExpiry: `status = 'option' AND option_expires_at IS NOT NULL`,
      balanceReminder: `status = 'confirmed' AND balance_cents > 0 AND balance_due_date IS NOT NULL`,
      bookingCancellation: `status = 'cancelled'`,
    };
    const id =
      bookingId ??
      (
        ctx.sqlite
          .prepare(
            `SELECT id FROM bookings WHERE agency_id = @agencyId AND ${suited[kind] ?? `status = 'confirmed'`} AND arrival >= @today ORDER BY arrival LIMIT 1`,
          )
          .get({ agencyId, today }) as { id: string } | undefined
      )?.id ??
      (ctx.sqlite.prepare('SELECT id FROM bookings WHERE agency_id = ? ORDER BY arrival DESC LIMIT 1').get(agencyId) as { id: string } | undefined)?.id;
    const unknown = unknownMergeFields(subject, html);
    if (!id) return { bookingId: null, number: null, subject, html, text: '', missing: [], unknown };
    const dossier = loadDossierForMail(ctx.sqlite, id);
    if (dossier.agencyId !== agencyId) throw new AppError('invalid_input', "Ce dossier appartient à une autre agence : choisissez un dossier de l'agence du modèle.");
    const mail = renderMail({ subject, html }, valuesFor(dossier, language).values, language);
    return { bookingId: id, number: dossier.number, subject: mail.subject, html: mail.html, text: mail.text, missing: mail.missing, unknown };
  },

  // Asked by the navigation badge and the Accueil cards on every change: kept while nothing was
  // written and the day is the same (at 1,000,000 dossiers a count is a few hundred milliseconds of
  // the main process, which every screen would wait behind).
  'emails/due/counts': ({ agencyId }, ctx) => {
    const key = `${agencyId ?? '*'}|${stayDateInZone(ctx.now(), agencyTimeZone(ctx, agencyId))}|${writeStamp(ctx.sqlite)}`;
    const cached = dueCountsCache.get(ctx.sqlite);
    if (cached?.key === key) return cached.counts;
    const counts = { balanceReminder: 0, arrivalReminder: 0, optionExpiry: 0, afterDeparture: 0 };
    const agencyIds = agencyId ? [agencyId] : (ctx.sqlite.prepare('SELECT id FROM agencies').all() as { id: string }[]).map((a) => a.id);
    for (const id of agencyIds) {
      const tz = agencyTimeZone(ctx, id);
      const rules = loadRules(ctx.sqlite, id);
      for (const kind of PLANNED_EMAIL_KINDS) counts[kind] += dueEmails(ctx.sqlite, id, tz, rules.get(kind)!, ctx.now()).length;
    }
    dueCountsCache.set(ctx.sqlite, { key, counts });
    return counts;
  },

  'emails/due/list': ({ agencyId, kind }, ctx) => {
    const due = dueEmails(ctx.sqlite, agencyId, agencyTimeZone(ctx, agencyId), loadRules(ctx.sqlite, agencyId).get(kind)!, ctx.now());
    // What the batch would hold back for a field without value, shown before anyone clicks.
    const templates = loadTemplates(ctx.sqlite, agencyId);
    const dossiers = loadDossiersForMail(ctx.sqlite, due.filter((d) => d.skip === null).map((d) => d.bookingId));
    for (const row of due) {
      const dossier = dossiers.get(row.bookingId);
      if (!dossier) continue;
      row.missing = missingFields(templates, kind, dossier);
      if (row.missing.length) row.skip = 'missing_field';
    }
    return due;
  },

  'emails/draft': ({ agencyId, kind, bookingId }, ctx) => {
    const dossier = loadDossierForMail(ctx.sqlite, bookingId);
    if (dossier.agencyId !== agencyId) throw new AppError('invalid_input', "Ce dossier appartient à une autre agence : changez d'agence en haut de l'écran.");
    const mail = composeMail(loadTemplates(ctx.sqlite, agencyId), kind, dossier);
    return { to: dossier.email, subject: mail.subject, html: mail.html, language: mail.language, anchorDate: anchorFor(ctx, agencyId, kind, bookingId), missing: mail.missing };
  },

  'emails/send': ({ agencyId, kind, bookingId, to, subject, html, anchorDate }, ctx) => {
    const settings = requireSmtp(ctx, agencyId);
    const dossier = loadDossierForMail(ctx.sqlite, bookingId);
    if (dossier.agencyId !== agencyId) throw new AppError('invalid_input', "Ce dossier appartient à une autre agence : changez d'agence en haut de l'écran.");
    const left = unknownMergeFields(subject, html);
    if (left.length) throw new AppError('invalid_input', `Le texte contient encore des champs de fusion : ${left.map((k) => `{{${k}}}`).join(', ')}. Remplacez-les par leur valeur.`);
    const language = composeMail(loadTemplates(ctx.sqlite, agencyId), kind, dossier).language;
    const planned = isPlannedEmailKind(kind) && anchorDate ? { kind, anchorDate } : null;
    const emailId = ctx.sqlite.transaction(() =>
      queueEmail(ctx, settings, {
        agencyId,
        bookingId,
        kind,
        planned,
        language,
        to: { name: dossier.clientName, address: to },
        subject,
        html,
        text: renderMail({ subject, html }, {}, language).text,
      }),
    )();
    if (!emailId) {
      throw new AppError('conflict', `Cet e-mail « ${EMAIL_KIND_LABELS[kind]} » a déjà été envoyé (ou est en cours d'envoi) pour le dossier ${dossier.number} : voyez ses Communications.`);
    }
    ctx.notify(['emails', 'outbox']);
    return { emailId };
  },

  'emails/batch/start': ({ agencyId, kind }, ctx) => {
    const settings = requireSmtp(ctx, agencyId);
    const tz = agencyTimeZone(ctx, agencyId);
    const batchId = ctx.sqlite.transaction(() => {
      const due = dueEmails(ctx.sqlite, agencyId, tz, loadRules(ctx.sqlite, agencyId).get(kind)!, ctx.now());
      const templates = loadTemplates(ctx.sqlite, agencyId);
      const dossiers = loadDossiersForMail(ctx.sqlite, due.map((d) => d.bookingId));
      const id = uuidv7(ctx.now().getTime());
      const at = nowIso(ctx);
      ctx.sqlite
        .prepare(`INSERT INTO email_batches (id, agency_id, kind, skipped, created_by, created_at, updated_at) VALUES (?, ?, ?, '[]', ?, ?, ?)`)
        .run(id, agencyId, kind, ctx.workstationUser, at, at);
      const skipped: BatchStatus['skipped'] = [];
      const skip = (d: DossierForMail, reason: SkipReason, detail = '') =>
        skipped.push({ bookingId: d.bookingId, number: d.number, clientName: d.clientName, reason, message: SKIP_MESSAGES[reason] + detail });
      for (const row of due) {
        const dossier = dossiers.get(row.bookingId);
        if (!dossier) continue;
        const problem = addressProblem(dossier.email, dossier.commPreference);
        if (problem) {
          skip(dossier, problem);
          continue;
        }
        const mail = composeMail(templates, kind, dossier);
        const blocking = mail.missing.filter((k) => !mail.held.includes(k));
        if (blocking.length) {
          skip(dossier, 'missing_field', ` (${blocking.map((k) => `{{${k}}}`).join(', ')}) : complétez le dossier, ou utilisez « CRÉER MAIL » pour l'adapter.`);
          continue;
        }
        queueEmail(ctx, settings, {
          agencyId,
          bookingId: row.bookingId,
          batchId: id,
          kind,
          planned: { kind, anchorDate: row.anchorDate },
          language: mail.language,
          to: { name: dossier.clientName, address: dossier.email.trim() },
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          hold: mail.held.length ? "En attente du lien Swikly : l'e-mail partira dès que la demande de caution aura été créée chez Swikly." : null,
        });
      }
      ctx.sqlite.prepare('UPDATE email_batches SET skipped = ? WHERE id = ?').run(JSON.stringify(skipped), id);
      return id;
    })();
    ctx.notify(['emails', 'email_batches', 'outbox']);
    return batchStatus(ctx, batchId);
  },

  'emails/batch/status': ({ batchId }, ctx) => batchStatus(ctx, batchId),

  'emails/batch/cancel': ({ batchId }, ctx) => {
    batchStatus(ctx, batchId);
    const at = ctx.sync.now().toISOString();
    ctx.sqlite.transaction(() => {
      // Only what has not left: a message in the hands of the SMTP server cannot be called back.
      const ids = ctx.sqlite
        .prepare(
          `SELECT e.id FROM emails e JOIN outbox o ON o.id = e.outbox_id
           WHERE e.batch_id = ? AND e.state = 'queued' AND o.state IN ('pending', 'failed')`,
        )
        .all(batchId) as { id: string }[];
      const cancelOutbox = ctx.sqlite.prepare(
        `UPDATE outbox SET state = 'cancelled', completed_at = @at, updated_at = @at WHERE id = (SELECT outbox_id FROM emails WHERE id = @id) AND state IN ('pending', 'failed')`,
      );
      const cancelEmail = ctx.sqlite.prepare(
        `UPDATE emails SET state = 'cancelled', error = 'Envoi groupé arrêté avant le départ de ce message.', planned_key = NULL, updated_at = @at WHERE id = @id`,
      );
      for (const { id } of ids) {
        if (cancelOutbox.run({ id, at }).changes === 1) cancelEmail.run({ id, at });
      }
      ctx.sqlite.prepare('UPDATE email_batches SET cancelled_at = ?, updated_at = ? WHERE id = ?').run(at, at, batchId);
    })();
    ctx.notify(['emails', 'email_batches', 'outbox']);
    return batchStatus(ctx, batchId);
  },

  'emails/forBooking': ({ bookingId }, ctx) => {
    const dossier = loadDossierForMail(ctx.sqlite, bookingId);
    const rows = ctx.sqlite
      .prepare(
        `SELECT id, agency_id AS agencyId, kind, state, to_address AS "to", subject, html, text, anchor_date AS anchorDate, error,
           created_at AS createdAt, sent_at AS sentAt, created_by AS createdBy
         FROM emails WHERE booking_id = ? ORDER BY created_at DESC`,
      )
      .all(bookingId) as (Omit<EmailMessage, 'kindLabel' | 'offline'> & { agencyId: string })[];
    const messages = rows.map((r) => messageOf(r, ctx));
    // To come: each planned kind whose window has not closed and has no live e-mail for its anchor.
    const tz = agencyTimeZone(ctx, dossier.agencyId);
    const today = stayDateInZone(ctx.now(), tz);
    const rules = loadRules(ctx.sqlite, dossier.agencyId);
    const planningOf = planningDossier(loadPlanningRow(ctx.sqlite, bookingId)!, tz);
    const live = new Set(ctx.sqlite.prepare('SELECT planned_key AS k FROM emails WHERE booking_id = ? AND planned_key IS NOT NULL').all(bookingId).map((r) => (r as { k: string }).k));
    const scheduled = [];
    for (const kind of PLANNED_EMAIL_KINDS) {
      const planned = planEmail(planningOf, rules.get(kind)!);
      if (!planned || planned.closesOn < today || live.has(plannedKeyOf(bookingId, kind, planned.anchorDate))) continue;
      scheduled.push({ kind, kindLabel: EMAIL_KIND_LABELS[kind], dueDate: planned.dueDate, anchorDate: planned.anchorDate });
    }
    return { messages, scheduled, notCreated: actionEmailsNotCreated(ctx.sqlite, bookingId) };
  },

  'emails/resolve': ({ emailId, decision }, ctx) => {
    const row = ctx.sqlite.prepare('SELECT state, outbox_id AS outboxId, agency_id AS agencyId FROM emails WHERE id = ?').get(emailId) as
      | { state: string; outboxId: string | null; agencyId: string }
      | undefined;
    if (!row) throw new AppError('not_found', 'E-mail introuvable : actualisez la liste.');
    if (row.state !== 'unknown') throw new AppError('invalid_transition', "Cet e-mail n'attend pas de décision : son sort est déjà connu.");
    const at = ctx.sync.now().toISOString();
    const state = ctx.sqlite.transaction(() => {
      if (decision === 'markSent') {
        ctx.sqlite
          .prepare(`UPDATE outbox SET state = 'done', result = '{"confirmedBy":"staff"}', completed_at = @at, updated_at = @at WHERE id = @id AND state = 'failed'`)
          .run({ id: row.outboxId, at });
        ctx.sqlite.prepare(`UPDATE emails SET state = 'sent', sent_at = @at, error = NULL, updated_at = @at WHERE id = @id`).run({ id: emailId, at });
        return 'sent' as const;
      }
      // Staff accept that the guest may get it twice: send it again without looking it up.
      ctx.sqlite
        .prepare(
          `UPDATE outbox SET state = 'pending', reconcile_first = 0, next_attempt_at = @at, last_error = NULL, last_error_code = NULL, updated_at = @at
           WHERE id = @id AND state = 'failed'`,
        )
        .run({ id: row.outboxId, at });
      ctx.sqlite.prepare(`UPDATE emails SET state = 'queued', error = NULL, updated_at = @at WHERE id = @id`).run({ id: emailId, at });
      return 'queued' as const;
    })();
    ctx.notify(['emails', 'outbox']);
    return { emailId, state };
  },
};
