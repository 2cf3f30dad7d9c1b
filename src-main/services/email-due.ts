// The E-mail Auto lists: which dossiers have a semi-automatic e-mail due today. SQL picks the
// candidates through the grid's indexes with generous date bounds; the domain's emailListing
// decides each one, so the rules live in one place (src-shared/domain/email-planning.ts).
import type Database from 'better-sqlite3';
import { emailAddress, type DueEmail, type EmailRule, type SkipReason } from '../../src-shared/contract';
import { addDays, emailListing, stayDateInZone, type PlannedEmailKind, type PlanningDossier } from '../../src-shared/domain';

/** What retro-planning reads of a dossier, instants as stored. */
export interface PlanningRow {
  status: PlanningDossier['status'];
  arrival: string;
  departure: string;
  balanceDueDate: string | null;
  balanceCents: number;
  optionExpiresAt: string | null;
  confirmedAt: string | null;
  createdAt: string;
  propertyId: string;
  source: string;
}

const PLANNING_COLUMNS = `b.status, b.arrival, b.departure, b.balance_due_date AS balanceDueDate, b.balance_cents AS balanceCents,
  b.option_expires_at AS optionExpiresAt, b.confirmed_at AS confirmedAt, b.created_at AS createdAt, b.property_id AS propertyId, b.source`;

export function loadPlanningRow(sqlite: Database.Database, bookingId: string): PlanningRow | undefined {
  return sqlite.prepare(`SELECT ${PLANNING_COLUMNS} FROM bookings b WHERE b.id = ?`).get(bookingId) as PlanningRow | undefined;
}

/** The dossier as the domain rules take it: its instants as calendar dates of the agency. */
export function planningDossier(r: PlanningRow, timeZone: string): PlanningDossier {
  const local = (iso: string) => stayDateInZone(new Date(iso), timeZone);
  return {
    status: r.status,
    arrival: r.arrival,
    departure: r.departure,
    balanceDueDate: r.balanceDueDate,
    balanceCents: r.balanceCents,
    optionExpiresOn: r.optionExpiresAt ? local(r.optionExpiresAt) : null,
    confirmedOn: r.confirmedAt ? local(r.confirmedAt) : null,
    createdOn: local(r.createdAt),
    propertyId: r.propertyId,
    source: r.source,
  };
}

interface Candidate extends PlanningRow {
  bookingId: string;
  number: string;
  lastName: string;
  firstName: string;
  email: string;
  commPreference: string | null;
}

/**
 * Supersets of each kind's window, on indexed columns; the domain rule has the last word. `index`
 * names the index to walk where the planner would pick a wider one (measured on 100,000 dossiers).
 */
function candidateWhere(kind: PlannedEmailKind, offset: number, today: string): { sql: string; params: Record<string, string>; index?: string } {
  switch (kind) {
    case 'arrivalReminder':
      return { sql: `b.status = 'confirmed' AND b.arrival BETWEEN @from AND @to`, params: { from: today, to: addDays(today, offset) } };
    case 'balanceReminder':
      return {
        sql: `b.status = 'confirmed' AND b.arrival >= @from AND b.balance_cents > 0 AND coalesce(b.balance_due_date, b.arrival) <= @to`,
        params: { from: today, to: addDays(today, offset) },
      };
    case 'optionExpiry':
      // Instants around the local dates: a day of margin either side covers every time zone.
      return {
        sql: `b.status = 'option' AND b.option_expires_at >= @from AND b.option_expires_at < @to`,
        params: { from: `${addDays(today, -1)}T00:00:00.000Z`, to: `${addDays(today, offset + 2)}T00:00:00.000Z` },
      };
    case 'afterDeparture':
      // Left to itself the planner walks every confirmed dossier (30 ms); three weeks of departures is 1 ms.
      return {
        sql: `b.status = 'confirmed' AND b.departure BETWEEN @from AND @to`,
        params: { from: addDays(today, -offset - 14), to: addDays(today, -offset) },
        index: 'bookings_departure_idx',
      };
  }
}

export const plannedKeyOf = (bookingId: string, kind: PlannedEmailKind, anchorDate: string) => `${bookingId}:${kind}:${anchorDate}`;

