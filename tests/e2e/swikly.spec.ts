// Swikly deposits from the clerk's side, against the fake Swikly server on 127.0.0.1: the agency
// connects its key, sets a logement's deposit defaults and turns the link on; an option confirmed
// on that logement gets its deposit request, whose link is copied from the dossier and from the
// grid; the guest secures it, the témoin and « Caut. » follow; a cancellation asks for a release.
import { DEFAULT_ACCOUNT_IDS, DEFAULT_KEY, startFakeSwikly, type FakeSwikly } from '../fakes/swikly-server';
import { DossierClerk, routeUrl } from './support/dossier-pages';
import { contractOver, expect, test } from './support/host';
import { DossiersScreen } from './support/pages';
import { DepositBlock, readClipboard, seedOption, SwiklyClerk, writeClipboard } from './support/swikly-pages';

const ACCOUNT_NAME = 'Agence des Sables — Locations';
const POLL = { timeout: 60_000 };

let fake: FakeSwikly;
test.beforeEach(async () => {
  // The fake's clock agrees with the host's (2026-07-11 09:00, Paris) and moves only when told.
  fake = await startFakeSwikly({ now: '2026-07-11T07:00:00Z', frozen: true });
});
test.afterEach(async () => {
  await fake.close();
});
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a deposit from connection to release: copied link, secured témoin with date and time, « Caut. » live, release after cancellation', async ({ page, host }) => {
  test.setTimeout(240_000);
  const option = await seedOption(host.url);
  const code = option.property.code;
  const clerk = new SwiklyClerk(page);
  const s = clerk.screen;

  // Applications et intégrations › Swikly: the fake's address and key, then « Connecter ».
  await clerk.openSettings(host.url, 'integrations');
  await clerk.connect(fake.baseUrl, DEFAULT_KEY);
  await expect(s.connectedAs()).toContainText('(contact@agence-des-sables.fr)');
  await expect(s.accounts()).toHaveText([/Agence des Sables — Locations/, /Agence des Sables — Résidence Les Pins/]);
  await expect(s.keyGroup()).toContainText('Clé enregistrée');
  expect(await page.content()).not.toContain(DEFAULT_KEY);

  // Logements: the logement is flagged until its account and amount are set.
  await s.tab('Logements').click();
  await s.search().fill(code);
  await expect(s.rowState(code)).toContainText('À compléter');
  await clerk.setPropertyDefaults(code, { account: ACCOUNT_NAME, amount: '300,00' });
  await expect(s.rowState(code)).toHaveText(/Complet/);
  await expect(s.rowAmount(code)).toHaveValue('300,00');

  // Préférences: the link is turned on.
  await s.tab('Préférences').click();
  await expect(s.linkSwitch()).not.toBeChecked();
  await s.linkSwitch().check();
  await expect(s.toast()).toHaveText(/^Liaison Swikly activée/);
  await expect(s.linkSwitch()).toBeChecked();

  // The first create meets a server error: the deposit waits, then the engine retries.
  await fake.control.faults({ kind: 'http500', method: 'POST', path: '/accounts/*/requests', times: 1 });
  const dossier = new DossierClerk(page);
  const deposit = new DepositBlock(page);
  await dossier.open(host.url, option.id);
  await expect(deposit.source()).toHaveText('Montant par défaut du logement (300,00 €)');
  await dossier.confirmOption();
  await expect(deposit.witness()).toHaveText(/Envoi en attente/);
  await expect(deposit.witness()).toHaveText(/Demandée/, POLL);
  const [request] = await fake.stored();
  expect(request).toMatchObject({ accountId: DEFAULT_ACCOUNT_IDS[0], sendEmail: false, sendSms: false, deposit: { amount: 30_000 } });
  expect(await fake.stored()).toHaveLength(1);

  // « Copier lien Swikly » on the dossier puts exactly Swikly's link on the clipboard.
  await deposit.button('Copier lien Swikly').click();
  await expect(deposit.toast()).toBeVisible();
  await expect.poll(() => readClipboard(page)).toBe(request!.link);

  // The grid: « Demandée », and the same link from the right-click menu.
  const dossiers = new DossiersScreen(page);
  await page.goto(routeUrl(host.url, '#/dossiers'));
  await dossiers.search().fill(option.number);
  await expect(dossiers.rows()).toHaveCount(1);
  await expect.poll(() => dossiers.columnTexts('Caut.')).toEqual([expect.stringContaining('Demandée')]);
  await writeClipboard(page, 'autre chose');
  await dossiers.rows().first().click({ button: 'right' });
  await dossiers.menuItem('Copier lien Swikly').click();
  await expect.poll(() => readClipboard(page)).toBe(request!.link);

  // The guest secures the deposit; the poller brings it to the open grid.
  await fake.control.checkout(request!.id, 'accepted', { acceptedAt: '2026-07-11T07:05:00.271+00:00' });
  await expect.poll(() => dossiers.columnTexts('Caut.'), POLL).toEqual([expect.stringContaining('11/07 09:05')]);

  await dossiers.rows().first().dblclick();
  await expect(deposit.witness()).toHaveText(/Sécurisée le 11\/07\/2026 à 09:05/);
  await expect(deposit.button('Libérer la caution')).toHaveCount(0); // the stay has not happened yet

  // Cancelled after securing: staff are told to release, and do.
  await dossier.cancelDossier('Le client renonce au séjour.');
  await expect(deposit.mustRelease()).toContainText('Dossier annulé : la caution sécurisée doit être libérée');
  await deposit.releaseButton().click();
  await expect(deposit.dialog()).toContainText(`Libérer la caution de 300,00 € du dossier ${option.number} ?`);
  await deposit.dialog().getByRole('button', { name: 'Libérer la caution' }).click();
  await expect(deposit.mustRelease()).toHaveCount(0, POLL);
  await expect(deposit.witness()).toHaveText(/Libérée/, POLL);
  await expect.poll(async () => (await fake.stored())[0]!.deposit!.status, POLL).toBe('Released');
});

