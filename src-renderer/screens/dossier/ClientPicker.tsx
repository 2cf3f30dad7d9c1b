import { useEffect, useId, useRef, useState } from 'react';
import type { ClientSummary } from '../../../src-shared/contract';
import { call } from '../../api';
import { describedBy, FieldError } from './FieldError';
import { CIVILITY_LABELS, clientDisplayName, type Civility } from './labels';
import { asApiError } from './useBooking';

export interface NewClientForm {
  civility: Civility;
  lastName: string;
  firstName: string;
  email: string;
  phone: string;
}

/** An existing client picked from the search, or a new one typed here and created on submit. */
export type ClientChoice = { mode: 'existing'; client: ClientSummary | null } | { mode: 'new'; form: NewClientForm };

export const NO_CLIENT: ClientChoice = { mode: 'existing', client: null };
const EMPTY_FORM: NewClientForm = { civility: 'none', lastName: '', firstName: '', email: '', phone: '' };
const SEARCH_DEBOUNCE_MS = 150;

export function clientChoiceError(choice: ClientChoice): string | undefined {
  if (choice.mode === 'existing') return choice.client ? undefined : 'Choisissez un client ou créez-en un nouveau.';
  return choice.form.lastName.trim() === '' ? 'Indiquez le nom du client.' : undefined;
}

export function ClientPicker({
  agencyId,
  choice,
  showAll,
  onChange,
}: {
  agencyId: string | null;
  choice: ClientChoice;
  showAll: boolean;
  onChange(choice: ClientChoice): void;
}) {
  const id = useId();
  const error = showAll ? clientChoiceError(choice) : undefined;

  if (!agencyId) return <p className="dossier-muted">Choisissez d'abord l'agence du dossier.</p>;

  if (choice.mode === 'new') {
    const form = choice.form;
    const set = (patch: Partial<NewClientForm>) => onChange({ mode: 'new', form: { ...form, ...patch } });
    const f = (name: string) => `${id}-${name}`;
    return (
      <div className="dossier-form-grid" role="group" aria-label="Nouveau client">
        <label htmlFor={f('civility')}>Civilité</label>
        <select id={f('civility')} value={form.civility} onChange={(e) => set({ civility: e.target.value as Civility })}>
          {(Object.keys(CIVILITY_LABELS) as Civility[]).map((c) => (
            <option key={c} value={c}>
              {CIVILITY_LABELS[c] || 'Non précisée'}
            </option>
          ))}
        </select>
        <label htmlFor={f('last')}>Nom</label>
        <span>
          <input id={f('last')} maxLength={80} value={form.lastName} onChange={(e) => set({ lastName: e.target.value })} {...describedBy(f('error'), error)} />
          <FieldError id={f('error')} message={error} />
        </span>
        <label htmlFor={f('first')}>Prénom</label>
        <input id={f('first')} maxLength={80} value={form.firstName} onChange={(e) => set({ firstName: e.target.value })} />
        <label htmlFor={f('email')}>E-mail</label>
        <input id={f('email')} type="email" maxLength={200} value={form.email} onChange={(e) => set({ email: e.target.value })} />
        <label htmlFor={f('phone')}>Téléphone</label>
        <input id={f('phone')} type="tel" maxLength={40} value={form.phone} onChange={(e) => set({ phone: e.target.value })} />
        <span />
        <span>
          <button type="button" onClick={() => onChange(NO_CLIENT)}>
            Rechercher un client existant
          </button>
        </span>
      </div>
    );
  }

  if (choice.client) {
    const c = choice.client;
    return (
      <p className="dossier-client">
        <strong>{clientDisplayName(c)}</strong>
        {[c.email, c.phone, c.city].filter(Boolean).map((v) => ` · ${v}`)}{' '}
        <button type="button" onClick={() => onChange(NO_CLIENT)}>
          Changer de client
        </button>
      </p>
    );
  }

  return <ClientSearch agencyId={agencyId} error={error} onPick={(client) => onChange({ mode: 'existing', client })} onNew={() => onChange({ mode: 'new', form: EMPTY_FORM })} />;
}

function ClientSearch({ agencyId, error, onPick, onNew }: { agencyId: string; error: string | undefined; onPick(c: ClientSummary): void; onNew(): void }) {
  const id = useId();
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<ClientSummary[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (search.trim() === '') {
      setResults(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call('clients/search', { agencyId, search, limit: 8 }).then(
        (found) => live && (setResults(found), setFailure(null)),
        (e: unknown) => live && setFailure(asApiError(e).message),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [agencyId, search]);

  return (
    <div className="dossier-client-search">
      <label htmlFor={`${id}-search`}>Rechercher un client</label>
      <span>
        <input
          id={`${id}-search`}
          type="search"
          placeholder="Nom, e-mail ou téléphone"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            // Enter picks the first match instead of submitting a dossier without client.
            if (e.key === 'Enter' && results && results.length > 0) {
              e.preventDefault();
              onPick(results[0]!);
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              list.current?.querySelector('button')?.focus();
            }
          }}
          {...describedBy(`${id}-error`, error)}
        />{' '}
        <button type="button" onClick={onNew}>
          Nouveau client
        </button>
        <FieldError id={`${id}-error`} message={error} />
      </span>
      {failure && <p className="error" role="alert">{failure}</p>}
      {results && results.length === 0 && <p className="dossier-muted">Aucun client ne correspond. Créez-le avec « Nouveau client ».</p>}
      {results && results.length > 0 && (
        <ul ref={list} className="dossier-client-results" aria-label="Clients trouvés">
          {results.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => onPick(c)}>
                {clientDisplayName(c)}
                <span className="dossier-muted">{[c.email, c.phone, c.city].filter(Boolean).map((v) => ` · ${v}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
