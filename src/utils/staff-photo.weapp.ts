import Taro from '@tarojs/taro';
import { ApiError } from '../services/api-error';
import { displayUrl } from '../services/file-urls';
import { currentUploadPrefix } from '../state/upload-prefix';
import { photoCloudPath, photoExtension, randomName } from './photo-path';

/**
 * WeChat: camera or album, compressed, then into cloud storage under the caller's own folder from
 * `resident.profile` (the functions accept photos from nowhere else); the cloud file ids go on the
 * case. Nothing is uploaded while that folder is unknown.
 */
export async function choosePhotos(max: number): Promise<string[]> {
  let files: { tempFilePath: string }[];
  try {
    const res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] });
    files = res.tempFiles;
  } catch {
    // Cancelled, or no permission: nothing chosen.
    return [];
  }
  if (files.length === 0) return [];
  const prefix = await currentUploadPrefix();
  const ids: string[] = [];
  for (const f of files.slice(0, max)) {
    const cloudPath = photoCloudPath(prefix, new Date(), randomName(), photoExtension(f.tempFilePath));
    try {
      const up = await Taro.cloud.uploadFile({ cloudPath, filePath: f.tempFilePath });
      ids.push(up.fileID);
    } catch (e) {
      console.warn('[photo] upload failed', e);
      throw new ApiError('CLIENT.UPLOAD_FAILED', '照片上传失败，请检查网络后重试');
    }
  }
  return ids;
}

/** The temporary URL the function gave for the file (storage is private), else the id (one's own uploads). */
export function photoSrc(fileId: string): string {
  return displayUrl(fileId);
}
