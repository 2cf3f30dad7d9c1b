// A fake Swikly API (specs/swikly.md §7) on 127.0.0.1, spoken to over real HTTP: §2's routes under
// /v1 with Swikly's envelopes, errors, headers and rate limit; a fake clock driving expiry; faults
// per method and path; signed requestSecured callbacks; a log of every call; /__control/ for tests
// and /demo/<code> pages where a "guest" secures a deposit during a demonstration.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { MESSAGES, matchRoute, SwiklyWorld } from './swikly-api';
import { SwiklyControl, type CallbackConfig, type LoggedRequest, type SwiklyFault } from './swikly-control';
import { demoNotFound, demoPage } from './swikly-demo';
import { checkout, forceStatus, TransitionError } from './swikly-lifecycle';
import { DEFAULT_SEED, type StoredRequest, type SwiklySeed } from './swikly-model';
import { SwiklyClock } from './swikly-time';
import { deliver, type CallbackDelivery } from './swikly-webhooks';

export { DEFAULT_KEY, DEFAULT_SEED } from './swikly-model';
export type { CheckoutOutcome, DepositStatus, PaymentStatus, SeedAccount, SeedUser, StoredRequest, SwiklySeed } from './swikly-model';
export { SwiklyControl } from './swikly-control';
export type { LoggedRequest, SwiklyFault, SwiklyFaultKind, ClockState, CallbackConfig } from './swikly-control';
export { swiklySignature, swiklySignatureHeader, type CallbackDelivery } from './swikly-webhooks';

/** The default seed's two accounts. */
export const DEFAULT_ACCOUNT_IDS = DEFAULT_SEED.users[0]!.accounts.map((a) => a.id!) as [string, string];

export interface FakeSwiklyOptions {
  /** Users, keys and accounts at start and after `reset` (DEFAULT_SEED when absent). */
  seed?: SwiklySeed;
  /** Fake clock start (real now by default). */
  now?: Date | string | number;
  /** Time moves only when told (tests); otherwise it flows from `now` (demos). */
  frozen?: boolean;
  /** `link` = linkBase + '/' + 7 characters. Default https://v2.sandbox.swik.link. */
  linkBase?: string;
  /** Links point at the fake's own /demo/<code> pages (overrides linkBase). */
  demoLinks?: boolean;
  /** Calls per user per rolling minute (120). */
  rateLimit?: number;
  /** 0: any free port. */
  port?: number;
}

export interface FakeSwikly {
  /** http://127.0.0.1:<port> */
  url: string;
  /** url + '/v1', what Comptoir is configured with. */
  baseUrl: string;
  control: SwiklyControl;
  /** Every call received under /v1 (and anywhere but /__control/ and /demo/), in arrival order. */
  requests(): LoggedRequest[];
  /** The requests the fake holds, as stored. */
  stored(): StoredRequest[];
  close(): Promise<void>;
}

interface ArmedFault extends SwiklyFault {
  left: number;
  skipLeft: number;
}

const JSON_TYPE = 'application/json';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** `*` stands for one segment; patterns may leave out the /v1 base. */
function pathMatches(pattern: string, path: string): boolean {
  const full = pattern.startsWith('/v1/') || pattern === '/v1' ? pattern : `/v1${pattern.startsWith('/') ? '' : '/'}${pattern}`;
  const a = full.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => seg === '*' || seg.toLowerCase() === b[i]!.toLowerCase());
}

/** Swikly wants `Accept: application/json` (a `+json` type will do). */
const acceptsJson = (accept: string | undefined) => !!accept && /application\/(?:[\w.+-]*\+)?json/i.test(accept);

