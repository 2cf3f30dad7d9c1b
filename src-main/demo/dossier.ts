// The money side of one demo dossier: pricing lines, payments and the Swikly security deposit.
// A single Dossier is reused for every stay (no per-stay allocation beyond the strings written).
import { lineTotal, type DepositState } from '../../src-shared/domain';
import { MINUTE_MS, dayOf, notAfter, officeInstant } from './calendar';
import type { Rng } from './random';

export type Method = 'card' | 'transfer' | 'cheque' | 'cash' | 'holiday_voucher';
export type LineKind = 'rent' | 'cleaning' | 'fees' | 'tourist_tax' | 'other';

const DEPOSIT_METHODS: readonly Method[] = ['card', 'transfer', 'cheque'];
const DEPOSIT_METHOD_WEIGHTS = [45, 35, 20];
const BALANCE_METHODS: readonly Method[] = ['transfer', 'cheque', 'card', 'cash', 'holiday_voucher'];
const BALANCE_METHOD_WEIGHTS = [35, 25, 30, 4, 6];

export class Dossier {
  // Facts of the stay being written, set by start().
  private createdMs = 0;
  private createdDay = 0;
  private number = '';

  lineCount = 0;
  readonly lineLabel: string[] = [];
  readonly lineKind: LineKind[] = [];
  readonly lineQty: number[] = [];
  readonly lineUnit: number[] = [];
  readonly lineTotal: number[] = [];
  totalCents = 0;

  payCount = 0;
  readonly payAmount: number[] = [];
  readonly payMethod: Method[] = [];
  readonly payDay: number[] = [];
  readonly payMs: number[] = [];
  readonly payRef: string[] = [];
  paidCents = 0;

  constructor(
    private readonly rng: Rng,
    private readonly nowMs: number,
  ) {}

  start(createdMs: number, number: string): void {
    this.createdMs = createdMs;
    this.createdDay = dayOf(createdMs);
    this.number = number;
    this.lineCount = this.payCount = this.totalCents = this.paidCents = 0;
  }

  addLine(label: string, kind: LineKind, quantity: number, unitPriceCents: number): void {
    const i = this.lineCount++;
    const total = lineTotal(quantity, unitPriceCents);
    this.lineLabel[i] = label;
    this.lineKind[i] = kind;
    this.lineQty[i] = quantity;
    this.lineUnit[i] = unitPriceCents;
    this.lineTotal[i] = total;
    this.totalCents += total;
  }

  /** A payment received on `day`, moved into [creation, today] and never before the previous one. */
  pay(amount: number, day: number, method: Method, reference: string): void {
    if (amount <= 0) return;
    const i = this.payCount;
    const previousMs = i > 0 ? this.payMs[i - 1]! : 0;
    const d = Math.min(Math.max(day, this.createdDay, i > 0 ? this.payDay[i - 1]! : day), dayOf(this.nowMs));
    const floor = Math.max(this.createdMs + 10 * MINUTE_MS, previousMs);
    const ms = notAfter(Math.max(officeInstant(d, this.rng), floor), floor, this.nowMs, this.rng);
    this.payAmount[i] = amount;
    this.payMethod[i] = method;
    this.payDay[i] = dayOf(ms);
    this.payMs[i] = ms;
    this.payRef[i] = reference;
    this.payCount++;
    this.paidCents += amount;
  }

  lastPaymentMs(): number | null {
    return this.payCount > 0 ? this.payMs[this.payCount - 1]! : null;
  }

  private reference(method: Method, amount: number): string {
    switch (method) {
      case 'card':
        return `CB ****${this.rng.digits(4)}`;
      case 'transfer':
        return `Virement ${this.number}`;
      case 'cheque':
        return `Chèque n° ${this.rng.digits(7)}`;
      case 'holiday_voucher':
        return `Chèques-Vacances ANCV (${Math.ceil(amount / 2_000)})`;
      case 'cash':
        return '';
    }
  }

  /** The "acompte": 25–30 % of the total, in whole euros. */
  acompte(): number {
    return Math.min(this.totalCents, Math.round((this.totalCents * this.rng.int(25, 30)) / 10_000) * 100);
  }

  payDeposit(amount: number, day: number): void {
    const method = DEPOSIT_METHODS[this.rng.weighted(DEPOSIT_METHOD_WEIGHTS)]!;
    this.pay(amount, day, method, this.reference(method, amount));
  }

  payBalance(amount: number, day: number): void {
    if (amount > 20_000 && this.rng.chance(0.06)) {
      const vouchers = Math.min(amount - 1_000, this.rng.int(5, 40) * 2_000);
      this.pay(vouchers, day, 'holiday_voucher', this.reference('holiday_voucher', vouchers));
      amount -= vouchers;
    }
    const method = BALANCE_METHODS[this.rng.weighted(BALANCE_METHOD_WEIGHTS)]!;
    this.pay(amount, day, method, this.reference(method, amount));
  }

  /** Everything paid: at once when booked late (or online), else an acompte then the balance around its due date. */
  payInFull(dueDay: number, online: boolean): void {
    const rng = this.rng;
    if (online) this.pay(this.totalCents, this.createdDay, 'card', 'Elloha');
    else if (dueDay - this.createdDay < 7 || rng.chance(0.3)) this.payBalance(this.totalCents, this.createdDay + rng.int(0, 2));
    else {
      const acompte = this.acompte();
      this.payDeposit(acompte, this.createdDay + rng.int(0, 7));
      this.payBalance(this.totalCents - acompte, dueDay + rng.int(-10, 5));
    }
  }

  payAcompte(day: number = this.createdDay + this.rng.int(0, 7)): void {
    this.payDeposit(this.acompte(), day);
  }
}

/** Where a Swikly deposit stands for a stay, given where the stay stands today. */
export function drawDepositState(rng: Rng, active: 'confirmed' | 'option' | 'cancelled', arrival: number, departure: number, today: number): DepositState {
  const r = rng.next();
  if (active === 'cancelled') return r < 0.3 ? 'cancelled' : 'none';
  if (active === 'option') return r < 0.5 ? 'to_request' : 'none';
  if (departure <= today) return r < 0.85 ? 'released' : r < 0.9 ? 'expired_unsecured' : 'none';
  if (arrival <= today) return 'secured';
  if (arrival - today <= 30) {
    return r < 0.55 ? 'secured' : r < 0.75 ? 'requested' : r < 0.83 ? 'to_request' : r < 0.89 ? 'expired_unsecured' : r < 0.95 ? 'failed' : 'requesting';
  }
  return r < 0.5 ? 'to_request' : r < 0.75 ? 'requested' : r < 0.95 ? 'secured' : 'failed';
}
