// Turns schema failures into one French sentence a clerk can act on.

/** Field names as staff know them. */
const FIELD_LABELS: Record<string, string> = {
  agencyId: 'Agence',
  propertyId: 'Logement',
  clientId: 'Client',
  bookingId: 'Dossier',
  id: 'Dossier',
  status: 'Statut',
  optionExpiresAt: "Expiration de l'option",
  source: 'Provenance',
  arrival: 'Arrivée',
  departure: 'Départ',
  adults: 'Adultes',
  children: 'Enfants',
  depositAmountCents: 'Montant de caution',
  balanceDueDate: "Date d'échéance du solde",
  notes: 'Notes internes',
  lines: 'Tarification',
  label: 'Libellé',
  kind: 'Type de ligne',
  quantity: 'Quantité',
  unitPriceCents: 'Prix unitaire',
  amountCents: 'Montant',
  method: 'Mode de paiement',
  receivedOn: 'Date de réception',
  reason: "Motif d'annulation",
  civility: 'Civilité',
  lastName: 'Nom',
  firstName: 'Prénom',
  email: 'E-mail',
  phone: 'Téléphone',
  addressLine1: 'Adresse',
  postcode: 'Code postal',
  city: 'Ville',
  country: 'Pays',
  commPreference: 'Préférence de contact',
  search: 'Recherche',
  offset: 'Position',
  limit: 'Nombre de lignes',
  subject: 'Objet',
  html: "Corps de l'e-mail",
  to: 'Destinataire',
  host: 'Serveur SMTP',
  port: 'Port',
  security: 'Sécurité',
  user: 'Utilisateur',
  password: 'Mot de passe',
  senderName: "Nom d'expéditeur",
  senderEmail: "Adresse d'expéditeur",
  replyTo: 'Adresse de réponse',
  perMinute: 'Messages par minute',
  offsetDays: 'Délai en jours',
  language: 'Langue',
};

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

function describePath(path: readonly PropertyKey[]): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  const lineIndex = path.find((p): p is number => typeof p === 'number');
  const field = names.length ? (FIELD_LABELS[names[names.length - 1]!] ?? names[names.length - 1]!) : '';
  return lineIndex !== undefined && names[0] === 'lines' ? `${field} (ligne ${lineIndex + 1})` : field;
}

export function describeIssues(issues: readonly IssueLike[]): string {
  const parts = issues.slice(0, 5).map((i) => {
    const where = describePath(i.path);
    return where ? `${where} : ${i.message}` : i.message;
  });
  return `Saisie refusée — ${parts.join(' ; ')}`;
}
