// §4: Swikly's signed callbacks. The fake sends `requestSecured` when a checkout is accepted and
// a callback URL is known (from the create body's `callbacks`, or set by a test through control).
import { createHmac } from 'node:crypto';

/** Hex HMAC-SHA256 of `t + "." + rawBody`, keyed with the account's secret. */
export function swiklySignature(secret: string, t: number | string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
}

export function swiklySignatureHeader(secret: string, t: number, rawBody: string): string {
  return `t=${t},sha256=${swiklySignature(secret, t, rawBody)}`;
}

/** Trade names travel in ASCII headers ("Résidence — Les Pins" → "Residence - Les Pins"). */
export function asciiHeader(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\x20-\x7e]/g, '');
}

export interface CallbackDelivery {
  requestId: string;
  url: string;
  /** 1 for the first try, up to maxTries. */
  attempt: number;
  headers: Record<string, string>;
  /** The exact bytes signed and sent. */
  body: string;
  /** The receiver's HTTP status; absent when it could not be reached. */
  status?: number;
  error?: string;
}

export interface CallbackJob {
  requestId: string;
  url: string;
  payload: unknown;
  account: { id: string; commercialName: string; currency: string; secret: string };
  /** Signing time, in fake-clock UNIX seconds (so a receiver on the same fake clock accepts it). */
  unixNow: () => number;
}

/** Sends one event, retried on non-2xx or network failure, at most `maxTries` times in all. */
export async function deliver(
  job: CallbackJob,
  record: (d: CallbackDelivery) => void,
  { maxTries = 5, retryDelayMs = 50, isClosed = (): boolean => false } = {},
): Promise<void> {
  const body = JSON.stringify(job.payload);
  for (let attempt = 1; attempt <= maxTries && !isClosed(); attempt++) {
    const t = job.unixNow();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Swikly-Fake/1',
      'swikly-account-id': job.account.id,
      'swikly-trade-name': asciiHeader(job.account.commercialName),
      'swikly-currency': job.account.currency,
      'swikly-signature': swiklySignatureHeader(job.account.secret, t, body),
    };
    const delivery: CallbackDelivery = { requestId: job.requestId, url: job.url, attempt, headers, body };
    try {
      const res = await fetch(job.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer().catch(() => undefined);
      delivery.status = res.status;
      record(delivery);
      if (res.ok) return;
    } catch (e) {
      delivery.error = e instanceof Error ? e.message : String(e);
      record(delivery);
    }
    if (attempt < maxTries) await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (attempt - 1)));
  }
}
