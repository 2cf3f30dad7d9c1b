// The demo's agencies, owners, rentals and clients, written once into an empty database.
import type Database from 'better-sqlite3';
import { Batch } from './batch';
import { dayOf, isoInstant, officeInstant, shiftYears } from './calendar';
import { demoId } from './ids';
import { drawCountry, drawPerson, frenchStreetLine, type Person } from './people';
import {
  COAST_STREETS,
  DEMO_AGENCIES,
  FLAT_QUALIFIERS,
  HOUSE_GIVEN_NAMES,
  OF_NAMES,
  PLACE_NAMES,
  type DemoAgencySpec,
} from './places';
import { Rng, hashSeed } from './random';
import { drawPriceList } from './world';

export const INTEGRATIONS_OFF = '{"swikly":false,"elloha":false,"postal":false,"smtp":false}';

/** ~300 rentals; more when the demo is asked for more stays than 300 calendars can hold. */
export function demoPropertyCount(bookings: number): number {
  return Math.max(300, Math.ceil(bookings / 350));
}

export function demoClientCount(bookings: number): number {
  return Math.max(50, Math.round(bookings * 0.6));
}

interface RentalType {
  type: string;
  weight: number;
  capacity: readonly [number, number];
}

const RENTAL_TYPES: readonly RentalType[] = [
  { type: 'Appartement', weight: 35, capacity: [2, 8] },
  { type: 'Maison', weight: 25, capacity: [4, 8] },
  { type: 'Villa', weight: 15, capacity: [6, 12] },
  { type: 'Studio', weight: 10, capacity: [2, 2] },
  { type: 'Gîte', weight: 7, capacity: [4, 8] },
  { type: 'Duplex', weight: 5, capacity: [4, 6] },
  { type: 'Longère', weight: 3, capacity: [6, 10] },
];
const RENTAL_WEIGHTS = RENTAL_TYPES.map((t) => t.weight);

function rentalName(rng: Rng, type: string, capacity: number): string {
  if (type === 'Appartement') {
    const rooms = Math.min(5, Math.max(2, Math.ceil(capacity / 2)));
    return `Appartement ${rng.chance(0.6) ? rng.pick(FLAT_QUALIFIERS) : rng.pick(PLACE_NAMES)} T${rooms}`;
  }
  if (type === 'Studio') return `Studio ${rng.chance(0.5) ? rng.pick(FLAT_QUALIFIERS) : rng.pick(PLACE_NAMES)}`;
  const r = rng.next();
  if (r < 0.2 && type !== 'Duplex') return `${type} ${rng.pick(HOUSE_GIVEN_NAMES)}`;
  return `${type} ${r < 0.7 ? rng.pick(PLACE_NAMES) : rng.pick(OF_NAMES)}`;
}

const PERSON_COLUMNS =
  'civility, first_name, last_name, email, phone, address_line1, address_line2, postcode, city, country';
const personValues = (p: Person) =>
  [p.civility, p.firstName, p.lastName, p.email, p.phone, p.addressLine1, p.addressLine2, p.postcode, p.city, p.country] as const;

/** Clients written per INSERT statement. */
const CLIENTS_PER_STATEMENT = 64;
/** Values kept per client until written: id, agency, the person, language, preference, drawn instant. */
const CLIENT_WIDTH = 15;

export interface ReferenceCounts {
  agencies: number;
  properties: number;
  clients: number;
}

export interface WrittenReference {
  counts: ReferenceCounts;
  /** Each agency's client ids, in the order they are written (rowid order), for loadWorld. */
  clientIds: Map<string, string[]>;
  /**
   * Writes the clients drawn, each dated by its first dossier (by agency id, in clientIds order:
   * see firstDossiers) or, without one, by the instant it was drawn with. Call once, before any
   * dossier is written.
   */
  writeClients(firstDossier: ReadonlyMap<string, readonly (string | null)[]>): void;
}

