// The tabs of the fiche agence that only show what exists today: Général (read-only), and the
// places where later issues add the integration switches and Swikly, elloha, courrier.
import type { Agency } from '../../../src-shared/contract';

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

export function PreferencesTab() {
  return (
    <div className="settings-section">
      <h2>Préférences</h2>
      <p className="settings-note">
        Les interrupteurs des intégrations (caution Swikly, canal elloha, communication postale) ne sont pas encore disponibles : ils
        arriveront avec ces intégrations, dans une prochaine version de Comptoir.
      </p>
    </div>
  );
}

export function IntegrationsTab() {
  return (
    <div className="settings-section">
      <h2>Applications et intégrations</h2>
      <p className="settings-note">
        Aucune intégration à paramétrer pour l’instant : Swikly (cautions) arrive dans une prochaine version, puis elloha et la
        communication postale. Les e-mails se règlent dans l’onglet « Emails ».
      </p>
    </div>
  );
}
