import { unwrapEnvelope } from './envelope';
import { request } from './http';
import { sessionStore } from '../state/session';

/** An upload may take longer than a call: a photo of several MB on a slow line. */
const UPLOAD_TIMEOUT_MS = 60000;

/**
 * H5 only: `POST /api/upload` (multipart, field `file`) with the session's token → the host's
 * `fileId`. Photos and 12345 sheets both go this way; the host keeps each for its uploader.
 */
export async function postToHost(body: Blob, fileName: string): Promise<string> {
  const form = new FormData();
  form.append('file', body, fileName);
  const token = sessionStore.get().token;
  const res = await request(
    '/api/upload',
    { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} },
    UPLOAD_TIMEOUT_MS,
  );
  if (res.status === 401) sessionStore.logout();
  return unwrapEnvelope<{ fileId: string }>(res.json, res.status).fileId;
}
