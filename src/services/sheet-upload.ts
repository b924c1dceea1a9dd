/**
 * A 12345 工单 sheet (.xlsx or .csv) picked and uploaded the way photos are: the build picks
 * `sheet-upload.weapp.ts` (a file from a chat, `wx.chooseMessageFile`, into the caller's cloud
 * folder) or `sheet-upload.h5.ts` (`<input type=file>`, `POST /api/upload` on the local host).
 * This file is what the type checker and any other target see; it must never be bundled.
 */
import { ApiError } from './api-error';
import type { UploadedSheet } from '../utils/sheet-file';

export type { UploadedSheet } from '../utils/sheet-file';

/** Lets the admin pick a sheet and uploads it; undefined when they cancel. */
export async function pickAndUploadSheet(): Promise<UploadedSheet | undefined> {
  throw new ApiError('CLIENT.UNSUPPORTED_PLATFORM', '当前平台不支持导入表格');
}
