// What the fake Swikly holds in memory and how it renders it as Swikly's JSON.
import { randomUUID } from 'node:crypto';
import { addDays, microsTimestamp } from './swikly-time';

export type DepositStatus =
  | 'Pending'
  | 'Temporary'
  | 'Canceled'
  | 'Initialized'
  | 'Accepted'
  | 'Failed'
  | 'Released'
  | 'Expired'
  | 'ExpiredWithoutAcceptance';
export type PaymentStatus = 'Pending' | 'Temporary' | 'Canceled' | 'Initialized' | 'Succeeded' | 'Failed' | 'ExpiredWithoutAcceptance';
export type CheckoutOutcome = 'accepted' | 'failed' | 'inProgress';

export interface SeedAccount {
  id?: string;
  commercialName: string;
  /** Signs callbacks (§4). */
  secret: string;
  currency?: string;
  reference?: string | null;
  /** expirationDate = deposit endDate + this many days (20 by default). */
  expirationDays?: number;
}
export interface SeedUser {
  id?: string;
  firstName: string;
  lastName: string;
  email: string;
  /** API keys (Bearer tokens) of this user. */
  keys: string[];
  accounts: SeedAccount[];
}
export interface SwiklySeed {
  users: SeedUser[];
}

export interface Account {
  id: string;
  commercialName: string;
  secret: string;
  currency: string;
  reference: string | null;
  expirationDays: number;
  createdAt: string;
}
export interface User {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  createdAt: string;
  accountIds: string[];
}

/** Timestamps are kept as the exact strings served, so a test can force odd spellings. */
export interface StoredDeposit {
  id: string;
  amount: number;
  status: DepositStatus;
  startDate: string;
  endDate: string;
  acceptedAt: string | null;
  releasedAt: string | null;
  canceledAt: string | null;
  createdAt: string;
}
export interface StoredPayment {
  id: string;
  amount: number;
  status: PaymentStatus;
  dueDate: string | null;
  succeededAt: string | null;
  canceledAt: string | null;
  createdAt: string;
}
export interface StoredRequest {
  /** Creation order: the tie-breaker for "newest first" when the fake clock is frozen. */
  seq: number;
  id: string;
  accountId: string;
  customId: string | null;
  customIdMustBeUnique: boolean;
  description: string;
  language: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phoneNumber: string | null;
  freeText: string | null;
  skipToPaymentPageIfPossible: boolean;
  redirectUrl: string | null;
  returnUrl: string | null;
  /** Not served by Swikly; recorded so tests can check what Comptoir asked for. */
  sendEmail: boolean;
  sendSms: boolean;
  requestSecuredCallback: string | null;
  linkCode: string;
  link: string;
  createdAt: string;
  deposit: StoredDeposit | null;
  payment: StoredPayment | null;
  endUser: Record<string, unknown> | null;
}

/** The default world: one agency user whose key opens two accounts. Fixed ids, so demos are stable. */
export const DEFAULT_KEY = 'sk_test_comptoir';
export const DEFAULT_SEED: SwiklySeed = {
  users: [
    {
      id: '3b1f6c2e-8a4d-4f7e-9c15-2d6e8b0a4f11',
      firstName: 'Agence',
      lastName: 'des Sables',
      email: 'contact@agence-des-sables.fr',
      keys: [DEFAULT_KEY],
      accounts: [
        { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', commercialName: 'Agence des Sables — Locations', secret: 'whsec_sables_locations' },
        { id: '9b2d4e1a-5f3c-4a8b-b6d7-1e0f2a3c4d5e', commercialName: 'Agence des Sables — Résidence Les Pins', secret: 'whsec_sables_pins' },
      ],
    },
  ],
};

export const SECURED_DEPOSIT: ReadonlySet<DepositStatus> = new Set(['Accepted', 'Released', 'Expired']);
export const OPEN_DEPOSIT: ReadonlySet<DepositStatus> = new Set(['Pending', 'Temporary', 'Initialized', 'Failed']);
export const OPEN_PAYMENT: ReadonlySet<PaymentStatus> = new Set(['Pending', 'Temporary', 'Initialized', 'Failed']);

/** Swikly's ids look like `CF85309F-2557-4140-817D-E429B3F8E5D6` for requests and operations. */
export const newId = () => randomUUID().toUpperCase();
export const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const LINK_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < 7; i++) code += LINK_ALPHABET[Math.floor(Math.random() * LINK_ALPHABET.length)];
  return code;
}

