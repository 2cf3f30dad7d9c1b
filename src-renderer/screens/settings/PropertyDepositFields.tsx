// What the logements' deposit settings are made of, shared by each logement's row and the bulk
// edit of a selection (Paramétrage › Logements).
import type { Input } from '../../../src-shared/contract';
import type { depositRequestTypes } from '../../../src-shared/contract/deposits';
import { formatMoney, parseMoney } from '../../../src-shared/domain';

export type RequestType = (typeof depositRequestTypes)[number];
export type Patch = Omit<Input<'properties/deposits/save'>, 'agencyId' | 'propertyIds'>;
export type Account = { id: string; name: string };

export const REQUEST_TYPE_LABELS: Readonly<Record<RequestType, string>> = {
  deposit: 'Caution',
  deposit_and_balance: 'Caution + paiement du solde',
};

/** "300,00": what the clerk would type, without the euro sign shown beside the field. */
export const eurosText = (cents: number) => formatMoney(cents).replace(/\s*€$/, '');

/** Cents from a typed amount, or the French reason it is not one. */
export function readAmount(text: string): number | string {
  const cents = parseMoney(text);
  if (cents === null) return 'Montant attendu en euros, par exemple 300,00.';
  if (cents < 0) return 'Le montant ne peut pas être négatif.';
  return cents;
}

export function AccountOptions({ accounts, current }: { accounts: Account[]; current: string | null }) {
  return (
    <>
      {accounts.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
      {current && !accounts.some((a) => a.id.toLowerCase() === current.toLowerCase()) && <option value={current}>Compte inconnu ({current})</option>}
    </>
  );
}

export function RequestTypeOptions() {
  return (
    <>
      {(Object.keys(REQUEST_TYPE_LABELS) as RequestType[]).map((t) => (
        <option key={t} value={t}>
          {REQUEST_TYPE_LABELS[t]}
        </option>
      ))}
    </>
  );
}
