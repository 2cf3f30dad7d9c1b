import type { Output } from '../../src-shared/contract';
import { formatCount, useQuery } from '../hooks';

type Agency = Output<'agencies/list'>[number];

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n > 1 ? many : one}`;
}

export function Accueil({ agency, agencyId, noAgency }: { agency: Agency | null; agencyId: string | null; noAgency: boolean }) {
  const summary = useQuery('home/summary', { agencyId }, ['bookings']);
  const s = summary.data;
  return (
    <section aria-labelledby="accueil-title">
      <h1 id="accueil-title">Accueil — infos du jour</h1>
      {noAgency ? (
        <p className="notice">
          Aucune agence n'est encore enregistrée dans cette base. Relancez avec <code>--demo</code> pour découvrir
          Comptoir avec l'agence de démonstration.
        </p>
      ) : (
        <p className="agency-card">
          {agency ? (
            <>
              <strong>{agency.name}</strong> · {agency.city} · réf. {agency.agencyRef}
              {agency.phone && <> · {agency.phone}</>}
            </>
          ) : (
            <strong>Toutes les agences</strong>
          )}
        </p>
      )}
      {summary.error && (
        <p className="error" role="alert">
          {summary.error.message}
        </p>
      )}
      {s && (
        <ul className="cards">
          <li>
            <a href="#/dossiers">{plural(s.arrivalsToday, "arrivée aujourd'hui", "arrivées aujourd'hui")}</a>
          </li>
          <li>
            <a href="#/dossiers">{plural(s.departuresToday, "départ aujourd'hui", "départs aujourd'hui")}</a>
          </li>
          <li>
            <a href="#/dossiers">{plural(s.activeOptions, 'option en cours', 'options en cours')}</a>
          </li>
          <li>
            <a href="#/dossiers">{plural(s.bookings, 'dossier', 'dossiers')}</a>
          </li>
        </ul>
      )}
    </section>
  );
}
