// Where passwords and API keys live: never in the database (it is copied, backed up, sent to
// support), never in logs. One small JSON file readable by this OS user only (0600); on the
// desktop each value is also encrypted with Electron's safeStorage (the OS keychain's key).
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface SecretStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** Electron's safeStorage, or nothing in the browser host (the file's 0600 mode protects it). */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

type Stored = Record<string, { v: string; sealed: boolean }>;

export function fileSecretStore(file: string, cipher?: SecretCipher): SecretStore {
  const read = (): Stored => {
    if (!existsSync(file)) return {};
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Stored) : {};
    } catch {
      // An unreadable file means the secrets are gone, not that Comptoir cannot start: staff
      // re-enter them in Paramétrage, where the missing password shows.
      return {};
    }
  };
  const write = (all: Stored) => {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };
  return {
    get(key) {
      const entry = read()[key];
      if (!entry) return null;
      if (!entry.sealed) return entry.v;
      if (!cipher) return null;
      try {
        return cipher.decrypt(Buffer.from(entry.v, 'base64'));
      } catch {
        return null;
      }
    },
    set(key, value) {
      const all = read();
      all[key] = cipher ? { v: cipher.encrypt(value).toString('base64'), sealed: true } : { v: value, sealed: false };
      write(all);
    },
    delete(key) {
      const all = read();
      if (!(key in all)) return;
      delete all[key];
      write(all);
    },
  };
}

/** For tests and the bench: secrets kept in memory only. */
export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
  };
}
