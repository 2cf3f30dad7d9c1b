import { describe, expect, it } from 'vitest';
import type { IpcMain } from 'electron';
import { attachIpc } from '../../src-main/host/ipc';
import { IPC_INVOKE_CHANNEL } from '../../src-shared/contract/transport';

const PAGE = 'file:///opt/Comptoir/resources/app.asar/dist/renderer/index.html';

/** A stand-in for Electron's ipcMain: records the one handler the adapter registers. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: any, ...args: unknown[]) => unknown>();
  const ipcMain = { handle: (channel: string, h: any) => handlers.set(channel, h) } as unknown as IpcMain;
  return { ipcMain, handlers };
}

function eventFrom(url: string, { subframe = false } = {}) {
  const mainFrame = { url };
  return { senderFrame: subframe ? { url } : mainFrame, sender: { mainFrame } };
}

describe('the desktop IPC adapter', () => {
  const calls: [string, unknown][] = [];
  const { ipcMain, handlers } = fakeIpcMain();
  attachIpc(ipcMain, async (name, input) => (calls.push([name, input]), { ok: true, value: 'fait' }), (url) => url.split('#')[0] === PAGE);
  const invoke = handlers.get(IPC_INVOKE_CHANNEL)!;

  it('registers exactly one invoke channel', () => {
    expect([...handlers.keys()]).toEqual([IPC_INVOKE_CHANNEL]);
  });

  it("passes calls from Comptoir's own page to dispatch", async () => {
    expect(await invoke(eventFrom(`${PAGE}#/dossiers`), 'agencies/list', {})).toEqual({ ok: true, value: 'fait' });
    expect(calls).toEqual([['agencies/list', {}]]);
  });

  it.each([
    ['another page', eventFrom('https://evil.example/')],
    ['a frame inside our page', eventFrom(PAGE, { subframe: true })],
  ])('refuses calls from %s without dispatching', async (_case, event) => {
    const before = calls.length;
    expect(await invoke(event, 'clients/create', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls.length).toBe(before);
  });

  it('refuses a call without a method name', async () => {
    expect(await invoke(eventFrom(PAGE), 42, {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
