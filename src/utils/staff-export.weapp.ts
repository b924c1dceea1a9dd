import Taro from '@tarojs/taro';
import { ApiError } from '../services/api-error';
import { fileUrlOf } from '../services/file-urls';
import type { ExportFile } from './staff-export';

export type { ExportFile };

/**
 * WeChat: the export is a private cloud file; the function answered with a temporary URL for it,
 * which is downloaded and opened in the document viewer (share from its menu).
 */
export async function openExport(file: ExportFile): Promise<void> {
  if (!file.fileId) throw new ApiError('FILE.NOT_FOUND', '导出文件缺失，请重试');
  const url = fileUrlOf(file.fileId);
  let tempFilePath: string;
  try {
    if (url) {
      const r = await Taro.downloadFile({ url });
      if (r.statusCode !== 200) throw new Error(`HTTP ${r.statusCode}`);
      tempFilePath = r.tempFilePath;
    } else {
      tempFilePath = (await Taro.cloud.downloadFile({ fileID: file.fileId })).tempFilePath;
    }
  } catch (e) {
    console.warn('[export] download failed', e);
    throw new ApiError('CLIENT.DOWNLOAD_FAILED', '文件下载失败，请检查网络后重试');
  }
  try {
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
  } catch (e) {
    console.warn('[export] open failed', e);
    throw new ApiError('CLIENT.OPEN_FAILED', '无法打开表格文件，请在电脑上查看');
  }
}
