// Paramétrage › Logements: each logement's deposit settings (compte Swikly par défaut, type de
// demande, montant de caution par défaut). A logement missing one is flagged in words, since
// links cannot be made for it; a selection (Shift-click for a range) is edited in one call.
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { Agency, PropertyDeposit } from '../../../src-shared/contract';
import { ApiError, call } from '../../api';
import { useToast } from '../../components/Toast';
import { formatCount, useQuery } from '../../hooks';
import { settingsLink } from '../../routes';
import { AccountOptions, eurosText, readAmount, RequestTypeOptions, type Account, type Patch, type RequestType } from './PropertyDepositFields';
import { BulkBar } from './PropertyDepositsBulkBar';
import { SWIKLY_TABLES } from './useSwiklySettings';

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

export function PropertyDepositsTab({ agency }: { agency: Agency }) {
  const id = useId();
  const list = useQuery('properties/deposits/list', { agencyId: agency.id }, ['properties', ...SWIKLY_TABLES]);
  const settings = useQuery('swikly/settings/get', { agencyId: agency.id }, SWIKLY_TABLES);
  const toast = useToast();
  const [search, setSearch] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);

  const rows = list.data ?? [];
  const accounts = settings.data?.accounts ?? [];
  const missingCount = rows.filter((r) => r.missing.length > 0).length;
  const visible = useMemo(() => {
    const words = search.trim().toLowerCase();
    return rows.filter(
      (r) => (!onlyMissing || r.missing.length > 0) && (words === '' || `${r.code} ${r.name}`.toLowerCase().includes(words)),
    );
  }, [rows, search, onlyMissing]);
  const chosen = visible.filter((r) => selected.has(r.propertyId));

  const save = async (propertyIds: string[], patch: Patch): Promise<number | null> => {
    setAlert(null);
    try {
      return (await call('properties/deposits/save', { agencyId: agency.id, propertyIds, ...patch })).updated;
    } catch (e) {
      setAlert(message(e));
      return null;
    }
  };

  const select = (row: PropertyDeposit, checked: boolean, range: boolean) => {
    const from = range && anchor.current ? visible.findIndex((r) => r.propertyId === anchor.current) : -1;
    const to = visible.findIndex((r) => r.propertyId === row.propertyId);
    const ids = from >= 0 ? visible.slice(Math.min(from, to), Math.max(from, to) + 1).map((r) => r.propertyId) : [row.propertyId];
    setSelected((s) => {
      const next = new Set(s);
      for (const pid of ids) {
        if (checked) next.add(pid);
        else next.delete(pid);
      }
      return next;
    });
    anchor.current = row.propertyId;
  };
  const allVisibleChosen = visible.length > 0 && chosen.length === visible.length;
  const selectAll = (checked: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      for (const r of visible) {
        if (checked) next.add(r.propertyId);
        else next.delete(r.propertyId);
      }
      return next;
    });
    anchor.current = null;
  };

  return (
    <div className="settings-section deposits">
      <h2>Logements — cautions Swikly</h2>
      <p className="settings-note">
        Le compte Swikly, le type de demande et le montant de caution de chaque logement sont indispensables au bon fonctionnement
        des liens Swikly. Le montant par défaut ne sert que si le dossier n’a pas son propre montant de caution.
      </p>
      {settings.data && accounts.length === 0 && (
        <p className="settings-warning" role="note">
          <span aria-hidden="true">⚠ </span>Aucun compte Swikly connu : enregistrez la clé API puis « Connecter » dans{' '}
          <a href={settingsLink('integrations')}>Applications et intégrations</a> pour choisir les comptes.
        </p>
      )}
      {list.error && !list.data && (
        <p className="error" role="alert">
          {list.error.message}
        </p>
      )}
      <div className="deposits-toolbar">
        <input type="search" aria-label="Rechercher un logement" placeholder="Code ou nom du logement" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label className="settings-check">
          <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} />
          À compléter ({formatCount(missingCount)})
        </label>
        <output className="settings-muted" aria-live="polite">
          {list.data ? `${formatCount(visible.length)} logement${visible.length > 1 ? 's' : ''}` : 'Chargement…'}
        </output>
      </div>
      {alert && (
        <p className="error" role="alert">
          {alert}
        </p>
      )}
      {chosen.length > 0 && (
        <BulkBar
          count={chosen.length}
          accounts={accounts}
          onApply={async (patch) => {
            const updated = await save(
              chosen.map((r) => r.propertyId),
              patch,
            );
            if (updated !== null) toast.show(`${formatCount(updated)} logement${updated > 1 ? 's' : ''} mis à jour.`);
            return updated !== null;
          }}
          onClear={() => setSelected(new Set())}
        />
      )}
      {list.data && (
        <table className="deposits-table" aria-labelledby={`${id}-caption`}>
          <caption id={`${id}-caption`} className="visually-hidden">
            Cautions Swikly par logement
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Sélectionner tous les logements affichés"
                  checked={allVisibleChosen}
                  ref={(el) => {
                    if (el) el.indeterminate = chosen.length > 0 && !allVisibleChosen;
                  }}
                  onChange={(e) => selectAll(e.target.checked)}
                />
              </th>
              <th scope="col">Logement</th>
              <th scope="col">Compte Swikly par défaut</th>
              <th scope="col">Type de demande</th>
              <th scope="col">Montant de caution par défaut</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <PropertyRow
                key={row.propertyId}
                row={row}
                accounts={accounts}
                selected={selected.has(row.propertyId)}
                onSelect={(checked, range) => select(row, checked, range)}
                onSave={(patch) => save([row.propertyId], patch).then((n) => n !== null)}
              />
            ))}
          </tbody>
        </table>
      )}
      {list.data && visible.length === 0 && (
        <p className="settings-muted">{onlyMissing ? 'Tous les logements sont complets.' : 'Aucun logement ne correspond.'}</p>
      )}
      {toast.view}
    </div>
  );
}

