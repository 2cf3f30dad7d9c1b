import { useId } from 'react';
import type { BookingDetail } from '../../../src-shared/contract';
import { formatMoney } from '../../../src-shared/domain';
import { DateField } from './DateField';
import { DepositPanel } from './DepositPanel';
import type { DossierDraft, DraftErrors } from './draft';
import { describedBy, FieldError } from './FieldError';
import { draftLinesTotal, PricingLines } from './PricingLines';

/** Lines, totals, échéance, caution with its témoin and actions. Totals follow the lines as they are typed. */
export function Tarification({
  detail,
  draft,
  errors,
  showAll,
  readOnly,
  defaultDepositCents,
  today,
  onChange,
}: {
  detail: BookingDetail;
  draft: DossierDraft;
  errors: DraftErrors;
  showAll: boolean;
  readOnly: boolean;
  defaultDepositCents: number | null;
  today: string;
  onChange(patch: Partial<DossierDraft>): void;
}) {
  const id = useId();
  const total = draftLinesTotal(draft.lines);
  const balance = total - detail.paidCents;
  const depositPlaceholder = defaultDepositCents ? formatMoney(defaultDepositCents).replace(/\s*€$/, '') : '';

  return (
    <section className="dossier-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Tarification</h2>
      <PricingLines lines={draft.lines} onChange={(lines) => onChange({ lines })} showAll={showAll} readOnly={readOnly} />
      <dl className="dossier-totals">
        <dt>Total</dt>
        <dd>{formatMoney(total)}</dd>
        <dt>Payé</dt>
        <dd>{formatMoney(detail.paidCents)}</dd>
        <dt>Solde</dt>
        <dd className={balance < 0 ? 'dossier-overpaid' : undefined}>
          {formatMoney(balance)}
          {balance < 0 && ` — trop-perçu de ${formatMoney(-balance)}`}
        </dd>
      </dl>
      <div className="dossier-form-grid">
        <label htmlFor={`${id}-due`}>Date d'échéance du solde</label>
        <span>
          <DateField id={`${id}-due`} value={draft.balanceDueDate} onChange={(balanceDueDate) => onChange({ balanceDueDate })} {...describedBy(`${id}-due-error`, errors.balanceDueDate)} />
          <FieldError id={`${id}-due-error`} message={errors.balanceDueDate} />
        </span>
        <label htmlFor={`${id}-deposit`}>Montant de caution</label>
        <span>
          <input
            id={`${id}-deposit`}
            inputMode="decimal"
            className="dossier-money"
            placeholder={depositPlaceholder}
            value={draft.deposit}
            onChange={(e) => onChange({ deposit: e.target.value })}
            {...describedBy(`${id}-deposit-error`, errors.deposit)}
          />
          <span aria-hidden="true"> €</span>
          {draft.deposit.trim() === '' && <span className="dossier-muted"> {defaultDepositCents ? 'montant du logement' : 'pas de caution pour ce logement'}</span>}
          <FieldError id={`${id}-deposit-error`} message={errors.deposit} />
        </span>
        <DepositPanel detail={detail} today={today} />
      </div>
    </section>
  );
}
