import { DEPOSIT_STATE_LABELS, depositCell, formatInstant, formatStayDate, isValidStayDate, type DepositState } from '../../../src-shared/domain';

function securedWhen(at: string, timeZone: string): string {
  if (isValidStayDate(at)) return `le ${formatStayDate(at)}`;
  const [date, time] = formatInstant(at, timeZone).split(' ');
  return `le ${date} à ${time}`;
}

/**
 * The témoin: the deposit's state in words with its icon (colour is only a second cue) and,
 * once Swikly has secured it, the date and time it did.
 */
export function DepositWitness({
  state,
  securedAt,
  arrival,
  amountCents,
  today,
  timeZone,
}: {
  state: DepositState;
  securedAt: string | null;
  arrival: string;
  amountCents: number | null;
  today: string;
  timeZone: string;
}) {
  const cell = depositCell({ depositState: state, depositSecuredAt: securedAt, arrival, depositAmountCents: amountCents }, today, timeZone);
  const words = state === 'none' ? 'Pas de caution pour ce dossier' : DEPOSIT_STATE_LABELS[state];
  return (
    <p className={`dossier-witness dossier-tone-${cell.tone}`} title={cell.detail}>
      {cell.icon && <span aria-hidden="true">{cell.icon} </span>}
      {words}
      {state === 'secured' && securedAt && ` ${securedWhen(securedAt, timeZone)}`}
    </p>
  );
}