function PropertyRow({
  row,
  accounts,
  selected,
  onSelect,
  onSave,
}: {
  row: PropertyDeposit;
  accounts: Account[];
  selected: boolean;
  onSelect(checked: boolean, range: boolean): void;
  onSave(patch: Patch): Promise<boolean>;
}) {
  const id = useId();
  const label = `${row.code} · ${row.name}`;
  // Shown at once while the save travels; the list's refresh then confirms (or puts back) the value.
  const [account, setAccount] = useState(row.swiklyAccountId ?? '');
  const [type, setType] = useState<RequestType>(row.requestType);
  const [amount, setAmount] = useState(eurosText(row.defaultDepositCents));
  const [amountError, setAmountError] = useState<string | null>(null);
  const editingAmount = useRef(false);
  useEffect(() => setAccount(row.swiklyAccountId ?? ''), [row.swiklyAccountId]);
  useEffect(() => setType(row.requestType), [row.requestType]);
  useEffect(() => {
    if (!editingAmount.current) setAmount(eurosText(row.defaultDepositCents));
  }, [row.defaultDepositCents]);

  const changeAccount = async (e: ChangeEvent<HTMLSelectElement>) => {
    const value = e.target.value;
    setAccount(value);
    if (!(await onSave({ swiklyAccountId: value === '' ? null : value }))) setAccount(row.swiklyAccountId ?? '');
  };
  const changeType = async (e: ChangeEvent<HTMLSelectElement>) => {
    const value = e.target.value as RequestType;
    setType(value);
    if (!(await onSave({ requestType: value }))) setType(row.requestType);
  };
  const commitAmount = async () => {
    editingAmount.current = false;
    const cents = readAmount(amount);
    if (typeof cents === 'string') {
      setAmountError(cents);
      return;
    }
    setAmountError(null);
    setAmount(eurosText(cents));
    if (cents !== row.defaultDepositCents && !(await onSave({ defaultDepositCents: cents }))) setAmount(eurosText(row.defaultDepositCents));
  };

  const incomplete = row.missing.length > 0;
  return (
    <tr className={`${incomplete ? 'deposits-row-missing' : ''} ${selected ? 'deposits-row-selected' : ''}`}>
      <td>
        <input
          type="checkbox"
          aria-label={`Sélectionner ${label}`}
          checked={selected}
          onChange={(e) => onSelect(e.target.checked, (e.nativeEvent as MouseEvent).shiftKey === true)}
        />
      </td>
      <th scope="row">
        <span className="settings-code">{row.code}</span> {row.name}
      </th>
      <td>
        <select aria-label={`Compte Swikly par défaut — ${label}`} value={account} onChange={(e) => void changeAccount(e)}>
          <option value="">— Aucun —</option>
          <AccountOptions accounts={accounts} current={row.swiklyAccountId} />
        </select>
      </td>
      <td>
        <select aria-label={`Type de demande — ${label}`} value={type} onChange={(e) => void changeType(e)}>
          <RequestTypeOptions />
        </select>
      </td>
      <td>
        <input
          className="deposits-amount"
          inputMode="decimal"
          aria-label={`Montant de caution par défaut — ${label}`}
          value={amount}
          onFocus={() => (editingAmount.current = true)}
          onChange={(e) => setAmount(e.target.value)}
          onBlur={() => void commitAmount()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void commitAmount();
            } else if (e.key === 'Escape') {
              setAmount(eurosText(row.defaultDepositCents));
              setAmountError(null);
            }
          }}
          aria-invalid={amountError ? true : undefined}
          aria-describedby={amountError ? `${id}-amount-error` : undefined}
        />
        <span aria-hidden="true"> €</span>
        {amountError && (
          <span id={`${id}-amount-error`} className="dossier-field-error">
            {amountError}
          </span>
        )}
      </td>
      <td>
        {incomplete ? (
          <span className="deposits-missing">
            <span aria-hidden="true">⚠ </span>À compléter : {row.missing.join(', ')}
          </span>
        ) : (
          <span className="deposits-complete">
            <span aria-hidden="true">✔ </span>Complet
          </span>
        )}
      </td>
    </tr>
  );
}
