import {
  AppError,
  contract,
  INTERNAL_ERROR_MESSAGE,
  isMethodName,
  type MethodName,
  type RpcResult,
} from '../../src-shared/contract';
import { describeIssues } from '../../src-shared/contract/describe';
import type { Handler, Handlers, ServiceContext } from '../services/context';

export type Dispatch = (name: string, input: unknown) => Promise<RpcResult<unknown>>;

const fail = (code: AppError['code'], message: string): RpcResult<never> => ({ ok: false, error: { code, message } });

/**
 * The only entry into main for the renderer, whatever the transport: unknown method → explicit
 * error; input parsed before any handler runs; output parsed before it leaves; every failure leaves
 * as data with a French message, never as a thrown stack trace.
 */
export function createDispatch(handlers: Handlers, ctx: ServiceContext, log: (e: unknown) => void = console.error): Dispatch {
  return async (name, rawInput) => {
    if (!isMethodName(name)) {
      return fail('unknown_method', `Action inconnue « ${name.slice(0, 80)} » : cette fenêtre et Comptoir ne sont pas de la même version. Rechargez la fenêtre.`);
    }
    const spec = contract[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('invalid_input', describeIssues(parsed.error.issues, name));
    try {
      const handler = handlers[name] as Handler<MethodName>;
      const value = await handler(parsed.data as never, ctx);
      return { ok: true, value: spec.output.parse(value) };
    } catch (e) {
      if (e instanceof AppError) return fail(e.code, e.message);
      log(e);
      return fail('internal', INTERNAL_ERROR_MESSAGE);
    }
  };
}
