// One template being edited: Objet and the HTML body, « Insérer » at the caret of the field last
// focused, unknown fields flagged as they are typed (saving waits until they are fixed), and an
// Aperçu with a real dossier of the agency.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { EmailTemplate } from '../../../src-shared/contract';
import { mergeFieldsIn } from '../../../src-shared/domain';
import { ApiError, call } from '../../api';
import { InsertMenu, type MergeField } from './InsertMenu';
import { TEMPLATE_EDITOR_ATTR, templateName } from './TemplateManager';
import { TemplatePreview } from './TemplatePreview';

type FieldName = 'subject' | 'html';
interface Text {
  subject: string;
  html: string;
}

export function TemplateEditor({
  agencyId,
  template,
  fields,
  onDirty,
  onSaved,
}: {
  agencyId: string;
  template: EmailTemplate;
  fields: MergeField[];
  onDirty(dirty: boolean): void;
  onSaved(): void;
}) {
  const id = useId();
  const [base, setBase] = useState<Text>({ subject: template.subject, html: template.html });
  const [text, setText] = useState<Text>(base);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const dirty = text.subject !== base.subject || text.html !== base.html;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastField = useRef<FieldName>('html');
  const caret = useRef<{ field: FieldName; at: number } | null>(null);
  const elementOf = (f: FieldName) => (f === 'subject' ? subjectRef.current : bodyRef.current);

  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  useEffect(() => () => onDirty(false), [onDirty]);

  // Saved from another window: shown at once unless the clerk is in the middle of a change.
  useEffect(() => {
    const fresh = { subject: template.subject, html: template.html };
    setBase(fresh);
    if (!dirtyRef.current) setText(fresh);
  }, [template.subject, template.html]);

  // After an insertion, the caret goes right after the inserted field, focus back in its field.
  useEffect(() => {
    const c = caret.current;
    if (!c) return;
    caret.current = null;
    const el = elementOf(c.field);
    el?.focus();
    el?.setSelectionRange(c.at, c.at);
  });

  const known = new Set(fields.map((f) => f.key));
  const unknown = mergeFieldsIn(`${text.subject}\n${text.html}`).filter((k) => !known.has(k));

  const insert = (key: string) => {
    const field = lastField.current;
    const el = elementOf(field);
    const value = text[field];
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? start;
    const token = `{{${key}}}`;
    setText({ ...text, [field]: value.slice(0, start) + token + value.slice(end) });
    caret.current = { field, at: start + token.length };
  };

  const save = async () => {
    if (busy) return;
    if (unknown.length > 0) {
      setAlert("Corrigez les champs inconnus (ou choisissez-les dans « Insérer ») avant d'enregistrer.");
      return;
    }
    setBusy(true);
    setAlert(null);
    try {
      const saved = await call('emails/templates/save', { agencyId, kind: template.kind, language: template.language, ...text });
      const next = { subject: saved.subject, html: saved.html };
      setBase(next);
      setText(next);
      onSaved();
    } catch (e) {
      setAlert(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    }
  };

  const track = (f: FieldName) => () => {
    lastField.current = f;
  };

  return (
    <div className="tpl-editor" {...{ [TEMPLATE_EDITOR_ATTR]: '' }} onKeyDown={onKeyDown} role="region" aria-labelledby={`${id}-title`}>
      <div className="tpl-editor-bar">
        <h4 id={`${id}-title`}>Modèle {templateName(template)}</h4>
        {dirty && (
          <span className="settings-dirty">
            <span aria-hidden="true">● </span>Modèle modifié
          </span>
        )}
      </div>
      <div className="tpl-toolbar">
        <InsertMenu fields={fields} onInsert={insert} onDismiss={() => elementOf(lastField.current)?.focus()} />
        <span className="settings-hint">Le champ est inséré à l'emplacement du curseur, dans l'objet ou dans le corps.</span>
      </div>
      <div className="settings-field">
        <label htmlFor={`${id}-subject`}>Objet</label>
        <input
          ref={subjectRef}
          id={`${id}-subject`}
          className="tpl-subject"
          value={text.subject}
          spellCheck
          onFocus={track('subject')}
          onChange={(e) => setText({ ...text, subject: e.target.value })}
        />
      </div>
      <div className="settings-field">
        <label htmlFor={`${id}-body`}>Corps (HTML)</label>
        <textarea
          ref={bodyRef}
          id={`${id}-body`}
          className="tpl-body"
          value={text.html}
          rows={18}
          spellCheck={false}
          onFocus={track('html')}
          onChange={(e) => setText({ ...text, html: e.target.value })}
        />
      </div>
      {unknown.length > 0 && (
        <ul className="tpl-unknown" id={`${id}-unknown`} aria-live="polite">
          {unknown.map((k) => (
            <li key={k}>Champ inconnu : {`{{${k}}}`}</li>
          ))}
        </ul>
      )}
      {alert && (
        <p className="error" role="alert">
          {alert}
        </p>
      )}
      <div className="tpl-actions">
        <button type="button" aria-expanded={previewing} onClick={() => setPreviewing((p) => !p)}>
          {previewing ? "Masquer l'aperçu" : 'Aperçu'}
        </button>
        <button
          type="button"
          className="settings-primary"
          title="Ctrl+S"
          disabled={busy || unknown.length > 0}
          aria-describedby={unknown.length > 0 ? `${id}-unknown` : undefined}
          onClick={() => void save()}
        >
          {busy ? 'Enregistrement…' : 'Enregistrer le modèle'}
        </button>
      </div>
      {previewing && <TemplatePreview agencyId={agencyId} kind={template.kind} language={template.language} text={text} fields={fields} />}
    </div>
  );
}
