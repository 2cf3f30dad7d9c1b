// The fake Swikly over real HTTP: Swikly's contract (specs/swikly.md §2, §7) and the server-side
// half of the §8 scenarios. Every create and PATCH sent here is also checked against Swikly's own
// OpenAPI document, so the fake and the document cannot drift apart unnoticed.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_IDS, DEFAULT_KEY, startFakeSwikly, swiklySignature, type FakeSwikly } from '../fakes/swikly-server';
import { waitFor } from '../support/fake-clock';
import { validateRequest, validateResponse } from '../support/openapi';
import { sampleCreateBody } from '../support/swikly-samples';

const [ACCOUNT, OTHER_ACCOUNT] = DEFAULT_ACCOUNT_IDS;
/** 1 July 2025, 10:00 in Paris. */
const NOW = '2025-07-01T10:00:00+02:00';
const UUID_V4 = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

let fake: FakeSwikly;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

interface CallOptions {
  body?: unknown;
  /** Check a 2xx answer against Swikly's document (on unless a test serves something off-schema on purpose). */
  checkResponse?: boolean;
  key?: string | null;
  accept?: string | null;
  signal?: AbortSignal;
}

/** A call as Comptoir makes it (§2 headers); 2xx answers are checked against Swikly's document. */
async function call(
  method: string,
  path: string,
  { body, key = DEFAULT_KEY, accept = 'application/json', signal, checkResponse = true }: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'user-agent': 'Comptoir/0.1.0' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (accept !== null) headers.accept = accept;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${fake.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const answer = { status: res.status, headers: res.headers, body: await res.json() };
  if (res.ok && checkResponse) expect(validateResponse(method, `/v1${path.split('?')[0]}`, res.status, answer.body)).toEqual([]);
  return answer;
}

const requestsPath = (account = ACCOUNT) => `/accounts/${account}/requests`;
const WITH = '?with=deposit,payment';

const createBody = sampleCreateBody;

async function createRequest(overrides: Record<string, unknown> = {}) {
  const res = await call('POST', requestsPath() + WITH, { body: createBody(overrides) });
  expect(res.status).toBe(200);
  return res.body.request as Record<string, any>;
}

const read = async (id: string) => (await call('GET', `${requestsPath()}/${id}${WITH}`)).body.request;

beforeEach(async () => {
  fake = await startFakeSwikly({ now: NOW, frozen: true });
});

afterEach(async () => {
  // The fake and Swikly's document agree: what the fake took is valid, what the document refuses the fake refused.
  for (const r of fake.requests()) {
    const isWrite = (r.method === 'POST' && /\/requests$/.test(r.path)) || r.method === 'PATCH';
    if (!isWrite || r.status === undefined || r.fault) continue;
    const errors = validateRequest({ method: r.method, path: r.path, query: r.query, headers: r.headers, body: r.body });
    if (r.status === 200) expect(errors, `${r.method} ${r.path} ${JSON.stringify(r.body)}`).toEqual([]);
    if (errors.length) expect(r.status, `${r.method} ${r.path}: ${errors.join('; ')}`).toBeGreaterThanOrEqual(400);
  }
  await fake.close();
});

describe('creating a deposit request', () => {
  it('answers 200 with the link, a Pending deposit and a Pending payment, and records what was asked', async () => {
    const res = await call('POST', requestsPath() + WITH, { body: createBody() });
    expect(res.status).toBe(200);
    const r = res.body.request;
    expect(r.id).toMatch(UUID_V4);
    expect(r.link).toMatch(/^https:\/\/v2\.sandbox\.swik\.link\/[A-Za-z0-9]{7}$/);
    expect(r).toMatchObject({ accountId: ACCOUNT, customId: 'AGB-2025-00123', cancelable: true, releasable: false });
    expect(r.createdAt).toBe('2025-07-01T08:00:00.000000Z');
    expect(r.deposit).toMatchObject({
      requestId: r.id,
      status: 'Pending',
      amount: 50_000,
      amountToBeSecured: 50_000,
      securedAmount: 0,
      startDate: '2025-07-12',
      endDate: '2025-07-19',
      expirationDate: '2025-08-08',
      acceptedAt: null,
      releasedAt: null,
      canceledAt: null,
    });
    expect(r.deposit.id).toMatch(UUID_V4);
    expect(r.payment).toMatchObject({ status: 'Pending', amount: 120_000, amountToBePaid: 120_000, amountPaid: 0, dueDate: '2025-07-12', succeededAt: null });
    expect(res.headers.get('swikly-account-id')).toBe(ACCOUNT);
    expect(res.headers.get('swikly-account-trade-name')).toBe('Agence des Sables - Locations');
    expect(res.headers.get('swikly-account-currency')).toBe('EUR');
    expect(res.headers.get('x-ratelimit-limit')).toBe('120');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('119');
    expect(fake.stored()).toEqual([expect.objectContaining({ id: r.id, sendEmail: false, sendSms: false, language: 'fr' })]);
    // Swikly's defaults when Comptoir would leave them out.
    await createRequest({ customId: 'AGB-2025-00124', sendEmail: undefined, sendSms: undefined });
    expect(fake.stored()[1]).toMatchObject({ sendEmail: true, sendSms: true });
  });

  it('serves the operations only when asked with `with`', async () => {
    const created = await createRequest();
    const bare = await call('GET', `${requestsPath()}/${created.id}`);
    expect(bare.body.request).not.toHaveProperty('deposit');
    expect(bare.body.request).not.toHaveProperty('payment');
    expect((await call('GET', `${requestsPath()}/${created.id}?with=deposit`)).body.request).toHaveProperty('deposit.status', 'Pending');
    // Ids are compared without regard to case.
    expect((await call('GET', `${requestsPath()}/${created.id.toLowerCase()}${WITH}`)).status).toBe(200);
  });

  it('refuses a past end date with a per-field error and no request made', async () => {
    const res = await call('POST', requestsPath() + WITH, { body: createBody({ deposit: { startDate: '2025-06-20', endDate: '2025-06-30', amount: 50_000 } }) });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      message: 'The deposit.endDate field must be a date after or equal to today.',
      code: 'ERR_PARAMS',
      errors: { 'deposit.endDate': ['The deposit.endDate field must be a date after or equal to today.'] },
    });
    expect(fake.stored()).toEqual([]);
  });

  it('names every wrong field with dot keys', async () => {
    const res = await call('POST', requestsPath(), {
      body: {
        language: 'pt',
        email: 'pas-une-adresse',
        phoneNumber: '06 12 34 56 78',
        deposit: { startDate: '2025-07-19', endDate: '2025-07-12', amount: '500' },
        payment: { amount: 0, dueDate: '2025-06-01' },
      },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['deposit.amount', 'deposit.endDate', 'description', 'email', 'language', 'payment.amount', 'payment.dueDate', 'phoneNumber']);
    expect(res.body.message).toBe('The description field is required.');
    expect(res.body.errors['deposit.endDate']).toEqual(['The deposit.endDate field must be a date after or equal to deposit.startDate.']);
  });

  it('wants at least one operation', async () => {
    const res = await call('POST', requestsPath(), { body: { description: 'Caution', language: 'fr' } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ deposit: ['The deposit field is required when none of payment / noShow are present.'] });
  });

  it('never reuses a unique customId in the account, whatever its case', async () => {
    await createRequest();
    for (const customId of ['AGB-2025-00123', 'agb-2025-00123']) {
      const again = await call('POST', requestsPath() + WITH, { body: createBody({ customId, customIdMustBeUnique: false }) });
      expect(again.status).toBe(422);
      expect(again.body).toMatchObject({ code: 'ERR_PARAMS', errors: { customId: ['The customId has already been taken.'] } });
    }
    // Another account has its own ids; a fresh suffix is a fresh id.
    expect((await call('POST', requestsPath(OTHER_ACCOUNT) + WITH, { body: createBody() })).status).toBe(200);
    expect((await call('POST', requestsPath() + WITH, { body: createBody({ customId: 'AGB-2025-00123-2' }) })).status).toBe(200);
  });
});

