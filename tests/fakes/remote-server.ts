// A fault-injecting fake remote on 127.0.0.1 (port 0), spoken to over real HTTP. It records every
// effect it commits, so tests can check that nothing was lost or done twice; /__control/ lets a
// test inject failures, slow it down, take it "offline" and read what it recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export type FaultType =
  | '500'
  | '503'
  | '400'
  | '429'
  /** Holds the request without committing and never answers: the client times out. */
  | 'timeout'
  /** Closes the connection before committing. */
  | 'reset'
  /** Commits, then closes the connection: the answer is lost. */
  | 'drop_after_commit'
  /** Commits, then never answers. */
  | 'stall_after_commit'
  /** Commits, then answers truncated JSON. */
  | 'malformed'
  /** Commits, then answers JSON of the wrong shape. */
  | 'schema';

export interface Fault {
  type: FaultType;
  /** 'POST /echo', 'GET /changes'…: method and path prefix; every non-control request when absent. */
  match?: string;
  /** How many matching requests it hits (1 by default). */
  times?: number;
  /** Matching requests to let through before it starts. */
  skip?: number;
  /** Retry-After header value for 429. */
  retryAfter?: string;
  /** Body message for 400. */
  message?: string;
}

export interface EchoRecord {
  /** Order of commit at the remote. */
  seq: number;
  id: string;
  key: string;
  lane: string;
  n: number;
}

export interface Change {
  seq: number;
  [field: string]: unknown;
}

export interface FakeState {
  records: EchoRecord[];
  /** Requests received per 'METHOD /first-segment'. */
  requests: Record<string, number>;
  stalled: number;
}

export interface FakeRemote {
  url: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

export async function startFakeRemote(options: { latencyMs?: number } = {}): Promise<FakeRemote> {
  let latencyMs = options.latencyMs ?? 0;
  let down = false;
  let faults: (Fault & { left: number; skipLeft: number })[] = [];
  let records: EchoRecord[] = [];
  const byKey = new Map<string, EchoRecord>();
  let changes: Change[] = [];
  let requests: Record<string, number> = {};
  let stalled = 0;
  const sockets = new Set<Socket>();

  const takeFault = (route: string): Fault | null => {
    for (const f of faults) {
      if (f.left <= 0 || (f.match && !route.startsWith(f.match))) continue;
      if (f.skipLeft > 0) {
        f.skipLeft -= 1;
        return null;
      }
      f.left -= 1;
      return f;
    }
    return null;
  };

  const commitEcho = (body: string): EchoRecord | null => {
    const p = JSON.parse(body) as { key: string; lane: string; n: number };
    if (typeof p.key !== 'string') return null;
    // Deliberately no deduplication: a second POST of the same key is a duplicated effect, as with
    // a remote that takes no idempotency key. Tests count on seeing it if it ever happens.
    const record: EchoRecord = { seq: records.length + 1, id: `echo-${records.length + 1}`, key: p.key, lane: p.lane, n: p.n };
    records.push(record);
    if (!byKey.has(p.key)) byKey.set(p.key, record);
    return record;
  };

  async function control(req: IncomingMessage, res: ServerResponse, path: string) {
    const body = req.method === 'POST' ? JSON.parse((await readBody(req)) || '{}') : {};
    if (path === '/__control/faults') {
      faults.push(...(body.faults as Fault[]).map((f) => ({ ...f, left: f.times ?? 1, skipLeft: f.skip ?? 0 })));
    } else if (path === '/__control/down') down = Boolean(body.down);
    else if (path === '/__control/latency') latencyMs = Number(body.ms);
    else if (path === '/__control/changes') {
      for (const c of body.changes as Record<string, unknown>[]) changes.push({ ...c, seq: changes.length + 1 });
    } else if (path === '/__control/reset') {
      faults = [];
      records = [];
      byKey.clear();
      changes = [];
      requests = {};
      down = false;
      latencyMs = 0;
    } else if (path !== '/__control/state') return json(res, 404, { message: 'unknown control' });
    const state: FakeState = { records, requests, stalled };
    json(res, 200, state);
  }

  async function remote(req: IncomingMessage, res: ServerResponse, url: URL) {
    const arrivedAt = performance.now();
    const route = `${req.method} ${url.pathname}`;
    const counter = `${req.method} /${url.pathname.split('/')[1] ?? ''}`;
    requests[counter] = (requests[counter] ?? 0) + 1;
    const body = await readBody(req);
    if (down) return void req.socket.destroy();
    // Latency counts from the request's arrival, as a remote's response time does.
    const wait = latencyMs - (performance.now() - arrivedAt);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const fault = takeFault(route);
    switch (fault?.type) {
      case '500':
      case '503':
        return json(res, Number(fault.type), { message: 'Erreur interne du service' });
      case '400':
        return json(res, 400, { message: fault.message ?? 'Requête invalide' });
      case '429':
        return json(res, 429, { message: 'Trop de requêtes' }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      case 'timeout':
        stalled += 1;
        return;
      case 'reset':
        return void req.socket.destroy();
    }
    if (url.pathname === '/ping') return json(res, 200, { ok: true });
    if (req.method === 'POST' && url.pathname === '/echo') {
      const record = commitEcho(body);
      if (!record) return json(res, 400, { message: 'clé manquante' });
      if (fault?.type === 'drop_after_commit') return void req.socket.destroy();
      if (fault?.type === 'stall_after_commit') return void (stalled += 1);
      if (fault?.type === 'malformed') {
        res.writeHead(201, { 'content-type': 'application/json' });
        return void res.end('{"id": "echo-');
      }
      if (fault?.type === 'schema') return json(res, 201, { identifier: 42 });
      return json(res, 201, { id: record.id, key: record.key });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/echo/')) {
      const found = byKey.get(decodeURIComponent(url.pathname.slice('/echo/'.length)));
      return found ? json(res, 200, { id: found.id, key: found.key }) : json(res, 404, { message: 'inconnu' });
    }
    if (req.method === 'GET' && url.pathname === '/changes') {
      const after = Number(url.searchParams.get('after') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const page = changes.filter((c) => c.seq > after).slice(0, limit);
      const cursor = page.length ? page[page.length - 1]!.seq : after;
      if (fault?.type === 'schema') return json(res, 200, { items: page.map((c) => ({ ...c, seq: String(c.seq) })), cursor });
      return json(res, 200, { items: page, cursor, more: changes.some((c) => c.seq > cursor) });
    }
    if (req.method === 'POST' && url.pathname === '/xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      return void res.end(`<?xml version="1.0"?><Echo length="${body.length}"/>`);
    }
    json(res, 404, { message: 'introuvable' });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handle = url.pathname.startsWith('/__control/') ? control(req, res, url.pathname) : remote(req, res, url);
    handle.catch(() => req.socket.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

/** The test's side of /__control/. */
export class FakeControl {
  constructor(readonly url: string) {}

  private async post(path: string, body: unknown = {}): Promise<FakeState> {
    const res = await fetch(`${this.url}/__control/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as FakeState;
  }

  faults = (...faults: Fault[]) => this.post('faults', { faults });
  down = (down = true) => this.post('down', { down });
  latency = (ms: number) => this.post('latency', { ms });
  changes = (changes: Record<string, unknown>[]) => this.post('changes', { changes });
  reset = () => this.post('reset');
  state = async (): Promise<FakeState> => (await (await fetch(`${this.url}/__control/state`)).json()) as FakeState;
}
