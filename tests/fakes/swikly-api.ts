// The fake Swikly's world (users, keys, accounts, requests) and its answers to the §2 routes,
// once the HTTP layer has checked Accept, the key and the rate limit.
import { randomUUID } from 'node:crypto';
import { cancel, expire, patch, release, TransitionError } from './swikly-lifecycle';
import { newRequest, renderRequest, sameId, type Account, type StoredRequest, type SwiklySeed, type User } from './swikly-model';
import { microsTimestamp, type SwiklyClock } from './swikly-time';
import { paramsError, validateCreate, validatePatch, type FieldErrors } from './swikly-validation';
import { asciiHeader } from './swikly-webhooks';

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const MESSAGES = {
  401: 'Please authenticate to access this resource.',
  403: 'This action is unauthorized.',
  404: 'Page not found.',
  429: 'Too Many Attempts.',
  500: 'Server Error',
} as const;

export type Route =
  | { name: 'me' }
  | { name: 'accounts' }
  | { name: 'list'; accountId: string }
  | { name: 'create'; accountId: string }
  | { name: 'read' | 'update' | 'cancel' | 'release'; accountId: string; requestId: string };

/** §2's routes only: anything else under /v1 is a 404, as §7.1 asks. */
export function matchRoute(method: string, path: string): Route | null {
  const s = path.replace(/^\/v1/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (method === 'GET' && s.length === 1 && s[0] === 'me') return { name: 'me' };
  if (s[0] !== 'accounts') return null;
  if (s.length === 1) return method === 'GET' ? { name: 'accounts' } : null;
  if (s[2] !== 'requests') return null;
  const accountId = s[1]!;
  if (s.length === 3) return method === 'GET' ? { name: 'list', accountId } : method === 'POST' ? { name: 'create', accountId } : null;
  const requestId = s[3]!;
  if (s.length === 4) return method === 'GET' ? { name: 'read', accountId, requestId } : method === 'PATCH' ? { name: 'update', accountId, requestId } : null;
  if (s.length === 5 && method === 'POST' && (s[4] === 'cancel' || s[4] === 'release')) return { name: s[4], accountId, requestId };
  return null;
}

const error = (status: 401 | 403 | 404 | 429 | 500): ApiAnswer => ({ status, body: { message: MESSAGES[status] } });
const unprocessable = (errors: FieldErrors): ApiAnswer => ({ status: 422, body: paramsError(errors) });
const refusal = (e: TransitionError): ApiAnswer => ({ status: e.status, body: { code: e.code, message: e.message, context: [] } });

const RELATIONS = new Set(['deposit', 'payment', 'endUser', 'noShow']);

/** page ≥ 1, per_page 1–100 (15), `with` among Swikly's relations. */
function pagination(query: URLSearchParams): { ok: true; page: number; perPage: number; relations: Set<string> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw)) errors[name] = [`The ${name} field must be an integer.`];
    else if (n < min || n > max) errors[name] = [`The ${name} field must be between ${min} and ${max}.`];
    return n;
  };
  const page = int('page', 1, 1, Number.MAX_SAFE_INTEGER);
  const perPage = int('per_page', 15, 1, 100);
  const relations = new Set((query.get('with') ?? '').split(',').map((x) => x.trim()).filter(Boolean));
  const unknown = [...relations].filter((r) => !RELATIONS.has(r));
  if (unknown.length) errors.with = [`The selected with is invalid (${unknown.join(', ')}).`];
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, page, perPage, relations };
}

function paginate<T>(items: T[], page: number, perPage: number, path: string) {
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  return { items: items.slice((page - 1) * perPage, page * perPage), meta: { currentPage: page, lastPage, perPage, path, total: items.length } };
}

export class SwiklyWorld {
  users = new Map<string, User>();
  keys = new Map<string, string>();
  accounts = new Map<string, Account>();
  requests: StoredRequest[] = [];
  private seq = 0;

  constructor(
    readonly clock: SwiklyClock,
    /** Where `link`s point: Swikly's sandbox short links, or the fake's own demo pages. */
    public linkBase: () => string,
  ) {}

  seed(seed: SwiklySeed): { id: string; accountIds: string[] }[] {
    const created = microsTimestamp(this.clock.now());
    return seed.users.map((u) => {
      const id = u.id ?? randomUUID();
      const accountIds = u.accounts.map((a) => {
        const accountId = a.id ?? randomUUID();
        this.accounts.set(accountId.toLowerCase(), {
          id: accountId,
          commercialName: a.commercialName,
          secret: a.secret,
          currency: a.currency ?? 'EUR',
          reference: a.reference ?? null,
          expirationDays: a.expirationDays ?? 20,
          createdAt: created,
        });
        return accountId;
      });
      const existing = this.users.get(id);
      this.users.set(id, {
        id,
        firstName: u.firstName,
        lastName: u.lastName,
        email: u.email,
        createdAt: existing?.createdAt ?? created,
        accountIds: [...new Set([...(existing?.accountIds ?? []), ...accountIds])],
      });
      for (const key of u.keys) this.keys.set(key, id);
      return { id, accountIds };
    });
  }

