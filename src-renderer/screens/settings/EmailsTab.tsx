// The Emails tab of the fiche agence: the SMTP server and the délais (one form, one save), then
// the gestionnaire d'email. Ctrl+S saves the part the focus is in.
import { useEffect, useRef } from 'react';
import type { Agency } from '../../../src-shared/contract';
import { useToast } from '../../components/Toast';
import { dialogOpen } from '../dossier/Dialog';
import { DelaysSection } from './DelaysSection';
import { SmtpSection } from './SmtpSection';
import { TemplateManager, TEMPLATE_EDITOR_ATTR } from './TemplateManager';
import { useEmailSettings } from './useEmailSettings';
import { SaveBar } from './SaveBar';

export function EmailsTab({ agency, reportDirty }: { agency: Agency; reportDirty(part: string, dirty: boolean): void }) {
  const editor = useEmailSettings(agency.id);
  const toast = useToast();

  useEffect(() => reportDirty('email-settings', editor.dirty), [editor.dirty, reportDirty]);
  useEffect(() => () => reportDirty('email-settings', false), [reportDirty]);

  const save = async () => {
    if (await editor.save()) toast.show(`Paramètres e-mail de ${agency.name} enregistrés.`);
  };

  // The template editor answers Ctrl+S itself when it holds the focus.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialogOpen() || e.defaultPrevented) return;
      if (!((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's')) return;
      if (document.activeElement?.closest(`[${TEMPLATE_EDITOR_ATTR}]`)) return;
      e.preventDefault();
      void saveRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="settings-section">
      <h2 className="visually-hidden">Emails</h2>
      {editor.loadError && (
        <p className="error" role="alert">
          {editor.loadError}
        </p>
      )}
      {editor.draft ? (
        <form
          className="settings-form"
          aria-label="Serveur d'envoi et délais"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <SmtpSection editor={editor} agencyId={agency.id} />
          <DelaysSection editor={editor} agencyId={agency.id} />
          <SaveBar alert={editor.alert} dirty={editor.dirty} dirtyLabel="Serveur ou délais modifiés" busy={editor.busy} saving={editor.busy} />
        </form>
      ) : (
        !editor.loadError && <p className="settings-muted">Chargement des paramètres e-mail…</p>
      )}
      <TemplateManager agency={agency} reportDirty={reportDirty} toast={toast.show} />
      {toast.view}
    </div>
  );
}
