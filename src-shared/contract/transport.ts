import type { RpcResult } from './errors';

/** The single IPC channel for calls, and the one for events (desktop host). */
export const IPC_INVOKE_CHANNEL = 'comptoir:invoke';
export const IPC_EVENT_CHANNEL = 'comptoir:event';

/** What the preload script exposes as `window.comptoir`: nothing but these two functions. */
export interface ComptoirBridge {
  invoke(name: string, input: unknown): Promise<RpcResult<unknown>>;
  on(listener: (event: string, data: unknown) => void): () => void;
}
