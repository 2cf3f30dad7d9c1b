// The Swikly connection as the clerk edits it: text fields as typed, checked here in French
// before anything is sent (main checks again with the contract).
import type { Input, SwiklySettings } from '../../../src-shared/contract';
import type { swiklyEnvironments } from '../../../src-shared/contract/deposits';

export type SwiklyEnvironment = (typeof swiklyEnvironments)[number];

export const ENVIRONMENT_LABELS: Readonly<Record<SwiklyEnvironment, string>> = {
  production: 'Production',
  sandbox: 'Sandbox (essais)',
  custom: 'Adresse personnalisée',
};

export interface SwiklyDraft {
  environment: SwiklyEnvironment;
  baseUrl: string;
  marginDays: string;
  autoRelease: boolean;
  autoReleaseDays: string;
  reminder: boolean;
  reminderDays: string;
}

/** The API key never comes back from main: keep it, type a new one, or remove it. */
export type KeyChange = { mode: 'keep' } | { mode: 'set'; value: string } | { mode: 'remove' };

export type SwiklyField = 'baseUrl' | 'marginDays' | 'autoReleaseDays' | 'reminderDays' | 'apiKey';
export type SwiklyErrors = Partial<Record<SwiklyField, string>>;

// Suggested when an optional delay is switched on for the first time.
const SUGGESTED_RELEASE_DAYS = 7;
const SUGGESTED_REMINDER_DAYS = 3;

export function draftOf(s: SwiklySettings): SwiklyDraft {
  return {
    environment: s.environment,
    baseUrl: s.baseUrl,
    marginDays: String(s.marginDays),
    autoRelease: s.autoReleaseDays !== null,
    autoReleaseDays: String(s.autoReleaseDays ?? SUGGESTED_RELEASE_DAYS),
    reminder: s.reminderDays !== null,
    reminderDays: String(s.reminderDays ?? SUGGESTED_REMINDER_DAYS),
  };
}

export const sameDraft = (a: SwiklyDraft, b: SwiklyDraft) => (Object.keys(a) as (keyof SwiklyDraft)[]).every((k) => a[k] === b[k]);

function days(text: string, max: number): number | string {
  const t = text.trim();
  if (t === '') return 'Indiquez un nombre de jours.';
  if (!/^\d+$/.test(t)) return 'Nombre entier de jours attendu (0, 1, 2…).';
  const n = Number(t);
  if (n > max) return `${max} jours au plus.`;
  return n;
}

function baseUrlError(url: string): string | undefined {
  const t = url.trim();
  if (t === '') return "Indiquez l'adresse de l'API (http://127.0.0.1:4010/v1 pour le serveur de démonstration).";
  try {
    const u = new URL(t);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'Adresse attendue en http:// ou https://.';
  } catch {
    return 'Adresse attendue (https://…).';
  }
  return undefined;
}

type SaveInput = Input<'swikly/settings/save'>;

/** What « Enregistrer » sends, or the French message of each field that stops it. */
export function toSaveInput(agencyId: string, draft: SwiklyDraft, key: KeyChange, enabled: boolean): { input: SaveInput | null; errors: SwiklyErrors } {
  const errors: SwiklyErrors = {};
  const margin = days(draft.marginDays, 30);
  if (typeof margin === 'string') errors.marginDays = margin;
  const release = draft.autoRelease ? days(draft.autoReleaseDays, 90) : null;
  if (typeof release === 'string') errors.autoReleaseDays = release;
  const reminder = draft.reminder ? days(draft.reminderDays, 60) : null;
  if (typeof reminder === 'string') errors.reminderDays = reminder;
  if (draft.environment === 'custom') {
    const e = baseUrlError(draft.baseUrl);
    if (e) errors.baseUrl = e;
  }
  if (key.mode === 'set' && key.value.trim().length > 500) errors.apiKey = 'Clé trop longue : vérifiez le copier-coller.';
  if (Object.keys(errors).length > 0) return { input: null, errors };
  const input: SaveInput = {
    agencyId,
    environment: draft.environment,
    baseUrl: draft.environment === 'custom' ? draft.baseUrl.trim() : '',
    enabled,
    marginDays: margin as number,
    autoReleaseDays: release as number | null,
    reminderDays: reminder as number | null,
  };
  if (key.mode === 'remove') input.apiKey = '';
  else if (key.mode === 'set' && key.value.trim() !== '') input.apiKey = key.value.trim();
  return { input, errors };
}

/** The settings as loaded, sent back with only the switch changed (Préférences). */
export function withEnabled(s: SwiklySettings, enabled: boolean): SaveInput {
  return {
    agencyId: s.agencyId,
    environment: s.environment,
    baseUrl: s.environment === 'custom' ? s.baseUrl : '',
    enabled,
    marginDays: s.marginDays,
    autoReleaseDays: s.autoReleaseDays,
    reminderDays: s.reminderDays,
  };
}
