// « Serveur d'envoi (SMTP) »: the agency's server, its sender, its pace, and « Tester ».
// The password never comes back from main: only whether one is stored.
import { useId, useState, type ReactNode } from 'react';
import { ApiError, call } from '../../api';
import { describedBy, FieldError } from '../dossier/FieldError';
import { SECURITY_LABELS, withSecurity, type SmtpDraft, type SmtpSecurity } from './settings-draft';
import type { EmailSettingsEditor } from './useEmailSettings';

type TextField = Exclude<keyof SmtpDraft, 'security'>;

export function SmtpSection({ editor, agencyId }: { editor: EmailSettingsEditor; agencyId: string }) {
  const id = useId();
  const draft = editor.draft!;
  const smtp = draft.smtp;
  const setSmtp = (next: SmtpDraft) => editor.setDraft({ ...draft, smtp: next });

  const field = (name: TextField, label: string, options: { type?: string; hint?: ReactNode; inputMode?: 'numeric'; autoComplete?: string; placeholder?: string; className?: string } = {}) => {
    const error = editor.errorOf(name);
    const hintId = `${id}-${name}-hint`;
    const errorId = `${id}-${name}-error`;
    const describedIds = [options.hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
    return (
      <div className={`settings-field ${options.className ?? ''}`}>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          type={options.type ?? 'text'}
          inputMode={options.inputMode}
          autoComplete={options.autoComplete ?? 'off'}
          placeholder={options.placeholder}
          value={smtp[name]}
          onChange={(e) => setSmtp({ ...smtp, [name]: e.target.value })}
          {...describedBy(errorId, error)}
          aria-describedby={describedIds || undefined}
        />
        {options.hint && (
          <span id={hintId} className="settings-hint">
            {options.hint}
          </span>
        )}
        <FieldError id={errorId} message={error} />
      </div>
    );
  };

  return (
    <section className="settings-part" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Serveur d'envoi (SMTP)</h3>
      <div className="settings-grid">
        {field('host', 'Serveur', { placeholder: 'smtp.office365.com', className: 'settings-wide' })}
        <div className="settings-field">
          <label htmlFor={`${id}-security`}>Sécurité</label>
          <select id={`${id}-security`} value={smtp.security} onChange={(e) => setSmtp(withSecurity(smtp, e.target.value as SmtpSecurity))}>
            {(Object.keys(SECURITY_LABELS) as SmtpSecurity[]).map((s) => (
              <option key={s} value={s}>
                {SECURITY_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        {field('port', 'Port', { inputMode: 'numeric', hint: '587 (STARTTLS), 465 (TLS), 25 (relais local)' })}
        {field('user', 'Utilisateur', { autoComplete: 'off' })}
        <PasswordField editor={editor} />
        {field('senderName', "Nom d'expéditeur", { hint: "Vide : le nom de l'agence" })}
        {field('senderEmail', "Adresse d'expéditeur", { type: 'email', hint: "Vide : l'e-mail de l'agence" })}
        {field('replyTo', 'Adresse de réponse', { type: 'email', hint: 'Facultative' })}
        {field('perMinute', 'Messages par minute', { inputMode: 'numeric', hint: '30 pour Microsoft 365' })}
      </div>
      <SmtpTest agencyId={agencyId} dirty={editor.dirty} />
    </section>
  );
}

function PasswordField({ editor }: { editor: EmailSettingsEditor }) {
  const id = useId();
  const stored = editor.saved?.smtp.hasPassword ?? false;
  const change = editor.password;

  if (stored && change.mode === 'keep') {
    return (
      <div className="settings-field" role="group" aria-labelledby={`${id}-label`}>
        <span id={`${id}-label`} className="settings-label">
          Mot de passe
        </span>
        <span className="settings-password-state">
          <span aria-hidden="true">🔒 </span>Mot de passe enregistré
        </span>
        <span className="settings-inline-actions">
          <button type="button" onClick={() => editor.setPassword({ mode: 'set', value: '' })}>
            Changer…
          </button>
          <button type="button" onClick={() => editor.setPassword({ mode: 'remove' })}>
            Supprimer
          </button>
        </span>
      </div>
    );
  }
  if (change.mode === 'remove') {
    return (
      <div className="settings-field" role="group" aria-labelledby={`${id}-label`}>
        <span id={`${id}-label`} className="settings-label">
          Mot de passe
        </span>
        <span className="settings-password-state settings-warning">Sera supprimé à l'enregistrement</span>
        <span className="settings-inline-actions">
          <button type="button" onClick={() => editor.setPassword({ mode: 'keep' })}>
            Garder le mot de passe
          </button>
        </span>
      </div>
    );
  }
  const value = change.mode === 'set' ? change.value : '';
  return (
    <div className="settings-field">
      <label htmlFor={`${id}-input`}>{stored ? 'Nouveau mot de passe' : 'Mot de passe'}</label>
      <input
        id={`${id}-input`}
        type="password"
        autoComplete="new-password"
        autoFocus={stored}
        value={value}
        onChange={(e) => editor.setPassword({ mode: 'set', value: e.target.value })}
        aria-describedby={`${id}-hint`}
      />
      <span id={`${id}-hint`} className="settings-hint">
        {stored ? 'Vide : le mot de passe enregistré est gardé' : 'Gardé à part, jamais affiché'}
      </span>
      {stored && (
        <span className="settings-inline-actions">
          <button type="button" onClick={() => editor.setPassword({ mode: 'keep' })}>
            Annuler le changement
          </button>
        </span>
      )}
    </div>
  );
}

/** « Tester »: the server's own answer, or why it refused, in the clerk's words. */
function SmtpTest({ agencyId, dirty }: { agencyId: string; dirty: boolean }) {
  const id = useId();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const test = async () => {
    setBusy(true);
    setResult(null);
    try {
      const answer = await call('emails/settings/test', { agencyId, to: to.trim() });
      setResult({ ok: true, text: answer.message });
    } catch (e) {
      setResult({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="settings-test">
      <div className="settings-field">
        <label htmlFor={`${id}-to`}>Destinataire du test</label>
        <input id={`${id}-to`} type="email" value={to} placeholder="Vide : l'adresse d'expéditeur" onChange={(e) => setTo(e.target.value)} />
      </div>
      <button type="button" onClick={() => void test()} disabled={busy || dirty} aria-describedby={dirty ? `${id}-dirty` : undefined}>
        {busy ? 'Test en cours…' : 'Tester'}
      </button>
      {dirty && (
        <span id={`${id}-dirty`} className="settings-hint">
          Enregistrez d'abord : le test utilise les paramètres enregistrés.
        </span>
      )}
      {result &&
        (result.ok ? (
          <p className="settings-success" role="status">
            {result.text}
          </p>
        ) : (
          <p className="error" role="alert">
            {result.text}
          </p>
        ))}
    </div>
  );
}
