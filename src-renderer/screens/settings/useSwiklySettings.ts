// The editing state of the agency's Swikly connection: loaded once, kept while the clerk types
// (a refresh from elsewhere replaces it only when nothing is unsaved), saved in one call;
// « Connecter » saves what is typed first, then asks Swikly who the key belongs to.
import { useEffect, useRef, useState } from 'react';
import type { SwiklySettings } from '../../../src-shared/contract';
import { ApiError, call } from '../../api';
import { useQuery } from '../../hooks';
import { draftOf, sameDraft, toSaveInput, withEnabled, type KeyChange, type SwiklyDraft, type SwiklyField } from './swikly-draft';

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

export const SWIKLY_TABLES = ['agency_swikly_settings'] as const;

export function useSwiklySettings(agencyId: string) {
  const query = useQuery('swikly/settings/get', { agencyId }, SWIKLY_TABLES);
  const [saved, setSaved] = useState<SwiklySettings | null>(null);
  const [base, setBase] = useState<SwiklyDraft | null>(null);
  const [draft, setDraft] = useState<SwiklyDraft | null>(null);
  const [key, setKey] = useState<KeyChange>({ mode: 'keep' });
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState<null | 'save' | 'connect' | 'switch'>(null);
  const [alert, setAlert] = useState<string | null>(null);

  const dirty =
    draft !== null && base !== null && (!sameDraft(draft, base) || key.mode === 'remove' || (key.mode === 'set' && key.value.trim() !== ''));
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

  const adopt = (result: SwiklySettings) => {
    const next = draftOf(result);
    setSaved(result);
    setBase(next);
    setDraft(next);
    setKey({ mode: 'keep' });
    setShowAll(false);
  };

  const errors = draft && saved ? toSaveInput(agencyId, draft, key, saved.enabled).errors : {};
  const errorOf = (field: SwiklyField) => {
    if (showAll) return errors[field];
    if (!draft || !base) return undefined;
    const changed = field === 'apiKey' ? key.mode === 'set' : draft[field] !== base[field];
    return changed ? errors[field] : undefined;
  };

  /** Saves what is typed; true when nothing is left unsaved. */
  const persist = async (): Promise<boolean> => {
    if (!draft || !saved) return false;
    const { input } = toSaveInput(agencyId, draft, key, saved.enabled);
    if (!input) {
      setShowAll(true);
      setAlert("Corrigez les champs signalés avant d'enregistrer.");
      return false;
    }
    adopt(await call('swikly/settings/save', input));
    return true;
  };

  /** One action at a time: marks it busy, clears the last alert, and shows its failure instead of `failed`. */
  const attempt = async <T,>(kind: NonNullable<typeof busy>, failed: T, run: () => Promise<T>): Promise<T> => {
    setBusy(kind);
    setAlert(null);
    try {
      return await run();
    } catch (e) {
      setAlert(message(e));
      return failed;
    } finally {
      setBusy(null);
    }
  };

  const save = async (): Promise<boolean> => (busy ? false : attempt('save', false, persist));

  const connect = async (): Promise<SwiklySettings | null> =>
    busy
      ? null
      : attempt('connect', null, async () => {
          if (dirtyRef.current && !(await persist())) return null;
          const result = await call('swikly/connect', { agencyId });
          adopt(result);
          return result;
        });

  /** Préférences › « Activer la liaison Swikly »: everything else stays as loaded. */
  const setEnabled = async (enabled: boolean): Promise<boolean> =>
    !saved || busy
      ? false
      : attempt('switch', false, async () => {
          const result = await call('swikly/settings/save', withEnabled(saved, enabled));
          setSaved(result);
          if (!dirtyRef.current) adopt(result);
          return true;
        });

  return {
    loadError: query.error && !saved ? query.error.message : null,
    saved,
    draft,
    setDraft,
    key,
    setKey,
    dirty,
    busy,
    alert,
    errorOf,
    save,
    connect,
    setEnabled,
  };
}

export type SwiklySettingsEditor = ReturnType<typeof useSwiklySettings>;
