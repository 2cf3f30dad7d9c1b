// Applications et intégrations › Swikly: the API key (kept by main, never shown again), the
// environment, « Connecter » (who the key belongs to and its accounts), and the delays of the
// deposit: margin after departure, automatic release, automatic reminder.
import { useEffect, useId, useRef } from 'react';
import type { Agency, SwiklySettings } from '../../../src-shared/contract';
import { formatInstant } from '../../../src-shared/domain';
import { useToast } from '../../components/Toast';
import { settingsLink } from '../../routes';
import { dialogOpen } from '../dossier/Dialog';
import { describedBy, FieldError } from '../dossier/FieldError';
import { ENVIRONMENT_LABELS, type SwiklyEnvironment } from './swikly-draft';
import { useSwiklySettings, type SwiklySettingsEditor } from './useSwiklySettings';
import { SaveBar } from './SaveBar';

export function SwiklySection({ agency, reportDirty }: { agency: Agency; reportDirty(part: string, dirty: boolean): void }) {
  const editor = useSwiklySettings(agency.id);
  const toast = useToast();
  const id = useId();

  useEffect(() => reportDirty('swikly', editor.dirty), [editor.dirty, reportDirty]);
  useEffect(() => () => reportDirty('swikly', false), [reportDirty]);

  const save = async () => {
    if (await editor.save()) toast.show(`Paramètres Swikly de ${agency.name} enregistrés.`);
  };
  const connect = async () => {
    const result = await editor.connect();
    if (result?.user) toast.show(`Swikly connecté : ${result.accounts.length} compte${result.accounts.length > 1 ? 's' : ''}.`);
  };

  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialogOpen() || e.defaultPrevented) return;
      if (!((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's')) return;
      e.preventDefault();
      void saveRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const draft = editor.draft;
  const saved = editor.saved;

  return (
    <section className="settings-part swikly" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Swikly (cautions)</h3>
      {editor.loadError && (
        <p className="error" role="alert">
          {editor.loadError}
        </p>
      )}
      {!draft || !saved ? (
        !editor.loadError && <p className="settings-muted">Chargement des paramètres Swikly…</p>
      ) : (
        <form
          className="settings-form"
          aria-label="Swikly"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="settings-grid">
            <ApiKeyField editor={editor} />
            <EnvironmentField editor={editor} />
          </div>
          <ConnectionState saved={saved} timeZone={agency.timeZone} />
          <div className="swikly-connect">
            <button type="button" onClick={() => void connect()} disabled={editor.busy !== null}>
              {editor.busy === 'connect' ? 'Connexion…' : 'Connecter'}
            </button>
            <span className="settings-hint">
              {editor.dirty ? 'Enregistre d’abord ce qui est saisi, puis vérifie la clé auprès de Swikly.' : 'Vérifie la clé auprès de Swikly et relit ses comptes.'}
            </span>
          </div>
          <Delays editor={editor} />
          {!saved.enabled && (
            <p className="settings-note">
              La liaison Swikly n’est pas activée pour cette agence : aucune demande de caution n’est envoyée. Activez-la dans{' '}
              <a href={settingsLink('preferences')}>Préférences</a>.
            </p>
          )}
          <SaveBar alert={editor.alert} dirty={editor.dirty} dirtyLabel="Paramètres Swikly modifiés" busy={editor.busy !== null} saving={editor.busy === 'save'} />
        </form>
      )}
      {toast.view}
    </section>
  );
}

