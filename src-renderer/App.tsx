import { useEffect, useState } from 'react';
import { formatInstant } from '../src-shared/domain';
import { connected } from './api';
import { StatusBar } from './components/StatusBar';
import { useQuery } from './hooks';
import { Accueil } from './screens/Accueil';
import { Dossiers } from './screens/Dossiers';
import { DossierScreen } from './screens/dossier/DossierScreen';
import { NewDossierScreen } from './screens/dossier/NewDossierScreen';
import { Synchronisation } from './screens/Synchronisation';
import { EmailAuto, EmailAutoCount } from './screens/email/EmailAuto';
import { Parametrage } from './screens/settings/Parametrage';
import { useRoute, type Route } from './routes';

const SCREENS = [
  { id: 'accueil', label: 'Accueil', shortcut: 'Alt+1' },
  { id: 'dossiers', label: 'Dossiers', shortcut: 'Alt+2' },
  { id: 'email-auto', label: 'E-mail Auto', shortcut: 'Alt+3' },
  { id: 'synchronisation', label: 'Synchronisation', shortcut: 'Alt+4' },
  { id: 'parametrage', label: 'Paramétrage', shortcut: 'Alt+5' },
] as const;
type ScreenId = (typeof SCREENS)[number]['id'];

const AGENCY_KEY = 'comptoir.agency';
const ALL_AGENCIES = '';

/** The navigation entry a route belongs to (a dossier belongs to Dossiers). */
function navEntry(route: Route): ScreenId {
  if (route.screen === 'dossier' || route.screen === 'nouveau-dossier') return 'dossiers';
  return SCREENS.some((s) => s.id === route.screen) ? (route.screen as ScreenId) : 'accueil';
}

export function App() {
  if (!connected) {
    return (
      <main className="fatal" role="alert">
        <h1>Comptoir</h1>
        <p>
          Cette page a été ouverte sans son jeton d'accès. Ouvrez Comptoir avec l'adresse complète affichée au
          lancement (elle se termine par <code>?token=…</code>).
        </p>
      </main>
    );
  }
  return <Workstation />;
}

function Workstation() {
  const route = useRoute();
  const screen = navEntry(route);
  const agencies = useQuery('agencies/list', {}, ['agencies']);
  const info = useQuery('app/info', {}, []);
  const [agencyId, setAgencyId] = useState<string | null>(() => localStorage.getItem(AGENCY_KEY));

  // Default to the first agency; forget a stored agency that no longer exists.
  useEffect(() => {
    const list = agencies.data;
    if (!list || list.length === 0) return;
    if (agencyId === ALL_AGENCIES) return;
    if (!agencyId || !list.some((a) => a.id === agencyId)) setAgencyId(list[0]!.id);
  }, [agencies.data, agencyId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const index = Number(e.key) - 1;
      if (e.altKey && SCREENS[index]) {
        e.preventDefault();
        window.location.hash = `#/${SCREENS[index].id}`;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const chooseAgency = (id: string) => {
    localStorage.setItem(AGENCY_KEY, id);
    setAgencyId(id);
  };
  const scope = agencyId === ALL_AGENCIES ? null : agencyId;
  const agency = agencies.data?.find((a) => a.id === scope) ?? null;
  const ready = agencyId !== null || agencies.data?.length === 0;

  return (
    <div className="window">
      <header className="topbar">
        <label className="agency-select">
          <span className="visually-hidden">Agence</span>
          <select
            aria-label="Agence"
            value={agencyId ?? ''}
            onChange={(e) => chooseAgency(e.target.value)}
            disabled={!agencies.data}
          >
            <option value={ALL_AGENCIES}>Toutes les agences</option>
            {agencies.data?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        {info.data?.clockPinned && (
          <span className="pinned-clock" title="Horloge fixée au lancement (--now)">
            Horloge fixée : {formatInstant(info.data.now)}
          </span>
        )}
        <span className="user">{info.data?.workstationUser}</span>
      </header>
      <nav className="sidebar" aria-label="Navigation">
        <ul>
          {SCREENS.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} aria-current={screen === s.id ? 'page' : undefined} title={s.shortcut}>
                {s.label}
                {s.id === 'email-auto' && ready && <EmailAutoCount agencyId={scope} />}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        {agencies.error && (
          <p className="error" role="alert">
            {agencies.error.message}
          </p>
        )}
        {ready && route.screen === 'accueil' && <Accueil agency={agency} agencyId={scope} noAgency={agencies.data?.length === 0} />}
        {ready && route.screen === 'dossiers' && <Dossiers agencyId={scope} preset={'preset' in route ? route.preset : null} />}
        {ready && route.screen === 'dossier' && 'id' in route && <DossierScreen id={route.id} />}
        {ready && route.screen === 'nouveau-dossier' && <NewDossierScreen agencyId={scope} agencies={agencies.data ?? []} />}
        {ready && route.screen === 'email-auto' && <EmailAuto agencyId={scope} agencies={agencies.data ?? []} tab={'tab' in route ? route.tab : null} />}
        {route.screen === 'synchronisation' && <Synchronisation />}
        {ready && route.screen === 'parametrage' && (
          <Parametrage agencyId={scope} agencies={agencies.data ?? []} section={'section' in route ? route.section : null} />
        )}
      </main>
      <StatusBar />
    </div>
  );
}
