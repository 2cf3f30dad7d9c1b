import { DossiersScreen, Workstation } from './support/pages';
import { contractOver, expect, startHost, test } from './support/host';

test('the app opens on Accueil with the demo agency', async ({ page, host }) => {
  const app = new Workstation(page);
  await app.open(host.url);
  await expect(app.heading()).toHaveText('Accueil — infos du jour');
  await expect(app.agencySelector().locator('option:checked')).toHaveText('Agence des Sables');
  await expect(page.getByText("Les Sables-d'Olonne")).toBeVisible();
  await expect(page.getByRole('link', { name: /dossiers$/ })).toBeVisible();
  // The token leaves the address bar once read.
  expect(page.url()).not.toContain('token=');
});

test('the clerk lists, searches and switches agency in Dossiers', async ({ page, host }) => {
  const app = new Workstation(page);
  const dossiers = new DossiersScreen(page);
  await app.open(host.url);
  await app.goTo('Dossiers');
  await expect(app.heading()).toHaveText('Dossiers');
  await expect(dossiers.rows().first()).toBeVisible();
  const sablesTotal = await dossiers.total();
  expect(sablesTotal).toBeGreaterThan(0);

  // Search by the tenant of the first row: every row shown is that tenant's.
  const tenant = (await dossiers.cell(0, 2).textContent())!;
  await dossiers.search().fill(tenant);
  await expect.poll(() => dossiers.total()).toBeLessThan(sablesTotal);
  for (const name of await dossiers.columnTexts('Locataire')) expect(name).toBe(tenant);

  await dossiers.search().fill('');
  await app.chooseAgency('Agence du Port');
  await expect.poll(async () => new Set(await dossiers.columnTexts('Agence'))).toEqual(new Set(['Agence du Port']));
  const portTotal = await dossiers.total();
  await app.chooseAgency('Toutes les agences');
  await expect.poll(() => dossiers.total()).toBe(sablesTotal + portTotal);
});

test('a dossier created elsewhere appears without reloading', async ({ page, host }) => {
  const app = new Workstation(page);
  const dossiers = new DossiersScreen(page);
  await app.open(host.url);
  await app.goTo('Dossiers');
  await expect(dossiers.rows().first()).toBeVisible();
  const before = await dossiers.total();

  // Another window creates a dossier through the contract.
  const rpc = contractOver(host.url);
  const [agency] = await rpc('agencies/list', {});
  const [property] = await rpc('properties/list', { agencyId: agency.id });
  const client = await rpc('clients/create', { agencyId: agency.id, lastName: 'Zébulon', firstName: 'Léa' });
  await rpc('bookings/create', {
    propertyId: property.id,
    clientId: client.id,
    status: 'confirmed',
    source: 'counter',
    arrival: '2040-01-04',
    departure: '2040-01-11',
    adults: 2,
  });

  await expect.poll(() => dossiers.total()).toBe(before + 1);
  await dossiers.search().fill('zebulon');
  await expect(dossiers.rows()).toHaveCount(1);
  await expect(dossiers.cell(0, 2)).toHaveText('Zébulon Léa');
});

test('a page opened without its token explains what to do and gets no data', async ({ page, host }) => {
  const bare = new URL(host.url);
  bare.search = '';
  await page.goto(bare.toString());
  await expect(page.getByRole('alert')).toContainText("jeton d'accès");
  const status = await page.evaluate(async () => (await fetch('/rpc/agencies/list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
  expect(status).toBe(401);
});

test('an empty folder without --demo opens with no agency and says how to get the demo', async ({ page }) => {
  const host = await startHost([]);
  try {
    await new Workstation(page).open(host.url);
    await expect(page.getByText("Aucune agence n'est encore enregistrée")).toBeVisible();
  } finally {
    await host.stop();
  }
});
