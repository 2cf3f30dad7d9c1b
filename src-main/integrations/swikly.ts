// Swikly's API (specs/swikly.md §2) as Comptoir speaks it: endpoints, the shapes it reads back
// (unknown fields ignored), and its refusals in French. Mapping only: what a status means for the
// dossier is domain (src-shared/domain/deposit.ts), what is stored is services/swikly-sync.ts.
import { z } from 'zod';
import type { RemoteSetup } from '../sync/engine';
import { RemoteError, isRemoteError } from '../sync/errors';
import type { HttpClient } from '../sync/http';

export type SwiklyEnvironment = 'production' | 'sandbox' | 'custom';

export const SWIKLY_BASE_URLS: Record<Exclude<SwiklyEnvironment, 'custom'>, string> = {
  production: 'https://api.v2.swikly.com/v1',
  sandbox: 'https://api.sandbox.swikly.com/v1',
};

export const swiklyRemoteName = (agencyId: string) => `swikly:${agencyId}`;
export const WITH = 'deposit,payment';

const operation = z
  .object({
    id: z.string(),
    status: z.string(),
    amount: z.number().int().optional(),
    acceptedAt: z.string().nullable().optional(),
    releasedAt: z.string().nullable().optional(),
    succeededAt: z.string().nullable().optional(),
    amountPaid: z.number().int().nullable().optional(),
  })
  .passthrough();

export const swiklyRequestSchema = z
  .object({
    id: z.string(),
    customId: z.string().nullable().optional(),
    link: z.string().nullable().optional(),
    releasable: z.boolean().optional(),
    cancelable: z.boolean().optional(),
    deposit: operation.nullable().optional(),
    payment: operation.nullable().optional(),
  })
  .passthrough();
export type SwiklyRequest = z.output<typeof swiklyRequestSchema>;

export const requestEnvelope = z.object({ request: swiklyRequestSchema });
export const requestList = z.object({ requests: z.array(swiklyRequestSchema), meta: z.object({ lastPage: z.number().int() }).passthrough() });

/** What Comptoir keeps of a request after any call that returned it. */
export interface RequestView {
  requestId: string;
  customId: string | null;
  link: string | null;
  depositId: string | null;
  depositStatus: string | null;
  acceptedAt: string | null;
  releasedAt: string | null;
  paymentId: string | null;
  paymentStatus: string | null;
  paidCents: number | null;
  releasable: boolean;
  cancelable: boolean;
}

export function viewOf(r: SwiklyRequest): RequestView {
  return {
    requestId: r.id,
    customId: r.customId ?? null,
    link: r.link ?? null,
    depositId: r.deposit?.id ?? null,
    depositStatus: r.deposit?.status ?? null,
    acceptedAt: r.deposit?.acceptedAt ?? null,
    releasedAt: r.deposit?.releasedAt ?? null,
    paymentId: r.payment?.id ?? null,
    paymentStatus: r.payment?.status ?? null,
    paidCents: r.payment?.status === 'Succeeded' ? (r.payment.amountPaid ?? r.payment.amount ?? null) : null,
    releasable: r.releasable ?? false,
    cancelable: r.cancelable ?? false,
  };
}

const LABEL = 'Swikly';
const SETTINGS = 'Paramétrage › Applications et intégrations › Swikly';

/** How a refused key is said; the sync code recognises it to stop every call with that key. */
export const KEY_REFUSED = 'Swikly refuse la clé API';

/** Swikly's refusals in the clerk's words (§2 error table); other failures keep the HTTP helper's message. */
export function swiklyFailure(e: unknown, what: 'dossier' | 'connexion' = 'dossier'): unknown {
  if (!isRemoteError(e) || e.failure !== 'client') return e;
  const status = e.details.status;
  const again = what === 'dossier' ? ' Corrigez puis cliquez « Réessayer » dans Synchronisation.' : '';
  const message =
    status === 401
      ? `${KEY_REFUSED} (erronée ou révoquée). Saisissez une clé valide dans ${SETTINGS}, puis « Connecter ».${again}`
      : status === 403
        ? `Ce compte Swikly n'appartient pas à l'utilisateur de la clé API : choisissez un autre « Compte Swikly par défaut » pour le logement (Paramétrage › Logements).${again}`
        : status === 404
          ? `Swikly ne trouve pas cette demande ou ce compte (supprimé ?). Vérifiez le compte du logement, puis faites une nouvelle demande.${again}`
          : null;
  return message ? new RemoteError('client', e.remote, message, e.details) : e;
}

/** French wording of a 422 ERR_PARAMS answer: each field Swikly refused, with its message. */
export function describe422(body: string): { customIdTaken: boolean; message: string } {
  let parsed: { message?: string; errors?: Record<string, string[]> } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    // keep the raw text below
  }
  const errors = parsed.errors ?? {};
  const FIELDS: Record<string, string> = {
    'deposit.amount': 'montant de la caution',
    'deposit.endDate': 'fin de la caution (départ)',
    'deposit.startDate': 'début de la caution (arrivée)',
    'payment.amount': 'montant du solde',
    'payment.dueDate': "date d'échéance du solde",
    email: 'e-mail du locataire',
    phoneNumber: 'téléphone du locataire (format +33…)',
    lastName: 'nom du locataire',
    firstName: 'prénom du locataire',
    description: 'description',
    language: 'langue',
    customId: 'identifiant Comptoir',
  };
  const parts = Object.entries(errors).map(([k, msgs]) => `${FIELDS[k] ?? k} : ${msgs.join(' ')}`);
  return {
    customIdTaken: 'customId' in errors,
    message: `Swikly a refusé la demande — ${parts.length ? parts.join(' ; ') : (parsed.message ?? body.slice(0, 160))}. Corrigez le dossier, puis cliquez « Réessayer » dans Synchronisation (ou annulez l'opération).`,
  };
}

/** Looks a request up by our customId (§5.3): search matches prefixes too, so keep exact matches only. */
export async function findByCustomId(http: HttpClient, accountId: string, customId: string, signal?: AbortSignal): Promise<SwiklyRequest | null> {
  const list = await http.json(
    { path: `accounts/${accountId}/requests`, query: { search: customId, with: WITH, per_page: 100, page: 1 }, signal },
    requestList,
  );
  return list.requests.find((r) => (r.customId ?? '').toLowerCase() === customId.toLowerCase()) ?? null;
}

export function swiklyBaseUrl(environment: SwiklyEnvironment, customUrl: string): string {
  return environment === 'custom' ? customUrl : SWIKLY_BASE_URLS[environment];
}

/** One agency's Swikly account as a remote of the sync engine. */
export function swiklyRemote(agencyId: string, agencyName: string, baseUrl: string, apiKey: string, version: string): RemoteSetup {
  return {
    name: swiklyRemoteName(agencyId),
    label: `${LABEL} (${agencyName})`,
    baseUrl,
    headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json', 'user-agent': `Comptoir/${version}` },
    // 120 a minute per Swikly user, shared with other desks using the key: this desk keeps to half.
    rate: { perSecond: 1, burst: 10 },
    // Any answer proves Swikly is reachable, a refused key included (that is a settings matter).
    probe: (http, signal) => http.send({ path: 'me', signal, okStatuses: [401, 403] }),
  };
}
