/**
 * Taking and showing photos on the staff pages. The build picks the file for the target:
 * `staff-photo.weapp.ts` (camera or album, WeChat cloud storage) or `staff-photo.h5.ts` (a file
 * input, uploaded to the local host). This file is what the type checker and other targets see.
 */
import { ApiError } from '../services/api-error';

/** Lets the user take or pick up to `max` photos and uploads them; their file ids, or [] when cancelled. */
export async function choosePhotos(_max: number): Promise<string[]> {
  throw new ApiError('CLIENT.UNSUPPORTED_PLATFORM', '当前平台不支持上传照片');
}

/** An image source for a photo of a case (`caseId`) or one the user just uploaded. */
export function photoSrc(fileId: string, _caseId?: string): string {
  return fileId;
}
