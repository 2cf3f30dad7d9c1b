// Synchronisation: every operation that has not reached its remote yet, with why, when the next
// attempt comes, and the two decisions staff can take: « Réessayer » now, or « Annuler ».
import { useState } from 'react';
import type { SyncOperation } from '../../src-shared/contract';
import { formatInstant } from '../../src-shared/domain';
import { ApiError, call } from '../api';
import { formatCount, useQuery } from '../hooks';
import { dossierLink } from '../routes';
import { statusSentence } from '../components/StatusBar';

const STATE_LABELS: Record<SyncOperation['state'], string> = {
  pending: 'En attente',
  in_flight: "En cours d'envoi",
  failed: 'En échec',
  done: 'Envoyée',
  cancelled: 'Annulée',
};

function OperationRow({ op, onError }: { op: SyncOperation; onError(message: string): void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = async (name: 'sync/retry' | 'sync/cancel') => {
    setBusy(true);
    try {
      await call(name, { id: op.id });
    } catch (e) {
      onError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const canAct = op.state === 'pending' || op.state === 'failed';
  // A blocked row goes as soon as the one before it does: retrying it alone would change nothing.
  const canRetry = canAct && !op.blocked;
  return (
    <tr className={op.state === 'failed' ? 'sync-failed' : undefined}>
      <td>{op.label}</td>
      <td>{op.bookingId && op.dossierNumber ? <a href={dossierLink(op.bookingId)}>{op.dossierNumber}</a> : '—'}</td>
      <td>{STATE_LABELS[op.state]}</td>
      <td className="sync-reason">{op.reason ?? '—'}</td>
      <td className="num">{formatCount(op.attempts)}</td>
      <td>{op.nextAttemptAt && !op.blocked ? formatInstant(op.nextAttemptAt) : '—'}</td>
      <td>
        <div className="sync-actions">
          {canAct && !confirming && (
            <>
              {canRetry && (
                <button type="button" disabled={busy} onClick={() => void act('sync/retry')}>
                  Réessayer
                </button>
              )}
              <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
                Annuler
              </button>
            </>
          )}
          {confirming && (
            <>
              <span>Abandonner cette opération ?</span>
              <button type="button" className="danger" disabled={busy} onClick={() => void act('sync/cancel')}>
                Oui, annuler
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
                Non
              </button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}

export function Synchronisation() {
  const [filter, setFilter] = useState<'open' | 'failed'>('open');
  const [actionError, setActionError] = useState<string | null>(null);
  const operations = useQuery('sync/operations', { filter }, ['outbox']);
  const status = useQuery('sync/status', {}, ['outbox']);
  const rows = operations.data?.rows ?? [];
  return (
    <section aria-labelledby="sync-title">
      <div className="toolbar">
        <h1 id="sync-title">Synchronisation</h1>
        {status.data && <span>{statusSentence(status.data)}</span>}
        <label>
          Afficher{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as 'open' | 'failed')}>
            <option value="open">Opérations en attente et en échec</option>
            <option value="failed">En échec seulement</option>
          </select>
        </label>
        <output className="count">
          {operations.data ? `${formatCount(operations.data.total)} ${operations.data.total > 1 ? 'opérations' : 'opération'}` : ''}
        </output>
      </div>
      {(operations.error ?? actionError) && (
        <p className="error" role="alert">
          {operations.error?.message ?? actionError}
        </p>
      )}
      {operations.data && rows.length === 0 ? (
        <p className="notice">Aucune opération en attente : tout est envoyé.</p>
      ) : (
        <table className="grid sync-grid">
          <thead>
            <tr>
              <th>Opération</th>
              <th>Dossier</th>
              <th>État</th>
              <th>Motif</th>
              <th className="num">Tentatives</th>
              <th>Prochaine tentative</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((op) => (
              <OperationRow key={op.id} op={op} onError={setActionError} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
