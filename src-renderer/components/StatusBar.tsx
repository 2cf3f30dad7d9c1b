// The bottom line of the window: are we online, how many operations wait, how many need staff.
// Fed by the 'sync/status' event; asks once at start so it is right before the first event.
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../src-shared/contract';
import { call, onEvent } from '../api';
import { formatCount } from '../hooks';

const STATE_WORDS = { online: 'en ligne', offline: 'hors ligne', unknown: 'pas encore contacté' } as const;

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n > 1 ? many : one}`;

/** The sentence staff read: "En ligne", "Hors ligne — 3 opérations en attente". */
export function statusSentence(status: SyncStatus): string {
  const head = status.online ? 'En ligne' : 'Hors ligne';
  return status.pending > 0 ? `${head} — ${plural(status.pending, 'opération en attente', 'opérations en attente')}` : head;
}

export function StatusBar() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('sync/status', {}).then(
      (s) => live && setStatus(s),
      (e: Error) => live && setError(e.message),
    );
    const off = onEvent('sync/status', (s) => {
      setStatus(s);
      setError(null);
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  return (
    <footer className="statusbar" aria-label="État de la synchronisation">
      {error && <span className="statusbar-error">{error}</span>}
      {status && (
        <>
          <a href="#/synchronisation" className={`statusbar-summary ${status.online ? 'online' : 'offline'}`} role="status">
            {statusSentence(status)}
          </a>
          {status.failed > 0 && (
            <a href="#/synchronisation" className="statusbar-failed">
              {formatCount(status.failed)} en échec
            </a>
          )}
          <ul className="statusbar-remotes" aria-label="Services distants">
            {status.remotes.map((r) => (
              <li key={r.name} title={r.lastError ?? undefined}>
                <span className={`light light-${r.state}`} aria-hidden="true" />
                {r.label} : {STATE_WORDS[r.state]}
              </li>
            ))}
          </ul>
        </>
      )}
    </footer>
  );
}
