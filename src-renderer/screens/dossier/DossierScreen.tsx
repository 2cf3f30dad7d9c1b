import { useEffect, useId, useRef, useState } from 'react';
import type { BookingDetail } from '../../../src-shared/contract';
import { statusLabel } from '../../../src-shared/domain';
import { useToast } from '../../components/Toast';
import { useQuery } from '../../hooks';
import { dossiersLink } from '../../routes';
import { CancelDialog } from './CancelDialog';
import { ClientDialog } from './ClientDialog';
import { Communications } from './Communications';
import { dialogOpen } from './Dialog';
import { DossierHeader } from './DossierHeader';
import { History } from './History';
import { LeaveDialog } from './LeaveDialog';
import { Payments } from './Payments';
import { StayEditor } from './StayEditor';
import { Tarification } from './Tarification';
import { useBooking } from './useBooking';
import { useDossierEditor } from './useDossierEditor';
import { useLeaveGuard } from './useLeaveGuard';
import { useServerClock } from './useServerClock';

/** The dossier screen ('#/dossier/<id>'); another id is another dossier, with a fresh state. */
export function DossierScreen({ id }: { id: string }) {
  return <Dossier key={id} id={id} />;
}

function Dossier({ id }: { id: string }) {
  const { detail, error, reload } = useBooking(id);
  if (!detail) {
    return (
      <section className="dossier" aria-labelledby="dossier-title">
        <h1 id="dossier-title">Dossier</h1>
        {error ? (
          <p className="error" role="alert">
            {error.message}
          </p>
        ) : (
          <p className="dossier-muted">Chargement du dossier…</p>
        )}
        <a href={dossiersLink({})}>Retour aux dossiers</a>
      </section>
    );
  }
  return <DossierView detail={detail} reload={reload} />;
}

function DossierView({ detail, reload }: { detail: BookingDetail; reload: () => Promise<BookingDetail | null> }) {
  const editor = useDossierEditor(detail, reload);
  const guard = useLeaveGuard(editor.dirty);
  const clock = useServerClock();
  const properties = useQuery('properties/list', { agencyId: detail.agencyId }, ['properties']);
  const [cancelling, setCancelling] = useState(false);
  const [editingClient, setEditingClient] = useState(false);
  const toast = useToast();
  const id = useId();
  const now = clock.now();
  const today = clock.today(detail.agencyTimeZone);
  const canConfirm = detail.status === 'option' && statusLabel(detail, now) === 'Option';
  const propertyList = properties.data ?? [];
  const property = propertyList.find((p) => p.id === editor.draft.stay.propertyId);

  // Shortcuts read the latest state through a ref: the listener is installed once.
  const keys = useRef({ save: editor.save, close: () => guard.requestLeave(dossiersLink({})) });
  keys.current = { save: editor.save, close: () => guard.requestLeave(dossiersLink({})) };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialogOpen() || e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void keys.current.save();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        keys.current.close();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="dossier" aria-labelledby={`${id}-title`}>
      <div className="dossier-bar">
        <h1 id={`${id}-title`}>Dossier {detail.number}</h1>
        {editor.dirty && (
          <span className="dossier-dirty" role="status">
            <span aria-hidden="true">● </span>Modifications non enregistrées
          </span>
        )}
        <div className="dossier-actions">
          {!editor.readOnly && (
            <button type="button" className="dossier-primary" title="Ctrl+S" onClick={() => void editor.save()} disabled={editor.busy}>
              Enregistrer
            </button>
          )}
          {canConfirm && (
            <button type="button" onClick={() => void editor.confirm()} disabled={editor.busy}>
              Confirmer l'option
            </button>
          )}
          {!editor.readOnly && (
            <button type="button" onClick={() => setCancelling(true)} disabled={editor.busy}>
              Annuler le dossier…
            </button>
          )}
          <button type="button" title="Échap" onClick={() => guard.requestLeave(dossiersLink({}))}>
            Fermer
          </button>
        </div>
      </div>

      <DossierHeader detail={detail} now={now} onEditClient={() => setEditingClient(true)} />

      {editor.alert && (
        <p className="error" role="alert">
          {editor.alert}
        </p>
      )}
      {editor.notice && (
        <p className="dossier-notice" role="status">
          {editor.notice}
        </p>
      )}
      {editor.readOnly && (
        <p className="dossier-readonly">
          Dossier annulé{detail.cancelReason ? ` — motif : ${detail.cancelReason}` : ''}. Il ne peut plus être modifié.
        </p>
      )}

      <fieldset className="dossier-sections" disabled={editor.readOnly}>
        <div className="dossier-column">
          <Tarification
            detail={detail}
            draft={editor.draft}
            errors={editor.errors}
            showAll={editor.showAll}
            readOnly={editor.readOnly}
            defaultDepositCents={property?.defaultDepositCents ?? null}
            today={today}
            onChange={editor.change}
          />
          <Payments detail={detail} today={today} readOnly={editor.readOnly} />
        </div>
        <div className="dossier-column">
          <section className="dossier-panel" aria-labelledby={`${id}-stay`}>
            <h2 id={`${id}-stay`}>Séjour</h2>
            <StayEditor
              stay={editor.draft.stay}
              errors={editor.errors.stay}
              showAll={editor.showAll}
              properties={propertyList}
              availability={editor.availability}
              onChange={(stay) => editor.change({ stay })}
            />
          </section>
          <section className="dossier-panel" aria-labelledby={`${id}-notes`}>
            <h2 id={`${id}-notes`}>
              <label htmlFor={`${id}-notes-text`}>Notes internes</label>
            </h2>
            <textarea
              id={`${id}-notes-text`}
              className="dossier-notes"
              rows={4}
              maxLength={5000}
              value={editor.draft.notes}
              onChange={(e) => editor.change({ notes: e.target.value })}
            />
          </section>
          <History detail={detail} context={{ propertyName: (pid) => propertyList.find((p) => p.id === pid)?.name }} />
        </div>
      </fieldset>

      {/* Outside the fieldset: a cancelled dossier's e-mails still need decisions and resends. */}
      <Communications bookingId={detail.id} agencyId={detail.agencyId} number={detail.number} timeZone={detail.agencyTimeZone} today={today} />

      {cancelling && (
        <CancelDialog
          number={detail.number}
          dirty={editor.dirty}
          busy={editor.busy}
          failure={editor.alert}
          onClose={() => setCancelling(false)}
          onCancel={(reason) => void editor.cancel(reason).then((ok) => ok && setCancelling(false))}
        />
      )}
      {editingClient && (
        <ClientDialog
          clientId={detail.client.id}
          onClose={() => setEditingClient(false)}
          onSaved={(message) =>
            // The header shows the saved fiche when the dialog closes, not a moment after.
            void reload().then(() => {
              setEditingClient(false);
              toast.show(message);
            })
          }
        />
      )}
      {toast.view}
      {guard.pendingHref !== null && (
        <LeaveDialog
          subject={`le dossier ${detail.number}`}
          busy={editor.busy}
          onStay={guard.stay}
          onLeave={guard.leave}
          onSave={() => void editor.save().then((ok) => (ok ? guard.leave() : guard.stay()))}
        />
      )}
    </section>
  );
}
