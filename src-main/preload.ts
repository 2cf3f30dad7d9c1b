// Sandboxed preload: exposes only invoke and on, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ComptoirBridge } from '../src-shared/contract/transport';

const bridge: ComptoirBridge = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input),
  on: (listener) => {
    const handler = (_e: IpcRendererEvent, event: string, data: unknown) => listener(event, data);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('comptoir', bridge);