export async function startFakeSwikly(options: FakeSwiklyOptions = {}): Promise<FakeSwikly> {
  const startedAt = options.now ?? Date.now();
  const clock = new SwiklyClock(startedAt, options.frozen ?? false);
  let url = '';
  const linkBase = () => (options.demoLinks ? `${url}/demo` : (options.linkBase ?? 'https://v2.sandbox.swik.link'));
  let world = new SwiklyWorld(clock, linkBase);
  world.seed(options.seed ?? DEFAULT_SEED);

  let log: LoggedRequest[] = [];
  let faults: ArmedFault[] = [];
  let limit = options.rateLimit ?? 120;
  let windowMs = 60_000;
  let windows = new Map<string, number[]>();
  let callbackConfig: CallbackConfig = { url: null, maxTries: 5, retryDelayMs: 50 };
  let deliveries: CallbackDelivery[] = [];
  const inFlight = new Set<Promise<void>>();
  const sockets = new Set<Socket>();
  let closed = false;

  function takeFault(method: string, path: string): ArmedFault | null {
    for (const f of faults) {
      if (f.left <= 0 || (f.method && f.method.toUpperCase() !== method) || (f.path && !pathMatches(f.path, path))) continue;
      if (f.skipLeft > 0) {
        f.skipLeft -= 1;
        return null;
      }
      f.left -= 1;
      return f;
    }
    return null;
  }

  /** §7.13: a rolling window per user. Refused calls do not count, as with Laravel's throttle. */
  function rateLimit(userId: string): { ok: boolean; headers: Record<string, string> } {
    const now = clock.now();
    const hits = (windows.get(userId) ?? []).filter((t) => t > now - windowMs && t <= now);
    windows.set(userId, hits);
    if (hits.length >= limit) {
      const resetAt = hits[0]! + windowMs;
      return {
        ok: false,
        headers: {
          'x-ratelimit-limit': String(limit),
          // Swikly's documentation: on a 429 this header holds the reset UNIX time.
          'x-ratelimit-remaining': String(Math.ceil(resetAt / 1000)),
          'retry-after': String(Math.max(1, Math.ceil((resetAt - now) / 1000))),
        },
      };
    }
    hits.push(now);
    return { ok: true, headers: { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(limit - hits.length) } };
  }

  function notifySecured(r: StoredRequest) {
    const target = r.requestSecuredCallback ?? callbackConfig.url;
    const account = world.account(r.accountId);
    if (!target || !account) return;
    const payload = { event: 'requestSecured', request: world.render(r, new Set(['deposit', 'payment', 'endUser'])) };
    const job = deliver(
      { requestId: r.id, url: target, payload, account, unixNow: () => Math.floor(clock.now() / 1000) },
      (d) => deliveries.push(d),
      { maxTries: callbackConfig.maxTries, retryDelayMs: callbackConfig.retryDelayMs, isClosed: () => closed },
    );
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  }

  function applyCheckout(r: StoredRequest, outcome: unknown, acceptedAt?: string) {
    if (outcome !== 'accepted' && outcome !== 'failed' && outcome !== 'inProgress') throw new TransitionError(400, 'ERR_OUTCOME', 'outcome: accepted | failed | inProgress');
    world.sweep();
    checkout(r, outcome, clock.now(), acceptedAt);
    if (outcome === 'accepted') notifySecured(r);
  }

  async function api(req: IncomingMessage, res: ServerResponse, parsed: URL) {
    const method = req.method ?? 'GET';
    const path = parsed.pathname;
    const raw = await readBody(req);
    let body: unknown = undefined;
    let badJson = false;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
        badJson = true;
      }
    }
    const entry: LoggedRequest = {
      seq: log.length + 1,
      at: new Date(clock.now()).toISOString(),
      method,
      path,
      query: Object.fromEntries(parsed.searchParams),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
      body,
    };
    log.push(entry);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      // Before the key is known no budget is spent: the headers say the whole limit is left.
      send(res, status, payload, { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(limit), ...headers });
    };

    if (!acceptsJson(req.headers.accept)) return answer(406, { message: 'Not Acceptable: send Accept: application/json.' });
    const route = path.startsWith('/v1/') ? matchRoute(method, path) : null;
    if (!route) return answer(404, { message: MESSAGES[404] });
    const user = world.userForKey(req.headers.authorization);
    if (!user) return answer(401, { message: MESSAGES[401] });
    entry.userId = user.id;
    const limited = rateLimit(user.id);
    if (!limited.ok) return answer(429, { message: MESSAGES[429] }, limited.headers);

    const fault = takeFault(method, path);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'http500') return answer(500, { message: MESSAGES[500] }, limited.headers);
    if (fault?.kind === 'http429') return answer(429, { message: MESSAGES[429] }, { ...limited.headers, 'retry-after': String(fault.retryAfter ?? 30) });
    if (fault?.kind === 'timeout' && !fault.commit) return; // never answered: the client gives up

    if (badJson) return answer(400, { code: 'ERR_MALFORMED_JSON', message: 'The request body is not valid JSON.', context: [] }, limited.headers);
    world.sweep();
    const result = world.handle(route, user, parsed.searchParams, body, url);

    if (fault?.kind === 'timeout') return;
    if (fault?.kind === 'dropAfterCommit') return void req.socket.destroy();
    if (fault?.kind === 'malformedJson') {
      entry.status = result.status;
      const text = JSON.stringify(result.body);
      res.writeHead(result.status, { 'content-type': JSON_TYPE, ...limited.headers, ...result.headers });
      return void res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    answer(result.status, result.body, { ...limited.headers, ...result.headers });
  }

  async function control(req: IncomingMessage, res: ServerResponse, parsed: URL) {
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, any>;
    const path = parsed.pathname.slice('/__control/'.length).split('/').filter(Boolean);
    const clockState = () => ({ now: new Date(clock.now()).toISOString(), today: clock.today(), frozen: clock.isFrozen() });
    try {
      switch (`${method} ${path[0]}`) {
        case 'POST reset':
          world = new SwiklyWorld(clock, linkBase);
          if (!body.empty) world.seed(options.seed ?? DEFAULT_SEED);
          log = [];
          faults = [];
          windows = new Map();
          limit = options.rateLimit ?? 120;
          windowMs = 60_000;
          callbackConfig = { url: null, maxTries: 5, retryDelayMs: 50 };
          deliveries = [];
          return send(res, 200, { ok: true });
        case 'POST seed':
          return send(res, 200, { users: world.seed(body as SwiklySeed) });
        case 'GET requests':
          world.sweep();
          return send(res, 200, { requests: world.requests });
        case 'POST requests': {
          const r = world.findRequest(path[1] ?? '');
          if (!r) return send(res, 404, { message: `no request ${path[1]}` });
          if (path[2] === 'checkout') applyCheckout(r, body.outcome, body.acceptedAt);
          else if (path[2] === 'status') {
            world.sweep();
            forceStatus(r, body, clock.now());
          } else return send(res, 404, { message: 'unknown control' });
          return send(res, 200, { request: world.render(r, new Set(['deposit', 'payment', 'endUser'])) });
        }
        case 'GET clock':
          return send(res, 200, clockState());
        case 'POST clock': {
          const before = clock.now();
          if (body.frozen !== undefined) clock.freeze(Boolean(body.frozen));
          if (body.now !== undefined) clock.set(body.now);
          if (body.advanceSeconds !== undefined) clock.advance(Number(body.advanceSeconds));
          // Calls "from the future" would otherwise hold the rate limit for as long as time was rewound.
          if (clock.now() < before) windows = new Map();
          world.sweep();
          return send(res, 200, clockState());
        }
        case 'POST faults':
          faults.push(...(body.faults as SwiklyFault[]).map((f) => ({ ...f, left: f.times ?? 1, skipLeft: f.skip ?? 0 })));
          return send(res, 200, { pending: faults.filter((f) => f.left > 0).length });
        case 'DELETE faults':
          faults = [];
          return send(res, 200, { pending: 0 });
        case 'GET log':
          return send(res, 200, { requests: log });
        case 'DELETE log':
          log = [];
          return send(res, 200, { ok: true });
        case 'POST rate-limit':
          limit = Number(body.limit ?? 120);
          windowMs = Number(body.windowSeconds ?? 60) * 1000;
          return send(res, 200, { limit, windowSeconds: windowMs / 1000 });
        case 'POST callbacks':
          callbackConfig = { ...callbackConfig, ...body };
          return send(res, 200, { config: callbackConfig });
        case 'GET callbacks':
          return send(res, 200, { config: callbackConfig, deliveries });
      }
      send(res, 404, { message: `unknown control ${method} ${parsed.pathname}` });
    } catch (e) {
      if (e instanceof TransitionError) return send(res, e.status, { code: e.code, message: e.message });
      send(res, 400, { message: e instanceof Error ? e.message : String(e) });
    }
  }

  async function demo(req: IncomingMessage, res: ServerResponse, parsed: URL) {
    const [code, action] = parsed.pathname.slice('/demo/'.length).split('/');
    const r = world.requests.find((x) => x.linkCode === code);
    const html = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (!r) return html(404, demoNotFound());
    world.sweep();
    if (req.method === 'POST' && action === 'checkout') {
      const outcome = new URLSearchParams(await readBody(req)).get('outcome') ?? 'accepted';
      try {
        applyCheckout(r, outcome);
      } catch (e) {
        if (!(e instanceof TransitionError)) throw e;
      }
      res.writeHead(303, { location: `/demo/${code}` });
      return void res.end();
    }
    html(200, demoPage(r));
  }

  const server = createServer((req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handler = parsed.pathname.startsWith('/__control/') ? control : parsed.pathname.startsWith('/demo/') ? demo : api;
    handler(req, res, parsed).catch((e: unknown) => {
      if (res.headersSent) return void req.socket.destroy();
      send(res, 500, { message: MESSAGES[500], debug: e instanceof Error ? e.message : String(e) });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrl: `${url}/v1`,
    control: new SwiklyControl(url),
    requests: () => log.map((e) => ({ ...e })),
    stored: () => world.requests,
    close: async () => {
      closed = true;
      for (const s of sockets) s.destroy();
      await new Promise<void>((done) => server.close(() => done()));
      await Promise.allSettled([...inFlight]);
    },
  };
}
