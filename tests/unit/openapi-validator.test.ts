import { describe, expect, it } from 'vitest';
import { OpenApiValidator, validateRequest, validateResponse } from '../support/openapi';
import { sampleCreateBody } from '../support/swikly-samples';

const ACCOUNT = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const REQUEST = 'CF85309F-2557-4140-817D-E429B3F8E5D6';
const HEADERS = { authorization: 'Bearer sk_test_comptoir', accept: 'application/json', 'content-type': 'application/json' };

/** What Comptoir sends for a 500 € deposit plus a 1 200 € balance. */
const createBody = () => sampleCreateBody();

const create = (body: unknown, extra: Partial<Parameters<typeof validateRequest>[0]> = {}) =>
  validateRequest({ method: 'POST', path: `/v1/accounts/${ACCOUNT}/requests`, query: { with: 'deposit,payment' }, headers: HEADERS, body, ...extra });

describe('a create request checked against Swikly’s OpenAPI document', () => {
  it('accepts the body Comptoir sends', () => {
    expect(create(createBody())).toEqual([]);
  });

  it('names a missing required description', () => {
    const { description: _, ...body } = createBody();
    expect(create(body)).toEqual(["body: must have required property 'description'"]);
  });

  it('refuses an amount written as a string, and a language Swikly does not speak', () => {
    const body = { ...createBody(), language: 'pt', deposit: { ...createBody().deposit, amount: '500.00' } };
    expect(create(body)).toEqual([
      'body.language: must be equal to one of the allowed values ["fr","en","es","it","nl","de"]',
      'body.deposit.amount: must be integer',
    ]);
  });

  it('refuses amounts below one cent and dates that are not dates', () => {
    const body = { ...createBody(), deposit: { startDate: '12/07/2025', endDate: '2025-02-30', amount: 0 } };
    expect(create(body)).toEqual([
      'body.deposit.startDate: must match format "date"',
      'body.deposit.endDate: must match format "date"',
      'body.deposit.amount: must be >= 1',
    ]);
  });

  it('wants a deposit to carry its three fields', () => {
    expect(create({ ...createBody(), deposit: { amount: 50_000 } })).toEqual([
      "body.deposit: must have required property 'startDate'",
      "body.deposit: must have required property 'endDate'",
    ]);
  });

  it('requires the body, the key and a JSON Accept', () => {
    expect(create(undefined, { headers: { 'content-type': 'application/json' } })).toEqual([
      'header.Authorization: must be "Bearer <API key>"',
      'header.Accept: must accept application/json',
      'body: is required',
    ]);
  });

  it('checks that a JSON body is declared as such', () => {
    expect(create(createBody(), { headers: { ...HEADERS, 'content-type': 'text/plain' } })).toEqual([
      'header.Content-Type: must be application/json with a JSON body',
    ]);
  });
});

