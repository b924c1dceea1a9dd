/**
 * 走访关爱 in the weapp: the community registers a 烈属 (by default the grid's 党小组长 visits) →
 * the 党小组长 opens 工作台 → 走访关爱 → the person → records a visit with one need found → turns the
 * need into a case with one tap (channel 走访, linked both ways) → lands on the case, which never
 * names the person; the board counts visits only.
 */
import { MiniProgram } from './harness/mini-program';
import { data } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const ADMIN = 'demo-admin-1';
const LEADER = 'demo-11-party-leader';
const GRID = 'sf-yuyuan-g1';
const NAME = '王秀英';
const NEED = '厨房水管漏水需要维修';

let world: World;
let mp: MiniProgram;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 10 });
  data(
    await world.call(
      'community',
      { action: 'careSave', gridId: GRID, name: NAME, groups: ['martyr_family'], address: '1栋2单元301' },
      ADMIN,
    ),
  );
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

describe('党小组长：走访烈属，需求一键转为诉求（小程序）', () => {
  it('工作台 → 走访关爱 → 登记一次走访和一条需求', async () => {
    mp = await MiniProgram.launch(world, LEADER, 'pages/workbench/index');
    await mp.tap('走访关爱');
    await mp.on('pages-member/visits/index');
    await mp.tap(NAME);
    await mp.see('登记本次走访');
    await mp.see('烈属');
    await mp.input('身体、生活、家里情况如何', '老人精神不错，厨房水管漏水，地面潮湿。');
    await mp.tap('＋ 添加一条需求');
    await mp.input('发现的需求', NEED);
    await mp.tap('登记走访');
    await mp.see(NEED);
    await mp.see('转为诉求');
  });

  it('需求转为诉求：选类别 → 确认 → 打开诉求，诉求与走访互相关联，公示栏只有人次', async () => {
    await mp.tap('转为诉求');
    await mp.see('选择问题类别');
    await mp.tap('设施维修');
    await mp.tap('确认转为诉求');
    await mp.on('pages-member/task/index');
    await mp.see(/走访发现/);
    expect(mp.text()).not.toContain(NAME);

    const mine = data<{ items: { id: string; name: string }[] }>(await world.call('member', { action: 'careMine' }, LEADER));
    const subject = mine.items.find((s) => s.name === NAME)!;
    const detail = data<{ visits: { needs: { text: string; caseId?: string }[] }[] }>(
      await world.call('member', { action: 'careSubject', subjectId: subject.id }, LEADER),
    );
    expect(detail.visits).toHaveLength(1);
    const caseId = detail.visits[0]!.needs[0]!.caseId;
    expect(caseId).toBeTruthy();
    const c = (await world.store.getCase(caseId!))!;
    expect(c.origin).toMatchObject({ channel: 'visit' });
    expect(c.description).toContain(NEED);
    expect(c.description).not.toContain(NAME);
    expect(c.isPublic).toBe(false);

    const board = JSON.stringify(data(await world.call('board', { action: 'careCounts', communityId: 'sf-yuyuan' }, LEADER)));
    expect(board).not.toContain(NAME);
    expect(mp.console.filter((m) => m.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });
});
