// A modal asking for a required reason (cancellation…). The title names the object, the message
// the consequence.
import { useEffect, useRef, useState } from 'react';

export interface ReasonRequest {
  title: string;
  message: string;
  resolve(reason: string | null): void;
}

export function ReasonDialog({ request }: { request: ReasonRequest }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError("Indiquez le motif de l'annulation.");
      return;
    }
    dialog.current?.close();
    request.resolve(reason.trim());
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="reason-title" onCancel={() => request.resolve(null)}>
      <form onSubmit={submit}>
        <h2 id="reason-title">{request.title}</h2>
        <p>{request.message}</p>
        <label>
          Motif
          <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} aria-invalid={error !== null} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button
            type="button"
            onClick={() => {
              dialog.current?.close();
              request.resolve(null);
            }}
          >
            Ne pas annuler
          </button>
          <button type="submit" className="danger">
            Annuler le dossier
          </button>
        </div>
      </form>
    </dialog>
  );
}
