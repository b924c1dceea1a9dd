/**
 * Deps for the WeChat cloud: the cloud database store, `security.msgSecCheck` for text,
 * subscribe messages through `openapi.subscribeMessage.send`, exports to cloud storage.
 * The SDK object is passed in by each entry: this file never loads `wx-server-sdk` itself
 * (it cannot be loaded outside the cloud), so it can be tested with a fake.
 */
import { CloudStore, type CloudDb } from '../store/cloud-store';
import { DEFAULT_LIMITS, makeIdFactory, type Deps } from '../deps';
import type { SendOutcome, SubscribeSender } from '../notify/dispatcher';

/** The part of `wx-server-sdk` the entries use. */
export interface WxCloud {
  database(): unknown;
  getWXContext(): { OPENID?: string };
  uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
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

let store: CloudStore | undefined;

export function cloudDeps(cloud: WxCloud): Deps {
  // One store per warm instance.
  store ??= new CloudStore(cloud.database() as CloudDb);
  const now = () => new Date();
  return {
    store,
    now,
    newId: makeIdFactory(now),
    limits: { ...DEFAULT_LIMITS, submissionsPerDay: Number(process.env.SUBMISSIONS_PER_DAY ?? DEFAULT_LIMITS.submissionsPerDay) },
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
