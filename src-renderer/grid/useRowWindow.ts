// Rows of the grid, fetched from main by windows of BLOCK rows as they scroll into view. The
// renderer never holds the table: only the blocks around what is visible, plus the total count.
//
// Main answers one request at a time, so the hook never queues more than it needs: at most
// MAX_IN_FLIGHT windows are asked for at once, and the next one asked is always a block that is
// on screen *now* (a fast scroll passes blocks that are never fetched), then, once those are in,
// the block just ahead in the direction of scrolling.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { BookingListInput, BookingRow } from '../../src-shared/contract';
import { ApiError, call, onEvent } from '../api';

export const BLOCK = 100;
const REFRESH_TABLES = ['bookings', 'clients', 'properties', 'pricing_lines', 'payments'];
const MAX_IN_FLIGHT = 2;
/** Blocks kept besides the visible ones (least recently fetched dropped first). */
const KEPT_BLOCKS = 30;

export type RowQuery = Omit<BookingListInput, 'offset' | 'limit'>;

export interface RowWindow {
  /** Count of the current query; null until its first window has come. */
  total: number | null;
  /**
   * Rows to lay out: the current count, or while a new query's first window is on its way, the
   * previous one (whose rows stay on screen until then, so the grid is not emptied and rebuilt).
   */
  layoutTotal: number;
  rowAt(index: number): BookingRow | undefined;
  error: ApiError | null;
  /** Bumps whenever shown rows change, so memoised children re-read rowAt. */
  version: number;
  /** A visible window is being fetched (aria-busy on the grid). */
  loading: boolean;
}

interface State {
  key: string;
  generation: number;
  blocks: Map<number, BookingRow[]>;
  /** The previous query's blocks, shown until the first block of the current one arrives. */
  previous: Map<number, BookingRow[]> | null;
  /** Blocks shown but out of date (a change elsewhere): fetched again, replaced when in. */
  stale: Set<number>;
  inFlight: Set<number>;
  total: number | null;
  first: number;
  last: number;
  /** +1 scrolling down, -1 up, 0 when the last move jumped by more than a block (no prefetch). */
  direction: number;
  /**
   * The view jumps by more than a block again and again (a scrollbar dragged, a fling): it flies
   * past blocks that would be gone before they came (a window takes longer than a frame), so
   * nothing is asked until it has stayed on the same blocks for two frames; then, what is on
   * screen. A single jump (Ctrl+End) asks at once.
   */
  flying: boolean;
  lastJumpAt: number;
}

const lastBlockOf = (s: State) => (s.total === null ? Infinity : Math.floor(Math.max(0, s.total - 1) / BLOCK));

