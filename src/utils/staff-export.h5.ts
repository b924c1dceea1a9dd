import { ApiError, CLIENT_ERRORS } from '../services/api-error';
import { sessionStore } from '../state/session';
import type { ExportFile } from './staff-export';

export type { ExportFile };

/**
 * H5: the host serves the file at `GET /exports/<id>` to the admin who made it (bearer token, for
 * 24 hours): fetched with the token, then saved from memory by a link click.
 */
export async function openExport(file: ExportFile): Promise<void> {
  if (!file.url) throw new ApiError('FILE.NOT_FOUND', '导出文件地址缺失，请重试');
  const token = sessionStore.get().token;
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${file.url}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(CLIENT_ERRORS.network.code, CLIENT_ERRORS.network.message);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    throw new ApiError(body?.error?.code ?? 'FILE.NOT_FOUND', body?.error?.message ?? '导出文件下载失败，请重试', res.status);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has taken the data; free it a little later.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
