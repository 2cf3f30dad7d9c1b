// E-mail: the agency's SMTP settings and retro-planning rules, the template manager, the
// E-mail Auto screen (batch and per-recipient modes) and a dossier's Communications.
// Spread into `contract` in index.ts.
import { z } from 'zod';
import { EMAIL_KINDS, MAX_OFFSET_DAYS, PLANNED_EMAIL_KINDS } from '../domain/email-planning';
import { bookingSource, id, method, stayDate, text } from './common';

export const emailKind = z.enum(EMAIL_KINDS);
export const plannedEmailKind = z.enum(PLANNED_EMAIL_KINDS);
export const templateLanguage = z.enum(['fr', 'en']);
export const smtpSecurity = z.enum(['starttls', 'tls', 'none']);

/** One address; an empty string is refused where an address is required. */
export const emailAddress = z
  .string()
  .trim()
  .max(254, { error: 'Adresse e-mail trop longue.' })
  .pipe(z.email({ error: 'Adresse e-mail invalide (exemple : nom@domaine.fr).' }));
const optionalAddress = z.union([z.literal(''), emailAddress]);

export const smtpSettingsSchema = z.object({
  host: text(255),
  port: z.number({ error: 'Port attendu (587, 465 ou 25).' }).int().min(1, { error: 'Port invalide.' }).max(65_535, { error: 'Port invalide.' }),
  security: smtpSecurity,
  user: text(255),
  senderName: text(120),
  senderEmail: optionalAddress,
  replyTo: optionalAddress,
  /** « Messages par minute » allowed by the provider (30 for Microsoft 365). */
  perMinute: z
    .number({ error: 'Nombre de messages par minute attendu.' })
    .int({ error: 'Nombre entier de messages par minute attendu.' })
    .min(1, { error: 'Au moins 1 message par minute.' })
    .max(100_000, { error: '100 000 messages par minute au plus.' }),
});

export const emailRuleSchema = z.object({
  kind: plannedEmailKind,
  offsetDays: z
    .number({ error: 'Nombre de jours attendu.' })
    .int({ error: 'Nombre entier de jours attendu.' })
    .min(0, { error: 'Le délai ne peut pas être négatif.' })
    .max(MAX_OFFSET_DAYS, { error: `${MAX_OFFSET_DAYS} jours au plus.` }),
  /** « Envoyer même si le délai est dépassé ». */
  sendLate: z.boolean(),
  /** Optional conditions; empty = every property / source. */
  propertyIds: z.array(id).max(2_000),
  sources: z.array(bookingSource).max(10),
});

export const emailSettingsSchema = z.object({
  agencyId: id,
  smtp: smtpSettingsSchema.extend({ hasPassword: z.boolean() }),
  /** Whether the agency has a usable SMTP server (host and sender set). */
  configured: z.boolean(),
  rules: z.array(emailRuleSchema),
});

export const templateSchema = z.object({
  id,
  kind: emailKind,
  language: templateLanguage,
  subject: z.string(),
  html: z.string(),
  updatedAt: z.string(),
});

export const mergeFieldSchema = z.object({ key: z.string(), label: z.string(), group: z.string(), optional: z.boolean() });

/** Why a due e-mail was not created by the batch; each comes with what to do about it. */
export const skipReasons = ['no_address', 'missing_field', 'prefers_post', 'invalid_address'] as const;

export const dueEmailSchema = z.object({
  bookingId: id,
  number: z.string(),
  clientName: z.string(),
  email: z.string(),
  dueDate: z.string(),
  anchorDate: z.string(),
  /** Listed after its due date because the dossier became applicable late. */
  late: z.boolean(),
  /** Sent before for another anchor date: the dossier's dates changed since (« dates modifiées »). */
  datesChanged: z.boolean(),
  /** The previous attempt for this anchor failed: its reason. */
  lastError: z.string().nullable(),
  /** The batch would skip it: why (no address, client prefers post, a field without value…). */
  skip: z.enum(skipReasons).nullable(),
  /** Merge fields of the template with no value for this dossier (skip 'missing_field'). */
  missing: z.array(z.string()),
});

/** held: waiting for a value to come (the Swikly link) before it is queued. */
export const emailStates = ['held', 'queued', 'sent', 'failed', 'unknown', 'cancelled'] as const;

export const emailMessageSchema = z.object({
  id,
  kind: emailKind,
  kindLabel: z.string(),
  state: z.enum(emailStates),
  to: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  anchorDate: z.string().nullable(),
  /** French: why it failed or why its hand-off is unknown. */
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  createdBy: z.string(),
  /** Sent while the network was down: waiting for it. */
  offline: z.boolean(),
});

export const batchStatusSchema = z.object({
  batchId: id,
  kind: plannedEmailKind,
  total: z.number().int(),
  /** Waiting for their Swikly link: they leave as soon as it exists. */
  held: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  unknown: z.number().int(),
  cancelled: z.number().int(),
  /** The agency's SMTP server is unreachable: what is queued leaves when it is back. */
  offline: z.boolean(),
  /** Nothing is left to hand to the SMTP server (sent, failed, cancelled or waiting for a decision). */
  finished: z.boolean(),
  skipped: z.array(
    z.object({ bookingId: id, number: z.string(), clientName: z.string(), reason: z.enum(skipReasons), message: z.string() }),
  ),
  failures: z.array(z.object({ emailId: id, bookingId: id.nullable(), number: z.string(), to: z.string(), error: z.string() })),
});

const draftInput = z.object({ agencyId: id, kind: emailKind, bookingId: id }).strict();

