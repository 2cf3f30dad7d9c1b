// Page models of E-mail Auto and of a dossier's Communications: locators apart from the clerk's
// intents, so a test reads as what the agency does.
import { expect, type Locator, type Page } from '@playwright/test';
import type { SmtpSink } from '../../fakes/smtp-sink';
import { contractOver } from './host';

export type EmailTab = 'Rappel solde' | 'Rappel arrivées' | 'Expiration Options' | 'Après départ';

/** The words of the État column for a row the batch will skip. */
const SKIP_WORDS = /Pas d'adresse e-mail|Adresse e-mail invalide|Préfère le courrier|Champ du modèle sans valeur/;

export interface DueRow {
  number: string;
  client: string;
  email: string;
  dueOn: string;
  state: string;
  /** The batch will skip it (no address, prefers post…). */
  skipped: boolean;
  href: string;
}

/** Points the agency's e-mails at the test's SMTP server; `rules` adjust the retro-planning delays. */
export async function configureSmtp(hostUrl: string, sink: SmtpSink, rules: { kind: string; offsetDays: number }[] = []) {
  const call = contractOver(hostUrl);
  const [agency] = await call<{ id: string; name: string }[]>('agencies/list', {});
  await call('emails/settings/save', {
    agencyId: agency!.id,
    smtp: {
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      user: '',
      password: '',
      senderName: 'Agence des Sables',
      senderEmail: 'contact@agence-des-sables.example.fr',
      replyTo: '',
      perMinute: 6000,
    },
    rules: rules.map((r) => ({ ...r, sendLate: true, propertyIds: [], sources: [] })),
  });
  return agency!;
}

export class EmailAutoScreen {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'E-mail Auto' });
  tab = (name: EmailTab) => this.page.getByRole('tablist', { name: "Types d'e-mails" }).getByRole('tab', { name: new RegExp(`^${name} \\(`) });
  list = () => this.page.getByRole('grid', { name: /^E-mails à envoyer/ });
  rows = () => this.list().locator('tbody tr');
  row = (number: string) => this.rows().filter({ has: this.page.getByRole('link', { name: number, exact: true }) });
  emptyNotice = () => this.page.getByText(/^Aucun e-mail « .* » à envoyer aujourd'hui/);
  batchButton = () => this.page.getByRole('button', { name: 'TOUT CRÉER ET ENVOYER AUTOMATIQUEMENT' });
  createButton = () => this.page.getByRole('button', { name: 'CRÉER MAIL' });
  alert = () => this.page.locator('.email-panel > [role="alert"]');
  toast = () => this.page.locator('.toast');

  pane = () => this.page.getByRole('region', { name: 'E-mail à envoyer' });
  to = () => this.pane().getByLabel('À :');
  subject = () => this.pane().getByLabel('Objet :');
  htmlBody = () => this.pane().getByRole('textbox', { name: 'Message (HTML)' });
  sendButton = () => this.pane().getByRole('button', { name: 'ENVOYER' });

  confirmDialog = () => this.page.getByRole('dialog', { name: 'Tout créer et envoyer automatiquement' });
  batch = () => this.page.getByRole('region', { name: 'Envoi groupé' });
  progress = () => this.batch().getByRole('progressbar', { name: "Progression de l'envoi" });
  summary = () => this.batch().getByRole('list', { name: "Résumé de l'envoi" });
  skippedItems = () => this.batch().getByRole('list', { name: 'Dossiers ignorés' }).getByRole('listitem');
  stopButton = () => this.batch().getByRole('button', { name: "Arrêter l'envoi" });

  async open(hostUrl: string, tab?: 'balanceReminder' | 'arrivalReminder' | 'optionExpiry' | 'afterDeparture') {
    const url = new URL(hostUrl);
    url.hash = tab ? `#/email-auto?tab=${tab}` : '#/email-auto';
    await this.page.goto(url.toString());
    await expect(this.heading()).toBeVisible();
  }

  /** The number in « Rappel arrivées (12) », once loaded. */
  async tabCount(name: EmailTab): Promise<number> {
    await expect(this.tab(name)).toHaveText(/\(\d+\)$/);
    return Number(((await this.tab(name).textContent()) ?? '').match(/\((\d+)\)$/)![1]);
  }

  /** What the list shows, row by row, once loaded. */
  async readRows(): Promise<DueRow[]> {
    await expect(this.list().or(this.emptyNotice())).toBeVisible();
    if (await this.emptyNotice().isVisible()) return [];
    const out: DueRow[] = [];
    for (const row of await this.rows().all()) {
      const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
      const state = cells[4]!.replace(/^⚠\s*/, '');
      out.push({
        number: cells[0]!,
        client: cells[1]!,
        email: cells[2] === '—' ? '' : cells[2]!,
        dueOn: cells[3]!,
        state,
        skipped: SKIP_WORDS.test(state),
        href: (await row.getByRole('link').getAttribute('href'))!,
      });
    }
    return out;
  }

  /** « CRÉER MAIL » for one dossier, chosen in the list with the keyboard. */
  async createMailFor(number: string) {
    await this.row(number).click();
    await this.page.keyboard.press('Enter');
    await expect(this.pane().getByRole('link', { name: number })).toBeVisible();
  }

  async editInHtml(edit: (html: string) => string) {
    await this.pane().getByRole('button', { name: 'HTML' }).click();
    const html = await this.htmlBody().inputValue();
    await this.htmlBody().fill(edit(html));
  }
}

export class CommunicationsSection {
  constructor(readonly page: Page) {}

  section = () => this.page.getByRole('region', { name: 'Communications', exact: true });
  messages = () => this.section().getByRole('list', { name: 'E-mails du dossier' }).getByRole('listitem');
  message = (text: string | RegExp) => this.messages().filter({ hasText: text });
  scheduled = () => this.section().getByRole('list', { name: 'E-mails prévus' }).getByRole('listitem');
  sendButton = () => this.section().getByRole('button', { name: 'Envoyer un e-mail…' });
  dialog = () => this.page.getByRole('dialog', { name: /^Envoyer un e-mail — dossier/ });
  /** The content as sent, in its sandboxed frame. */
  content = (item: Locator) => item.frameLocator('iframe[title^="Contenu de l\'e-mail"]').locator('body');

  async expand(item: Locator) {
    await item.locator('summary').click();
  }
}
