/**
 * Cloud storage stays private: the functions answer with temporary URLs (getTempFileURL, short
 * lifetime) for exactly the photos and exports the answer shows — never for a `cloud://` string
 * somebody typed into a text, never for photos the caller may not see.
 */
import { cloudDeps, type CloudConfig, type WxCloud } from '../../backend/cloud/cloud-deps';
import { TEMP_URL_SECONDS, fileIdsIn } from '../../backend/cloud/temp-urls';
import { admin } from '../../backend/functions/admin';
import { board } from '../../backend/functions/board';
import { resident } from '../../backend/functions/resident';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { invalidateDirectory } from '../../backend/services/directory';
import { uploadPrefix } from '../../backend/upload-tag';
import { FakeCloudDb } from '../support/fake-cloud-db';
import { BUILDING, P, REPAIR, T0 } from '../support/env';

const SECRET = 'test-upload-tag-secret-0123456789abcdef';
const ENV = 'prod-1a2b3c';
const BUCKET = '7072-prod-1a2b3c-1300000000';
const config: CloudConfig = { uploadTagSecret: SECRET, submissionsPerDay: 100 };
const fileOf = (openid: string, name: string) => `cloud://${ENV}.${BUCKET}/${uploadPrefix(SECRET, openid)}20261123/${name}.jpg`;

const asked: { fileID: string; maxAge: number }[][] = [];
let failTemp = false;
const cloud: WxCloud = {
  database: () => db,
  getWXContext: () => ({ ENV }),
  uploadFile: async ({ cloudPath }) => ({ fileID: `cloud://${ENV}.${BUCKET}/${cloudPath}` }),
  getTempFileURL: async ({ fileList }) => {
    if (failTemp) throw new Error('getTempFileURL:fail');
    asked.push(fileList);
    return {
      fileList: fileList.map(({ fileID }) => ({ fileID, status: 0, tempFileURL: `https://tmp.test/${fileID.split('/').pop()}?sign=1` })),
    };
  },
  openapi: {
    security: { msgSecCheck: async () => ({ result: { suggest: 'pass' } }) },
    subscribeMessage: { send: async () => ({}) },
  },
};
const db = new FakeCloudDb();
const deps = { ...cloudDeps(cloud, config), now: () => T0 };

let caseId = '';
const mine = fileOf(P.resident, 'k3j9x0q1w2e3r4t5');
const theirs = fileOf(P.resident2, 'zzzzzzzzzzzzzzzz');

beforeAll(async () => {
  await seedDemoStreet(deps.store, T0, 0);
  invalidateDirectory(deps.store);
  const r = await resident.handle(
    {
      action: 'submitCase',
      requestId: 'temp-url-0001',
      categoryId: REPAIR,
      buildingId: BUILDING,
      description: `楼道灯坏了 ${theirs}`,
      isPublic: true,
      photos: [mine],
    },
    P.resident,
    deps,
  );
  if (!r.ok) throw new Error(r.error.message);
  caseId = (r.data as { caseId: string }).caseId;
});

beforeEach(() => {
  asked.length = 0;
  failTemp = false;
});

describe('照片与导出用临时链接', () => {
  it('本人看自己的诉求：照片换成短时效的临时链接，正文里的 cloud:// 不换', async () => {
    const r = await resident.handle({ action: 'getCase', caseId }, P.resident, deps);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fileUrls).toEqual({ [mine]: 'https://tmp.test/k3j9x0q1w2e3r4t5.jpg?sign=1' });
    expect(asked.flat()).toEqual([{ fileID: mine, maxAge: TEMP_URL_SECONDS }]);
    expect(TEMP_URL_SECONDS).toBeLessThanOrEqual(900);
    // The data keeps the ids (actions refer to photos by id).
    expect(JSON.stringify(r.data)).toContain(mine);
  });

  it('别人看不到的诉求：不答，也不换链接', async () => {
    const r = await resident.handle({ action: 'getCase', caseId }, P.resident2, deps);
    expect(r.ok).toBe(false);
    expect(asked).toHaveLength(0);
  });

  it('公示栏只给审核通过的照片换链接', async () => {
    const r = await board.handle({ action: 'getCase', caseId }, undefined, deps);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fileUrls).toBeUndefined();
    expect(asked).toHaveLength(0);

    const approved = await admin.handle({ action: 'approvePhotos', caseId, fileIds: 'all', approved: true }, P.admin1, deps);
    expect(approved.ok ? 'ok' : approved.error.message).toBe('ok');
    const after = await board.handle({ action: 'getCase', caseId }, undefined, deps);
    expect(after.ok && after.fileUrls).toEqual({ [mine]: 'https://tmp.test/k3j9x0q1w2e3r4t5.jpg?sign=1' });
  });

  it('导出的台账也以临时链接给出（存储不公开）', async () => {
    const r = await admin.handle({ action: 'exportLedger', kind: 'cases', communityId: 'sf-yuyuan' }, P.admin1, deps);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
    if (!r.ok) return;
    const fileId = (r.data as { fileId: string }).fileId;
    expect(fileId).toMatch(/^cloud:\/\/.+\/exports\//);
    expect(r.fileUrls?.[fileId]).toMatch(/^https:\/\/tmp\.test\//);
  });

  it('换不到链接时照常答复，不带 fileUrls', async () => {
    failTemp = true;
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = await resident.handle({ action: 'getCase', caseId }, P.resident, deps);
    expect(r.ok && r.fileUrls === undefined).toBe(true);
    err.mockRestore();
  });

  it('只认 fileId 字段和 photos / fileIds 数组里的 cloud:// 文件', () => {
    const ids = fileIdsIn({
      case: { photos: [{ fileId: 'cloud://a/1.jpg', stage: 'before' }], description: 'cloud://b/2.jpg' },
      timeline: [{ photos: ['cloud://c/3.jpg'], note: 'cloud://d/4.jpg' }],
      export: { fileId: 'cloud://e/5.xlsx', url: 'cloud://f/6.xlsx' },
      local: { fileId: 'abc.jpg' },
    });
    expect([...ids].sort()).toEqual(['cloud://a/1.jpg', 'cloud://c/3.jpg', 'cloud://e/5.xlsx']);
  });
});
