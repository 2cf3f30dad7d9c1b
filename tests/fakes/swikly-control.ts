// The test's side of the fake Swikly's /__control/ API, typed. Works against an in-process fake
// (`fake.control`) or one started on its own (`new SwiklyControl('http://127.0.0.1:4010')`).
import type { CheckoutOutcome, DepositStatus, PaymentStatus, StoredRequest, SwiklySeed } from './swikly-model';
import type { CallbackDelivery } from './swikly-webhooks';

export type SwiklyFaultKind =
  /** 500 {"message":"Server Error"}, nothing applied. */
  | 'http500'
  /** Never answers (the client gives up); nothing applied unless `commit` is set. */
  | 'timeout'
  /** Applies the call, then destroys the socket without answering. */
  | 'dropAfterCommit'
  /** Applies the call, then answers 200 with truncated JSON. */
  | 'malformedJson'
  /** 429 {"message":"Too Many Attempts."} with Retry-After, nothing applied. */
  | 'http429';

export interface SwiklyFault {
  kind: SwiklyFaultKind;
  /** GET, POST, PATCH…; any method when absent. */
  method?: string;
  /**
   * Pathname, `/v1` optional, `*` standing for one segment: `/accounts/* /requests` (without the
   * space); any path when absent. The query string is not compared.
   */
  path?: string;
  /** How many matching calls it hits (1 by default). */
  times?: number;
  /** Matching calls let through before it starts. */
  skip?: number;
  /** Retry-After seconds of http429 (30 by default). */
  retryAfter?: number;
  /** timeout only: apply the call before stalling (the worst case for a create). */
  commit?: boolean;
}

export interface LoggedRequest {
  seq: number;
  /** Fake-clock instant of arrival, ISO. */
  at: string;
  method: string;
  /** Pathname, `/v1/...`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names, as Node gives them. */
  headers: Record<string, string>;
  /** Parsed JSON; the raw text when it was not JSON; undefined without a body. */
  body: unknown;
  /** The authenticated user, when the key was known. */
  userId?: string;
  /** HTTP status answered; undefined while pending or when the socket was dropped or stalled. */
  status?: number;
  fault?: SwiklyFaultKind;
}

export interface ClockState {
  now: string;
  /** Paris calendar date of `now`. */
  today: string;
  frozen: boolean;
}

export interface CallbackConfig {
  /** Where requestSecured goes for requests created without `callbacks.requestSecured`. */
  url: string | null;
  maxTries: number;
  retryDelayMs: number;
}

/** A stored request as the fake holds it (private fields included: sendEmail, sendSms, linkCode). */
export type StoredSwiklyRequest = StoredRequest;

export class SwiklyControl {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/__control/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await res.json()) as T & { message?: string };
    if (!res.ok) throw new Error(`fake Swikly control ${method} ${path}: ${res.status} ${data.message ?? ''}`);
    return data;
  }

  /** Back to the seed the fake started with (or nothing at all), with an empty log and no faults. */
  reset = (opts: { empty?: boolean } = {}) => this.call<{ ok: true }>('POST', 'reset', opts);
  /** Adds users, keys and accounts; ids are generated where absent. */
  seed = (seed: SwiklySeed) => this.call<{ users: { id: string; accountIds: string[] }[] }>('POST', 'seed', seed);

  /** The guest completes the checkout (accepted), abandons it midway (inProgress) or has a card refused (failed). */
  checkout = (requestId: string, outcome: CheckoutOutcome, opts: { acceptedAt?: string } = {}) =>
    this.call<{ request: Record<string, any> }>('POST', `requests/${requestId}/checkout`, { outcome, ...opts });
  /** Forces operation statuses, whatever the rules say. */
  forceStatus = (requestId: string, to: { deposit?: DepositStatus; payment?: PaymentStatus }) =>
    this.call<{ request: Record<string, any> }>('POST', `requests/${requestId}/status`, to);
  /** Every request stored, oldest first, with what Swikly does not serve (sendEmail, sendSms…). */
  stored = async () => (await this.call<{ requests: StoredSwiklyRequest[] }>('GET', 'requests')).requests;

  clock = (set: { now?: string | Date; advanceSeconds?: number; frozen?: boolean } = {}) =>
    set.now === undefined && set.advanceSeconds === undefined && set.frozen === undefined
      ? this.call<ClockState>('GET', 'clock')
      : this.call<ClockState>('POST', 'clock', { ...set, now: set.now instanceof Date ? set.now.toISOString() : set.now });

  faults = (...faults: SwiklyFault[]) => this.call<{ pending: number }>('POST', 'faults', { faults });
  clearFaults = () => this.call<{ pending: number }>('DELETE', 'faults');

  log = async () => (await this.call<{ requests: LoggedRequest[] }>('GET', 'log')).requests;
  clearLog = () => this.call<{ ok: true }>('DELETE', 'log');

  /** Lowers (or restores) the per-user limit of calls per rolling window. */
  rateLimit = (limit: number, windowSeconds = 60) => this.call<{ limit: number; windowSeconds: number }>('POST', 'rate-limit', { limit, windowSeconds });

  callbacks = (config: Partial<CallbackConfig>) => this.call<{ config: CallbackConfig }>('POST', 'callbacks', config);
  deliveries = async () => (await this.call<{ deliveries: CallbackDelivery[] }>('GET', 'callbacks')).deliveries;
}
