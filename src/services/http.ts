import { ApiError, CLIENT_ERRORS } from './api-error';
import { unwrapEnvelope } from './envelope';

/** HTTP to the local host; used by the H5 build only (the weapp build never imports this file). */

const TIMEOUT_MS = 15000;

export interface HttpResult {
  status: number;
  json: unknown;
}

export async function httpGet<T>(path: string): Promise<T> {
  const res = await request(path, { method: 'GET' });
  return unwrapEnvelope<T>(res.json, res.status);
}

export async function httpPost(path: string, data: unknown, token?: string): Promise<HttpResult> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return request(path, { method: 'POST', headers, body: JSON.stringify(data) });
}

/** One request to the host with a time limit; a timeout, a network error or a body that is not JSON becomes an `ApiError`. */
export async function request(path: string, init: RequestInit, timeoutMs = TIMEOUT_MS): Promise<HttpResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, { ...init, signal: controller.signal });
  } catch {
    const c = controller.signal.aborted ? CLIENT_ERRORS.timeout : CLIENT_ERRORS.network;
    throw new ApiError(c.code, c.message);
  } finally {
    clearTimeout(timer);
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new ApiError(CLIENT_ERRORS.badResponse.code, CLIENT_ERRORS.badResponse.message, res.status);
  }
  return { status: res.status, json };
}
