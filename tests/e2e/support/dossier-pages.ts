// Page models of the dossier screens. Locators (what is on screen) are kept apart from the
// clerk's intents (what they do), so a test reads as the agency's scenario.
import { expect, type Locator, type Page } from '@playwright/test';
import { contractOver } from './host';

/** The host's address with a route in place of the landing hash. */
export function routeUrl(hostUrl: string, hash: string): string {
  const url = new URL(hostUrl);
  url.hash = hash;
  return url.toString();
}

/** The value shown next to a term of a <dl> (header strip, totals). */
const definition = (scope: Locator, term: string) => scope.locator(`dt:text-is("${term}") + dd`);

export class DossierPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1 });
  unsavedMarker = () => this.page.getByRole('status').filter({ hasText: 'Modifications non enregistrées' });
  saveButton = () => this.page.getByRole('button', { name: 'Enregistrer', exact: true });
  confirmButton = () => this.page.getByRole('button', { name: "Confirmer l'option" });
  cancelButton = () => this.page.getByRole('button', { name: 'Annuler le dossier…' });
  /** The screen's own message area (errors from main, in French). */
  alert = () => this.page.locator('.dossier > p[role="alert"]');
  notice = () => this.page.locator('.dossier > p[role="status"]');
  readOnlyNotice = () => this.page.getByText(/Il ne peut plus être modifié/);

  headerValue = (term: 'N° dossier' | 'Statut' | 'Séjour' | 'Nuits' | 'Logement' | 'Locataire' | 'E-mail' | 'Source' | 'Agence') =>
    definition(this.page.locator('dl.dossier-header'), term);
  editClientButton = () => this.page.getByRole('button', { name: 'Modifier le client…' });
  get clientFiche() {
    return new ClientFicheDialog(this.page);
  }
  /** A short confirmation that fades away (« Fiche client enregistrée. »). */
  toast = (text: string) => this.page.locator('.toast').filter({ hasText: text });

  section = (name: 'Tarification' | 'Paiements' | 'Séjour' | 'Historique') =>
    this.page.getByRole('region', { name, exact: true });
  lineField = (field: 'Libellé' | 'Type' | 'Quantité' | 'Prix unitaire', line: number) =>
    this.section('Tarification').getByLabel(`${field} (ligne ${line})`, { exact: true });
  total = (term: 'Total' | 'Payé' | 'Solde') => definition(this.section('Tarification'), term);
  witness = () => this.section('Tarification').locator('.dossier-witness');
  depositAmount = () => this.section('Tarification').getByLabel('Montant de caution');

  stayField = (label: 'Logement' | 'Arrivée' | 'Départ' | 'Adultes' | 'Enfants') => this.section('Séjour').getByLabel(label, { exact: true });
  availability = () => this.section('Séjour').locator('.dossier-availability');
  notes = () => this.page.getByRole('textbox', { name: 'Notes internes' });

  paymentRows = () => this.section('Paiements').locator('table tbody tr');
  paymentField = (label: 'Montant reçu' | 'Mode de paiement' | 'Date de réception' | 'Référence') =>
    this.section('Paiements').getByLabel(label, { exact: true });
  addPaymentButton = () => this.section('Paiements').getByRole('button', { name: 'Ajouter le paiement' });

  historyRows = () => this.section('Historique').locator('table tbody tr');
  historyRow = (action: string) => this.historyRows().filter({ has: this.page.locator(`td:nth-child(3):text-is("${action}")`) });

  dialog = () => this.page.getByRole('dialog');
  cancelReason = () => this.dialog().getByLabel("Motif de l'annulation");
}

type ClientFicheField =
  | 'Civilité'
  | 'Nom'
  | 'Prénom'
  | 'E-mail'
  | 'Téléphone'
  | 'Adresse'
  | "Complément d'adresse"
  | 'Lieu-dit ou boîte postale'
  | 'Code postal'
  | 'Ville'
  | 'Pays'
  | 'Langue'
  | 'Préférence de contact';

/** « Fiche client », opened from a dossier's header. */
export class ClientFicheDialog {
  constructor(readonly page: Page) {}

  dialog = () => this.page.getByRole('dialog', { name: 'Fiche client' });
  field = (label: ClientFicheField) => this.dialog().getByLabel(label, { exact: true });
  saveButton = () => this.dialog().getByRole('button', { name: 'Enregistrer', exact: true });
  cancelButton = () => this.dialog().getByRole('button', { name: 'Annuler', exact: true });
  /** Main's refusal, in French, under the form. */
  alert = () => this.dialog().getByRole('alert');
}

/** What a clerk does on an open dossier. */
export class DossierClerk {
  readonly screen: DossierPage;
  constructor(readonly page: Page) {
    this.screen = new DossierPage(page);
  }

  async open(hostUrl: string, id: string) {
    await this.page.goto(routeUrl(hostUrl, `#/dossier/${id}`));
    await expect(this.screen.heading()).toHaveText(/^Dossier \d{4}-\d{6}$/);
  }

  async setUnitPrice(line: number, euros: string) {
    await this.screen.lineField('Prix unitaire', line).fill(euros);
  }

  async saveWithKeyboard() {
    await this.page.keyboard.press('Control+s');
  }

  async confirmOption() {
    await this.screen.confirmButton().click();
  }

  async cancelDossier(reason: string) {
    await this.screen.cancelButton().click();
    await this.screen.cancelReason().fill(reason);
    await this.screen.dialog().getByRole('button', { name: 'Annuler le dossier', exact: true }).click();
  }

