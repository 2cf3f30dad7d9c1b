// The sync engine as the renderer sees it: the status bar, the Synchronisation screen and its
// Réessayer / Annuler buttons. Spread into `contract` and `events` in index.ts.
import { z } from 'zod';
import { id } from './common';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const remoteStates = ['unknown', 'online', 'offline'] as const;
export const operationStates = ['pending', 'in_flight', 'done', 'failed', 'cancelled'] as const;

export const syncStatusSchema = z.object({
  /** False when at least one remote is known to be unreachable. */
  online: z.boolean(),
  /** Waiting or being sent. */
  pending: z.number().int(),
  /** Parked: they wait for a decision of staff. */
  failed: z.number().int(),
  remotes: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      state: z.enum(remoteStates),
      pending: z.number().int(),
      failed: z.number().int(),
      /** French, why the remote is offline. */
      lastError: z.string().nullable(),
      changedAt: z.string().nullable(),
    }),
  ),
});

export const syncOperationSchema = z.object({
  id,
  kind: z.string(),
  /** French: « Demande de caution Swikly ». */
  label: z.string(),
  remote: z.string(),
  remoteLabel: z.string(),
  state: z.enum(operationStates),
  bookingId: id.nullable(),
  dossierNumber: z.string().nullable(),
  attempts: z.number().int(),
  /** When the engine will try again (pending rows only). */
  nextAttemptAt: z.string().nullable(),
  /** French reason to show: the last error, or what the operation waits for. */
  reason: z.string().nullable(),
  errorCode: z.string().nullable(),
  /** An earlier operation of the same dossier must finish first. */
  blocked: z.boolean(),
  createdAt: z.string(),
});

export const syncMethods = {
  'sync/status': method(z.object({}).strict(), syncStatusSchema),
  'sync/operations': method(
    z
      .object({
        /** open: everything not finished; failed: only what waits for staff. */
        filter: z.enum(['open', 'failed']).default('open'),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500, { error: '500 lignes au plus par demande.' }).default(200),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(syncOperationSchema) }),
  ),
  'sync/retry': method(z.object({ id }).strict(), z.object({ id, state: z.enum(operationStates) })),
  'sync/cancel': method(z.object({ id }).strict(), z.object({ id, state: z.enum(operationStates) })),
} as const;

export const syncEvents = {
  /** Connectivity or counts changed; the status bar redraws from it. */
  'sync/status': syncStatusSchema,
} as const;

export type SyncStatus = z.output<typeof syncStatusSchema>;
export type SyncOperation = z.output<typeof syncOperationSchema>;
