/**
 * A grid worker in the weapp: 工作台 → 院坝会 → records a 院坝会 of the first grid with two issues
 * raised → the record → each issue gets a category (the first also its building and a phone, a bad
 * phone refused first) and both become cases at once (channel 院坝会), listed on the record with
 * their status; the board counts the meeting. A name the secretary wrote down for an issue reaches
 * the secretary's screen, never the grid worker's.
 */
import { attributeOf, MiniProgram } from './harness/mini-program';
import { data } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const WORKER = 'demo-11-grid-worker';
const TOPIC = '冬季停车与楼道照明';

let world: World;
let mp: MiniProgram;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 10 });
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

describe('网格员：登记院坝会 → 问题登记为诉求（小程序）', () => {
  it('工作台 → 院坝会：登记一次院坝会和两条群众反映的问题', async () => {
    mp = await MiniProgram.launch(world, WORKER, 'pages/workbench/index');
    await mp.tap('院坝会');
    await mp.on('pages-admin/meetings/index');
    await mp.tap('＋ 登记院坝会 / 议事日');
    await mp.see('登记会议');
    // Nothing is saved without a grid.
    await mp.tap('保存会议记录');
    await mp.see('请选择网格或全社区');
    await mp.tap('第一网格');
    await mp.input('地点', '3栋院坝');
    await mp.input('议题', TOPIC);
    await mp.input('参会人数', '28');
    await mp.tap('网格员');
    await mp.input('会上商定的事', '物业本周内修好楼道灯，周末划定临时停车位');
    await mp.input('问题 1', '3栋楼道灯不亮');
    await mp.tap('＋ 再加一条问题');
    await mp.input('问题 2', '东门口车辆乱停堵住消防通道');
    // Each label is tied to its field (label for → the field's id), not only placed above it.
    expect(attributeOf(mp.labelled('会议地点'), 'value')).toBe('3栋院坝');
    expect(attributeOf(mp.labelled('问题 2'), 'value')).toBe('东门口车辆乱停堵住消防通道');
    await mp.tap('保存会议记录');
    await mp.on('pages-admin/meetings/index');
    await mp.see('全部登记为诉求（2 条）');
    await mp.see(TOPIC);
    const stored = await world.store.listRef('meetings');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: 'courtyard', gridId: 'sf-yuyuan-g1', attendance: 28, rolesPresent: ['grid_worker'] });
  });

  it('两条问题一次登记为诉求，记录上列出诉求和状态', async () => {
    // A category for each issue, then all at once.
    await mp.tap('全部登记为诉求（2 条）');
    await mp.see('第1条问题：请选择问题类别');
    await mp.tap('设施维修', { nth: 0 });
    await mp.tap('设施维修', { nth: 1 });
    // The first issue: its building, among the meeting's grid's only, and a phone to call back.
    await mp.tap('2栋', { nth: 0 });
    await mp.input('反映人联系电话', '12345', 0);
    await mp.tap('全部登记为诉求（2 条）');
    await mp.see('第1条问题：联系电话格式不正确，手机号11位，座机如023-12345678');
    expect((await world.store.listRef('meetings'))[0]!.issues.some((i) => i.caseId)).toBe(false);
    await mp.input('反映人联系电话', '13877776666', 0);
    await mp.tap('全部登记为诉求（2 条）');
    await mp.waitFor(() => !/登记为诉求/.test(mp.text()), '两条问题都已登记');
    const m = (await world.store.listRef('meetings'))[0]!;
    const caseIds = m.issues.map((i) => i.caseId);
    expect(caseIds.every(Boolean)).toBe(true);
    for (const id of caseIds) {
      const c = (await world.store.getCase(id!))!;
      expect(c.origin).toMatchObject({ channel: 'meeting', refId: m.id });
      expect(c.origin?.label).toContain(TOPIC);
    }
    const [first, second] = await Promise.all(caseIds.map(async (id) => (await world.store.getCase(id!))!));
    expect([first!.place.buildingId, first!.contactPhone]).toEqual(['sf-yuyuan-g1-b2', '13877776666']);
    expect([second!.place.buildingId, second!.contactPhone]).toEqual([undefined, undefined]);
    const board = data<{ meetingsThisYear: number; casesThisYear: number }>(
      await world.call('board', { action: 'meetingCounts', communityId: 'sf-yuyuan' }, WORKER),
    );
    expect(board).toMatchObject({ meetingsThisYear: 1, casesThisYear: 2 });
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });

  it('书记记下了反映问题的居民姓名：网格员打开记录只看到「居民」，书记看到姓名', async () => {
    const recorded = data<{ meeting: { id: string } }>(
      await world.call(
        'community',
        {
          action: 'meetingRecord',
          requestId: 'weapp-meeting-privacy',
          gridId: 'sf-yuyuan-g1',
          kind: 'deliberation_day',
          heldOn: '2026-11-20',
          place: '社区议事厅',
          topic: '楼道堆物清理',
          attendance: 12,
          issues: [{ text: '周大爷说5栋楼道堆满杂物', raisedBy: '周大爷' }],
        },
        'demo-admin-1',
      ),
    );
    await mp.close();
    mp = await MiniProgram.launch(world, WORKER, `pages-admin/meetings/index?id=${recorded.meeting.id}`);
    await mp.see('楼道堆物清理');
    await mp.see('反映人');
    await mp.see('居民说5栋楼道堆满杂物');
    expect(mp.text()).not.toContain('周大爷');
    await mp.close();
    mp = await MiniProgram.launch(world, 'demo-admin-1', `pages-admin/meetings/index?id=${recorded.meeting.id}`);
    await mp.see('周大爷说5栋楼道堆满杂物');
    expect(mp.text()).toContain('周大爷');
    expect(mp.uncaught).toEqual([]);
  });
});
