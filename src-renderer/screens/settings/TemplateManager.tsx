// « Gestionnaire d'email »: every kind in French and English; one template open for editing at
// a time. Opening another while the open one has unsaved changes asks first.
import { useEffect, useId, useState } from 'react';
import type { Agency, EmailTemplate } from '../../../src-shared/contract';
import { EMAIL_KINDS, EMAIL_KIND_LABELS, type EmailKind } from '../../../src-shared/domain';
import { useQuery } from '../../hooks';
import { Dialog } from '../dossier/Dialog';
import { TemplateEditor } from './TemplateEditor';

/** Marks the editor's element: Ctrl+S inside it saves the template, not the SMTP form. */
export const TEMPLATE_EDITOR_ATTR = 'data-template-editor';

export type Language = EmailTemplate['language'];
export const LANGUAGE_LABELS: Readonly<Record<Language, string>> = { fr: 'Français', en: 'English' };
const LANGUAGES = Object.keys(LANGUAGE_LABELS) as Language[];

export interface TemplateRef {
  kind: EmailKind;
  language: Language;
}
export const templateName = (t: TemplateRef) => `« ${EMAIL_KIND_LABELS[t.kind]} » (${LANGUAGE_LABELS[t.language]})`;

export function TemplateManager({
  agency,
  reportDirty,
  toast,
}: {
  agency: Agency;
  reportDirty(part: string, dirty: boolean): void;
  toast(text: string): void;
}) {
  const id = useId();
  const templates = useQuery('emails/templates/list', { agencyId: agency.id }, ['email_templates']);
  const fields = useQuery('emails/mergeFields', {}, []);
  const [open, setOpen] = useState<TemplateRef | null>(null);
  const [editorDirty, setEditorDirty] = useState(false);
  const [pending, setPending] = useState<TemplateRef | null>(null);

  useEffect(() => reportDirty('template', editorDirty), [editorDirty, reportDirty]);
  useEffect(() => () => reportDirty('template', false), [reportDirty]);

  const choose = (t: TemplateRef) => {
    if (open && open.kind === t.kind && open.language === t.language) return;
    if (editorDirty) setPending(t);
    else setOpen(t);
  };
  const find = (t: TemplateRef) => templates.data?.find((x) => x.kind === t.kind && x.language === t.language) ?? null;
  const current = open ? find(open) : null;

  return (
    <section className="settings-part" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Gestionnaire d'email</h3>
      {(templates.error ?? fields.error) && (
        <p className="error" role="alert">
          {(templates.error ?? fields.error)!.message}
        </p>
      )}
      <div className="tpl-layout">
        <table className="tpl-list" aria-label="Modèles d'e-mail">
          <thead>
            <tr>
              <th scope="col">Modèle</th>
              {LANGUAGES.map((l) => (
                <th key={l} scope="col">
                  {LANGUAGE_LABELS[l]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {EMAIL_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">{EMAIL_KIND_LABELS[kind]}</th>
                {LANGUAGES.map((language) => {
                  const t = { kind, language };
                  const isOpen = open?.kind === kind && open.language === language;
                  return (
                    <td key={language}>
                      <button
                        type="button"
                        className="tpl-open"
                        aria-pressed={isOpen}
                        aria-label={`Modifier ${templateName(t)}`}
                        title={find(t)?.subject}
                        onClick={() => choose(t)}
                        disabled={!templates.data}
                      >
                        {isOpen ? 'En cours' : 'Modifier'}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="tpl-editor-slot">
          {open && current && fields.data ? (
            <TemplateEditor
              key={`${open.kind}-${open.language}`}
              agencyId={agency.id}
              template={current}
              fields={fields.data}
              onDirty={setEditorDirty}
              onSaved={() => toast(`Modèle ${templateName(open)} enregistré.`)}
            />
          ) : (
            <p className="settings-muted">Choisissez un modèle dans la liste pour le modifier et voir son aperçu avec un vrai dossier.</p>
          )}
        </div>
      </div>
      {pending && open && (
        <Dialog title="Modifications non enregistrées" onClose={() => setPending(null)}>
          <p>
            Ouvrir le modèle {templateName(pending)} sans enregistrer le modèle {templateName(open)} ? Ses modifications seront perdues.
          </p>
          <div className="dossier-dialog-actions">
            <button type="button" data-autofocus onClick={() => setPending(null)}>
              Rester
            </button>
            <button
              type="button"
              className="dossier-danger"
              onClick={() => {
                setEditorDirty(false);
                setOpen(pending);
                setPending(null);
              }}
            >
              Abandonner les modifications
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
