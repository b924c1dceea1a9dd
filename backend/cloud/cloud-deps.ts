/**
 * Deps for the WeChat cloud: the cloud database store, `security.msgSecCheck` for text,
 * subscribe messages through `openapi.subscribeMessage.send`, exports to cloud storage, and the
 * check that photos were uploaded by the caller (under their keyed prefix, backend/upload-tag.ts).
 * The SDK object is passed in by each entry: this file never loads `wx-server-sdk` itself
 * (it cannot be loaded outside the cloud), so it can be tested with a fake.
 */
import * as z from 'zod';
import { domainError } from '../../core/errors';
import { CloudStore, type CloudDb } from '../store/cloud-store';
import { DEFAULT_LIMITS, makeIdFactory, type Deps } from '../deps';
import type { SendOutcome, SubscribeSender } from '../notify/dispatcher';
import { isUnderPrefix, uploadPrefix } from '../upload-tag';
import { tempFileUrls, type TempUrlCloud } from './temp-urls';

/** The part of `wx-server-sdk` the entries use. */
export interface WxCloud extends TempUrlCloud {
  database(): unknown;
  /** `ENV` is the environment the function runs in (`local` in DevTools' local debugging). */
  getWXContext(): { OPENID?: string; ENV?: string };
  uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  /** Reads a cloud file (a 12345 工单 sheet the caller uploaded); optional so fakes need not have it. */
  downloadFile?(o: { fileID: string }): Promise<{ fileContent: Buffer }>;
  openapi: {
    security: {
      msgSecCheck(o: { openid: string; scene: number; version: number; content: string }): Promise<{ result?: { suggest?: string } }>;
    };
    subscribeMessage: {
      send(o: {
        touser: string;
        templateId: string;
        page: string;
        data: Record<string, { value: string }>;
        miniprogramState?: string;
      }): Promise<unknown>;
    };
  };
}

export function subscribeSender(cloud: WxCloud): SubscribeSender {
  return {
    async send(msg): Promise<SendOutcome> {
      try {
        await cloud.openapi.subscribeMessage.send({ ...msg, miniprogramState: process.env.WX_MINIPROGRAM_STATE ?? 'formal' });
        return { ok: true };
      } catch (err) {
        const e = err as { errCode?: number; errMsg?: string; message?: string };
        return { ok: false, errCode: typeof e.errCode === 'number' ? e.errCode : -1, errMsg: e.errMsg ?? e.message ?? String(err) };
      }
    },
  };
}

/** What the cloud functions read from their environment variables (set per function in the cloud console). */
export interface CloudConfig {
  /**
   * The key of the per-person upload prefix (`UPLOAD_TAG_SECRET`, at least 32 characters, the same
   * on every function). Without it every action with photos is refused.
   */
  uploadTagSecret?: string;
  /** `SUBMISSIONS_PER_DAY`: cases one user may submit per China-local day. */
  submissionsPerDay: number;
}

/** One variable: its value when set and valid; unset (reported in the log when invalid) otherwise. */
function readVar<T>(env: Record<string, string | undefined>, name: string, schema: z.ZodType<T>): T | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  console.error(`环境变量 ${name} 无效，按未设置处理：${r.error.issues[0]?.message ?? ''}`);
  return undefined;
}

/**
 * Reads and validates the configuration. A variable that is set but invalid is reported in the
 * log and treated as unset: the default for the daily limit; for the upload key, photos refused.
 */
export function readCloudConfig(env: Record<string, string | undefined> = process.env): CloudConfig {
  const secret = readVar(env, 'UPLOAD_TAG_SECRET', z.string().trim().min(32, '至少 32 个字符（可用 openssl rand -hex 32 生成）'));
  const perDay = readVar(env, 'SUBMISSIONS_PER_DAY', z.coerce.number().int().positive());
  return {
    ...(secret ? { uploadTagSecret: secret } : {}),
    submissionsPerDay: perDay ?? DEFAULT_LIMITS.submissionsPerDay,
  };
}

/** What a photo action answers when the function has no upload key: refused, never let through. */
export const PHOTOS_UNCONFIGURED = '服务端未配置照片校验密钥，暂时无法提交照片，请联系管理员';

/** The environment uploads must belong to; undefined when not known (local debugging). */
function currentEnv(cloud: WxCloud): string | undefined {
  const env = cloud.getWXContext().ENV;
  return typeof env === 'string' && env !== '' && env !== 'local' ? env : undefined;
}

let store: CloudStore | undefined;
let startConfig: CloudConfig | undefined;

/** The deps of one call. `config` is read from the environment once per instance unless given (tests). */
export function cloudDeps(cloud: WxCloud, config: CloudConfig = (startConfig ??= readCloudConfig())): Deps {
  // One store per warm instance.
  store ??= new CloudStore(cloud.database() as CloudDb);
  const now = () => new Date();
  const secret = config.uploadTagSecret;
  return {
    store,
    now,
    newId: makeIdFactory(now),
    limits: { ...DEFAULT_LIMITS, submissionsPerDay: config.submissionsPerDay },
    uploadPrefix: (openid) => (secret ? uploadPrefix(secret, openid) : undefined),
    fileUrls: tempFileUrls(cloud),
    ownsUploads: async (fileIds, openid) => {
      if (!secret) {
        console.error('UPLOAD_TAG_SECRET 未配置：带照片的操作一律拒绝');
        return domainError('INTERNAL', PHOTOS_UNCONFIGURED);
      }
      const prefix = uploadPrefix(secret, openid);
      const env = currentEnv(cloud);
      return fileIds.every((id) => isUnderPrefix(id, prefix, env));
    },
    contentCheck: {
      async check(text, openid) {
        try {
          const r = await cloud.openapi.security.msgSecCheck({ openid, scene: 1, version: 2, content: text });
          return r.result?.suggest === 'risky' ? 'risky' : 'pass';
        } catch (err) {
          // The check is a safeguard, not a gate: when WeChat cannot answer, keep the resident's report.
          console.error('msgSecCheck failed', err);
          return 'pass';
        }
      },
    },
    readUpload: async (fileId, openid) => {
      if (!secret || !cloud.downloadFile) return domainError('INTERNAL', PHOTOS_UNCONFIGURED);
      if (!isUnderPrefix(fileId, uploadPrefix(secret, openid), currentEnv(cloud), 'sheet'))
        return domainError('FILE.NOT_FOUND', '文件不存在或不是您上传的，请重新选择表格');
      try {
        return new Uint8Array((await cloud.downloadFile({ fileID: fileId })).fileContent);
      } catch (err) {
        console.error('downloadFile failed', err);
        return domainError('FILE.NOT_FOUND', '读取上传的表格失败，请重新选择表格');
      }
    },
    saveExport: async (fileName, bytes, openid) => {
      const r = await cloud.uploadFile({ cloudPath: `exports/${openid}/${Date.now()}-${fileName}`, fileContent: Buffer.from(bytes) });
      return { fileId: r.fileID };
    },
  };
}

/** The cloud adds `userInfo` to every event; it is not part of our contract. */
export function stripPlatformFields(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event;
  const { userInfo: _u, ...rest } = event as Record<string, unknown>;
  return rest;
}
