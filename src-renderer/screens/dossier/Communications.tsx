// Dossier › Communications: every e-mail of the dossier with the exact content as sent, what is
// planned and when, the decision on a message whose hand-off is unknown, and « Envoyer un e-mail… ».
import { useId, useState } from 'react';
import type { EmailMessage } from '../../../src-shared/contract';
import { formatInstant, formatStayDate } from '../../../src-shared/domain';
import { ApiError, call } from '../../api';
import { useQuery } from '../../hooks';
import { SentContent } from '../email/MailEditor';
import { CommunicationsSendDialog } from './CommunicationsSendDialog';
import { Dialog } from './Dialog';

const STATE_VIEW: Record<EmailMessage['state'], { icon: string; tone: string }> = {
  held: { icon: '⌛', tone: 'pending' },
  sent: { icon: '✓', tone: 'ok' },
  queued: { icon: '⌛', tone: 'pending' },
  failed: { icon: '⚠', tone: 'danger' },
  unknown: { icon: '?', tone: 'warning' },
  cancelled: { icon: '✕', tone: 'muted' },
};

function stateText(m: EmailMessage, timeZone: string): string {
  switch (m.state) {
    case 'held':
      return m.error ?? 'En attente du lien Swikly';
    case 'sent':
      return m.sentAt ? `Envoyé le ${formatInstant(m.sentAt, timeZone)}` : 'Envoyé';
    case 'queued':
      return m.offline ? 'En attente — hors ligne, il partira au retour du réseau' : "En attente d'envoi";
    case 'failed':
      return `Échec : ${m.error ?? 'raison inconnue'}`;
    case 'unknown':
      return 'À vérifier';
    case 'cancelled':
      return m.error ? `Annulé — ${m.error}` : 'Annulé';
  }
}

function MessageItem({ m, timeZone, onError }: { m: EmailMessage; timeZone: string; onError(message: string | null): void }) {
  const [busy, setBusy] = useState(false);
  const [confirmResend, setConfirmResend] = useState(false);
  const view = STATE_VIEW[m.state];
  const resolve = async (decision: 'markSent' | 'resend') => {
    setBusy(true);
    onError(null);
    try {
      await call('emails/resolve', { emailId: m.id, decision });
    } catch (e) {
      onError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
      setConfirmResend(false);
    }
  };
  return (
    <li className={`comm-message comm-${m.state}`}>
      <details>
        <summary>
          <span className={`comm-icon dossier-tone-${view.tone}`} aria-hidden="true">
            {view.icon}
          </span>
          <span className="comm-kind">{m.kindLabel}</span>
          <span className={`comm-state dossier-tone-${view.tone}`}>{stateText(m, timeZone)}</span>
          <span className="comm-subject">{m.subject}</span>
          <span className="comm-to">{m.to}</span>
        </summary>
        <dl className="comm-meta">
          <dt>À</dt>
          <dd>{m.to}</dd>
          <dt>Objet</dt>
          <dd>{m.subject}</dd>
          <dt>Créé</dt>
          <dd>
            {formatInstant(m.createdAt, timeZone)} par {m.createdBy}
          </dd>
          {m.anchorDate && (
            <>
              <dt>Pour la date du</dt>
              <dd>{formatStayDate(m.anchorDate)}</dd>
            </>
          )}
        </dl>
        <SentContent html={m.html} title={`Contenu de l'e-mail « ${m.subject} »`} />
      </details>
      {m.state === 'unknown' && (
        <div className="comm-decision">
          <p>{m.error}</p>
          <button type="button" disabled={busy} onClick={() => void resolve('markSent')}>
            Marquer envoyé
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirmResend(true)}>
            Renvoyer
          </button>
        </div>
      )}
      {confirmResend && (
        <Dialog title="Renvoyer l'e-mail" onClose={() => setConfirmResend(false)}>
          <p>
            Renvoyer « {m.subject} » à {m.to} ? S'il était déjà parti, le client le recevra deux fois.
          </p>
          <div className="dossier-dialog-actions">
            <button type="button" data-autofocus onClick={() => setConfirmResend(false)}>
              Ne pas renvoyer
            </button>
            <button type="button" className="dossier-primary" disabled={busy} onClick={() => void resolve('resend')}>
              Renvoyer
            </button>
          </div>
        </Dialog>
      )}
    </li>
  );
}

export function Communications({
  bookingId,
  agencyId,
  number,
  timeZone,
  today,
}: {
  bookingId: string;
  agencyId: string;
  number: string;
  timeZone: string;
  /** The agency's calendar day: a planned e-mail already due says so. */
  today: string;
}) {
  const id = useId();
  const data = useQuery('emails/forBooking', { bookingId }, ['emails', 'bookings', 'clients', 'email_rules']);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const messages = data.data?.messages ?? [];
  const scheduled = data.data?.scheduled ?? [];
  const notCreated = data.data?.notCreated ?? [];
  return (
    <section className="dossier-panel comm" aria-labelledby={`${id}-title`}>
      <div className="comm-bar">
        <h2 id={`${id}-title`}>Communications</h2>
        <button type="button" onClick={() => setSending(true)}>
          Envoyer un e-mail…
        </button>
      </div>
      {(error ?? data.error?.message) && (
        <p className="error" role="alert">
          {error ?? data.error?.message}
        </p>
      )}
      {notCreated.length > 0 && (
        <ul className="comm-not-created" aria-label="E-mails automatiques non envoyés">
          {notCreated.map((n) => (
            <li key={n.kind}>
              <span className="dossier-tone-warning" aria-hidden="true">
                ⚠{' '}
              </span>
              {n.kindLabel} — non envoyé le {formatInstant(n.at, timeZone)} : {n.reason} Une fois corrigé, envoyez-le avec « Envoyer un e-mail… ».
            </li>
          ))}
        </ul>
      )}
      {data.data && messages.length === 0 && <p className="dossier-muted">Aucun e-mail envoyé pour ce dossier.</p>}
      {messages.length > 0 && (
        <ul className="comm-list" aria-label="E-mails du dossier">
          {messages.map((m) => (
            <MessageItem key={m.id} m={m} timeZone={timeZone} onError={setError} />
          ))}
        </ul>
      )}
      {scheduled.length > 0 && (
        <>
          <h3 className="comm-subtitle">Prévus</h3>
          <ul className="comm-scheduled" aria-label="E-mails prévus">
            {scheduled.map((s) => (
              <li key={s.kind}>
                <span className="dossier-tone-pending" aria-hidden="true">
                  ⌛{' '}
                </span>
                {s.kindLabel} — {s.dueDate <= today ? `à envoyer depuis le ${formatStayDate(s.dueDate)} (E-mail Auto)` : `prévu le ${formatStayDate(s.dueDate)}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {sending && <CommunicationsSendDialog bookingId={bookingId} agencyId={agencyId} number={number} onClose={() => setSending(false)} />}
    </section>
  );
}
