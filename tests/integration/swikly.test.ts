// Swikly deposits below the screen, against the fake Swikly server over real HTTP: connection,
// per-property defaults, the request made on confirmation, its link, securing, changes,
// cancellation and release, lost answers and refusals. Every request Comptoir sends is checked
// against Swikly's own OpenAPI description.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_IDS, DEFAULT_KEY, startFakeSwikly, type FakeSwikly } from '../fakes/swikly-server';
import { formatMoney } from '../../src-shared/domain';
import { validateRequest } from '../support/openapi';
import { startSmtpSink } from '../fakes/smtp-sink';
import { createAppCore } from '../../src-main/host/app';
import { depositSweep } from '../../src-main/services/deposits';
import { callOk, MIGRATIONS_DIR, openTestAgency, type TestAgency } from '../support/app';
import { waitFor } from '../support/fake-clock';

let t: TestAgency;
let fake: FakeSwikly;
const NOW = new Date('2026-07-01T08:00:00Z');
const [ACCOUNT] = DEFAULT_ACCOUNT_IDS;

beforeEach(async () => {
  fake = await startFakeSwikly({ now: NOW, frozen: true });
  t = openTestAgency(NOW, { sync: { startDelayMs: 0, statusDebounceMs: 5, backoff: { baseMs: 50, maxMs: 200, random: () => 0.5 }, probeBackoff: { baseMs: 50, maxMs: 200, random: () => 0.5 }, recoveryGraceMs: 0 } });
});
afterEach(async () => {
  // What Comptoir sent must be what Swikly documents, in every scenario.
  const sent = (await fake.control.log()).filter((r) => r.method !== 'GET' || r.path.includes('/requests'));
  for (const r of sent) expect(validateRequest(r), `${r.method} ${r.path}`).toEqual([]);
  t.cleanup();
  await fake.close();
});

async function connect(over: Record<string, unknown> = {}) {
  await callOk(t.core, 'swikly/settings/save', {
    agencyId: t.agencyId,
    environment: 'custom',
    baseUrl: fake.baseUrl,
    apiKey: DEFAULT_KEY,
    enabled: true,
    marginDays: 0,
    autoReleaseDays: null,
    reminderDays: null,
    ...over,
  });
  return callOk(t.core, 'swikly/connect', { agencyId: t.agencyId });
}

async function propertyDefaults(amountCents = 30_000, requestType = 'deposit') {
  await callOk(t.core, 'properties/deposits/save', { agencyId: t.agencyId, propertyIds: [t.propertyId, t.otherPropertyId], swiklyAccountId: ACCOUNT, requestType, defaultDepositCents: amountCents });
}

const stay = (over: Record<string, unknown> = {}) => ({
  propertyId: t.propertyId,
  clientId: t.clientId,
  status: 'confirmed',
  source: 'counter',
  arrival: '2026-07-11',
  departure: '2026-07-18',
  adults: 2,
  lines: [{ label: 'Loyer', kind: 'rent', quantity: 1, unitPriceCents: 90_000 }],
  ...over,
});

const deposit = (bookingId: string) => callOk(t.core, 'deposits/get', { bookingId });
const until = (what: string, check: () => Promise<boolean>) => waitFor(check, { timeoutMs: 10_000, what });

