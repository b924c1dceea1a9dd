/**
 * 整改任务 in the weapp: 渝园第一网格's quarter falls below 80 % (six rated cases, two satisfied) →
 * the street's 整改任务 page opens the quarter's tasks → the community admin sees the tile on 工作台,
 * opens the task (the rate and its denominator, the deadline), a report that says nothing is
 * refused, a written 整改报告 closes it → 已整改.
 */
import { MiniProgram } from './harness/mini-program';
import { data, fileCase, memberCall, staffPhoto } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const ADMIN = 'demo-admin-1';
const STREET = 'demo-street-admin';
const STEWARD = 'demo-11-building-steward';
const GRID = 'sf-yuyuan-g1';
const REPORT = '逐户回访了不满意的居民，原因是维修拖延、答复不清；已建立周巡查和限时答复制度，问题均已整改到位。';

let world: World;
let mp: MiniProgram | undefined;

function quarterOf(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  return `${local.getUTCFullYear()}-Q${Math.ceil((local.getUTCMonth() + 1) / 3)}`;
}
const quarter = quarterOf(new Date());
const taskId = `${quarter}_grid_${GRID}`;

beforeAll(async () => {
  // No history: the grid's quarter is exactly the six cases below.
  world = await sqliteWorld({ seedCases: 0 });
  const ratings = ['satisfied', 'satisfied', 'unsatisfied', 'unsatisfied', 'unsatisfied', 'unsatisfied'] as const;
  for (const [i, rating] of ratings.entries()) {
    const resident = `demo-resident-${(i % 3) + 1}`;
    const filedId = await fileCase(world, resident, {
      requestId: `weapp-rectify-${i}`,
      buildingId: `${GRID}-b1`,
      description: `${i + 1}号楼道灯坏了，晚上看不清台阶`,
      isPublic: true,
    });
    await memberCall(world, STEWARD, 'acceptCase', { caseId: filedId });
    await memberCall(world, STEWARD, 'resolveCase', {
      caseId: filedId,
      result: '已更换灯泡',
      photos: [staffPhoto(world, STEWARD, i + 1)],
    });
    data(
      await world.call(
        'resident',
        { action: 'rateCase', caseId: filedId, rating, ...(rating === 'unsatisfied' ? { comment: '没过几天又坏了' } : {}) },
        resident,
      ),
    );
  }
}, 60000);

afterAll(async () => {
  await mp?.close();
  await world?.close();
});

describe('整改任务（小程序）', () => {
  it('街道在「整改任务」判定本季度，渝园第一网格开启整改任务', async () => {
    mp = await MiniProgram.launch(world, STREET, 'pages-admin/rectify/index');
    await mp.on('pages-admin/rectify/index');
    await mp.see('判定季度满意率');
    const label = `${quarter.slice(0, 4)}年第${'一二三四'[Number(quarter.slice(-1)) - 1]}季度`;
    await mp.tap(label);
    await mp.tap(`判定${label}并开启整改任务`);
    await mp.see(new RegExp(`${label}：新开整改任务[1-9]\\d*项`));
    await mp.see('渝园社区 第一网格');
    await mp.see('等待社区管理员提交整改报告');
    expect((await world.store.getRef('rectifications', taskId))?.status).toBe('open');
  });

  it('社区书记在工作台看到整改任务，提交整改报告后已整改', async () => {
    await mp?.close();
    mp = await MiniProgram.launch(world, ADMIN, 'pages/workbench/index');
    await mp.see('整改任务');
    await mp.tap('待提交整改报告');
    await mp.on('pages-admin/rectify/index');
    await mp.see('渝园社区 第一网格');
    // The rate that opened it and what it is out of.
    await mp.see('33.3%');
    await mp.see('件，低于80%）');
    await mp.see(/还剩\d+天/);
    // Two tasks wait for this admin, 渝园社区's own first, then its 第一网格's.
    await mp.see('渝园社区');
    await mp.input('写明满意率偏低的原因', '已整改', 1);
    await mp.tap('提交整改报告', { nth: 1 });
    await mp.see('整改报告须至少包含20个文字');
    expect((await world.store.getRef('rectifications', taskId))?.status).toBe('open');
    await mp.input('写明满意率偏低的原因', REPORT, 1);
    await mp.tap('提交整改报告', { nth: 1 });
    // The grid's task leaves the open list (the community's own task stays there).
    await mp.waitFor(() => !mp!.text().includes('渝园社区 第一网格'), '报告已提交');
    const stored = await world.store.getRef('rectifications', taskId);
    expect(stored).toMatchObject({ status: 'closed', report: { text: REPORT, by: ADMIN } });
    await mp.tap(/^已整改/, { nth: 1 });
    await mp.see(REPORT);
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });
});