  /** Opens « Fiche client » from the keyboard: the first field then has the focus. */
  async openClientFicheWithKeyboard() {
    await this.screen.editClientButton().focus();
    await this.page.keyboard.press('Enter');
    await expect(this.screen.clientFiche.dialog()).toBeVisible();
    await expect(this.screen.clientFiche.field('Civilité')).toBeFocused();
  }

  /** Tabs to the e-mail field (if not there yet), replaces it by typing, and saves with Enter. */
  async saveClientEmailWithKeyboard(email: string) {
    const field = this.screen.clientFiche.field('E-mail');
    for (let i = 0; i < 12 && !(await field.evaluate((el) => el === document.activeElement)); i++) await this.page.keyboard.press('Tab');
    await expect(field).toBeFocused();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(email);
    await this.page.keyboard.press('Enter');
  }

  async addPayment(p: { amount: string; method?: string; reference?: string }) {
    await this.screen.paymentField('Montant reçu').fill(p.amount);
    if (p.method) await this.screen.paymentField('Mode de paiement').selectOption({ label: p.method });
    if (p.reference) await this.screen.paymentField('Référence').fill(p.reference);
    await this.screen.addPaymentButton().click();
  }
}

export class NewDossierPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Nouveau dossier' });
  field = (label: 'Logement' | 'Arrivée' | 'Départ' | 'Adultes' | 'Enfants' | "Expiration de l'option" | 'Provenance' | 'Montant de caution') =>
    this.page.getByLabel(label, { exact: true });
  status = (label: 'Option' | 'Confirmé') => this.page.getByRole('radiogroup', { name: 'Statut' }).getByLabel(label);
  availability = () => this.page.locator('.dossier-availability');
  clientSearch = () => this.page.getByLabel('Rechercher un client');
  newClientButton = () => this.page.getByRole('button', { name: 'Nouveau client' });
  newClientField = (label: 'Civilité' | 'Nom' | 'Prénom' | 'E-mail' | 'Téléphone') =>
    this.page.getByRole('group', { name: 'Nouveau client' }).getByLabel(label, { exact: true });
  pricingTotal = () => this.page.getByRole('region', { name: 'Tarification' }).locator('dt:text-is("Total") + dd');
  pricingLines = () => this.page.getByRole('region', { name: 'Tarification' }).locator('tbody tr');
  createButton = () => this.page.getByRole('button', { name: 'Créer le dossier' });
  alert = () => this.page.locator('.dossier p[role="alert"]');
}

/** What a clerk does on "Nouveau dossier". */
export class NewDossierClerk {
  readonly screen: NewDossierPage;
  constructor(readonly page: Page) {
    this.screen = new NewDossierPage(page);
  }

  async open(hostUrl: string) {
    await this.page.goto(routeUrl(hostUrl, '#/dossier/nouveau'));
    await expect(this.screen.heading()).toBeVisible();
  }

  /** Types the property's code and picks its entry ("SAB-012 · …") from the matches. */
  async chooseProperty(code: string) {
    await this.screen.field('Logement').fill(code);
    const option = this.page.getByRole('option', { name: new RegExp(`^${code} · `) });
    await expect(option).toHaveCount(1);
    await option.click();
    await expect(this.screen.field('Logement')).toHaveValue(new RegExp(`^${code} · `));
  }

  /** Dates as the clerk types them: "04/08/2035". */
  async setStay(arrival: string, departure: string, adults?: number) {
    await this.screen.field('Arrivée').fill(arrival);
    await this.screen.field('Départ').fill(departure);
    if (adults !== undefined) await this.screen.field('Adultes').fill(String(adults));
  }

  async typeNewClient(c: { lastName: string; firstName?: string; email?: string }) {
    await this.screen.newClientButton().click();
    await this.screen.newClientField('Nom').fill(c.lastName);
    if (c.firstName) await this.screen.newClientField('Prénom').fill(c.firstName);
    if (c.email) await this.screen.newClientField('E-mail').fill(c.email);
  }

  async create() {
    await this.screen.createButton().click();
  }

  /** Enter in any field submits the form, as at the counter with a guest waiting. */
  async createWithEnter() {
    await this.page.keyboard.press('Enter');
  }
}

export interface SeededDossier {
  id: string;
  number: string;
  agency: { id: string; name: string };
  property: { id: string; code: string; name: string; nightlyRateCents: number; cleaningFeeCents: number; bookingFeeCents: number; touristTaxCents: number };
}

/**
 * A dossier made by "another window" through the contract, on the first property of the agency
 * the window opens on, far in the future so no demo stay is in the way.
 */
export async function seedDossier(hostUrl: string, over: Record<string, unknown> = {}): Promise<SeededDossier> {
  const rpc = contractOver(hostUrl);
  const [agency] = await rpc<SeededDossier['agency'][]>('agencies/list', {});
  const [property] = await rpc<SeededDossier['property'][]>('properties/list', { agencyId: agency!.id });
  const client = await rpc<{ id: string }>('clients/create', { agencyId: agency!.id, lastName: 'Martin', firstName: 'Jeanne' });
  const created = await rpc<{ id: string; number: string }>('bookings/create', {
    propertyId: property!.id,
    clientId: client.id,
    status: 'confirmed',
    source: 'phone',
    arrival: '2035-07-07',
    departure: '2035-07-14',
    adults: 2,
    lines: [
      { label: 'Loyer', kind: 'rent', quantity: 7, unitPriceCents: 12_000 },
      { label: 'Ménage', kind: 'cleaning', quantity: 1, unitPriceCents: 8_000 },
    ],
    ...over,
  });
  return { ...created, agency: agency!, property: property! };
}
