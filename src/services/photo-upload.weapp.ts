import Taro from '@tarojs/taro';
import { ApiError } from './api-error';
import type { PhotoSource } from './photo-upload';
import { currentUploadPrefix } from '../state/upload-prefix';
import { displayUrl } from './file-urls';
import { photoCloudPath, photoExtension, randomName } from '../utils/photo-path';

export type { PhotoSource } from './photo-upload';

/**
 * WeChat cloud storage: the cloud fileID (`cloud://…`) is what the case stores. The file goes under
 * the caller's own folder from `resident.profile` — the functions accept photos from nowhere else —
 * and is not uploaded at all while that folder is unknown.
 */
export async function uploadPhoto(source: PhotoSource): Promise<string> {
  if (typeof source !== 'string') throw new ApiError('FILE.INVALID', '无法读取这张照片');
  const cloudPath = photoCloudPath(await currentUploadPrefix(), new Date(), randomName(), photoExtension(source));
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: source });
    return res.fileID;
  } catch (e) {
    console.warn('[photo] upload failed', e);
    throw new ApiError('FILE.UPLOAD_FAILED', '照片上传失败，请检查网络后重试');
  }
}

/**
 * Storage is private: a photo shows through the temporary URL its function gave with the answer;
 * without one (the person's own fresh upload) through its file id, which its creator may read.
 */
export function photoUrl(fileId: string, _caseId: string): string {
  return displayUrl(fileId);
}

/** A 民生微实事 photo on the board: the temporary URL `board.microProjects` gave with its answer. */
export function projectPhotoUrl(fileId: string, _roundId: string): string {
  return displayUrl(fileId);
}
