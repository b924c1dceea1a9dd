import { ApiError } from '../services/api-error';
import type { ExportFile } from './staff-export';

export type { ExportFile };

/** H5: the host serves the file at `GET /exports/<id>` as an attachment; a link click downloads it. */
export async function openExport(file: ExportFile): Promise<void> {
  if (!file.url) throw new ApiError('FILE.NOT_FOUND', '导出文件地址缺失，请重试');
  const a = document.createElement('a');
  a.href = `${API_BASE}${file.url}`;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
