import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SortingState } from '@tanstack/react-table';
import type { BookingPreset, BookingRow, Property } from '../../src-shared/contract';
import { DEPOSIT_STATE_LABELS, DEPOSIT_STATES, stayDateInZone } from '../../src-shared/domain';
import { bookingActions, type ActionEnv } from '../actions/bookingActions';
import { ApiError } from '../api';
import { copyText } from '../clipboard';
import { ContextMenu, type MenuItem } from '../components/ContextMenu';
import { PropertyCombobox } from '../components/PropertyCombobox';
import { ReasonDialog, type ReasonRequest } from '../components/ReasonDialog';
import { useToast } from '../components/Toast';
import { BookingsGrid } from '../grid/BookingsGrid';
import { SOURCE_LABELS } from '../grid/columns';
import { formatCount, useQuery } from '../hooks';
import { dossierLink, dossiersLink, navigate, NEW_DOSSIER_LINK } from '../routes';

const PRESET_LABELS: Record<BookingPreset, string> = {
  arrivals_today: "Arrivées aujourd'hui",
  arrivals_week: 'Arrivées cette semaine',
  departures_today: "Départs aujourd'hui",
  options_48h: 'Options expirant dans 48 h',
  balance_due: 'Soldes à encaisser',
  deposits_unsecured_7d: 'Cautions non sécurisées (arrivée < 7 j)',
};

const SORT_KEY = 'comptoir.grid.dossiers.sort';

function initialSorting(): SortingState {
  try {
    const saved = JSON.parse(localStorage.getItem(SORT_KEY) ?? 'null') as SortingState | null;
    if (Array.isArray(saved) && saved.length) return saved;
  } catch {
    // fall through to the default
  }
  return [{ id: 'arrival', desc: true }];
}

interface Filters {
  search: string;
  status: '' | 'option' | 'confirmed' | 'cancelled';
  arrivalFrom: string;
  arrivalTo: string;
  deposit: string;
  propertyId: string;
  source: string;
}

const NO_PROPERTIES: Property[] = [];
const NO_FILTERS: Filters = { search: '', status: '', arrivalFrom: '', arrivalTo: '', deposit: '', propertyId: '', source: '' };

