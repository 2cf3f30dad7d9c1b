import type { ReactNode } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { BookingRow, BookingSortColumn } from '../../src-shared/contract';
import { depositCell, formatMoney, formatStayDate, statusLabel } from '../../src-shared/domain';

/** What every cell may need besides its row: the agency clock (pinned in demos and tests). */
export interface CellEnv {
  now: Date;
  today: string;
}

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData, TValue> {
    sortKey: BookingSortColumn;
    numeric?: boolean;
    cell(row: TData & BookingRow, env: CellEnv): ReactNode;
    /** Tooltip of the cell. */
    title?(row: TData & BookingRow, env: CellEnv): string;
    /** Phantom use of TValue so the augmentation matches TanStack's signature. */
    _value?: TValue;
  }
}

export const SOURCE_LABELS: Record<BookingRow['source'], string> = {
  counter: 'Comptoir',
  phone: 'Téléphone',
  web: 'Site web',
  elloha: 'elloha',
};

function DepositCellView({ row, env }: { row: BookingRow; env: CellEnv }) {
  const cell = depositCell(row, env.today);
  if (cell.tone === 'none') return null;
  return (
    <span className={`deposit deposit-${cell.tone}`}>
      <span aria-hidden="true" className="deposit-icon">
        {cell.icon}
      </span>{' '}
      {cell.text}
    </span>
  );
}

const col = (
  id: BookingSortColumn,
  header: string,
  size: number,
  cell: (r: BookingRow, env: CellEnv) => ReactNode,
  extra: { numeric?: boolean; title?: (r: BookingRow, env: CellEnv) => string } = {},
): ColumnDef<BookingRow> => ({ id, header, size, minSize: 50, enableSorting: true, meta: { sortKey: id, cell, ...extra } });

export const bookingColumns: ColumnDef<BookingRow>[] = [
  col('number', 'N° dossier', 125, (r) => r.number),
  col('status', 'Statut', 125, (r, env) => statusLabel(r, env.now), { title: (r) => r.cancelReason ?? '' }),
  col('client', 'Locataire', 180, (r) => r.clientName),
  col('property', 'Logement', 230, (r) => `${r.propertyCode} · ${r.propertyName}`),
  col('arrival', 'Arrivée', 102, (r) => formatStayDate(r.arrival)),
  col('departure', 'Départ', 102, (r) => formatStayDate(r.departure)),
  col('nights', 'Nuits', 60, (r) => r.nights, { numeric: true }),
  col('total', 'Montant', 105, (r) => formatMoney(r.totalCents), { numeric: true }),
  col('balance', 'Solde', 105, (r) => formatMoney(r.balanceCents), { numeric: true }),
  col('deposit', 'Caut.', 130, (r, env) => <DepositCellView row={r} env={env} />, {
    title: (r, env) => depositCell(r, env.today).detail,
  }),
  col('source', 'Source', 90, (r) => SOURCE_LABELS[r.source]),
  col('agency', 'Agence', 140, (r) => r.agencyName),
];
