// Applications et intégrations › Swikly and Paramétrage › Logements: the agency's connection (key
// in the secret store, « Connecter »), its engine remote and poller, and per-property deposit settings.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { agencyNotFound, AppError, type PropertyDeposit, type SwiklySettings } from '../../src-shared/contract';
import { createHttpClient } from '../sync/http';
import { isRemoteError } from '../sync/errors';
import { swiklyBaseUrl, swiklyFailure, swiklyRemote, swiklyRemoteName, type SwiklyEnvironment } from '../integrations/swikly';
import type { SecretStore } from '../secrets';
import type { SyncPort } from '../sync/engine';
import { nowIso, type Handlers } from './context';
import { swiklyPoller } from './swikly-sync';

export const swiklyKeyName = (agencyId: string) => `swikly-key:${agencyId}`;
export const SETTINGS_PATH = 'Paramétrage › Applications et intégrations › Swikly';

// ---- settings ------------------------------------------------------------------------------------

interface SettingsRow {
  agencyId: string;
  agencyName: string;
  agencyRef: string;
  environment: SwiklyEnvironment | null;
  baseUrl: string | null;
  enabled: number | null;
  marginDays: number | null;
  autoReleaseDays: number | null;
  reminderDays: number | null;
  userJson: string | null;
  accountsJson: string | null;
  connectedAt: string | null;
}

export function settingsRow(sqlite: Database.Database, agencyId: string): SettingsRow {
  const row = sqlite
    .prepare(
      `SELECT a.id AS agencyId, a.name AS agencyName, a.agency_ref AS agencyRef, s.environment, s.base_url AS baseUrl, s.enabled,
         s.margin_days AS marginDays, s.auto_release_days AS autoReleaseDays, s.reminder_days AS reminderDays, s.user_json AS userJson,
         s.accounts_json AS accountsJson, s.connected_at AS connectedAt
       FROM agencies a LEFT JOIN agency_swikly_settings s ON s.agency_id = a.id WHERE a.id = ?`,
    )
    .get(agencyId) as SettingsRow | undefined;
  if (!row) throw agencyNotFound();
  return row;
}

export function describeSettings(sqlite: Database.Database, secrets: SecretStore, agencyId: string): SwiklySettings {
  const r = settingsRow(sqlite, agencyId);
  const hasKey = secrets.get(swiklyKeyName(agencyId)) !== null;
  const environment = r.environment ?? 'production';
  return {
    agencyId,
    environment,
    baseUrl: r.baseUrl ?? '',
    hasKey,
    enabled: Boolean(r.enabled),
    marginDays: r.marginDays ?? 0,
    autoReleaseDays: r.autoReleaseDays,
    reminderDays: r.reminderDays,
    user: r.userJson ? (JSON.parse(r.userJson) as SwiklySettings['user']) : null,
    accounts: JSON.parse(r.accountsJson ?? '[]') as SwiklySettings['accounts'],
    connectedAt: r.connectedAt,
    ready: hasKey && Boolean(r.enabled) && r.connectedAt !== null && (environment !== 'custom' || Boolean(r.baseUrl)),
  };
}

/** Registers (or forgets) the agency's Swikly remote and its poller with the engine. */
export function applySwiklyRemote(sqlite: Database.Database, secrets: SecretStore, sync: SyncPort, agencyId: string, version: string): void {
  const r = settingsRow(sqlite, agencyId);
  const key = secrets.get(swiklyKeyName(agencyId));
  const baseUrl = swiklyBaseUrl(r.environment ?? 'production', r.baseUrl ?? '');
  if (key && baseUrl) {
    sync.setRemote(swiklyRemote(agencyId, r.agencyName, baseUrl, key, version));
    sync.setPoller(swiklyPoller(agencyId));
  } else {
    sync.removePoller(swiklyPoller(agencyId).name);
    sync.removeRemote(swiklyRemoteName(agencyId));
  }
}

