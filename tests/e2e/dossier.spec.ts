import { defaultPricingLines, formatMoney, pricingTotals } from '../../src-shared/domain';
import { DossierClerk, DossierPage, NewDossierClerk, seedDossier } from './support/dossier-pages';
import { expect, test } from './support/host';

// The demo clock is pinned to 2026-07-11 09:00 (Paris); stays in 2035 meet no demo dossier.
// A seeded dossier is 7 nights × 120,00 € + 80,00 € of cleaning = 920,00 €.
const euros = (cents: number) => formatMoney(cents);

test('a clerk creates a dossier for a new client and lands on it with the Tarification of the property', async ({ page, host }) => {
  const { property } = await seedDossier(host.url, { arrival: '2035-01-07', departure: '2035-01-14' });
  const clerk = new NewDossierClerk(page);
  await clerk.open(host.url);

  await clerk.chooseProperty(property.code);
  await clerk.setStay('04/08/2035', '11/08/2035', 3);
  await expect(clerk.screen.availability()).toHaveText(/Disponible/);
  const expected = pricingTotals(defaultPricingLines(property, { arrival: '2035-08-04', departure: '2035-08-11', adults: 3 }), []).totalCents;
  await expect(clerk.screen.pricingTotal()).toHaveText(euros(expected));
  await expect(clerk.screen.pricingLines().first().getByLabel('Libellé (ligne 1)')).toHaveValue('Loyer');
  await clerk.typeNewClient({ lastName: 'Zébulon', firstName: 'Léa', email: 'lea.zebulon@example.fr' });
  await clerk.createWithEnter();

  const dossier = new DossierPage(page);
  await expect(dossier.heading()).toHaveText(/^Dossier 2026-\d{6}$/);
  await expect(page).toHaveURL(/#\/dossier\/[0-9a-f-]{36}$/);
  await expect(dossier.headerValue('Locataire')).toHaveText('Zébulon Léa');
  await expect(dossier.headerValue('Séjour')).toHaveText('04/08/2035 → 11/08/2035');
  await expect(dossier.headerValue('Statut')).toHaveText(/^Option jusqu'au 14\/07\/2026 09:00$/);
  await expect(dossier.total('Total')).toHaveText(euros(expected));
  await expect(dossier.total('Solde')).toHaveText(euros(expected));
  await expect(dossier.historyRow('Création')).toContainText('04/08/2035 au 11/08/2035');
});

test('editing a price, saving with Ctrl+S updates the total and the Historique', async ({ page, host }) => {
  const { id } = await seedDossier(host.url);
  const clerk = new DossierClerk(page);
  const screen = clerk.screen;
  await clerk.open(host.url, id);
  await expect(screen.total('Total')).toHaveText(euros(92_000));
  await expect(screen.unsavedMarker()).toBeHidden();

  await clerk.setUnitPrice(1, '12,345');
  await expect(screen.section('Tarification').getByText('Montant invalide : saisissez des euros, par ex. 85,50.')).toBeVisible();
  await clerk.saveWithKeyboard();
  await expect(screen.alert()).toHaveText("Corrigez les champs signalés avant d'enregistrer.");

  await clerk.setUnitPrice(1, '130');
  await expect(screen.unsavedMarker()).toBeVisible();
  await expect(screen.total('Total')).toHaveText(euros(99_000));
  await clerk.saveWithKeyboard();

  await expect(screen.notice()).toHaveText('Dossier enregistré.');
  await expect(screen.unsavedMarker()).toBeHidden();
  await expect(screen.lineField('Prix unitaire', 1)).toHaveValue('130,00');
  await expect(screen.historyRow('Modification')).toContainText(`Total : ${euros(92_000)} → ${euros(99_000)}`);
  await page.reload();
  await expect(screen.total('Total')).toHaveText(euros(99_000));
});

test('an option is confirmed from its dossier', async ({ page, host }) => {
  const { id } = await seedDossier(host.url, { status: 'option', optionExpiresAt: '2026-07-14T18:00:00+02:00' });
  const clerk = new DossierClerk(page);
  await clerk.open(host.url, id);
  await expect(clerk.screen.headerValue('Statut')).toHaveText("Option jusqu'au 14/07/2026 18:00");

  await clerk.confirmOption();
  await expect(clerk.screen.headerValue('Statut')).toHaveText('Confirmé');
  await expect(clerk.screen.confirmButton()).toBeHidden();
  await expect(clerk.screen.historyRow('Confirmation')).toContainText('Option → Confirmé');
  // No SMTP server in the demo: said at once, kept in the history and in Communications.
  await expect(page.getByRole('status').filter({ hasText: 'Option confirmée.' })).toContainText("E-mail « Confirmation de réservation » non envoyé : aucun serveur d'e-mails");
  await expect(clerk.screen.historyRow('E-mail non envoyé')).toContainText("Confirmation de réservation : aucun serveur d'e-mails");
  await expect(page.getByRole('list', { name: 'E-mails automatiques non envoyés' })).toContainText(
    'Confirmation de réservation — non envoyé le',
  );
});

test('cancelling asks for the reason, then the dossier is read-only', async ({ page, host }) => {
  const { id, number } = await seedDossier(host.url);
  const clerk = new DossierClerk(page);
  await clerk.open(host.url, id);

  await clerk.screen.cancelButton().click();
  await expect(clerk.screen.dialog()).toContainText(`Annuler le dossier ${number} ? Les nuits seront libérées.`);
  await clerk.screen.dialog().getByRole('button', { name: 'Annuler le dossier', exact: true }).click();
  await expect(clerk.screen.dialog()).toContainText("Indiquez le motif de l'annulation.");
  await clerk.screen.dialog().getByRole('button', { name: 'Garder le dossier' }).click();
  await expect(clerk.screen.dialog()).toBeHidden();
  await expect(clerk.screen.headerValue('Statut')).toHaveText('Confirmé');

  await clerk.cancelDossier('Le client a trouvé moins cher');
  await expect(clerk.screen.headerValue('Statut')).toHaveText('Annulé');
  await expect(clerk.screen.readOnlyNotice()).toContainText('motif : Le client a trouvé moins cher');
  await expect(clerk.screen.saveButton()).toBeHidden();
  await expect(clerk.screen.cancelButton()).toBeHidden();
  await expect(clerk.screen.lineField('Prix unitaire', 1)).toBeDisabled();
  await expect(clerk.screen.stayField('Arrivée')).toBeDisabled();
  await expect(clerk.screen.paymentField('Montant reçu')).toHaveCount(0);
  await expect(clerk.screen.historyRow('Annulation')).toContainText('Confirmé → Annulé ; motif : Le client a trouvé moins cher');
});

test('an overlapping stay is refused, naming the dossier already there', async ({ page, host }) => {
  const first = await seedDossier(host.url, { arrival: '2035-09-01', departure: '2035-09-08' });
  const clerk = new NewDossierClerk(page);
  await clerk.open(host.url);
  await clerk.chooseProperty(first.property.code);
  await clerk.setStay('05/09/2035', '12/09/2035');
  await expect(clerk.screen.availability()).toContainText(`Ces dates chevauchent le dossier ${first.number} (du 01/09/2035 au 08/09/2035)`);
  await clerk.typeNewClient({ lastName: 'Durand' });
  await clerk.create();
  await expect(clerk.screen.alert()).toContainText(`le dossier ${first.number}`);
  await expect(page).toHaveURL(/#\/dossier\/nouveau$/);

  // The departure day is the next arrival's: from 08/09 the nights are free.
  await clerk.setStay('08/09/2035', '12/09/2035');
  await expect(clerk.screen.availability()).toHaveText(/Disponible/);
});

test('moving a dossier onto the nights of another is refused on its screen', async ({ page, host }) => {
  const other = await seedDossier(host.url, { arrival: '2035-10-01', departure: '2035-10-08' });
  const { id } = await seedDossier(host.url);
  const clerk = new DossierClerk(page);
  await clerk.open(host.url, id);
  await clerk.screen.stayField('Arrivée').fill('06/10/2035');
  await clerk.screen.stayField('Départ').fill('10/10/2035');
  await expect(clerk.screen.availability()).toContainText(`Ces dates chevauchent le dossier ${other.number}`);
  await clerk.saveWithKeyboard();
  await expect(clerk.screen.alert()).toContainText(`le dossier ${other.number}`);
  await expect(clerk.screen.headerValue('Séjour')).toHaveText('07/07/2035 → 14/07/2035');
});

test('recording a payment lowers the Solde', async ({ page, host }) => {
  const { id } = await seedDossier(host.url);
  const clerk = new DossierClerk(page);
  await clerk.open(host.url, id);
  await expect(clerk.screen.total('Solde')).toHaveText(euros(92_000));

  await clerk.addPayment({ amount: '300', method: 'Virement', reference: 'VIR-0042' });
  await expect(clerk.screen.paymentRows()).toHaveCount(1);
  await expect(clerk.screen.paymentRows().first()).toContainText('11/07/2026');
  await expect(clerk.screen.paymentRows().first()).toContainText('VIR-0042');
  await expect(clerk.screen.total('Payé')).toHaveText(euros(30_000));
  await expect(clerk.screen.total('Solde')).toHaveText(euros(62_000));
  await expect(clerk.screen.paymentField('Montant reçu')).toHaveValue('');
  await expect(clerk.screen.historyRow('Paiement')).toContainText(`${euros(30_000)} — Virement`);
});

test('unsaved changes are kept when the clerk tries to leave', async ({ page, host }) => {
  const { id } = await seedDossier(host.url);
  const clerk = new DossierClerk(page);
  await clerk.open(host.url, id);
  await clerk.screen.notes().fill('Arrivée tardive, clés chez le voisin');
  await expect(clerk.screen.unsavedMarker()).toBeVisible();

  await page.getByRole('navigation', { name: 'Navigation' }).getByRole('link', { name: 'Dossiers' }).click();
  await expect(clerk.screen.dialog()).toContainText('sans enregistrer');
  await clerk.screen.dialog().getByRole('button', { name: 'Rester' }).click();
  await expect(page).toHaveURL(new RegExp(`#/dossier/${id}$`));
  await expect(clerk.screen.notes()).toHaveValue('Arrivée tardive, clés chez le voisin');

  await page.keyboard.press('Escape');
  await clerk.screen.dialog().getByRole('button', { name: 'Enregistrer et quitter' }).click();
  await expect(page).toHaveURL(/#\/dossiers$/);

  await clerk.open(host.url, id);
  await expect(clerk.screen.notes()).toHaveValue('Arrivée tardive, clés chez le voisin');
  await expect(clerk.screen.historyRow('Modification')).toContainText('Notes internes modifiées');
});
