// The editing state of the agency's SMTP server and délais: loaded once, kept while the clerk
// types (a refresh from elsewhere replaces it only when nothing is unsaved), saved in one call.
import { useEffect, useRef, useState } from 'react';
import type { EmailSettings } from '../../../src-shared/contract';
import { ApiError, call } from '../../api';
import { useQuery } from '../../hooks';
import { draftOf, sameDraft, toSaveInput, type FieldErrors, type PasswordChange, type SettingsDraft } from './settings-draft';

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

export function useEmailSettings(agencyId: string) {
  const query = useQuery('emails/settings/get', { agencyId }, ['agency_email_settings', 'email_rules']);
  const [saved, setSaved] = useState<EmailSettings | null>(null);
  const [base, setBase] = useState<SettingsDraft | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [password, setPassword] = useState<PasswordChange>({ mode: 'keep' });
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  const dirty = draft !== null && base !== null && (!sameDraft(draft, base) || password.mode === 'remove' || (password.mode === 'set' && password.value !== ''));
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  useEffect(() => {
    const fresh = query.data;
    if (!fresh) return;
    setSaved(fresh);
    const next = draftOf(fresh);
    setBase(next);
    if (!dirtyRef.current) setDraft(next);
  }, [query.data]);

  const errors: FieldErrors = draft ? toSaveInput(agencyId, draft, password).errors : {};
  /**
   * A field's message as soon as the clerk changed it (or tried to save): shown while typing, so
   * the layout never shifts under the pointer between pressing and releasing « Enregistrer ».
   */
  const changed = (field: string) => {
    if (!draft || !base) return false;
    const [kind, name] = field.split('.');
    if (name) return draft.rules.find((r) => r.kind === kind)?.offsetDays !== base.rules.find((r) => r.kind === kind)?.offsetDays;
    return draft.smtp[field as keyof SettingsDraft['smtp']] !== base.smtp[field as keyof SettingsDraft['smtp']];
  };
  const errorOf = (field: string) => (showAll || changed(field) ? errors[field] : undefined);

  const save = async (): Promise<boolean> => {
    if (!draft || busy) return false;
    const { input } = toSaveInput(agencyId, draft, password);
    if (!input) {
      setShowAll(true);
      setAlert("Corrigez les champs signalés avant d'enregistrer.");
      return false;
    }
    setBusy(true);
    setAlert(null);
    try {
      const result = await call('emails/settings/save', input);
      const next = draftOf(result);
      setSaved(result);
      setBase(next);
      setDraft(next);
      setPassword({ mode: 'keep' });
      setShowAll(false);
      return true;
    } catch (e) {
      setAlert(message(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return {
    loadError: query.error && !saved ? query.error.message : null,
    saved,
    draft,
    setDraft,
    password,
    setPassword,
    dirty,
    busy,
    alert,
    errorOf,
    save,
  };
}

export type EmailSettingsEditor = ReturnType<typeof useEmailSettings>;
