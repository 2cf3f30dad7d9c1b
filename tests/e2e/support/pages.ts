import type { Page } from '@playwright/test';

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

  search = () => this.page.getByRole('searchbox', { name: 'Rechercher' });
  count = () => this.page.locator('output.count');
  rows = () => this.page.locator('table.grid tbody tr');
  cell = (row: number, column: number) => this.rows().nth(row).locator('td').nth(column);

  /** The displayed "12 345 dossiers" as a number. */
  async total(): Promise<number> {
    const text = (await this.count().textContent()) ?? '';
    return Number(text.replace(/\D/g, ''));
  }
}
