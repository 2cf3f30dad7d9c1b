import { useId, useRef, useState } from 'react';
import type { BookingDetail } from '../../../src-shared/contract';
import { formatMoney, formatStayDate, parseMoney } from '../../../src-shared/domain';
import { DateField } from './DateField';
import { dateError, parseFrenchDate } from './dates';
import { call } from '../../api';
import { describedBy, FieldError } from './FieldError';
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from './labels';
import { moneyError } from './lines';
import { asApiError } from './useBooking';

const METHODS = Object.keys(PAYMENT_METHOD_LABELS) as PaymentMethod[];

/** Payments received, and a small form to record one. A payment is saved at once, on its own. */
export function Payments({ detail, today, readOnly }: { detail: BookingDetail; today: string; readOnly: boolean }) {
  const id = useId();
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('transfer');
  const [receivedOn, setReceivedOn] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const amountBox = useRef<HTMLInputElement>(null);

  // Today until the clerk types another day.
  const date = receivedOn ?? formatStayDate(today);
  const amountProblem = moneyError(amount, true) ?? (parseMoney(amount) === 0 ? 'Le montant doit être supérieur à zéro.' : undefined);
  const amountError = tried || amount.trim() !== '' ? amountProblem : undefined;
  const dateProblem = dateError(date, 'Indiquez la date de réception.');

  const add = async () => {
    setTried(true);
    setFailure(null);
    if (amountProblem || dateProblem) return;
    setBusy(true);
    try {
      await call('payments/add', { bookingId: detail.id, amountCents: parseMoney(amount)!, method, receivedOn: parseFrenchDate(date)!, reference });
      setAmount('');
      setReference('');
      setReceivedOn(null);
      setTried(false);
      amountBox.current?.focus();
    } catch (e) {
      setFailure(asApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="dossier-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Paiements</h2>
      {detail.payments.length === 0 ? (
        <p className="dossier-muted">Aucun paiement reçu.</p>
      ) : (
        <table className="dossier-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Mode</th>
              <th scope="col">Référence</th>
              <th scope="col" className="dossier-num">Montant</th>
            </tr>
          </thead>
          <tbody>
            {detail.payments.map((p) => (
              <tr key={p.id}>
                <td>{formatStayDate(p.receivedOn)}</td>
                <td>{PAYMENT_METHOD_LABELS[p.method]}</td>
                <td>{p.reference}</td>
                <td className="dossier-num">{formatMoney(p.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && (
        // A form of its own would nest inside the dossier's; Enter is handled here instead.
        <div
          className="dossier-payment-form"
          role="group"
          aria-label="Nouveau paiement"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
              e.preventDefault();
              void add();
            }
          }}
        >
          <span>
            <label htmlFor={`${id}-amount`}>Montant reçu</label>
            <input ref={amountBox} id={`${id}-amount`} inputMode="decimal" className="dossier-money" value={amount} onChange={(e) => setAmount(e.target.value)} {...describedBy(`${id}-amount-error`, amountError)} />
            <FieldError id={`${id}-amount-error`} message={amountError} />
          </span>
          <span>
            <label htmlFor={`${id}-method`}>Mode de paiement</label>
            <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {PAYMENT_METHOD_LABELS[m]}
                </option>
              ))}
            </select>
          </span>
          <span>
            <label htmlFor={`${id}-date`}>Date de réception</label>
            <DateField id={`${id}-date`} value={date} onChange={setReceivedOn} {...describedBy(`${id}-date-error`, dateProblem)} />
            <FieldError id={`${id}-date-error`} message={dateProblem} />
          </span>
          <span>
            <label htmlFor={`${id}-reference`}>Référence</label>
            <input id={`${id}-reference`} maxLength={120} value={reference} onChange={(e) => setReference(e.target.value)} />
          </span>
          <button type="button" onClick={() => void add()} disabled={busy}>
            Ajouter le paiement
          </button>
        </div>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}
