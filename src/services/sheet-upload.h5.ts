import { ApiError } from './api-error';
import { postToHost } from './host-upload';
import { MAX_SHEET_BYTES, NOT_A_SHEET, SHEET_TOO_LARGE, sheetExtension, type UploadedSheet } from '../utils/sheet-file';

export type { UploadedSheet } from '../utils/sheet-file';

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
  const fileId = await postToHost(file, `sheet.${sheetExtension(file.name)}`);
  return { fileId, name: file.name };
}
