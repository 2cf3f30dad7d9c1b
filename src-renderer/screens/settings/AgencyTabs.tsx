// The smaller tabs of the fiche agence: Général (read-only), Préférences (the integration
// switches: Swikly today, elloha and courrier later), Applications et intégrations (Swikly).
import type { Agency } from '../../../src-shared/contract';
import { SwiklyPreference } from './SwiklyPreference';
import { SwiklySection } from './SwiklySection';

export function GeneralTab({ agency }: { agency: Agency }) {
  const rows: [string, string][] = [
    ['Nom', agency.name],
    ['Référence agence', agency.agencyRef],
    ['Ville', agency.city],
    ['Téléphone', agency.phone],
    ['E-mail', agency.email],
    ['Fuseau horaire', agency.timeZone],
  ];
  return (
    <div className="settings-section">
      <h2>Général</h2>
      <dl className="settings-summary">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value || '—'}</dd>
          </div>
        ))}
      </dl>
      <p className="settings-note">Ces informations se consultent ici ; leur modification arrivera dans une prochaine version de Comptoir.</p>
    </div>
  );
}

export function PreferencesTab({ agency }: { agency: Agency }) {
  return (
    <div className="settings-section">
      <h2>Préférences</h2>
      <SwiklyPreference agency={agency} />
      <p className="settings-note">Les interrupteurs du canal elloha et de la communication postale arriveront avec ces intégrations.</p>
    </div>
  );
}

export function IntegrationsTab({ agency, reportDirty }: { agency: Agency; reportDirty(part: string, dirty: boolean): void }) {
  return (
    <div className="settings-section">
      <h2>Applications et intégrations</h2>
      <SwiklySection agency={agency} reportDirty={reportDirty} />
      <p className="settings-note">
        elloha et la communication postale arriveront dans une prochaine version. Les e-mails se règlent dans l’onglet « Emails ».
      </p>
    </div>
  );
}