describe('finding requests', () => {
  it('lists newest first with Swikly’s meta, and pages', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) ids.push((await createRequest({ customId: `AGB-2025-0000${n}` })).id);
    await fake.control.clock({ advanceSeconds: 60 });
    ids.push((await createRequest({ customId: 'AGB-2025-00004' })).id);
    const page1 = await call('GET', `${requestsPath()}?with=deposit,payment&per_page=3`);
    expect(page1.body.requests.map((r: { id: string }) => r.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(page1.body.meta).toEqual({ currentPage: 1, lastPage: 2, perPage: 3, path: `${fake.baseUrl}/accounts/${ACCOUNT}/requests`, total: 4 });
    const page2 = await call('GET', `${requestsPath()}?per_page=3&page=2`);
    expect(page2.body.requests.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect((await call('GET', requestsPath())).body.meta.perPage).toBe(15);
  });

  it('refuses per_page outside 1–100', async () => {
    for (const perPage of ['0', '101', 'tous']) {
      const res = await call('GET', `${requestsPath()}?per_page=${perPage}`);
      expect(res.status).toBe(422);
      expect(res.body.errors).toHaveProperty('per_page');
    }
    expect((await call('GET', `${requestsPath()}?per_page=100`)).status).toBe(200);
  });

  it('searches by customId (any part, any case) or by the first five characters of an id', async () => {
    const mine = await createRequest({ customId: 'AGB-2025-00123' });
    await createRequest({ customId: 'AGB-2025-00456' });
    const search = async (s: string) =>
      (await call('GET', `${requestsPath()}?with=deposit,payment&search=${encodeURIComponent(s)}`)).body.requests.map((r: { id: string }) => r.id);
    expect(await search('AGB-2025-00123')).toEqual([mine.id]);
    expect(await search('agb-2025-00123')).toEqual([mine.id]);
    expect(await search('00123')).toEqual([mine.id]);
    expect((await search('AGB-2025')).length).toBe(2);
    expect(await search(mine.id.slice(0, 5).toLowerCase())).toContain(mine.id);
    expect(await search(mine.deposit.id.slice(0, 6))).toContain(mine.id);
    expect(await search('ZZZZZZZZ')).toEqual([]);
  });
});

describe('errors of the contract', () => {
  it('401 without a key or with an unknown one', async () => {
    for (const key of [null, 'sk_revoked']) {
      const res = await call('GET', '/me', { key });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Please authenticate to access this resource.' });
    }
  });

  it('403 on an account of another user, 404 on an unknown account, request or path', async () => {
    const { users } = await fake.control.seed({
      users: [{ firstName: 'Agence', lastName: 'du Port', email: 'port@example.fr', keys: ['sk_port'], accounts: [{ commercialName: 'Agence du Port', secret: 'port' }] }],
    });
    const foreign = users[0]!.accountIds[0]!;
    const forbidden = await call('GET', requestsPath(foreign));
    expect(forbidden).toMatchObject({ status: 403, body: { message: 'This action is unauthorized.' } });
    const notFound = { status: 404, body: { message: 'Page not found.' } };
    expect(await call('GET', requestsPath('00000000-0000-4000-8000-000000000000'))).toMatchObject(notFound);
    expect(await call('GET', `${requestsPath()}/00000000-0000-4000-8000-000000000000${WITH}`)).toMatchObject(notFound);
    expect(await call('GET', '/bookings')).toMatchObject(notFound);
    // A request of another account is not found through this one.
    const created = await createRequest();
    expect(await call('GET', `${requestsPath(OTHER_ACCOUNT)}/${created.id}`)).toMatchObject(notFound);
  });

  it('406 without a JSON Accept', async () => {
    for (const accept of [null, 'text/html', '*/*']) expect((await call('GET', '/me', { accept })).status).toBe(406);
  });

  it('answers /me and /accounts with the seeded user, secrets and currency', async () => {
    expect((await call('GET', '/me')).body.user).toMatchObject({ firstName: 'Agence', lastName: 'des Sables' });
    const { body } = await call('GET', '/accounts?page=1&per_page=15');
    expect(body.accounts).toEqual([
      expect.objectContaining({ id: ACCOUNT, currency: 'EUR', secret: 'whsec_sables_locations' }),
      expect.objectContaining({ id: OTHER_ACCOUNT, currency: 'EUR', secret: 'whsec_sables_pins' }),
    ]);
    expect(body.meta).toMatchObject({ total: 2, currentPage: 1, lastPage: 1 });
  });
});

describe('the guest’s checkout', () => {
  it('accepted: the deposit is secured at the fake now, amounts swap, the payment is booked', async () => {
    const created = await createRequest();
    await fake.control.clock({ now: '2025-07-12T12:32:05.120Z' });
    await fake.control.checkout(created.id, 'accepted');
    const r = (await call('GET', `${requestsPath()}/${created.id}?with=deposit,payment,endUser`)).body.request;
    expect(r.deposit).toMatchObject({ status: 'Accepted', acceptedAt: '2025-07-12T12:32:05.120+00:00', amountToBeSecured: 0, securedAmount: 50_000 });
    expect(r.payment).toMatchObject({ status: 'Succeeded', succeededAt: '2025-07-12T12:32:05.120+00:00', amountPaid: 120_000, amountToBePaid: 0 });
    expect(r).toMatchObject({ cancelable: false, releasable: true, endUser: { firstName: 'Camille', lastName: 'Martin' } });
    await expect(fake.control.checkout(created.id, 'accepted')).rejects.toThrow(/409/);
  });

  it('inProgress, then failed, then accepted on a second try', async () => {
    const { id } = await createRequest();
    await fake.control.checkout(id, 'inProgress');
    expect((await read(id)).deposit.status).toBe('Initialized');
    await fake.control.checkout(id, 'failed');
    expect(await read(id)).toMatchObject({ deposit: { status: 'Failed' }, payment: { status: 'Failed' }, cancelable: true });
    // A date-only acceptedAt, as in Swikly's own example (its schema says date-time: off-schema on purpose).
    await fake.control.checkout(id, 'accepted', { acceptedAt: '2025-07-12' });
    const accepted = await call('GET', `${requestsPath()}/${id}${WITH}`, { checkResponse: false });
    expect(accepted.body.request.deposit).toMatchObject({ status: 'Accepted', acceptedAt: '2025-07-12' });
  });
});

describe('cancel, release and changes', () => {
  it('cancels an unsecured request, and again is a no-op', async () => {
    const { id } = await createRequest();
    const first = await call('POST', `${requestsPath()}/${id}/cancel${WITH}`);
    expect(first.body.request).toMatchObject({
      cancelable: false,
      deposit: { status: 'Canceled', canceledAt: '2025-07-01T08:00:00.000+00:00' },
      payment: { status: 'Canceled' },
    });
    await fake.control.clock({ advanceSeconds: 3600 });
    const again = await call('POST', `${requestsPath()}/${id}/cancel${WITH}`);
    expect(again.status).toBe(200);
    expect(again.body.request.deposit.canceledAt).toBe('2025-07-01T08:00:00.000+00:00');
    await expect(fake.control.checkout(id, 'accepted')).rejects.toThrow(/409/);
  });

  it('refuses to cancel a secured request, which is released instead (once)', async () => {
    const { id } = await createRequest();
    expect((await call('POST', `${requestsPath()}/${id}/release${WITH}`)).body).toMatchObject({ code: 'ERR_NOT_RELEASABLE', context: [] });
    await fake.control.checkout(id, 'accepted');
    const cancel = await call('POST', `${requestsPath()}/${id}/cancel${WITH}`);
    expect(cancel.status).toBe(400);
    expect(cancel.body).toMatchObject({ code: 'ERR_NOT_CANCELABLE', context: [] });
    await fake.control.clock({ advanceSeconds: 86_400 });
    const release = await call('POST', `${requestsPath()}/${id}/release${WITH}`);
    expect(release.body.request).toMatchObject({ releasable: false, deposit: { status: 'Released', releasedAt: '2025-07-02T08:00:00.000+00:00' } });
    const again = await call('POST', `${requestsPath()}/${id}/release${WITH}`);
    expect(again.status).toBe(200);
    expect(again.body.request.deposit.releasedAt).toBe('2025-07-02T08:00:00.000+00:00');
  });

  it('PATCH: amount and dates before securing, only dates after, nothing once final', async () => {
    const { id } = await createRequest();
    const path = `${requestsPath()}/${id}${WITH}`;
    const before = await call('PATCH', path, { body: { deposit: { amount: 60_000, endDate: '2025-07-20' }, payment: { amount: 110_000 } } });
    expect(before.body.request).toMatchObject({ deposit: { amount: 60_000, amountToBeSecured: 60_000, endDate: '2025-07-20' }, payment: { amount: 110_000 } });
    const bad = await call('PATCH', path, { body: { deposit: { endDate: '2025-07-10' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toHaveProperty(['deposit.endDate']);

    await fake.control.checkout(id, 'accepted');
    const dates = await call('PATCH', path, { body: { deposit: { startDate: '2025-07-13', endDate: '2025-07-21' } } });
    expect(dates.body.request.deposit).toMatchObject({ status: 'Accepted', startDate: '2025-07-13', endDate: '2025-07-21', expirationDate: '2025-08-10' });
    const amount = await call('PATCH', path, { body: { deposit: { amount: 70_000 } } });
    expect(amount.status).toBe(400);
    expect(amount.body.code).toBe('ERR_AMOUNT_FROZEN');
    expect((await call('PATCH', path, { body: { payment: { amount: 100_000 } } })).status).toBe(400);

    await call('POST', `${requestsPath()}/${id}/release`);
    expect((await call('PATCH', path, { body: { deposit: { endDate: '2025-07-22' } } })).body.code).toBe('ERR_NOT_UPDATABLE');
  });
});

describe('the fake clock', () => {
  it('expires an unsecured deposit 24 h after the end of its endDate (Paris time), not before', async () => {
    const { id } = await createRequest({ deposit: { startDate: '2025-07-01', endDate: '2025-07-05', amount: 50_000 }, payment: undefined });
    await fake.control.clock({ now: '2025-07-06T23:59:59+02:00' });
    expect((await read(id)).deposit.status).toBe('Pending');
    await fake.control.clock({ advanceSeconds: 1 });
    const r = await read(id);
    expect(r).toMatchObject({ deposit: { status: 'ExpiredWithoutAcceptance' }, cancelable: false, releasable: false });
    // An expired request cancels as a no-op.
    expect((await call('POST', `${requestsPath()}/${id}/cancel${WITH}`)).body.request.deposit.status).toBe('ExpiredWithoutAcceptance');
  });

  it('lets an unpaid payment lapse after its due date, and a secured deposit end at its expiration date', async () => {
    const unpaid = await createRequest({ customId: 'AGB-1', deposit: undefined, payment: { amount: 10_000, dueDate: '2025-07-02' } });
    const secured = await createRequest({ customId: 'AGB-2', deposit: { startDate: '2025-07-01', endDate: '2025-07-03', amount: 50_000 }, payment: undefined });
    await fake.control.checkout(secured.id, 'accepted');
    await fake.control.clock({ now: '2025-07-04T00:00:00+02:00' });
    expect((await read(unpaid.id)).payment.status).toBe('ExpiredWithoutAcceptance');
    expect((await read(secured.id)).deposit).toMatchObject({ status: 'Accepted', expirationDate: '2025-07-23' });
    await fake.control.clock({ now: '2025-07-24T00:00:00+02:00' });
    expect(await read(secured.id)).toMatchObject({ deposit: { status: 'Expired' }, releasable: false });
  });
});

describe('faults', () => {
  const search = async (customId: string) => (await call('GET', `${requestsPath()}?with=deposit,payment&search=${customId}`)).body.requests;

  it('dropAfterCommit: the request is made, the answer is lost', async () => {
    await fake.control.faults({ kind: 'dropAfterCommit', method: 'POST', path: '/accounts/*/requests' });
    await expect(call('POST', requestsPath() + WITH, { body: createBody() })).rejects.toThrow();
    const found = await search('AGB-2025-00123');
    expect(found).toHaveLength(1);
    const posts = fake.requests().filter((r) => r.method === 'POST');
    expect(posts).toEqual([expect.objectContaining({ fault: 'dropAfterCommit' })]);
    expect(posts[0]!.status).toBeUndefined();
  });

  it('timeout stalls until the client gives up (applied only when asked), malformedJson applies and answers garbage', async () => {
    await fake.control.faults(
      { kind: 'timeout', method: 'POST', path: `/v1/accounts/${ACCOUNT}/requests` },
      { kind: 'timeout', method: 'POST', commit: true },
      { kind: 'malformedJson', method: 'POST' },
    );
    await expect(call('POST', requestsPath() + WITH, { body: createBody({ customId: 'T-1' }), signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(await search('T-1')).toHaveLength(0);
    await expect(call('POST', requestsPath() + WITH, { body: createBody({ customId: 'T-2' }), signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(await search('T-2')).toHaveLength(1);
    await expect(call('POST', requestsPath() + WITH, { body: createBody({ customId: 'T-3' }) })).rejects.toThrow(SyntaxError);
    expect(await search('T-3')).toHaveLength(1);
  });

  it('http500 applies nothing; http429 carries Retry-After; faults run out', async () => {
    await fake.control.faults({ kind: 'http500', method: 'POST', times: 2 }, { kind: 'http429', path: '/me', retryAfter: 7 });
    for (let i = 0; i < 2; i++) expect(await call('POST', requestsPath(), { body: createBody() })).toMatchObject({ status: 500, body: { message: 'Server Error' } });
    expect(fake.stored()).toHaveLength(0);
    expect((await call('POST', requestsPath(), { body: createBody() })).status).toBe(200);
    const limited = await call('GET', '/me');
    expect(limited).toMatchObject({ status: 429, body: { message: 'Too Many Attempts.' } });
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await call('GET', '/me')).status).toBe(200);
  });
});

describe('the rate limit', () => {
  it('429 with Retry-After past the lowered limit, per user, until the window rolls', async () => {
    await fake.control.rateLimit(3);
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      await fake.control.clock({ advanceSeconds: 10 });
      remaining.push((await call('GET', '/me')).headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await call('GET', '/me');
    expect(refused).toMatchObject({ status: 429, body: { message: 'Too Many Attempts.' } });
    expect(refused.headers.get('retry-after')).toBe('40');
    // As Swikly documents it: on a 429, X-RateLimit-Remaining holds the reset UNIX time.
    expect(refused.headers.get('x-ratelimit-remaining')).toBe(String(Date.parse('2025-07-01T08:01:10Z') / 1000));

    await fake.control.seed({ users: [{ firstName: 'A', lastName: 'B', email: 'ab@example.fr', keys: ['sk_other'], accounts: [] }] });
    expect((await call('GET', '/me', { key: 'sk_other' })).status).toBe(200);

    await fake.control.clock({ advanceSeconds: 40 });
    expect((await call('GET', '/me')).status).toBe(200);
  });
});

describe('signed callbacks (§4)', () => {
  it('signs Swikly’s test vector', () => {
    expect(swiklySignature('abc', 1739352941, '{"event":"requestSecured","request":{"id":"x"}}')).toBe(
      '6535736c1c41705deb382ccee8003e573cf401ba5553a7596982d9e5546f785a',
    );
  });

  async function receiver(statuses: number[]): Promise<{ server: Server; url: string; bodies: { headers: Record<string, any>; raw: string }[] }> {
    const bodies: { headers: Record<string, any>; raw: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(statuses[bodies.length - 1] ?? 200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/swikly`, bodies };
  }

  it('posts requestSecured signed with the account secret, retried until accepted', async () => {
    const hook = await receiver([500, 503, 200]);
    try {
      await fake.control.callbacks({ url: hook.url, retryDelayMs: 5 });
      const { id } = await createRequest();
      await fake.control.checkout(id, 'accepted');
      await waitFor(() => hook.bodies.length === 3, { what: 'three deliveries' });
      const last = hook.bodies[2]!;
      const [t, sig] = String(last.headers['swikly-signature']).split(',').map((p) => p.split('=')[1]!);
      expect(Number(t)).toBe(Date.parse(NOW) / 1000);
      expect(sig).toBe(swiklySignature('whsec_sables_locations', t!, last.raw));
      expect(last.headers).toMatchObject({ 'swikly-account-id': ACCOUNT, 'swikly-trade-name': 'Agence des Sables - Locations', 'swikly-currency': 'EUR' });
      expect(JSON.parse(last.raw)).toMatchObject({ event: 'requestSecured', request: { id, deposit: { status: 'Accepted' } } });
      expect((await fake.control.deliveries()).map((d) => d.status)).toEqual([500, 503, 200]);
    } finally {
      hook.server.close();
    }
  });

  it('gives up after five tries', async () => {
    const hook = await receiver([500, 500, 500, 500, 500, 500, 500]);
    try {
      await fake.control.callbacks({ url: hook.url, retryDelayMs: 2 });
      const { id } = await createRequest();
      await fake.control.checkout(id, 'accepted');
      await waitFor(async () => (await fake.control.deliveries()).length === 5, { what: 'five tries' });
      await new Promise((r) => setTimeout(r, 100));
      expect(hook.bodies).toHaveLength(5);
    } finally {
      hook.server.close();
    }
  });
});

describe('demonstrations', () => {
  it('links open a local page whose button secures the deposit', async () => {
    await fake.close();
    fake = await startFakeSwikly({ demoLinks: true });
    const { id, link } = await createRequest({ deposit: { startDate: '2099-07-12', endDate: '2099-07-19', amount: 50_000 }, payment: undefined });
    expect(link).toMatch(new RegExp(`^${fake.url}/demo/[A-Za-z0-9]{7}$`));
    const page = await (await fetch(link)).text();
    expect(page).toContain('Sécuriser la caution de 500,00');
    const done = await fetch(`${link}/checkout`, { method: 'POST', body: new URLSearchParams({ outcome: 'accepted' }) });
    expect(done.url).toBe(link);
    expect(await done.text()).toContain('sécurisée');
    expect((await read(id)).deposit.status).toBe('Accepted');
  });

  it('starts on its own with `npm run fake:swikly` and says where', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/fake-swikly.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const m = /^Fake Swikly prêt : (http:\/\/127\.0\.0\.1:\d+\/v1) \(clé : sk_test_comptoir\)$/.exec(line);
      expect(m, line).not.toBeNull();
      const me = await fetch(`${m![1]}/me`, { headers: { accept: 'application/json', authorization: 'Bearer sk_test_comptoir' } });
      expect(me.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