describe('paths, methods and parameters', () => {
  it('refuses an unknown path, a path outside /v1 and a method the path does not have', () => {
    expect(validateRequest({ method: 'GET', path: '/v1/bookings', headers: HEADERS })).toEqual(['unknown path /v1/bookings']);
    expect(validateRequest({ method: 'GET', path: '/me', headers: HEADERS })).toEqual(['path /me is not under the API base /v1']);
    expect(validateRequest({ method: 'DELETE', path: `/v1/accounts/${ACCOUNT}/requests/${REQUEST}`, headers: HEADERS })).toEqual([
      'no DELETE on /accounts/{accountId}/requests/{requestId} (only GET, PATCH)',
    ]);
  });

  it('reads path parameters against their schema (ids are UUIDs, in either case)', () => {
    expect(validateRequest({ method: 'GET', path: `/v1/accounts/${ACCOUNT}/requests/${REQUEST.toLowerCase()}?with=deposit,payment`, headers: HEADERS })).toEqual([]);
    expect(validateRequest({ method: 'GET', path: `/v1/accounts/AGB-1/requests`, headers: HEADERS })).toEqual(['path.accountId: must match format "uuid"']);
  });

  it('reads query parameters as OpenAPI serialises them (integers, comma-separated arrays)', () => {
    const list = (query: Record<string, string>) => validateRequest({ method: 'GET', path: `/v1/accounts/${ACCOUNT}/requests`, query, headers: HEADERS });
    expect(list({ page: '2', per_page: '100', with: 'deposit,payment', search: 'AGB-2025-00123' })).toEqual([]);
    expect(list({ page: '0', per_page: '101', with: 'deposit,balance' })).toEqual([
      'query.page: must be >= 1',
      'query.per_page: must be <= 100',
      'query.with.1: must be equal to one of the allowed values ["endUser","deposit","noShow","payment"]',
    ]);
    expect(list({ per_page: 'many' })).toEqual(['query.per_page: must be integer']);
  });

  it('checks a PATCH body, where every field is optional but typed', () => {
    const patch = (body: unknown) => validateRequest({ method: 'PATCH', path: `/v1/accounts/${ACCOUNT}/requests/${REQUEST}`, headers: HEADERS, body });
    expect(patch({ deposit: { endDate: '2025-07-20' } })).toEqual([]);
    expect(patch({ deposit: { amount: 499.5 } })).toEqual(['body.deposit.amount: must be integer']);
  });

  it('refuses a body on cancel, which takes none', () => {
    const cancel = (body: unknown) => validateRequest({ method: 'POST', path: `/v1/accounts/${ACCOUNT}/requests/${REQUEST}/cancel`, headers: HEADERS, body });
    expect(cancel(undefined)).toEqual([]);
    expect(cancel({ reason: 'annulé' })).toEqual(['body: POST /accounts/{accountId}/requests/{requestId}/cancel takes no request body']);
  });
});

describe('responses', () => {
  const request = {
    id: REQUEST,
    accountId: ACCOUNT,
    customId: 'AGB-2025-00123',
    description: 'Caution',
    link: 'https://v2.sandbox.swik.link/p7exwtv',
    releasable: false,
    cancelable: true,
    createdAt: '2024-01-10T10:02:30.271+00:00',
    deposit: null,
    payment: null,
  };

  it('accepts a documented body and names what breaks it', () => {
    expect(validateResponse('GET', `/v1/accounts/${ACCOUNT}/requests/${REQUEST}`, 200, { request })).toEqual([]);
    expect(validateResponse('GET', `/v1/accounts/${ACCOUNT}/requests/${REQUEST}`, 200, { request: { ...request, link: 42, createdAt: 'hier' } })).toEqual([
      'response.request.link: must be string',
      'response.request.createdAt: must match format "date-time"',
    ]);
  });

  it('lets undocumented error statuses through but not undocumented successes', () => {
    expect(validateResponse('GET', '/v1/me', 401, { message: 'Please authenticate to access this resource.' })).toEqual([]);
    expect(validateResponse('GET', '/v1/me', 201, {})).toEqual(['status 201 is not documented for GET /me']);
  });
});

describe('another OpenAPI 3.1 document', () => {
  it('works the same way on a document given in memory', () => {
    const v = new OpenApiValidator({
      openapi: '3.1.0',
      servers: [{ url: 'https://api.example.com/api/v2' }],
      paths: {
        '/things/{id}': {
          parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'integer' } }],
          put: { requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
      components: { schemas: { Thing: { type: 'object', required: ['name'], properties: { name: { type: ['string', 'null'] } } } } },
    });
    const headers = { accept: 'application/json', 'content-type': 'application/json' };
    expect(v.validateRequest({ method: 'PUT', path: '/api/v2/things/7', headers, body: { name: null } })).toEqual([]);
    expect(v.validateRequest({ method: 'PUT', path: '/api/v2/things/seven', headers, body: {} })).toEqual([
      'path.id: must be integer',
      "body: must have required property 'name'",
    ]);
  });
});
