import { ApiError } from './api-error';
import { unwrapEnvelope, type CallFunction } from './envelope';
import { httpPost } from './http';
import { sessionStore } from '../state/session';

export type { FunctionData } from './envelope';

/**
 * HTTP contract of the local host: `POST /api/<function>` with `{action, ...params}` and
 * `Authorization: Bearer <token>`; the answer is the usual envelope with a 2xx/4xx/5xx status.
 */
export const callFunction: CallFunction = async <T>(name: string, data: Record<string, unknown>) => {
  const res = await httpPost(`/api/${encodeURIComponent(name)}`, data, sessionStore.get().token);
  try {
    return unwrapEnvelope<T>(res.json, res.status);
  } catch (e) {
    // A token the host no longer knows: forget it so the persona picker shows again.
    if (e instanceof ApiError && e.status === 401) sessionStore.logout();
    throw e;
  }
};
