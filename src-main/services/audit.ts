import { auditLog } from '../db/schema';
import { uuidv7 } from '../db/ids';
import { nowIso, type ServiceContext } from './context';

/** One line of history; written inside the caller's transaction, so it exists iff the change does. */
export function writeAudit(
  ctx: ServiceContext,
  entity: string,
  entityId: string,
  action: string,
  changes: Record<string, unknown> = {},
): void {
  ctx.db
    .insert(auditLog)
    .values({
      id: uuidv7(),
      at: nowIso(ctx),
      workstationUser: ctx.workstationUser,
      entity,
      entityId,
      action,
      changes: JSON.stringify(changes),
    })
    .run();
}