export function Dossiers({ agencyId, preset }: { agencyId: string | null; preset: BookingPreset | null }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [total, setTotal] = useState<number | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ rows: BookingRow[]; x: number; y: number } | null>(null);
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const toast = useToast();
  const info = useQuery('app/info', {}, []);
  const properties = useQuery('properties/list', { agencyId }, ['properties']);

  useEffect(() => localStorage.setItem(SORT_KEY, JSON.stringify(sorting)), [sorting]);
  // Another agency chosen: a logement of the previous one no longer filters anything.
  useEffect(() => {
    if (properties.data && !properties.data.some((p) => p.id === filters.propertyId)) {
      setFilters((f) => (f.propertyId === '' ? f : { ...f, propertyId: '' }));
    }
  }, [properties.data, filters.propertyId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
      } else if (e.ctrlKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        navigate(NEW_DOSSIER_LINK);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const now = useMemo(() => (info.data ? new Date(info.data.now) : new Date()), [info.data]);
  const env = useMemo(() => ({ now, today: stayDateInZone(now, 'Europe/Paris') }), [now]);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const query = useMemo(
    () => ({
      agencyId,
      preset,
      search: filters.search,
      status: filters.status || null,
      arrivalFrom: filters.arrivalFrom || null,
      arrivalTo: filters.arrivalTo || null,
      deposit: (filters.deposit || null) as never,
      propertyId: filters.propertyId || null,
      source: (filters.source || null) as never,
    }),
    [agencyId, preset, filters],
  );

  const actionEnv: ActionEnv = {
    now,
    copy: async (text, what) => {
      await copyText(text);
      toast.show(what);
    },
    notify: (m, tone) => toast.show(m, tone),
    askReason: (title, message) => new Promise((resolve) => setReasonRequest({ title, message, resolve: (r) => (setReasonRequest(null), resolve(r)) })),
  };
  const runAction = (run: () => Promise<void>) =>
    run().catch((e: unknown) => toast.show(e instanceof ApiError ? e.message : String(e), 'error'));
  const menuItems = (rows: BookingRow[]): MenuItem[] =>
    bookingActions.map((a) => {
      const enabled = !a.multi && rows.length > 1 ? 'Sélectionnez un seul dossier.' : a.enabled(rows, actionEnv);
      return { id: a.id, label: a.label, enabled, run: () => void runAction(() => a.run(rows, actionEnv)) };
    });

  const onOpen = useCallback((row: BookingRow) => navigate(dossierLink(row.id)), []);
  const onMenu = useCallback((rows: BookingRow[], x: number, y: number) => setMenu({ rows, x, y }), []);

  return (
    <section aria-labelledby="dossiers-title" className="dossiers">
      <div className="toolbar">
        <h1 id="dossiers-title">Dossiers</h1>
        <input
          ref={searchBox}
          type="search"
          placeholder="N° dossier, client, e-mail, téléphone, logement…  Ctrl+F"
          aria-label="Rechercher"
          value={filters.search}
          onChange={(e) => set({ search: e.target.value })}
        />
        <button type="button" onClick={() => navigate(NEW_DOSSIER_LINK)} title="Ctrl+N">
          Nouveau dossier
        </button>
        <output className="count" aria-live="polite">
          {total === null ? 'Chargement…' : `${formatCount(total)} ${total > 1 ? 'dossiers' : 'dossier'}`}
        </output>
      </div>
      <div className="filters" role="group" aria-label="Filtres">
        {preset && (
          <a className="chip" href={dossiersLink({})} title="Retirer ce filtre">
            {PRESET_LABELS[preset]} ✕
          </a>
        )}
        <select aria-label="Statut" value={filters.status} onChange={(e) => set({ status: e.target.value as Filters['status'] })}>
          <option value="">Statut : tous</option>
          <option value="option">Options</option>
          <option value="confirmed">Confirmés</option>
          <option value="cancelled">Annulés</option>
        </select>
        <label>
          Arrivée du
          <input type="date" aria-label="Arrivée du" value={filters.arrivalFrom} onChange={(e) => set({ arrivalFrom: e.target.value })} />
        </label>
        <label>
          au
          <input type="date" aria-label="Arrivée au" value={filters.arrivalTo} onChange={(e) => set({ arrivalTo: e.target.value })} />
        </label>
        <select aria-label="Caut." value={filters.deposit} onChange={(e) => set({ deposit: e.target.value })}>
          <option value="">Caut. : toutes</option>
          <option value="unsecured">Caut. non sécurisée</option>
          {DEPOSIT_STATES.filter((s) => s !== 'none').map((s) => (
            <option key={s} value={s}>
              {DEPOSIT_STATE_LABELS[s]}
            </option>
          ))}
        </select>
        <PropertyCombobox
          label="Logement"
          allLabel="Logement : tous"
          properties={properties.data ?? NO_PROPERTIES}
          value={filters.propertyId}
          onChange={(propertyId) => set({ propertyId })}
        />
        <select aria-label="Source" value={filters.source} onChange={(e) => set({ source: e.target.value })}>
          <option value="">Source : toutes</option>
          {Object.entries(SOURCE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {(Object.keys(NO_FILTERS) as (keyof Filters)[]).some((k) => filters[k] !== NO_FILTERS[k]) && (
          <button type="button" onClick={() => setFilters(NO_FILTERS)}>
            Effacer les filtres
          </button>
        )}
      </div>
      {listError && (
        <p className="error" role="alert">
          {listError}
        </p>
      )}
      <BookingsGrid
        query={query}
        sorting={sorting}
        onSortingChange={setSorting}
        env={env}
        onOpen={onOpen}
        onMenu={onMenu}
        onTotal={setTotal}
        onError={setListError}
      />
      {total === 0 && <p className="notice">Aucun dossier ne correspond à ces critères.</p>}
      {menu && <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.rows)} onClose={() => setMenu(null)} />}
      {reasonRequest && <ReasonDialog request={reasonRequest} />}
      {toast.view}
    </section>
  );
}
