// The templates an agency starts with, one per e-mail kind, in French and English. Agencies
// edit them in the gestionnaire d'email; these only fill an empty template.
import './deposit-merge-field';
import type { EmailKind } from './email-planning';

export type TemplateLanguage = 'fr' | 'en';

export interface TemplateText {
  subject: string;
  html: string;
}

const SIGNATURE_FR =
  '<p>Bien cordialement,<br><strong>{{agence_nom}}</strong><br>{{agence_adresse}}<br>{{agence_telephone}} — {{agence_email}}</p>';
const SIGNATURE_EN =
  '<p>Kind regards,<br><strong>{{agence_nom}}</strong><br>{{agence_adresse}}<br>{{agence_telephone}} — {{agence_email}}</p>';
const GREETING_FR = '<p>Bonjour {{civilite}} {{prenom}} {{nom}},</p>';
const GREETING_EN = '<p>Dear {{civilite}} {{prenom}} {{nom}},</p>';
const STAY_FR = '<strong>{{logement}}</strong> ({{logement_adresse}}) du {{arrivee}} au {{depart}}';
const STAY_EN = '<strong>{{logement}}</strong> ({{logement_adresse}}) from {{arrivee}} to {{depart}}';

const fr = (subject: string, ...paragraphs: string[]): TemplateText => ({
  subject,
  html: [GREETING_FR, ...paragraphs.map((p) => `<p>${p}</p>`), SIGNATURE_FR].join('\n'),
});
const en = (subject: string, ...paragraphs: string[]): TemplateText => ({
  subject,
  html: [GREETING_EN, ...paragraphs.map((p) => `<p>${p}</p>`), SIGNATURE_EN].join('\n'),
});

