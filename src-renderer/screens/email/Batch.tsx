// « TOUT CRÉER ET ENVOYER AUTOMATIQUEMENT »: the confirmation, then the progress of the batch as the
// sync engine hands its messages to the SMTP server, and the summary staff act on.
import { useEffect, useState } from 'react';
import type { BatchStatus } from '../../../src-shared/contract';
import { EMAIL_KIND_LABELS, type PlannedEmailKind } from '../../../src-shared/domain';
import { ApiError, call, onEvent } from '../../api';
import { formatCount } from '../../hooks';
import { dossierLink } from '../../routes';
import { Dialog } from '../dossier/Dialog';
import { plural } from './labels';

export function ConfirmBatchDialog({
  kind,
  agencyName,
  listed,
  skipped,
  busy,
  onConfirm,
  onClose,
}: {
  kind: PlannedEmailKind;
  agencyName: string;
  listed: number;
  /** Rows the batch will skip for a reason already known (no address, prefers post…). */
  skipped: number;
  busy: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  const label = EMAIL_KIND_LABELS[kind];
  const sending = listed - skipped;
  return (
    <Dialog title="Tout créer et envoyer automatiquement" onClose={onClose}>
      <p>
        Envoyer {plural(sending, 'e-mail', 'e-mails')} « {label} » pour {agencyName} ? Chaque e-mail est rempli avec le modèle de
        l'agence puis envoyé, sans relecture individuelle.
      </p>
      {skipped > 0 && (
        <p>
          {plural(skipped, 'dossier de la liste sera ignoré', 'dossiers de la liste seront ignorés')} (motif indiqué dans la colonne
          État et dans le résumé).
        </p>
      )}
      <div className="dossier-dialog-actions">
        <button type="button" onClick={onClose}>
          Ne pas envoyer
        </button>
        <button type="button" className="dossier-primary" data-autofocus disabled={busy} onClick={onConfirm}>
          Envoyer {plural(sending, 'e-mail', 'e-mails')}
        </button>
      </div>
    </Dialog>
  );
}

const WATCHED = new Set(['emails', 'email_batches', 'outbox']);

/** The batch's status, asked again when its e-mails change or connectivity does. */
function useBatchStatus(initial: BatchStatus): { status: BatchStatus; error: string | null } {
  const [status, setStatus] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    call('emails/batch/status', { batchId: initial.batchId }).then(
      (s) => live && (setStatus(s), setError(null)),
      (e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [initial.batchId, version]);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const offChanged = onEvent('changed', ({ tables }) => tables.some((t) => WATCHED.has(t)) && bump());
    // Going offline or coming back changes « en attente (hors ligne) » without touching a table.
    const offStatus = onEvent('sync/status', bump);
    return () => {
      offChanged();
      offStatus();
    };
  }, []);
  return { status, error };
}

export function BatchProgress({ initial, agencyName, onClose }: { initial: BatchStatus; agencyName: string; onClose(): void }) {
  const { status, error } = useBatchStatus(initial);
  const [stopping, setStopping] = useState(false);
  const [stopError, setStopError] = useState<string | null>(null);
  const done = status.sent + status.failed + status.unknown + status.cancelled;
  const label = EMAIL_KIND_LABELS[status.kind];

  const stop = async () => {
    setStopping(true);
    try {
      await call('emails/batch/cancel', { batchId: status.batchId });
    } catch (e) {
      setStopError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setStopping(false);
    }
  };

  return (
    <section className="email-batch" aria-label="Envoi groupé">
      <div className="email-batch-head">
        <h2>
          Envoi groupé « {label} » — {agencyName}
        </h2>
        {!status.finished && (
          <button type="button" className="dossier-danger" onClick={() => void stop()} disabled={stopping}>
            Arrêter l'envoi
          </button>
        )}
        {status.finished && (
          <button type="button" onClick={onClose}>
            Fermer le résumé
          </button>
        )}
      </div>
      <div className="email-progress-line">
        <div
          className="email-progress"
          role="progressbar"
          aria-label="Progression de l'envoi"
          aria-valuemin={0}
          aria-valuemax={status.total}
          aria-valuenow={done}
          aria-valuetext={`${formatCount(done)} sur ${formatCount(status.total)}`}
        >
          <div className="email-progress-fill" style={{ width: status.total ? `${(100 * done) / status.total}%` : '100%' }} />
        </div>
        <span role="status">
          {status.finished ? 'Terminé' : status.offline ? 'En attente du réseau' : 'Envoi en cours…'} — {formatCount(done)} sur {formatCount(status.total)}
        </span>
      </div>
      {(error ?? stopError) && (
        <p className="error" role="alert">
          {error ?? stopError}
        </p>
      )}
      <ul className="email-summary" aria-label="Résumé de l'envoi">
        <li className="email-tone-ok">{plural(status.sent, 'envoyé', 'envoyés')}</li>
        {status.queued > 0 &&
          (status.offline ? (
            <li className="email-tone-warning">
              {plural(status.queued, 'en attente (hors ligne)', 'en attente (hors ligne)')} — ils partiront au retour du réseau
            </li>
          ) : (
            <li>{plural(status.queued, "en cours d'envoi", "en cours d'envoi")}</li>
          ))}
        <li className={status.skipped.length ? 'email-tone-warning' : undefined}>{plural(status.skipped.length, 'ignoré', 'ignorés')}</li>
        {status.failed > 0 && <li className="email-tone-danger">{plural(status.failed, 'en échec', 'en échec')}</li>}
        {status.unknown > 0 && <li className="email-tone-danger">{plural(status.unknown, 'à vérifier', 'à vérifier')}</li>}
        {status.cancelled > 0 && <li>{plural(status.cancelled, 'non envoyé (arrêté)', 'non envoyés (arrêtés)')}</li>}
      </ul>
      {status.skipped.length > 0 && (
        <>
          <h3>Ignorés</h3>
          <ul className="email-issues" aria-label="Dossiers ignorés">
            {status.skipped.map((s) => (
              <li key={s.bookingId}>
                <strong>{s.number}</strong> {s.clientName} — {s.message} <a href={dossierLink(s.bookingId)}>Ouvrir le dossier {s.number}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {status.failures.length > 0 && (
        <>
          <h3>En échec ou à vérifier</h3>
          <ul className="email-issues" aria-label="E-mails en échec">
            {status.failures.map((f) => (
              <li key={f.emailId}>
                <strong>{f.number}</strong> {f.to} — {f.error}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
