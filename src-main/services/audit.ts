import { sql } from 'drizzle-orm';
import { auditLog } from '../db/schema';
import { uuidv7 } from '../db/ids';
import type { Db } from '../db/open';
import { keep } from '../db/prepared';
import { nowIso, type ServiceContext } from './context';

const insertAudit = (db: Db) =>
  keep(db, 'audit_log.insert', () =>
    db
      .insert(auditLog)
      .values({
        id: sql.placeholder('id'),
        at: sql.placeholder('at'),
        workstationUser: sql.placeholder('workstationUser'),
        entity: sql.placeholder('entity'),
        entityId: sql.placeholder('entityId'),
        action: sql.placeholder('action'),
        changes: sql.placeholder('changes'),
      })
      .prepare(),
  );

/** One line of history; written inside the caller's transaction, so it exists iff the change does. */
export function writeAudit(
  ctx: ServiceContext,
  entity: string,
  entityId: string,
  action: string,
  changes: Record<string, unknown> = {},
): void {
  insertAudit(ctx.db).run({
    id: uuidv7(),
    at: nowIso(ctx),
    workstationUser: ctx.workstationUser,
    entity,
    entityId,
    action,
    changes: JSON.stringify(changes),
  });
}