  userForKey(authorization: string | undefined): User | null {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const userId = m ? this.keys.get(m[1]!) : undefined;
    return userId ? (this.users.get(userId) ?? null) : null;
  }

  account(id: string): Account | undefined {
    return this.accounts.get(id.toLowerCase());
  }

  findRequest(id: string): StoredRequest | undefined {
    return this.requests.find((r) => sameId(r.id, id));
  }

  /** Lets the fake clock's consequences happen (§7.7). */
  sweep(): void {
    const now = this.clock.now();
    for (const r of this.requests) expire(r, this.account(r.accountId)!, now);
  }

  render(r: StoredRequest, relations: ReadonlySet<string>) {
    return renderRequest(r, this.account(r.accountId)!, relations);
  }

  handle(route: Route, user: User, query: URLSearchParams, body: unknown, publicUrl: string): ApiAnswer {
    if (route.name === 'me') {
      const { accountIds: _, ...me } = user;
      return { status: 200, body: { user: me } };
    }
    if (route.name === 'accounts') {
      const p = pagination(query);
      if (!p.ok) return unprocessable(p.errors);
      const accounts = user.accountIds.map((id) => this.account(id)!).map(({ expirationDays: _, ...a }) => ({ legacyId: null, managerId: null, ...a }));
      const { items, meta } = paginate(accounts, p.page, p.perPage, `${publicUrl}/v1/accounts`);
      return { status: 200, body: { accounts: items, meta } };
    }
    const account = this.account(route.accountId);
    if (!account) return error(404);
    if (!user.accountIds.some((id) => sameId(id, account.id))) return error(403);
    const headers = {
      'swikly-account-id': account.id,
      'swikly-account-trade-name': asciiHeader(account.commercialName),
      'swikly-account-currency': account.currency,
    };
    const answer = this.onAccount(route, account, query, body, publicUrl);
    return { ...answer, headers: { ...headers, ...answer.headers } };
  }

  private onAccount(route: Exclude<Route, { name: 'me' | 'accounts' }>, account: Account, query: URLSearchParams, body: unknown, publicUrl: string): ApiAnswer {
    const relations = new Set((query.get('with') ?? '').split(',').map((x) => x.trim()).filter((x) => RELATIONS.has(x)));
    const now = this.clock.now();
    const mine = this.requests.filter((r) => sameId(r.accountId, account.id));
    if (route.name === 'list') {
      const p = pagination(query);
      if (!p.ok) return unprocessable(p.errors);
      const search = (query.get('search') ?? '').trim().toLowerCase();
      const found = mine
        .filter((r) => !search || matchesSearch(r, search))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.seq - a.seq));
      const { items, meta } = paginate(found, p.page, p.perPage, `${publicUrl}/v1/accounts/${account.id}/requests`);
      return { status: 200, body: { requests: items.map((r) => this.render(r, p.relations)), meta } };
    }
    if (route.name === 'create') {
      const errors = validateCreate(body, this.clock.today());
      if (Object.keys(errors).length) return unprocessable(errors);
      const b = body as Record<string, any>;
      if (typeof b.customId === 'string' && b.customId !== '') {
        const taken = mine.some((r) => r.customId?.toLowerCase() === b.customId.toLowerCase() && (r.customIdMustBeUnique || b.customIdMustBeUnique === true));
        if (taken) return unprocessable({ customId: ['The customId has already been taken.'] });
      }
      const r = newRequest(b, account, ++this.seq, now, this.linkBase());
      this.requests.push(r);
      return { status: 200, body: { request: this.render(r, relations) } };
    }
    const requestId = route.requestId;
    const r = mine.find((x) => sameId(x.id, requestId));
    if (!r) return error(404);
    try {
      if (route.name === 'update') {
        const errors = validatePatch(body, r, this.clock.today());
        if (Object.keys(errors).length) return unprocessable(errors);
        patch(r, body as Record<string, any>);
      } else if (route.name === 'cancel') cancel(r, now);
      else if (route.name === 'release') release(r, now);
    } catch (e) {
      if (e instanceof TransitionError) return refusal(e);
      throw e;
    }
    return { status: 200, body: { request: this.render(r, relations) } };
  }
}

/** customId substring, or the first ≥ 5 characters of the request's or an operation's id. */
function matchesSearch(r: StoredRequest, search: string): boolean {
  if (r.customId?.toLowerCase().includes(search)) return true;
  if (search.length < 5) return false;
  return [r.id, r.deposit?.id, r.payment?.id].some((id) => id?.toLowerCase().startsWith(search));
}
