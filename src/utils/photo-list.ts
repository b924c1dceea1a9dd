/**
 * The photos of a report or a supplement while they upload: each is shown at once from the
 * phone, uploads by itself, and may fail and be retried or removed without touching the others.
 */
export const MAX_PHOTOS = 9;

export type PhotoStatus = 'uploading' | 'done' | 'failed';

export interface PhotoItem {
  key: string;
  /** What the thumbnail shows: a temp path (weapp) or an object URL (H5). */
  preview: string;
  status: PhotoStatus;
  /** Set once uploaded. */
  fileId?: string;
}

/** How many more may be added. */
export const roomLeft = (items: readonly PhotoItem[], max = MAX_PHOTOS): number => Math.max(0, max - items.length);

export interface PhotoSummary {
  /** Uploaded photos in the order shown: what is sent. */
  fileIds: string[];
  uploading: number;
  failed: number;
}

export function summarize(items: readonly PhotoItem[]): PhotoSummary {
  return {
    fileIds: items.filter((p) => p.status === 'done' && p.fileId).map((p) => p.fileId!),
    uploading: items.filter((p) => p.status === 'uploading').length,
    failed: items.filter((p) => p.status === 'failed').length,
  };
}

/** What stops sending, in words; undefined when every photo is uploaded. */
export function photosProblem(items: readonly PhotoItem[]): string | undefined {
  const s = summarize(items);
  if (s.uploading > 0) return `还有${s.uploading}张照片正在上传，请稍等`;
  if (s.failed > 0) return `有${s.failed}张照片没有传上去，请点照片重试，或删掉它`;
  return undefined;
}

export const updatePhoto = (items: readonly PhotoItem[], key: string, patch: Partial<PhotoItem>): PhotoItem[] =>
  items.map((p) => (p.key === key ? { ...p, ...patch } : p));
