// The e-mails of one tab due today: one row per dossier, selected with the arrows, Entrée prepares
// its e-mail (« CRÉER MAIL »), the N° opens the dossier.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { DueEmail } from '../../../src-shared/contract';
import { dossierLink } from '../../routes';
import { dueState, formatDay } from './labels';

export function DueList({
  label,
  rows,
  selectedId,
  onSelect,
  onCreate,
}: {
  label: string;
  rows: DueEmail[];
  selectedId: string | null;
  onSelect(bookingId: string): void;
  /** Entrée or a double click: « CRÉER MAIL » for that row. */
  onCreate(bookingId: string): void;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  const index = rows.findIndex((r) => r.bookingId === selectedId);
  const focusRow = (i: number) => {
    const row = rows[i];
    if (!row) return;
    onSelect(row.bookingId);
    body.current?.querySelectorAll<HTMLElement>('tr')[i]?.focus();
  };

  // Keep the focused row in view when the list shrinks under it (a row sent leaves the list).
  useEffect(() => {
    if (index >= 0 && body.current?.contains(document.activeElement)) body.current.querySelectorAll<HTMLElement>('tr')[index]?.focus();
  }, [index]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLAnchorElement) return;
    const at = Math.max(index, 0);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1, PageDown: at + 10, PageUp: at - 10 };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(Math.min(Math.max(moves[e.key]!, 0), rows.length - 1));
    } else if (e.key === 'Enter' && rows[at]) {
      e.preventDefault();
      onCreate(rows[at].bookingId);
    }
  };

  return (
    <table className="email-due" role="grid" aria-label={label} aria-rowcount={rows.length + 1}>
      <thead>
        <tr>
          <th scope="col">N° dossier</th>
          <th scope="col">Locataire</th>
          <th scope="col">E-mail</th>
          <th scope="col">Dû le</th>
          <th scope="col">État</th>
        </tr>
      </thead>
      <tbody ref={body} onKeyDown={onKeyDown}>
        {rows.map((row, i) => {
          const state = dueState(row);
          const selected = row.bookingId === selectedId;
          return (
            <tr
              key={row.bookingId}
              aria-selected={selected}
              // Roving focus: one tab stop for the whole list, on the selected row.
              tabIndex={selected || (index < 0 && i === 0) ? 0 : -1}
              className={selected ? 'selected' : undefined}
              onClick={() => onSelect(row.bookingId)}
              onDoubleClick={() => onCreate(row.bookingId)}
            >
              <td>
                <a href={dossierLink(row.bookingId)} tabIndex={-1} title="Ouvrir le dossier">
                  {row.number}
                </a>
              </td>
              <td title={row.clientName}>{row.clientName}</td>
              <td className={row.email ? undefined : 'email-none'} title={row.email || undefined}>{row.email || '—'}</td>
              <td className="email-date">{formatDay(row.dueDate)}</td>
              <td className={`email-state email-tone-${state.tone}`} title={state.text}>
                <span className="email-state-text">
                  {state.tone !== 'ok' && <span aria-hidden="true">⚠ </span>}
                  {state.short}
                  {state.short !== state.text && <span className="visually-hidden"> — {state.text}</span>}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
