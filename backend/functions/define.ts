/**
 * One shape for every cloud function: `{action, ...params}` in, `{ok, data | error}` out.
 * The action's params are validated by a strict zod schema before anything runs; an unknown
 * action or field is refused with a Chinese message and nothing is written.
 */
import * as z from 'zod';
import { fail, httpStatusOf, type DomainError, type Result } from '../../core/errors';
import type { Actor } from '../../core/model';
import { resolveActor } from '../auth';
import type { Deps } from '../deps';
import { loadDirectory, type Directory } from '../services/directory';
import { parseInput } from '../validation';
import { fileIdsIn } from '../cloud/temp-urls';

export interface Call {
  /** Absent for public (board) actions called without identity. */
  actor?: Actor;
  deps: Deps;
  dir: Directory;
  now: Date;
}

export interface AuthedCall extends Call {
  actor: Actor;
}

interface ActionBase<S extends z.ZodType> {
  input: S;
}
interface PublicAction<S extends z.ZodType, O> extends ActionBase<S> {
  auth: 'public';
  run: (input: z.output<S>, call: Call) => Promise<Result<O>>;
}
interface UserAction<S extends z.ZodType, O> extends ActionBase<S> {
  auth: 'user';
  run: (input: z.output<S>, call: AuthedCall) => Promise<Result<O>>;
}
/**
 * One action: its schema `S` (the app sends `z.input<S>`) and the value `O` of its answer. Both are
 * kept in the type so `backend/contract.ts` can give the app the API without a copy.
 */
export type ActionDef<S extends z.ZodType = z.ZodType, O = unknown> = PublicAction<S, O> | UserAction<S, O>;

/** Any action, whatever its schema and answer: what a function's table holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table is read through `Actions` generics
export type AnyAction = ActionDef<any, any>;
/** A function's table of actions, by name. */
export type Actions = Record<string, AnyAction>;

/** Helps TypeScript infer each action's input and answer types. */
export const action = <S extends z.ZodType, O>(def: ActionDef<S, O>): ActionDef<S, O> => def;

/**
 * `fileUrls`: in the cloud, a temporary URL for each photo or export file id in `data` (storage is
 * private; see backend/cloud/temp-urls.ts).
 */
export type Reply = { ok: true; data: unknown; fileUrls?: Record<string, string> } | { ok: false; error: DomainError };

export interface CloudFunction<A extends Actions = Actions> {
  name: string;
  actions: A;
  handle(event: unknown, openid: string | undefined, deps: Deps): Promise<Reply>;
}

const eventShape = z.looseObject({ action: z.string().min(1).max(64) });

export function defineFunction<A extends Actions>(name: string, actions: A): CloudFunction<A> {
  return {
    name,
    actions,
    async handle(event, openid, deps) {
      const r = await dispatch(actions, event, openid, deps);
      if (!r.ok) return { ok: false, error: r.error };
      const fileUrls = await urlsFor(r.value, deps);
      return fileUrls ? { ok: true, data: r.value, fileUrls } : { ok: true, data: r.value };
    },
  };
}

/** The temporary URLs of the files an answer shows; undefined when there are none or no way to make them. */
async function urlsFor(value: unknown, deps: Deps): Promise<Record<string, string> | undefined> {
  if (!deps.fileUrls) return undefined;
  const ids = [...fileIdsIn(value)];
  if (ids.length === 0) return undefined;
  try {
    return await deps.fileUrls(ids);
  } catch (err) {
    // The answer itself stands; the app falls back to the file ids (the creator can still read its own).
    console.error('getTempFileURL failed', err);
    return undefined;
  }
}

async function dispatch(actions: Actions, event: unknown, openid: string | undefined, deps: Deps): Promise<Result<unknown>> {
  const head = eventShape.safeParse(event);
  if (!head.success || typeof event !== 'object' || event === null || Array.isArray(event))
    return fail('INPUT.INVALID', '请求格式不正确，须为包含 action 的对象');
  const name = head.data.action;
  if (!Object.prototype.hasOwnProperty.call(actions, name)) return fail('INPUT.UNKNOWN_ACTION', `不支持的操作：${name.slice(0, 32)}`);
  const def = actions[name]!;
  const { action: _omit, ...params } = event as Record<string, unknown>;
  const input = parseInput(def.input, params);
  if (!input.ok) return input;
  try {
    const now = deps.now();
    const dir = await loadDirectory(deps.store, now.getTime());
    if (def.auth === 'public') {
      const actor = openid ? await resolveActor(deps.store, openid) : undefined;
      return await def.run(input.value, actor ? { actor, deps, dir, now } : { deps, dir, now });
    }
    if (!openid) return fail('AUTH.REQUIRED', '请先登录');
    const photos = (input.value as { photos?: unknown }).photos;
    if (deps.ownsUploads && Array.isArray(photos) && photos.length > 0) {
      const owned = await deps.ownsUploads(photos as string[], openid);
      if (owned === false) return fail('FILE.NOT_FOUND', '照片不存在或不是您上传的，请重新上传');
      if (owned !== true) return { ok: false, error: owned };
    }
    const actor = await resolveActor(deps.store, openid);
    return await def.run(input.value, { actor, deps, dir, now });
  } catch (err) {
    // The store refuses a malformed query (a forged or stale page cursor) with an input error: the
    // caller's mistake, answered as such — not a server fault.
    if (err instanceof Error && (err as { code?: unknown }).code === 'INPUT.INVALID') return fail('INPUT.INVALID', err.message);
    console.error(`[${name}]`, err);
    return fail('INTERNAL', '服务器开小差了，请稍后再试');
  }
}

export { httpStatusOf };
