// Turns schema failures into one French sentence a clerk can act on.

/** Field names as staff know them. */
const FIELD_LABELS: Record<string, string> = {
  agencyId: 'Agence',
  propertyId: 'Logement',
  clientId: 'Client',
  bookingId: 'Dossier',
  emailId: 'E-mail',
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
  addressLine2: "Complément d'adresse",
  addressLine3: 'Lieu-dit ou boîte postale',
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

/** What a method's own `id` designates, by the method's family (bookings/get: a dossier). */
const ID_LABELS: Record<string, string> = {
  bookings: 'Dossier',
  clients: 'Client',
  sync: 'Opération de synchronisation',
};

function describePath(path: readonly PropertyKey[], method: string | undefined): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  const lineIndex = path.find((p): p is number => typeof p === 'number');
  const last = names[names.length - 1];
  const label = (name: string) => {
    if (name !== 'id') return FIELD_LABELS[name] ?? name;
    return (names.length === 1 ? ID_LABELS[method?.split('/')[0] ?? ''] : undefined) ?? 'Identifiant';
  };
  const field = last === undefined ? '' : label(last);
  return lineIndex !== undefined && names[0] === 'lines' ? `${field} (ligne ${lineIndex + 1})` : field;
}

/** `method`: the contract method whose input failed, which tells what its `id` is. */
export function describeIssues(issues: readonly IssueLike[], method?: string): string {
  const parts = issues.slice(0, 5).map((i) => {
    const where = describePath(i.path, method);
    return where ? `${where} : ${i.message}` : i.message;
  });
  return `Saisie refusée — ${parts.join(' ; ')}`;
}
