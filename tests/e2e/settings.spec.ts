// Paramétrage › Agences › Emails: the agency's SMTP server (with « Tester » against a real SMTP
// server on 127.0.0.1), the délais of E-mail Auto, and the gestionnaire d'email.
import { formatStayDate } from '../../src-shared/domain';
import { startSmtpSink, type SmtpSink } from '../fakes/smtp-sink';
import { contractOver, expect, test } from './support/host';
import { SettingsClerk } from './support/settings-pages';

let sink: SmtpSink;
test.beforeEach(async () => {
  sink = await startSmtpSink({ user: 'agence', password: 'secret' });
});
test.afterEach(async () => {
  await sink.close();
});

test('the agency sends through its own SMTP server: saved, tested, the password never shown again', async ({ page, host }) => {
  const clerk = new SettingsClerk(page);
  const screen = clerk.screen;
  await clerk.openEmails(host.url);
  await expect(screen.tab('Emails')).toHaveAttribute('aria-selected', 'true');

  // A security choice brings its usual port along while the port is not one of the clerk's own.
  await screen.security().selectOption({ label: 'TLS' });
  await expect(screen.smtpField('Port')).toHaveValue('465');
  await screen.security().selectOption({ label: 'Aucune — relais local' });
  await expect(screen.smtpField('Port')).toHaveValue('25');

  await clerk.fillSmtp({
    host: '127.0.0.1',
    security: 'Aucune — relais local',
    port: sink.port,
    user: 'agence',
    password: 'secret',
    senderName: 'Agence des Sables',
    senderEmail: 'reservations@agence-des-sables.example.fr',
  });
  await screen.smtpField('Messages par minute').fill('30');
  await expect(screen.unsavedMarker()).toBeVisible();
  await expect(screen.testButton()).toBeDisabled(); // the test uses what is saved
  await clerk.saveSettings();
  await expect(screen.unsavedMarker()).toBeHidden();

  await screen.testRecipient().fill('accueil@agence-des-sables.example.fr');
  await screen.testButton().click();
  await expect(screen.testAnswer()).toContainText('E-mail de test remis au serveur pour accueil@agence-des-sables.example.fr');
  await expect(screen.testAnswer()).toContainText('Message queued as 1');
  const [mail] = await sink.waitFor(1);
  expect(mail!.subject).toBe('Comptoir : e-mail de test (Agence des Sables)');
  expect(mail!.to).toMatchObject({ value: [{ address: 'accueil@agence-des-sables.example.fr' }] });

  await page.reload();
  await expect(screen.smtpField('Serveur')).toHaveValue('127.0.0.1');
  await expect(screen.security()).toHaveValue('none');
  await expect(screen.smtpField('Port')).toHaveValue(String(sink.port));
  await expect(screen.smtpField("Adresse d'expéditeur")).toHaveValue('reservations@agence-des-sables.example.fr');
  await expect(screen.passwordGroup()).toContainText('Mot de passe enregistré');
  expect(await page.content()).not.toContain('secret');

  // A wrong password: the server's refusal, in French, where the clerk clicked.
  await clerk.changePassword('faux');
  await clerk.saveWithKeyboard();
  await expect(screen.passwordGroup()).toContainText('Mot de passe enregistré');
  await screen.testButton().click();
  await expect(screen.formAlert()).toContainText("Le test a échoué : Le serveur d'e-mails refuse l'identifiant ou le mot de passe. Corrigez-les, enregistrez, puis testez de nouveau.");
  expect(sink.received).toHaveLength(1);
});

