// Swikly deposits: the agency's connection, per-property deposit settings, and a dossier's
// deposit (link, request e-mail, release). Spread into `contract` in index.ts.
import { z } from 'zod';
import { DEPOSIT_STATES } from '../domain/deposit';
import { cents, id, method, text } from './common';

export const swiklyEnvironments = ['production', 'sandbox', 'custom'] as const;
export const depositRequestTypes = ['deposit', 'deposit_and_balance'] as const;

const days = (max: number) =>
  z
    .number({ error: 'Nombre de jours attendu.' })
    .int({ error: 'Nombre entier de jours attendu.' })
    .min(0, { error: 'Le nombre de jours ne peut pas être négatif.' })
    .max(max, { error: `${max} jours au plus.` });

export const swiklySettingsSchema = z.object({
  agencyId: id,
  environment: z.enum(swiklyEnvironments),
  /** Only for 'custom' (tests, demos: the fake Swikly server). */
  baseUrl: z.string(),
  hasKey: z.boolean(),
  /** Préférences › « Activer la liaison Swikly ». */
  enabled: z.boolean(),
  /** Deposit dates: arrival to departure plus this many days. */
  marginDays: z.number().int(),
  /** Release secured deposits automatically this many days after departure; null: by hand only. */
  autoReleaseDays: z.number().int().nullable(),
  /** Send the « Sécurisation caution » e-mail again this many days after the first request while unsecured; null: never. */
  reminderDays: z.number().int().nullable(),
  /** What « Connecter » found: the key's user and its accounts. */
  user: z.object({ name: z.string(), email: z.string() }).nullable(),
  accounts: z.array(z.object({ id: z.string(), name: z.string() })),
  connectedAt: z.string().nullable(),
  /** Key set, link enabled and connected: requests can be made. */
  ready: z.boolean(),
});

export const propertyDepositSchema = z.object({
  propertyId: id,
  code: z.string(),
  name: z.string(),
  swiklyAccountId: z.string().nullable(),
  requestType: z.enum(depositRequestTypes),
  defaultDepositCents: z.number().int(),
  /** French: what is missing for links to work (« Compte Swikly par défaut »…); empty when complete. */
  missing: z.array(z.string()),
});

export const depositInfoSchema = z.object({
  bookingId: id,
  state: z.enum(DEPOSIT_STATES),
  amountCents: z.number().int().nullable(),
  /** Where the amount comes from: the dossier's own, the property's default, or no deposit. */
  amountSource: z.enum(['dossier', 'property', 'none']),
  securedAt: z.string().nullable(),
  link: z.string().nullable(),
  customId: z.string().nullable(),
  requestedAt: z.string().nullable(),
  /** French: why the request failed or is waiting. */
  lastError: z.string().nullable(),
  /** Secured and the stay is over or the dossier cancelled: « Libérer la caution » is offered. */
  releasable: z.boolean(),
  /** The dossier was cancelled after the deposit was secured: staff should release it. */
  mustRelease: z.boolean(),
  /** Failed, expired or cancelled while the dossier still needs one: « Nouvelle demande ». */
  canRequestAgain: z.boolean(),
});

const bookingIds = z.array(id).min(1, { error: 'Choisissez au moins un dossier.' }).max(500, { error: '500 dossiers au plus à la fois.' });

export const depositMethods = {
  'swikly/settings/get': method(z.object({ agencyId: id }).strict(), swiklySettingsSchema),
  'swikly/settings/save': method(
    z
      .object({
        agencyId: id,
        environment: z.enum(swiklyEnvironments),
        baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Adresse attendue (https://…).' })]).default(''),
        /** Absent: keep the stored key; '' removes it. Never sent back to the renderer. */
        apiKey: z.string().max(500).optional(),
        enabled: z.boolean(),
        marginDays: days(30),
        autoReleaseDays: days(90).nullable(),
        reminderDays: days(60).nullable(),
      })
      .strict(),
    swiklySettingsSchema,
  ),
  /** « Connecter »: checks the key with Swikly now (GET /me, GET /accounts) and keeps the accounts. */
  'swikly/connect': method(z.object({ agencyId: id }).strict(), swiklySettingsSchema),
  'properties/deposits/list': method(z.object({ agencyId: id }).strict(), z.array(propertyDepositSchema)),
  /** Applies the given settings to every selected property (bulk edit); absent fields are left as they are. */
  'properties/deposits/save': method(
    z
      .object({
        agencyId: id,
        propertyIds: z.array(id).min(1, { error: 'Choisissez au moins un logement.' }).max(5_000),
        swiklyAccountId: z.string().max(100).nullable().optional(),
        requestType: z.enum(depositRequestTypes).optional(),
        defaultDepositCents: cents.optional(),
      })
      .strict(),
    z.object({ updated: z.number().int() }),
  ),
  'deposits/get': method(z.object({ bookingId: id }).strict(), depositInfoSchema),
  /** « Copier lien Swikly »: the link to copy, or why there is none yet. */
  'deposits/copyLink': method(
    z.object({ bookingId: id }).strict(),
    z.object({ link: z.string().nullable(), state: z.enum(DEPOSIT_STATES), message: z.string() }),
  ),
  /** « Mail auto sécurisation caution » for one or several dossiers. */
  'deposits/sendRequestMail': method(
    z.object({ bookingIds }).strict(),
    z.object({
      queued: z.number().int(),
      /** Waiting for the Swikly link: they leave as soon as it exists. */
      held: z.array(z.object({ bookingId: id, number: z.string(), reason: z.string() })),
      skipped: z.array(z.object({ bookingId: id, number: z.string(), reason: z.string() })),
    }),
  ),
  /** « Libérer la caution » (confirmed by staff). */
  'deposits/release': method(z.object({ bookingId: id }).strict(), depositInfoSchema),
  /** « Nouvelle demande » after a failure, an expiry or a cancellation. */
  'deposits/request': method(z.object({ bookingId: id, reason: text(200).default('') }).strict(), depositInfoSchema),
} as const;

export type SwiklySettings = z.output<typeof swiklySettingsSchema>;
export type PropertyDeposit = z.output<typeof propertyDepositSchema>;
export type DepositInfo = z.output<typeof depositInfoSchema>;
