// The agency's SMTP server as a remote of the sync engine: one pooled nodemailer transport per
// agency, paced at its « messages par minute », and every failure turned into a RemoteError the
// worker understands. SMTP has no idempotency and no lookup: what matters is telling "certainly
// not handed over" (retry freely) from "maybe handed over" (ask staff, never resend silently).
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { CustomRemoteSetup } from '../sync/engine';
import { RemoteError } from '../sync/errors';

export type SmtpSecurity = 'starttls' | 'tls' | 'none';

export interface SmtpServerSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  password: string | null;
  perMinute: number;
}

export interface OutgoingMessage {
  messageId: string;
  from: { name: string; address: string };
  to: { name: string; address: string };
  replyTo: string;
  subject: string;
  html: string;
  text: string;
}

export interface SmtpClient {
  send(message: OutgoingMessage, signal?: AbortSignal): Promise<{ response: string }>;
  verify(signal?: AbortSignal): Promise<void>;
  close(): void;
}

export const smtpRemoteName = (agencyId: string) => `smtp:${agencyId}`;
export const isSmtpRemote = (remote: string) => remote.startsWith('smtp:');

const LABEL = "Serveur d'e-mails";
/**
 * Connections of the pool, and so messages in flight at once (see WorkerRemote.maxInFlight): one
 * for a provider that counts per minute (Microsoft 365 allows 30 a minute and 3 connections), a
 * few for a relay that takes more. Each message in flight at a crash needs a decision from staff.
 */
export function smtpConnections(perMinute: number): number {
  if (perMinute <= 60) return 1;
  if (perMinute <= 600) return 3;
  return 8;
}

/**
 * Messages handed to the pool at once. For a fast relay, one waiting behind each message being
 * transmitted keeps every connection busy (without it each idles between messages and a 1,000-message
 * batch takes twice as long); a paced provider gets exactly one per connection.
 */
export function smtpInFlight(perMinute: number): number {
  const connections = smtpConnections(perMinute);
  return perMinute > 600 ? connections * 2 : connections;
}
const CLOSE_GRACE_MS = 1_000;
/** Per connection step; the whole send is bounded by the worker's shutdown and these. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

// nodemailer is loaded on first use, not at boot (PERFORMANCE.md C2).
let nodemailerModule: typeof import('nodemailer') | null = null;
async function nodemailer(): Promise<typeof import('nodemailer')> {
  nodemailerModule ??= await import('nodemailer');
  return nodemailerModule;
}

export function createSmtpClient(settings: SmtpServerSettings): SmtpClient {
  type Pool = Transporter<SMTPPool.SentMessageInfo>;
  // One pool per client, made on first use: the promise is kept so that concurrent first sends
  // share it (each awaiting its own would open pools nobody closes).
  let transporter: Promise<Pool> | null = null;
  const get = () =>
    (transporter ??= nodemailer().then((mailer) =>
      mailer.createTransport({
        pool: true,
        host: settings.host,
        port: settings.port,
        secure: settings.security === 'tls',
        requireTLS: settings.security === 'starttls',
        ignoreTLS: settings.security === 'none',
        auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
        maxConnections: smtpConnections(settings.perMinute),
        maxMessages: 100,
        // Never let the pool resend a message on its own after a connection dropped mid-way: the
        // outbox decides, knowing whether the server may already hold it.
        maxRequeues: 0,
        ...TIMEOUTS,
        logger: false,
        debug: false,
      } as SMTPPool.Options),
    ));
  return {
    async send(message, signal) {
      const t = await get();
      try {
        const info = await t.sendMail({
          messageId: message.messageId,
          from: { name: message.from.name, address: message.from.address },
          to: { name: message.to.name, address: message.to.address },
          replyTo: message.replyTo || undefined,
          subject: message.subject,
          html: message.html,
          text: message.text,
          ...(signal ? { signal } : {}),
        } as Parameters<typeof t.sendMail>[0]);
        return { response: String(info.response ?? '') };
      } catch (e) {
        throw smtpFailure(e);
      }
    },
    async verify() {
      const t = await get();
      try {
        await t.verify();
      } catch (e) {
        throw smtpFailure(e);
      }
    },
    close() {
      const closing = transporter;
      transporter = null;
      // Idle connections end now; one still finishing a message gets a moment, then is cut, so a
      // desk that stops is not kept alive by a socket (its row stays in flight and is looked at
      // on the next start).
      void closing?.then((pool) => {
        pool.close();
        setTimeout(() => pool.close({ force: true } as never), CLOSE_GRACE_MS);
      });
    },
  };
}

interface MailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
  originalCode?: string;
  timeoutType?: string;
  message?: string;
}

/** Failures that happen before any message byte could reach the server. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);
const BEFORE_MESSAGE_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

const said = (e: MailerError) => (e.response ?? e.message ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
const settingsHint = 'Vérifiez le serveur, le port et la sécurité dans Paramétrage › Agences › Emails.';

/** A nodemailer error as the worker's RemoteError, with a French message a clerk can act on. */
export function smtpFailure(error: unknown): RemoteError {
  const e = (error ?? {}) as MailerError;
  const remote = 'smtp';
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') {
    return new RemoteError('client', remote, `Le serveur d'e-mails a refusé l'identifiant ou le mot de passe (« ${said(e)} »). Corrigez-les dans Paramétrage › Agences › Emails, puis cliquez « Réessayer ».`, {
      status: e.responseCode,
      cause: e.code,
      notApplied: true,
    });
  }
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) {
    // The server answered: a 5xx refuses this message for good (unknown mailbox…), a 4xx defers it.
    // Either way it did not take the message, so a retry cannot duplicate it.
    if (e.permanent ?? e.responseCode >= 500) {
      return new RemoteError('client', remote, `Le serveur d'e-mails a refusé le message : « ${said(e)} ». Corrigez l'adresse ou le contenu, puis renvoyez-le.`, {
        status: e.responseCode,
        cause: e.code,
        notApplied: true,
      });
    }
    return new RemoteError('server', remote, `Le serveur d'e-mails diffère l'envoi (« ${said(e)} »). Nouvel essai automatique.`, {
      status: e.responseCode,
      cause: e.code,
      notApplied: true,
    });
  }
  const cause = e.originalCode ?? e.code ?? 'erreur';
  const beforeMessage =
    e.code === 'EDNS' || e.code === 'ETLS' || e.code === 'ECONFIG' || NOT_CONNECTED.has(e.originalCode ?? '') || BEFORE_MESSAGE_TIMEOUTS.has(e.timeoutType ?? '');
  if (e.code === 'ETLS') {
    return new RemoteError('client', remote, `La connexion sécurisée au serveur d'e-mails a échoué (${said(e)}). ${settingsHint}`, { cause, notApplied: true });
  }
  if (e.code === 'EABORT') {
    return new RemoteError('aborted', remote, `Envoi interrompu (fermeture de Comptoir) ; il sera vérifié au prochain lancement.`, { cause });
  }
  if (e.code === 'ETIMEDOUT') {
    return new RemoteError('timeout', remote, `${LABEL} n'a pas répondu à temps. ${beforeMessage ? 'Nouvel essai automatique.' : ''}`.trim(), {
      cause,
      notApplied: beforeMessage,
    });
  }
  return new RemoteError('network', remote, `${LABEL} est injoignable (${cause}). ${beforeMessage ? "L'envoi reprendra tout seul dès son retour." : settingsHint}`, {
    cause,
    notApplied: beforeMessage,
  });
}

