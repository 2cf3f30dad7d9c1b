import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('npm start on a machine where Electron cannot be fetched', () => {
  it('falls back to the browser host on the user-data folder with the demo, and says why in one line', async () => {
    const home = tempDir();
    cleanups.push(home.cleanup);
    // A dead mirror makes Electron's own download fail at once, as it does without internet.
    const child = spawn(process.execPath, [resolve('scripts/start.mjs')], {
      env: { ...process.env, HOME: home.dir, XDG_CONFIG_HOME: join(home.dir, '.config'), ELECTRON_MIRROR: 'http://127.0.0.1:9/', DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => child.kill('SIGTERM'));
    let out = '';
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (c) => {
        out += c;
        const m = out.match(/^Comptoir ready at (\S+)$/m);
        if (m) done(m[1]!);
      });
      child.on('exit', (code) => fail(new Error(`start exited (${code}): ${out}`)));
    });
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^Comptoir démarre dans le navigateur : .*Electron.*\.$/);
    expect(lines[1]).toMatch(/^Comptoir ready at http:\/\/127\.0\.0\.1:\d+\/\?token=/);

    expect(existsSync(join(home.dir, '.config', 'Comptoir', 'comptoir.db'))).toBe(true);
    const u = new URL(url);
    const res = await fetch(new URL('/rpc/agencies/list', u), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-comptoir-token': u.searchParams.get('token')! },
      body: '{}',
    });
    const body = await res.json();
    expect(body.value.map((a: any) => a.name)).toEqual(['Agence des Sables', 'Agence du Port']);
  });
});