/** Why the batch cannot send to this dossier, before any template is filled. */
/** What staff read when an e-mail is not made for one of these reasons. */
export const SKIP_MESSAGES: Record<SkipReason, string> = {
  no_address: "Pas d'adresse e-mail : ajoutez-la sur la fiche du client, ou envoyez un courrier.",
  invalid_address: "Adresse e-mail invalide : corrigez-la sur la fiche du client.",
  prefers_post: 'Le client préfère le courrier : envoyez-lui une lettre.',
  missing_field: 'Un champ du modèle est vide pour ce dossier',
};

export function addressProblem(email: string, commPreference: string | null): SkipReason | null {
  if (commPreference === 'post') return 'prefers_post';
  if (email.trim() === '') return 'no_address';
  // The rule the fiche client and the send dialog apply: what is refused here can be corrected there.
  if (!emailAddress.safeParse(email).success) return 'invalid_address';
  return null;
}

/** The e-mails of one kind due today for an agency, oldest due first. */
export function dueEmails(sqlite: Database.Database, agencyId: string, timeZone: string, rule: EmailRule, now: Date): DueEmail[] {
  const today = stayDateInZone(now, timeZone);
  const where = candidateWhere(rule.kind, rule.offsetDays, today);
  const rows = sqlite
    .prepare(
      `SELECT b.id AS bookingId, b.number, ${PLANNING_COLUMNS}, c.last_name AS lastName, c.first_name AS firstName,
         c.email, c.comm_preference AS commPreference
       FROM bookings b ${where.index ? `INDEXED BY ${where.index}` : ''} JOIN clients c ON c.id = b.client_id
       WHERE b.agency_id = @agencyId AND ${where.sql}`,
    )
    .all({ agencyId, ...where.params }) as Candidate[];

  const listed: { c: Candidate; anchorDate: string; dueDate: string; late: boolean }[] = [];
  for (const c of rows) {
    const listing = emailListing(planningDossier(c, timeZone), rule, today);
    if (listing.listed) listed.push({ c, anchorDate: listing.planned.anchorDate, dueDate: listing.planned.dueDate, late: listing.late });
  }
  if (listed.length === 0) return [];

  // What was already done for these dossiers: a live e-mail for the same anchor takes the row out;
  // one sent for another anchor means the dates changed since; a failed one gives its reason.
  const ids = JSON.stringify(listed.map((l) => l.c.bookingId));
  const previous = sqlite
    .prepare(
      `SELECT booking_id AS bookingId, anchor_date AS anchorDate, state, error, planned_key AS plannedKey FROM emails
       WHERE booking_id IN (SELECT value FROM json_each(?)) AND kind = ? ORDER BY created_at`,
    )
    .all(ids, rule.kind) as { bookingId: string; anchorDate: string | null; state: string; error: string | null; plannedKey: string | null }[];
  const byBooking = new Map<string, typeof previous>();
  for (const p of previous) (byBooking.get(p.bookingId) ?? byBooking.set(p.bookingId, []).get(p.bookingId)!).push(p);

  const out: DueEmail[] = [];
  for (const { c, anchorDate, dueDate, late } of listed) {
    const history = byBooking.get(c.bookingId) ?? [];
    if (history.some((h) => h.plannedKey !== null && h.anchorDate === anchorDate)) continue;
    const failed = history.filter((h) => h.anchorDate === anchorDate && (h.state === 'failed' || h.state === 'cancelled')).at(-1);
    out.push({
      bookingId: c.bookingId,
      number: c.number,
      clientName: [c.lastName, c.firstName].filter(Boolean).join(' '),
      email: c.email,
      dueDate,
      anchorDate,
      late,
      datesChanged: history.some((h) => h.state === 'sent' && h.anchorDate !== anchorDate),
      lastError: failed?.error ?? null,
      skip: addressProblem(c.email, c.commPreference),
      missing: [],
    });
  }
  return out.sort((a, b) => (a.dueDate === b.dueDate ? a.number.localeCompare(b.number) : a.dueDate < b.dueDate ? -1 : 1));
}
