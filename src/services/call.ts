/**
 * The typed way pages reach the server: `call('admin', 'listCases', input)` sends `{action, ...input}`
 * to the function and resolves to that action's answer. Names, fields and answers are the server's
 * own (backend/contract.ts, types only): a misspelt action or field fails `npm run typecheck`.
 */
import type { ActionName, FunctionName, Input, Output } from '../../backend/contract';
import { callFunction } from './cloud';

/** Actions that take no fields may be called without an input. */
type Args<F extends FunctionName, A extends ActionName<F>> =
  Record<never, never> extends Input<F, A> ? [input?: Input<F, A>] : [input: Input<F, A>];

export function call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, ...args: Args<F, A>): Promise<Output<F, A>> {
  const input = (args[0] ?? {}) as Record<string, unknown>;
  return callFunction<Output<F, A>>(fn, { ...input, action });
}

export type { ActionName, FunctionName, Input, Output };
