// Préférences › « Activer la liaison Swikly »: the agency's switch, saved as soon as it is
// flipped; the key, environment and delays are sent back exactly as they were loaded.
import { useId, useState } from 'react';
import type { Agency } from '../../../src-shared/contract';
import { useToast } from '../../components/Toast';
import { settingsLink } from '../../routes';
import { useSwiklySettings } from './useSwiklySettings';

export function SwiklyPreference({ agency }: { agency: Agency }) {
  const editor = useSwiklySettings(agency.id);
  const toast = useToast();
  const id = useId();
  const saved = editor.saved;
  // The switch moves under the finger; it goes back if main refuses.
  const [flipping, setFlipping] = useState<boolean | null>(null);

  const flip = async (enabled: boolean) => {
    setFlipping(enabled);
    const ok = await editor.setEnabled(enabled);
    setFlipping(null);
    if (ok) toast.show(enabled ? `Liaison Swikly activée pour ${agency.name}.` : `Liaison Swikly désactivée pour ${agency.name}.`);
  };

  return (
    <div className="settings-part swikly-preference">
      {editor.loadError && (
        <p className="error" role="alert">
          {editor.loadError}
        </p>
      )}
      {!saved ? (
        !editor.loadError && <p className="settings-muted">Chargement…</p>
      ) : (
        <>
          <label className="settings-check swikly-switch">
            <input
              type="checkbox"
              role="switch"
              checked={flipping ?? saved.enabled}
              disabled={editor.busy !== null}
              aria-describedby={`${id}-hint`}
              onChange={(e) => void flip(e.target.checked)}
            />
            Activer la liaison Swikly
          </label>
          <p id={`${id}-hint`} className="settings-hint">
            {saved.enabled
              ? saved.ready
                ? 'Une demande de caution est envoyée à Swikly à la confirmation de chaque dossier qui en a une.'
                : 'Activée, mais la connexion n’est pas prête : aucune demande ne part tant que la clé n’est pas vérifiée.'
              : 'Désactivée : aucune demande de caution n’est envoyée à Swikly.'}{' '}
            {!saved.ready && (
              <>
                Clé API et « Connecter » : <a href={settingsLink('integrations')}>Applications et intégrations</a>.
              </>
            )}
          </p>
          {editor.alert && (
            <p className="error" role="alert">
              {editor.alert}
            </p>
          )}
        </>
      )}
      {toast.view}
    </div>
  );
}
