// A test-only operation kind: posts {key, lane, n} to the fake remote, and reconciles by looking
// the key up there. Real kinds (Swikly, SMTP…) follow the same shape in src-main/integrations.
import { z } from 'zod';
import type { RemoteSetup } from '../../src-main/sync/engine';
import { defineOperationKind, registerOperationKind } from '../../src-main/sync/kinds';

export const echoPayload = z.object({ key: z.string().min(1), lane: z.string(), n: z.number().int() });
const echoAnswer = z.object({ id: z.string(), key: z.string() });

export const echoKind = defineOperationKind({
  kind: 'test/echo',
  remote: 'echo',
  label: 'Écho de test',
  payload: echoPayload,
  perform: (p, io) =>
    io.http.json({ method: 'POST', path: '/echo', json: p, signal: io.signal, headers: { 'idempotency-key': io.idempotencyKey } }, echoAnswer),
  async reconcile(p, io) {
    const found = await io.http.jsonOrNull({ path: `/echo/${encodeURIComponent(p.key)}`, signal: io.signal }, echoAnswer);
    return found ? { status: 'done', result: found } : { status: 'absent' };
  },
});
registerOperationKind(echoKind);

export function echoRemote(url: string, over: Partial<RemoteSetup> = {}): RemoteSetup {
  return {
    name: 'echo',
    label: 'Écho',
    baseUrl: url,
    timeoutMs: 2_000,
    rate: { perSecond: 10_000, burst: 10_000 },
    probe: (http, signal) => http.send({ path: '/ping', signal }),
    ...over,
  };
}
