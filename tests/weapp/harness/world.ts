/**
 * The server side of a weapp journey: the real cloud-function handlers over a real store, and the
 * cloud storage the app uploads photos to. `wx.cloud.callFunction` lands in `call` with the
 * caller's openid, as WeChat gives it to the function.
 *
 * - `sqliteWorld`: the handler objects the cloud entries export (`backend/functions`), over SQLite
 *   on a temporary file seeded with the demo street, with the cloud's photo rule (uploads only
 *   under the caller's keyed prefix, and only files that were really uploaded).
 * - `cloudWorld`: the cloud entries themselves (`cloudfunctions/<name>/index.ts`, their `main`),
 *   with `wx-server-sdk` replaced by a double whose database is the test cloud database
 *   (`tests/support/fake-cloud-db.ts`) behind the real cloud adapter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../backend/store/sqlite-store';
import { seedDemoStreet } from '../../../backend/seed/demo-street';
import { DEFAULT_LIMITS, makeIdFactory, type Deps } from '../../../backend/deps';
import { admin } from '../../../backend/functions/admin';
import { board } from '../../../backend/functions/board';
import { community } from '../../../backend/functions/community';
import { intake } from '../../../backend/functions/intake';
import { member } from '../../../backend/functions/member';
import { resident } from '../../../backend/functions/resident';
import type { CloudFunction } from '../../../backend/functions/define';
import { invalidateDirectory } from '../../../backend/services/directory';
import { isUnderPrefix, uploadPrefix } from '../../../backend/upload-tag';
import type { Store } from '../../../backend/store/store.port';
import { FakeCloudDb } from '../../support/fake-cloud-db';

/** The cloud environment of the journeys; file ids are `cloud://<env>.<bucket>/<path>`. */
export const TEST_ENV = 'wuyuan-test';
const BUCKET = '7775-wuyuan-test';
/** The photo key the functions hold (`UPLOAD_TAG_SECRET`), at least 32 characters. */
export const TEST_UPLOAD_SECRET = 'weapp-journey-upload-tag-secret-0123456789';

export interface World {
  kind: 'sqlite' | 'cloud';
  store: Store;
  /** Cloud storage: file id → bytes. */
  files: Map<string, Buffer>;
  fileIdOf(cloudPath: string): string;
  /** One `wx.cloud.callFunction`: the function's return value, as the app receives it in `result`. */
  call(name: string, data: Record<string, unknown>, openid: string): Promise<unknown>;
  close(): Promise<void>;
}

const HANDLERS: Record<string, CloudFunction> = { resident, member, board, admin, community, intake };

function fileIdOf(cloudPath: string): string {
  return `cloud://${TEST_ENV}.${BUCKET}/${cloudPath}`;
}

export async function sqliteWorld(opts: { seedCases?: number } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'wuyuan-weapp-'));
  const store = SqliteStore.open(join(dir, 'weapp.sqlite'));
  const now = () => new Date();
  await seedDemoStreet(store, now(), opts.seedCases ?? 60);
  invalidateDirectory(store);
  const files = new Map<string, Buffer>();
  const deps: Deps = {
    store,
    now,
    newId: makeIdFactory(now),
    limits: { ...DEFAULT_LIMITS },
    uploadPrefix: (openid) => uploadPrefix(TEST_UPLOAD_SECRET, openid),
    // The cloud's rule, plus: the file must really be in storage.
    ownsUploads: async (ids, openid) =>
      ids.every((id) => isUnderPrefix(id, uploadPrefix(TEST_UPLOAD_SECRET, openid), TEST_ENV) && files.has(id)),
    // A 12345 工单 sheet: the cloud's rule (the caller's folder, .xlsx/.csv), read from storage.
    readUpload: async (id, openid) => {
      const bytes = isUnderPrefix(id, uploadPrefix(TEST_UPLOAD_SECRET, openid), TEST_ENV, 'sheet') ? files.get(id) : undefined;
      return bytes ? new Uint8Array(bytes) : { code: 'FILE.NOT_FOUND', message: '文件不存在或不是您上传的，请重新选择表格' };
    },
    saveExport: async (fileName, bytes, openid) => {
      const id = fileIdOf(`exports/${openid}/${Date.now()}-${fileName}`);
      files.set(id, Buffer.from(bytes));
      return { fileId: id };
    },
  };
  return {
    kind: 'sqlite',
    store,
    files,
    fileIdOf,
    async call(name, data, openid) {
      const fn = HANDLERS[name];
      if (!fn) throw Object.assign(new Error(`cloud.callFunction:fail function not found: ${name}`), { errCode: -501000 });
      return fn.handle(data, openid, deps);
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Main = (event: unknown) => Promise<unknown>;

/**
 * The cloud entries over the test cloud database. Must be called before anything else in the test
 * file loads `wx-server-sdk` (it is replaced with `jest.doMock`).
 */
export async function cloudWorld(opts: { seedCases?: number } = {}): Promise<World> {
  process.env.UPLOAD_TAG_SECRET = TEST_UPLOAD_SECRET;
  const db = new FakeCloudDb();
  const files = new Map<string, Buffer>();
  let caller: string | undefined;
  const sdk = {
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    init: () => undefined,
    database: () => db,
    getWXContext: () => ({ OPENID: caller, ENV: TEST_ENV }),
    uploadFile: async ({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer }) => {
      const id = fileIdOf(cloudPath);
      files.set(id, fileContent);
      return { fileID: id };
    },
    openapi: {
      security: { msgSecCheck: async () => ({ result: { suggest: 'pass' } }) },
      subscribeMessage: { send: async () => ({}) },
    },
  };
  jest.doMock('wx-server-sdk', () => ({ __esModule: true, default: sdk, ...sdk }));

  const mains: Record<string, Main> = {
    resident: (require('../../../cloudfunctions/resident/index') as { main: Main }).main,
    member: (require('../../../cloudfunctions/member/index') as { main: Main }).main,
    board: (require('../../../cloudfunctions/board/index') as { main: Main }).main,
    admin: (require('../../../cloudfunctions/admin/index') as { main: Main }).main,
    community: (require('../../../cloudfunctions/community/index') as { main: Main }).main,
    intake: (require('../../../cloudfunctions/intake/index') as { main: Main }).main,
  };
  const { cloudDeps } = require('../../../backend/cloud/cloud-deps') as typeof import('../../../backend/cloud/cloud-deps');

  // The same store the entries use (one per warm instance).
  const store = cloudDeps(sdk as unknown as import('../../../backend/cloud/cloud-deps').WxCloud).store;
  await seedDemoStreet(store, new Date(), opts.seedCases ?? 0);
  invalidateDirectory(store);
  return {
    kind: 'cloud',
    store,
    files,
    fileIdOf,
    async call(name, data, openid) {
      const main = mains[name];
      if (!main) throw Object.assign(new Error(`cloud.callFunction:fail function not found: ${name}`), { errCode: -501000 });
      // WeChat adds userInfo to every event; the entry reads OPENID from its context at once.
      caller = openid;
      return main({ ...data, userInfo: { appId: 'wx0000000000000000', openId: openid } });
    },
    async close() {
      delete process.env.UPLOAD_TAG_SECRET;
    },
  };
}