export const isCancelable = (r: StoredRequest) =>
  !isSecured(r) && ((r.deposit !== null && OPEN_DEPOSIT.has(r.deposit.status)) || (r.payment !== null && OPEN_PAYMENT.has(r.payment.status)));
export const isReleasable = (r: StoredRequest) => r.deposit?.status === 'Accepted';
export const isSecured = (r: StoredRequest) =>
  (r.deposit !== null && SECURED_DEPOSIT.has(r.deposit.status)) || r.payment?.status === 'Succeeded';

export function expirationDate(deposit: StoredDeposit, account: Account): string {
  return addDays(deposit.endDate, account.expirationDays);
}

export type Relation = 'deposit' | 'payment' | 'endUser' | 'noShow';

/** Swikly's JSON for a request; relations appear only when asked for with `with=`. */
export function renderRequest(r: StoredRequest, account: Account, relations: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: r.id,
    accountId: r.accountId,
    legacyId: null,
    customId: r.customId,
    customIdMustBeUnique: r.customIdMustBeUnique,
    skipToPaymentPageIfPossible: r.skipToPaymentPageIfPossible,
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.email,
    phoneNumber: r.phoneNumber,
    description: r.description,
    freeText: r.freeText,
    releasable: isReleasable(r),
    cancelable: isCancelable(r),
    link: r.link,
    redirectUrl: r.redirectUrl,
    returnUrl: r.returnUrl,
    createdAt: r.createdAt,
  };
  if (relations.has('deposit')) out.deposit = r.deposit && renderDeposit(r, r.deposit, account);
  if (relations.has('payment')) out.payment = r.payment && renderPayment(r, r.payment);
  if (relations.has('noShow')) out.noShow = null;
  if (relations.has('endUser')) out.endUser = r.endUser;
  return out;
}

function renderDeposit(r: StoredRequest, d: StoredDeposit, account: Account) {
  const secured = SECURED_DEPOSIT.has(d.status);
  return {
    id: d.id,
    requestId: r.id,
    amount: d.amount,
    amountToBeSecured: secured ? 0 : d.amount,
    securedAmount: secured ? d.amount : 0,
    status: d.status,
    startDate: d.startDate,
    endDate: d.endDate,
    expirationDate: expirationDate(d, account),
    acceptedAt: d.acceptedAt,
    releasedAt: d.releasedAt,
    canceledAt: d.canceledAt,
    createdAt: d.createdAt,
  };
}

function renderPayment(r: StoredRequest, p: StoredPayment) {
  const paid = p.status === 'Succeeded' ? p.amount : 0;
  return {
    id: p.id,
    requestId: r.id,
    amount: p.amount,
    amountToBePaid: p.amount - paid,
    amountPaid: paid,
    status: p.status,
    dueDate: p.dueDate,
    succeededAt: p.succeededAt,
    canceledAt: p.canceledAt,
    createdAt: p.createdAt,
  };
}

/** A validated create body (see swikly-validation.ts) made into a stored request. */
export function newRequest(body: Record<string, any>, account: Account, seq: number, now: number, linkBase: string): StoredRequest {
  const createdAt = microsTimestamp(now);
  const linkCode = newLinkCode();
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    seq,
    id: newId(),
    accountId: account.id,
    customId: str(body.customId),
    customIdMustBeUnique: body.customIdMustBeUnique === true,
    description: body.description,
    language: body.language,
    firstName: str(body.firstName),
    lastName: str(body.lastName),
    email: str(body.email),
    phoneNumber: str(body.phoneNumber),
    freeText: str(body.freeText),
    skipToPaymentPageIfPossible: body.skipToPaymentPageIfPossible === true,
    redirectUrl: str(body.redirectUrl),
    returnUrl: str(body.returnUrl),
    sendEmail: body.sendEmail !== false,
    sendSms: body.sendSms !== false,
    requestSecuredCallback: str(body.callbacks?.requestSecured),
    linkCode,
    link: `${linkBase.replace(/\/$/, '')}/${linkCode}`,
    createdAt,
    deposit: body.deposit
      ? {
          id: newId(),
          amount: body.deposit.amount,
          status: 'Pending',
          startDate: body.deposit.startDate,
          endDate: body.deposit.endDate,
          acceptedAt: null,
          releasedAt: null,
          canceledAt: null,
          createdAt,
        }
      : null,
    payment: body.payment
      ? { id: newId(), amount: body.payment.amount, status: 'Pending', dueDate: body.payment.dueDate ?? null, succeededAt: null, canceledAt: null, createdAt }
      : null,
    endUser: body.address ? { address: body.address } : null,
  };
}
