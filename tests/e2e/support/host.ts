import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

export interface BrowserHost {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the built browser host exactly as `npm run serve` does, on a fresh data folder. */
export async function startHost(args: string[] = ['--demo']): Promise<BrowserHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [resolve('dist/main/serve.cjs'), '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/^Comptoir ready at (\S+)$/m);
      if (m) done(m[1]!);
    });
    child.on('exit', (code) => fail(new Error(`host exited (${code}): ${stderr}`)));
  });
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the contract over HTTP with the host's token, as another window of Comptoir would. */
export function contractOver(hostUrl: string) {
  const base = new URL(hostUrl);
  return async <T = any>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(new URL(`/rpc/${method}`, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-comptoir-token': base.searchParams.get('token')! },
      body: JSON.stringify(input),
    });
    const body = await res.json();
    if (!body.ok) throw new Error(body.error.message);
    return body.value as T;
  };
}

/** Each test gets its own host and data folder. */
export const test = base.extend<{ host: BrowserHost }>({
  host: async ({}, use) => {
    const host = await startHost(['--demo', '--now', '2026-07-11T09:00:00+02:00']);
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';
