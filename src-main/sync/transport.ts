// How bytes reach a remote. Node's own http/https with keep-alive agents: on this hardware it
// sustains about four times the request rate of fetch(), which the drain targets (S2, S3) need.
import http from 'node:http';
import https from 'node:https';

/** Where a request goes, split once per remote rather than parsed per request. */
export interface TransportTarget {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: string;
  /** Path and query. */
  path: string;
  href: string;
}

export function targetOf(baseUrl: string): (path: string, query?: string) => TransportTarget {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`Unsupported remote URL: ${baseUrl}`);
  const protocol = base.protocol;
  const hostname = base.hostname.replace(/^\[(.*)\]$/, '$1');
  return (path, query) => {
    const full = base.pathname + path.replace(/^\//, '') + (query ? `?${query}` : '');
    return { protocol, hostname, port: base.port, path: full, href: base.origin + full };
  };
}

export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Whole exchange, request and answer; rejects with TransportTimeout after it. */
  timeoutMs: number;
  /** The caller's cancellation; rejects with its reason. */
  signal?: AbortSignal;
}

/** The exchange took longer than its timeout (measured in real time: sockets know no fake clock). */
export class TransportTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

export interface Transport {
  send(target: TransportTarget, request: TransportRequest): Promise<TransportResponse>;
  /** Closes idle keep-alive connections (engine stop). */
  close(): void;
}

export function nodeTransport(): Transport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 32 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 32 }),
  };
  return {
    send: (target, request) =>
      new Promise((resolve, reject) => {
        // One timer and one abort listener per exchange, destroying the request directly: cheaper
        // than an AbortController per request, which showed in the drain profile.
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
          fn();
        };
        const fail = (e: unknown) => settle(() => reject(e));
        const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
        const headers = body ? { ...request.headers, 'content-length': String(body.length) } : request.headers;
        const lib = target.protocol === 'https:' ? https : http;
        const options = { hostname: target.hostname, port: target.port, path: target.path, method: request.method, headers, agent: agents[target.protocol] };
        const req = lib.request(options, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            settle(() =>
              resolve({
                status: res.statusCode ?? 0,
                headers: {
                  get(name) {
                    const v = res.headers[name.toLowerCase()];
                    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
                  },
                },
                text: Buffer.concat(chunks).toString('utf8'),
              }),
            ),
          );
          res.on('error', fail);
          // The connection died in the middle of the answer.
          res.on('close', () => fail(Object.assign(new Error('réponse interrompue'), { code: 'ECONNRESET' })));
        });
        const timer = setTimeout(() => {
          const e = new TransportTimeout(request.timeoutMs);
          fail(e);
          req.destroy(e);
        }, request.timeoutMs);
        const onAbort = () => {
          fail(request.signal!.reason);
          req.destroy();
        };
        if (request.signal?.aborted) return onAbort();
        request.signal?.addEventListener('abort', onAbort, { once: true });
        req.on('error', fail);
        req.end(body);
      }),
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** fetch() as a transport: for unit tests that stub fetch, and hosts that must go through it. */
export function fetchTransport(doFetch: typeof fetch = fetch): Transport {
  return {
    async send(target, request) {
      const timeout = AbortSignal.timeout(request.timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      try {
        const response = await doFetch(target.href, { method: request.method, headers: request.headers, body: request.body, signal });
        return { status: response.status, headers: response.headers, text: await response.text() };
      } catch (e) {
        if (timeout.aborted && !request.signal?.aborted) throw new TransportTimeout(request.timeoutMs);
        throw e;
      }
    },
    close() {},
  };
}
