import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { agencies, clients, owners, properties } from '../../src-main/db/schema';
import { uuidv7 } from '../../src-main/db/ids';
import { createAppCore, type AppCore } from '../../src-main/host/app';
import type { SyncSetup } from '../../src-main/sync/engine';

export const MIGRATIONS_DIR = resolve('migrations');

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestAgency {
  core: AppCore;
  agencyId: string;
  propertyId: string;
  otherPropertyId: string;
  clientId: string;
  cleanup(): void;
}

/** A fresh database in a temp folder with one agency, two properties and one client. */
export function openTestAgency(now = new Date('2026-07-01T08:00:00Z'), options: { sync?: SyncSetup; dir?: string } = {}): TestAgency {
  const tmp = options.dir ? { dir: options.dir, cleanup: () => {} } : tempDir();
  const core = createAppCore({
    dbFile: join(tmp.dir, 'comptoir.db'),
    migrationsDir: MIGRATIONS_DIR,
    host: 'browser',
    version: 'test',
    pinnedNow: now,
    sync: options.sync,
  });
  const at = now.toISOString();
  const stamp = { createdAt: at, updatedAt: at };
  const agencyId = uuidv7();
  const ownerId = uuidv7();
  const propertyId = uuidv7();
  const otherPropertyId = uuidv7();
  const clientId = uuidv7();
  const { db } = core.database;
  db.insert(agencies)
    .values({
      id: agencyId,
      name: 'Agence des Sables',
      agencyRef: 'SABLES',
      addressLine1: '4 quai Guiné',
      postcode: '85100',
      city: "Les Sables-d'Olonne",
      phone: '02 51 00 00 00',
      email: 'contact@agence-sables.fr',
      ...stamp,
    })
    .run();
  db.insert(owners).values({ id: ownerId, agencyId, lastName: 'Durand', ...stamp }).run();
  db.insert(properties)
    .values([
      { id: propertyId, agencyId, ownerId, code: 'SAB-001', name: 'Villa Les Mouettes', city: "Les Sables-d'Olonne", capacity: 6, ...stamp },
      { id: otherPropertyId, agencyId, ownerId, code: 'SAB-002', name: 'Maison des Pins', city: 'Olonne', capacity: 4, ...stamp },
    ])
    .run();
  db.insert(clients)
    .values({ id: clientId, agencyId, civility: 'mr', firstName: 'Jean', lastName: 'Martin', email: 'jean.martin@example.fr', phone: '06 12 34 56 78', ...stamp })
    .run();
  return {
    core,
    agencyId,
    propertyId,
    otherPropertyId,
    clientId,
    cleanup: () => {
      core.close();
      tmp.cleanup();
    },
  };
}

/** Calls through dispatch, as the renderer does, and returns the value or throws the error. */
export async function callOk(core: AppCore, name: string, input: unknown): Promise<any> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} → ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function countRows(core: AppCore, table: string): number {
  return (core.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
