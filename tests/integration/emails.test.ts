// E-mail end to end below the screen: settings, templates, E-mail Auto lists, batch and
// per-recipient sends through the outbox to a real SMTP server on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients, properties } from '../../src-main/db/schema';
import { uuidv7 } from '../../src-main/db/ids';
import { callOk, countRows, openTestAgency, type TestAgency } from '../support/app';
import { startSmtpSink, type SmtpSink } from '../fakes/smtp-sink';

let t: TestAgency;
let sink: SmtpSink;

const NOW = new Date('2026-07-01T08:00:00Z'); // 10:00 in Paris, 1 July

beforeEach(async () => {
  sink = await startSmtpSink({ user: 'agence', password: 'secret' });
  t = openTestAgency(NOW, { sync: { startDelayMs: 0, statusDebounceMs: 5, backoff: { baseMs: 50, maxMs: 200, random: () => 0.5 } } });
});
afterEach(async () => {
  t.cleanup();
  await sink.close();
});

const smtp = (over: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: sink.port,
  security: 'none',
  user: 'agence',
  password: 'secret',
  senderName: 'Agence des Sables',
  senderEmail: 'contact@agence-sables.fr',
  replyTo: '',
  perMinute: 6000,
  ...over,
});

async function configure(over: Record<string, unknown> = {}, rules: unknown[] = []) {
  return callOk(t.core, 'emails/settings/save', { agencyId: t.agencyId, smtp: smtp(over), rules });
}

const stay = (over: Record<string, unknown> = {}) => ({
  propertyId: t.propertyId,
  clientId: t.clientId,
  status: 'confirmed',
  source: 'counter',
  arrival: '2026-07-03',
  departure: '2026-07-10',
  adults: 2,
  lines: [{ label: 'Loyer', kind: 'rent', quantity: 1, unitPriceCents: 90_000 }],
  ...over,
});

async function client(over: Record<string, unknown>) {
  return (await callOk(t.core, 'clients/create', { agencyId: t.agencyId, lastName: 'Petit', firstName: 'Léa', email: 'lea.petit@example.fr', ...over })).id as string;
}

async function until<T>(read: () => T, ok: (v: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = read();
    if (ok(v)) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const emailStates = () =>
  (t.core.database.sqlite.prepare('SELECT state, count(*) AS n FROM emails GROUP BY state').all() as { state: string; n: number }[]).reduce<Record<string, number>>((m, r) => ({ ...m, [r.state]: r.n }), {});

describe('SMTP settings', () => {
  it('keeps the password out of the database and out of the answer, and « Tester » reaches the server', async () => {
    const saved = await configure();
    expect(saved.smtp).toMatchObject({ host: '127.0.0.1', hasPassword: true });
    expect(JSON.stringify(saved)).not.toContain('secret');
    const dump = t.core.database.sqlite.prepare('SELECT * FROM agency_email_settings').all();
    expect(JSON.stringify(dump)).not.toContain('secret');

    const test = await callOk(t.core, 'emails/settings/test', { agencyId: t.agencyId, to: 'moi@agence-sables.fr' });
    expect(test.message).toMatch(/remis au serveur pour moi@agence-sables\.fr/);
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toBe('Comptoir : e-mail de test (Agence des Sables)');
    expect(mail!.from?.value[0]).toMatchObject({ address: 'contact@agence-sables.fr', name: 'Agence des Sables' });
  });

  it('says in French when the credentials are refused or the server cannot be reached', async () => {
    await configure({ password: 'faux' });
    const refused = await t.core.dispatch('emails/settings/test', { agencyId: t.agencyId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'remote_failed', message: expect.stringMatching(/refuse l'identifiant ou le mot de passe. Corrigez-les, enregistrez/) } });

    await configure({ port: 1 });
    const unreachable = await t.core.dispatch('emails/settings/test', { agencyId: t.agencyId });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'remote_failed', message: expect.stringMatching(/injoignable \(ECONNREFUSED\). Vérifiez le serveur, le port/) } });
    expect(sink.received).toHaveLength(0);
  });

  it('refuses a sender address that is not one, and changes nothing', async () => {
    const bad = await t.core.dispatch('emails/settings/save', { agencyId: t.agencyId, smtp: smtp({ senderEmail: 'contact@' }), rules: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Adresse e-mail invalide/) } });
    expect(countRows(t.core, 'agency_email_settings')).toBe(0);
  });
});

