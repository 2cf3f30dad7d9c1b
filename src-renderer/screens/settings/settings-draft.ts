// The Emails tab's SMTP and délais form as the clerk types it (strings), and its translation to
// the contract's input, checked with the contract's own schemas so field messages match main's.
import { emailRuleSchema, smtpSettingsSchema, type EmailSettings, type Input } from '../../../src-shared/contract';
import { PLANNED_EMAIL_KINDS, type PlannedEmailKind } from '../../../src-shared/domain';
import type { BookingSource } from '../dossier/labels';

export type SmtpSecurity = EmailSettings['smtp']['security'];

export const SECURITY_LABELS: Readonly<Record<SmtpSecurity, string>> = {
  starttls: 'STARTTLS',
  tls: 'TLS',
  none: 'Aucune — relais local',
};

/** The port each security usually goes with; a port left at one of these follows the security. */
export const DEFAULT_PORTS: Readonly<Record<SmtpSecurity, number>> = { starttls: 587, tls: 465, none: 25 };

export interface SmtpDraft {
  host: string;
  port: string;
  security: SmtpSecurity;
  user: string;
  senderName: string;
  senderEmail: string;
  replyTo: string;
  perMinute: string;
}

export interface RuleDraft {
  kind: PlannedEmailKind;
  offsetDays: string;
  sendLate: boolean;
  propertyIds: string[];
  sources: BookingSource[];
}

/** What happens to the stored password on save: nothing, a new one, or none any more. */
export type PasswordChange = { mode: 'keep' } | { mode: 'set'; value: string } | { mode: 'remove' };

export interface SettingsDraft {
  smtp: SmtpDraft;
  rules: RuleDraft[];
}

export function draftOf(settings: EmailSettings): SettingsDraft {
  const s = settings.smtp;
  return {
    smtp: {
      host: s.host,
      port: String(s.port),
      security: s.security,
      user: s.user,
      senderName: s.senderName,
      senderEmail: s.senderEmail,
      replyTo: s.replyTo,
      perMinute: String(s.perMinute),
    },
    rules: PLANNED_EMAIL_KINDS.map((kind) => {
      const r = settings.rules.find((x) => x.kind === kind);
      return {
        kind,
        offsetDays: String(r?.offsetDays ?? 0),
        sendLate: r?.sendLate ?? true,
        propertyIds: [...(r?.propertyIds ?? [])],
        sources: [...(r?.sources ?? [])],
      };
    }),
  };
}

/** A security change carries the port along, unless the clerk typed a port of their own. */
export function withSecurity(smtp: SmtpDraft, security: SmtpSecurity): SmtpDraft {
  const followsDefault = smtp.port.trim() === '' || smtp.port.trim() === String(DEFAULT_PORTS[smtp.security]);
  return { ...smtp, security, port: followsDefault ? String(DEFAULT_PORTS[security]) : smtp.port };
}

/** Whole numbers only: « 58 7 » or « 587,5 » must not pass for 587. */
const wholeNumber = (s: string) => (/^\s*\d{1,9}\s*$/.test(s) ? Number(s) : Number.NaN);

/** Field → French message; rule fields are keyed `${kind}.offsetDays`. */
export type FieldErrors = Record<string, string>;

type SaveInput = Input<'emails/settings/save'>;

export function toSaveInput(agencyId: string, draft: SettingsDraft, password: PasswordChange): { input: SaveInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const smtp = { ...draft.smtp, port: wholeNumber(draft.smtp.port), perMinute: wholeNumber(draft.smtp.perMinute) };
  const parsed = smtpSettingsSchema.safeParse(smtp);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      errors[field] ??= issue.message;
    }
  }
  const rules = draft.rules.map((r) => ({ ...r, offsetDays: wholeNumber(r.offsetDays) }));
  for (const rule of rules) {
    const result = emailRuleSchema.safeParse(rule);
    if (!result.success) {
      for (const issue of result.error.issues) errors[`${rule.kind}.${String(issue.path[0] ?? '')}`] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  const passwordField =
    password.mode === 'remove' ? { password: '' }
    : password.mode === 'set' && password.value !== '' ? { password: password.value }
    : {};
  return { input: { agencyId, smtp: { ...smtp, ...passwordField }, rules }, errors };
}

export const sameDraft = (a: SettingsDraft, b: SettingsDraft) => JSON.stringify(a) === JSON.stringify(b);