export function registerSwiklyRemotes(sqlite: Database.Database, secrets: SecretStore, sync: SyncPort, version: string): void {
  for (const id of sqlite.prepare('SELECT agency_id FROM agency_swikly_settings').pluck().all() as string[]) applySwiklyRemote(sqlite, secrets, sync, id, version);
}

function missingFor(p: { swiklyAccountId: string | null; defaultDepositCents: number }, accounts: { id: string }[]): string[] {
  const missing: string[] = [];
  if (!p.swiklyAccountId) missing.push('Compte Swikly par défaut');
  else if (accounts.length && !accounts.some((a) => a.id.toLowerCase() === p.swiklyAccountId!.toLowerCase())) missing.push('Compte Swikly inconnu de la clé actuelle');
  if (p.defaultDepositCents <= 0) missing.push('Montant de caution par défaut');
  return missing;
}

export const swiklySettingsHandlers: Pick<
  Handlers,
  'swikly/settings/get' | 'swikly/settings/save' | 'swikly/connect' | 'properties/deposits/list' | 'properties/deposits/save'
> = {
  'swikly/settings/get': ({ agencyId }, ctx) => describeSettings(ctx.sqlite, ctx.secrets, agencyId),

  'swikly/settings/save': (input, ctx) => {
    settingsRow(ctx.sqlite, input.agencyId);
    if (input.environment === 'custom' && !input.baseUrl) throw new AppError('invalid_input', "Indiquez l'adresse du serveur Swikly pour l'environnement personnalisé.");
    const at = nowIso(ctx);
    const previous = settingsRow(ctx.sqlite, input.agencyId);
    // Another key or another server: what « Connecter » found no longer holds.
    const reconnect = input.apiKey !== undefined || input.environment !== previous.environment || input.baseUrl !== (previous.baseUrl ?? '');
    ctx.sqlite
      .prepare(
        `INSERT INTO agency_swikly_settings (agency_id, environment, base_url, enabled, margin_days, auto_release_days, reminder_days, created_at, updated_at)
         VALUES (@agencyId, @environment, @baseUrl, @enabled, @marginDays, @autoReleaseDays, @reminderDays, @at, @at)
         ON CONFLICT (agency_id) DO UPDATE SET environment = @environment, base_url = @baseUrl, enabled = @enabled, margin_days = @marginDays,
           auto_release_days = @autoReleaseDays, reminder_days = @reminderDays, updated_at = @at,
           connected_at = CASE WHEN @reconnect THEN NULL ELSE connected_at END`,
      )
      .run({ ...input, apiKey: undefined, enabled: input.enabled ? 1 : 0, reconnect: reconnect ? 1 : 0, at });
    if (input.apiKey !== undefined) {
      if (input.apiKey === '') ctx.secrets.delete(swiklyKeyName(input.agencyId));
      else ctx.secrets.set(swiklyKeyName(input.agencyId), input.apiKey.trim());
    }
    applySwiklyRemote(ctx.sqlite, ctx.secrets, ctx.sync, input.agencyId, ctx.version);
    ctx.notify(['agency_swikly_settings']);
    return describeSettings(ctx.sqlite, ctx.secrets, input.agencyId);
  },

  // Like « Tester »: staff wait for Swikly's answer here, it is what they asked for.
  'swikly/connect': async ({ agencyId }, ctx) => {
    const r = settingsRow(ctx.sqlite, agencyId);
    const key = ctx.secrets.get(swiklyKeyName(agencyId));
    if (!key) throw new AppError('invalid_input', 'Saisissez la clé API Swikly puis enregistrez avant de vous connecter.');
    const baseUrl = swiklyBaseUrl(r.environment ?? 'production', r.baseUrl ?? '');
    const http = createHttpClient(swiklyRemote(agencyId, r.agencyName, baseUrl, key, ctx.version));
    try {
      const me = await http.json({ path: 'me' }, z.object({ user: z.object({ firstName: z.string().nullish(), lastName: z.string().nullish(), email: z.string().nullish() }).passthrough() }));
      const accounts: { id: string; name: string }[] = [];
      for (let page = 1; page <= 10; page++) {
        const res = await http.json(
          { path: 'accounts', query: { page, per_page: 100 } },
          z.object({ accounts: z.array(z.object({ id: z.string(), commercialName: z.string() }).passthrough()), meta: z.object({ lastPage: z.number() }).passthrough() }),
        );
        accounts.push(...res.accounts.map((a) => ({ id: a.id, name: a.commercialName })));
        if (page >= res.meta.lastPage) break;
      }
      const user = { name: [me.user.firstName, me.user.lastName].filter(Boolean).join(' '), email: me.user.email ?? '' };
      ctx.sqlite
        .prepare(`UPDATE agency_swikly_settings SET user_json = ?, accounts_json = ?, connected_at = ?, updated_at = ? WHERE agency_id = ?`)
        .run(JSON.stringify(user), JSON.stringify(accounts), nowIso(ctx), nowIso(ctx), agencyId);
      ctx.sync.probeNow(swiklyRemoteName(agencyId));
      ctx.notify(['agency_swikly_settings']);
      return describeSettings(ctx.sqlite, ctx.secrets, agencyId);
    } catch (e) {
      const failure = swiklyFailure(e, 'connexion');
      throw new AppError('remote_failed', `Connexion à Swikly impossible : ${isRemoteError(failure) ? failure.message : String(failure)}`);
    } finally {
      http.close();
    }
  },

  'properties/deposits/list': ({ agencyId }, ctx) => {
    const accounts = describeSettings(ctx.sqlite, ctx.secrets, agencyId).accounts;
    const rows = ctx.sqlite
      .prepare(
        `SELECT id AS propertyId, code, name, swikly_account_id AS swiklyAccountId, deposit_request_type AS requestType,
           default_deposit_cents AS defaultDepositCents FROM properties WHERE agency_id = ? ORDER BY name COLLATE NOCASE`,
      )
      .all(agencyId) as Omit<PropertyDeposit, 'missing'>[];
    return rows.map((p) => ({ ...p, missing: missingFor(p, accounts) }));
  },

  'properties/deposits/save': ({ agencyId, propertyIds, swiklyAccountId, requestType, defaultDepositCents }, ctx) => {
    const accounts = describeSettings(ctx.sqlite, ctx.secrets, agencyId).accounts;
    if (swiklyAccountId && accounts.length && !accounts.some((a) => a.id.toLowerCase() === swiklyAccountId.toLowerCase())) {
      throw new AppError('invalid_input', "Ce compte Swikly n'appartient pas à la clé de l'agence : cliquez « Connecter » puis choisissez-le dans la liste.");
    }
    const at = nowIso(ctx);
    const updated = ctx.sqlite.transaction(() => {
      const owned = new Set(ctx.sqlite.prepare('SELECT id FROM properties WHERE agency_id = ?').pluck().all(agencyId) as string[]);
      const foreign = propertyIds.find((id) => !owned.has(id));
      if (foreign) throw new AppError('invalid_input', "Un des logements choisis n'appartient pas à cette agence : actualisez la liste.");
      const stmt = ctx.sqlite.prepare(
        `UPDATE properties SET swikly_account_id = CASE WHEN @setAccount THEN @account ELSE swikly_account_id END,
           deposit_request_type = coalesce(@requestType, deposit_request_type), default_deposit_cents = coalesce(@amount, default_deposit_cents),
           updated_at = @at WHERE id = @id`,
      );
      let n = 0;
      for (const id of propertyIds) {
        n += stmt.run({ id, setAccount: swiklyAccountId === undefined ? 0 : 1, account: swiklyAccountId ?? null, requestType: requestType ?? null, amount: defaultDepositCents ?? null, at }).changes;
      }
      return n;
    })();
    ctx.notify(['properties']);
    return { updated };
  },
};
