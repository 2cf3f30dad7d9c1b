// « Modifier la sélection » of Paramétrage › Logements: the settings chosen here are applied to
// every selected logement in one call; a field left at « Ne pas modifier » is not sent.
import { useId, useState } from 'react';
import { formatCount } from '../../hooks';
import { AccountOptions, readAmount, RequestTypeOptions, type Account, type Patch, type RequestType } from './PropertyDepositFields';

const KEEP = '__keep__';

/** « Appliquer à la sélection »: only the fields the clerk chose are sent. */
export function BulkBar({
  count,
  accounts,
  onApply,
  onClear,
}: {
  count: number;
  accounts: Account[];
  onApply(patch: Patch): Promise<boolean>;
  onClear(): void;
}) {
  const id = useId();
  const [account, setAccount] = useState(KEEP);
  const [type, setType] = useState(KEEP);
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = async () => {
    const patch: Patch = {};
    if (account !== KEEP) patch.swiklyAccountId = account === '' ? null : account;
    if (type !== KEEP) patch.requestType = type as RequestType;
    if (amount.trim() !== '') {
      const cents = readAmount(amount);
      if (typeof cents === 'string') {
        setError(cents);
        return;
      }
      patch.defaultDepositCents = cents;
    }
    if (Object.keys(patch).length === 0) {
      setError('Choisissez au moins un réglage à appliquer.');
      return;
    }
    setError(null);
    setBusy(true);
    const ok = await onApply(patch);
    setBusy(false);
    if (ok) {
      setAccount(KEEP);
      setType(KEEP);
      setAmount('');
    }
  };

  return (
    <form
      className="deposits-bulk"
      aria-label="Modifier la sélection"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <strong>
        {formatCount(count)} logement{count > 1 ? 's' : ''} sélectionné{count > 1 ? 's' : ''}
      </strong>
      <label>
        Compte Swikly par défaut
        <select value={account} onChange={(e) => setAccount(e.target.value)}>
          <option value={KEEP}>Ne pas modifier</option>
          <option value="">— Aucun —</option>
          <AccountOptions accounts={accounts} current={null} />
        </select>
      </label>
      <label>
        Type de demande
        <select value={type} onChange={(e) => setType(e.target.value)}>
          <option value={KEEP}>Ne pas modifier</option>
          <RequestTypeOptions />
        </select>
      </label>
      <label>
        Montant de caution par défaut
        <span>
          <input
            className="deposits-amount"
            inputMode="decimal"
            placeholder="Ne pas modifier"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          <span aria-hidden="true"> €</span>
        </span>
      </label>
      <button type="submit" className="settings-primary" disabled={busy}>
        {busy ? 'Application…' : 'Appliquer à la sélection'}
      </button>
      <button type="button" onClick={onClear}>
        Désélectionner
      </button>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
