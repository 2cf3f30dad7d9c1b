import { useEffect, useState } from 'react';
import type { Output } from '../../../src-shared/contract';
import { call, onEvent } from '../../api';
import { asApiError } from './useBooking';

export type Availability =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'available' }
  | { state: 'conflict'; message: string; conflict: NonNullable<Output<'bookings/availability'>['conflict']> }
  | { state: 'error'; message: string };

const DEBOUNCE_MS = 200;

/**
 * Asks main whether the property's nights are free while the clerk types the dates; `excludeId`
 * is the dossier being edited, which never conflicts with itself. Asks again when bookings change.
 */
export function useAvailability(
  stay: { propertyId: string; arrival: string; departure: string } | null,
  excludeId: string | null,
): Availability {
  const [result, setResult] = useState<Availability>({ state: 'idle' });
  const [version, setVersion] = useState(0);
  const key = stay ? `${stay.propertyId}|${stay.arrival}|${stay.departure}` : '';

  useEffect(() => onEvent('changed', ({ tables }) => tables.includes('bookings') && setVersion((v) => v + 1)), []);

  useEffect(() => {
    if (!key) {
      setResult({ state: 'idle' });
      return;
    }
    const [propertyId = '', arrival = '', departure = ''] = key.split('|');
    let live = true;
    setResult((r) => (r.state === 'idle' ? { state: 'checking' } : r));
    const timer = setTimeout(() => {
      setResult({ state: 'checking' });
      call('bookings/availability', { propertyId, arrival, departure, excludeId }).then(
        (a) => {
          if (!live) return;
          if (a.available || !a.conflict) setResult({ state: 'available' });
          else setResult({ state: 'conflict', conflict: a.conflict, message: a.message ?? `Ces dates chevauchent le dossier ${a.conflict.number}.` });
        },
        (e: unknown) => live && setResult({ state: 'error', message: asApiError(e).message }),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, excludeId, version]);

  return result;
}
