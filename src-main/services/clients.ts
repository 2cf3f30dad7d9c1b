// Clients (« locataires »): the dossier form's search, a new client, and « la fiche du client ».
import { eq } from 'drizzle-orm';
import { AppError, type Client, type ClientFields, type Output } from '../../src-shared/contract';
import { clients } from '../db/schema';
import { uuidv7 } from '../db/ids';
import { writeAudit } from './audit';
import { searchWords } from './bookings-filter';
import { agencyTimeZone } from './clock';
import { nowIso, type Handlers, type ServiceContext } from './context';

/** The fiche's fields, in the order staff read them; also the order of an audit entry's changes. */
const EDITABLE: readonly (keyof ClientFields)[] = [
  'civility',
  'lastName',
  'firstName',
  'email',
  'phone',
  'addressLine1',
  'addressLine2',
  'addressLine3',
  'postcode',
  'city',
  'country',
  'language',
  'commPreference',
];

function loadClient(ctx: ServiceContext, id: string): Client {
  const c = ctx.db
    .select({
      id: clients.id,
      agencyId: clients.agencyId,
      civility: clients.civility,
      lastName: clients.lastName,
      firstName: clients.firstName,
      email: clients.email,
      phone: clients.phone,
      addressLine1: clients.addressLine1,
      addressLine2: clients.addressLine2,
      addressLine3: clients.addressLine3,
      postcode: clients.postcode,
      city: clients.city,
      country: clients.country,
      language: clients.language,
      commPreference: clients.commPreference,
    })
    .from(clients)
    .where(eq(clients.id, id))
    .get();
  if (!c) throw new AppError('not_found', 'Client introuvable : il a peut-être été supprimé. Rouvrez le dossier.');
  return c;
}

export const clientHandlers: Pick<Handlers, 'clients/search' | 'clients/create' | 'clients/get' | 'clients/update'> = {
  'clients/search': ({ agencyId, search, limit }, ctx) => {
    agencyTimeZone(ctx, agencyId); // the agency must exist
    const words = searchWords(search);
    // A few thousand clients per agency: one LIKE per word over name, e-mail and phone is instant.
    const conditions = words.map((_, i) => `(c.last_name || ' ' || c.first_name || ' ' || c.email || ' ' || c.phone) LIKE @w${i}`);
    const params: Record<string, unknown> = { agencyId, limit };
    words.forEach((w, i) => (params[`w${i}`] = `%${w}%`));
    return ctx.sqlite
      .prepare(
        `SELECT c.id, c.civility, c.first_name AS firstName, c.last_name AS lastName, c.email, c.phone, c.city
         FROM clients c WHERE c.agency_id = @agencyId ${conditions.map((c) => `AND ${c}`).join(' ')}
         ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE LIMIT @limit`,
      )
      .all(params) as Output<'clients/search'>;
  },

  'clients/create': (input, ctx) => {
    agencyTimeZone(ctx, input.agencyId); // the agency must exist
    const id = uuidv7();
    const at = nowIso(ctx);
    ctx.db.insert(clients).values({ id, ...input, createdAt: at, updatedAt: at }).run();
    ctx.notify(['clients']);
    return { id };
  },

  'clients/get': ({ id }, ctx) => loadClient(ctx, id),

  /**
   * Saves the fiche. The dossiers' search index follows by itself (trigger clients_search_au); an
   * unchanged fiche writes nothing, so the history holds only real changes.
   */
  'clients/update': ({ id, ...fields }, ctx) => {
    const result = ctx.sqlite.transaction(() => {
      const before = loadClient(ctx, id);
      const changed = EDITABLE.filter((k) => before[k] !== fields[k]);
      if (changed.length === 0) return { client: before, written: false };
      // Only the changed columns: the search trigger then re-indexes the dossiers only when a name,
      // e-mail or phone changed.
      const set: Partial<ClientFields> = Object.fromEntries(changed.map((k) => [k, fields[k]]));
      ctx.db
        .update(clients)
        .set({ ...set, updatedAt: nowIso(ctx) })
        .where(eq(clients.id, id))
        .run();
      writeAudit(ctx, 'client', id, 'update', Object.fromEntries(changed.map((k) => [k, [before[k], fields[k]]])));
      return { client: { ...before, ...fields }, written: true };
    })();
    if (result.written) ctx.notify(['clients']);
    return result.client;
  },
};
