/**
 * A resident's part in 民生微实事 and the 满意度测评, in the weapp: 首页 → choose the grid → the
 * vote entry → tick one project → 投票 → the live count; then the survey entry → two ratings →
 * 提交测评 → answered. Each step checks what the page shows and what was stored.
 */
import { MiniProgram } from './harness/mini-program';
import { openEngagement } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const RESIDENT = 'demo-resident-1';
const ADMIN = 'demo-admin-1';

let world: World;
let mp: MiniProgram;

let roundId = '';
beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 0 });
  roundId = await openEngagement(world, ADMIN);
}, 60000);
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

describe('居民：民生微实事投票与满意度测评（小程序）', () => {
  it('首页选网格 → 民生微实事投票：选一个项目投票，看到实时票数，不能再投', async () => {
    mp = await MiniProgram.launch(world, RESIDENT);
    await mp.tap('渝园社区');
    await mp.tap('第一网格');
    await mp.see('民生微实事投票');
    await mp.tap('民生微实事投票');
    await mp.on('pages-resident/vote/index');
    await mp.see('小区充电棚');
    await mp.tap('小区充电棚');
    await mp.see('投票（已选 1/1）');
    await mp.tap('投票（已选 1/1）');
    await mp.see('已有 1 人参与，共 1 票（实时结果）');
    expect(mp.text()).not.toContain('投票（已选');
    const ballots = await world.store.listRef('ballots', { roundId });
    expect(ballots.map((b) => [b.openid, b.gridId])).toEqual([[RESIDENT, 'sf-yuyuan-g1']]);
    const round = await world.store.getRef('voteRounds', roundId);
    const chosen = round!.projects.find((p) => p.title === '小区充电棚')!.id;
    expect(ballots[0]!.projectIds).toEqual([chosen]);
  });

  it('首页 → 满意度测评：两个满意度问题，提交后显示已参加', async () => {
    await mp.close();
    mp = await MiniProgram.launch(world, RESIDENT);
    // A new launch: the place is chosen again (each launch starts with empty storage).
    await mp.tap('渝园社区');
    await mp.tap('第一网格');
    await mp.see('满意度测评');
    await mp.tap('满意度测评');
    await mp.on('pages-resident/survey/index');
    await mp.see('您对社区为群众办实事的工作满意吗？');
    await mp.tap('满意', { nth: 0 });
    await mp.tap('基本满意', { nth: 1 });
    await mp.tap('提交测评');
    await mp.see('您本季度已参加测评，感谢您的意见');
    const answers = await world.store.listRef('surveyAnswers');
    expect(answers.map((a) => [a.openid, a.gridId, a.ratings])).toEqual([
      [RESIDENT, 'sf-yuyuan-g1', { community: 'satisfied', group: 'basically_satisfied' }],
    ]);
  });
});
