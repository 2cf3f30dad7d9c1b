// Paramétrage › Agences › Emails: the agency's SMTP server, the delays of the semi-automatic
// e-mails, and the engine's SMTP remotes that follow these settings.
import type Database from 'better-sqlite3';
import { agencyNotFound, AppError, type EmailRule, type EmailSettings } from '../../src-shared/contract';
import { DEFAULT_OFFSETS, DEFAULT_TEMPLATES, PLANNED_EMAIL_KINDS, type PlannedEmailKind } from '../../src-shared/domain';
import { uuidv7 } from '../db/ids';
import { createSmtpClient, smtpRemote, smtpRemoteName, testFailureMessage, type SmtpSecurity, type SmtpServerSettings } from '../integrations/smtp';
import { isRemoteError } from '../sync/errors';
import type { SecretStore } from '../secrets';
import type { SyncPort } from '../sync/engine';
import { nowIso, type Handlers, type ServiceContext } from './context';

export const smtpPasswordKey = (agencyId: string) => `smtp-password:${agencyId}`;

interface SettingsRow {
  agencyId: string;
  agencyName: string;
  agencyEmail: string;
  host: string | null;
  port: number | null;
  security: SmtpSecurity | null;
  user: string | null;
  senderName: string | null;
  senderEmail: string | null;
  replyTo: string | null;
  perMinute: number | null;
}

export interface AgencyMailSettings {
  agencyId: string;
  agencyName: string;
  server: SmtpServerSettings;
  senderName: string;
  senderEmail: string;
  replyTo: string;
  /** A host and a sender address: the least a message needs to leave. */
  configured: boolean;
}

function loadRow(sqlite: Database.Database, agencyId: string): SettingsRow {
  const row = sqlite
    .prepare(
      `SELECT a.id AS agencyId, a.name AS agencyName, a.email AS agencyEmail, s.smtp_host AS host, s.smtp_port AS port,
         s.smtp_security AS security, s.smtp_user AS user, s.sender_name AS senderName, s.sender_email AS senderEmail,
         s.reply_to AS replyTo, s.per_minute AS perMinute
       FROM agencies a LEFT JOIN agency_email_settings s ON s.agency_id = a.id WHERE a.id = ?`,
    )
    .get(agencyId) as SettingsRow | undefined;
  if (!row) throw agencyNotFound();
  return row;
}

export function mailSettings(sqlite: Database.Database, secrets: SecretStore, agencyId: string): AgencyMailSettings {
  const r = loadRow(sqlite, agencyId);
  const senderEmail = r.senderEmail || r.agencyEmail;
  const host = r.host ?? '';
  return {
    agencyId,
    agencyName: r.agencyName,
    server: {
      host,
      port: r.port ?? 587,
      security: r.security ?? 'starttls',
      user: r.user ?? '',
      password: secrets.get(smtpPasswordKey(agencyId)),
      perMinute: r.perMinute ?? 30,
    },
    senderName: r.senderName || r.agencyName,
    senderEmail,
    replyTo: r.replyTo ?? '',
    configured: host !== '' && senderEmail !== '',
  };
}

export function loadRules(sqlite: Database.Database, agencyId: string): Map<PlannedEmailKind, EmailRule> {
  const rows = sqlite
    .prepare(`SELECT kind, offset_days AS offsetDays, send_late AS sendLate, property_ids AS propertyIds, sources FROM email_rules WHERE agency_id = ?`)
    .all(agencyId) as { kind: string; offsetDays: number; sendLate: number; propertyIds: string; sources: string }[];
  const rules = new Map<PlannedEmailKind, EmailRule>();
  for (const kind of PLANNED_EMAIL_KINDS) {
    const row = rows.find((r) => r.kind === kind);
    rules.set(kind, {
      kind,
      offsetDays: row?.offsetDays ?? DEFAULT_OFFSETS[kind],
      sendLate: row ? Boolean(row.sendLate) : true,
      propertyIds: row ? jsonArray(row.propertyIds) : [],
      sources: (row ? jsonArray(row.sources) : []) as EmailRule['sources'],
    });
  }
  return rules;
}

