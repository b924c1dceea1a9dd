/**
 * The WeChat cloud side of the handlers, with a fake of the cloud (the cloud itself cannot be
 * reached from here): the cloud database through the CloudStore on a mingo-based double,
 * msgSecCheck refusing risky text, subscribe-message errors mapped for the dispatcher, the
 * platform's `userInfo` field stripped from events, and photos accepted only from under the
 * caller's keyed upload prefix (refused altogether without the key).
 */
import {
  PHOTOS_UNCONFIGURED,
  cloudDeps,
  readCloudConfig,
  stripPlatformFields,
  subscribeSender,
  type CloudConfig,
  type WxCloud,
} from '../../backend/cloud/cloud-deps';
import { resident } from '../../backend/functions/resident';
import { uploadPrefix } from '../../backend/upload-tag';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { invalidateDirectory } from '../../backend/services/directory';
import { FakeCloudDb } from '../support/fake-cloud-db';
import { BUILDING, P, REPAIR, T0 } from '../support/env';

function fakeCloud(opts: { suggest?: string; sendError?: { errCode: number; errMsg: string }; env?: string } = {}) {
  const db = new FakeCloudDb();
  const sent: unknown[] = [];
  const checked: string[] = [];
  const cloud: WxCloud = {
    database: () => db,
    getWXContext: () => ({ OPENID: P.resident, ...(opts.env ? { ENV: opts.env } : {}) }),
    uploadFile: async ({ cloudPath }) => ({ fileID: `cloud://env/${cloudPath}` }),
    getTempFileURL: async ({ fileList }) => ({
      fileList: fileList.map(({ fileID }) => ({ fileID, status: 0, tempFileURL: `https://tmp.test/${fileID.slice(8)}` })),
    }),
    openapi: {
      security: {
        msgSecCheck: async ({ content }) => {
          checked.push(content);
          return { result: { suggest: opts.suggest ?? 'pass' } };
        },
      },
      subscribeMessage: {
        send: async (msg) => {
          if (opts.sendError) throw opts.sendError;
          sent.push(msg);
          return {};
        },
      },
    },
  };
  return { cloud, db, sent, checked };
}

const submit = {
  action: 'submitCase',
  requestId: 'cloud-req-0001',
  categoryId: REPAIR,
  buildingId: BUILDING,
  description: '楼道灯坏了',
  isPublic: true,
};

