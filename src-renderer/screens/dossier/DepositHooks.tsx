// Hooks of the dossier's deposit block.
//
// useDeposit: the dossier's deposit as main knows it: reloaded when the dossier or its Swikly request
// changes (the poller, another window), and every few minutes while the dossier stays open,
// which also tells main the dossier is open (its deposit is then polled at the desk's pace).
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { DepositInfo } from '../../../src-shared/contract';
import { ApiError, call, onEvent } from '../../api';

export const DEPOSIT_TABLES = ['bookings', 'swikly_requests', 'properties', 'agency_swikly_settings'];
const REFRESH_MS = 5 * 60_000;

export function useDeposit(bookingId: string) {
  const [info, setInfo] = useState<DepositInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const fresh = await call('deposits/get', { bookingId });
      if (ticket === latest.current) {
        setInfo(fresh);
        setError(null);
      }
    } catch (e) {
      if (ticket === latest.current) setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }));
    }
  }, [bookingId]);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), REFRESH_MS);
    const off = onEvent('changed', ({ tables }) => {
      if (tables.some((t) => DEPOSIT_TABLES.includes(t))) void reload();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [reload]);

  return { info, error, reload, adopt: setInfo };
}

/**
 * A place just before the dossier's <fieldset>, for what must stay usable when the dossier is
 * cancelled: the fieldset is then disabled, and so is every button inside it (« Libérer la
 * caution » must not be). Null outside a fieldset: render in place.
 */
export function useHostBeforeFieldset(anchor: RefObject<HTMLElement | null>): HTMLElement | null {
  const [host, setHost] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const fieldset = anchor.current?.closest('fieldset');
    if (!fieldset?.parentNode) return;
    const div = document.createElement('div');
    div.className = 'deposit-outside';
    fieldset.parentNode.insertBefore(div, fieldset);
    setHost(div);
    return () => {
      div.remove();
      setHost(null);
    };
  }, [anchor]);
  return host;
}
