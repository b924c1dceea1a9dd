import { ApiError, CLIENT_ERRORS } from '../services/api-error';
import { unwrapEnvelope } from '../services/envelope';
import { sessionStore } from '../state/session';

/**
 * H5: a file input, each file posted to the host's `POST /api/upload` (multipart field `file`)
 * with the persona's token; the host keeps who uploaded it, and a case accepts only the caller's
 * own uploads.
 */
export async function choosePhotos(max: number): Promise<string[]> {
  const files = (await pickFiles(max)).slice(0, max);
  const ids: string[] = [];
  for (const f of files) ids.push(await upload(f));
  return ids;
}

function pickFiles(max: number): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,image/webp';
    input.multiple = max > 1;
    input.style.display = 'none';
    input.setAttribute('data-testid', 'staff-photo-input');
    let done = false;
    const finish = (files: File[]) => {
      if (done) return;
      done = true;
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => finish(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => finish([]));
    document.body.appendChild(input);
    input.click();
  });
}

async function upload(file: File): Promise<string> {
  if (file.size > 10 * 1024 * 1024) throw new ApiError('INPUT.TOO_LARGE', '图片不能超过10MB');
  const form = new FormData();
  form.append('file', file, file.name || 'photo.jpg');
  const token = sessionStore.get().token;
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/api/upload`, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {}, body: form });
  } catch {
    throw new ApiError(CLIENT_ERRORS.network.code, CLIENT_ERRORS.network.message);
  }
  const json: unknown = await res.json().catch(() => undefined);
  return unwrapEnvelope<{ fileId: string }>(json, res.status).fileId;
}

/** `GET /files/<id>`: the uploader sees their own; staff see a case's photos through its id. */
export function photoSrc(fileId: string, caseId?: string): string {
  const q = new URLSearchParams();
  const token = sessionStore.get().token;
  if (token) q.set('token', token);
  if (caseId) q.set('caseId', caseId);
  return `${API_BASE}/files/${encodeURIComponent(fileId)}?${q.toString()}`;
}
