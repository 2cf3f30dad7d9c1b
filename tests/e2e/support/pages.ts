import { expect, type Page } from '@playwright/test';

/** Locators of the window; tests read as what the clerk does. */
export class Workstation {
  constructor(readonly page: Page) {}

  agencySelector = () => this.page.getByRole('combobox', { name: 'Agence' });
  navigation = () => this.page.getByRole('navigation', { name: 'Navigation' });
  heading = () => this.page.getByRole('heading', { level: 1 });

  async open(url: string) {
    await this.page.goto(url);
  }

  async goTo(screen: 'Accueil' | 'Dossiers') {
    await this.navigation().getByRole('link', { name: screen }).click();
  }

  async chooseAgency(name: string) {
    await this.agencySelector().selectOption({ label: name });
  }
}

export class DossiersScreen {
  constructor(readonly page: Page) {}

  grid = () => this.page.getByRole('grid', { name: 'Dossiers' });
  search = () => this.page.getByRole('searchbox', { name: 'Rechercher' });
  filter = (name: 'Statut' | 'Caut.' | 'Logement' | 'Source') => this.page.getByRole('group', { name: 'Filtres' }).getByRole('combobox', { name });
  count = () => this.page.locator('output.count');
  /** Loaded body rows, in display order. */
  rows = () => this.grid().locator('.grid-body [role="row"]:not(.loading)');
  header = (name: string) => this.grid().getByRole('columnheader', { name: new RegExp(`^${name}`) });
  menu = () => this.page.getByRole('menu', { name: 'Actions sur le dossier' });
  menuItem = (name: string) => this.menu().getByRole('menuitem', { name });
  toast = () => this.page.locator('.toast');
  propertyChoices = () => this.page.getByRole('listbox', { name: 'Logement' }).getByRole('option');

  /** Types in the Logement filter and takes the first match with Enter, as a clerk at the keyboard would. */
  async filterByProperty(typed: string) {
    await this.filter('Logement').fill(typed);
    await expect(this.propertyChoices().first()).toBeVisible();
    await this.filter('Logement').press('Enter');
  }

  async columnIndex(name: string): Promise<number> {
    const names = await this.grid().getByRole('columnheader').allTextContents();
    const index = names.findIndex((n) => n.startsWith(name));
    if (index < 0) throw new Error(`no column ${name} in ${names.join(', ')}`);
    return index;
  }

  /** Texts of one column over the loaded rows. */
  async columnTexts(name: string): Promise<string[]> {
    const i = await this.columnIndex(name);
    return this.rows().locator(`[role="gridcell"]:nth-child(${i + 1})`).allTextContents();
  }

  cell = (row: number, column: number) => this.rows().nth(row).locator('[role="gridcell"]').nth(column);

  async cellText(row: number, column: string): Promise<string> {
    return (await this.cell(row, await this.columnIndex(column)).textContent()) ?? '';
  }

  /** The displayed "12 345 dossiers" as a number. */
  async total(): Promise<number> {
    await expect(this.count()).toHaveText(/dossier/);
    const text = (await this.count().textContent()) ?? '';
    return Number(text.replace(/\D/g, ''));
  }
}
