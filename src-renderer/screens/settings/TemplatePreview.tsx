// The template as being edited, filled with a real dossier of the agency by main. The body is
// shown in a sandboxed frame: no script, no form, no navigation from a template's HTML.
import { useEffect, useId, useState } from 'react';
import type { EmailTemplate, Output } from '../../../src-shared/contract';
import { ApiError, call } from '../../api';
import type { MergeField } from './InsertMenu';

type Preview = Output<'emails/templates/preview'>;

/** Typing pauses this long before the preview follows. */
const DEBOUNCE_MS = 400;

export function TemplatePreview({
  agencyId,
  kind,
  language,
  text,
  fields,
}: {
  agencyId: string;
  kind: EmailTemplate['kind'];
  language: EmailTemplate['language'];
  text: { subject: string; html: string };
  fields: MergeField[];
}) {
  const id = useId();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      call('emails/templates/preview', { agencyId, kind, language, subject: text.subject, html: text.html }).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (!live) return;
          setError(e instanceof ApiError ? e.message : String(e));
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [agencyId, kind, language, text.subject, text.html]);

  const labelOf = (key: string) => fields.find((f) => f.key === key)?.label;
  // Unknown fields are listed above the editor already; here only the real gaps of this dossier.
  const missing = preview?.missing.filter((k) => !preview.unknown.includes(k)) ?? [];

  return (
    <section className="tpl-preview" aria-labelledby={`${id}-title`} aria-busy={loading}>
      <h4 id={`${id}-title`}>
        {preview?.number ? `Aperçu avec le dossier ${preview.number}` : 'Aperçu'}
        {loading && <span className="settings-muted"> — mise à jour…</span>}
      </h4>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {preview && preview.number === null && (
        <p className="settings-note">Aucun dossier dans cette agence : l'aperçu montre le modèle sans valeurs.</p>
      )}
      {preview && (
        <>
          <p className="tpl-preview-subject">
            <span className="settings-muted">Objet : </span>
            <strong>{preview.subject}</strong>
          </p>
          <iframe className="tpl-preview-frame" title="Corps de l'e-mail (aperçu)" sandbox="" srcDoc={preview.html} />
          {missing.length > 0 ? (
            <div className="tpl-missing">
              <p>Sans valeur pour ce dossier (l'e-mail ne partirait pas en envoi groupé) :</p>
              <ul aria-label="Champs sans valeur pour ce dossier">
                {missing.map((k) => (
                  <li key={k}>
                    {labelOf(k) ?? k} <code>{`{{${k}}}`}</code>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="settings-muted">Tous les champs ont une valeur pour ce dossier.</p>
          )}
        </>
      )}
    </section>
  );
}
