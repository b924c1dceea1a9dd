/**
 * The same weapp over the cloud side as deployed: `wx.cloud.callFunction` runs the cloud entries
 * themselves (`cloudfunctions/<name>/index.ts`, their `main`, the caller's OPENID from the
 * context), whose store is the cloud database adapter on the test cloud database. A resident
 * reports with a photo; the case is in the cloud database, the photo under the folder
 * `resident.profile` gave, and 我的诉求 lists it.
 */
import { MiniProgram } from './harness/mini-program';
import { TEST_UPLOAD_SECRET, cloudWorld, type World } from './harness/world';
import { uploadPrefix } from '../../backend/upload-tag';

const RESIDENT = 'demo-resident-3';

let world: World;
let mp: MiniProgram;

beforeAll(async () => {
  world = await cloudWorld({ seedCases: 10 });
}, 60000);
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

it('云函数入口 + 云数据库：上报带照片的诉求，确认页、我的诉求与数据库一致', async () => {
  mp = await MiniProgram.launch(world, RESIDENT);
  await mp.see('我要上报');
  await mp.tap('我要上报');
  await mp.on('pages-resident/report/index');
  await mp.see('环境卫生');
  await mp.tap('环境卫生');
  await mp.tap('兴隆社区');
  await mp.tap('第一网格');
  await mp.tap('1栋');
  await mp.see(/兴隆社区 · 第一网格 · 1栋/);
  await mp.input('', '小区北门垃圾桶满了三天没人清运，气味很大。', 0);
  await mp.tap('添加照片');
  await mp.see(/1\n\/\n9/);
  await mp.tap('提交诉求');
  await mp.see('诉求编号');
  const caseId = /C\d{14}[0-9a-z]{10}/.exec(mp.text())![0];

  const stored = (await world.store.getCase(caseId))!;
  expect(stored.reporter.openid).toBe(RESIDENT);
  expect(stored.categoryId).toBeDefined();
  expect(stored.photos).toHaveLength(1);
  expect(stored.photos[0]!.fileId.startsWith(world.fileIdOf(uploadPrefix(TEST_UPLOAD_SECRET, RESIDENT)))).toBe(true);

  await mp.tap('我的诉求', { nth: 0 });
  await mp.on('pages/cases/index');
  await mp.see('小区北门垃圾桶满了三天没人清运');
  expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
  expect(mp.uncaught).toEqual([]);
});
