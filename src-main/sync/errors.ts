// How a remote call can fail, as data. The class decides what the worker does next; the message is
// French, names the remote and is shown to staff as the reason of a pending or parked operation.

export type FailureKind =
  /** No connection: refused, reset, DNS, socket closed mid-answer. The remote may be offline. */
  | 'network'
  /** No answer in time; the request may still have reached the remote. */
  | 'timeout'
  /** 429: the remote asks us to slow down, maybe with Retry-After. */
  | 'rate_limited'
  /** 5xx: the remote failed; it may or may not have done the work. */
  | 'server'
  /** Other 4xx: the remote refused this request; sending it again would be refused again. */
  | 'client'
  /** An answer we cannot read or that does not match its schema. */
  | 'malformed_response'
  /** We cancelled the call ourselves (shutdown); not the remote's fault. */
  | 'aborted';

export interface RemoteErrorDetails {
  status?: number;
  retryAfterMs?: number;
  /** Low-level code (ECONNREFUSED…), for logs and tests. */
  cause?: string;
  /**
   * The remote certainly did not apply the request (SMTP refused it before the message was
   * handed over): a retry needs no lookup first, even after a failure that usually leaves doubt.
   */
  notApplied?: boolean;
}

export class RemoteError extends Error {
  constructor(
    readonly failure: FailureKind,
    /** Machine name of the remote ('swikly'). */
    readonly remote: string,
    message: string,
    readonly details: RemoteErrorDetails = {},
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

export const isRemoteError = (e: unknown): e is RemoteError => e instanceof RemoteError;

/** Whether the remote might have applied the request even though we saw a failure. */
export function mayHaveReachedRemote(failure: FailureKind): boolean {
  return failure === 'timeout' || failure === 'server' || failure === 'malformed_response' || failure === 'network' || failure === 'aborted';
}

/** Failures that say the remote (or our network) is unreachable, not that this request is wrong. */
export function meansUnreachable(failure: FailureKind): boolean {
  return failure === 'network' || failure === 'timeout';
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

export const remoteMessages = {
  network: (label: string, cause: string) =>
    `${label} est injoignable (${cause}). Vérifiez la connexion Internet ; l'envoi reprendra tout seul dès le retour du réseau.`,
  timeout: (label: string, ms: number) =>
    `${label} n'a pas répondu dans les ${seconds(ms)} s. Nouvel essai automatique ; rien ne sera envoyé en double.`,
  rateLimited: (label: string, retryAfterMs: number | undefined) =>
    retryAfterMs !== undefined
      ? `${label} limite le nombre de demandes ; nouvel essai dans ${seconds(retryAfterMs)} s.`
      : `${label} limite le nombre de demandes ; nouvel essai automatique un peu plus tard.`,
  server: (label: string, status: number) =>
    `${label} rencontre une erreur de son côté (HTTP ${status}). Nouvel essai automatique.`,
  client: (label: string, status: number, said: string) =>
    `${label} a refusé la demande (HTTP ${status})${said ? ` : « ${said} »` : ''}. ` +
    `Corrigez le dossier puis cliquez « Réessayer », ou annulez l'opération.`,
  malformed: (label: string, what: string) => `${label} a renvoyé une réponse inattendue : ${what}.`,
  aborted: (label: string) => `Envoi à ${label} interrompu (fermeture de Comptoir) ; il reprendra au prochain lancement.`,
};
