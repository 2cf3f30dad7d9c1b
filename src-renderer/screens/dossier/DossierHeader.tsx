import type { BookingDetail } from '../../../src-shared/contract';
import { formatInstant, formatStayDate, statusLabel } from '../../../src-shared/domain';
import { clientDisplayName, SOURCE_LABELS } from './labels';

/** The strip a clerk reads first: who, where, when, in what state. Shows what is saved. */
export function DossierHeader({ detail: d, now, onEditClient }: { detail: BookingDetail; now: Date; onEditClient(): void }) {
  const status = statusLabel(d, now);
  return (
    <dl className="dossier-header">
      <div>
        <dt>N° dossier</dt>
        <dd>{d.number}</dd>
      </div>
      <div>
        <dt>Statut</dt>
        <dd className={`dossier-status dossier-status-${d.status}`}>
          {status}
          {d.status === 'option' && d.optionExpiresAt && status === 'Option' && (
            <span className="dossier-muted"> jusqu'au {formatInstant(d.optionExpiresAt, d.agencyTimeZone)}</span>
          )}
        </dd>
      </div>
      <div>
        <dt>Séjour</dt>
        <dd>
          {formatStayDate(d.arrival)} → {formatStayDate(d.departure)}
        </dd>
      </div>
      <div>
        <dt>Nuits</dt>
        <dd>{d.nights}</dd>
      </div>
      <div>
        <dt>Logement</dt>
        <dd>
          {d.propertyCode} · {d.propertyName}
        </dd>
      </div>
      <div>
        <dt>Locataire</dt>
        <dd title={[d.client.email, d.client.phone].filter(Boolean).join(' · ')}>{clientDisplayName(d.client)}</dd>
        {/* A second description of the term: the name's own <dd> holds only the name. */}
        <dd className="dossier-header-action">
          <button type="button" onClick={onEditClient}>
            Modifier le client…
          </button>
        </dd>
      </div>
      <div>
        <dt>E-mail</dt>
        <dd>{d.client.email || <span className="dossier-muted">Aucune adresse</span>}</dd>
      </div>
      <div>
        <dt>Source</dt>
        <dd>{SOURCE_LABELS[d.source]}</dd>
      </div>
      <div>
        <dt>Agence</dt>
        <dd>{d.agencyName}</dd>
      </div>
    </dl>
  );
}
