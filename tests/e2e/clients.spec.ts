import { DossierClerk, seedDossier } from './support/dossier-pages';
import { contractOver, expect, test } from './support/host';

test("a clerk adds the guest's e-mail from the dossier with the keyboard only; a bad one is refused in French", async ({ page, host }) => {
  // The seeded guest, Jeanne Martin, has no e-mail address: the e-mail screens send staff here.
  const { id } = await seedDossier(host.url);
  const clerk = new DossierClerk(page);
  const { screen } = clerk;
  const fiche = screen.clientFiche;
  await clerk.open(host.url, id);
  await expect(screen.headerValue('Locataire')).toHaveText('Martin Jeanne');
  await expect(screen.headerValue('E-mail')).toHaveText('Aucune adresse');

  await clerk.openClientFicheWithKeyboard();
  await expect(fiche.field('Nom')).toHaveValue('Martin');
  await expect(fiche.field('Préférence de contact')).toHaveValue('');
  await clerk.saveClientEmailWithKeyboard('jeanne.martin@');
  await expect(fiche.alert()).toContainText('Adresse e-mail invalide.');
  await expect(fiche.dialog()).toBeVisible();
  await expect(fiche.field('E-mail')).toHaveValue('jeanne.martin@');
  await expect(screen.headerValue('E-mail')).toHaveText('Aucune adresse');

  await clerk.saveClientEmailWithKeyboard('jeanne.martin@exemple.fr');
  await expect(fiche.dialog()).toBeHidden();
  await expect(screen.headerValue('E-mail')).toHaveText('jeanne.martin@exemple.fr');
  await expect(screen.toast('Fiche client enregistrée.')).toHaveRole('status');
  await expect(screen.editClientButton()).toBeFocused();
  await expect(screen.historyRow('Fiche client')).toContainText('E-mail : — → jeanne.martin@exemple.fr');

  // The whole postal address, for what goes by post: the building on the second line.
  await clerk.openClientFicheWithKeyboard();
  await fiche.field("Complément d'adresse").fill('Résidence Les Pins, bât. B');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(fiche.dialog()).toBeHidden();
  // The Historique reads newest first.
  await expect(screen.historyRow('Fiche client').first()).toContainText("Complément d'adresse : — → Résidence Les Pins, bât. B");
  await clerk.openClientFicheWithKeyboard();
  await expect(fiche.field("Complément d'adresse")).toHaveValue('Résidence Les Pins, bât. B');
  await expect(fiche.field('Lieu-dit ou boîte postale')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(fiche.dialog()).toBeHidden();

  // A cancelled dossier is read-only; its client's fiche is not.
  await contractOver(host.url)('bookings/cancel', { id, reason: 'Annulation client' });
  await expect(screen.readOnlyNotice()).toBeVisible();
  await clerk.openClientFicheWithKeyboard();
  await expect(fiche.field('E-mail')).toHaveValue('jeanne.martin@exemple.fr');
  await page.keyboard.press('Escape');
  await expect(fiche.dialog()).toBeHidden();

  // A change typed then left with Échap: asked once, gone the second time, nothing saved.
  await clerk.openClientFicheWithKeyboard();
  await fiche.field('Ville').fill('Nantes');
  await page.keyboard.press('Escape');
  await expect(fiche.alert()).toHaveText('Modifications non enregistrées : « Enregistrer » pour les garder, ou « Abandonner les modifications ».');
  await expect(fiche.field('Ville')).toHaveValue('Nantes');
  await page.keyboard.press('Escape');
  await expect(fiche.dialog()).toBeHidden();
  await clerk.openClientFicheWithKeyboard();
  await expect(fiche.field('Ville')).toHaveValue('');
});
