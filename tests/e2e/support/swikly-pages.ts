// Page models of the Swikly screens: the connection (Applications et intégrations), the switch
// (Préférences), the logements' deposit settings, and the caution block of a dossier. Locators
// (what is on screen) are kept apart from the clerk's intents (what they do).
import { expect, type Page } from '@playwright/test';
import { contractOver } from './host';
import { routeUrl } from './dossier-pages';

export class SwiklySettingsPage {
  constructor(readonly page: Page) {}

  tab = (name: 'Préférences' | 'Applications et intégrations' | 'Logements') => this.page.getByRole('tab', { name, exact: true });
  toast = () => this.page.locator('.toast');

  // Applications et intégrations › Swikly
  form = () => this.page.getByRole('form', { name: 'Swikly' });
  apiKey = () => this.form().getByLabel('Clé API', { exact: true });
  keyGroup = () => this.form().getByRole('group', { name: 'Clé API' });
  environment = (label: 'Production' | 'Sandbox (essais)' | 'Adresse personnalisée') => this.form().getByRole('radio', { name: label });
  baseUrl = () => this.form().getByLabel("Adresse de l'API");
  connectButton = () => this.form().getByRole('button', { name: 'Connecter' });
  connectedAs = () => this.form().locator('.swikly-who');
  accounts = () => this.form().getByRole('list', { name: 'Comptes Swikly' }).getByRole('listitem');
  formAlert = () => this.form().getByRole('alert');
  marginDays = () => this.form().getByLabel('Marge après le départ (jours)');

  // Préférences
  linkSwitch = () => this.page.getByRole('switch', { name: 'Activer la liaison Swikly' });

  // Logements
  search = () => this.page.getByRole('searchbox', { name: 'Rechercher un logement' });
  onlyMissing = () => this.page.getByRole('checkbox', { name: /^À compléter/ });
  rows = () => this.page.locator('table.deposits-table tbody tr');
  row = (code: string) => this.rows().filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${code} `) }) });
  rowSelect = (code: string) => this.row(code).getByRole('checkbox');
  rowAccount = (code: string) => this.row(code).getByRole('combobox', { name: /^Compte Swikly par défaut/ });
  rowType = (code: string) => this.row(code).getByRole('combobox', { name: /^Type de demande/ });
  rowAmount = (code: string) => this.row(code).getByRole('textbox', { name: /^Montant de caution par défaut/ });
  rowState = (code: string) => this.row(code).locator('td').last();
  bulk = () => this.page.getByRole('form', { name: 'Modifier la sélection' });
  bulkField = (label: 'Compte Swikly par défaut' | 'Type de demande' | 'Montant de caution par défaut') => this.bulk().getByLabel(label);
  bulkApply = () => this.bulk().getByRole('button', { name: 'Appliquer à la sélection' });
}

export class SwiklyClerk {
  readonly screen: SwiklySettingsPage;
  constructor(readonly page: Page) {
    this.screen = new SwiklySettingsPage(page);
  }

  async openSettings(hostUrl: string, section: 'preferences' | 'integrations' | 'logements') {
    await this.page.goto(routeUrl(hostUrl, `#/parametrage/${section}`));
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(/^Paramétrage › Agences › /);
  }

  /** Custom address (the fake Swikly server), the key, then « Connecter ». */
  async connect(baseUrl: string, key: string) {
    const s = this.screen;
    await s.environment('Adresse personnalisée').check();
    await s.baseUrl().fill(baseUrl);
    await s.apiKey().fill(key);
    await s.connectButton().click();
  }

  async setPropertyDefaults(code: string, d: { account: string; amount: string }) {
    const s = this.screen;
    await s.search().fill(code);
    await expect(s.rows()).toHaveCount(1);
    await s.rowAccount(code).selectOption({ label: d.account });
    await s.rowAmount(code).fill(d.amount);
    await s.rowAmount(code).press('Enter');
  }
}

export class DepositBlock {
  constructor(readonly page: Page) {}

  private section = () => this.page.getByRole('region', { name: 'Tarification', exact: true });
  witness = () => this.section().locator('.dossier-witness');
  source = () => this.section().locator('.deposit-source');
  lastError = () => this.section().locator('.deposit-error');
  button = (name: 'Copier lien Swikly' | 'Mail auto sécurisation caution' | 'Libérer la caution' | 'Nouvelle demande') =>
    this.section().getByRole('button', { name, exact: true });
  mustRelease = () => this.page.getByRole('region', { name: 'Caution à libérer' });
  releaseButton = () => this.mustRelease().getByRole('button', { name: 'Libérer la caution' });
  dialog = () => this.page.getByRole('dialog');
  toast = () => this.page.locator('.toast:not(:empty)');
}

/** Reads the system clipboard as the clerk's next Ctrl+V would. */
export const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
export const writeClipboard = (page: Page, text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);

export interface SwiklyDossier {
  id: string;
  number: string;
  agency: { id: string; name: string };
  property: { id: string; code: string; name: string };
}

/**
 * An option taken by "another window" on the first logement of the agency the window opens on,
 * far in the future so no demo stay is in the way, for a guest with an e-mail and a phone.
 */
export async function seedOption(hostUrl: string): Promise<SwiklyDossier> {
  const rpc = contractOver(hostUrl);
  const [agency] = await rpc<SwiklyDossier['agency'][]>('agencies/list', {});
  const [property] = await rpc<SwiklyDossier['property'][]>('properties/list', { agencyId: agency!.id });
  const client = await rpc<{ id: string }>('clients/create', {
    agencyId: agency!.id,
    civility: 'mrs',
    lastName: 'Lefebvre',
    firstName: 'Claire',
    email: 'claire.lefebvre@example.fr',
    phone: '+33612345678',
  });
  const created = await rpc<{ id: string; number: string }>('bookings/create', {
    propertyId: property!.id,
    clientId: client.id,
    status: 'option',
    optionExpiresAt: '2026-07-18T12:00:00+02:00',
    source: 'phone',
    arrival: '2035-07-07',
    departure: '2035-07-14',
    adults: 2,
    lines: [
      { label: 'Loyer', kind: 'rent', quantity: 7, unitPriceCents: 12_000 },
      { label: 'Ménage', kind: 'cleaning', quantity: 1, unitPriceCents: 8_000 },
    ],
  });
  return { ...created, agency: agency!, property: property! };
}
