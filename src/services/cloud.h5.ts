import { ApiError } from './api-error';
import { unwrapEnvelope, type CallFunction } from './envelope';
import { httpPost } from './http';
import { sessionStore, tokenExpiry } from '../state/session';

export type { FunctionData } from './envelope';

/**
 * HTTP contract of the local host: `POST /api/<function>` with `{action, ...params}` and
 * `Authorization: Bearer <token>`; the answer is the usual envelope with a 2xx/4xx/5xx status.
 */
export const callFunction: CallFunction = async <T>(name: string, data: Record<string, unknown>) => {
  await renewIfDue();
  const res = await httpPost(`/api/${encodeURIComponent(name)}`, data, sessionStore.get().token);
  try {
    return unwrapEnvelope<T>(res.json, res.status);
  } catch (e) {
    // A token the host no longer knows: forget it so the persona picker shows again.
    if (e instanceof ApiError && e.status === 401) sessionStore.logout();
    throw e;
  }
};

/** The host's tokens live 12 hours; one past half of that is renewed before the next call. */
const RENEW_WHEN_LEFT_MS = 6 * 3_600_000;
let renewing: Promise<void> | undefined;

function renewIfDue(): Promise<void> {
  const token = sessionStore.get().token;
  const exp = token ? tokenExpiry(token) : undefined;
  if (!token || exp === undefined || exp - Date.now() > RENEW_WHEN_LEFT_MS || exp <= Date.now()) return Promise.resolve();
  renewing ??= httpPost('/auth/renew', {}, token)
    .then((res) => {
      const fresh = (res.json as { ok?: boolean; data?: { token?: unknown } } | undefined)?.data?.token;
      if (res.status === 200 && typeof fresh === 'string') sessionStore.renew(fresh);
    })
    .catch(() => undefined)
    .finally(() => (renewing = undefined));
  return renewing;
}
