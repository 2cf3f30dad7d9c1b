// The sticky bar under a settings form: the refusal, the unsaved mark, and « Enregistrer » (Ctrl+S).
export function SaveBar({ alert, dirty, dirtyLabel, busy, saving }: { alert: string | null; dirty: boolean; dirtyLabel: string; busy: boolean; saving: boolean }) {
  return (
    <div className="settings-form-actions">
      {alert && (
        <p className="error" role="alert">
          {alert}
        </p>
      )}
      {dirty && (
        <span className="settings-dirty">
          <span aria-hidden="true">● </span>
          {dirtyLabel}
        </span>
      )}
      <button type="submit" className="settings-primary" title="Ctrl+S" disabled={busy}>
        {saving ? 'Enregistrement…' : 'Enregistrer'}
      </button>
    </div>
  );
}
