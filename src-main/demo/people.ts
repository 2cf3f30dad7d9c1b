// One made-up person (client or owner): civility, names, e-mail, phone and postal address that
// look like what a French agency's files hold.
import { FEMALE_FIRST_NAMES, FOREIGN_NAMES, LAST_NAMES, MALE_FIRST_NAMES, emailPart } from './names';
import { COAST_STREETS, FOREIGN_STREETS, FOREIGN_TOWNS, FRENCH_TOWNS, TOWN_STREETS, type Town } from './places';
import type { Rng } from './random';

export type Country = 'FR' | 'BE' | 'CH' | 'DE' | 'GB';

export interface Person {
  civility: 'mr' | 'mrs' | 'none';
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  addressLine1: string;
  addressLine2: string;
  postcode: string;
  city: string;
  country: Country;
}

const COUNTRIES: readonly Country[] = ['FR', 'BE', 'CH', 'DE', 'GB'];
const COUNTRY_WEIGHTS = [88, 4, 3, 2.5, 2.5];
const FLAT_LINES = ['Appartement 12', 'Résidence Les Acacias', 'Bâtiment B', 'Appartement 4, 2e étage', 'Résidence du Parc'];

const emailParts = new Map<string, string>();
function cachedEmailPart(name: string): string {
  let part = emailParts.get(name);
  if (part === undefined) {
    part = emailPart(name);
    emailParts.set(name, part);
  }
  return part;
}

export function drawCountry(rng: Rng): Country {
  return COUNTRIES[rng.weighted(COUNTRY_WEIGHTS)]!;
}

function pair(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += (i === 0 ? '' : ' ') + String(rng.int(0, 99)).padStart(2, '0');
  return s;
}

export function mobilePhone(rng: Rng, country: Country): string {
  switch (country) {
    case 'FR':
      return `0${rng.chance(0.7) ? 6 : 7} ${pair(rng, 4)}`;
    case 'BE':
      return `+32 4${rng.int(70, 99)} ${pair(rng, 3)}`;
    case 'CH':
      return `+41 7${rng.pick([6, 7, 8, 9])} ${rng.digits(3)} ${pair(rng, 2)}`;
    case 'DE':
      return `+49 15${rng.int(1, 9)} ${rng.digits(8)}`;
    case 'GB':
      return `+44 7${rng.digits(3)} ${rng.digits(6)}`;
  }
}

function email(rng: Rng, first: string, last: string, country: Country): string {
  const f = cachedEmailPart(first);
  const l = cachedEmailPart(last);
  const r = rng.next();
  const local =
    r < 0.6 ? `${f}.${l}`
    : r < 0.7 ? `${f.charAt(0)}.${l}`
    : r < 0.85 ? `${f}.${l}${rng.int(1, 99)}`
    : r < 0.9 ? `${l}.${f}`
    : r < 0.95 ? `${f}${l}`
    : `${f}_${l}`;
  const d = rng.next();
  const domain =
    country === 'FR'
      ? d < 0.55 ? 'example.fr' : d < 0.85 ? 'example.com' : 'example.org'
      : d < 0.6 ? 'example.com' : 'example.org';
  return `${local}@${domain}`;
}

/** "12 rue des Sauniers", sometimes "12 bis …". */
export function frenchStreetLine(rng: Rng, streets: readonly string[], number: number = rng.int(1, 140)): string {
  return `${number}${rng.chance(0.05) ? ' bis' : ''} ${rng.pick(streets)}`;
}

export interface PersonOptions {
  country: Country;
  /** Where a French person lives; another country's towns otherwise. */
  towns?: readonly Town[];
  /** Share of people without an e-mail address on file. */
  noEmail?: number;
}

export function drawPerson(rng: Rng, options: PersonOptions): Person {
  const { country } = options;
  const female = rng.chance(0.5);
  let first: string;
  let last: string;
  if (country === 'FR' || ((country === 'BE' || country === 'CH') && rng.chance(0.6))) {
    first = rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    last = rng.pick(LAST_NAMES);
  } else {
    const names = FOREIGN_NAMES[country];
    first = rng.pick(female ? names.female : names.male);
    last = rng.pick(names.last);
  }
  const civility = rng.chance(0.03) ? 'none' : female ? 'mrs' : 'mr';
  const town = rng.pick(options.towns ?? (country === 'FR' ? FRENCH_TOWNS : FOREIGN_TOWNS[country]));
  const number = rng.int(1, 140);
  let addressLine1: string;
  if (country === 'DE') addressLine1 = `${rng.pick(FOREIGN_STREETS.DE)} ${number}`;
  else if (country === 'GB') addressLine1 = `${number} ${rng.pick(FOREIGN_STREETS.GB)}`;
  else addressLine1 = frenchStreetLine(rng, options.towns ? COAST_STREETS : TOWN_STREETS, number);
  return {
    civility,
    firstName: first,
    lastName: last,
    email: rng.chance(options.noEmail ?? 0.04) ? '' : email(rng, first, last, country),
    phone: mobilePhone(rng, country),
    addressLine1,
    addressLine2: country !== 'GB' && country !== 'DE' && rng.chance(0.12) ? rng.pick(FLAT_LINES) : '',
    postcode: town.postcode,
    city: town.city,
    country,
  };
}
