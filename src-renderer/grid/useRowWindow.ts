// Rows of the grid, fetched from main by windows of BLOCK rows as they scroll into view. The
// renderer never holds the table: only the blocks around what is visible, plus the total count.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BookingListInput, BookingRow } from '../../src-shared/contract';
import { ApiError, call, onEvent } from '../api';

export const BLOCK = 100;
const REFRESH_TABLES = ['bookings', 'clients', 'properties', 'pricing_lines', 'payments'];

export type RowQuery = Omit<BookingListInput, 'offset' | 'limit'>;

export interface RowWindow {
  total: number | null;
  rowAt(index: number): BookingRow | undefined;
  error: ApiError | null;
  /** Bumps whenever rows arrive, so memoised children re-read rowAt. */
  version: number;
  /** A window is being fetched (aria-busy on the grid). */
  loading: boolean;
}

export function useRowWindow(query: RowQuery, visible: { start: number; end: number }): RowWindow {
  const key = JSON.stringify(query);
  const blocks = useRef(new Map<number, BookingRow[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const [staleTick, setStaleTick] = useState(0);
  const [loading, setLoading] = useState(0);
  const stale = useRef(false);

  const fetchBlock = useCallback(
    (block: number, gen: number) => {
      inFlight.current.add(block);
      setLoading((n) => n + 1);
      const settled = () => setLoading((n) => n - 1);
      call('bookings/list', { ...(JSON.parse(key) as RowQuery), offset: block * BLOCK, limit: BLOCK }).then(
        (page) => {
          settled();
          if (gen !== generation.current) return;
          inFlight.current.delete(block);
          blocks.current.set(block, page.rows);
          setTotal(page.total);
          setError(null);
          setVersion((v) => v + 1);
        },
        (e: unknown) => {
          settled();
          if (gen !== generation.current) return;
          inFlight.current.delete(block);
          setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }));
        },
      );
    },
    [key],
  );

  // A new query starts from scratch.
  useEffect(() => {
    generation.current += 1;
    blocks.current = new Map();
    inFlight.current = new Set();
    setTotal(null);
    setVersion((v) => v + 1);
  }, [key]);

  // A change elsewhere: refetch what is on screen in place (scroll and selection stay), forget the rest.
  useEffect(
    () =>
      onEvent('changed', ({ tables }) => {
        if (!tables.some((t) => REFRESH_TABLES.includes(t))) return;
        stale.current = true;
        setStaleTick((t) => t + 1);
      }),
    [],
  );

  const first = Math.floor(Math.max(0, visible.start) / BLOCK);
  // Never ask for blocks past the end once the total is known.
  const lastRow = total === null ? visible.end : Math.min(visible.end, Math.max(0, total - 1));
  const last = Math.max(first, Math.floor(Math.max(0, lastRow) / BLOCK));
  useEffect(() => {
    if (stale.current) {
      stale.current = false;
      generation.current += 1;
      inFlight.current = new Set();
      const kept = new Map<number, BookingRow[]>();
      for (const [b, rows] of blocks.current) if (b >= first && b <= last) kept.set(b, rows);
      blocks.current = kept;
      for (let b = first; b <= last; b++) fetchBlock(b, generation.current);
      return;
    }
    for (let b = first; b <= last; b++) {
      if (!blocks.current.has(b) && !inFlight.current.has(b)) fetchBlock(b, generation.current);
    }
  }, [first, last, key, staleTick, fetchBlock]);

  const rowAt = useCallback((index: number) => blocks.current.get(Math.floor(index / BLOCK))?.[index % BLOCK], []);
  return { total, rowAt, error, version, loading: loading > 0 };
}
