/**
 * The local host's files: uploaded photos and exported ledgers, each a content file and a small
 * metadata file beside it.
 *
 * - Every file is written to a temporary name and renamed into place, the metadata last: a crash
 *   leaves at most a content file without metadata, which is never served and is swept later.
 * - Uploads: a daily quota per person; a photo is claimed (on disk) while an action that carries
 *   it runs and marked attached when the action succeeds; one neither attached nor claimed is
 *   deleted once a day old. A claim left by a crash keeps the photo (never the other way round).
 * - Exports: only the admin who made one may download it, for 24 hours; then it is deleted.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const DAY_MS = 24 * 3_600_000;
/** How long an export can be downloaded. */
export const EXPORT_TTL_MS = DAY_MS;
/** How long an upload may wait to be put on a case. */
export const UNATTACHED_UPLOAD_TTL_MS = DAY_MS;
/** Photos one person may upload per China-local day. */
export const DEFAULT_UPLOADS_PER_DAY = 60;

export const UPLOAD_ID = /^[a-f0-9]{32}\.(jpg|png|webp|xlsx|csv)$/;
/** A photo upload (the only kind a case or a page may show). */
export const PHOTO_ID = /^[a-f0-9]{32}\.(jpg|png|webp)$/;
export const EXPORT_ID = /^[a-f0-9]{24}-[A-Za-z0-9_.-]{1,100}$/;
const TEMP_PREFIX = '.tmp-';

/** Writes `bytes` to `path` so that the path holds either nothing or all of it, durably. */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string, dir: string): Promise<void> {
  const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  const fh = await open(temp, 'wx', 0o600);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** The China-local day of an instant, `YYYY-MM-DD`. */
const localDay = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export interface UploadMeta {
  owner: string;
  size: number;
  at: string;
  /** Actions carrying this photo that are running (or were cut short by a crash). */
  claims?: number;
  /** Put on a case by a successful action: kept for good. */
  attached?: boolean;
}

export type SaveUploadResult = { ok: true; fileId: string } | { ok: false; code: 'RATE.LIMITED'; message: string };

export class UploadFiles {
  /** Uploads per `openid:day`, counted from the files at start and kept as they come. */
  private readonly today = new Map<string, number>();
  /** Serialises the metadata changes of one file. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    readonly dir: string,
    private readonly now: () => Date,
    readonly perDay: number = DEFAULT_UPLOADS_PER_DAY,
  ) {
    mkdirSync(dir, { recursive: true });
    const day = localDay(now().getTime());
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const meta = JSON.parse(readFileSync(join(dir, name), 'utf8')) as UploadMeta;
        if (typeof meta.owner === 'string' && localDay(Date.parse(meta.at)) === day) this.bump(`${meta.owner}:${day}`, 1);
      } catch {
        // A broken metadata file counts for nothing; the sweep removes what it cannot read.
      }
    }
  }

  private bump(key: string, by: number): void {
    const n = (this.today.get(key) ?? 0) + by;
    if (n > 0) this.today.set(key, n);
    else this.today.delete(key);
  }

  /** Keeps an image for `owner`, within the daily quota; the quota slot is taken before any await. */
  async save(owner: string, bytes: Buffer, ext: 'jpg' | 'png' | 'webp' | 'xlsx' | 'csv'): Promise<SaveUploadResult> {
    const nowMs = this.now().getTime();
    const key = `${owner}:${localDay(nowMs)}`;
    if ((this.today.get(key) ?? 0) >= this.perDay)
      return { ok: false, code: 'RATE.LIMITED', message: `每人每天最多上传${this.perDay}个文件（照片或表格），请明天再试` };
    this.bump(key, 1);
    const fileId = `${randomBytes(16).toString('hex')}.${ext}`;
    try {
      await writeFileAtomic(join(this.dir, fileId), bytes, this.dir);
      const meta: UploadMeta = { owner, size: bytes.length, at: new Date(nowMs).toISOString() };
      await writeFileAtomic(join(this.dir, `${fileId}.json`), JSON.stringify(meta), this.dir);
    } catch (err) {
      this.bump(key, -1);
      await rm(join(this.dir, fileId), { force: true });
      throw err;
    }
    return { ok: true, fileId };
  }

  /** The metadata of an upload; undefined when the id is not one, or the file or its metadata is missing or broken. */
  async meta(fileId: string): Promise<UploadMeta | undefined> {
    if (!UPLOAD_ID.test(fileId)) return undefined;
    try {
      const meta = JSON.parse(await readFile(join(this.dir, `${fileId}.json`), 'utf8')) as UploadMeta;
      if (typeof meta.owner !== 'string') return undefined;
      await stat(join(this.dir, fileId));
      return meta;
    } catch {
      return undefined;
    }
  }

  /** The image bytes of an upload with metadata. */
  async read(fileId: string): Promise<Buffer | undefined> {
    if (!(await this.meta(fileId))) return undefined;
    try {
      return await readFile(join(this.dir, fileId));
    } catch {
      return undefined;
    }
  }

  private async update(fileId: string, change: (meta: UploadMeta) => UploadMeta): Promise<void> {
    const previous = this.locks.get(fileId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const meta = await this.meta(fileId);
        if (meta) await writeFileAtomic(join(this.dir, `${fileId}.json`), JSON.stringify(change(meta)), this.dir);
      });
    this.locks.set(fileId, next);
    try {
      await next;
    } finally {
      if (this.locks.get(fileId) === next) this.locks.delete(fileId);
    }
  }

  /** An action carrying these photos is about to run: they are not swept meanwhile. */
  async claim(fileIds: readonly string[]): Promise<void> {
    for (const id of new Set(fileIds)) await this.update(id, (m) => ({ ...m, claims: (m.claims ?? 0) + 1 }));
  }

  /** The action ended: attached for good when it succeeded, else the claim is dropped. */
  async settle(fileIds: readonly string[], attached: boolean): Promise<void> {
    for (const id of new Set(fileIds))
      await this.update(id, (m) => ({ ...m, claims: Math.max(0, (m.claims ?? 0) - 1), ...(attached ? { attached: true } : {}) }));
  }

  /**
   * Deletes uploads neither attached nor claimed once `UNATTACHED_UPLOAD_TTL_MS` old, images left
   * without metadata by a crash once as old, and temporary files. Returns how many files went.
   */
  async sweep(): Promise<number> {
    const nowMs = this.now().getTime();
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      let age: number;
      try {
        age = nowMs - statSync(path).mtimeMs;
      } catch {
        continue;
      }
      if (name.startsWith(TEMP_PREFIX)) {
        if (age > 3_600_000) removed += await remove(path);
        continue;
      }
      if (name.endsWith('.json') && UPLOAD_ID.test(name.slice(0, -5))) {
        // Metadata whose image is gone (a sweep cut short): nothing to keep.
        if (age > UNATTACHED_UPLOAD_TTL_MS && !existsSync(path.slice(0, -5))) removed += await remove(path);
        continue;
      }
      if (!UPLOAD_ID.test(name)) continue;
      const meta = await this.meta(name);
      if (!meta) {
        if (age > UNATTACHED_UPLOAD_TTL_MS) removed += (await remove(path)) + (await remove(`${path}.json`));
        continue;
      }
      if (meta.attached || (meta.claims ?? 0) > 0 || this.locks.has(name)) continue;
      if (nowMs - Date.parse(meta.at) > UNATTACHED_UPLOAD_TTL_MS) {
        // Metadata first: without it the image is never served, and a crash here leaves an orphan the next sweep takes.
        removed += (await remove(`${path}.json`)) + (await remove(path));
      }
    }
    return removed;
  }
}