describe('template manager', () => {
  it('seeds French and English defaults for every kind, and refuses unknown merge fields', async () => {
    const templates = await callOk(t.core, 'emails/templates/list', { agencyId: t.agencyId });
    expect(templates).toHaveLength(14);
    const bad = await t.core.dispatch('emails/templates/save', { agencyId: t.agencyId, kind: 'arrivalReminder', language: 'fr', subject: 'Arrivée {{arivee}}', html: '<p>{{nom}}</p>' });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('{{arivee}}') } });
    const empty = await t.core.dispatch('emails/templates/save', { agencyId: t.agencyId, kind: 'arrivalReminder', language: 'fr', subject: '  ', html: '<p>x</p>' });
    expect(empty).toMatchObject({ ok: false, error: { message: "Saisie refusée — Objet : Indiquez l'objet de l'e-mail." } });
  });

  it('previews a template with a real dossier of the agency', async () => {
    const { number } = await callOk(t.core, 'bookings/create', stay());
    const preview = await callOk(t.core, 'emails/templates/preview', {
      agencyId: t.agencyId,
      kind: 'arrivalReminder',
      language: 'fr',
      subject: 'Dossier {{numero_dossier}}',
      html: '<p>{{civilite}} {{nom}}, arrivée le {{arrivee}} à {{logement}} ; caution {{montant_caution}}</p>',
    });
    expect(preview).toMatchObject({ number, subject: `Dossier ${number}`, missing: ['montant_caution'], unknown: [] });
    expect(preview.html).toContain('Monsieur Martin, arrivée le 03/07/2026 à Villa Les Mouettes');
  });
});

