import { useId, useState } from 'react';
import { Dialog } from './Dialog';
import { describedBy, FieldError } from './FieldError';

/** Asks for the reason before cancelling; names the dossier and what cancelling does. */
export function CancelDialog({
  number,
  dirty,
  busy,
  failure,
  onCancel,
  onClose,
}: {
  number: string;
  dirty: boolean;
  busy: boolean;
  /** Why main refused the cancellation, shown here since the dialog covers the screen. */
  failure: string | null;
  onCancel(reason: string): void;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  const submit = () => {
    if (reason.trim() === '') setError("Indiquez le motif de l'annulation.");
    else onCancel(reason.trim());
  };
  return (
    <Dialog title="Annuler le dossier" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p>
          Annuler le dossier {number} ? Les nuits seront libérées.
          {dirty && ' Les modifications non enregistrées seront perdues.'}
        </p>
        <label htmlFor={`${id}-reason`}>Motif de l'annulation</label>
        <textarea
          id={`${id}-reason`}
          data-autofocus
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setError(undefined);
          }}
          {...describedBy(`${id}-error`, error)}
        />
        <FieldError id={`${id}-error`} message={error} />
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <div className="dossier-dialog-actions">
          <button type="button" onClick={onClose}>
            Garder le dossier
          </button>
          <button type="submit" className="dossier-danger" disabled={busy}>
            Annuler le dossier
          </button>
        </div>
      </form>
    </Dialog>
  );
}
