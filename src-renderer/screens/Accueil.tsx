import type { BookingPreset, Output } from '../../src-shared/contract';
import { formatStayDate } from '../../src-shared/domain';
import { formatCount, useQuery } from '../hooks';
import { dossiersLink, emailAutoLink } from '../routes';
import { TABS, toSendSentence } from './email/labels';

type Agency = Output<'agencies/list'>[number];
type Summary = Output<'home/summary'>;

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n > 1 ? many : one}`;
}

/** "Infos du jour": each card says what waits and opens the grid on exactly those dossiers. */
const CARDS: { preset: BookingPreset; count: (s: Summary) => number; one: string; many: string }[] = [
  { preset: 'arrivals_today', count: (s) => s.arrivalsToday, one: "arrivée aujourd'hui", many: "arrivées aujourd'hui" },
  { preset: 'arrivals_week', count: (s) => s.arrivalsWeek, one: 'arrivée cette semaine', many: 'arrivées cette semaine' },
  { preset: 'departures_today', count: (s) => s.departuresToday, one: "départ aujourd'hui", many: "départs aujourd'hui" },
  { preset: 'options_48h', count: (s) => s.optionsExpiring48h, one: 'option expire dans 48 h', many: 'options expirent dans 48 h' },
  { preset: 'balance_due', count: (s) => s.balanceDue, one: 'solde à encaisser', many: 'soldes à encaisser' },
  {
    preset: 'deposits_unsecured_7d',
    count: (s) => s.depositsUnsecured7d,
    one: 'caution non sécurisée (arrivée < 7 j)',
    many: 'cautions non sécurisées (arrivée < 7 j)',
  },
];

export function Accueil({ agency, agencyId, noAgency }: { agency: Agency | null; agencyId: string | null; noAgency: boolean }) {
  const summary = useQuery('home/summary', { agencyId }, ['bookings']);
  const s = summary.data;
  const emails = useQuery('emails/due/counts', { agencyId }, ['bookings', 'emails', 'clients', 'email_rules']);
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
          {s && <> · {formatStayDate(s.today)}</>}
        </p>
      )}
      {summary.error && (
        <p className="error" role="alert">
          {summary.error.message}
        </p>
      )}
      {s && (
        <ul className="cards" aria-label="Infos du jour">
          {CARDS.map((c) => (
            <li key={c.preset}>
              <a href={dossiersLink({ preset: c.preset })} className={c.count(s) > 0 ? 'waiting' : undefined}>
                {plural(c.count(s), c.one, c.many)}
              </a>
            </li>
          ))}
          {TABS.filter((t) => (emails.data?.[t.kind] ?? 0) > 0).map((t) => (
            <li key={t.kind}>
              <a href={emailAutoLink(t.kind)} className="waiting">
                {toSendSentence(emails.data![t.kind])} — {t.label}
              </a>
            </li>
          ))}
          <li>
            <a href={dossiersLink({})}>{plural(s.bookings, 'dossier', 'dossiers')}</a>
          </li>
        </ul>
      )}
    </section>
  );
}
