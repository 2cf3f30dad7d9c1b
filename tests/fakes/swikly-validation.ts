// §7.3: the fake's validation of create and PATCH bodies, answered as Swikly (Laravel) does:
// 422 { message: <first error>, code: 'ERR_PARAMS', errors: { 'deposit.amount': [...] } }.
import type { StoredRequest } from './swikly-model';
import { isIsoDate } from './swikly-time';

export type FieldErrors = Record<string, string[]>;

export const LANGUAGES = ['fr', 'en', 'es', 'it', 'nl', 'de'] as const;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Swikly wants the country code: `+33612345678`. */
const PHONE_RE = /^\+[1-9]\d{5,14}$/;

class Collector {
  readonly errors: FieldErrors = {};
  add(field: string, message: string) {
    (this.errors[field] ??= []).push(message);
  }
  get empty() {
    return Object.keys(this.errors).length === 0;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function optionalString(c: Collector, body: Record<string, unknown>, field: string) {
  const v = body[field];
  if (v !== undefined && v !== null && typeof v !== 'string') c.add(field, `The ${field} field must be a string.`);
}

function optionalBoolean(c: Collector, body: Record<string, unknown>, field: string) {
  const v = body[field];
  if (v !== undefined && typeof v !== 'boolean') c.add(field, `The ${field} field must be true or false.`);
}

function amount(c: Collector, field: string, v: unknown, required: boolean) {
  if (v === undefined || v === null) {
    if (required) c.add(field, `The ${field} field is required.`);
    return;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) c.add(field, `The ${field} field must be an integer (cents).`);
  else if (v < 1) c.add(field, `The ${field} field must be at least 1.`);
}

/** Returns the date when it is one, after recording why not otherwise. */
function date(c: Collector, field: string, v: unknown, required: boolean, today: string | null): string | null {
  if (v === undefined || v === null) {
    if (required) c.add(field, `The ${field} field is required.`);
    return null;
  }
  if (!isIsoDate(v)) {
    c.add(field, `The ${field} field must match the format Y-m-d.`);
    return null;
  }
  if (today && v < today) c.add(field, `The ${field} field must be a date after or equal to today.`);
  return v;
}

function endAfterStart(c: Collector, start: string | null, end: string | null) {
  if (start && end && end < start) c.add('deposit.endDate', 'The deposit.endDate field must be a date after or equal to deposit.startDate.');
}

function contact(c: Collector, body: Record<string, unknown>) {
  for (const f of ['customId', 'firstName', 'lastName', 'freeText']) optionalString(c, body, f);
  for (const f of ['customIdMustBeUnique', 'sendEmail', 'sendSms', 'skipToPaymentPageIfPossible']) optionalBoolean(c, body, f);
  if (body.email !== undefined && body.email !== null && (typeof body.email !== 'string' || !EMAIL_RE.test(body.email)))
    c.add('email', 'The email field must be a valid email address.');
  if (body.phoneNumber !== undefined && body.phoneNumber !== null && (typeof body.phoneNumber !== 'string' || !PHONE_RE.test(body.phoneNumber)))
    c.add('phoneNumber', 'The phoneNumber field must be a phone number with its country code (+33…).');
  if (body.callbacks !== undefined) {
    if (!isObject(body.callbacks)) c.add('callbacks', 'The callbacks field must be an object.');
    else {
      const url = body.callbacks.requestSecured;
      if (url !== undefined && url !== null && (typeof url !== 'string' || !URL.canParse(url)))
        c.add('callbacks.requestSecured', 'The callbacks.requestSecured field must be a valid URL.');
    }
  }
}

/** Create (§2): description, language, at least one operation, deposit and payment fields. */
export function validateCreate(body: unknown, today: string): FieldErrors {
  const c = new Collector();
  if (!isObject(body)) {
    c.add('description', 'The description field is required.');
    return c.errors;
  }
  if (body.description === undefined || body.description === null || body.description === '') c.add('description', 'The description field is required.');
  else if (typeof body.description !== 'string') c.add('description', 'The description field must be a string.');
  if (body.language === undefined || body.language === null || body.language === '') c.add('language', 'The language field is required.');
  else if (!LANGUAGES.includes(body.language as (typeof LANGUAGES)[number])) c.add('language', 'The selected language is invalid.');
  contact(c, body);
  if (body.noShow !== undefined) c.add('noShow', 'The fake Swikly does not handle no-shows.');
  if (body.deposit === undefined && body.payment === undefined && body.noShow === undefined)
    c.add('deposit', 'The deposit field is required when none of payment / noShow are present.');
  if (body.deposit !== undefined) {
    if (!isObject(body.deposit)) c.add('deposit', 'The deposit field must be an object.');
    else {
      const start = date(c, 'deposit.startDate', body.deposit.startDate, true, null);
      const end = date(c, 'deposit.endDate', body.deposit.endDate, true, today);
      endAfterStart(c, start, end);
      amount(c, 'deposit.amount', body.deposit.amount, true);
    }
  }
  if (body.payment !== undefined) {
    if (!isObject(body.payment)) c.add('payment', 'The payment field must be an object.');
    else {
      amount(c, 'payment.amount', body.payment.amount, true);
      date(c, 'payment.dueDate', body.payment.dueDate, false, today);
    }
  }
  return c.errors;
}

/** PATCH (§7.10): every field optional; the resulting dates must still hold together. */
export function validatePatch(body: unknown, current: StoredRequest, today: string): FieldErrors {
  const c = new Collector();
  if (!isObject(body)) {
    c.add('deposit', 'The request body must be a JSON object.');
    return c.errors;
  }
  if (body.deposit !== undefined) {
    if (!isObject(body.deposit)) c.add('deposit', 'The deposit field must be an object.');
    else {
      const start = date(c, 'deposit.startDate', body.deposit.startDate, false, null);
      const end = date(c, 'deposit.endDate', body.deposit.endDate, false, today);
      if (current.deposit) endAfterStart(c, start ?? current.deposit.startDate, end ?? current.deposit.endDate);
      amount(c, 'deposit.amount', body.deposit.amount, false);
    }
  }
  if (body.payment !== undefined) {
    if (!isObject(body.payment)) c.add('payment', 'The payment field must be an object.');
    else {
      date(c, 'payment.dueDate', body.payment.dueDate, false, today);
      amount(c, 'payment.amount', body.payment.amount, false);
    }
  }
  return c.errors;
}

export function paramsError(errors: FieldErrors) {
  const first = Object.values(errors)[0]?.[0] ?? 'The given data was invalid.';
  return { message: first, code: 'ERR_PARAMS', errors };
}
