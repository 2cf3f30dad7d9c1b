import { useEffect, useRef, useState } from 'react';
import type { BookingDetail } from '../../../src-shared/contract';
import { call } from '../../api';
import { draftErrors, draftFromDetail, draftSignature, updateInput, type DossierDraft } from './draft';
import { stayRange } from './stay';
import { useAvailability } from './useAvailability';
import { asApiError } from './useBooking';

/** A fresh draft that keeps the row keys of the lines on screen, so focus survives a refresh. */
function draftKeepingKeys(detail: BookingDetail, current: DossierDraft | null): DossierDraft {
  const fresh = draftFromDetail(detail);
  if (!current) return fresh;
  return { ...fresh, lines: fresh.lines.map((l, i) => ({ ...l, key: current.lines[i]?.key ?? l.key })) };
}

/** The range to check, when it differs from the saved one (the dossier's own nights are its own). */
function changedRange(d: DossierDraft, b: BookingDetail) {
  const range = stayRange(d.stay);
  if (!range || (range.propertyId === b.propertyId && range.arrival === b.arrival && range.departure === b.departure)) return null;
  return range;
}

/**
 * The editing state of an open dossier. `base` is the dossier as last loaded; the draft is what
 * the clerk typed. A refresh from elsewhere replaces the draft only when it holds no unsaved
 * change, so nothing typed is ever overwritten.
 */
export function useDossierEditor(detail: BookingDetail, reload: () => Promise<BookingDetail | null>) {
  const [base, setBase] = useState(() => draftFromDetail(detail));
  const [draft, setDraft] = useState(base);
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const dirty = draftSignature(draft) !== draftSignature(base);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const readOnly = detail.status === 'cancelled';

  const draftRef = useRef(draft);
  draftRef.current = draft;

  const adopt = (fresh: BookingDetail) => {
    const next = draftKeepingKeys(fresh, draftRef.current);
    setBase(next);
    setDraft(next);
  };

  useEffect(() => {
    if (dirtyRef.current) setBase(draftFromDetail(detail));
    else adopt(detail);
  }, [detail]);

  const errors = draftErrors(draft);
  const availability = useAvailability(readOnly ? null : changedRange(draft, detail), detail.id);

  /**
   * Runs a command, then shows the dossier as main now has it. `replaceDraft`: the command made
   * the typed changes moot (saved, or the dossier cancelled); otherwise they are kept.
   */
  /** `done` is said when it worked, followed by the command's `emailNotice` if it has one. */
  const run = async (command: () => Promise<object>, done: string, replaceDraft: boolean): Promise<boolean> => {
    setBusy(true);
    setAlert(null);
    setNotice(null);
    try {
      const answer = await command();
      const fresh = await reload();
      if (fresh && replaceDraft) {
        adopt(fresh);
        setShowAll(false);
      }
      const emailNotice = 'emailNotice' in answer && typeof answer.emailNotice === 'string' ? answer.emailNotice : null;
      setNotice(emailNotice ? `${done} ${emailNotice}` : done);
      return true;
    } catch (e) {
      setAlert(asApiError(e).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (): Promise<boolean> => {
    if (readOnly) return false;
    if (!dirtyRef.current) {
      setNotice('Aucune modification à enregistrer.');
      return true;
    }
    const input = updateInput(detail.id, draft);
    if (!input) {
      setShowAll(true);
      setNotice(null);
      setAlert("Corrigez les champs signalés avant d'enregistrer.");
      return false;
    }
    if (availability.state === 'conflict') {
      setAlert(availability.message);
      return false;
    }
    return run(() => call('bookings/update', input), 'Dossier enregistré.', true);
  };

  return {
    draft,
    errors,
    dirty,
    readOnly,
    showAll,
    busy,
    alert,
    notice,
    availability,
    change: (patch: Partial<DossierDraft>) => setDraft((d) => ({ ...d, ...patch })),
    save,
    confirm: () => run(() => call('bookings/confirm', { id: detail.id }), 'Option confirmée.', false),
    cancel: (reason: string) => run(() => call('bookings/cancel', { id: detail.id, reason }), 'Dossier annulé.', true),
  };
}
