import { useId } from 'react';
import type { Property } from '../../../src-shared/contract';
import { nightsBetween, validateStay } from '../../../src-shared/domain';
import { PropertyCombobox } from '../../components/PropertyCombobox';
import { dossierLink } from '../../routes';
import { DateField } from './DateField';
import { parseFrenchDate } from './dates';
import { describedBy, FieldError } from './FieldError';
import type { StayDraft, StayErrors } from './stay';
import type { Availability } from './useAvailability';

/**
 * Logement, dates and party, with the live availability answer under the dates. A required
 * field left empty is flagged once the clerk tried to save (`showAll`).
 */
export function StayEditor({
  stay,
  errors,
  showAll,
  properties,
  availability,
  onChange,
}: {
  stay: StayDraft;
  errors: StayErrors;
  showAll: boolean;
  properties: readonly Property[];
  availability: Availability;
  onChange(stay: StayDraft): void;
}) {
  const id = useId();
  const shown = (f: keyof StayDraft) => (showAll || stay[f].trim() !== '' || (f === 'departure' && stay.arrival !== '') ? errors[f] : undefined);
  const set = (patch: Partial<StayDraft>) => onChange({ ...stay, ...patch });
  const arrival = parseFrenchDate(stay.arrival);
  const departure = parseFrenchDate(stay.departure);
  const nights = arrival && departure && !validateStay({ arrival, departure }) ? nightsBetween(arrival, departure) : null;
  const f = (name: string) => `${id}-${name}`;

  return (
    <div className="dossier-form-grid">
      <label htmlFor={f('property')}>Logement</label>
      <span>
        <PropertyCombobox
          id={f('property')}
          properties={properties}
          value={stay.propertyId}
          onChange={(propertyId) => set({ propertyId })}
          describe={(p) => `${p.code} · ${p.name} (${p.city}, ${p.capacity} pers.)`}
          className="dossier-property"
          inputProps={{ placeholder: 'Code, nom ou commune du logement', ...describedBy(f('property-error'), shown('propertyId')) }}
        />
        <FieldError id={f('property-error')} message={shown('propertyId')} />
      </span>

      <label htmlFor={f('arrival')}>Arrivée</label>
      <span>
        <DateField id={f('arrival')} value={stay.arrival} onChange={(arrival) => set({ arrival })} {...describedBy(f('arrival-error'), shown('arrival'))} />
        <FieldError id={f('arrival-error')} message={shown('arrival')} />
      </span>

      <label htmlFor={f('departure')}>Départ</label>
      <span>
        <DateField id={f('departure')} value={stay.departure} onChange={(departure) => set({ departure })} {...describedBy(f('departure-error'), shown('departure'))} />
        {nights !== null && <span className="dossier-muted"> {nights} {nights > 1 ? 'nuits' : 'nuit'}</span>}
        <FieldError id={f('departure-error')} message={shown('departure')} />
      </span>

      <span className="dossier-availability-cell">
        <AvailabilityNote availability={availability} />
      </span>

      <label htmlFor={f('adults')}>Adultes</label>
      <span>
        <input id={f('adults')} type="number" min={1} max={50} className="dossier-count" value={stay.adults} onChange={(e) => set({ adults: e.target.value })} {...describedBy(f('adults-error'), shown('adults'))} />
        <FieldError id={f('adults-error')} message={shown('adults')} />
      </span>

      <label htmlFor={f('children')}>Enfants</label>
      <span>
        <input id={f('children')} type="number" min={0} max={50} className="dossier-count" value={stay.children} onChange={(e) => set({ children: e.target.value })} {...describedBy(f('children-error'), shown('children'))} />
        <FieldError id={f('children-error')} message={shown('children')} />
      </span>
    </div>
  );
}

function AvailabilityNote({ availability: a }: { availability: Availability }) {
  switch (a.state) {
    case 'idle':
      return null;
    case 'checking':
      return <span className="dossier-availability dossier-muted" role="status">Vérification des disponibilités…</span>;
    case 'available':
      return (
        <span className="dossier-availability dossier-ok" role="status">
          <span aria-hidden="true">✔ </span>Disponible
        </span>
      );
    case 'conflict':
      return (
        <span className="dossier-availability dossier-conflict" role="alert">
          <span aria-hidden="true">⚠ </span>
          {a.message} <a href={dossierLink(a.conflict.id)}>Ouvrir le dossier {a.conflict.number}</a>
        </span>
      );
    case 'error':
      return (
        <span className="dossier-availability dossier-conflict" role="alert">
          {a.message}
        </span>
      );
  }
}
