import { DossiersScreen, Workstation } from './support/pages';
import { contractOver, expect, test } from './support/host';

const toIso = (fr: string) => fr.split('/').reverse().join('-');

async function openGrid(page: import('@playwright/test').Page, url: string) {
  const app = new Workstation(page);
  const dossiers = new DossiersScreen(page);
  await app.open(url);
  await app.goTo('Dossiers');
  await expect(dossiers.rows().first()).toBeVisible();
  return { app, dossiers };
}

test('sorting by arrival, then by a second key with Shift', async ({ page, host }) => {
  const { dossiers } = await openGrid(page, host.url);
  await dossiers.header('Arrivée').getByRole('button').click();
  await expect(dossiers.header('Arrivée')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => {
    const dates = (await dossiers.columnTexts('Arrivée')).map(toIso);
    return dates.length > 5 && dates.every((d, i) => i === 0 || dates[i - 1]! <= d);
  }).toBe(true);
  await dossiers.header('Arrivée').getByRole('button').click();
  await expect(dossiers.header('Arrivée')).toHaveAttribute('aria-sort', 'descending');
  await dossiers.header('Locataire').getByRole('button').click({ modifiers: ['Shift'] });
  await expect(dossiers.header('Locataire')).toHaveAttribute('aria-sort', 'ascending');
  await expect(dossiers.header('Arrivée')).toHaveAttribute('aria-sort', 'descending');
});

test('"Caut. non sécurisée" lists only the deposits to chase', async ({ page, host }) => {
  const { dossiers } = await openGrid(page, host.url);
  const all = await dossiers.total();
  await dossiers.filter('Caut.').selectOption({ label: 'Caut. non sécurisée' });
  await expect.poll(() => dossiers.total()).toBeLessThan(all);
  expect(await dossiers.total()).toBeGreaterThan(0);
  await expect.poll(async () => (await dossiers.columnTexts('Caut.')).length).toBeGreaterThan(0);
  for (const text of await dossiers.columnTexts('Caut.')) {
    expect(text).toMatch(/À demander|Envoi en attente|Demandée|Expirée|Échec/);
  }
  await dossiers.filter('Statut').selectOption({ label: 'Annulés' });
  await expect.poll(() => dossiers.total()).toBe(0);
  await expect(page.getByText('Aucun dossier ne correspond à ces critères.')).toBeVisible();
});

test('the Logement filter: typing part of a rental\'s name lists the matches, Enter keeps only its dossiers, emptying it shows them all', async ({ page, host }) => {
  const { app, dossiers } = await openGrid(page, host.url);
  const all = await dossiers.total();
  const logement = await dossiers.cellText(0, 'Logement'); // "SAB-012 · Villa …"
  const [code, name] = logement.split(' · ');

  // Any case, no accents needed: the name's first word, then the code, narrows the list to that rental.
  await dossiers.filter('Logement').fill(`${name!.split(' ')[0]!.toLowerCase()} ${code!.toLowerCase()}`);
  await expect(dossiers.propertyChoices()).toHaveText([logement]);
  await dossiers.filter('Logement').press('Enter');
  await expect(dossiers.filter('Logement')).toHaveValue(logement);
  await expect.poll(() => dossiers.total()).toBeLessThan(all);
  expect(new Set(await dossiers.columnTexts('Logement'))).toEqual(new Set([logement]));

  // Nothing matches: said so, and Escape puts the chosen rental back.
  await dossiers.filter('Logement').fill('zzz-aucun');
  await expect(page.getByText('Aucun logement ne correspond.')).toBeVisible();
  await dossiers.filter('Logement').press('Escape');
  await expect(dossiers.filter('Logement')).toHaveValue(logement);

  // "Logement : tous" from the list, by the keyboard.
  await dossiers.filter('Logement').press('ArrowDown');
  await expect(dossiers.propertyChoices().first()).toHaveText('Logement : tous');
  await dossiers.filter('Logement').press('Enter');
  await expect.poll(() => dossiers.total()).toBe(all);
  await expect(dossiers.filter('Logement')).toHaveValue('');

  // Emptying the field and leaving it is "all" too.
  await dossiers.filterByProperty(code!);
  await expect.poll(() => dossiers.total()).toBeLessThan(all);
  await dossiers.filter('Logement').fill('');
  await dossiers.search().focus();
  await expect.poll(() => dossiers.total()).toBe(all);

  // A logement of this agency stops filtering once another agency is chosen.
  await dossiers.filterByProperty(code!);
  await expect.poll(() => dossiers.total()).toBeLessThan(all);
  await app.chooseAgency('Agence du Port');
  await expect(dossiers.filter('Logement')).toHaveValue('');
  await expect.poll(async () => new Set(await dossiers.columnTexts('Agence'))).toEqual(new Set(['Agence du Port']));
  expect((await dossiers.columnTexts('Logement')).some((l) => l !== logement)).toBe(true);
});

