import { ApiError, CLIENT_ERRORS } from './api-error';
import { unwrapEnvelope } from './envelope';
import { sessionStore } from '../state/session';

const TIMEOUT_MS = 60000;

/**
 * H5 only: `POST /api/upload` (multipart, field `file`) with the session's token → the host's
 * `fileId`. Photos and 12345 sheets both go this way; the host keeps each for its uploader.
 */
export async function postToHost(body: Blob, fileName: string): Promise<string> {
  const form = new FormData();
  form.append('file', body, fileName);
  const token = sessionStore.get().token;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/api/upload`, {
      method: 'POST',
      body: form,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      signal: controller.signal,
    });
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
  if (res.status === 401) sessionStore.logout();
  return unwrapEnvelope<{ fileId: string }>(json, res.status).fileId;
}
