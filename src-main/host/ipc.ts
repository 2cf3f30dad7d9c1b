// Desktop transport: one ipcMain.handle channel in front of dispatch. Only our own page may call.
import type { IpcMain, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src-shared/contract/transport';
import type { Dispatch } from './dispatch';

export function attachIpc(ipcMain: IpcMain, dispatch: Dispatch, isTrustedPage: (url: string) => boolean): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, name: unknown, input: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedPage(url) || event.senderFrame !== event.sender.mainFrame) {
      return { ok: false, error: { code: 'forbidden', message: 'Accès refusé : cette page ne vient pas de Comptoir.' } };
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'Requête refusée : action manquante.' } };
    }
    return dispatch(name, input);
  });
}

export function sendEvent(target: WebContents, event: string, data: unknown): void {
  if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, event, data);
}