describe('connection and property settings', () => {
  it('« Connecter » shows the key\'s user and accounts; the key is never returned nor stored in the database', async () => {
    const s = await connect();
    expect(s).toMatchObject({ hasKey: true, enabled: true, ready: true, user: { name: 'Agence des Sables', email: 'contact@agence-des-sables.fr' } });
    expect(s.accounts.map((a: { id: string }) => a.id)).toEqual(DEFAULT_ACCOUNT_IDS);
    expect(JSON.stringify(s)).not.toContain(DEFAULT_KEY);
    expect(JSON.stringify(t.core.database.sqlite.prepare('SELECT * FROM agency_swikly_settings').all())).not.toContain(DEFAULT_KEY);
  });

  it('a wrong key is refused in French and nothing is connected', async () => {
    await callOk(t.core, 'swikly/settings/save', { agencyId: t.agencyId, environment: 'custom', baseUrl: fake.baseUrl, apiKey: 'sk_wrong', enabled: true, marginDays: 0, autoReleaseDays: null, reminderDays: null });
    const r = await t.core.dispatch('swikly/connect', { agencyId: t.agencyId });
    expect(r).toMatchObject({ ok: false, error: { code: 'remote_failed', message: expect.stringMatching(/Swikly refuse la clé API/) } });
    expect(await callOk(t.core, 'swikly/settings/get', { agencyId: t.agencyId })).toMatchObject({ ready: false, connectedAt: null });
  });

  it('lists the logements missing a setting, and applies defaults to a selection at once', async () => {
    await connect();
    const before = await callOk(t.core, 'properties/deposits/list', { agencyId: t.agencyId });
    expect(before.every((p: { missing: string[] }) => p.missing.includes('Compte Swikly par défaut'))).toBe(true);
    expect(await callOk(t.core, 'properties/deposits/save', { agencyId: t.agencyId, propertyIds: [t.propertyId], swiklyAccountId: ACCOUNT, defaultDepositCents: 30_000 })).toEqual({ updated: 1 });
    const after = await callOk(t.core, 'properties/deposits/list', { agencyId: t.agencyId });
    expect(after.find((p: { propertyId: string }) => p.propertyId === t.propertyId)).toMatchObject({ swiklyAccountId: ACCOUNT, defaultDepositCents: 30_000, missing: [] });
    const other = await t.core.dispatch('properties/deposits/save', { agencyId: t.agencyId, propertyIds: [t.propertyId], swiklyAccountId: 'not-an-account' });
    expect(other).toMatchObject({ ok: false, error: { message: expect.stringMatching(/n'appartient pas à la clé/) } });
  });
});

describe('a deposit through its life', () => {
  it('confirming makes one request with the amount in cents and Swikly\'s own messages off; the link is copied verbatim', async () => {
    await connect();
    await propertyDefaults();
    const { id, number } = await callOk(t.core, 'bookings/create', stay({ depositAmountCents: 50_000 }));
    expect((await deposit(id)).state).toBe('requesting');
    await until('request created', async () => (await deposit(id)).state === 'requested');
    const [stored] = fake.stored();
    expect(stored).toMatchObject({ customId: `SABLES-${number}`, sendEmail: false, sendSms: false, lastName: 'Martin', email: 'jean.martin@example.fr', phoneNumber: '+33612345678' });
    expect(stored!.deposit).toMatchObject({ amount: 50_000, startDate: '2026-07-11', endDate: '2026-07-18' });
    const info = await deposit(id);
    expect(info).toMatchObject({ amountCents: 50_000, amountSource: 'dossier', customId: `SABLES-${number}` });
    const copy = await callOk(t.core, 'deposits/copyLink', { bookingId: id });
    expect(copy.link).toBe(stored!.link);
  });

  it('the property default applies when the dossier has none; 0 means no deposit and no call', async () => {
    await connect();
    await propertyDefaults(30_000);
    const withDefault = await callOk(t.core, 'bookings/create', stay());
    const none = await callOk(t.core, 'bookings/create', stay({ propertyId: t.otherPropertyId, depositAmountCents: 0 }));
    await until('default request', async () => (await deposit(withDefault.id)).state === 'requested');
    expect(await deposit(withDefault.id)).toMatchObject({ amountCents: 30_000, amountSource: 'property' });
    expect(await deposit(none.id)).toMatchObject({ state: 'none', amountSource: 'none' });
    expect(fake.stored()).toHaveLength(1);
  });

  it('the guest secures it: the next poll shows secured with date and time, and a note is added', async () => {
    await connect();
    await propertyDefaults(50_000);
    const { id } = await callOk(t.core, 'bookings/create', stay());
    await until('request created', async () => (await deposit(id)).state === 'requested');
    await fake.control.checkout(fake.stored()[0]!.id, 'accepted', { acceptedAt: '2026-07-01T12:32:05.120+00:00' });
    await t.core.sync.pollNow(`swikly/deposits:${t.agencyId}`, true);
    const info = await deposit(id);
    expect(info).toMatchObject({ state: 'secured', securedAt: '2026-07-01T12:32:05.120+00:00' });
    const detail = await callOk(t.core, 'bookings/get', { id });
    expect(detail.notes).toContain(`Caution sécurisée le 01/07/2026 à 14:32 — ${formatMoney(50_000)}`);
    const copy = await callOk(t.core, 'deposits/copyLink', { bookingId: id });
    expect(copy).toMatchObject({ link: null, message: expect.stringMatching(/déjà sécurisée/) });
  });

  it('a change of amount before securing is sent as a PATCH; cancelling the dossier cancels the request', async () => {
    await connect();
    await propertyDefaults(30_000);
    const { id } = await callOk(t.core, 'bookings/create', stay());
    await until('request created', async () => (await deposit(id)).state === 'requested');
    const { clientId: _c, status: _s, source: _src, ...editable } = stay();
    await callOk(t.core, 'bookings/update', { ...editable, id, depositAmountCents: 45_000, departure: '2026-07-19' });
    await until('patched', async () => fake.stored()[0]!.deposit!.amount === 45_000);
    expect(fake.stored()[0]!.deposit).toMatchObject({ amount: 45_000, endDate: '2026-07-19' });
    await callOk(t.core, 'bookings/cancel', { id, reason: 'Annulation client' });
    expect((await deposit(id)).state).toBe('cancelled');
    await until('cancelled at Swikly', async () => fake.stored()[0]!.deposit!.status === 'Canceled');
    await until('the cancel recorded', async () => t.core.database.sqlite.prepare(`SELECT state FROM outbox WHERE kind = 'swikly/cancelRequest'`).pluck().get() === 'done');
    expect((await deposit(id)).state).toBe('cancelled');
  });

  it('a secured deposit of a cancelled dossier waits for staff, who release it', async () => {
    await connect();
    await propertyDefaults(30_000);
    const { id } = await callOk(t.core, 'bookings/create', stay());
    await until('request created', async () => (await deposit(id)).state === 'requested');
    await fake.control.checkout(fake.stored()[0]!.id, 'accepted');
    await t.core.sync.pollNow(`swikly/deposits:${t.agencyId}`, true);
    await callOk(t.core, 'bookings/cancel', { id, reason: 'Annulation client' });
    expect(await deposit(id)).toMatchObject({ state: 'secured', mustRelease: true, releasable: true });
    await callOk(t.core, 'deposits/release', { bookingId: id });
    await until('released', async () => (await deposit(id)).state === 'released');
    expect(fake.stored()[0]!.deposit!.status).toBe('Released');
  });
});

describe('automatic release', () => {
  it('releases a secured deposit the set number of days after departure, once', async () => {
    await connect({ autoReleaseDays: 3 });
    await propertyDefaults(30_000);
    const { id } = await callOk(t.core, 'bookings/create', stay());
    await until('request created', async () => (await deposit(id)).state === 'requested');
    await fake.control.checkout(fake.stored()[0]!.id, 'accepted');
    await t.core.sync.pollNow(`swikly/deposits:${t.agencyId}`, true);
    const file = t.core.database.sqlite.name;
    t.core.close();
    // Three days after the departure of 18 July, the desk is started again.
    const later = createAppCore({ dbFile: file, migrationsDir: MIGRATIONS_DIR, host: 'browser', version: 'test', pinnedNow: new Date('2026-07-21T08:00:00Z'), sync: { startDelayMs: 0 } });
    try {
      await waitFor(() => fake.stored()[0]!.deposit!.status === 'Released', { timeoutMs: 10_000, what: 'released at Swikly' });
      await waitFor(async () => (await callOk(later, 'deposits/get', { bookingId: id })).state === 'released', { timeoutMs: 10_000, what: 'released on the dossier' });
      depositSweep(later.ctx);
      expect(later.database.sqlite.prepare(`SELECT count(*) FROM outbox WHERE kind = 'swikly/releaseRequest'`).pluck().get()).toBe(1);
    } finally {
      later.close();
    }
  });
});

/** The agency sends through the local SMTP server on `port`. */
const useSmtp = (port: number) =>
  callOk(t.core, 'emails/settings/save', {
    agencyId: t.agencyId,
    smtp: { host: '127.0.0.1', port, security: 'none', user: '', password: '', senderName: 'Agence des Sables', senderEmail: 'contact@agence-sables.fr', replyTo: '', perMinute: 6000 },
    rules: [],
  });

describe('automatic reminder', () => {
  it('sends « Sécurisation caution » again N days after the request while the deposit is not secured, once', async () => {
    const sink = await startSmtpSink();
    try {
      await useSmtp(sink.port);
      await connect({ reminderDays: 2 });
      await propertyDefaults(30_000);
      const { id, number } = await callOk(t.core, 'bookings/create', stay());
      await until('request created', async () => (await deposit(id)).state === 'requested');
      const secured = await callOk(t.core, 'bookings/create', stay({ propertyId: t.otherPropertyId }));
      await until('second request created', async () => (await deposit(secured.id)).state === 'requested');
      await fake.control.checkout(fake.stored()[1]!.id, 'accepted');
      await t.core.sync.pollNow(`swikly/deposits:${t.agencyId}`, true);
      await sink.waitFor(2); // the two confirmations
      const file = t.core.database.sqlite.name;
      t.core.close();
      // Three days later: the unsecured one is reminded, the secured one is not.
      const later = createAppCore({ dbFile: file, migrationsDir: MIGRATIONS_DIR, host: 'browser', version: 'test', pinnedNow: new Date('2026-07-04T08:00:00Z'), sync: { startDelayMs: 0 } });
      try {
        await sink.waitFor(3);
        depositSweep(later.ctx);
        await new Promise((r) => setTimeout(r, 300));
        const reminders = sink.received.filter((m) => m.subject?.startsWith('Sécurisation de votre caution'));
        expect(reminders.map((m) => m.subject)).toEqual([`Sécurisation de votre caution — dossier ${number}`]);
        expect(reminders[0]!.text).toContain(fake.stored()[0]!.link);
      } finally {
        later.close();
      }
    } finally {
      await sink.close();
    }
  });
});

describe('« Mail auto sécurisation caution »', () => {
  it('sent before the link exists, the e-mail waits for it and leaves with it, never with a blank', async () => {
    const sink = await startSmtpSink();
    try {
      await useSmtp(sink.port);
      await connect();
      await propertyDefaults(30_000);
      // Swikly fails: the request waits in the outbox, its link does not exist yet.
      await fake.control.faults({ kind: 'http500', method: 'POST', path: '/accounts/*/requests', times: 1_000 });
      const { id, number } = await callOk(t.core, 'bookings/create', stay());
      const copy = await callOk(t.core, 'deposits/copyLink', { bookingId: id });
      expect(copy).toMatchObject({ link: null, message: expect.stringMatching(/n'existe pas encore/) });
      const sent = await callOk(t.core, 'deposits/sendRequestMail', { bookingIds: [id] });
      expect(sent).toMatchObject({ queued: 0, skipped: [], held: [expect.objectContaining({ number, reason: expect.stringMatching(/En attente du lien Swikly/) })] });
      expect((await callOk(t.core, 'emails/forBooking', { bookingId: id })).messages.find((m: { kind: string }) => m.kind === 'depositRequest')).toMatchObject({ state: 'held' });
      await fake.control.clearFaults();
      await until('request created', async () => (await deposit(id)).state === 'requested');
      const link = fake.stored()[0]!.link;
      await waitFor(() => sink.received.some((m) => /caution/i.test(m.subject ?? '') && (m.text ?? '').includes(link)), { timeoutMs: 10_000, what: 'the e-mail with its link' });
      const mail = sink.received.find((m) => (m.text ?? '').includes(link))!;
      expect(mail.subject).toBe(`Sécurisation de votre caution — dossier ${number}`);
      const comms = await callOk(t.core, 'emails/forBooking', { bookingId: id });
      expect(comms.messages.find((m: { kind: string }) => m.kind === 'depositRequest')).toMatchObject({ state: 'sent' });
    } finally {
      await sink.close();
    }
  });
});

describe('lost answers, refusals and limits', () => {
  it('a key revoked at Swikly stops every call until staff reconnect, and says so', async () => {
    await connect();
    await propertyDefaults(30_000);
    const first = await callOk(t.core, 'bookings/create', stay());
    await until('request created', async () => (await deposit(first.id)).state === 'requested');
    await fake.control.reset({ empty: true }); // the key no longer exists at Swikly
    const report = await t.core.sync.pollNow(`swikly/deposits:${t.agencyId}`, true);
    expect(report.error).toMatch(/Swikly refuse la clé API/);
    expect(await callOk(t.core, 'swikly/settings/get', { agencyId: t.agencyId })).toMatchObject({ ready: false, connectedAt: null });
    await fake.control.clearLog();
    // Nothing more goes to Swikly with that key: not the next poll, not a new dossier's request.
    await t.core.sync.pollNow(`swikly/deposits:${t.agencyId}`, true);
    const second = await callOk(t.core, 'bookings/create', stay({ propertyId: t.otherPropertyId }));
    expect((await deposit(second.id)).state).toBe('to_request');
    await new Promise((r) => setTimeout(r, 300));
    expect(await fake.control.log()).toEqual([]);
  });

  it('a create whose answer is lost after Swikly committed it is adopted, not sent twice', async () => {
    await connect();
    await propertyDefaults(30_000);
    await fake.control.faults({ kind: 'dropAfterCommit', method: 'POST', path: '/accounts/*/requests', times: 1 });
    const { id } = await callOk(t.core, 'bookings/create', stay());
    await until('request adopted', async () => (await deposit(id)).state === 'requested');
    expect(fake.stored()).toHaveLength(1);
    expect((await deposit(id)).link).toBe(fake.stored()[0]!.link);
    const log = await fake.control.log();
    expect(log.filter((r) => r.method === 'GET' && r.query.search)).not.toHaveLength(0);
  });

  it('created while Swikly is down: exactly one request once it answers again (5xx and 429 survived)', async () => {
    await connect();
    await propertyDefaults(30_000);
    await fake.control.faults({ kind: 'http500', method: 'POST', path: '/accounts/*/requests', times: 2 }, { kind: 'http429', method: 'POST', path: '/accounts/*/requests', times: 1, retryAfter: 1 });
    const { id } = await callOk(t.core, 'bookings/create', stay());
    expect((await deposit(id)).state).toBe('requesting');
    await until('request created after faults', async () => (await deposit(id)).state === 'requested');
    expect(fake.stored()).toHaveLength(1);
  });

  it('an amount Swikly refuses (422) parks the request with the reason; the dossier stays intact', async () => {
    await connect();
    await propertyDefaults(30_000);
    // A stay already over: Swikly refuses an end date in the past.
    const { id, number } = await callOk(t.core, 'bookings/create', stay({ arrival: '2026-06-20', departure: '2026-06-27' }));
    await until('refused', async () => (await deposit(id)).state === 'failed');
    const info = await deposit(id);
    expect(info.lastError).toMatch(/Swikly a refusé la demande — fin de la caution \(départ\)/);
    const detail = await callOk(t.core, 'bookings/get', { id });
    expect(detail).toMatchObject({ number, status: 'confirmed', arrival: '2026-06-20' });
    expect(fake.stored()).toHaveLength(0);
    const ops = await callOk(t.core, 'sync/operations', { filter: 'failed' });
    expect(ops.rows).toEqual([expect.objectContaining({ label: 'Demande de caution Swikly', dossierNumber: number, reason: expect.stringMatching(/Swikly a refusé/) })]);
  });
});
