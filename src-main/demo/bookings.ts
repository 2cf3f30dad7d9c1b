// Second pass of the demo: each planned stay becomes a dossier (booking + pricing lines +
// payments), written in creation order so dossier numbers grow with time within each year. All
// of a dossier's details come from its own seed; the booking's totals are the sums of the lines
// and payments written with it.
import type Database from 'better-sqlite3';
import { OPTION_LAPSED_REASON, type DepositState } from '../../src-shared/domain';
import { DAY_MS, MINUTE_MS, dayInfo, dayOf, isoInstant, notAfter, officeInstant, weekday } from './calendar';
import { Batch } from './batch';
import { Dossier, drawDepositState } from './dossier';
import { demoId } from './ids';
import { KIND_CANCELLED, KIND_CONFIRMED, KIND_LAPSED, KIND_OPTION, type StayPlan } from './plan';
import { Rng } from './random';
import type { World, WorldAgency } from './world';

const SEASON = [0, 0.75, 0.8, 0.75, 0.95, 1, 1.2, 1.7, 1.8, 1.1, 0.9, 0.7, 0.85];
const SOURCES = ['counter', 'phone', 'web'] as const;
const SOURCE_WEIGHTS = [25, 40, 35];
const CANCEL_REASONS = [
  'Annulation client',
  'Annulation client : raison médicale',
  'Annulation client : changement de dates',
  'Annulation client : séjour reporté',
  'Annulé à la demande du propriétaire',
  'Doublon',
];
const CANCEL_WEIGHTS = [60, 12, 10, 8, 5, 5];
const EXTRAS = [
  { label: 'Location de linge de maison', perGuest: true, unit: 1_500 },
  { label: 'Kit bébé (lit et chaise haute)', perGuest: false, unit: 2_500 },
  { label: 'Forfait animal de compagnie', perGuest: false, unit: 3_000 },
  { label: 'Arrivée tardive', perGuest: false, unit: 2_000 },
];
const NOTES = [
  'Arrivée tardive prévue vers 22h.',
  'Animal accepté (petit chien).',
  'Client fidèle : accueil personnalisé.',
  'Demande un lit bébé.',
  "Clés à récupérer à l'agence.",
  'Allergique aux plumes : prévoir des oreillers synthétiques.',
  'Vient à vélo : garage souhaité.',
];
const STATUS = ['confirmed', 'option', 'cancelled', 'cancelled'] as const;

/** Per-agency, per-year last dossier number, keyed agencyIndex * 10000 + year. */
export type Counters = Map<number, number>;

/** Dossiers per flush: bookings first, then their lines and payments (foreign keys may be on). */
const BATCH_BOOKINGS = 32;

/** A dossier's client (index in its agency's list): the first draw from the stay's own seed (see firstDossiers). */
function drawClient(rng: Rng, agency: WorldAgency): number {
  return Math.floor(rng.next() * agency.clientIds.length);
}

/**
 * Each client's first dossier: the created_at writeBookings will give it (the earliest of the
 * client's dossiers), or null for a client without one; by agency id, in the order of the
 * agency's clientIds. Lets a fresh seed write each client once, with the instant its file opens,
 * instead of updating every client once the dossiers are written. Draws only each stay's client,
 * as writeBookings does first (the same seed, the same draw).
 */
export function firstDossiers(world: World, plan: StayPlan, now: Date): Map<string, (string | null)[]> {
  const rng = new Rng(0);
  const earliest = world.agencies.map((a) => new Float64Array(a.clientIds.length).fill(Infinity));
  for (let i = 0; i < plan.count; i++) {
    rng.reset(plan.seed[i]!);
    const a = world.properties[plan.property[i]!]!.agency;
    const client = drawClient(rng, world.agencies[a]!);
    const created = plan.created[i]!;
    if (created < earliest[a]![client]!) earliest[a]![client] = created;
  }
  // As writeBookings writes created_at (instants after now are written as now); the earliest
  // instant is the smallest string, as min(created_at) would find it.
  const nowMs = now.getTime();
  const first = new Map<string, (string | null)[]>();
  world.agencies.forEach((agency, a) => {
    first.set(agency.id, Array.from(earliest[a]!, (ms) => (ms === Infinity ? null : isoInstant(Math.min(ms, nowMs)))));
  });
  return first;
}