function jsonArray(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Every agency gets the default delays and templates it lacks (a new agency, a new kind in an update). */
export function ensureEmailDefaults(sqlite: Database.Database, now: Date, onlyAgency?: string): void {
  const at = now.toISOString();
  const expected = Object.values(DEFAULT_TEMPLATES).reduce((n, v) => n + Object.keys(v).length, 0);
  // Read first: this runs on screens' reads, and a write transaction each time would be wasteful.
  const agencyIds = (
    sqlite
      .prepare(
        `SELECT a.id FROM agencies a WHERE (@only IS NULL OR a.id = @only)
           AND ((SELECT count(*) FROM email_templates t WHERE t.agency_id = a.id) < @expected
             OR (SELECT count(*) FROM email_rules r WHERE r.agency_id = a.id) < @rules)`,
      )
      .all({ only: onlyAgency ?? null, expected, rules: PLANNED_EMAIL_KINDS.length }) as { id: string }[]
  ).map((a) => a.id);
  if (agencyIds.length === 0) return;
  const rule = sqlite.prepare(
    `INSERT INTO email_rules (agency_id, kind, offset_days, send_late, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)
     ON CONFLICT (agency_id, kind) DO NOTHING`,
  );
  const template = sqlite.prepare(
    `INSERT INTO email_templates (id, agency_id, kind, language, subject, html, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (agency_id, kind, language) DO NOTHING`,
  );
  sqlite.transaction(() => {
    for (const agencyId of agencyIds) {
      for (const kind of PLANNED_EMAIL_KINDS) rule.run(agencyId, kind, DEFAULT_OFFSETS[kind], at, at);
      for (const [kind, variants] of Object.entries(DEFAULT_TEMPLATES)) {
        for (const [language, t] of Object.entries(variants)) template.run(uuidv7(now.getTime()), agencyId, kind, language, t.subject, t.html, at, at);
      }
    }
  })();
}

/** Registers (or forgets) the agency's SMTP server with the sync engine, after start and after each save. */
export function applySmtpRemote(sync: SyncPort, settings: AgencyMailSettings): void {
  if (settings.configured) sync.setRemote(smtpRemote(settings.agencyId, settings.agencyName, settings.server));
  else sync.removeRemote(smtpRemoteName(settings.agencyId));
}

export function registerSmtpRemotes(sqlite: Database.Database, secrets: SecretStore, sync: SyncPort): void {
  for (const { id } of sqlite.prepare('SELECT agency_id AS id FROM agency_email_settings').all() as { id: string }[]) {
    applySmtpRemote(sync, mailSettings(sqlite, secrets, id));
  }
}

function describeSettings(ctx: ServiceContext, agencyId: string): EmailSettings {
  const s = mailSettings(ctx.sqlite, ctx.secrets, agencyId);
  const stored = loadRow(ctx.sqlite, agencyId);
  return {
    agencyId,
    smtp: {
      host: s.server.host,
      port: s.server.port,
      security: s.server.security,
      user: s.server.user,
      senderName: stored.senderName ?? '',
      senderEmail: stored.senderEmail ?? '',
      replyTo: s.replyTo,
      perMinute: s.server.perMinute,
      hasPassword: s.server.password !== null,
    },
    configured: s.configured,
    rules: [...loadRules(ctx.sqlite, agencyId).values()],
  };
}

export const emailSettingsHandlers: Pick<Handlers, 'emails/settings/get' | 'emails/settings/save' | 'emails/settings/test'> = {
  'emails/settings/get': ({ agencyId }, ctx) => describeSettings(ctx, agencyId),

  'emails/settings/save': ({ agencyId, smtp, rules }, ctx) => {
    loadRow(ctx.sqlite, agencyId);
    if (smtp.host && /\s/.test(smtp.host)) throw new AppError('invalid_input', "Le nom du serveur SMTP ne peut pas contenir d'espace (exemple : smtp.office365.com).");
    const known = new Set((ctx.sqlite.prepare('SELECT id FROM properties WHERE agency_id = ?').all(agencyId) as { id: string }[]).map((p) => p.id));
    for (const rule of rules) {
      const foreign = rule.propertyIds.find((id) => !known.has(id));
      if (foreign) throw new AppError('invalid_input', "Une condition porte sur un logement d'une autre agence ou supprimé : retirez-le de la liste.");
    }
    const at = nowIso(ctx);
    ctx.sqlite.transaction(() => {
      ctx.sqlite
        .prepare(
          `INSERT INTO agency_email_settings (agency_id, smtp_host, smtp_port, smtp_security, smtp_user, sender_name, sender_email, reply_to, per_minute, created_at, updated_at)
           VALUES (@agencyId, @host, @port, @security, @user, @senderName, @senderEmail, @replyTo, @perMinute, @at, @at)
           ON CONFLICT (agency_id) DO UPDATE SET smtp_host = @host, smtp_port = @port, smtp_security = @security, smtp_user = @user,
             sender_name = @senderName, sender_email = @senderEmail, reply_to = @replyTo, per_minute = @perMinute, updated_at = @at`,
        )
        .run({ agencyId, host: smtp.host, port: smtp.port, security: smtp.security, user: smtp.user, senderName: smtp.senderName, senderEmail: smtp.senderEmail, replyTo: smtp.replyTo, perMinute: smtp.perMinute, at });
      const upsert = ctx.sqlite.prepare(
        `INSERT INTO email_rules (agency_id, kind, offset_days, send_late, property_ids, sources, created_at, updated_at)
         VALUES (@agencyId, @kind, @offsetDays, @sendLate, @propertyIds, @sources, @at, @at)
         ON CONFLICT (agency_id, kind) DO UPDATE SET offset_days = @offsetDays, send_late = @sendLate, property_ids = @propertyIds,
           sources = @sources, updated_at = @at`,
      );
      for (const rule of rules) {
        upsert.run({ agencyId, kind: rule.kind, offsetDays: rule.offsetDays, sendLate: rule.sendLate ? 1 : 0, propertyIds: JSON.stringify(rule.propertyIds), sources: JSON.stringify(rule.sources), at });
      }
    })();
    // The secret store is a file beside the database: written once the settings are committed.
    if (smtp.password !== undefined) {
      if (smtp.password === '') ctx.secrets.delete(smtpPasswordKey(agencyId));
      else ctx.secrets.set(smtpPasswordKey(agencyId), smtp.password);
    }
    applySmtpRemote(ctx.sync, mailSettings(ctx.sqlite, ctx.secrets, agencyId));
    ctx.notify(['agency_email_settings', 'email_rules']);
    return describeSettings(ctx, agencyId);
  },

  // A test is the one place staff wait for the server: they asked for its answer.
  'emails/settings/test': async ({ agencyId, to }, ctx) => {
    const s = mailSettings(ctx.sqlite, ctx.secrets, agencyId);
    if (!s.server.host) throw new AppError('invalid_input', 'Indiquez le serveur SMTP puis enregistrez avant de tester.');
    if (!s.senderEmail) throw new AppError('invalid_input', "Indiquez l'adresse d'expéditeur puis enregistrez avant de tester.");
    const recipient = to || s.senderEmail;
    const client = createSmtpClient(s.server);
    try {
      const sentAt = new Date(nowIso(ctx));
      const { response } = await client.send(
        {
          messageId: `<test-${uuidv7()}@${domainOf(s.senderEmail)}>`,
          from: { name: s.senderName, address: s.senderEmail },
          to: { name: '', address: recipient },
          replyTo: s.replyTo,
          subject: `Comptoir : e-mail de test (${s.agencyName})`,
          html: `<p>Cet e-mail de test confirme que Comptoir peut envoyer les e-mails de l'agence ${escapeHtml(s.agencyName)}.</p><p>Envoyé le ${sentAt.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}.</p>`,
          text: `Cet e-mail de test confirme que Comptoir peut envoyer les e-mails de l'agence ${s.agencyName}.`,
        },
        AbortSignal.timeout(30_000),
      );
      return { to: recipient, message: `E-mail de test remis au serveur pour ${recipient} (réponse : ${response.slice(0, 120)}).` };
    } catch (e) {
      throw new AppError('remote_failed', `Le test a échoué : ${isRemoteError(e) ? testFailureMessage(e) : String(e)}`);
    } finally {
      client.close();
    }
  },
};

export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1) || 'comptoir.invalid';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
