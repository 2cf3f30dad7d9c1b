// Browser host: the same dispatch over HTTP on 127.0.0.1, for development, e2e tests and the
// fallback of `npm start`. Anything else on this machine can reach the port, so every RPC and
// event stream needs the per-launch token, a same-origin request and our own Host header.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { RpcResult } from '../../src-shared/contract';
import type { Dispatch } from './dispatch';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MAX_BODY_BYTES = 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const HTTP_STATUS: Record<string, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_method: 404,
  conflict: 409,
  invalid_transition: 409,
  db_too_new: 409,
  remote_failed: 502,
  internal: 500,
};

export interface HttpHostOptions {
  dispatch: Dispatch;
  token: string;
  /** Built renderer (index.html + assets); null serves the API only. */
  staticDir: string | null;
  port?: number;
}

export interface HttpHost {
  server: Server;
  port: number;
  url: string;
  /** Sends an event to every open event stream. */
  broadcast(event: string, data: unknown): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: RpcResult<unknown>): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

const refuse = (res: ServerResponse, status: number, code: 'unauthorized' | 'forbidden' | 'invalid_input', message: string) =>
  send(res, status, { ok: false, error: { code, message } });

function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const streams = new Set<ServerResponse>();
  let origins: Set<string> = new Set();
  let hosts: Set<string> = new Set();

  /** Same-origin only: a page from any other site (or a DNS-rebound name) is turned away. */
  function checkCaller(req: IncomingMessage, res: ServerResponse, token: string | null | undefined): boolean {
    if (!hosts.has(req.headers.host ?? '')) {
      refuse(res, 403, 'forbidden', 'Accès refusé : adresse non reconnue.');
      return false;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) {
      refuse(res, 403, 'forbidden', 'Accès refusé : cette page ne vient pas de Comptoir.');
      return false;
    }
    if (!tokenMatches(options.token, token)) {
      refuse(res, 401, 'unauthorized', "Accès refusé : jeton absent ou invalide. Rouvrez Comptoir avec l'adresse affichée au lancement.");
      return false;
    }
    return true;
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (!checkCaller(req, res, req.headers['x-comptoir-token'] as string | undefined)) return;
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'invalid_input', 'Requête refusée : contenu JSON attendu.');
    }
    const body = await readBody(req);
    if (body === null) return refuse(res, 413, 'invalid_input', 'Requête refusée : contenu trop volumineux.');
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body) : {};
    } catch {
      return refuse(res, 400, 'invalid_input', 'Requête refusée : le contenu envoyé n’est pas du JSON valide.');
    }
    const result = await options.dispatch(method, input);
    send(res, result.ok ? 200 : (HTTP_STATUS[result.error.code] ?? 400), result);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!checkCaller(req, res, url.searchParams.get('token'))) return;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': comptoir\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  async function handleStatic(res: ServerResponse, pathname: string): Promise<void> {
    if (!options.staticDir) return void res.writeHead(404).end();
    const root = normalize(options.staticDir);
    const wanted = pathname === '/' ? '/index.html' : decodeURIComponent(pathname);
    const file = normalize(join(root, wanted));
    if (!file.startsWith(root + sep)) return void res.writeHead(404).end();
    try {
      const content = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': extname(file) === '.html' ? 'no-store' : 'public, max-age=3600',
      });
      res.end(content);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Introuvable');
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = async () => {
      if (url.pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
        return handleRpc(req, res, url.pathname.slice('/rpc/'.length));
      }
      if (url.pathname === '/events') return handleEvents(req, res, url);
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
      return handleStatic(res, url.pathname);
    };
    route().catch((e) => {
      console.error(e);
      if (!res.headersSent) refuse(res, 400, 'invalid_input', 'Requête refusée.');
      else res.end();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
      hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      const keepAlive = setInterval(() => streams.forEach((s) => s.write(': ping\n\n')), 25_000);
      keepAlive.unref();
      resolve({
        server,
        port,
        url: `http://127.0.0.1:${port}/`,
        broadcast(event, data) {
          const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
          streams.forEach((s) => s.write(frame));
        },
        close: () =>
          new Promise<void>((done) => {
            clearInterval(keepAlive);
            streams.forEach((s) => s.end());
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
