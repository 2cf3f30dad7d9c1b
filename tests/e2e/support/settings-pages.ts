// Page models of Paramétrage › Agences: what is on screen (SettingsPage) apart from what the
// clerk does (SettingsClerk), so a test reads as the agency's scenario.
import { expect, type Page } from '@playwright/test';
import { routeUrl } from './dossier-pages';

export class SettingsPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1 });
  agencyList = () => this.page.getByRole('navigation', { name: 'Agences' });
  tab = (name: 'Général' | 'Préférences' | 'Emails' | 'Applications et intégrations') => this.page.getByRole('tab', { name, exact: true });
  panel = () => this.page.getByRole('tabpanel');
  unsavedMarker = () => this.page.getByRole('status').filter({ hasText: 'Modifications non enregistrées' });
  toast = () => this.page.locator('.toast');

  // Serveur d'envoi et délais (one form, one save)
  settingsForm = () => this.page.getByRole('form', { name: "Serveur d'envoi et délais" });
  smtpField = (label: 'Serveur' | 'Port' | 'Utilisateur' | 'Mot de passe' | 'Nouveau mot de passe' | "Nom d'expéditeur" | "Adresse d'expéditeur" | 'Adresse de réponse' | 'Messages par minute') =>
    this.settingsForm().getByLabel(label, { exact: true });
  security = () => this.settingsForm().getByLabel('Sécurité', { exact: true });
  passwordGroup = () => this.settingsForm().getByRole('group', { name: 'Mot de passe' });
  saveSettingsButton = () => this.settingsForm().getByRole('button', { name: 'Enregistrer', exact: true });
  testRecipient = () => this.settingsForm().getByLabel('Destinataire du test');
  testButton = () => this.settingsForm().getByRole('button', { name: 'Tester' });
  testAnswer = () => this.settingsForm().getByRole('status').filter({ hasText: 'remis au serveur' });
  formAlert = () => this.settingsForm().getByRole('alert');
  rule = (kindLabel: string) => this.settingsForm().getByRole('group', { name: kindLabel, exact: true });

  // Gestionnaire d'email
  openTemplateButton = (kindLabel: string, language: 'Français' | 'English') => this.page.getByRole('button', { name: `Modifier « ${kindLabel} » (${language})` });
  templateEditor = () => this.page.getByRole('region', { name: /^Modèle « / });
  subject = () => this.templateEditor().getByLabel('Objet', { exact: true });
  body = () => this.templateEditor().getByLabel('Corps (HTML)');
  insertButton = () => this.templateEditor().getByRole('button', { name: /^Insérer/ });
  insertItem = (key: string) => this.templateEditor().getByRole('menuitem', { name: `{{${key}}}` });
  unknownFields = () => this.templateEditor().locator('.tpl-unknown li');
  saveTemplateButton = () => this.templateEditor().getByRole('button', { name: 'Enregistrer le modèle' });
  previewButton = () => this.templateEditor().getByRole('button', { name: 'Aperçu' });
  previewHeading = () => this.templateEditor().getByRole('heading', { name: /^Aperçu avec le dossier \d{4}-\d{6}/ });
  previewSubject = () => this.templateEditor().locator('.tpl-preview-subject strong');
  previewBody = () => this.page.frameLocator('iframe[title="Corps de l\'e-mail (aperçu)"]').locator('body');
  missingFields = () => this.templateEditor().getByRole('list', { name: 'Champs sans valeur pour ce dossier' });
}

export class SettingsClerk {
  readonly screen: SettingsPage;
  constructor(readonly page: Page) {
    this.screen = new SettingsPage(page);
  }

  async open(hostUrl: string, section?: string) {
    await this.page.goto(routeUrl(hostUrl, section ? `#/parametrage/${section}` : '#/parametrage'));
    await expect(this.screen.heading()).toHaveText(/^Paramétrage › Agences › /);
  }

  /** Waits for the form, loaded from main. */
  async openEmails(hostUrl: string) {
    await this.open(hostUrl, 'emails');
    await expect(this.screen.smtpField('Serveur')).toBeVisible();
  }

  async fillSmtp(s: { host: string; security: 'STARTTLS' | 'TLS' | 'Aucune — relais local'; port: number; user: string; password: string; senderName: string; senderEmail: string }) {
    const f = this.screen;
    await f.smtpField('Serveur').fill(s.host);
    await f.security().selectOption({ label: s.security });
    await f.smtpField('Port').fill(String(s.port));
    await f.smtpField('Utilisateur').fill(s.user);
    await f.smtpField('Mot de passe').fill(s.password);
    await f.smtpField("Nom d'expéditeur").fill(s.senderName);
    await f.smtpField("Adresse d'expéditeur").fill(s.senderEmail);
  }

  async saveSettings() {
    await this.screen.saveSettingsButton().click();
    await expect(this.screen.toast()).toHaveText(/^Paramètres e-mail de .* enregistrés\.$/);
  }

  async saveWithKeyboard() {
    await this.page.keyboard.press('Control+s');
  }

  async changePassword(password: string) {
    await this.screen.passwordGroup().getByRole('button', { name: 'Changer…' }).click();
    await this.screen.smtpField('Nouveau mot de passe').fill(password);
  }

  async openTemplate(kindLabel: string, language: 'Français' | 'English') {
    await this.screen.openTemplateButton(kindLabel, language).click();
    await expect(this.screen.templateEditor()).toHaveAccessibleName(`Modèle « ${kindLabel} » (${language})`);
  }

  /** « Insérer » a field where the caret is, in the field focused last. */
  async insertField(key: string) {
    await this.screen.insertButton().click();
    await this.screen.insertItem(key).click();
  }
}
