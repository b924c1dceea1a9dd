import { ApiError } from './api-error';
import { postToHost } from './host-upload';
import type { PhotoSource } from './photo-upload';
import { sessionStore } from '../state/session';

export type { PhotoSource } from './photo-upload';

/** Phone photos are often 5–10 MB; larger ones are shrunk before the upload (like sizeType 'compressed'). */
const SHRINK_OVER_BYTES = 1.5 * 1024 * 1024;
const MAX_SIDE = 1600;

/** A photo to the host (`POST /api/upload`), shrunk first when large → its `fileId`. */
export async function uploadPhoto(source: PhotoSource): Promise<string> {
  if (typeof source === 'string') throw new ApiError('FILE.INVALID', '无法读取这张照片');
  const blob = source.size > SHRINK_OVER_BYTES ? await shrink(source) : source;
  return postToHost(blob, 'photo');
}

/** The host serves a photo to those allowed to see it: the uploader, or people with a right to the case. */
export function photoUrl(fileId: string, caseId: string): string {
  const token = sessionStore.get().token;
  const q = [`caseId=${encodeURIComponent(caseId)}`, token ? `token=${encodeURIComponent(token)}` : ''].filter(Boolean).join('&');
  return `${API_BASE}/files/${encodeURIComponent(fileId)}?${q}`;
}

/** A 民生微实事 photo: the host serves it to anyone when the round holds it (host/project-photos.ts). */
export function projectPhotoUrl(fileId: string, roundId: string): string {
  return `${API_BASE}/files/${encodeURIComponent(fileId)}?roundId=${encodeURIComponent(roundId)}`;
}

/** A JPEG at most MAX_SIDE px on its longer side; the original when the browser cannot. */
async function shrink(file: Blob): Promise<Blob> {
  try {
    const url = URL.createObjectURL(file);
    try {
      const img = await new Promise<HTMLImageElement>((resolve, reject) => {
        const i = new Image();
        i.onload = () => resolve(i);
        i.onerror = reject;
        i.src = url;
      });
      const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(img.naturalWidth * scale);
      canvas.height = Math.round(img.naturalHeight * scale);
      canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height);
      const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
      return out && out.size < file.size ? out : file;
    } finally {
      URL.revokeObjectURL(url);
    }
  } catch {
    return file;
  }
}
