/**
 * Opening an exported ledger (.xlsx). The build picks `staff-export.h5.ts` (download the host's
 * URL) or `staff-export.weapp.ts` (download the cloud file and open it in WeChat's viewer).
 */
import { ApiError } from '../services/api-error';

export interface ExportFile {
  url?: string;
  fileId?: string;
  fileName: string;
}

export async function openExport(_file: ExportFile): Promise<void> {
  throw new ApiError('CLIENT.UNSUPPORTED_PLATFORM', '当前平台不支持下载文件');
}
