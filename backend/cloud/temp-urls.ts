/**
 * Photos and exports stay private in cloud storage (readable by their creator only); what a
 * caller may see reaches them as temporary URLs. The functions decide what a caller may see: an
 * action's answer only holds the photos and exports of cases in the caller's reach, and only the
 * file ids in those places are exchanged — never a `cloud://` string found in free text.
 */

/** How long a temporary URL works: long enough to look at a page, short enough not to be passed around. */
export const TEMP_URL_SECONDS = 600;
/** `getTempFileURL` takes at most 50 files per call. */
const BATCH = 50;
/** The most ids one answer exchanges (a page of cases with their photos). */
const MAX_IDS = 500;

export interface TempUrlCloud {
  getTempFileURL(o: { fileList: { fileID: string; maxAge: number }[] }): Promise<{
    fileList: { fileID: string; tempFileURL?: string; status?: number; errMsg?: string }[];
  }>;
}

const isCloudId = (v: unknown): v is string => typeof v === 'string' && v.startsWith('cloud://') && v.length <= 512;

/**
 * The cloud file ids of an answer: values of `fileId` fields and the strings of `photos` /
 * `fileIds` arrays, at any depth.
 */
export function fileIdsIn(value: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 12 || value === null || typeof value !== 'object' || out.size >= MAX_IDS) return out;
  if (Array.isArray(value)) {
    for (const v of value) fileIdsIn(v, out, depth + 1);
    return out;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'fileId' && isCloudId(v)) out.add(v);
    else if ((k === 'photos' || k === 'fileIds') && Array.isArray(v)) {
      for (const p of v) if (isCloudId(p)) out.add(p);
      fileIdsIn(v, out, depth + 1);
    } else fileIdsIn(v, out, depth + 1);
    if (out.size >= MAX_IDS) break;
  }
  return out;
}

/** file id → temporary URL, for the ids WeChat could exchange (a missing file is left out). */
export function tempFileUrls(cloud: TempUrlCloud): (fileIds: string[]) => Promise<Record<string, string>> {
  return async (fileIds) => {
    const ids = [...new Set(fileIds)].slice(0, MAX_IDS);
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
    const answers = await Promise.all(
      batches.map((b) => cloud.getTempFileURL({ fileList: b.map((fileID) => ({ fileID, maxAge: TEMP_URL_SECONDS })) })),
    );
    const out: Record<string, string> = {};
    for (const a of answers)
      for (const f of a.fileList) if (f.tempFileURL && (f.status === undefined || f.status === 0)) out[f.fileID] = f.tempFileURL;
    return out;
  };
}
