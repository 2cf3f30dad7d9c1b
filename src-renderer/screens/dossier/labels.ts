// French words for the codes a dossier carries; fixed wording from SCREENS.md and GLOSSARY.md.
import type { BookingDetail, Client } from '../../../src-shared/contract';

export type BookingSource = BookingDetail['source'];
export type PaymentMethod = BookingDetail['payments'][number]['method'];
export type Civility = BookingDetail['client']['civility'];
export type ClientLanguage = Client['language'];
export type CommPreference = NonNullable<Client['commPreference']>;

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

/** The language a client is written to in. */
export const CLIENT_LANGUAGE_LABELS: Readonly<Record<ClientLanguage, string>> = {
  fr: 'Français',
  en: 'Anglais',
  de: 'Allemand',
  es: 'Espagnol',
  it: 'Italien',
  nl: 'Néerlandais',
};

/** « Préférence de contact »: how the client wants to be written to (none: the template's default). */
export const COMM_PREFERENCE_LABELS: Readonly<Record<CommPreference, string>> = {
  email: 'E-mail',
  post: 'Courrier',
  sms: 'SMS',
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
  client_update: 'Fiche client',
};

export const STATUS_WORDS: Readonly<Record<string, string>> = {
  option: 'Option',
  confirmed: 'Confirmé',
  cancelled: 'Annulé',
};

export function clientDisplayName(c: { civility: Civility; lastName: string; firstName: string }): string {
  return [CIVILITY_LABELS[c.civility], c.lastName, c.firstName].filter(Boolean).join(' ');
}
