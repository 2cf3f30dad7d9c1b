// Column order, widths and visibility, kept per workstation (this window's local storage).
import { useEffect, useState } from 'react';
import type { ColumnOrderState, ColumnSizingState, VisibilityState } from '@tanstack/react-table';

export interface GridLayout {
  columnOrder: ColumnOrderState;
  columnSizing: ColumnSizingState;
  columnVisibility: VisibilityState;
}

function read(storageKey: string, columnIds: string[]): GridLayout {
  const fallback: GridLayout = { columnOrder: columnIds, columnSizing: {}, columnVisibility: {} };
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Partial<GridLayout> | null;
    if (!saved) return fallback;
    // Columns added by a newer version go at the end; columns that no longer exist are dropped.
    const order = (saved.columnOrder ?? []).filter((id) => columnIds.includes(id));
    return {
      columnOrder: [...order, ...columnIds.filter((id) => !order.includes(id))],
      columnSizing: saved.columnSizing ?? {},
      columnVisibility: saved.columnVisibility ?? {},
    };
  } catch {
    return fallback;
  }
}

export function useGridLayout(storageKey: string, columnIds: string[]) {
  const [layout, setLayout] = useState<GridLayout>(() => read(storageKey, columnIds));
  useEffect(() => {
    localStorage.setItem(storageKey, JSON.stringify(layout));
  }, [storageKey, layout]);
  const reset = () => setLayout({ columnOrder: columnIds, columnSizing: {}, columnVisibility: {} });
  return { layout, setLayout, reset };
}
