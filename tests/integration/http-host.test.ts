import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../src-main/host/http';
import { countRows, openTestAgency, type TestAgency } from '../support/app';

const TOKEN = 'test-token-0123456789abcdef';
let agency: TestAgency;
let host: HttpHost;

beforeEach(async () => {
  agency = openTestAgency();
  host = await startHttpHost({ dispatch: agency.core.dispatch, token: TOKEN, staticDir: null });
  agency.core.onEvent((e, d) => host.broadcast(e, d));
});
afterEach(async () => {
  await host.close();
  agency.cleanup();
});

function rpc(method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.url}rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-comptoir-token': TOKEN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const newClient = () => ({ agencyId: agency.agencyId, lastName: 'Bernard', firstName: 'Claire' });

describe('the browser host', () => {
  it('listens on loopback only', () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('answers a call carrying the token', async () => {
    const res = await rpc('agencies/list', {});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.value.map((a: any) => a.name)).toEqual(['Agence des Sables']);
  });

  it.each([
    ['without a token', { 'x-comptoir-token': '' }],
    ['with a wrong token', { 'x-comptoir-token': 'not-the-token' }],
  ])('refuses a call %s with 401 and writes nothing', async (_case, headers) => {
    const res = await rpc('clients/create', newClient(), headers);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(body.error.message).toMatch(/jeton/);
    expect(countRows(agency.core, 'clients')).toBe(1);
  });

  it('refuses a call from a foreign page (Origin) with 403 and writes nothing, even with the token', async () => {
    const res = await rpc('clients/create', newClient(), { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
    expect(countRows(agency.core, 'clients')).toBe(1);
  });

  it('accepts a call from its own page', async () => {
    const res = await rpc('clients/create', newClient(), { origin: `http://127.0.0.1:${host.port}` });
    expect(res.status).toBe(200);
    expect(countRows(agency.core, 'clients')).toBe(2);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    // fetch() cannot forge the Host header; a raw request can, as a rebinding page's browser would send it.
    const status = await new Promise<number>((done, fail) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/rpc/agencies/list', method: 'POST',
          headers: { host: `evil.example:${host.port}`, 'content-type': 'application/json', 'x-comptoir-token': TOKEN } },
        (res) => { res.resume(); done(res.statusCode ?? 0); },
      );
      req.on('error', fail);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('refuses malformed JSON with a clear French message and writes nothing', async () => {
    const res = await rpc('clients/create', '{"agencyId": ');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'invalid_input' });
    expect(body.error.message).toMatch(/JSON/);
    expect(countRows(agency.core, 'clients')).toBe(1);
  });

  it('refuses input of the wrong shape, naming the field, and writes nothing', async () => {
    const res = await rpc('clients/create', { agencyId: agency.agencyId, lastName: 42 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/Nom/);
    expect(countRows(agency.core, 'clients')).toBe(1);
  });

  it('says an unknown method is unknown', async () => {
    const res = await rpc('bookings/drop', {});
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('unknown_method');
  });

  it('refuses GET on a method', async () => {
    const res = await fetch(`${host.url}rpc/agencies/list`, { headers: { 'x-comptoir-token': TOKEN } });
    expect(res.status).toBe(405);
  });

  it('streams change events to a page holding the token, and not to others', async () => {
    expect((await fetch(`${host.url}events?token=wrong`)).status).toBe(401);
    const controller = new AbortController();
    const res = await fetch(`${host.url}events?token=${TOKEN}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    await rpc('clients/create', newClient());
    let received = '';
    while (!received.includes('event: changed')) {
      const { value } = await reader.read();
      received += new TextDecoder().decode(value);
    }
    expect(received).toMatch(/data: \{"tables":\["clients"\]\}/);
    controller.abort();
  });
});
