// Clients (« locataires »): the search of the dossier form, a new client, and « la fiche du client ».
import { z } from 'zod';
import { civility, commPreference, id, language, method, text } from './common';

/** The fields a clerk types on a client, with the rules shared by a new client and a change. */
const clientField = {
  civility,
  firstName: text(80),
  lastName: text(80).refine((s) => s.length > 0, { error: 'Indiquez le nom du client.' }),
  email: z.union([z.literal(''), z.email({ error: 'Adresse e-mail invalide.' })]),
  phone: text(40),
  addressLine1: text(120),
  addressLine2: text(120),
  addressLine3: text(120),
  postcode: text(20),
  city: text(80),
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'Code pays à deux lettres attendu (FR, BE…).' }),
  language,
  commPreference,
};

export const clientSummarySchema = z.object({
  id,
  civility,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string(),
  city: z.string(),
});

/** « La fiche du client » as stored: what is shown is what was saved, even if a rule came later. */
export const clientSchema = z.object({
  id,
  agencyId: id,
  civility,
  lastName: z.string(),
  firstName: z.string(),
  email: z.string(),
  phone: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string(),
  addressLine3: z.string(),
  postcode: z.string(),
  city: z.string(),
  country: z.string(),
  language,
  commPreference,
});

export const clientMethods = {
  'clients/search': method(
    z.object({ agencyId: id, search: text(200).default(''), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    z.array(clientSummarySchema),
  ),
  'clients/create': method(
    z
      .object({
        agencyId: id,
        civility: clientField.civility.default('none'),
        firstName: clientField.firstName.default(''),
        lastName: clientField.lastName,
        email: clientField.email.default(''),
        phone: clientField.phone.default(''),
        addressLine1: clientField.addressLine1.default(''),
        addressLine2: clientField.addressLine2.default(''),
        addressLine3: clientField.addressLine3.default(''),
        postcode: clientField.postcode.default(''),
        city: clientField.city.default(''),
        country: clientField.country.default('FR'),
        language: clientField.language.default('fr'),
        commPreference: clientField.commPreference.default(null),
      })
      .strict(),
    z.object({ id }),
  ),
  'clients/get': method(z.object({ id }).strict(), clientSchema),
  /** The whole fiche as the clerk leaves it: every editable field is sent, none is guessed. */
  'clients/update': method(z.object({ id, ...clientField }).strict(), clientSchema),
} as const;

export type ClientSummary = z.output<typeof clientSummarySchema>;
export type Client = z.output<typeof clientSchema>;
/** The fields of the fiche a clerk can change (everything but the ids). */
export type ClientFields = Omit<Client, 'id' | 'agencyId'>;
