import { useEffect, useId, useState } from 'react';
import type { Client, ClientFields } from '../../../src-shared/contract';
import { call } from '../../api';
import { Dialog } from './Dialog';
import {
  CIVILITY_LABELS,
  CLIENT_LANGUAGE_LABELS,
  COMM_PREFERENCE_LABELS,
  type Civility,
  type ClientLanguage,
  type CommPreference,
} from './labels';
import { asApiError } from './useBooking';

const fieldsOf = ({ id: _id, agencyId: _agencyId, ...fields }: Client): ClientFields => fields;

/** What main will store: text fields trimmed, as the contract does. */
function normalized(f: ClientFields): ClientFields {
  const trim = (s: string) => s.trim();
  return {
    ...f,
    lastName: trim(f.lastName),
    firstName: trim(f.firstName),
    email: trim(f.email),
    phone: trim(f.phone),
    addressLine1: trim(f.addressLine1),
    addressLine2: trim(f.addressLine2),
    addressLine3: trim(f.addressLine3),
    postcode: trim(f.postcode),
    city: trim(f.city),
    country: trim(f.country),
  };
}

const sameFiche = (a: ClientFields, b: ClientFields) => JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));

/**
 * « Fiche client »: the client of a dossier, editable even when the dossier is not (a cancelled
 * dossier's guest still gets e-mails). Main checks every field; its refusal is shown under the form
 * and the dialog keeps what was typed.
 */
export function ClientDialog({ clientId, onClose, onSaved }: { clientId: string; onClose(): void; onSaved(message: string): void }) {
  const [client, setClient] = useState<Client | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('clients/get', { id: clientId }).then(
      (c) => live && setClient(c),
      (e: unknown) => live && setFailure(asApiError(e).message),
    );
    return () => {
      live = false;
    };
  }, [clientId]);

  if (failure && !client) {
    return (
      <Dialog title="Fiche client" onClose={onClose}>
        <p className="error" role="alert">
          {failure}
        </p>
        <div className="dossier-dialog-actions">
          <button type="button" data-autofocus onClick={onClose}>
            Fermer
          </button>
        </div>
      </Dialog>
    );
  }
  // Opened once the fiche is here, so the first field gets the focus (a local read: no flash).
  if (!client) return null;
  return <ClientForm client={client} onClose={onClose} onSaved={onSaved} />;
}

function ClientForm({ client, onClose, onSaved }: { client: Client; onClose(): void; onSaved(message: string): void }) {
  const id = useId();
  const [form, setForm] = useState<ClientFields>(() => fieldsOf(client));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  /** Échap or « Annuler » with unsaved changes asks once; a second time leaves without them. */
  const [leaving, setLeaving] = useState(false);
  const set = (patch: Partial<ClientFields>) => {
    setLeaving(false);
    setForm((f) => ({ ...f, ...patch }));
  };
  const leave = () => {
    if (leaving || sameFiche(form, fieldsOf(client))) onClose();
    else setLeaving(true);
  };
  const f = (name: keyof ClientFields) => `${id}-${name}`;

  const save = async () => {
    if (busy) return;
    if (sameFiche(form, fieldsOf(client))) {
      onSaved('Aucune modification à enregistrer.');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await call('clients/update', { id: client.id, ...normalized(form) });
      onSaved('Fiche client enregistrée.');
    } catch (e) {
      setFailure(asApiError(e).message);
      setBusy(false);
    }
  };

  type TextField = 'lastName' | 'firstName' | 'email' | 'phone' | 'addressLine1' | 'addressLine2' | 'addressLine3' | 'postcode' | 'city';
  const text = (name: TextField, label: string, max: number, type = 'text', hint?: string) => (
    <>
      <label htmlFor={f(name)}>{label}</label>
      <input id={f(name)} type={type} maxLength={max} placeholder={hint} value={form[name]} onChange={(e) => set({ [name]: e.target.value })} />
    </>
  );

  return (
    <Dialog title="Fiche client" onClose={leave}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
            e.preventDefault();
            void save();
          }
        }}
      >
        <div className="dossier-form-grid client-fiche" role="group" aria-label="Fiche client">
          <label htmlFor={f('civility')}>Civilité</label>
          <select id={f('civility')} data-autofocus value={form.civility} onChange={(e) => set({ civility: e.target.value as Civility })}>
            {(Object.keys(CIVILITY_LABELS) as Civility[]).map((c) => (
              <option key={c} value={c}>
                {CIVILITY_LABELS[c] || 'Non précisée'}
              </option>
            ))}
          </select>
          {text('lastName', 'Nom', 80)}
          {text('firstName', 'Prénom', 80)}
          {text('email', 'E-mail', 200, 'email')}
          {text('phone', 'Téléphone', 40, 'tel')}
          {text('addressLine1', 'Adresse', 120, 'text', 'N° et voie')}
          {text('addressLine2', "Complément d'adresse", 120, 'text', 'Bâtiment, étage, résidence…')}
          {text('addressLine3', 'Lieu-dit ou boîte postale', 120)}
          {text('postcode', 'Code postal', 20)}
          {text('city', 'Ville', 80)}
          <label htmlFor={f('country')}>Pays</label>
          <input
            id={f('country')}
            className="client-fiche-country"
            maxLength={2}
            autoCapitalize="characters"
            title="Code pays à deux lettres (FR, BE…)"
            value={form.country}
            onChange={(e) => set({ country: e.target.value.toUpperCase() })}
          />
          <label htmlFor={f('language')}>Langue</label>
          <select id={f('language')} value={form.language} onChange={(e) => set({ language: e.target.value as ClientLanguage })}>
            {(Object.keys(CLIENT_LANGUAGE_LABELS) as ClientLanguage[]).map((l) => (
              <option key={l} value={l}>
                {CLIENT_LANGUAGE_LABELS[l]}
              </option>
            ))}
          </select>
          <label htmlFor={f('commPreference')}>Préférence de contact</label>
          <select
            id={f('commPreference')}
            value={form.commPreference ?? ''}
            onChange={(e) => set({ commPreference: (e.target.value || null) as CommPreference | null })}
          >
            <option value="">Non précisée</option>
            {(Object.keys(COMM_PREFERENCE_LABELS) as CommPreference[]).map((p) => (
              <option key={p} value={p}>
                {COMM_PREFERENCE_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        {leaving && (
          <p className="error" role="alert">
            Modifications non enregistrées : « Enregistrer » pour les garder, ou « Abandonner les modifications ».
          </p>
        )}
        <div className="dossier-dialog-actions">
          <button type="button" onClick={leave}>
            {leaving ? 'Abandonner les modifications' : 'Annuler'}
          </button>
          <button type="submit" className="dossier-primary" disabled={busy}>
            Enregistrer
          </button>
        </div>
      </form>
    </Dialog>
  );
}
