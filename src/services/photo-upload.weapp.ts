import Taro from '@tarojs/taro';
import { ApiError } from './api-error';
import type { PhotoSource } from './photo-upload';

export type { PhotoSource } from './photo-upload';

/** WeChat cloud storage: the cloud fileID (`cloud://…`) is what the case stores. */
export async function uploadPhoto(source: PhotoSource): Promise<string> {
  if (typeof source !== 'string') throw new ApiError('FILE.INVALID', '无法读取这张照片');
  const ext = /\.(png|webp)$/i.exec(source)?.[1]?.toLowerCase() ?? 'jpg';
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const rand = Array.from({ length: 16 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath: `case-photos/${day}/${rand}.${ext}`, filePath: source });
    return res.fileID;
  } catch (e) {
    console.warn('[photo] upload failed', e);
    throw new ApiError('FILE.UPLOAD_FAILED', '照片上传失败，请检查网络后重试');
  }
}

/** `<Image>` shows cloud fileIDs directly; WeChat checks the storage permission. */
export function photoUrl(fileId: string, _caseId: string): string {
  return fileId;
}