/** Told each dossier's searchable keys as it is written, in insertion order (see search-fill.ts). */
export interface DossierListener {
  add(number: string, clientId: string, propertyId: string): void;
}

export function writeBookings(
  sqlite: Database.Database,
  world: World,
  plan: StayPlan,
  now: Date,
  counters: Counters,
  listener: DossierListener | null = null,
): number {
  const bookingRows = new Batch(
    sqlite,
    `bookings (id, agency_id, number, property_id, client_id, status, option_expires_at, cancelled_at,
       cancel_reason, source, arrival, departure, nights, adults, children, deposit_amount_cents, deposit_state,
       deposit_secured_at, balance_due_date, notes, total_cents, paid_cents, balance_cents, created_at, updated_at)`,
    25,
  );
  const lineRows = new Batch(
    sqlite,
    `pricing_lines (id, booking_id, position, label, kind, quantity, unit_price_cents, total_cents,
       created_at, updated_at)`,
    10,
  );
  const paymentRows = new Batch(
    sqlite,
    `payments (id, booking_id, amount_cents, method, received_on, reference, created_at, updated_at)`,
    8,
  );
  const flush = () => {
    bookingRows.flush();
    lineRows.flush();
    paymentRows.flush();
  };

  const nowMs = now.getTime();
  const today = dayOf(nowMs);
  const thisYear = now.getUTCFullYear();
  const rng = new Rng(0);
  const dossier = new Dossier(rng, nowMs);
  const iso = (ms: number) => isoInstant(Math.min(ms, nowMs));

  for (let o = 0; o < plan.count; o++) {
    const i = plan.order[o]!;
    rng.reset(plan.seed[i]!);
    const prop = world.properties[plan.property[i]!]!;
    const agency = world.agencies[prop.agency]!;
    const kind = plan.kind[i]!;
    const a = plan.arrival[i]!;
    const nights = plan.nights[i]!;
    const dep = a + nights;
    const createdMs = plan.created[i]!;
    const createdDay = dayOf(createdMs);
    const arrival = dayInfo(a);
    const departure = dayInfo(dep);

    const year = dayInfo(createdDay).year;
    const key = prop.agency * 10_000 + year;
    const seq = (counters.get(key) ?? 0) + 1;
    counters.set(key, seq);
    const number = `${year}-${String(seq).padStart(6, '0')}`;

    const clientId = agency.clientIds[drawClient(rng, agency)]!;
    const source =
      kind === KIND_OPTION || kind === KIND_LAPSED ? (rng.chance(0.7) ? 'phone' : 'counter')
      : prop.elloha && rng.chance(0.45) ? 'elloha'
      : SOURCES[rng.weighted(SOURCE_WEIGHTS)]!;
    const maxAdults = Math.min(6, prop.capacity);
    const adults = rng.chance(0.55) ? Math.min(2, maxAdults) : rng.int(1, maxAdults);
    const children = rng.int(0, Math.min(3, prop.capacity - adults));

    // Pricing: nightly rent by season (prices rise ~2.5 % a year), or a weekly rate for Saturday weeks.
    dossier.start(createdMs, number);
    const age = Math.max(-1, thisYear - arrival.year);
    const nightly = Math.round((prop.nightlyCents * SEASON[arrival.month]! * (1 - 0.025 * age)) / 100) * 100;
    const rentLabel = `Loyer du ${arrival.fr} au ${departure.fr}`;
    if (nights % 7 === 0 && weekday(a) === 6) dossier.addLine(rentLabel, 'rent', nights / 7, Math.round((nightly * 6.5) / 1000) * 1000);
    else dossier.addLine(rentLabel, 'rent', nights, nightly);
    if (rng.chance(0.8)) dossier.addLine('Ménage de fin de séjour', 'cleaning', 1, prop.cleaningCents);
    if (source !== 'elloha' && rng.chance(0.92)) dossier.addLine('Frais de dossier', 'fees', 1, prop.feesCents);
    dossier.addLine('Taxe de séjour', 'tourist_tax', adults * nights, prop.taxCents);
    if (rng.chance(0.1)) {
      const extra = EXTRAS[rng.int(0, EXTRAS.length - 1)]!;
      dossier.addLine(extra.label, 'other', extra.perGuest ? adults + children : 1, extra.unit);
    }

    let optionExpiresMs: number | null = null;
    let cancelledMs: number | null = null;
    let cancelReason: string | null = null;
    if (kind === KIND_OPTION) optionExpiresMs = Math.min(createdMs + 7 * DAY_MS, (a - 1) * DAY_MS + 17 * 60 * MINUTE_MS);
    else if (kind === KIND_LAPSED) {
      optionExpiresMs = cancelledMs = createdMs + 7 * DAY_MS;
      cancelReason = OPTION_LAPSED_REASON;
    } else if (kind === KIND_CANCELLED) {
      // Some day between booking and arrival (or today), during office hours.
      const floor = createdMs + 30 * MINUTE_MS;
      const day = createdDay + Math.floor(rng.next() * (Math.max(createdDay, Math.min(a, today)) - createdDay + 1));
      cancelledMs = notAfter(Math.max(officeInstant(day, rng), floor), floor, nowMs, rng);
      cancelReason = CANCEL_REASONS[rng.weighted(CANCEL_WEIGHTS)]!;
    }

    // Payments: past stays paid (a few left with a balance), future ones an acompte or more.
    const dueDay = Math.max(a - 30, createdDay);
    if (kind === KIND_CONFIRMED) {
      if (a <= today) {
        if (rng.chance(dep <= today ? 0.97 : 0.9)) dossier.payInFull(dueDay, source === 'elloha');
        else dossier.payAcompte();
      } else if (source === 'elloha' || (dueDay <= today && rng.chance(0.75))) dossier.payInFull(dueDay, source === 'elloha');
      else if (rng.chance(0.85)) dossier.payAcompte();
    } else if (kind === KIND_CANCELLED && cancelledMs !== null && rng.chance(0.4)) {
      dossier.payAcompte(Math.min(createdDay + rng.int(0, 5), dayOf(cancelledMs)));
    }

    let depositState: DepositState = 'none';
    let securedMs: number | null = null;
    if (prop.swikly && kind !== KIND_LAPSED) {
      depositState = drawDepositState(rng, STATUS[kind]!, a, dep, today);
      if (depositState === 'secured' || depositState === 'released') {
        const floor = createdMs + 30 * MINUTE_MS;
        securedMs = notAfter(Math.max(officeInstant(a - rng.int(1, 20), rng), floor), floor, nowMs, rng);
      }
    }
    const depositOverride = rng.chance(prop.swikly ? 0.1 : 0.03)
      ? Math.max(20_000, prop.defaultDepositCents + rng.int(-2, 4) * 10_000)
      : null;

    let updatedMs = Math.max(createdMs, dossier.lastPaymentMs() ?? 0, cancelledMs ?? 0, securedMs ?? 0);
    if (depositState === 'released') {
      updatedMs = Math.max(updatedMs, notAfter(officeInstant(dep + rng.int(1, 5), rng), updatedMs, nowMs, rng));
    }

    const id = demoId(createdMs);
    const createdIso = iso(createdMs);
    listener?.add(number, clientId, prop.id);
    bookingRows.values.push(
      id, agency.id, number, prop.id, clientId, STATUS[kind]!,
      optionExpiresMs === null ? null : isoInstant(optionExpiresMs),
      cancelledMs === null ? null : iso(cancelledMs), cancelReason, source,
      arrival.ymd, departure.ymd, nights, adults, children, depositOverride, depositState,
      securedMs === null ? null : iso(securedMs), dayInfo(dueDay).ymd,
      rng.chance(0.1) ? NOTES[rng.int(0, NOTES.length - 1)]! : '',
      dossier.totalCents, dossier.paidCents, dossier.totalCents - dossier.paidCents, createdIso, iso(updatedMs),
    );
    for (let l = 0; l < dossier.lineCount; l++) {
      lineRows.values.push(demoId(createdMs), id, l, dossier.lineLabel[l]!, dossier.lineKind[l]!, dossier.lineQty[l]!,
        dossier.lineUnit[l]!, dossier.lineTotal[l]!, createdIso, createdIso);
    }
    for (let p = 0; p < dossier.payCount; p++) {
      const ms = dossier.payMs[p]!;
      const at = iso(ms);
      paymentRows.values.push(demoId(ms), id, dossier.payAmount[p]!, dossier.payMethod[p]!, dayInfo(dossier.payDay[p]!).ymd,
        dossier.payRef[p]!, at, at);
    }
    if ((o + 1) % BATCH_BOOKINGS === 0) flush();
  }
  flush();
  return plan.count;
}