function ApiKeyField({ editor }: { editor: SwiklySettingsEditor }) {
  const id = useId();
  const stored = editor.saved!.hasKey;
  const key = editor.key;
  const error = editor.errorOf('apiKey');

  if (stored && key.mode === 'keep') {
    return (
      <div className="settings-field" role="group" aria-labelledby={`${id}-label`}>
        <span id={`${id}-label`} className="settings-label">
          Clé API
        </span>
        <span className="settings-password-state">
          <span aria-hidden="true">🔒 </span>Clé enregistrée
        </span>
        <span className="settings-inline-actions">
          <button type="button" onClick={() => editor.setKey({ mode: 'set', value: '' })}>
            Changer…
          </button>
          <button type="button" onClick={() => editor.setKey({ mode: 'remove' })}>
            Supprimer
          </button>
        </span>
      </div>
    );
  }
  if (key.mode === 'remove') {
    return (
      <div className="settings-field" role="group" aria-labelledby={`${id}-label`}>
        <span id={`${id}-label`} className="settings-label">
          Clé API
        </span>
        <span className="settings-password-state settings-warning">Sera supprimée à l'enregistrement : plus aucune demande de caution</span>
        <span className="settings-inline-actions">
          <button type="button" onClick={() => editor.setKey({ mode: 'keep' })}>
            Garder la clé
          </button>
        </span>
      </div>
    );
  }
  const value = key.mode === 'set' ? key.value : '';
  return (
    <div className="settings-field">
      <label htmlFor={`${id}-input`}>{stored ? 'Nouvelle clé API' : 'Clé API'}</label>
      <input
        id={`${id}-input`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        autoFocus={stored}
        value={value}
        onChange={(e) => editor.setKey({ mode: 'set', value: e.target.value })}
        {...describedBy(`${id}-error`, error)}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
      />
      <span id={`${id}-hint`} className="settings-hint">
        {stored ? 'Vide : la clé enregistrée est gardée' : 'Dans Swikly : Paramètres › API. Gardée à part, jamais affichée.'}
      </span>
      <FieldError id={`${id}-error`} message={error} />
      {stored && (
        <span className="settings-inline-actions">
          <button type="button" onClick={() => editor.setKey({ mode: 'keep' })}>
            Annuler le changement
          </button>
        </span>
      )}
    </div>
  );
}

function EnvironmentField({ editor }: { editor: SwiklySettingsEditor }) {
  const id = useId();
  const draft = editor.draft!;
  const error = editor.errorOf('baseUrl');
  return (
    <fieldset className="settings-rule swikly-environment settings-wide">
      <legend>Environnement</legend>
      <div className="settings-rule-main">
        {(Object.keys(ENVIRONMENT_LABELS) as SwiklyEnvironment[]).map((env) => (
          <label key={env} className="settings-check">
            <input
              type="radio"
              name={`${id}-env`}
              value={env}
              checked={draft.environment === env}
              onChange={() => editor.setDraft({ ...draft, environment: env })}
            />
            {ENVIRONMENT_LABELS[env]}
          </label>
        ))}
      </div>
      {draft.environment === 'custom' && (
        <div className="settings-field swikly-url">
          <label htmlFor={`${id}-url`}>Adresse de l'API</label>
          <input
            id={`${id}-url`}
            type="url"
            spellCheck={false}
            placeholder="http://127.0.0.1:4010/v1"
            value={draft.baseUrl}
            onChange={(e) => editor.setDraft({ ...draft, baseUrl: e.target.value })}
            {...describedBy(`${id}-url-error`, error)}
          />
          <span className="settings-hint">Pour les essais et les démonstrations (serveur Swikly de démonstration).</span>
          <FieldError id={`${id}-url-error`} message={error} />
        </div>
      )}
    </fieldset>
  );
}

/** What the last « Connecter » found: the key's user and its accounts. */
function ConnectionState({ saved, timeZone }: { saved: SwiklySettings; timeZone: string }) {
  const id = useId();
  if (!saved.hasKey) return <p className="settings-note">Aucune clé API enregistrée : saisissez celle de votre compte Swikly, puis « Connecter ».</p>;
  if (!saved.user) {
    return (
      <p className="swikly-state swikly-state-off">
        <span aria-hidden="true">○ </span>Pas encore connecté : « Connecter » vérifie la clé auprès de Swikly.
      </p>
    );
  }
  return (
    <div className="swikly-state swikly-state-on" role="group" aria-labelledby={`${id}-who`}>
      <p id={`${id}-who`} className="swikly-who">
        <span aria-hidden="true">✔ </span>Connecté en tant que {saved.user.name} ({saved.user.email})
        {saved.connectedAt && <span className="settings-muted"> — vérifié le {formatInstant(saved.connectedAt, timeZone).replace(' ', ' à ')}</span>}
      </p>
      {saved.accounts.length === 0 ? (
        <p className="settings-warning">Cette clé ne donne accès à aucun compte Swikly.</p>
      ) : (
        <ul className="swikly-accounts" aria-label="Comptes Swikly">
          {saved.accounts.map((a) => (
            <li key={a.id}>
              <strong>{a.name}</strong> <span className="settings-code">{a.id}</span>
            </li>
          ))}
        </ul>
      )}
      {!saved.ready && saved.enabled && <p className="settings-warning">La connexion n’est pas prête : vérifiez la clé puis « Connecter ».</p>}
    </div>
  );
}

function Delays({ editor }: { editor: SwiklySettingsEditor }) {
  const id = useId();
  const draft = editor.draft!;
  const marginError = editor.errorOf('marginDays');
  const releaseError = editor.errorOf('autoReleaseDays');
  const reminderError = editor.errorOf('reminderDays');
  return (
    <div className="swikly-delays">
      <div className="settings-field">
        <label htmlFor={`${id}-margin`}>Marge après le départ (jours)</label>
        <input
          id={`${id}-margin`}
          className="settings-days"
          inputMode="numeric"
          value={draft.marginDays}
          onChange={(e) => editor.setDraft({ ...draft, marginDays: e.target.value })}
          {...describedBy(`${id}-margin-error`, marginError)}
        />
        <span className="settings-hint">La caution court de l’arrivée au départ, plus cette marge.</span>
        <FieldError id={`${id}-margin-error`} message={marginError} />
      </div>
      <div className="swikly-optional">
        <label className="settings-check">
          <input type="checkbox" checked={draft.autoRelease} onChange={(e) => editor.setDraft({ ...draft, autoRelease: e.target.checked })} />
          Libérer automatiquement
        </label>
        <input
          className="settings-days"
          inputMode="numeric"
          aria-label="Jours après le départ avant la libération automatique"
          disabled={!draft.autoRelease}
          value={draft.autoReleaseDays}
          onChange={(e) => editor.setDraft({ ...draft, autoReleaseDays: e.target.value })}
          {...describedBy(`${id}-release-error`, releaseError)}
        />
        <span>jours après le départ</span>
        <FieldError id={`${id}-release-error`} message={releaseError} />
      </div>
      <div className="swikly-optional">
        <label className="settings-check">
          <input type="checkbox" checked={draft.reminder} onChange={(e) => editor.setDraft({ ...draft, reminder: e.target.checked })} />
          Relance automatique
        </label>
        <input
          className="settings-days"
          inputMode="numeric"
          aria-label="Jours après la demande avant la relance automatique"
          disabled={!draft.reminder}
          value={draft.reminderDays}
          onChange={(e) => editor.setDraft({ ...draft, reminderDays: e.target.value })}
          {...describedBy(`${id}-reminder-error`, reminderError)}
        />
        <span>jours après la demande, tant que la caution n’est pas sécurisée</span>
        <FieldError id={`${id}-reminder-error`} message={reminderError} />
      </div>
    </div>
  );
}
