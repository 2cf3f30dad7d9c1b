// E-mail Auto and a dossier's Communications, against a real SMTP server on 127.0.0.1: what the
// clerk sees, and what the guests' mailboxes actually received.
import { startSmtpSink, type SmtpSink } from '../fakes/smtp-sink';
import { CommunicationsSection, configureSmtp, EmailAutoScreen } from './support/email-pages';
import { expect, test } from './support/host';
import { Workstation } from './support/pages';

let sink: SmtpSink;
test.beforeEach(async () => {
  sink = await startSmtpSink();
});
test.afterEach(async () => {
  await sink.close();
});

const recipients = () => sink.received.map((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address!.toLowerCase()).sort();

test('« TOUT CRÉER ET ENVOYER AUTOMATIQUEMENT » sends every Rappel arrivées of the list exactly once and says what it skipped', async ({ page, host }) => {
  // The demo's arrivals fall on Saturdays: with the default 3 days the tab is empty on the pinned
  // Saturday, so the agency asks 30 days ahead, which lists a month of arrivals.
  const agency = await configureSmtp(host.url, sink, [{ kind: 'arrivalReminder', offsetDays: 30 }]);
  const screen = new EmailAutoScreen(page);
  await screen.open(host.url, 'arrivalReminder');
  await expect(screen.tab('Rappel arrivées')).toHaveAttribute('aria-selected', 'true');

  const rows = await screen.readRows();
  expect(rows.length).toBeGreaterThan(1);
  expect(await screen.tabCount('Rappel arrivées')).toBe(rows.length);
  const knownSkips = rows.filter((r) => r.skipped);
  const sendable = rows.length - knownSkips.length;

  await screen.batchButton().click();
  const dialog = screen.confirmDialog();
  await expect(dialog).toContainText(`Envoyer ${sendable} e-mails « Rappel arrivées » pour ${agency.name} ?`);
  await dialog.getByRole('button', { name: `Envoyer ${sendable} e-mails` }).click();
  await expect(dialog).toBeHidden();

  // The batch skips what it knows it cannot send; a template field without a value may add some.
  await expect(screen.stopButton().or(screen.batch().getByRole('button', { name: 'Fermer le résumé' }))).toBeVisible();
  await expect(screen.batch().getByRole('status')).toContainText('Terminé', { timeout: 20_000 });
  const skippedTexts = await screen.skippedItems().allTextContents();
  for (const r of knownSkips) expect(skippedTexts.some((t) => t.includes(r.number) && t.includes("Pas d'adresse e-mail"))).toBe(true);
  const skippedNumbers = rows.filter((r) => skippedTexts.some((t) => t.includes(r.number))).map((r) => r.number);
  const expected = rows.filter((r) => !skippedNumbers.includes(r.number));
  expect(expected.length).toBeGreaterThan(0);

  const bar = screen.progress();
  await expect(bar).toHaveAttribute('aria-valuemax', String(expected.length));
  await expect(bar).toHaveAttribute('aria-valuenow', String(expected.length));
  await expect(screen.summary()).toContainText(`${expected.length} envoyés`);
  await expect(screen.summary()).toContainText(`${skippedNumbers.length} ignoré`);
  for (const n of skippedNumbers) {
    await expect(screen.skippedItems().filter({ hasText: n }).getByRole('link', { name: `Ouvrir le dossier ${n}` })).toBeVisible();
  }

  // Each guest of the list got their reminder once, in their language; nobody else got one.
  await sink.waitFor(expected.length);
  expect(recipients()).toEqual(expected.map((r) => r.email.toLowerCase()).sort());
  for (const mail of sink.received) expect(mail.subject).toMatch(/^(Votre arrivée le|Your arrival on) \d\d\/\d\d\/\d{4}/);

  // Only what could not be sent stays in the tab, still saying why.
  await expect.poll(() => screen.tabCount('Rappel arrivées')).toBe(skippedNumbers.length);
  expect((await screen.readRows()).map((r) => r.number)).toEqual(skippedNumbers);
  expect(sink.received).toHaveLength(expected.length);
});

test('CRÉER MAIL then ENVOYER sends the edited text to one guest, and the dossier keeps it in its Communications', async ({ page, host }) => {
  await configureSmtp(host.url, sink);
  const screen = new EmailAutoScreen(page);
  await screen.open(host.url, 'balanceReminder');
  const rows = await screen.readRows();
  const before = await screen.tabCount('Rappel solde');
  const target = rows.find((r) => !r.skipped)!;

  await screen.createMailFor(target.number);
  await expect(screen.to()).toHaveValue(target.email);
  await expect(screen.subject()).toHaveValue(/solde|balance/i);

  // A refusal of main is shown in the clerk's words, and nothing leaves.
  await screen.subject().fill('');
  await screen.sendButton().click();
  await expect(screen.alert()).toHaveText("Saisie refusée — Objet : Indiquez l'objet de l'e-mail.");

  const subject = `Solde de votre séjour — dossier ${target.number} (message relu)`;
  const added = 'Nous avons bien noté votre virement annoncé pour lundi, merci.';
  await screen.subject().fill(subject);
  await screen.editInHtml((html) => `${html}\n<p>${added}</p>`);
  await screen.sendButton().click();

  await expect(screen.toast()).toHaveText(`E-mail « Rappel solde » du dossier ${target.number} envoyé à ${target.email}.`);
  await expect(screen.row(target.number)).toHaveCount(0);
  await expect.poll(() => screen.tabCount('Rappel solde')).toBe(before - 1);

  const [mail] = await sink.waitFor(1);
  expect(mail!.subject).toBe(subject);
  expect(mail!.text).toContain(added);
  expect(mail!.html || '').toContain(added);
  expect(recipients()).toEqual([target.email.toLowerCase()]);

  // The dossier shows it as sent, with the same content.
  await page.goto(new URL(target.href, host.url).toString());
  const comms = new CommunicationsSection(page);
  const item = comms.message(subject);
  await expect(item).toContainText(/Rappel solde.*Envoyé le \d\d\/\d\d\/\d{4} \d\d:\d\d/);
  await comms.expand(item);
  await expect(item.locator('dl')).toContainText(target.email);
  await expect(comms.content(item)).toContainText(added);
});

test('Accueil shows « N e-mails à envoyer » per tab and its card opens E-mail Auto on that tab', async ({ page, host }) => {
  const app = new Workstation(page);
  await app.open(host.url);
  const cards = page.getByRole('list', { name: 'Infos du jour' }).getByRole('link', { name: /e-mails? à envoyer — / });
  await expect(cards.first()).toBeVisible();
  const texts = await cards.allTextContents();
  const total = texts.reduce((sum, t) => sum + Number(t.match(/^(\d+)/)![1]), 0);
  await expect(app.navigation().getByRole('link', { name: `E-mail Auto ${total} e-mails à envoyer` })).toBeVisible();

  const card = cards.filter({ hasText: 'Après départ' });
  const n = Number(((await card.textContent()) ?? '').match(/^(\d+)/)![1]);
  await card.click();
  const screen = new EmailAutoScreen(page);
  await expect(screen.heading()).toBeVisible();
  await expect(page).toHaveURL(/#\/email-auto\?tab=afterDeparture$/);
  await expect(screen.tab('Après départ')).toHaveAttribute('aria-selected', 'true');
  expect(await screen.readRows()).toHaveLength(n);

  // The tabs follow the arrow keys, and the address keeps the tab.
  await screen.tab('Après départ').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(screen.tab('Expiration Options')).toBeFocused();
  await expect(screen.tab('Expiration Options')).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/tab=optionExpiry$/);

  // No SMTP server yet: the screen says so and where to set it, rather than failing on a click.
  await expect(page.getByRole('note').getByRole('link', { name: /Configurer l'envoi des e-mails/ })).toHaveAttribute('href', '#/parametrage/emails');
  await expect(screen.batchButton()).toBeDisabled();

  // One run per agency: with « Toutes les agences » the screen asks which one.
  await app.chooseAgency('Toutes les agences');
  await expect(page.getByText(/s'envoient agence par agence/)).toBeVisible();
  await page.getByLabel("Agence de l'envoi").selectOption({ label: 'Agence des Sables' });
  await expect(screen.tab('Expiration Options')).toHaveAttribute('aria-selected', 'true');
});

test('« Envoyer un e-mail… » from a dossier sends the chosen template now', async ({ page, host }) => {
  await configureSmtp(host.url, sink);
  const screen = new EmailAutoScreen(page);
  await screen.open(host.url, 'balanceReminder');
  const target = (await screen.readRows()).find((r) => !r.skipped)!;
  await screen.row(target.number).getByRole('link', { name: target.number }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${target.number}`);

  const comms = new CommunicationsSection(page);
  await expect(comms.scheduled().filter({ hasText: 'Rappel solde' })).toBeVisible();
  await comms.sendButton().click();
  const dialog = comms.dialog();
  await dialog.getByLabel('Modèle').selectOption({ label: 'Confirmation de réservation' });
  await expect(dialog.getByLabel('Objet :')).toHaveValue(new RegExp(target.number));
  await expect(dialog.getByLabel('À :')).toHaveValue(target.email);
  const subject = await dialog.getByLabel('Objet :').inputValue();
  await dialog.getByRole('button', { name: 'ENVOYER' }).click();
  await expect(dialog.getByRole('status')).toHaveText(`E-mail « Confirmation de réservation » envoyé à ${target.email}. Il apparaît dans les Communications du dossier.`);
  await dialog.getByRole('button', { name: 'Fermer' }).click();

  const [mail] = await sink.waitFor(1);
  expect(mail!.subject).toBe(subject);
  expect(recipients()).toEqual([target.email.toLowerCase()]);
  await expect(comms.message(subject)).toContainText(/Confirmation de réservation.*Envoyé le/);
});
