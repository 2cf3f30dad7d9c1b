// Paramétrage › Agences › (fiche agence): an agency chosen in a list (the top bar's by default),
// then its tabs Général, Préférences, Emails, Applications et intégrations, Logements. The tab is in the
// address ('#/parametrage/emails'); unsaved changes of any part hold every way out of the fiche.
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Agency } from '../../../src-shared/contract';
import { settingsLink } from '../../routes';
import { LeaveDialog } from '../dossier/LeaveDialog';
import { useLeaveGuard } from '../dossier/useLeaveGuard';
import { EmailsTab } from './EmailsTab';
import { GeneralTab, IntegrationsTab, PreferencesTab } from './AgencyTabs';
import { PropertyDepositsTab } from './PropertyDeposits';

const TABS = [
  { id: 'general', label: 'Général' },
  { id: 'preferences', label: 'Préférences' },
  { id: 'emails', label: 'Emails' },
  { id: 'integrations', label: 'Applications et intégrations' },
  { id: 'logements', label: 'Logements' },
] as const;
type TabId = (typeof TABS)[number]['id'];

const tabOf = (section: string | null): TabId => TABS.find((t) => t.id === section)?.id ?? 'general';

export function Parametrage({ agencyId, agencies, section }: { agencyId: string | null; agencies: Agency[]; section: string | null }) {
  const [chosenId, setChosenId] = useState<string | null>(agencyId);
  const [dirtyParts, setDirtyParts] = useState<Record<string, boolean>>({});
  const dirty = Object.values(dirtyParts).some(Boolean);
  const guard = useLeaveGuard(dirty);
  // Another agency asked for while changes were unsaved: the same question as leaving.
  const [pendingAgency, setPendingAgency] = useState<string | null>(null);
  const tab = tabOf(section);
  const agency = agencies.find((a) => a.id === chosenId) ?? null;

  const reportDirty = useCallback((part: string, value: boolean) => {
    setDirtyParts((parts) => (Boolean(parts[part]) === value ? parts : { ...parts, [part]: value }));
  }, []);

  const chooseAgency = (id: string) => {
    if (id === chosenId) return;
    if (dirty) setPendingAgency(id);
    else setChosenId(id);
  };

  // The top bar's agency is the default: following it is a change of agency like any other.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (agencyId) chooseAgency(agencyId);
  }, [agencyId]);

  const switchAgency = () => {
    const id = pendingAgency;
    setPendingAgency(null);
    setDirtyParts({});
    if (id) setChosenId(id);
  };

  return (
    <section className="settings" aria-labelledby="settings-title">
      <div className="settings-bar">
        <h1 id="settings-title">
          Paramétrage <span aria-hidden="true">›</span> Agences
          {agency && (
            <>
              {' '}
              <span aria-hidden="true">›</span> {agency.name}
            </>
          )}
        </h1>
        {dirty && (
          <span className="settings-dirty" role="status">
            <span aria-hidden="true">● </span>Modifications non enregistrées
          </span>
        )}
      </div>
      <div className="settings-layout">
        <nav className="settings-agencies" aria-label="Agences">
          <ul>
            {agencies.map((a) => (
              <li key={a.id}>
                <button type="button" aria-current={a.id === chosenId ? 'true' : undefined} onClick={() => chooseAgency(a.id)}>
                  <span className="settings-agency-name">{a.name}</span>
                  <span className="settings-agency-ref">{a.agencyRef}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-fiche">
          {agency ? (
            <AgencyFiche key={agency.id} agency={agency} tab={tab} onTab={(t) => guard.requestLeave(settingsLink(t))} reportDirty={reportDirty} />
          ) : (
            <p className="settings-empty">
              {agencies.length === 0
                ? 'Aucune agence dans cette base.'
                : 'Toutes les agences sont affichées en haut de l’écran : choisissez dans la liste l’agence à paramétrer.'}
            </p>
          )}
        </div>
      </div>
      {guard.pendingHref !== null && (
        <LeaveDialog subject={`les paramètres de ${agency?.name ?? 'l’agence'}`} busy={false} onStay={guard.stay} onLeave={guard.leave} />
      )}
      {pendingAgency !== null && (
        <LeaveDialog
          subject={`les paramètres de ${agency?.name ?? 'l’agence'}`}
          busy={false}
          onStay={() => setPendingAgency(null)}
          onLeave={switchAgency}
        />
      )}
    </section>
  );
}

function AgencyFiche({
  agency,
  tab,
  onTab,
  reportDirty,
}: {
  agency: Agency;
  tab: TabId;
  onTab(tab: TabId): void;
  reportDirty(part: string, dirty: boolean): void;
}) {
  const id = useId();
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>());

  // Arrow keys move between tabs and open them (automatic activation); Home and End go to the ends.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight' ? (index + 1) % TABS.length
      : e.key === 'ArrowLeft' ? (index - 1 + TABS.length) % TABS.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? TABS.length - 1
      : null;
    if (next === null) return;
    e.preventDefault();
    const target = TABS[next]!.id;
    tabRefs.current.get(target)?.focus();
    onTab(target);
  };

  return (
    <>
      <div className="settings-tabs" role="tablist" aria-label={`Fiche de ${agency.name}`} onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) tabRefs.current.set(t.id, el);
              else tabRefs.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.id}`}
            aria-selected={t.id === tab}
            aria-controls={`${id}-panel`}
            tabIndex={t.id === tab ? 0 : -1}
            onClick={() => onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="settings-panel" role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`}>
        {tab === 'general' && <GeneralTab agency={agency} />}
        {tab === 'preferences' && <PreferencesTab agency={agency} />}
        {tab === 'emails' && <EmailsTab agency={agency} reportDirty={reportDirty} />}
        {tab === 'integrations' && <IntegrationsTab agency={agency} reportDirty={reportDirty} />}
        {tab === 'logements' && <PropertyDepositsTab agency={agency} />}
      </div>
    </>
  );
}
