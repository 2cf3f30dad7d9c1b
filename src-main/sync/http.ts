// The HTTP helper every integration uses: timeouts through AbortSignal, JSON and XML bodies, and
// every failure turned into a RemoteError naming the remote. A remote answer that does not match
// its schema is an error like any other, raised before the caller can apply any of it.
import type { z } from 'zod';
import { RemoteError, remoteMessages } from './errors';
import { parseRetryAfter } from './policy';
import { nodeTransport, targetOf, TransportTimeout, type Transport, type TransportResponse } from './transport';

export interface RemoteEndpoint {
  /** Machine name: 'swikly', 'elloha'… */
  name: string;
  /** As staff know it, in messages: 'Swikly'. */
  label: string;
  baseUrl: string;
  /** Per request, unless the request says otherwise. */
  timeoutMs?: number;
  /** Sent with every request (credentials live here, never in the renderer). */
  headers?: Record<string, string>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method?: HttpMethod;
  /** Relative to the remote's base URL. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** An XML document, sent as text. */
  xml?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** The caller's cancellation (worker shutdown). */
  signal?: AbortSignal;
  /** Statuses besides 2xx that are answers, not failures (404 for a lookup). */
  okStatuses?: number[];
}

export type HttpResponse = TransportResponse;

/** What a call told us about the remote's reachability, for the connectivity tracker. */
export type Reachability = 'reachable' | 'unreachable';

export interface HttpClientOptions {
  /** Node's http/https with keep-alive by default. */
  transport?: Transport;
  /** Waits for a token of the remote's shared rate limit before each request. */
  limiter?: { take(signal?: AbortSignal): Promise<void> };
  onOutcome?: (outcome: Reachability, error?: RemoteError) => void;
  now?: () => Date;
}

export interface HttpClient {
  readonly remote: RemoteEndpoint;
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Sends, then parses the answer as JSON matching `schema`. */
  json<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>>;
  /** Like json(), but a 404 answers null: for "does this object exist yet?" lookups. */
  jsonOrNull<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S> | null>;
  /** Sends, then returns the answer as XML text (parsing is the integration's business). */
  xml(request: HttpRequest): Promise<string>;
  /** Closes idle connections. */
  close(): void;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** A short, safe excerpt of what a remote said when it refused a request. */
export function remoteSaid(text: string): string {
  let said = text;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const field = [body.message, body.error, body.detail, body.title].find((v) => typeof v === 'string');
    if (typeof field === 'string') said = field;
  } catch {
    said = text.replace(/<[^>]*>/g, ' ');
  }
  said = said.replace(/\s+/g, ' ').trim();
  return said.length > 160 ? `${said.slice(0, 157)}…` : said;
}

/** Zod issues as one French phrase: which field of the answer, and what was wrong with it. */
export function describeAnswerIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const where = i.path.map(String).join('.');
      return where ? `champ « ${where} » : ${i.message}` : i.message;
    })
    .join(' ; ');
}

function networkCause(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return (e as { code?: string }).code ?? cause?.code ?? cause?.message ?? (e as Error).message ?? 'erreur réseau';
}

export function createHttpClient(remote: RemoteEndpoint, options: HttpClientOptions = {}): HttpClient {
  const transport = options.transport ?? nodeTransport();
  const now = options.now ?? (() => new Date());
  const target = targetOf(remote.baseUrl);

  const fail = (error: RemoteError): never => {
    if (error.failure === 'network' || error.failure === 'timeout') options.onOutcome?.('unreachable', error);
    throw error;
  };

  async function send(request: HttpRequest): Promise<HttpResponse> {
    let query: string | undefined;
    if (request.query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(request.query)) if (v !== undefined) params.set(k, String(v));
      query = params.toString();
    }
    const headers: Record<string, string> = { ...remote.headers, ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    } else if (request.xml !== undefined) {
      body = request.xml;
      headers['content-type'] ??= 'application/xml; charset=utf-8';
    }

    try {
      await options.limiter?.take(request.signal);
      request.signal?.throwIfAborted();
    } catch {
      return fail(new RemoteError('aborted', remote.name, remoteMessages.aborted(remote.label)));
    }

    const timeoutMs = request.timeoutMs ?? remote.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let response: HttpResponse;
    try {
      response = await transport.send(target(request.path, query), { method: request.method ?? 'GET', headers, body, timeoutMs, signal: request.signal });
    } catch (e) {
      if (e instanceof TransportTimeout) {
        return fail(new RemoteError('timeout', remote.name, remoteMessages.timeout(remote.label, timeoutMs), { cause: 'timeout' }));
      }
      if (request.signal?.aborted) return fail(new RemoteError('aborted', remote.name, remoteMessages.aborted(remote.label)));
      const cause = networkCause(e);
      return fail(new RemoteError('network', remote.name, remoteMessages.network(remote.label, cause), { cause }));
    }

    options.onOutcome?.('reachable');
    const { status, text } = response;
    if ((status >= 200 && status < 300) || request.okStatuses?.includes(status)) return response;
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
      return fail(new RemoteError('rate_limited', remote.name, remoteMessages.rateLimited(remote.label, retryAfterMs), { status, retryAfterMs }));
    }
    if (status >= 500) return fail(new RemoteError('server', remote.name, remoteMessages.server(remote.label, status), { status }));
    if (status >= 400) return fail(new RemoteError('client', remote.name, remoteMessages.client(remote.label, status, remoteSaid(text)), { status }));
    return fail(new RemoteError('malformed_response', remote.name, remoteMessages.malformed(remote.label, `statut HTTP ${status} inattendu`), { status }));
  }

  function parseJson<S extends z.ZodType>(response: HttpResponse, schema: S): z.output<S> {
    let data: unknown;
    try {
      data = JSON.parse(response.text);
    } catch {
      return fail(new RemoteError('malformed_response', remote.name, remoteMessages.malformed(remote.label, "le contenu n'est pas du JSON valide"), { status: response.status }));
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      return fail(new RemoteError('malformed_response', remote.name, remoteMessages.malformed(remote.label, describeAnswerIssues(parsed.error.issues)), { status: response.status }));
    }
    return parsed.data;
  }

  const withAccept = (request: HttpRequest, type: string): HttpRequest => ({ ...request, headers: { accept: type, ...request.headers } });

  return {
    remote,
    send,
    async json(request, schema) {
      return parseJson(await send(withAccept(request, 'application/json')), schema);
    },
    async jsonOrNull(request, schema) {
      const response = await send(withAccept({ ...request, okStatuses: [...(request.okStatuses ?? []), 404] }, 'application/json'));
      return response.status === 404 ? null : parseJson(response, schema);
    },
    async xml(request) {
      const response = await send(withAccept(request, 'application/xml, text/xml'));
      if (!response.text.trimStart().startsWith('<')) {
        return fail(new RemoteError('malformed_response', remote.name, remoteMessages.malformed(remote.label, "le contenu n'est pas du XML"), { status: response.status }));
      }
      return response.text;
    },
    close: () => transport.close(),
  };
}
