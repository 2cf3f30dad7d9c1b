import { useId } from 'react';
import type { BookingDetail } from '../../../src-shared/contract';
import { formatInstant } from '../../../src-shared/domain';
import { historyActionLabel, historySummary, type HistoryContext } from './history';

/** The dossier's audit log, newest first. */
export function History({ detail, context }: { detail: BookingDetail; context: HistoryContext }) {
  const id = useId();
  const entries = [...detail.history].reverse();
  return (
    <section className="dossier-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Historique</h2>
      {entries.length === 0 ? (
        <p className="dossier-muted">Aucune modification enregistrée.</p>
      ) : (
        <table className="dossier-table dossier-history" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Poste</th>
              <th scope="col">Action</th>
              <th scope="col">Détail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((h, i) => (
              <tr key={`${h.at}-${i}`}>
                <td>{formatInstant(h.at, detail.agencyTimeZone)}</td>
                <td>{h.workstationUser}</td>
                <td>{historyActionLabel(h.action)}</td>
                <td>{historySummary(h.action, h.changes, context)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
