/**
 * Photos: where a picked photo is uploaded and how a stored one is shown. The build picks the
 * file for the target: `photo-upload.weapp.ts` (WeChat cloud storage, cloud fileIDs) or
 * `photo-upload.h5.ts` (`POST /api/upload` on the local host, served back from `/files/`).
 * This file is what the type checker and any other target see; it must never be bundled.
 */
import { ApiError } from './api-error';

/** A picked photo before it is uploaded: a temp file path (weapp) or a File (H5). */
export type PhotoSource = string | Blob;

/** Uploads one photo; resolves to the fileId the functions accept (`cloud://…` or `<hex>.jpg`). */
export async function uploadPhoto(_source: PhotoSource): Promise<string> {
  throw new ApiError('CLIENT.UNSUPPORTED_PLATFORM', '当前平台不支持上传照片');
}

/** The image address of a stored photo on a case the caller may see. */
export function photoUrl(fileId: string, _caseId: string): string {
  return fileId;
}

/** The image address of a 民生微实事 photo (public on the board): the round that holds it. */
export function projectPhotoUrl(fileId: string, _roundId: string): string {
  return fileId;
}
