import Taro from '@tarojs/taro';
import { ApiError } from './api-error';
import { currentUploadPrefix } from '../state/upload-prefix';
import { randomName } from '../utils/photo-path';
import { MAX_SHEET_BYTES, NOT_A_SHEET, SHEET_TOO_LARGE, sheetExtension, type UploadedSheet } from '../utils/sheet-file';

export type { UploadedSheet } from '../utils/sheet-file';

/** A storage folder: plain names, each ending in `/`. */
const PREFIX = /^(?:[A-Za-z0-9_-]+\/)+$/;

/**
 * WeChat: a sheet sent to a chat (the hotline's file, forwarded) is picked with
 * `wx.chooseMessageFile` and uploaded under the caller's own cloud folder, where the `intake`
 * function reads it from (`sheets/<yyyymmdd>/<random>.<ext>`).
 */
export async function pickAndUploadSheet(): Promise<UploadedSheet | undefined> {
  let picked: { path: string; name: string; size: number } | undefined;
  try {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    picked = r.tempFiles[0];
  } catch {
    return undefined;
  }
  if (!picked) return undefined;
  const ext = sheetExtension(picked.name);
  if (!ext) throw new ApiError('FILE.INVALID', NOT_A_SHEET);
  if (picked.size > MAX_SHEET_BYTES) throw new ApiError('INPUT.TOO_LARGE', SHEET_TOO_LARGE);
  const prefix = await currentUploadPrefix();
  if (!prefix || !PREFIX.test(prefix)) throw new ApiError('CLIENT.UPLOAD_FAILED', '暂时无法上传表格（未取得上传位置），请稍后重试');
  const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath: `${prefix}sheets/${day}/${randomName()}.${ext}`, filePath: picked.path });
    return { fileId: res.fileID, name: picked.name };
  } catch (e) {
    console.warn('[sheet] upload failed', e);
    throw new ApiError('FILE.UPLOAD_FAILED', '表格上传失败，请检查网络后重试');
  }
}
