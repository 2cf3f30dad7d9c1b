// What stays are drawn from, read back from the database: agencies with their client files and
// rentals with their price list (the properties' own nightly rate, cleaning and booking fees and
// tourist tax; drawn for rentals that have none). Reading back rather than keeping what was just
// written lets the same code add stays to a database seeded earlier. Rows are read in rowid order
// and anything drawn is seeded by agency ref + property code, so the same rows give the same demo.
// The one exception: on a fresh seed, the client ids just written are handed over as written
// (rowid order) instead of read back: the same lists, without reading 60 000 rows back for a
// 100 000-dossier demo (~0.05–0.1 s).
import type Database from 'better-sqlite3';
import { DEMO_AGENCIES } from './places';
import { Rng, hashSeed } from './random';

export interface WorldAgency {
  id: string;
  feesCents: number;
  clientIds: string[];
}

export interface WorldProperty {
  id: string;
  agency: number;
  capacity: number;
  elloha: boolean;
  swikly: boolean;
  defaultDepositCents: number;
  /** Mid-season nightly rent, this year's prices. */
  nightlyCents: number;
  cleaningCents: number;
  /** "Frais de dossier". */
  feesCents: number;
  /** Tourist tax per adult per night. */
  taxCents: number;
  weight: number;
}

export interface World {
  agencies: WorldAgency[];
  properties: WorldProperty[];
}

const TAX_RATES = [80, 100, 130, 165, 200, 230, 250];

export interface PriceList {
  nightlyRateCents: number;
  cleaningFeeCents: number;
  bookingFeeCents: number;
  touristTaxCents: number;
}

/** A rental's price list (mid-season, this year): by capacity, villas dearer, studios cheaper. */
export function drawPriceList(rng: Rng, capacity: number, name: string, bookingFeeCents: number): PriceList {
  const premium = name.startsWith('Villa') ? 1.25 : name.startsWith('Studio') ? 0.9 : 1;
  return {
    nightlyRateCents: Math.round(((4_000 + capacity * 1_500 + rng.int(0, 3_000)) * premium) / 100) * 100,
    cleaningFeeCents: Math.round((4_000 + capacity * 800 + rng.int(0, 2_000)) / 500) * 500,
    bookingFeeCents,
    touristTaxCents: rng.pick(TAX_RATES),
  };
}

/**
 * `clientIds`: each agency's client ids in rowid order, when the caller has just written them all
 * (a fresh seed): the same lists as read back, without reading tens of thousands of rows.
 */
export function loadWorld(sqlite: Database.Database, seed: number, clientIds?: ReadonlyMap<string, readonly string[]>): World {
  const agencyRows = sqlite.prepare(`SELECT id, agency_ref AS ref FROM agencies ORDER BY rowid`).all() as {
    id: string;
    ref: string;
  }[];
  const agencies: WorldAgency[] = agencyRows.map((a) => ({
    id: a.id,
    feesCents: DEMO_AGENCIES.find((s) => s.agencyRef === a.ref)?.feesCents ?? 2000,
    clientIds: [],
  }));
  const agencyIndex = new Map(agencyRows.map((a, i) => [a.id, i]));
  const refs = agencyRows.map((a) => a.ref);

  if (clientIds !== undefined) {
    for (const agency of agencies) agency.clientIds = [...(clientIds.get(agency.id) ?? [])];
  } else {
    for (const c of sqlite.prepare(`SELECT id, agency_id AS agencyId FROM clients ORDER BY rowid`).iterate() as Iterable<{
      id: string;
      agencyId: string;
    }>) {
      const a = agencyIndex.get(c.agencyId);
      if (a !== undefined) agencies[a]!.clientIds.push(c.id);
    }
  }

  const rows = sqlite
    .prepare(
      `SELECT id, agency_id AS agencyId, code, name, capacity, elloha_enabled AS elloha,
         swikly_account_id AS swikly, default_deposit_cents AS deposit, nightly_rate_cents AS nightlyRateCents,
         cleaning_fee_cents AS cleaningFeeCents, booking_fee_cents AS bookingFeeCents,
         tourist_tax_cents AS touristTaxCents
       FROM properties ORDER BY rowid`,
    )
    .all() as ({
    id: string;
    agencyId: string;
    code: string;
    name: string;
    capacity: number;
    elloha: number;
    swikly: string | null;
    deposit: number;
  } & PriceList)[];

  const properties: WorldProperty[] = [];
  for (const p of rows) {
    const agency = agencyIndex.get(p.agencyId);
    // Stays need a client of the same agency.
    if (agency === undefined || agencies[agency]!.clientIds.length === 0) continue;
    const rng = new Rng(hashSeed(seed, `${refs[agency]}/${p.code}`));
    const capacity = Math.max(1, p.capacity);
    // Rentals without a price list (made outside the demo) get one drawn for them.
    const drawn = drawPriceList(rng, capacity, p.name, agencies[agency]!.feesCents);
    properties.push({
      id: p.id,
      agency,
      capacity,
      elloha: p.elloha !== 0,
      swikly: p.swikly !== null && p.swikly !== '',
      defaultDepositCents: p.deposit,
      nightlyCents: p.nightlyRateCents || drawn.nightlyRateCents,
      cleaningCents: p.cleaningFeeCents || drawn.cleaningFeeCents,
      feesCents: p.bookingFeeCents || drawn.bookingFeeCents,
      taxCents: p.touristTaxCents || drawn.touristTaxCents,
      weight: 0.5 + rng.next(),
    });
  }
  return { agencies, properties };
}