describe('云开发环境', () => {
  it('在云数据库上提交诉求并派给楼栋物管员；内容经过安全检测', async () => {
    const { cloud, checked } = fakeCloud();
    const deps = { ...cloudDeps(cloud), now: () => T0 };
    await seedDemoStreet(deps.store, T0, 0);
    invalidateDirectory(deps.store);
    const r = await resident.handle(stripPlatformFields({ ...submit, userInfo: { appId: 'wx1', openId: P.resident } }), P.resident, deps);
    expect(r.ok ? (r.data as { status: string }).status : r.error.message).toBe('assigned');
    expect(checked).toEqual(['楼道灯坏了']);
    const again = await resident.handle(submit, P.resident, deps);
    expect(again.ok && (again.data as { replayed: boolean }).replayed).toBe(true);
  });

  it('安全检测判为 risky 的内容被拒绝，且不写入', async () => {
    const { cloud } = fakeCloud({ suggest: 'risky' });
    const deps = { ...cloudDeps(cloud), now: () => T0 };
    // cloudDeps keeps one store per warm instance: start from what is there.
    await seedDemoStreet(deps.store, T0, 0);
    invalidateDirectory(deps.store);
    const before = await deps.store.countCases({});
    const r = await resident.handle({ ...submit, requestId: 'cloud-req-risky' }, P.resident, deps);
    expect(r.ok ? 'ok' : r.error.code).toBe('INPUT.CONTENT_RISKY');
    expect(await deps.store.countCases({})).toBe(before);
  });

  it('订阅消息发送失败时给出错误码，43101 交给派发器处理', async () => {
    const ok = fakeCloud();
    expect(await subscribeSender(ok.cloud).send({ touser: 'o', templateId: 't', page: 'p', data: {} })).toEqual({ ok: true });
    expect(ok.sent).toHaveLength(1);
    const quota = fakeCloud({ sendError: { errCode: 43101, errMsg: 'user refuse to accept the msg' } });
    expect(await subscribeSender(quota.cloud).send({ touser: 'o', templateId: 't', page: 'p', data: {} })).toEqual({
      ok: false,
      errCode: 43101,
      errMsg: 'user refuse to accept the msg',
    });
  });

  it('导出文件存到云存储，返回文件 ID', async () => {
    const { cloud } = fakeCloud();
    const saved = await cloudDeps(cloud).saveExport!('cases.xlsx', new Uint8Array([1, 2, 3]), 'o-admin');
    expect(saved.fileId).toMatch(/^cloud:\/\/env\/exports\/o-admin\/\d+-cases\.xlsx$/);
  });

  describe('照片只认本人上传目录下的文件', () => {
    const SECRET = 'test-upload-tag-secret-0123456789abcdef';
    const ENV = 'prod-1a2b3c';
    const BUCKET = '7072-prod-1a2b3c-1300000000';
    const config: CloudConfig = { uploadTagSecret: SECRET, submissionsPerDay: 100 };
    const fileIn = (prefix: string, name = '20261123/k3j9x0q1w2e3r4t5.jpg', env = ENV) => `cloud://${env}.${BUCKET}/${prefix}${name}`;
    let seq = 0;

    async function setup(cfg: CloudConfig = config) {
      const { cloud } = fakeCloud({ env: ENV });
      const deps = { ...cloudDeps(cloud, cfg), now: () => T0 };
      await seedDemoStreet(deps.store, T0, 0);
      invalidateDirectory(deps.store);
      const send = (photos: string[], extra: Record<string, unknown> = {}) =>
        resident.handle({ ...submit, requestId: `cloud-photo-${++seq}`, photos, ...extra }, P.resident, deps);
      return { deps, send };
    }

    async function refusedWithoutWrite(deps: { store: { countCases(q: object): Promise<number> } }, run: () => Promise<unknown>) {
      const before = await deps.store.countCases({});
      const r = (await run()) as { ok: boolean; error?: { code: string; message: string } };
      expect(await deps.store.countCases({})).toBe(before);
      return r.ok ? { code: 'ok', message: '' } : r.error!;
    }

    it('资料里给出本人的上传目录：带密钥的标签，看不出 openid，每人不同', async () => {
      const { deps } = await setup();
      const r = await resident.handle({ action: 'profile' }, P.resident, deps);
      const prefix = r.ok ? (r.data as { uploadPrefix?: string }).uploadPrefix : undefined;
      expect(prefix).toMatch(/^case-photos\/[0-9a-f]{16}\/$/);
      expect(prefix).toBe(uploadPrefix(SECRET, P.resident));
      expect(prefix).not.toContain(P.resident);
      expect(uploadPrefix(SECRET, P.resident2)).not.toBe(prefix);
      expect(uploadPrefix('another-secret-0123456789abcdef0123', P.resident)).not.toBe(prefix);
    });

    it('本人目录下的照片被接受并存入诉求', async () => {
      const { deps, send } = await setup();
      const mine = fileIn(uploadPrefix(SECRET, P.resident));
      const r = await send([mine, fileIn(uploadPrefix(SECRET, P.resident), '20261123/a1b2c3d4e5f6g7h8.png')]);
      expect(r.ok ? 'ok' : r.error.message).toBe('ok');
      const c = await deps.store.getCase((r.ok ? (r.data as { caseId: string }).caseId : '') || '');
      expect(c?.photos.map((p) => p.fileId)[0]).toBe(mine);
    });

    it('别人目录下的照片以 FILE.NOT_FOUND 拒绝，且不写入', async () => {
      const { deps, send } = await setup();
      const theirs = fileIn(uploadPrefix(SECRET, P.resident2));
      const err = await refusedWithoutWrite(deps, () => send([fileIn(uploadPrefix(SECRET, P.resident)), theirs]));
      expect(err.code).toBe('FILE.NOT_FOUND');
      expect(err.message).toBe('照片不存在或不是您上传的，请重新上传');
    });

    it('其他云环境的文件、其他目录、含 .. 的路径一律拒绝', async () => {
      const { deps, send } = await setup();
      const prefix = uploadPrefix(SECRET, P.resident);
      const theirTag = uploadPrefix(SECRET, P.resident2).split('/')[1];
      const refused = [
        fileIn(prefix, undefined, 'test-9z8y7x'),
        `cloud://${ENV}.${BUCKET}/case-photos/20261123/k3j9x0q1w2e3r4t5.jpg`,
        `cloud://${ENV}.${BUCKET}/photos/1700000000000-k3j9x0q1.jpg`,
        `cloud://${ENV}.${BUCKET}/exports/${prefix}x.jpg`,
        `cloud://${ENV}.${BUCKET}/${prefix.toUpperCase()}20261123/k3j9x0q1w2e3r4t5.jpg`,
        fileIn(prefix, `../${theirTag}/20261123/k3j9x0q1w2e3r4t5.jpg`),
        fileIn(prefix, '20261123/../k3j9x0q1w2e3r4t5.jpg'),
        fileIn(prefix, '20261123/%2e%2e/k3j9x0q1w2e3r4t5.jpg'),
        fileIn(prefix, '20261123/k3j9x0q1w2e3r4t5.pdf'),
        fileIn(prefix, ''),
        `cloud://${ENV}/${prefix}20261123/k3j9x0q1w2e3r4t5.jpg`,
      ];
      for (const id of refused) {
        const err = await refusedWithoutWrite(deps, () => send([id]));
        expect([id, err.code]).toEqual([id, 'FILE.NOT_FOUND']);
      }
      // Not a cloud file id at all: the schema refuses it before the ownership check.
      expect((await refusedWithoutWrite(deps, () => send([`${prefix}20261123/k3j9x0q1w2e3r4t5.jpg`]))).code).toBe('INPUT.INVALID');
    });

    it('没有配置密钥：带照片的操作以中文说明拒绝，不写入；不带照片的照常；资料里没有上传目录', async () => {
      const { deps, send } = await setup(readCloudConfig({}));
      const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const err = await refusedWithoutWrite(deps, () => send([fileIn(uploadPrefix(SECRET, P.resident))]));
        expect(err).toEqual({ code: 'INTERNAL', message: PHOTOS_UNCONFIGURED });
        expect(String(logged.mock.calls[0]?.[0])).toContain('UPLOAD_TAG_SECRET');
      } finally {
        logged.mockRestore();
      }
      const plain = await send([]);
      expect(plain.ok ? 'ok' : plain.error.message).toBe('ok');
      const withoutField = await resident.handle({ ...submit, requestId: `cloud-photo-${++seq}` }, P.resident, deps);
      expect(withoutField.ok ? 'ok' : withoutField.error.message).toBe('ok');
      const profile = await resident.handle({ action: 'profile' }, P.resident, deps);
      expect(profile.ok && 'uploadPrefix' in (profile.data as object)).toBe(false);
    });

    it('12345工单表格：只读本人目录下的 .xlsx/.csv，读不到时说明原因', async () => {
      const { cloud } = fakeCloud({ env: ENV });
      const read: string[] = [];
      cloud.downloadFile = async ({ fileID }) => {
        read.push(fileID);
        if (fileID.includes('gone')) throw new Error('STORAGE_FILE_NONEXIST');
        return { fileContent: Buffer.from('工单号') };
      };
      const deps = cloudDeps(cloud, config);
      const mine = uploadPrefix(SECRET, P.resident);
      const bytes = await deps.readUpload!(fileIn(mine, 'sheets/20261207/k3j9x0q1w2e3r4t5.xlsx'), P.resident);
      expect(Buffer.from(bytes as Uint8Array).toString()).toBe('工单号');
      const refused = { code: 'FILE.NOT_FOUND', message: '文件不存在或不是您上传的，请重新选择表格' };
      expect(
        await deps.readUpload!(fileIn(uploadPrefix(SECRET, P.resident2), 'sheets/20261207/k3j9x0q1w2e3r4t5.xlsx'), P.resident),
      ).toEqual(refused);
      expect(await deps.readUpload!(fileIn(mine, 'sheets/20261207/k3j9x0q1w2e3r4t5.exe'), P.resident)).toEqual(refused);
      expect(await deps.readUpload!(fileIn(mine, 'x.csv', 'other-env'), P.resident)).toEqual(refused);
      expect(read).toHaveLength(1);
      const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        expect(await deps.readUpload!(fileIn(mine, 'sheets/gone.csv'), P.resident)).toEqual({
          code: 'FILE.NOT_FOUND',
          message: '读取上传的表格失败，请重新选择表格',
        });
      } finally {
        spy.mockRestore();
      }
    });

    it('配置读取：过短的密钥按未设置处理；每日上限校验后才用', () => {
      const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        expect(readCloudConfig({ UPLOAD_TAG_SECRET: 'short' }).uploadTagSecret).toBeUndefined();
        expect(readCloudConfig({ UPLOAD_TAG_SECRET: ` ${SECRET} ` }).uploadTagSecret).toBe(SECRET);
        expect(readCloudConfig({ SUBMISSIONS_PER_DAY: '5' }).submissionsPerDay).toBe(5);
        expect(readCloudConfig({ SUBMISSIONS_PER_DAY: 'lots' }).submissionsPerDay).toBe(20);
        expect(spy.mock.calls.map((c) => String(c[0]))).toEqual([
          expect.stringContaining('UPLOAD_TAG_SECRET'),
          expect.stringContaining('SUBMISSIONS_PER_DAY'),
        ]);
        expect(spy.mock.calls.join(' ')).not.toContain('short');
      } finally {
        spy.mockRestore();
      }
    });
  });
});