test('Logements: incomplete ones are flagged and filtered, a Shift-click range gets the same settings in one go', async ({ page, host }) => {
  const rpc = contractOver(host.url);
  const [agency] = await rpc<{ id: string }[]>('agencies/list', {});
  await rpc('swikly/settings/save', {
    agencyId: agency!.id,
    environment: 'custom',
    baseUrl: fake.baseUrl,
    apiKey: DEFAULT_KEY,
    enabled: true,
    marginDays: 0,
    autoReleaseDays: null,
    reminderDays: null,
  });
  await rpc('swikly/connect', { agencyId: agency!.id });
  const properties = await rpc<{ propertyId: string; code: string; missing: string[] }[]>('properties/deposits/list', { agencyId: agency!.id });
  expect(properties.length).toBeGreaterThan(3);

  const clerk = new SwiklyClerk(page);
  const s = clerk.screen;
  await clerk.openSettings(host.url, 'logements');
  await expect(s.rows()).toHaveCount(properties.length);
  const missing = properties.filter((p) => p.missing.length > 0).length;
  await expect(s.onlyMissing()).toHaveAccessibleName(`À compléter (${missing})`);
  await s.onlyMissing().check();
  await expect(s.rows()).toHaveCount(missing);
  await s.onlyMissing().uncheck();

  // Rows 1 to 3 by a click and a Shift-click, then one setting for all three.
  const [a, b, c, d] = properties.map((p) => p.code);
  await s.rowSelect(a!).click();
  await s.rowSelect(c!).click({ modifiers: ['Shift'] });
  await expect(s.rowSelect(b!)).toBeChecked();
  await expect(s.rowSelect(d!)).not.toBeChecked();
  await expect(s.bulk()).toContainText('3 logements sélectionnés');
  await s.bulkField('Compte Swikly par défaut').selectOption({ label: 'Agence des Sables — Résidence Les Pins' });
  await s.bulkField('Montant de caution par défaut').fill('450,00');
  await s.bulkApply().click();
  await expect(page.locator('.toast')).toHaveText('3 logements mis à jour.');
  for (const code of [a!, b!, c!]) {
    await expect(s.rowAmount(code)).toHaveValue('450,00');
    await expect(s.rowAccount(code)).toHaveValue(DEFAULT_ACCOUNT_IDS[1]);
    await expect(s.rowState(code)).toHaveText(/Complet/);
  }
  // Only the chosen fields were sent: each request type stays as it was, the fourth is untouched.
  type Row = { code: string; requestType: string; swiklyAccountId: string | null; defaultDepositCents: number };
  const before = new Map((properties as unknown as Row[]).map((p) => [p.code, p]));
  const after = await rpc<Row[]>('properties/deposits/list', { agencyId: agency!.id });
  for (const p of after) {
    expect(p.requestType).toBe(before.get(p.code)!.requestType);
    if (![a, b, c].includes(p.code)) expect(p).toEqual(before.get(p.code));
  }

  // A wrong key: Swikly's refusal in French, where the clerk clicked.
  await clerk.openSettings(host.url, 'integrations');
  await s.keyGroup().getByRole('button', { name: 'Changer…' }).click();
  await s.form().getByLabel('Nouvelle clé API').fill('sk_test_faux');
  await s.connectButton().click();
  await expect(s.formAlert()).toBeVisible();
  await expect(s.formAlert()).not.toHaveText(/Bientôt disponible/);
});
