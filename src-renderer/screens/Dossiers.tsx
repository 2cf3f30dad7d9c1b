import { useEffect, useRef, useState } from 'react';
import type { BookingRow, Input } from '../../src-shared/contract';
import { formatMoney, formatStayDate, statusLabel } from '../../src-shared/domain';
import { formatCount, useQuery } from '../hooks';

const PAGE_SIZE = 100;

const SOURCE_LABELS: Record<BookingRow['source'], string> = {
  counter: 'Comptoir',
  phone: 'Téléphone',
  web: 'Site web',
  elloha: 'elloha',
};

type StatusFilter = '' | 'option' | 'confirmed' | 'cancelled';

/** A first, simple list of dossiers: the full grid (sorting, filters, "Caut.", menus) comes next. */
export function Dossiers({ agencyId }: { agencyId: string | null }) {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('');
  const [page, setPage] = useState(0);
  const searchBox = useRef<HTMLInputElement>(null);

  useEffect(() => setPage(0), [agencyId, search, status]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const input: Input<'bookings/list'> = {
    agencyId,
    search,
    status: status || null,
    sort: { column: 'arrival', direction: 'desc' },
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
  const list = useQuery('bookings/list', input, ['bookings', 'clients', 'properties']);
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const now = new Date();

  return (
    <section aria-labelledby="dossiers-title" className="dossiers">
      <div className="toolbar">
        <h1 id="dossiers-title">Dossiers</h1>
        <input
          ref={searchBox}
          type="search"
          placeholder="Rechercher un dossier, un client, un logement…  Ctrl+F"
          aria-label="Rechercher"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select aria-label="Statut" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
          <option value="">Tous les statuts</option>
          <option value="option">Options</option>
          <option value="confirmed">Confirmés</option>
          <option value="cancelled">Annulés</option>
        </select>
        <output className="count" aria-live="polite">
          {list.data ? `${formatCount(total)} ${total > 1 ? 'dossiers' : 'dossier'}` : 'Chargement…'}
        </output>
      </div>
      {list.error && (
        <p className="error" role="alert">
          {list.error.message}
        </p>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">N° dossier</th>
            <th scope="col">Statut</th>
            <th scope="col">Locataire</th>
            <th scope="col">Logement</th>
            <th scope="col">Arrivée</th>
            <th scope="col">Départ</th>
            <th scope="col" className="num">Nuits</th>
            <th scope="col" className="num">Montant</th>
            <th scope="col" className="num">Solde</th>
            <th scope="col">Source</th>
            {agencyId === null && <th scope="col">Agence</th>}
          </tr>
        </thead>
        <tbody>
          {list.data?.rows.map((r) => (
            <tr key={r.id}>
              <td>{r.number}</td>
              <td>{statusLabel(r, now)}</td>
              <td>{r.clientName}</td>
              <td>
                {r.propertyCode} · {r.propertyName}
              </td>
              <td>{formatStayDate(r.arrival)}</td>
              <td>{formatStayDate(r.departure)}</td>
              <td className="num">{r.nights}</td>
              <td className="num">{formatMoney(r.totalCents)}</td>
              <td className="num">{formatMoney(r.balanceCents)}</td>
              <td>{SOURCE_LABELS[r.source]}</td>
              {agencyId === null && <td>{r.agencyName}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && total === 0 && <p className="notice">Aucun dossier ne correspond à cette recherche.</p>}
      <div className="pager">
        <button type="button" onClick={() => setPage((p) => p - 1)} disabled={page === 0}>
          Précédent
        </button>
        <span>
          Page {formatCount(page + 1)} sur {formatCount(pages)}
        </span>
        <button type="button" onClick={() => setPage((p) => p + 1)} disabled={page + 1 >= pages}>
          Suivant
        </button>
      </div>
    </section>
  );
}
