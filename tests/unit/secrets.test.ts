import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../src-main/secrets';
import { tempDir } from '../support/app';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

describe('the secret store', () => {
  it('keeps a password in a file only this user can read, and forgets it on request', () => {
    const file = join(dir.dir, 'secrets.json');
    const store = fileSecretStore(file);
    store.set('smtp-password:a', 'M0t de passe!');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(fileSecretStore(file).get('smtp-password:a')).toBe('M0t de passe!');
    store.delete('smtp-password:a');
    expect(store.get('smtp-password:a')).toBeNull();
  });

  it('on the desktop, what is written is sealed: the password never appears in the file', () => {
    const file = join(dir.dir, 'secrets.json');
    const cipher = { encrypt: (s: string) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)), decrypt: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString() };
    fileSecretStore(file, cipher).set('swikly-key:a', 'sk_live_secret');
    expect(readFileSync(file, 'utf8')).not.toContain('sk_live_secret');
    expect(fileSecretStore(file, cipher).get('swikly-key:a')).toBe('sk_live_secret');
    // Without the key that sealed it, a sealed value reads as missing rather than as garbage.
    expect(fileSecretStore(file).get('swikly-key:a')).toBeNull();
  });
});
