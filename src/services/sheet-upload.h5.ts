import { ApiError, CLIENT_ERRORS } from './api-error';
import { unwrapEnvelope } from './envelope';
import { MAX_SHEET_BYTES, NOT_A_SHEET, SHEET_TOO_LARGE, sheetExtension, type UploadedSheet } from '../utils/sheet-file';
import { sessionStore } from '../state/session';

export type { UploadedSheet } from '../utils/sheet-file';

const TIMEOUT_MS = 60000;

/** `<input type=file>`, made for the one pick: resolves to the file, or undefined when cancelled. */
function chooseFile(): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
    input.style.display = 'none';
    input.setAttribute('data-testid', 'sheet-file-input');
    input.addEventListener('change', () => {
      resolve(input.files?.[0]);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(undefined);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** H5: the host keeps the upload for its owner (`POST /api/upload`, field `file`, the name kept). */
export async function pickAndUploadSheet(): Promise<UploadedSheet | undefined> {
  const file = await chooseFile();
  if (!file) return undefined;
  if (!sheetExtension(file.name)) throw new ApiError('FILE.INVALID', NOT_A_SHEET);
  if (file.size > MAX_SHEET_BYTES) throw new ApiError('INPUT.TOO_LARGE', SHEET_TOO_LARGE);
  const form = new FormData();
  form.append('file', file, `sheet.${sheetExtension(file.name)}`);
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
  return { fileId: unwrapEnvelope<{ fileId: string }>(json, res.status).fileId, name: file.name };
}