export const DEFAULT_TEMPLATES: Readonly<Record<EmailKind, Readonly<Record<TemplateLanguage, TemplateText>>>> = {
  balanceReminder: {
    fr: fr(
      'Rappel : solde de votre séjour — dossier {{numero_dossier}}',
      `Votre séjour approche : ${STAY_FR}.`,
      'Nous vous rappelons que le solde de <strong>{{solde}}</strong> est à régler au plus tard le <strong>{{date_echeance_solde}}</strong> (montant total {{montant_total}}, déjà réglé {{paye}}).',
      'Si votre règlement est déjà en route, merci de ne pas tenir compte de ce message. Pour toute question, nous restons à votre disposition.',
    ),
    en: en(
      'Reminder: balance of your stay — booking {{numero_dossier}}',
      `Your stay is getting closer: ${STAY_EN}.`,
      'This is a friendly reminder that the balance of <strong>{{solde}}</strong> is due by <strong>{{date_echeance_solde}}</strong> (total {{montant_total}}, already paid {{paye}}).',
      'If you have already sent your payment, please disregard this message. Do not hesitate to contact us with any question.',
    ),
  },
  arrivalReminder: {
    fr: fr(
      'Votre arrivée le {{arrivee}} — {{logement}}',
      `Nous avons le plaisir de vous accueillir très bientôt : ${STAY_FR}.`,
      "Pour organiser la remise des clés, merci de nous indiquer votre heure d'arrivée approximative en répondant à ce message ou en nous appelant au {{agence_telephone}}.",
      'Votre caution : {{Swikly_lien_caution}}',
      'Nous vous souhaitons un bon voyage.',
    ),
    en: en(
      'Your arrival on {{arrivee}} — {{logement}}',
      `We look forward to welcoming you very soon: ${STAY_EN}.`,
      'To arrange the handover of the keys, please let us know your approximate arrival time by replying to this e-mail or calling us on {{agence_telephone}}.',
      'Your security deposit: {{Swikly_lien_caution}}',
      'We wish you a pleasant journey.',
    ),
  },
  optionExpiry: {
    fr: fr(
      'Votre option expire bientôt — dossier {{numero_dossier}}',
      `Nous avons posé une option à votre nom pour ${STAY_FR}.`,
      "Cette option expire le <strong>{{date_expiration_option}}</strong>. Pour confirmer votre réservation, il vous suffit de nous contacter avant cette date ; passé ce délai, le logement sera de nouveau proposé à la location.",
      'Nous serions ravis de vous accueillir.',
    ),
    en: en(
      'Your option expires soon — booking {{numero_dossier}}',
      `We are holding an option in your name for ${STAY_EN}.`,
      'This option expires on <strong>{{date_expiration_option}}</strong>. To confirm your booking, simply get in touch with us before then; after that date the property will be offered to other guests.',
      'We would be delighted to welcome you.',
    ),
  },
  afterDeparture: {
    fr: fr(
      'Merci pour votre séjour — {{logement}}',
      "Nous espérons que votre séjour à <strong>{{logement}}</strong> du {{arrivee}} au {{depart}} s'est déroulé à votre entière satisfaction.",
      "Votre avis nous est précieux : n'hésitez pas à nous faire part de vos impressions en répondant à ce message.",
      'Au plaisir de vous accueillir de nouveau.',
    ),
    en: en(
      'Thank you for staying with us — {{logement}}',
      'We hope you enjoyed your stay at <strong>{{logement}}</strong> from {{arrivee}} to {{depart}}.',
      'Your opinion matters to us: feel free to share your impressions by replying to this e-mail.',
      'We hope to welcome you again soon.',
    ),
  },
  bookingConfirmation: {
    fr: fr(
      'Confirmation de votre réservation — dossier {{numero_dossier}}',
      `Nous avons le plaisir de vous confirmer votre réservation n° <strong>{{numero_dossier}}</strong> : ${STAY_FR}.`,
      'Montant total : <strong>{{montant_total}}</strong><br>Déjà réglé : {{paye}}<br>Solde : <strong>{{solde}}</strong>',
      'Merci de votre confiance. Nous restons à votre disposition pour toute question.',
    ),
    en: en(
      'Booking confirmation — booking {{numero_dossier}}',
      `We are pleased to confirm your booking no. <strong>{{numero_dossier}}</strong>: ${STAY_EN}.`,
      'Total: <strong>{{montant_total}}</strong><br>Already paid: {{paye}}<br>Balance: <strong>{{solde}}</strong>',
      'Thank you for choosing us. Do not hesitate to contact us with any question.',
    ),
  },
  bookingCancellation: {
    fr: fr(
      'Annulation de votre réservation — dossier {{numero_dossier}}',
      "Nous vous confirmons l'annulation de votre réservation n° <strong>{{numero_dossier}}</strong> pour <strong>{{logement}}</strong> du {{arrivee}} au {{depart}}.",
      'Pour toute question concernant cette annulation, nous restons à votre disposition.',
      'Nous espérons avoir le plaisir de vous accueillir une prochaine fois.',
    ),
    en: en(
      'Cancellation of your booking — booking {{numero_dossier}}',
      'We confirm the cancellation of your booking no. <strong>{{numero_dossier}}</strong> for <strong>{{logement}}</strong> from {{arrivee}} to {{depart}}.',
      'Should you have any question about this cancellation, please do not hesitate to contact us.',
      'We hope to have the pleasure of welcoming you another time.',
    ),
  },
  depositRequest: {
    fr: fr(
      'Sécurisation de votre caution — dossier {{numero_dossier}}',
      `Pour votre séjour : ${STAY_FR}, une caution de <strong>{{montant_caution}}</strong> est demandée.`,
      "Elle est simplement sécurisée sur votre carte bancaire, sans être débitée, et libérée après votre départ si aucun dommage n'est constaté.",
      'Merci de la sécuriser avant votre arrivée en suivant ce lien : {{Swikly_lien_caution}}',
      'Nous restons à votre disposition pour toute question.',
    ),
    en: en(
      'Securing your deposit — booking {{numero_dossier}}',
      `For your stay: ${STAY_EN}, a security deposit of <strong>{{montant_caution}}</strong> is required.`,
      'It is only held on your card, not charged, and released after your departure provided no damage is found.',
      'Please secure it before your arrival with this link: {{Swikly_lien_caution}}',
      'Do not hesitate to contact us with any question.',
    ),
  },
};

/**
 * The template language for a client: French by default (and for a client whose language is
 * unknown); a client whose language is not French gets the English variant when the agency has
 * one. When the agency has only one of the two, that one is used.
 */
export function templateLanguageFor(clientLanguage: string, available: TemplateLanguage[]): TemplateLanguage {
  const primary = clientLanguage.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const wanted: TemplateLanguage = primary === '' || primary === 'fr' ? 'fr' : 'en';
  if (available.includes(wanted)) return wanted;
  const other: TemplateLanguage = wanted === 'fr' ? 'en' : 'fr';
  return available.includes(other) ? other : 'fr';
}
