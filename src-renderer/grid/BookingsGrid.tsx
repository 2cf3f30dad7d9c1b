// The dossiers grid: TanStack Table for columns (order, widths, visibility, sort state) in manual
// mode, TanStack Virtual for rows; rows come from main window by window (useRowWindow).
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { getCoreRowModel, useReactTable, type Column, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { BookingRow, BookingSortColumn } from '../../src-shared/contract';
import { bookingColumns, type CellEnv } from './columns';
import { ColumnChooser } from './ColumnChooser';
import { useGridLayout } from './useGridLayout';
import { BLOCK, useRowWindow, type RowQuery } from './useRowWindow';

export const ROW_HEIGHT = 28;
/** Rows per item of the virtualizer. */
const GROUP = 8;
const LAYOUT_KEY = 'comptoir.grid.dossiers.v1';

export interface GridProps {
  query: Omit<RowQuery, 'sort'>;
  sorting: SortingState;
  onSortingChange(sorting: SortingState): void;
  env: CellEnv;
  onOpen(row: BookingRow): void;
  /** Right-click or keyboard menu on the selection; x/y in viewport pixels. */
  onMenu(rows: BookingRow[], x: number, y: number): void;
  onTotal(total: number | null): void;
  onError(message: string | null): void;
}

/** Stable across renders (they read the latest state through a ref), so memoised rows stay put while scrolling. */
interface RowHandlers {
  mouseDown(index: number, e: React.MouseEvent): void;
  open(index: number): void;
  contextMenu(index: number, e: React.MouseEvent): void;
}

const Row = memo(function Row(props: {
  row: BookingRow | undefined;
  index: number;
  top: number;
  columns: Column<BookingRow, unknown>[];
  env: CellEnv;
  selected: boolean;
  focused: boolean;
  handlers: RowHandlers;
}) {
  const { row, index, columns, env } = props;
  // Not loaded yet (fast scrolling): one empty row, no cells — cheap to paint many of them per frame.
  if (!row) {
    return <div role="row" id={`dossier-row-${index}`} aria-rowindex={index + 2} className="grid-row loading" style={{ transform: `translateY(${props.top}px)` }} />;
  }
  return (
    <div
      role="row"
      id={`dossier-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={props.selected}
      className={`grid-row${index % 2 ? ' odd' : ''}${props.selected ? ' selected' : ''}${props.focused ? ' focused' : ''}`}
      style={{ transform: `translateY(${props.top}px)` }}
      onMouseDown={(e) => props.handlers.mouseDown(index, e)}
      onDoubleClick={() => props.handlers.open(index)}
      onContextMenu={(e) => props.handlers.contextMenu(index, e)}
    >
      {columns.map((c) => (
        <div
          key={c.id}
          role="gridcell"
          className={c.columnDef.meta?.numeric ? 'cell num' : 'cell'}
          style={{ width: c.getSize() }}
          title={c.columnDef.meta?.title ? c.columnDef.meta.title(row, env) : undefined}
        >
          {c.columnDef.meta!.cell(row, env)}
        </div>
      ))}
    </div>
  );
});

export function BookingsGrid(props: GridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const ids = useMemo(() => bookingColumns.map((c) => c.id!), []);
  const { layout, setLayout } = useGridLayout(LAYOUT_KEY, ids);
  const [range, setRange] = useState({ start: 0, end: BLOCK - 1 });
  const sort = props.sorting.map((s) => ({ column: s.id as BookingSortColumn, direction: s.desc ? ('desc' as const) : ('asc' as const) }));
  const rowQuery = { ...props.query, sort: sort.length ? sort : undefined };
  const rows = useRowWindow(rowQuery, range);
  // Laid out: the previous query's count until the new one's first rows replace its rows.
  const total = rows.layoutTotal;

  // A new query (sort, filter, search) starts at the top; a refresh keeps the scroll position.
  const queryKey = JSON.stringify(rowQuery);
  const shownQuery = useRef(queryKey);
  useLayoutEffect(() => {
    if (shownQuery.current === queryKey) return;
    shownQuery.current = queryKey;
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [queryKey]);

  // Selection is by dossier id, so it survives refreshes and re-sorting.
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const anchor = useRef(0);

  const table = useReactTable<BookingRow>({
    data: [],
    columns: bookingColumns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    columnResizeMode: 'onChange',
    state: { sorting: props.sorting, ...layout },
    onColumnOrderChange: (u) => setLayout((l) => ({ ...l, columnOrder: typeof u === 'function' ? u(l.columnOrder) : u })),
    onColumnSizingChange: (u) => setLayout((l) => ({ ...l, columnSizing: typeof u === 'function' ? u(l.columnSizing) : u })),
    onColumnVisibilityChange: (u) =>
      setLayout((l) => ({ ...l, columnVisibility: typeof u === 'function' ? u(l.columnVisibility) : u })),
  });
  const columns = table.getVisibleLeafColumns();

  /** Click: sort on this column (again: reverse). Shift+click: add or reverse a further key (3 at most). */
  const toggleSort = (id: string, further: boolean) => {
    const current = props.sorting;
    const existing = current.find((s) => s.id === id);
    if (further) {
      props.onSortingChange(existing ? current.map((s) => (s.id === id ? { ...s, desc: !s.desc } : s)) : [...current, { id, desc: false }].slice(-3));
    } else {
      props.onSortingChange([{ id, desc: existing && current.length === 1 ? !existing.desc : false }]);
    }
  };
  const width = columns.reduce((w, c) => w + c.getSize(), 0);

  // The virtualizer lays out groups of GROUP rows: it keeps an entry per item, and rebuilding them
  // for 1,000,000 rows whenever the count changes (opening the screen, filtering) took ≈40 ms.
  const virtualizer = useVirtualizer({
    count: Math.ceil(total / GROUP),
    getScrollElement: () => scroller.current,
    estimateSize: () => GROUP * ROW_HEIGHT,
    overscan: 2,
    onChange: (v) => {
      const items = v.getVirtualItems();
      if (!items.length) return;
      // The row window only cares about fetch blocks: widen to whole blocks so that scrolling
      // within a block does not render the grid a second time.
      const start = Math.floor((items[0]!.index * GROUP) / BLOCK) * BLOCK;
      const end = Math.floor((items[items.length - 1]!.index * GROUP + GROUP - 1) / BLOCK) * BLOCK + BLOCK - 1;
      setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
    },
  });

  // Report total and errors upward (count in the toolbar, message above the grid).
  const { onTotal, onError } = props;
  useEffect(() => onTotal(rows.total), [rows.total, onTotal]);
  const errorMessage = rows.error?.message ?? null;
  useEffect(() => onError(errorMessage), [errorMessage, onError]);

  /** The selected dossiers among the loaded rows, else the one at `fallback`. */
  const selectedRows = (fallback: number) => {
    const picked: BookingRow[] = [];
    for (let i = range.start; i <= range.end; i++) {
      const r = rows.rowAt(i);
      if (r && selected.has(r.id)) picked.push(r);
    }
    const focusRow = rows.rowAt(fallback);
    return picked.length ? picked : focusRow ? [focusRow] : [];
  };

  const selectIndex = (index: number, mode: 'only' | 'toggle' | 'range') => {
    const row = rows.rowAt(index);
    setFocus(index);
    if (!row) return;
    if (mode === 'only') {
      anchor.current = index;
      setSelected(new Set([row.id]));
    } else if (mode === 'toggle') {
      anchor.current = index;
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(row.id)) next.delete(row.id);
        else next.add(row.id);
        return next;
      });
    } else {
      const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      const next = new Set<string>();
      for (let i = from; i <= to; i++) {
        const r = rows.rowAt(i);
        if (r) next.add(r.id);
      }
      setSelected(next);
    }
  };

  const moveFocus = (index: number, extend: boolean) => {
    const target = Math.max(0, Math.min(total - 1, index));
    selectIndex(target, extend ? 'range' : 'only');
    // A group is shorter than the grid: bringing it into view brings the row.
    virtualizer.scrollToIndex(Math.floor(target / GROUP));
  };

  const openMenuAtFocus = () => {
    const el = document.getElementById(`dossier-row-${focus}`);
    const box = el?.getBoundingClientRect() ?? scroller.current!.getBoundingClientRect();
    props.onMenu(selectedRows(focus), box.left + 40, box.top + ROW_HEIGHT);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    if (e.key === 'ArrowDown') moveFocus(focus + 1, e.shiftKey);
    else if (e.key === 'ArrowUp') moveFocus(focus - 1, e.shiftKey);
    else if (e.key === 'PageDown') moveFocus(focus + page, e.shiftKey);
    else if (e.key === 'PageUp') moveFocus(focus - page, e.shiftKey);
    else if (e.key === 'Home' && e.ctrlKey) moveFocus(0, e.shiftKey);
    else if (e.key === 'End' && e.ctrlKey) moveFocus(total - 1, e.shiftKey);
    else if (e.key === 'Enter') {
      const row = rows.rowAt(focus);
      if (row) props.onOpen(row);
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) openMenuAtFocus();
    else if (e.key === ' ' && e.ctrlKey) selectIndex(focus, 'toggle');
    else return;
    e.preventDefault();
  };

  const latest = useRef({ selected, selectIndex, selectedRows, props });
  latest.current = { selected, selectIndex, selectedRows, props };
  const handlers = useMemo<RowHandlers>(
    () => ({
      mouseDown(index, e) {
        const { selected, selectIndex } = latest.current;
        const row = rows.rowAt(index);
        if (e.button === 2 && row && selected.has(row.id)) return setFocus(index); // right-click keeps the selection
        selectIndex(index, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only');
      },
      open(index) {
        const row = rows.rowAt(index);
        if (row) latest.current.props.onOpen(row);
      },
      contextMenu(index, e) {
        e.preventDefault();
        const { selected, selectedRows, props } = latest.current;
        const row = rows.rowAt(index);
        if (row) props.onMenu(selected.has(row.id) ? selectedRows(index) : [row], e.clientX, e.clientY);
      },
    }),
    [rows.rowAt],
  );

  // The rows of the groups in view (and of the overscan).
  const groups = virtualizer.getVirtualItems();
  const indexes: number[] = [];
  if (groups.length) {
    for (let i = groups[0]!.index * GROUP, end = Math.min(total, (groups[groups.length - 1]!.index + 1) * GROUP); i < end; i++) indexes.push(i);
  }
  return (
    <div className="grid-shell">
      <div
        ref={scroller}
        className="grid-scroller"
        role="grid"
        aria-label="Dossiers"
        aria-rowcount={total + 1}
        aria-multiselectable="true"
        aria-busy={rows.loading}
        aria-activedescendant={total ? `dossier-row-${focus}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="grid-head" style={{ width }}>
          <div role="row" aria-rowindex={1} className="grid-row head">
            {table.getHeaderGroups()[0]!.headers.filter((h) => h.column.getIsVisible()).map((h) => {
              const sorted = h.column.getIsSorted();
              const order = h.column.getSortIndex();
              return (
                <div
                  key={h.id}
                  role="columnheader"
                  className={h.column.columnDef.meta?.numeric ? 'cell num' : 'cell'}
                  style={{ width: h.getSize() }}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  <button type="button" className="sort" tabIndex={-1} onClick={(e) => toggleSort(h.column.id, e.shiftKey)} title="Trier (Maj+clic : critère supplémentaire)">
                    {String(h.column.columnDef.header)}
                    {sorted && (
                      <span aria-hidden="true" className="sort-mark">
                        {sorted === 'asc' ? ' ▲' : ' ▼'}
                        {props.sorting.length > 1 ? order + 1 : ''}
                      </span>
                    )}
                  </button>
                  <span
                    className="resizer"
                    aria-hidden="true"
                    onMouseDown={h.getResizeHandler()}
                    onDoubleClick={() => h.column.resetSize()}
                  />
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="grid-body" style={{ height: total * ROW_HEIGHT, width }}>
          {indexes.map((index) => {
            const row = rows.rowAt(index);
            return (
              <Row
                // Keys cycle over the rendered rows: a row scrolled out hands its DOM to the row
                // scrolled in (and a jump updates every row in place instead of rebuilding them).
                key={index % indexes.length}
                row={row}
                index={index}
                top={index * ROW_HEIGHT}
                columns={columns}
                env={props.env}
                selected={row ? selected.has(row.id) : false}
                focused={index === focus}
                handlers={handlers}
              />
            );
          })}
        </div>
      </div>
      <ColumnChooser table={table} />
    </div>
  );
}