test('search accepts any text and finds by dossier number', async ({ page, host }) => {
  const { dossiers } = await openGrid(page, host.url);
  const number = await dossiers.cellText(3, 'N° dossier');
  for (const odd of ['"', "'; DROP TABLE bookings; --", '*', '🏖️ plage']) {
    await dossiers.search().fill(odd);
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
  await dossiers.search().fill(number);
  await expect.poll(() => dossiers.columnTexts('N° dossier')).toEqual([number]);
  await page.keyboard.press('Control+f');
  await expect(dossiers.search()).toBeFocused();
});

test('the keyboard opens a dossier: arrows, Enter; Esc-free return through the navigation', async ({ page, host }) => {
  const { app, dossiers } = await openGrid(page, host.url);
  await dossiers.grid().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(dossiers.rows().nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/dossier\/[0-9a-f-]{36}$/);
  await app.goTo('Dossiers');
  await expect(dossiers.rows().first()).toBeVisible();
});

test('the context menu opens from the mouse and from Shift+F10, and explains what is not available yet', async ({ page, host }) => {
  const { dossiers } = await openGrid(page, host.url);
  await dossiers.rows().nth(1).click({ button: 'right' });
  await expect(dossiers.menu()).toBeVisible();
  const swikly = dossiers.menuItem('Copier lien Swikly');
  await expect(swikly).toHaveAttribute('aria-disabled', 'true');
  await expect(swikly).toHaveAttribute('title', /Swikly/);
  await expect(dossiers.menuItem('Mail auto sécurisation caution')).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await expect(dossiers.menu()).toHaveCount(0);

  await dossiers.grid().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+F10');
  await expect(dossiers.menuItem('Ouvrir le dossier')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/dossier\//);
});

test('copying the dossier number from the menu', async ({ page, host, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { dossiers } = await openGrid(page, host.url);
  const number = await dossiers.cellText(0, 'N° dossier');
  await dossiers.rows().first().click({ button: 'right' });
  await dossiers.menuItem('Copier N° dossier').click();
  await expect(dossiers.toast()).toHaveText(`N° dossier ${number} copié`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(number);
});

test('confirming an option and cancelling a dossier from the menu', async ({ page, host }) => {
  const { dossiers } = await openGrid(page, host.url);
  await dossiers.filter('Statut').selectOption({ label: 'Options' });
  await expect.poll(async () => (await dossiers.columnTexts('Statut')).every((s) => s === 'Option')).toBe(true);
  const options = await dossiers.total();
  const number = await dossiers.cellText(0, 'N° dossier');
  await dossiers.rows().first().click({ button: 'right' });
  await dossiers.menuItem("Confirmer l'option").click();
  // The demo agencies have no SMTP server: the clerk is told the guest got no confirmation e-mail.
  await expect(dossiers.toast()).toHaveText(
    `Option ${number} confirmée. E-mail « Confirmation de réservation » non envoyé : aucun serveur d'e-mails n'est paramétré pour l'agence (Paramétrage › Agences › Emails).`,
  );
  await expect.poll(() => dossiers.total()).toBe(options - 1);

  await dossiers.filter('Statut').selectOption({ label: 'Confirmés' });
  await dossiers.search().fill(number);
  await expect.poll(() => dossiers.columnTexts('N° dossier')).toEqual([number]);
  await dossiers.rows().first().click({ button: 'right' });
  await dossiers.menuItem('Annuler le dossier…').click();
  const dialog = page.getByRole('dialog', { name: `Annuler le dossier ${number} ?` });
  await dialog.getByRole('button', { name: 'Annuler le dossier' }).click();
  await expect(dialog.getByRole('alert')).toHaveText("Indiquez le motif de l'annulation.");
  await dialog.getByLabel('Motif').fill('Annulation client');
  await dialog.getByRole('button', { name: 'Annuler le dossier' }).click();
  await expect(dossiers.toast()).toHaveText(new RegExp(`^Dossier ${number} annulé\\. E-mail « Annulation » non envoyé : aucun serveur d'e-mails`));
  await dossiers.filter('Statut').selectOption({ label: 'Annulés' });
  await expect.poll(() => dossiers.columnTexts('N° dossier')).toEqual([number]);
});

test('a change made elsewhere refreshes the grid without losing scroll or selection', async ({ page, host }) => {
  const { dossiers } = await openGrid(page, host.url);
  const before = await dossiers.total();
  await dossiers.grid().evaluate((el) => (el.scrollTop = 28 * 40));
  const selectedRow = dossiers.grid().locator('#dossier-row-45');
  await selectedRow.click();
  const selectedNumber = await selectedRow.locator('[role="gridcell"]').first().textContent();

  const call = contractOver(host.url);
  const [agency] = await call('agencies/list', {});
  const [property] = await call('properties/list', { agencyId: agency.id });
  const client = await call('clients/create', { agencyId: agency.id, lastName: 'Zébulon' });
  await call('bookings/create', { propertyId: property.id, clientId: client.id, status: 'confirmed', source: 'phone', arrival: '2001-01-06', departure: '2001-01-13', adults: 2 });

  await expect.poll(() => dossiers.total()).toBe(before + 1);
  expect(await dossiers.grid().evaluate((el) => el.scrollTop)).toBe(28 * 40);
  await expect(dossiers.grid().locator('[aria-selected="true"] [role="gridcell"]').first()).toHaveText(selectedNumber!);
});

test('a new sort or filter starts at the top; scrolling far loads the rows that come into view', async ({ page, host }) => {
  const { dossiers } = await openGrid(page, host.url);
  const total = await dossiers.total();
  await dossiers.grid().evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  const middle = Math.floor(total / 2);
  await expect(dossiers.grid().locator(`#dossier-row-${middle} [role="gridcell"]`).first()).toHaveText(/\S/);
  await dossiers.header('Arrivée').getByRole('button').click();
  await expect(dossiers.header('Arrivée')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => dossiers.grid().evaluate((el) => el.scrollTop)).toBe(0);
  await expect(dossiers.grid()).toHaveAttribute('aria-busy', 'false');
  const dates = (await dossiers.columnTexts('Arrivée')).map(toIso);
  expect(dates.length).toBeGreaterThan(5);
  expect(dates.every((d, i) => i === 0 || dates[i - 1]! <= d)).toBe(true);
});

test('an Accueil card opens the grid on exactly its dossiers', async ({ page, host }) => {
  const app = new Workstation(page);
  const dossiers = new DossiersScreen(page);
  await app.open(host.url);
  const card = page.getByRole('list', { name: 'Infos du jour' }).getByRole('link', { name: /arrivées? cette semaine/ });
  const count = Number(((await card.textContent()) ?? '').replace(/\D/g, ''));
  expect(count).toBeGreaterThan(0);
  await card.click();
  await expect(page.getByRole('link', { name: /Arrivées cette semaine/ })).toBeVisible();
  await expect.poll(() => dossiers.total()).toBe(count);
});

test('column layout is kept for this workstation', async ({ page, host }) => {
  const { dossiers } = await openGrid(page, host.url);
  await page.getByRole('button', { name: 'Colonnes' }).click();
  await page.getByRole('group', { name: 'Colonnes affichées' }).getByRole('checkbox', { name: 'Source' }).uncheck();
  await expect(dossiers.header('Source')).toHaveCount(0);
  await page.reload();
  await expect(dossiers.rows().first()).toBeVisible();
  await expect(dossiers.header('Source')).toHaveCount(0);
  await expect(dossiers.header('Caut.')).toBeVisible();
});
