/**
 * Temporary URLs the cloud functions hand out with their answers (`fileUrls` of the envelope):
 * cloud storage is private, so a photo or an export someone else uploaded is shown through the
 * URL the function gave for it. A URL is used until shortly before it runs out; after that the
 * file id itself is used (which still shows the person's own uploads).
 */

/** The functions' URLs last 600 s; stop using one a minute early. */
const USABLE_MS = 540_000;

const known = new Map<string, { url: string; until: number }>();

export function rememberFileUrls(urls: Record<string, string> | undefined, now: number = Date.now()): void {
  if (!urls) return;
  for (const [id, url] of Object.entries(urls))
    if (typeof url === 'string' && /^https:\/\//.test(url)) known.set(id, { url, until: now + USABLE_MS });
}

/** The temporary URL of a file id while it is usable. */
export function fileUrlOf(fileId: string, now: number = Date.now()): string | undefined {
  const k = known.get(fileId);
  if (!k) return undefined;
  if (k.until <= now) {
    known.delete(fileId);
    return undefined;
  }
  return k.url;
}

/** What `<Image>` and `previewImage` get for a stored file id. */
export function displayUrl(fileId: string): string {
  return fileUrlOf(fileId) ?? fileId;
}
