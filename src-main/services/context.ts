import type Database from 'better-sqlite3';
import type { MethodName, Output, ParsedInput } from '../../src-shared/contract';
import type { Db } from '../db/open';
import type { SecretStore } from '../secrets';
import type { SyncPort } from '../sync/engine';

/** What every use case receives: the database, the clock and a way to tell screens what changed. */
export interface ServiceContext {
  sqlite: Database.Database;
  db: Db;
  /** The clock; pinned with --now for demos and tests. */
  now(): Date;
  clockPinned: boolean;
  workstationUser: string;
  host: 'desktop' | 'browser';
  version: string;
  /** Called after commit with the tables that changed. */
  notify(tables: string[]): void;
  /** The sync engine: its clock stamps outbox rows (enqueue), its status feeds the status bar. */
  sync: SyncPort;
  /** Passwords and API keys: never in the database, never logged. */
  secrets: SecretStore;
}

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  ctx: ServiceContext,
) => Output<M> | Promise<Output<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

export const nowIso = (ctx: ServiceContext): string => ctx.now().toISOString();