export function useRowWindow(query: RowQuery, visible: { start: number; end: number }): RowWindow {
  const key = JSON.stringify(query);
  const state = useRef<State>({
    key: '', // the first render's query is new too
    generation: 0,
    blocks: new Map(),
    previous: null,
    stale: new Set(),
    inFlight: new Set(),
    total: null,
    first: 0,
    last: 0,
    direction: 0,
    flying: false,
    lastJumpAt: -Infinity,
  });
  const [total, setTotal] = useState<number | null>(null);
  const [layoutTotal, setLayoutTotal] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const [loading, setLoading] = useState(false);

  /** Whether a block of the visible range is missing or being fetched again. */
  const visibleLoading = (s: State) => {
    for (let b = s.first; b <= Math.min(s.last, lastBlockOf(s)); b++) if (!s.blocks.has(b) || s.stale.has(b)) return true;
    return false;
  };

  const evict = (s: State) => {
    if (s.blocks.size <= KEPT_BLOCKS + (s.last - s.first + 1)) return;
    for (const b of s.blocks.keys()) {
      if (s.blocks.size <= KEPT_BLOCKS + (s.last - s.first + 1)) break;
      if (b < s.first || b > s.last) s.blocks.delete(b);
    }
  };

  const pump = useCallback(() => {
    const s = state.current;
    const lastBlock = lastBlockOf(s);
    const wanted: number[] = [];
    // Visible blocks in the order they scroll into view, then the one just ahead.
    for (let b = s.first; b <= s.last; b++) wanted.push(b);
    if (s.direction < 0) wanted.reverse();
    if (s.direction !== 0 && !visibleLoading(s)) wanted.push(s.direction > 0 ? s.last + 1 : s.first - 1);
    for (const b of wanted) {
      if (s.flying || s.inFlight.size >= MAX_IN_FLIGHT) break;
      if (b < 0 || b > lastBlock || s.inFlight.has(b) || (s.blocks.has(b) && !s.stale.has(b))) continue;
      fetchBlock(b);
    }
    setLoading(visibleLoading(s));
  }, []);

  const fetchBlock = (block: number) => {
    const s = state.current;
    const generation = s.generation;
    s.inFlight.add(block);
    s.stale.delete(block);
    call('bookings/list', { ...(JSON.parse(s.key) as RowQuery), offset: block * BLOCK, limit: BLOCK }).then(
      (page) => {
        const now = state.current;
        if (generation !== now.generation) return;
        now.inFlight.delete(block);
        now.blocks.delete(block); // re-inserted last: most recently fetched
        now.blocks.set(block, page.rows);
        const shown = block >= now.first && block <= now.last;
        if (now.previous && shown) now.previous = null;
        now.total = page.total;
        evict(now);
        setTotal(page.total);
        if (!now.previous) setLayoutTotal(page.total);
        setError(null);
        if (shown) setVersion((v) => v + 1);
        pump();
      },
      (e: unknown) => {
        const now = state.current;
        if (generation !== now.generation) return;
        now.inFlight.delete(block);
        now.previous = null;
        setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }));
        setVersion((v) => v + 1);
        setLoading(visibleLoading(now));
      },
    );
  };

  // A new query starts from scratch, its first window replacing the previous rows when it comes.
  // Layout effects: the request leaves as the grid commits, not after the next paint (a passive
  // effect of a render that no input event caused, e.g. opening the screen, waits for a frame).
  useLayoutEffect(() => {
    const s = state.current;
    if (s.key === key) return;
    s.key = key;
    s.generation += 1;
    if (!s.previous) s.previous = s.blocks;
    s.blocks = new Map();
    s.stale = new Set();
    s.inFlight = new Set();
    s.total = null;
    // The grid goes back to the top for a new query.
    s.last -= s.first;
    s.first = 0;
    s.flying = false;
    setTotal(null);
    pump();
  }, [key, pump]);

  // A change elsewhere: refetch what is on screen in place (scroll and selection stay), forget the rest.
  useEffect(
    () =>
      onEvent('changed', ({ tables }) => {
        if (!tables.some((t) => REFRESH_TABLES.includes(t))) return;
        const s = state.current;
        s.generation += 1;
        s.inFlight = new Set();
        const kept = new Map<number, BookingRow[]>();
        for (const [b, rows] of s.blocks) if (b >= s.first && b <= s.last) kept.set(b, rows);
        s.blocks = kept;
        s.stale = new Set(kept.keys());
        pump();
      }),
    [pump],
  );

  const first = Math.floor(Math.max(0, visible.start) / BLOCK);
  const last = Math.max(first, Math.floor(Math.max(0, visible.end) / BLOCK));
  useLayoutEffect(() => {
    const s = state.current;
    if (s.first === first && s.last === last) return;
    const moved = first - s.first;
    const jump = Math.abs(moved) > 1;
    const now = performance.now();
    s.flying = jump && now - s.lastJumpAt < 100;
    s.lastJumpAt = jump ? now : -Infinity;
    s.direction = moved === 0 || jump ? 0 : Math.sign(moved);
    s.first = first;
    s.last = last;
    if (s.flying) {
      const settled = () => {
        if (s.first !== first || s.last !== last) return; // still flying: the next move decides
        s.flying = false;
        pump();
      };
      requestAnimationFrame(() => requestAnimationFrame(settled));
    }
    pump();
  }, [first, last, pump]);

  const rowAt = useCallback((index: number) => {
    const s = state.current;
    const block = Math.floor(index / BLOCK);
    return (s.previous ?? s.blocks).get(block)?.[index % BLOCK];
  }, []);
  return { total, layoutTotal, rowAt, error, version, loading };
}