/** The same failures worded for « Tester », where staff wait for the answer and nothing retries. */
export function testFailureMessage(e: RemoteError): string {
  if (e.details.cause === 'EAUTH' || e.details.cause === 'ENOAUTH') {
    return "Le serveur d'e-mails refuse l'identifiant ou le mot de passe. Corrigez-les, enregistrez, puis testez de nouveau.";
  }
  if (e.failure === 'client' && e.details.status) return `Le serveur d'e-mails a refusé l'e-mail de test (${e.message.replace(/^[^«]*/, '').replace(/\. Corrigez.*$/, '')}).`;
  if (e.failure === 'server') return `Le serveur d'e-mails diffère l'envoi (code ${e.details.status}) : réessayez dans quelques minutes.`;
  if (e.failure === 'timeout') return `Le serveur d'e-mails n'a pas répondu à temps. ${settingsHint}`;
  if (e.details.cause === 'ETLS') return `La connexion sécurisée au serveur d'e-mails a échoué. ${settingsHint}`;
  return `Le serveur d'e-mails est injoignable (${e.details.cause ?? 'erreur réseau'}). ${settingsHint}`;
}

/** The engine's view of one agency's SMTP server. */
export function smtpRemote(agencyId: string, agencyName: string, settings: SmtpServerSettings): CustomRemoteSetup {
  const client = createSmtpClient(settings);
  return {
    custom: true,
    name: smtpRemoteName(agencyId),
    label: `${LABEL} (${agencyName})`,
    // Evenly paced: a provider counting per minute also frowns on bursts.
    rate: { perSecond: settings.perMinute / 60, burst: Math.max(1, Math.min(5, Math.floor(settings.perMinute / 60))) },
    client,
    maxInFlight: smtpInFlight(settings.perMinute),
    probe: (signal) => client.verify(signal),
    close: () => client.close(),
    timeoutMs: TIMEOUTS.connectionTimeout,
  };
}
