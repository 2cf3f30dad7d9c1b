// The HTTP helper with fetch stubbed (the integration tests use the real fake remote over the wire).
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../src-main/sync/errors';
import { createHttpClient, type Reachability } from '../../src-main/sync/http';
import { fetchTransport } from '../../src-main/sync/transport';

const remote = { name: 'swikly', label: 'Swikly', baseUrl: 'https://api.example.test/v1', timeoutMs: 50 };

function client(answer: (url: string, init: RequestInit) => Promise<Response>) {
  const outcomes: Reachability[] = [];
  const calls: { url: string; init: RequestInit }[] = [];
  const http = createHttpClient(remote, {
    transport: fetchTransport((async (url: URL, init: RequestInit) => {
      calls.push({ url: String(url), init });
      return answer(String(url), init);
    }) as unknown as typeof fetch),
    onOutcome: (o) => outcomes.push(o),
    now: () => new Date('2026-07-01T08:00:00Z'),
  });
  return { http, outcomes, calls };
}

const reply = (status: number, body: string, headers: Record<string, string> = {}) => async () => new Response(body, { status, headers });
const netError = (code: string) => async () => {
  throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
};

async function failure(p: Promise<unknown>): Promise<RemoteError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RemoteError) return e;
    throw e;
  }
  throw new Error('expected a RemoteError');
}

const deposit = z.object({ id: z.string(), amount: z.number().int() });

describe('the HTTP helper classifies what went wrong, naming the remote', () => {
  it.each([
    ['a refused connection', netError('ECONNREFUSED'), 'network', /^Swikly est injoignable \(ECONNREFUSED\)/, 'unreachable'],
    ['a reset connection', netError('ECONNRESET'), 'network', /ECONNRESET/, 'unreachable'],
    ['a 503', reply(503, 'down'), 'server', /^Swikly rencontre une erreur de son côté \(HTTP 503\)/, 'reachable'],
    ['a 429', reply(429, '', { 'retry-after': '30' }), 'rate_limited', /nouvel essai dans 30 s/, 'reachable'],
    ['a 422 with a JSON reason', reply(422, '{"message":"email invalide"}'), 'client', /HTTP 422\) : « email invalide »/, 'reachable'],
    ['a 403 with an HTML page', reply(403, '<html><body><h1>Accès refusé</h1></body></html>'), 'client', /« Accès refusé »/, 'reachable'],
    ['a body that is not JSON', reply(200, '<html>portail Wi-Fi</html>'), 'malformed_response', /^Swikly a renvoyé une réponse inattendue : le contenu n'est pas du JSON valide/, 'reachable'],
    ['JSON of the wrong shape', reply(200, '{"id":"d1","amount":"50"}'), 'malformed_response', /champ « amount » : /, 'reachable'],
  ] as const)('%s', async (_case, answer, kind, message, outcome) => {
    const { http, outcomes } = client(answer);
    const e = await failure(http.json({ path: '/deposits/d1' }, deposit));
    expect(e.failure).toBe(kind);
    expect(e.remote).toBe('swikly');
    expect(e.message).toMatch(message);
    expect(outcomes).toEqual([outcome]);
  });

  it('reads Retry-After into the error', async () => {
    const { http } = client(reply(429, '', { 'retry-after': '30' }));
    expect((await failure(http.send({ path: '/x' }))).details).toEqual({ status: 429, retryAfterMs: 30_000 });
  });

  it('gives up after the timeout, with an AbortSignal', async () => {
    const { http, outcomes } = client(
      (_url, init) => new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const e = await failure(http.send({ path: '/slow', timeoutMs: 20 }));
    expect(e.failure).toBe('timeout');
    expect(e.message).toBe("Swikly n'a pas répondu dans les 1 s. Nouvel essai automatique ; rien ne sera envoyé en double.");
    expect(outcomes).toEqual(['unreachable']);
  });

  it('tells its own cancellation apart from the remote failing', async () => {
    const { http, outcomes } = client(
      (_url, init) => new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const stop = new AbortController();
    const pending = http.send({ path: '/slow', signal: stop.signal, timeoutMs: 5_000 });
    stop.abort();
    expect((await failure(pending)).failure).toBe('aborted');
    expect(outcomes).toEqual([]);
  });
});

describe('the HTTP helper sends and reads bodies', () => {
  it('sends JSON to the remote base URL with query and headers, and parses the answer', async () => {
    const { http, calls } = client(reply(201, '{"id":"d1","amount":5000}'));
    const value = await http.json({ method: 'POST', path: '/deposits', query: { agency: 'SABLES', page: 2, none: undefined }, json: { amount: 5000 }, headers: { 'idempotency-key': 'k1' } }, deposit);
    expect(value).toEqual({ id: 'd1', amount: 5000 });
    expect(calls[0]!.url).toBe('https://api.example.test/v1/deposits?agency=SABLES&page=2');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', body: '{"amount":5000}', headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': 'k1', accept: 'application/json' } });
  });

  it('answers null for a lookup of something that does not exist yet', async () => {
    const { http } = client(reply(404, '{"message":"not found"}'));
    expect(await http.jsonOrNull({ path: '/deposits/by-custom-id/2026-000001' }, deposit)).toBeNull();
  });

  it('sends and returns XML as text, and refuses an answer that is not XML', async () => {
    const xml = '<?xml version="1.0"?><OTA_HotelAvailNotifRQ/>';
    const { http, calls } = client(reply(200, '<?xml version="1.0"?><OTA_HotelAvailNotifRS><Success/></OTA_HotelAvailNotifRS>'));
    expect(await http.xml({ method: 'POST', path: '/ota', xml })).toContain('<Success/>');
    expect(calls[0]!.init).toMatchObject({ body: xml, headers: { 'content-type': 'application/xml; charset=utf-8' } });
    const broken = client(reply(200, 'Service Unavailable'));
    expect((await failure(broken.http.xml({ path: '/ota' }))).message).toBe("Swikly a renvoyé une réponse inattendue : le contenu n'est pas du XML.");
  });
});
