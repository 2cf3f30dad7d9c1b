import { expect, test } from './support/host';
import { Workstation } from './support/pages';

test('the status bar says the desk is online and opens the Synchronisation screen', async ({ page, host }) => {
  const app = new Workstation(page);
  await app.open(host.url);
  const statusBar = page.getByRole('contentinfo', { name: 'État de la synchronisation' });
  await expect(statusBar.getByRole('status')).toHaveText('En ligne');
  await statusBar.getByRole('status').click();
  await expect(app.heading()).toHaveText('Synchronisation');
  await expect(page.getByText('Aucune opération en attente : tout est envoyé.')).toBeVisible();
  await expect(app.navigation().getByRole('link', { name: 'Synchronisation' })).toHaveAttribute('aria-current', 'page');
});
