// "Colonnes": which columns the grid shows and in what order (kept per workstation by the grid).
import { useState } from 'react';
import type { Table } from '@tanstack/react-table';
import type { BookingRow } from '../../src-shared/contract';

export function ColumnChooser({ table }: { table: Table<BookingRow> }) {
  const [open, setOpen] = useState(false);
  const order = table.getState().columnOrder;
  const move = (id: string, delta: number) => {
    const i = order.indexOf(id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= order.length) return;
    const next = [...order];
    [next[i], next[j]] = [next[j]!, next[i]!];
    table.setColumnOrder(next);
  };
  return (
    <div className="column-chooser">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Colonnes
      </button>
      {open && (
        <div className="chooser-panel" role="group" aria-label="Colonnes affichées">
          {table.getAllLeafColumns().map((c) => (
            <div key={c.id} className="chooser-line">
              <label>
                <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
                {String(c.columnDef.header)}
              </label>
              <button type="button" aria-label={`Monter ${String(c.columnDef.header)}`} onClick={() => move(c.id, -1)}>
                ↑
              </button>
              <button type="button" aria-label={`Descendre ${String(c.columnDef.header)}`} onClick={() => move(c.id, 1)}>
                ↓
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => {
              table.setColumnOrder(table.getAllLeafColumns().map((c) => c.id));
              table.resetColumnSizing(true);
              table.resetColumnVisibility(true);
            }}
          >
            Rétablir
          </button>
        </div>
      )}
    </div>
  );
}