/** Told each client as it is drawn (written later as drawn), with its searchable fields (see search-fill.ts). */
export interface ClientListener {
  client(id: string, firstName: string, lastName: string, email: string, phone: string): void;
}

/**
 * Writes agencies, owners and properties, and draws the clients; they are written by
 * `writeClients` once their first dossiers are known. Call inside a transaction, on an empty database.
 */
export function seedReference(
  sqlite: Database.Database,
  seed: number,
  now: Date,
  bookings: number,
  listener: ClientListener | null = null,
): WrittenReference {
  const rng = new Rng(hashSeed(seed, 'reference'));
  const nowMs = now.getTime();
  const today = dayOf(nowMs);
  const historyStart = shiftYears(now, -9);
  const iso = (ms: number) => isoInstant(Math.min(ms, nowMs));

  const insertAgency = sqlite.prepare(
    `INSERT INTO agencies (id, name, agency_ref, address_line1, postcode, city, country, phone, email, time_zone,
       sender_email, integrations, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'FR', ?, ?, 'Europe/Paris', ?, ?, ?, ?)`,
  );
  const insertOwner = sqlite.prepare(
    `INSERT INTO owners (id, agency_id, ${PERSON_COLUMNS}, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertProperty = sqlite.prepare(
    `INSERT INTO properties (id, agency_id, owner_id, code, name, address_line1, address_line2, postcode, city,
       country, capacity, elloha_enabled, swikly_account_id, deposit_request_type, default_deposit_cents,
       nightly_rate_cents, cleaning_fee_cents, booking_fee_cents, tourist_tax_cents, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'FR', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Tens of thousands of rows: kept until writeClients, then many per statement (see batch.ts).
  const clientValues: unknown[] = [];

  const totalProperties = demoPropertyCount(bookings);
  const totalClients = demoClientCount(bookings);
  let propertiesLeft = totalProperties;
  let clientsLeft = totalClients;

  const clientIds = new Map<string, string[]>();
  const names = new Set<string>(); // rental names are unique across agencies
  DEMO_AGENCIES.forEach((spec: DemoAgencySpec, a) => {
    const last = a === DEMO_AGENCIES.length - 1;
    const nProperties = last ? propertiesLeft : Math.round(totalProperties * spec.share);
    const nClients = last ? clientsLeft : Math.round(totalClients * spec.share);
    propertiesLeft -= nProperties;
    clientsLeft -= nClients;

    const agencyMs = officeInstant(historyStart - 2000, rng);
    const agencyId = demoId(agencyMs);
    insertAgency.run(agencyId, spec.name, spec.agencyRef, spec.addressLine1, spec.postcode, spec.city, spec.phone,
      spec.email, spec.senderEmail, INTEGRATIONS_OFF, iso(agencyMs), iso(agencyMs));

    const owners: string[] = [];
    for (let j = 0; j < nProperties; j++) {
      const propertyMs = officeInstant(historyStart - 400 - rng.int(0, 1400), rng);
      let ownerId: string;
      if (owners.length === 0 || rng.chance(0.55)) {
        const local = rng.chance(0.35);
        const owner = drawPerson(rng, { country: 'FR', towns: local ? spec.towns : undefined, noEmail: 0.1 });
        if (local && rng.chance(0.4)) owner.phone = `${spec.landline} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`;
        const ownerMs = propertyMs - rng.int(1, 60) * 86_400_000;
        ownerId = demoId(ownerMs);
        insertOwner.run(ownerId, agencyId, ...personValues(owner), iso(ownerMs), iso(ownerMs));
        owners.push(ownerId);
      } else {
        ownerId = rng.pick(owners);
      }

      const rental = RENTAL_TYPES[rng.weighted(RENTAL_WEIGHTS)]!;
      const capacity = rng.int(rental.capacity[0], rental.capacity[1]);
      const code = `${spec.codePrefix}-${String(j + 1).padStart(3, '0')}`;
      const town = rng.pick(spec.towns);
      let name = rentalName(rng, rental.type, capacity);
      for (let attempt = 0; names.has(name) && attempt < 30; attempt++) name = rentalName(rng, rental.type, capacity);
      // Past a few hundred rentals the word lists run out: tell homonyms apart by town, then code.
      if (names.has(name)) name = `${name} – ${town.city}`;
      if (names.has(name)) name = `${name} (${code})`;
      names.add(name);
      const street = frenchStreetLine(rng, COAST_STREETS);
      const flat = rental.type === 'Appartement' || rental.type === 'Studio';
      const prices = drawPriceList(rng, capacity, name, spec.feesCents);
      const deposit = Math.min(150_000, Math.max(30_000, 20_000 + capacity * 10_000 + rng.int(-2, 2) * 5_000));
      insertProperty.run(
        demoId(propertyMs), agencyId, ownerId, code, name, street,
        flat ? `Résidence ${rng.pick(PLACE_NAMES)}, appt ${rng.int(1, 48)}` : '', town.postcode, town.city,
        capacity, rng.chance(1 / 3) ? 1 : 0, rng.chance(0.4) ? `swk_${rng.digits(4)}${rng.digits(4)}` : null,
        rng.chance(0.1) ? 'deposit_and_balance' : 'deposit', deposit, prices.nightlyRateCents, prices.cleaningFeeCents,
        prices.bookingFeeCents, prices.touristTaxCents, iso(propertyMs), iso(propertyMs),
      );
    }

    const ids: string[] = [];
    clientIds.set(agencyId, ids);
    for (let j = 0; j < nClients; j++) {
      const country = drawCountry(rng);
      const client = drawPerson(rng, { country });
      const r = rng.next();
      const language =
        country === 'FR' ? (r < 0.98 ? 'fr' : 'en')
        : country === 'BE' ? (r < 0.7 ? 'fr' : 'nl')
        : country === 'CH' ? (r < 0.65 ? 'fr' : 'de')
        : country === 'DE' ? (r < 0.9 ? 'de' : 'en')
        : 'en';
      const c = rng.next();
      const comm = c < 0.8 ? null : c < 0.92 ? 'email' : c < 0.97 ? 'sms' : 'post';
      // Spread over the history in order (ids then grow like the rows: cheap inserts); dated by
      // the client's first stay when written (see writeClients).
      const clientDay = historyStart - 300 + Math.floor((j * (today - historyStart + 300)) / nClients);
      const clientMs = officeInstant(clientDay, rng);
      const clientId = demoId(clientMs);
      ids.push(clientId);
      clientValues.push(clientId, agencyId, ...personValues(client), language, comm, iso(clientMs));
      listener?.client(clientId, client.firstName, client.lastName, client.email, client.phone);
    }
  });

  let written = false;
  return {
    counts: { agencies: DEMO_AGENCIES.length, properties: totalProperties, clients: totalClients },
    clientIds,
    writeClients(firstDossier) {
      if (written) throw new Error('the clients are already written');
      written = true;
      const rows = new Batch(
        sqlite,
        `clients (id, agency_id, ${PERSON_COLUMNS}, language, comm_preference, created_at, updated_at)`,
        CLIENT_WIDTH + 1,
      );
      let at = 0;
      for (const [agencyId, ids] of clientIds) {
        const first = firstDossier.get(agencyId);
        for (let j = 0; j < ids.length; j++, at += CLIENT_WIDTH) {
          // A client file opens with the client's first dossier.
          const opened = first?.[j] ?? clientValues[at + CLIENT_WIDTH - 1];
          for (let k = at; k < at + CLIENT_WIDTH - 1; k++) rows.values.push(clientValues[k]);
          rows.values.push(opened, opened);
          if (rows.rows === CLIENTS_PER_STATEMENT) rows.flush();
        }
      }
      rows.flush();
      clientValues.length = 0;
    },
  };
}
