import Taro from '@tarojs/taro';
import { ApiError } from '../services/api-error';

/** WeChat: camera or album, compressed, then into cloud storage; the cloud file ids go on the case. */
export async function choosePhotos(max: number): Promise<string[]> {
  let files: { tempFilePath: string }[];
  try {
    const res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] });
    files = res.tempFiles;
  } catch {
    // Cancelled, or no permission: nothing chosen.
    return [];
  }
  const ids: string[] = [];
  for (const f of files.slice(0, max)) {
    const ext = (/\.(jpe?g|png|webp)$/i.exec(f.tempFilePath)?.[1] ?? 'jpg').toLowerCase().replace('jpeg', 'jpg');
    try {
      const up = await Taro.cloud.uploadFile({
        cloudPath: `photos/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`,
        filePath: f.tempFilePath,
      });
      ids.push(up.fileID);
    } catch (e) {
      console.warn('[photo] upload failed', e);
      throw new ApiError('CLIENT.UPLOAD_FAILED', '照片上传失败，请检查网络后重试');
    }
  }
  return ids;
}

/** Cloud file ids show as they are in <Image>. */
export function photoSrc(fileId: string): string {
  return fileId;
}
