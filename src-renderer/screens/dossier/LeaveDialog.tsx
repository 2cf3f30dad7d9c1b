import { Dialog } from './Dialog';

/** Shown when the clerk leaves a form with unsaved changes: stay, save, or drop them. */
export function LeaveDialog({
  subject,
  busy,
  onStay,
  onSave,
  onLeave,
}: {
  /** "le dossier 2026-000412", "ce nouveau dossier". */
  subject: string;
  busy: boolean;
  onStay(): void;
  onSave?: () => void;
  onLeave(): void;
}) {
  return (
    <Dialog title="Modifications non enregistrées" onClose={onStay}>
      <p>Quitter {subject} sans enregistrer ? Les modifications non enregistrées seront perdues.</p>
      <div className="dossier-dialog-actions">
        <button type="button" data-autofocus onClick={onStay}>
          Rester
        </button>
        {onSave && (
          <button type="button" onClick={onSave} disabled={busy}>
            Enregistrer et quitter
          </button>
        )}
        <button type="button" className="dossier-danger" onClick={onLeave}>
          Quitter sans enregistrer
        </button>
      </div>
    </Dialog>
  );
}