describe('E-mail Auto', () => {
  it('sends a tab in one batch: one message per dossier, UTF-8, Message-ID from Comptoir, never twice', async () => {
    await configure();
    const { id, number } = await callOk(t.core, 'bookings/create', stay());
    await sink.waitFor(1); // the confirmation e-mail the creation queued
    const due = await callOk(t.core, 'emails/due/list', { agencyId: t.agencyId, kind: 'arrivalReminder' });
    expect(due).toEqual([expect.objectContaining({ bookingId: id, number, email: 'jean.martin@example.fr', dueDate: '2026-06-26', anchorDate: '2026-07-03', late: true, skip: null })]);
    expect(await callOk(t.core, 'emails/due/counts', { agencyId: t.agencyId })).toMatchObject({ arrivalReminder: 1 });

    const batch = await callOk(t.core, 'emails/batch/start', { agencyId: t.agencyId, kind: 'arrivalReminder' });
    expect(batch).toMatchObject({ total: 1, skipped: [] });
    const [, mail] = await sink.waitFor(2);
    expect(mail!.subject).toMatch(/arrivée/i);
    expect(mail!.text).toContain('Villa Les Mouettes');
    const emailId = t.core.database.sqlite.prepare(`SELECT id FROM emails WHERE kind = 'arrivalReminder'`).pluck().get() as string;
    expect(mail!.messageId).toBe(`<${emailId}@agence-sables.fr>`);
    await until(() => emailStates(), (s) => s.sent === 2);

    // A second click, or a batch replayed after a crash: nothing more leaves.
    const again = await callOk(t.core, 'emails/batch/start', { agencyId: t.agencyId, kind: 'arrivalReminder' });
    expect(again.total).toBe(0);
    expect(await callOk(t.core, 'emails/due/list', { agencyId: t.agencyId, kind: 'arrivalReminder' })).toEqual([]);
    // The counts follow (they are kept only while nothing was written).
    expect(await callOk(t.core, 'emails/due/counts', { agencyId: t.agencyId })).toMatchObject({ arrivalReminder: 0 });
    await new Promise((r) => setTimeout(r, 100));
    expect(sink.received).toHaveLength(2);

    const comms = await callOk(t.core, 'emails/forBooking', { bookingId: id });
    expect(comms.messages.map((m: any) => [m.kindLabel, m.state])).toEqual([
      ['Rappel arrivées', 'sent'],
      ['Confirmation de réservation', 'sent'],
    ]);
    expect(comms.messages[0].html).toBe(mail!.html);
    expect(comms.scheduled.map((s: any) => s.kindLabel)).toEqual(['Rappel solde', 'Après départ']);
  });

  it('skips, with the reason, a client without address, one whose address is not one, and one who prefers post', async () => {
    await configure();
    const noMail = await client({ lastName: 'Sansmail', email: '' });
    const post = await client({ lastName: 'Postal', email: 'postal@example.fr', commPreference: 'post' });
    await callOk(t.core, 'bookings/create', stay({ clientId: noMail }));
    await callOk(t.core, 'bookings/create', stay({ clientId: post, propertyId: t.otherPropertyId }));
    // A rental entered without its address: the reminder's {{logement_adresse}} would be blank.
    const bare = uuidv7();
    t.core.database.db.insert(properties).values({ id: bare, agencyId: t.agencyId, code: 'SAB-009', name: 'Cabane', city: '', capacity: 2, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() }).run();
    await callOk(t.core, 'bookings/create', stay({ clientId: await client({ lastName: 'Sansadresse', email: 'sa@example.fr' }), propertyId: bare }));
    // An address kept from before the fiche checked it (accented local part): the rule is the fiche's.
    const third = uuidv7();
    const source = t.core.database.db.select().from(properties).where(eq(properties.id, t.propertyId)).get()!;
    t.core.database.db.insert(properties).values({ ...source, id: third, code: 'SAB-010' }).run();
    const oddId = uuidv7();
    t.core.database.db.insert(clients).values({ id: oddId, agencyId: t.agencyId, lastName: 'Fautive', firstName: 'Léa', email: 'léa.fautive@exemple.fr', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() }).run();
    await callOk(t.core, 'bookings/create', stay({ clientId: oddId, propertyId: third }));
    const listed = await callOk(t.core, 'emails/due/list', { agencyId: t.agencyId, kind: 'arrivalReminder' });
    expect(listed.map((r: any) => [r.clientName, r.skip, r.missing])).toEqual(
      expect.arrayContaining([
        ['Sansmail Léa', 'no_address', []],
        ['Postal Léa', 'prefers_post', []],
        ['Sansadresse Léa', 'missing_field', ['logement_adresse']],
        ['Fautive Léa', 'invalid_address', []],
      ]),
    );
    const batch = await callOk(t.core, 'emails/batch/start', { agencyId: t.agencyId, kind: 'arrivalReminder' });
    expect(batch.total).toBe(0);
    expect(batch.skipped.map((s: any) => [s.clientName, s.reason])).toEqual(
      expect.arrayContaining([
        ['Sansmail Léa', 'no_address'],
        ['Postal Léa', 'prefers_post'],
        ['Sansadresse Léa', 'missing_field'],
        ['Fautive Léa', 'invalid_address'],
      ]),
    );
    expect(batch.skipped.find((s: any) => s.reason === 'prefers_post').message).toMatch(/préfère le courrier/);
  });

  it('per recipient: CRÉER MAIL fills the template, the edited text is what arrives', async () => {
    await configure();
    const { id } = await callOk(t.core, 'bookings/create', stay());
    await sink.waitFor(1);
    const draft = await callOk(t.core, 'emails/draft', { agencyId: t.agencyId, kind: 'arrivalReminder', bookingId: id });
    expect(draft).toMatchObject({ to: 'jean.martin@example.fr', anchorDate: '2026-07-03', missing: [] });
    const sent = await callOk(t.core, 'emails/send', {
      agencyId: t.agencyId,
      kind: 'arrivalReminder',
      bookingId: id,
      to: draft.to,
      subject: `${draft.subject} — clés chez la voisine`,
      html: `${draft.html}<p>Les clés sont chez Mme Müller, au n° 12 : « sonnez deux fois » 🔑</p>`,
      anchorDate: draft.anchorDate,
    });
    const [, mail] = await sink.waitFor(2);
    expect(mail!.subject).toBe(`${draft.subject} — clés chez la voisine`);
    expect(mail!.text).toContain('Mme Müller, au n° 12 : « sonnez deux fois » 🔑');
    expect(sent.emailId).toBeTruthy();
    // Done by hand: the batch will not send it again.
    expect(await callOk(t.core, 'emails/due/list', { agencyId: t.agencyId, kind: 'arrivalReminder' })).toEqual([]);
    const twice = await t.core.dispatch('emails/send', { agencyId: t.agencyId, kind: 'arrivalReminder', bookingId: id, to: draft.to, subject: 'x', html: '<p>x</p>', anchorDate: draft.anchorDate });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a mailbox refused by the server (550) fails with its reason and is listed again; a 451 is retried', async () => {
    await configure();
    sink.rejectMailbox('jean.martin@example.fr');
    const { id } = await callOk(t.core, 'bookings/create', stay());
    await until(() => emailStates(), (s) => s.failed === 1);
    const failed = (await callOk(t.core, 'emails/forBooking', { bookingId: id })).messages[0];
    expect(failed).toMatchObject({ kindLabel: 'Confirmation de réservation', state: 'failed', error: expect.stringMatching(/refusé le message.*User unknown/) });

    sink.clearFaults();
    sink.deferMailbox('jean.martin@example.fr');
    await callOk(t.core, 'emails/batch/start', { agencyId: t.agencyId, kind: 'arrivalReminder' });
    await until(() => t.core.database.sqlite.prepare(`SELECT attempts FROM outbox WHERE state = 'pending'`).pluck().get() as number | undefined, (n) => (n ?? 0) >= 2);
    expect(sink.received).toHaveLength(0);
    sink.clearFaults();
    await sink.waitFor(1);
    await until(() => emailStates(), (s) => s.sent === 1);
  });

  it('lists a sent reminder again, marked « dates modifiées », when the stay moves', async () => {
    await configure();
    const { id } = await callOk(t.core, 'bookings/create', stay());
    await callOk(t.core, 'emails/batch/start', { agencyId: t.agencyId, kind: 'arrivalReminder' });
    await sink.waitFor(2);
    await until(() => emailStates(), (s) => s.sent === 2);
    const detail = await callOk(t.core, 'bookings/get', { id });
    const { clientId: _c, status: _s, source: _src, ...editable } = stay();
    await callOk(t.core, 'bookings/update', {
      ...editable,
      id,
      arrival: '2026-07-04',
      departure: '2026-07-11',
      lines: detail.lines.map((l: any) => ({ label: l.label, kind: l.kind, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
    });
    const due = await callOk(t.core, 'emails/due/list', { agencyId: t.agencyId, kind: 'arrivalReminder' });
    expect(due).toEqual([expect.objectContaining({ bookingId: id, anchorDate: '2026-07-04', datesChanged: true })]);
  });

  it('a cancelled dossier drops out of the lists', async () => {
    await configure();
    const { id } = await callOk(t.core, 'bookings/create', stay());
    await callOk(t.core, 'bookings/cancel', { id, reason: 'Annulation client' });
    expect(await callOk(t.core, 'emails/due/list', { agencyId: t.agencyId, kind: 'arrivalReminder' })).toEqual([]);
    const comms = await callOk(t.core, 'emails/forBooking', { bookingId: id });
    expect(comms.scheduled).toEqual([]);
    await until(() => emailStates(), (s) => s.sent === 2);
    await sink.waitFor(2);
    expect(sink.received.map((m) => m.subject)).toEqual([expect.stringMatching(/confirm/i), expect.stringMatching(/annul/i)]);
  });

  it('refuses to send without an SMTP server, and says where to set it', async () => {
    const { id } = await callOk(t.core, 'bookings/create', stay());
    const r = await t.core.dispatch('emails/batch/start', { agencyId: t.agencyId, kind: 'arrivalReminder' });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Paramétrage › Agences › Emails/) } });
    expect(countRows(t.core, 'emails')).toBe(0);
    expect(countRows(t.core, 'outbox')).toBe(0);
    void id;
  });
});

