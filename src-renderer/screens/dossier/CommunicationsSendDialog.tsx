// « Envoyer un e-mail… » from a dossier: any of the agency's templates, filled for this dossier,
// edited, then sent through the outbox like the E-mail Auto ones.
import { useEffect, useId, useState } from 'react';
import { EMAIL_KIND_LABELS, EMAIL_KINDS, type EmailKind } from '../../../src-shared/domain';
import { ApiError, call } from '../../api';
import { useQuery } from '../../hooks';
import { settingsLink } from '../../routes';
import { MailEditor, type MailFields } from '../email/MailEditor';
import { Dialog } from './Dialog';

interface Draft {
  kind: EmailKind;
  anchorDate: string | null;
  missing: string[];
  fields: MailFields;
  key: string;
}

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

export function CommunicationsSendDialog({
  bookingId,
  agencyId,
  number,
  onClose,
}: {
  bookingId: string;
  agencyId: string;
  number: string;
  onClose(): void;
}) {
  const id = useId();
  const [kind, setKind] = useState<EmailKind>('arrivalReminder');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const settings = useQuery('emails/settings/get', { agencyId }, ['agency_email_settings']);
  const smtpMissing = settings.data ? !settings.data.configured : false;

  // The template is filled again for each kind chosen.
  useEffect(() => {
    let live = true;
    setDraft(null);
    setError(null);
    call('emails/draft', { agencyId, kind, bookingId }).then(
      (d) => live && setDraft({ kind, anchorDate: d.anchorDate, missing: d.missing, fields: { to: d.to, subject: d.subject, html: d.html }, key: `${kind}:${Date.now()}` }),
      (e: unknown) => live && setError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [agencyId, bookingId, kind]);

  const send = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      await call('emails/send', { agencyId, kind: draft.kind, bookingId, ...draft.fields, anchorDate: draft.anchorDate });
      setSentTo(draft.fields.to.trim());
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Envoyer un e-mail — dossier ${number}`} onClose={onClose}>
      <div className="comm-send">
        {sentTo ? (
          <p role="status" className="dossier-notice">
            E-mail « {EMAIL_KIND_LABELS[kind]} » envoyé à {sentTo}. Il apparaît dans les Communications du dossier.
          </p>
        ) : (
          <>
            <label htmlFor={`${id}-kind`}>Modèle</label>
            <select id={`${id}-kind`} data-autofocus value={kind} onChange={(e) => setKind(e.target.value as EmailKind)} disabled={busy}>
              {EMAIL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {EMAIL_KIND_LABELS[k]}
                </option>
              ))}
            </select>
            {smtpMissing && (
              <p className="email-smtp-missing" role="note">
                Aucun serveur d'e-mails n'est configuré pour cette agence. <a href={settingsLink('emails')}>Configurer l'envoi des e-mails</a>
              </p>
            )}
            {draft ? (
              <MailEditor
                value={draft.fields}
                onChange={(fields) => setDraft((d) => (d ? { ...d, fields } : d))}
                missing={draft.missing}
                resetKey={draft.key}
                disabled={busy}
              />
            ) : (
              !error && <p className="dossier-muted">Préparation de l'e-mail…</p>
            )}
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dossier-dialog-actions">
          <button type="button" onClick={onClose}>
            {sentTo ? 'Fermer' : 'Annuler'}
          </button>
          {!sentTo && (
            <button type="button" className="dossier-primary" disabled={!draft || busy || smtpMissing} onClick={() => void send()}>
              ENVOYER
            </button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
