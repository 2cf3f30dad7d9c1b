// French words for the codes a dossier carries; fixed wording from SCREENS.md and GLOSSARY.md.
import type { BookingDetail } from '../../../src-shared/contract';

export type BookingSource = BookingDetail['source'];
export type PaymentMethod = BookingDetail['payments'][number]['method'];
export type Civility = BookingDetail['client']['civility'];

export const SOURCE_LABELS: Readonly<Record<BookingSource, string>> = {
  counter: 'Comptoir',
  phone: 'Téléphone',
  web: 'Site web',
  elloha: 'elloha',
};

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  card: 'Carte bancaire',
  transfer: 'Virement',
  cheque: 'Chèque',
  cash: 'Espèces',
  holiday_voucher: 'Chèques-vacances',
};

export const CIVILITY_LABELS: Readonly<Record<Civility, string>> = {
  mr: 'M.',
  mrs: 'Mme',
  none: '',
};

/** Audit actions as the Historique names them. */
export const HISTORY_ACTION_LABELS: Readonly<Record<string, string>> = {
  create: 'Création',
  update: 'Modification',
  confirm: 'Confirmation',
  cancel: 'Annulation',
  lapse: 'Option expirée',
  payment: 'Paiement',
  email_not_created: 'E-mail non envoyé',
};

export const STATUS_WORDS: Readonly<Record<string, string>> = {
  option: 'Option',
  confirmed: 'Confirmé',
  cancelled: 'Annulé',
};

export function clientDisplayName(c: { civility: Civility; lastName: string; firstName: string }): string {
  return [CIVILITY_LABELS[c.civility], c.lastName, c.firstName].filter(Boolean).join(' ');
}
