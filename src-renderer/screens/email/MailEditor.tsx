// The e-mail as it will leave: « À : », « Objet : » and the body, edited either as formatted text
// (the HTML shown in a sandboxed frame put in design mode) or as HTML source. Shared by the
// right pane of E-mail Auto and the dossier's « Envoyer un e-mail… » dialog.
import { useEffect, useId, useRef, useState } from 'react';
import { useQuery } from '../../hooks';

export interface MailFields {
  to: string;
  subject: string;
  html: string;
}

/** A full document keeps its head (styles) when edited; a fragment is the body's content. */
const isFullDocument = (html: string) => /<html[\s>]/i.test(html);

const BASE_CSS = 'body { font: 14px/1.45 system-ui, sans-serif; margin: 10px; color: #1d2430; }';

/**
 * The window's policy (style-src 'self') reaches into srcdoc frames, so the e-mail's own
 * <style> blocks and style="" attributes are not applied by the parser. Styles set through the
 * CSSOM are allowed: they are applied that way, so staff see the e-mail as the guest will.
 */
function applyStyles(doc: Document, base: boolean): void {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  if (!view) return;
  const sheets: CSSStyleSheet[] = [];
  const add = (css: string) => {
    try {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.push(sheet);
    } catch {
      // A stylesheet the browser cannot read is left out, as a mail client would.
    }
  };
  if (base) add(BASE_CSS);
  doc.querySelectorAll('style').forEach((s) => add(s.textContent ?? ''));
  doc.adoptedStyleSheets = sheets;
  // Same declarations, written back in the browser's spelling ("color:red" → "color: red;").
  doc.querySelectorAll<HTMLElement>('[style]').forEach((el) => (el.style.cssText = el.getAttribute('style') ?? ''));
}

const wrap = (html: string) => (isFullDocument(html) ? html : `<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);

/** Formatted-text editing: scripts never run in the frame (sandbox without allow-scripts). */
function VisualBody({ html, label, onChange }: { html: string; label: string; onChange(html: string): void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  // The frame is filled once: re-rendering it on each keystroke would lose the caret.
  const [initial] = useState(html);
  const full = isFullDocument(initial);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const iframe = frame.current!;
    let detach = () => {};
    const attach = () => {
      const doc = iframe.contentDocument;
      if (!doc) return;
      applyStyles(doc, !full);
      doc.designMode = 'on';
      const read = () => onChangeRef.current(full ? `<!doctype html>\n${doc.documentElement.outerHTML}` : doc.body.innerHTML);
      doc.addEventListener('input', read);
      detach = () => doc.removeEventListener('input', read);
    };
    iframe.addEventListener('load', attach);
    if (iframe.contentDocument?.readyState === 'complete' && iframe.contentDocument.body?.childNodes.length) attach();
    return () => {
      iframe.removeEventListener('load', attach);
      detach();
    };
  }, [full]);

  return <iframe ref={frame} className="mail-frame mail-frame-edit" title={label} sandbox="allow-same-origin" srcDoc={wrap(initial)} />;
}

/**
 * Controlled editor of one e-mail. `resetKey` changes when another draft is loaded: the
 * formatted view then starts again from the new HTML.
 */
export function MailEditor({
  value,
  onChange,
  missing,
  resetKey,
  disabled = false,
}: {
  value: MailFields;
  onChange(value: MailFields): void;
  /** Merge fields that had no value for this dossier (rendered empty). */
  missing: string[];
  resetKey: string;
  disabled?: boolean;
}) {
  const id = useId();
  const [mode, setMode] = useState<'visual' | 'html'>('visual');
  // Switching back to the formatted view shows what was typed in the HTML view.
  const [visualVersion, setVisualVersion] = useState(0);
  const fields = useQuery('emails/mergeFields', {}, []);
  const labelOf = (key: string) => fields.data?.find((f) => f.key === key)?.label ?? key;

  return (
    <fieldset className="mail-editor" disabled={disabled}>
      <legend className="visually-hidden">E-mail</legend>
      <div className="mail-head">
        <label htmlFor={`${id}-to`}>À :</label>
        <input id={`${id}-to`} type="email" value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} aria-invalid={value.to.trim() === ''} />
        <label htmlFor={`${id}-subject`}>Objet :</label>
        <input
          id={`${id}-subject`}
          value={value.subject}
          maxLength={300}
          onChange={(e) => onChange({ ...value, subject: e.target.value })}
          aria-invalid={value.subject.trim() === ''}
        />
      </div>
      {missing.length > 0 && (
        <div className="mail-missing" role="note">
          <strong>Champs sans valeur pour ce dossier</strong> (laissés vides dans le texte : complétez-le avant d'envoyer, ou complétez le dossier) :
          <ul>
            {missing.map((key) => (
              <li key={key}>
                {labelOf(key)} <code>{`{{${key}}}`}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="mail-body-bar">
        <span id={`${id}-body-label`}>Message</span>
        <div role="group" aria-label="Affichage du message" className="mail-modes">
          <button type="button" aria-pressed={mode === 'visual'} onClick={() => (setMode('visual'), setVisualVersion((v) => v + 1))}>
            Mise en forme
          </button>
          <button type="button" aria-pressed={mode === 'html'} onClick={() => setMode('html')}>
            HTML
          </button>
        </div>
      </div>
      {mode === 'visual' ? (
        <VisualBody
          key={`${resetKey}:${visualVersion}`}
          html={value.html}
          label="Message (mise en forme)"
          onChange={(html) => onChange({ ...value, html })}
        />
      ) : (
        <textarea
          className="mail-html"
          aria-label="Message (HTML)"
          spellCheck={false}
          value={value.html}
          onChange={(e) => onChange({ ...value, html: e.target.value })}
        />
      )}
    </fieldset>
  );
}

/**
 * Exactly what was sent, shown without running anything it contains: the frame is sandboxed
 * without scripts; only this window's code reaches into it, to apply the e-mail's styles.
 */
export function SentContent({ html, title }: { html: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const iframe = frame.current!;
    const style = () => iframe.contentDocument && applyStyles(iframe.contentDocument, !isFullDocument(html));
    iframe.addEventListener('load', style);
    return () => iframe.removeEventListener('load', style);
  }, [html]);
  return <iframe ref={frame} className="mail-frame" title={title} sandbox="allow-same-origin" srcDoc={wrap(html)} />;
}
