/**
 * The WeChat cloud side of the handlers, with a fake of the cloud (the cloud itself cannot be
 * reached from here): the cloud database through the CloudStore on a mingo-based double,
 * msgSecCheck refusing risky text, subscribe-message errors mapped for the dispatcher, and the
 * platform's `userInfo` field stripped from events.
 */
import { cloudDeps, stripPlatformFields, subscribeSender, type WxCloud } from '../../backend/cloud/cloud-deps';
import { resident } from '../../backend/functions/resident';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { invalidateDirectory } from '../../backend/services/directory';
import { FakeCloudDb } from '../support/fake-cloud-db';
import { BUILDING, P, REPAIR, T0 } from '../support/env';

function fakeCloud(opts: { suggest?: string; sendError?: { errCode: number; errMsg: string } } = {}) {
  const db = new FakeCloudDb();
  const sent: unknown[] = [];
  const checked: string[] = [];
  const cloud: WxCloud = {
    database: () => db,
    getWXContext: () => ({ OPENID: P.resident }),
    uploadFile: async ({ cloudPath }) => ({ fileID: `cloud://env/${cloudPath}` }),
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
});
