import { useId } from 'react';
import { formatMoney, lineTotal, PRICING_KIND_LABELS, type PricingLineKind } from '../../../src-shared/domain';
import { describedBy, FieldError } from './FieldError';
import { emptyLine, lineErrors, lineValue, type LineDraft } from './lines';

const KINDS = Object.keys(PRICING_KIND_LABELS) as PricingLineKind[];

/**
 * The editable Tarification lines. A malformed value is flagged as soon as it is typed; an
 * empty required field only once the clerk tried to save (`showAll`), not while still typing.
 */
export function PricingLines({
  lines,
  onChange,
  showAll,
  readOnly,
}: {
  lines: LineDraft[];
  onChange(lines: LineDraft[]): void;
  showAll: boolean;
  readOnly: boolean;
}) {
  const id = useId();
  const update = (key: string, patch: Partial<LineDraft>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const changeKind = (line: LineDraft, kind: PricingLineKind) => {
    // A label that only named the old kind follows the new one.
    const labelFollows = line.label.trim() === '' || line.label === PRICING_KIND_LABELS[line.kind];
    update(line.key, labelFollows ? { kind, label: PRICING_KIND_LABELS[kind] } : { kind });
  };

  return (
    <table className="dossier-lines">
      <thead>
        <tr>
          <th scope="col">Libellé</th>
          <th scope="col">Type</th>
          <th scope="col" className="dossier-num">Quantité</th>
          <th scope="col" className="dossier-num">Prix unitaire</th>
          <th scope="col" className="dossier-num">Total</th>
          {!readOnly && <th scope="col"><span className="visually-hidden">Supprimer</span></th>}
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => {
          const n = index + 1;
          const all = lineErrors(line);
          const shown = (field: keyof LineDraft & keyof typeof all) =>
            showAll || line[field].trim() !== '' ? all[field] : undefined;
          const value = lineValue(line);
          const err = (f: string) => `${id}-${line.key}-${f}`;
          return (
            <tr key={line.key}>
              <td>
                <input
                  aria-label={`Libellé (ligne ${n})`}
                  value={line.label}
                  maxLength={120}
                  onChange={(e) => update(line.key, { label: e.target.value })}
                  {...describedBy(err('label'), shown('label'))}
                />
                <FieldError id={err('label')} message={shown('label')} />
              </td>
              <td>
                <select aria-label={`Type (ligne ${n})`} value={line.kind} onChange={(e) => changeKind(line, e.target.value as PricingLineKind)}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {PRICING_KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="dossier-num">
                <input
                  aria-label={`Quantité (ligne ${n})`}
                  inputMode="decimal"
                  className="dossier-qty"
                  value={line.quantity}
                  onChange={(e) => update(line.key, { quantity: e.target.value })}
                  {...describedBy(err('quantity'), shown('quantity'))}
                />
                <FieldError id={err('quantity')} message={shown('quantity')} />
              </td>
              <td className="dossier-num">
                <input
                  aria-label={`Prix unitaire (ligne ${n})`}
                  inputMode="decimal"
                  className="dossier-money"
                  value={line.unitPrice}
                  onChange={(e) => update(line.key, { unitPrice: e.target.value })}
                  {...describedBy(err('unitPrice'), shown('unitPrice'))}
                />
                <span aria-hidden="true"> €</span>
                <FieldError id={err('unitPrice')} message={shown('unitPrice')} />
              </td>
              <td className="dossier-num">
                {value ? formatMoney(lineTotal(value.quantity, value.unitPriceCents)) : '—'}
              </td>
              {!readOnly && (
                <td>
                  <button type="button" aria-label={`Supprimer la ligne ${n}`} title="Supprimer la ligne" onClick={() => onChange(lines.filter((l) => l.key !== line.key))}>
                    ✕
                  </button>
                </td>
              )}
            </tr>
          );
        })}
        {lines.length === 0 && (
          <tr>
            <td colSpan={readOnly ? 5 : 6} className="dossier-muted">
              Aucune ligne de tarification.
            </td>
          </tr>
        )}
      </tbody>
      {!readOnly && (
        <tfoot>
          <tr>
            <td colSpan={6}>
              <button type="button" onClick={() => onChange([...lines, emptyLine()])}>
                Ajouter une ligne
              </button>
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** Total of the lines that parse; lines still being typed count for nothing yet. */
export function draftLinesTotal(lines: readonly LineDraft[]): number {
  return lines.reduce((sum, l) => {
    const v = lineValue(l);
    return v ? sum + lineTotal(v.quantity, v.unitPriceCents) : sum;
  }, 0);
}
