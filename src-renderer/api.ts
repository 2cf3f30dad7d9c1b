// The renderer's one way to main: IPC through the preload bridge on the desktop, HTTP + SSE on
// the browser host. Chosen once at boot; screens only see call() and onEvent().
import type { EventName, EventPayload, Input, MethodName, Output, RpcError, RpcResult } from '../src-shared/contract';
import type { ComptoirBridge } from '../src-shared/contract/transport';

declare global {
  interface Window {
    comptoir?: ComptoirBridge;
  }
}

export class ApiError extends Error {
  readonly code: RpcError['code'];
  constructor(error: RpcError) {
    super(error.message);
    this.code = error.code;
  }
}

const TOKEN_KEY = 'comptoir.token';

/** Every event of the contract; `satisfies` makes forgetting a new one a compile error. */
const EVENT_NAMES = Object.keys({ changed: true, 'sync/status': true } satisfies Record<EventName, true>) as EventName[];

/** Token from the launch URL, then kept for this tab only and removed from the address bar. */
function takeToken(): string | null {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    window.history.replaceState(null, '', window.location.pathname + window.location.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpTransport(token: string): ComptoirBridge {
  return {
    async invoke(name, input) {
      let response: Response;
      try {
        response = await fetch(`/rpc/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-comptoir-token': token },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return {
          ok: false,
          error: { code: 'internal', message: "Comptoir ne répond plus. Vérifiez qu'il est toujours lancé, puis rechargez la page." },
        };
      }
      return (await response.json()) as RpcResult<unknown>;
    },
    on(listener) {
      const source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
      for (const name of EVENT_NAMES) source.addEventListener(name, (e: MessageEvent<string>) => listener(name, JSON.parse(e.data)));
      return () => source.close();
    },
  };
}

function pickTransport(): ComptoirBridge | null {
  if (window.comptoir) return window.comptoir;
  const token = takeToken();
  return token ? httpTransport(token) : null;
}

const transport = pickTransport();

/** False when the page was opened without its access token (browser host only). */
export const connected = transport !== null;

export async function call<M extends MethodName>(name: M, input: Input<M>): Promise<Output<M>> {
  if (!transport) throw new ApiError({ code: 'unauthorized', message: "Jeton d'accès absent." });
  const result = (await transport.invoke(name, input)) as RpcResult<Output<M>>;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

const listeners = new Map<string, Set<(data: unknown) => void>>();
let unsubscribeTransport: (() => void) | null = null;

export function onEvent<E extends EventName>(event: E, listener: (data: EventPayload<E>) => void): () => void {
  if (!transport) return () => {};
  if (!unsubscribeTransport) {
    unsubscribeTransport = transport.on((name, data) => listeners.get(name)?.forEach((l) => l(data)));
  }
  const set = listeners.get(event) ?? new Set();
  set.add(listener as (data: unknown) => void);
  listeners.set(event, set);
  return () => set.delete(listener as (data: unknown) => void);
}