async function remove(path: string): Promise<number> {
  try {
    await rm(path);
    return 1;
  } catch {
    return 0;
  }
}

export interface ExportMeta {
  owner: string;
  at: string;
}

export class ExportFiles {
  constructor(
    readonly dir: string,
    private readonly now: () => Date,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Keeps an export for its owner; answers its id. */
  async save(fileName: string, bytes: Uint8Array, owner: string): Promise<string> {
    const id = `${randomBytes(12).toString('hex')}-${fileName.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 100)}`;
    await writeFileAtomic(join(this.dir, id), bytes, this.dir);
    const meta: ExportMeta = { owner, at: this.now().toISOString() };
    await writeFileAtomic(join(this.dir, `${id}.json`), JSON.stringify(meta), this.dir);
    return id;
  }

  /** The bytes of an export for its owner while it has not expired; undefined otherwise. */
  async read(id: string, openid: string | undefined): Promise<Buffer | undefined> {
    if (!openid || !EXPORT_ID.test(id) || id.endsWith('.json')) return undefined;
    try {
      const meta = JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')) as ExportMeta;
      if (meta.owner !== openid || !(this.now().getTime() - Date.parse(meta.at) < EXPORT_TTL_MS)) return undefined;
      return await readFile(join(this.dir, id));
    } catch {
      return undefined;
    }
  }

  /** Deletes exports past their lifetime (and files a crash left half-written). */
  async sweep(): Promise<number> {
    const nowMs = this.now().getTime();
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      let mtime: number;
      try {
        mtime = statSync(path).mtimeMs;
      } catch {
        continue;
      }
      if (name.startsWith(TEMP_PREFIX)) {
        if (nowMs - mtime > 3_600_000) removed += await remove(path);
        continue;
      }
      if (name.endsWith('.json')) continue;
      let at = mtime;
      try {
        at = Date.parse((JSON.parse(readFileSync(`${path}.json`, 'utf8')) as ExportMeta).at);
      } catch {
        // No metadata: it was never served; it goes by the file's own age.
      }
      if (!(nowMs - at < EXPORT_TTL_MS)) removed += (await remove(`${path}.json`)) + (await remove(path));
    }
    return removed;
  }
}
