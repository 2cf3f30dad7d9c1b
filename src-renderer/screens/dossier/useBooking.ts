import { useCallback, useEffect, useRef, useState } from 'react';
import type { BookingDetail } from '../../../src-shared/contract';
import { ApiError, call, onEvent } from '../../api';

/** Tables whose changes can alter what the dossier screen shows. */
const WATCHED = ['bookings', 'pricing_lines', 'payments', 'clients', 'properties'];

export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) });
}

export interface BookingState {
  detail: BookingDetail | null;
  error: ApiError | null;
  /** Loads the dossier again and resolves with it (null when that failed). */
  reload(): Promise<BookingDetail | null>;
}

/**
 * The dossier, reloaded when this or another window (or the sync engine) changes it. Unlike
 * useQuery, a caller can await a fresh copy, which saving needs to adopt what was written.
 */
export function useBooking(id: string): BookingState {
  const [detail, setDetail] = useState<BookingDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const fresh = await call('bookings/get', { id });
      if (ticket === latest.current) {
        setDetail(fresh);
        setError(null);
      }
      return fresh;
    } catch (e) {
      if (ticket === latest.current) setError(asApiError(e));
      return null;
    }
  }, [id]);

  useEffect(() => {
    void reload();
    return onEvent('changed', ({ tables }) => {
      if (tables.some((t) => WATCHED.includes(t))) void reload();
    });
  }, [reload]);

  return { detail, error, reload };
}