test('a field the contract refuses is named next to it, and nothing is saved', async ({ page, host }) => {
  const clerk = new SettingsClerk(page);
  const screen = clerk.screen;
  await clerk.openEmails(host.url);
  await screen.smtpField("Adresse d'expéditeur").fill('reservations@');
  await screen.smtpField('Port').fill('58 7');
  await screen.saveSettingsButton().click();
  await expect(screen.formAlert()).toHaveText("Corrigez les champs signalés avant d'enregistrer.");
  await expect(screen.smtpField("Adresse d'expéditeur")).toHaveAttribute('aria-invalid', 'true');
  await expect(screen.settingsForm().getByText('Adresse e-mail invalide (exemple : nom@domaine.fr).')).toBeVisible();
  await expect(screen.settingsForm().getByText('Port attendu (587, 465 ou 25).')).toBeVisible();

  // Leaving asks first.
  await page.getByRole('navigation', { name: 'Navigation' }).getByRole('link', { name: 'Accueil' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifications non enregistrées' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Rester' }).click();
  await expect(page).toHaveURL(/#\/parametrage\/emails$/);
  await expect(screen.smtpField("Adresse d'expéditeur")).toHaveValue('reservations@');

  const rpc = contractOver(host.url);
  const [agency] = await rpc<{ id: string }[]>('agencies/list', {});
  const stored = await rpc<{ smtp: { senderEmail: string; port: number } }>('emails/settings/get', { agencyId: agency!.id });
  expect(stored.smtp).toMatchObject({ senderEmail: '', port: 587 });
});

test('with « Toutes les agences » in the top bar, the clerk picks the agency to set up', async ({ page, host }) => {
  const clerk = new SettingsClerk(page);
  const screen = clerk.screen;
  await page.goto(host.url);
  await page.getByRole('combobox', { name: 'Agence' }).selectOption({ label: 'Toutes les agences' });
  await page.getByRole('navigation', { name: 'Navigation' }).getByRole('link', { name: 'Paramétrage' }).click();
  await expect(screen.heading()).toHaveText('Paramétrage › Agences');
  await expect(screen.panel()).toBeHidden();
  await expect(page.getByText('choisissez dans la liste l’agence à paramétrer')).toBeVisible();
  await screen.agencyList().getByRole('button', { name: /Agence du Port/ }).click();
  await expect(screen.heading()).toHaveText('Paramétrage › Agences › Agence du Port');
  await expect(screen.panel()).toContainText('PORT');
  await expect(screen.panel()).toContainText('contact@agence-du-port.example.fr');
});

test('the « Rappel arrivées » template: a field inserted at the caret, a typo flagged, a real dossier in the preview, kept after saving', async ({ page, host }) => {
  const clerk = new SettingsClerk(page);
  const screen = clerk.screen;
  await clerk.openEmails(host.url);
  await clerk.openTemplate('Rappel arrivées', 'Français');

  // « Insérer » puts the field where the caret is, and the typing goes on after it.
  await screen.body().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('<p>Votre dossier ');
  await clerk.insertField('numero_dossier');
  await expect(screen.body()).toBeFocused();
  await page.keyboard.type('</p>\n');
  await expect(screen.body()).toHaveValue(/^<p>Votre dossier \{\{numero_dossier\}\}<\/p>\n/);

  await screen.subject().fill('Arrivée le {{arivee}} — {{logement}}');
  await expect(screen.unknownFields()).toHaveText(['Champ inconnu : {{arivee}}']);
  await expect(screen.saveTemplateButton()).toBeDisabled();
  await screen.subject().fill('Arrivée le ');
  await clerk.insertField('arrivee');
  await page.keyboard.type(' — {{logement}}');
  await expect(screen.subject()).toHaveValue('Arrivée le {{arrivee}} — {{logement}}');
  await expect(screen.unknownFields()).toHaveCount(0);
  await expect(screen.saveTemplateButton()).toBeEnabled();

  await screen.previewButton().click();
  await expect(screen.previewHeading()).toBeVisible();
  const number = /(\d{4}-\d{6})/.exec((await screen.previewHeading().textContent())!)![1]!;
  const rpc = contractOver(host.url);
  const { rows } = await rpc<{ rows: { number: string; arrival: string; propertyName: string; clientName: string }[] }>('bookings/list', { search: number, limit: 5 });
  const dossier = rows.find((r) => r.number === number)!;
  await expect(screen.previewSubject()).toHaveText(`Arrivée le ${formatStayDate(dossier.arrival)} — ${dossier.propertyName}`);
  await expect(screen.previewBody()).toContainText(`Votre dossier ${number}`);
  await expect(screen.previewBody()).not.toContainText('{{');

  await screen.saveTemplateButton().click();
  await expect(screen.toast()).toHaveText('Modèle « Rappel arrivées » (Français) enregistré.');
  await expect(screen.unsavedMarker()).toBeHidden();

  await page.reload();
  await clerk.openTemplate('Rappel arrivées', 'Français');
  await expect(screen.subject()).toHaveValue('Arrivée le {{arrivee}} — {{logement}}');
  await expect(screen.body()).toHaveValue(/^<p>Votre dossier \{\{numero_dossier\}\}<\/p>\n/);
});

test('« Jours avant arrivée » and its conditions are kept for the agency', async ({ page, host }) => {
  const clerk = new SettingsClerk(page);
  const screen = clerk.screen;
  // From the fiche's first tab to Emails with the arrow keys.
  await clerk.open(host.url);
  await expect(screen.panel()).toContainText('Référence agence');
  await screen.tab('Général').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(screen.tab('Emails')).toBeFocused();
  await expect(page).toHaveURL(/#\/parametrage\/emails$/);

  const arrivals = screen.rule('Rappel arrivées');
  await expect(arrivals.getByLabel('Jours avant arrivée')).toHaveValue('7');
  await expect(arrivals.getByLabel('Envoyer même si le délai est dépassé')).toBeChecked();
  await arrivals.getByLabel('Jours avant arrivée').fill('5');
  await arrivals.getByLabel('Envoyer même si le délai est dépassé').uncheck();
  await arrivals.getByText('Conditions').click();
  await arrivals.getByRole('group', { name: 'Provenances' }).getByLabel('Téléphone').check();
  await clerk.saveWithKeyboard();
  await expect(screen.toast()).toHaveText(/enregistrés\.$/);

  const rpc = contractOver(host.url);
  const [agency] = await rpc<{ id: string; name: string }[]>('agencies/list', {});
  const settings = await rpc<{ rules: { kind: string; offsetDays: number; sendLate: boolean; sources: string[] }[] }>('emails/settings/get', { agencyId: agency!.id });
  expect(settings.rules.find((r) => r.kind === 'arrivalReminder')).toMatchObject({ offsetDays: 5, sendLate: false, sources: ['phone'] });
  expect(settings.rules.find((r) => r.kind === 'balanceReminder')).toMatchObject({ offsetDays: 7, sendLate: true, sources: [] });

  await page.reload();
  await expect(screen.rule('Rappel arrivées').getByLabel('Jours avant arrivée')).toHaveValue('5');
});
