/**
 * Where one person's photos live in WeChat cloud storage, and whether a photo id is theirs.
 *
 * The client uploads straight to cloud storage, so a function cannot know who uploaded a file id
 * it is handed. Instead every upload goes under a per-person prefix `case-photos/<tag>/`, where
 * `tag` is a keyed hash of the openid: only the functions (which hold the key) can compute it, it
 * says nothing about the openid, and two people's tags cannot be linked. A photo id is accepted
 * only under the caller's own prefix. Pure apart from the hash; no I/O.
 */
import { createHmac } from 'node:crypto';

/** The top folder of case photos in cloud storage. */
export const PHOTO_ROOT = 'case-photos';

/** First 16 hex characters of HMAC-SHA256(secret, openid): stable per person, unguessable without the secret. */
export function uploadTag(secret: string, openid: string): string {
  return createHmac('sha256', secret).update(openid, 'utf8').digest('hex').slice(0, 16);
}

/** `case-photos/<tag>/`: the only place this person's photos are accepted from. */
export function uploadPrefix(secret: string, openid: string): string {
  return `${PHOTO_ROOT}/${uploadTag(secret, openid)}/`;
}

/** `cloud://<env>.<bucket>/<path>`: WeChat cloud storage file ids. */
const CLOUD_FILE_ID = /^cloud:\/\/([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\/(.+)$/;
/** What may follow the prefix: plain folder names and one image file (`20261123/ab12….jpg`). */
const UNDER_PREFIX = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*\.(?:jpg|jpeg|png|webp)$/;
/** A spreadsheet to import (a 12345 工单 sheet) under the same prefix. */
const SHEET_UNDER_PREFIX = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*\.(?:xlsx|csv)$/;

/**
 * Whether `fileId` is a cloud file of environment `envId` (any environment when it is not known)
 * stored under `prefix`. Anything else — another prefix, another environment, `..`, a
 * backslash, an encoded character, a non-image name — is refused.
 */
export function isUnderPrefix(fileId: string, prefix: string, envId?: string, what: 'photo' | 'sheet' = 'photo'): boolean {
  if (!prefix.endsWith('/') || prefix.includes('..')) return false;
  if (fileId.includes('..') || fileId.includes('\\')) return false;
  const m = CLOUD_FILE_ID.exec(fileId);
  if (!m) return false;
  if (envId && m[1] !== envId) return false;
  const path = m[3]!;
  return path.startsWith(prefix) && (what === 'sheet' ? SHEET_UNDER_PREFIX : UNDER_PREFIX).test(path.slice(prefix.length));
}
