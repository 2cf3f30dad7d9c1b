// The life of a request's operations: checkout, cancel, release, PATCH, expiry (specs/swikly.md
// §7.6–7.10). Pure: the caller passes the instant.
import {
  expirationDate,
  isSecured,
  newId,
  OPEN_DEPOSIT,
  OPEN_PAYMENT,
  type Account,
  type CheckoutOutcome,
  type DepositStatus,
  type PaymentStatus,
  type StoredRequest,
} from './swikly-model';
import { addDays, offsetTimestamp, parisMidnight } from './swikly-time';

export class TransitionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The guest finishes (or abandons) the checkout. Only operations still open move. */
export function checkout(r: StoredRequest, outcome: CheckoutOutcome, now: number, acceptedAt?: string): void {
  const d = r.deposit && OPEN_DEPOSIT.has(r.deposit.status) ? r.deposit : null;
  const p = r.payment && OPEN_PAYMENT.has(r.payment.status) ? r.payment : null;
  if (!d && !p) throw new TransitionError(409, 'ERR_FINAL', 'Nothing left to secure in this request: its operations are final.');
  if (outcome === 'inProgress') {
    if (d) d.status = 'Initialized';
    if (p) p.status = 'Initialized';
    return;
  }
  if (outcome === 'failed') {
    if (d) d.status = 'Failed';
    if (p) p.status = 'Failed';
    return;
  }
  const at = acceptedAt ?? offsetTimestamp(now);
  if (d) {
    d.status = 'Accepted';
    d.acceptedAt = at;
  }
  if (p) {
    p.status = 'Succeeded';
    p.succeededAt = at;
  }
  r.endUser = {
    id: newId(),
    firstName: r.firstName ?? 'Camille',
    lastName: r.lastName ?? 'Martin',
    email: r.email ?? 'camille.martin@example.fr',
    phone: r.phoneNumber,
    birthDate: null,
    address: { country: 'FR', region: null, postalCode: '85100', city: 'Les Sables-d’Olonne', street: '12 rue des Oliviers' },
    createdAt: offsetTimestamp(now),
  };
}

/** §7.8: unsecured operations are canceled; canceled or expired ones stay as they are. */
export function cancel(r: StoredRequest, now: number): void {
  if (isSecured(r)) throw new TransitionError(400, 'ERR_NOT_CANCELABLE', 'This request has been secured by the end user: release it instead.');
  const at = offsetTimestamp(now);
  if (r.deposit && OPEN_DEPOSIT.has(r.deposit.status)) Object.assign(r.deposit, { status: 'Canceled', canceledAt: at });
  if (r.payment && OPEN_PAYMENT.has(r.payment.status)) Object.assign(r.payment, { status: 'Canceled', canceledAt: at });
}

/** §7.9: an accepted deposit is released; a released one stays released. */
export function release(r: StoredRequest, now: number): void {
  if (r.deposit?.status === 'Released') return;
  if (r.deposit?.status !== 'Accepted') throw new TransitionError(400, 'ERR_NOT_RELEASABLE', 'This request has no secured deposit to release.');
  r.deposit.status = 'Released';
  r.deposit.releasedAt = offsetTimestamp(now);
}

const FINAL_DEPOSIT: ReadonlySet<DepositStatus> = new Set(['Canceled', 'Released', 'Expired', 'ExpiredWithoutAcceptance']);
const FINAL_PAYMENT: ReadonlySet<PaymentStatus> = new Set(['Canceled', 'Succeeded', 'ExpiredWithoutAcceptance']);

/** §7.10, once the body has been validated: refusals first, then the whole change at once. */
export function patch(r: StoredRequest, body: { deposit?: Record<string, any>; payment?: Record<string, any> }): void {
  const { deposit: d, payment: p } = body;
  if (d && !r.deposit) throw new TransitionError(400, 'ERR_NO_DEPOSIT', 'This request has no deposit.');
  if (p && !r.payment) throw new TransitionError(400, 'ERR_NO_PAYMENT', 'This request has no payment.');
  if (d && r.deposit && FINAL_DEPOSIT.has(r.deposit.status)) throw new TransitionError(400, 'ERR_NOT_UPDATABLE', `The deposit is ${r.deposit.status}: it can no longer be changed.`);
  if (p && r.payment && FINAL_PAYMENT.has(r.payment.status)) throw new TransitionError(400, 'ERR_NOT_UPDATABLE', `The payment is ${r.payment.status}: it can no longer be changed.`);
  if (d?.amount !== undefined && r.deposit?.status === 'Accepted')
    throw new TransitionError(400, 'ERR_AMOUNT_FROZEN', 'The deposit has been secured: its amount can no longer be changed.');
  if (d && r.deposit) {
    if (d.startDate !== undefined) r.deposit.startDate = d.startDate;
    if (d.endDate !== undefined) r.deposit.endDate = d.endDate;
    if (d.amount !== undefined) r.deposit.amount = d.amount;
  }
  if (p && r.payment) {
    if (p.dueDate !== undefined) r.payment.dueDate = p.dueDate;
    if (p.amount !== undefined) r.payment.amount = p.amount;
  }
}

/**
 * §7.7, applied whenever the fake looks at a request: an unsecured deposit lapses 24 h after the
 * end of its endDate (00:00 Paris two days after it), an unpaid payment likewise after its dueDate,
 * and a secured deposit becomes Expired once its expirationDate is over.
 */
export function expire(r: StoredRequest, account: Account, now: number): boolean {
  let changed = false;
  const d = r.deposit;
  if (d && OPEN_DEPOSIT.has(d.status) && now >= parisMidnight(addDays(d.endDate, 2))) {
    d.status = 'ExpiredWithoutAcceptance';
    changed = true;
  }
  if (d && d.status === 'Accepted' && now >= parisMidnight(addDays(expirationDate(d, account), 1))) {
    d.status = 'Expired';
    changed = true;
  }
  const p = r.payment;
  if (p && p.dueDate && OPEN_PAYMENT.has(p.status) && now >= parisMidnight(addDays(p.dueDate, 2))) {
    p.status = 'ExpiredWithoutAcceptance';
    changed = true;
  }
  return changed;
}

/** Control: puts operations in a given state, filling the timestamp that state implies. */
export function forceStatus(r: StoredRequest, to: { deposit?: DepositStatus; payment?: PaymentStatus }, now: number): void {
  const at = offsetTimestamp(now);
  if (to.deposit && r.deposit) {
    r.deposit.status = to.deposit;
    if (to.deposit === 'Accepted') r.deposit.acceptedAt ??= at;
    if (to.deposit === 'Released') r.deposit.releasedAt ??= at;
    if (to.deposit === 'Canceled') r.deposit.canceledAt ??= at;
  }
  if (to.payment && r.payment) {
    r.payment.status = to.payment;
    if (to.payment === 'Succeeded') r.payment.succeededAt ??= at;
    if (to.payment === 'Canceled') r.payment.canceledAt ??= at;
  }
}