export const emailMethods = {
  'emails/settings/get': method(z.object({ agencyId: id }).strict(), emailSettingsSchema),
  'emails/settings/save': method(
    z
      .object({
        agencyId: id,
        smtp: smtpSettingsSchema.extend({
          /** Absent: keep the stored password; '' removes it. Never sent back to the renderer. */
          password: z.string().max(1_000).optional(),
        }),
        rules: z.array(emailRuleSchema).max(PLANNED_EMAIL_KINDS.length),
      })
      .strict(),
    emailSettingsSchema,
  ),
  /** « Tester »: sends a test e-mail now and says what the server answered. */
  'emails/settings/test': method(
    z.object({ agencyId: id, to: optionalAddress.default('') }).strict(),
    z.object({ to: z.string(), message: z.string() }),
  ),
  'emails/mergeFields': method(z.object({}).strict(), z.array(mergeFieldSchema)),
  'emails/templates/list': method(z.object({ agencyId: id }).strict(), z.array(templateSchema)),
  'emails/templates/save': method(
    z
      .object({
        agencyId: id,
        kind: emailKind,
        language: templateLanguage,
        subject: text(300).refine((s) => s.length > 0, { error: "Indiquez l'objet de l'e-mail." }),
        html: z.string().max(200_000, { error: 'Modèle trop long.' }).refine((s) => s.trim().length > 0, { error: "Le corps de l'e-mail est vide." }),
      })
      .strict(),
    templateSchema,
  ),
  /** The template (as being edited) rendered with a real dossier of the agency. */
  'emails/templates/preview': method(
    z
      .object({
        agencyId: id,
        kind: emailKind,
        language: templateLanguage,
        subject: z.string().max(300),
        html: z.string().max(200_000),
        /** A dossier to render with; else a recent confirmed dossier of the agency. */
        bookingId: id.optional(),
      })
      .strict(),
    z.object({
      bookingId: id.nullable(),
      number: z.string().nullable(),
      subject: z.string(),
      html: z.string(),
      text: z.string(),
      missing: z.array(z.string()),
      unknown: z.array(z.string()),
    }),
  ),
  /** Counts per tab of E-mail Auto (also the « N e-mails à envoyer » of infos du jour). */
  'emails/due/counts': method(
    z.object({ agencyId: id.nullable() }).strict(),
    z.object({ balanceReminder: z.number().int(), arrivalReminder: z.number().int(), optionExpiry: z.number().int(), afterDeparture: z.number().int() }),
  ),
  'emails/due/list': method(z.object({ agencyId: id, kind: plannedEmailKind }).strict(), z.array(dueEmailSchema)),
  /** « CRÉER MAIL »: the template filled for one dossier, to edit before « ENVOYER ». */
  'emails/draft': method(
    draftInput,
    z.object({
      to: z.string(),
      subject: z.string(),
      html: z.string(),
      language: templateLanguage,
      /** Planned kinds: the anchor date this e-mail is for (sent with it, so it leaves the list). */
      anchorDate: stayDate.nullable(),
      missing: z.array(z.string()),
    }),
  ),
  /** « ENVOYER »: commits one e-mail to the outbox; the sync engine hands it to SMTP. */
  'emails/send': method(
    draftInput.extend({
      to: emailAddress,
      subject: text(300).refine((s) => s.length > 0, { error: "Indiquez l'objet de l'e-mail." }),
      html: z.string().max(200_000, { error: 'E-mail trop long.' }).refine((s) => s.trim().length > 0, { error: "Le corps de l'e-mail est vide." }),
      anchorDate: stayDate.nullable().default(null),
    }),
    z.object({ emailId: id }),
  ),
  /** « TOUT CRÉER ET ENVOYER AUTOMATIQUEMENT » for one tab of one agency. */
  'emails/batch/start': method(z.object({ agencyId: id, kind: plannedEmailKind }).strict(), batchStatusSchema),
  'emails/batch/status': method(z.object({ batchId: id }).strict(), batchStatusSchema),
  /** Stops what has not left yet; messages already handed to the server stay sent. */
  'emails/batch/cancel': method(z.object({ batchId: id }).strict(), batchStatusSchema),
  /** A dossier's Communications: sent, queued, failed, and the planned ones to come. */
  'emails/forBooking': method(
    z.object({ bookingId: id }).strict(),
    z.object({
      messages: z.array(emailMessageSchema),
      scheduled: z.array(z.object({ kind: plannedEmailKind, kindLabel: z.string(), dueDate: z.string(), anchorDate: z.string() })),
      /** Automatic e-mails an action could not make (no address, no server…), until one of that kind is sent. */
      notCreated: z.array(
        z.object({ kind: z.enum(['bookingConfirmation', 'bookingCancellation']), kindLabel: z.string(), at: z.string(), reason: z.string() }),
      ),
    }),
  ),
  /** A message whose hand-off to SMTP is unknown (crash): staff say it arrived, or send it again. */
  'emails/resolve': method(
    z.object({ emailId: id, decision: z.enum(['markSent', 'resend']) }).strict(),
    z.object({ emailId: id, state: z.enum(emailStates) }),
  ),
} as const;

export type EmailSettings = z.output<typeof emailSettingsSchema>;
export type EmailRule = z.output<typeof emailRuleSchema>;
export type EmailTemplate = z.output<typeof templateSchema>;
export type DueEmail = z.output<typeof dueEmailSchema>;
export type EmailMessage = z.output<typeof emailMessageSchema>;
export type BatchStatus = z.output<typeof batchStatusSchema>;
export type SkipReason = (typeof skipReasons)[number];
