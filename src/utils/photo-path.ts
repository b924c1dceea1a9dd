/**
 * Where a photo goes in WeChat cloud storage: `<prefix><yyyymmdd>/<random>.<ext>`. The prefix is
 * the caller's own folder (`case-photos/<tag>/`) from `resident.profile`; the functions accept
 * photos from nowhere else, so without it nothing is uploaded. Pure, so it can be tested once.
 */
import { ApiError } from '../services/api-error';

export type PhotoExt = 'jpg' | 'png' | 'webp';

/** Shown when the upload folder is not known yet (the profile did not load, or the server has no key). */
export const NO_UPLOAD_PREFIX = '暂时无法上传照片（未取得上传位置），请稍后重试';

/** A picked file's extension as stored: png and webp kept, everything else (jpeg, heic, none) jpg. */
export function photoExtension(filePath: string): PhotoExt {
  const ext = /\.(jpe?g|png|webp)$/i.exec(filePath)?.[1]?.toLowerCase();
  return ext === 'png' || ext === 'webp' ? ext : 'jpg';
}

const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A file name nobody can guess or collide with: `length` characters of [0-9a-z]. */
export function randomName(random: () => number = Math.random, length = 16): string {
  let s = '';
  for (let i = 0; i < length; i++) s += B36[Math.floor(random() * 36) % 36];
  return s;
}

/** A storage folder: plain names, each ending in `/` (`case-photos/0123abcd4567ef89/`). */
const PREFIX = /^(?:[A-Za-z0-9_-]+\/)+$/;

/** `<prefix><yyyymmdd>/<random>.<ext>`, the date China-local. Refuses an empty or malformed prefix. */
export function photoCloudPath(prefix: string | undefined, at: Date, random: string, ext: PhotoExt): string {
  if (!prefix || !PREFIX.test(prefix)) throw new ApiError('CLIENT.UPLOAD_FAILED', NO_UPLOAD_PREFIX);
  if (!/^[0-9a-z]{8,32}$/.test(random)) throw new ApiError('CLIENT.UPLOAD_FAILED', '照片文件名无效，请重试');
  const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `${prefix}${day}/${random}.${ext}`;
}