describe('automatic e-mails of an action (confirmation, cancellation)', () => {
  const notCreated = async (bookingId: string) => (await callOk(t.core, 'emails/forBooking', { bookingId })).notCreated;
  const history = (bookingId: string) =>
    t.core.database.sqlite
      .prepare(`SELECT action, changes FROM audit_log WHERE entity = 'booking' AND entity_id = ? ORDER BY at, id`)
      .all(bookingId) as { action: string; changes: string }[];

  it('an option confirmed for a client without e-mail: nothing is sent, the clerk is told why, the dossier keeps it until one is sent by hand', async () => {
    await configure();
    const clientId = await client({ email: '' });
    const { id, emailNotice: atCreation } = await callOk(t.core, 'bookings/create', stay({ clientId, status: 'option', optionExpiresAt: '2026-07-02T08:00:00Z' }));
    expect(atCreation).toBeNull(); // an option gets no confirmation

    const confirmed = await callOk(t.core, 'bookings/confirm', { id });
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.emailNotice).toBe("E-mail « Confirmation de réservation » non envoyé : pas d'adresse e-mail : ajoutez-la sur la fiche du client, ou envoyez un courrier.");
    expect(countRows(t.core, 'emails')).toBe(0);
    expect(history(id).map((h) => h.action)).toEqual(['create', 'confirm', 'email_not_created']);
    expect(await notCreated(id)).toEqual([
      expect.objectContaining({ kind: 'bookingConfirmation', kindLabel: 'Confirmation de réservation', reason: expect.stringMatching(/^pas d'adresse e-mail/) }),
    ]);

    // The guest gives an address at the counter; the clerk sends the confirmation from Communications: the warning goes.
    const draft = await callOk(t.core, 'emails/draft', { agencyId: t.agencyId, bookingId: id, kind: 'bookingConfirmation' });
    await callOk(t.core, 'emails/send', { agencyId: t.agencyId, bookingId: id, kind: 'bookingConfirmation', to: 'lea.petit@example.fr', subject: draft.subject, html: draft.html });
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toMatchObject({ text: expect.stringContaining('lea.petit@example.fr') });
    expect(await notCreated(id)).toEqual([]);
  });

  it('without an SMTP server, a confirmed creation and a cancellation each say where to set one; with one, they are queued and sent', async () => {
    const { id, emailNotice } = await callOk(t.core, 'bookings/create', stay());
    expect(emailNotice).toMatch(/^E-mail « Confirmation de réservation » non envoyé : aucun serveur d'e-mails .*Paramétrage › Agences › Emails/);
    const cancelled = await callOk(t.core, 'bookings/cancel', { id, reason: 'Annulation client' });
    expect(cancelled.emailNotice).toMatch(/^E-mail « Annulation » non envoyé : aucun serveur/);
    expect((await notCreated(id)).map((n: { kind: string }) => n.kind)).toEqual(['bookingCancellation', 'bookingConfirmation']);
    expect(countRows(t.core, 'outbox')).toBe(0);

    await configure();
    const second = await callOk(t.core, 'bookings/create', stay({ arrival: '2026-08-01', departure: '2026-08-08' }));
    expect(second.emailNotice).toBeNull();
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toMatch(/confirm/i);
    expect(await notCreated(second.id)).toEqual([]);
  });
});
