/**
 * The street admin in the weapp: 配置 → 考核权重 → each weight with its meaning → a bad value named
 * in Chinese → the month's ranking previewed at new weights, then last month's → saved after one confirmation, the
 * change in the record; then a community admin exports the month's 院坝会台账 (cloud storage,
 * opened with openDocument).
 */
import { MiniProgram, attributeOf } from './harness/mini-program';
import { data } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const STREET = 'demo-street-admin';
type Place = { rank: number | null; score: number | null };
const ADMIN = 'demo-admin-1';

let world: World;
let mp: MiniProgram | undefined;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 30 });
});
afterEach(async () => {
  await mp?.close();
  mp = undefined;
});
afterAll(async () => {
  await world?.close();
});

describe('考核权重与院坝会台账（小程序）', () => {
  it('街道管理员：配置 → 考核权重，预览本月与上月排名，确认后保存，修改有记录', async () => {
    mp = await MiniProgram.launch(world, STREET, 'pages-admin/config/index');
    await mp.tap('考核权重');
    await mp.see('在时限内受理（接单）的诉求占比，看是否及时回应群众');
    await mp.see('四项合计 110（各项占比见上）');
    await mp.input('响应率', '-5');
    await mp.see('「响应率」不能为负数');
    await mp.input('响应率', '0');
    await mp.input('按时办结率', '0');
    await mp.input('满意率', '100');
    await mp.input('走访完成率', '0');
    await mp.see('四项合计 100（各项占比见上）');
    await mp.tap('预览本月排名变化');
    await mp.see(/按社区排名：现在 → 新权重/);
    // 上月: the heading names the month and the rows are last month's, as the server ranks them.
    const last = data<{ periodName: string; units: { before: Place; after: Place }[] }>(
      await world.call(
        'admin',
        {
          action: 'previewWeights',
          weights: { response: 0, onTime: 0, satisfaction: 100 },
          care: 0,
          periods: { monthly: 50, annual: 50 },
          period: 'lastMonth',
        },
        STREET,
      ),
    );
    // Few cases (30 over 90 days): whether any 社区 has enough last month to rank depends on the day,
    // so the page must show what the server answers, the rows or else the empty state.
    const ranked = last.units.some((u) => u.before.rank !== null || u.after.rank !== null);
    await mp.tap('上月');
    await mp.see(`${last.periodName} 按社区排名：现在 → 新权重`);
    await mp.see('预览上月排名变化');
    // 读屏: 上月 is the checked radio of the group named for what it chooses (WeChat keeps `aria-checked` as ariaChecked).
    await mp.waitFor(() => attributeOf(mp!.find('上月'), 'ariaChecked') === true, '「上月」读作已选中');
    expect(attributeOf(mp.find('上月').parentElement!, 'ariaLabel')).toBe('预览哪个时段的排名');
    if (!ranked) {
      await mp.see(`${last.periodName}还没有参与排名的社区`);
      expect(mp.text()).not.toContain('分） → 第');
    } else
      for (const u of last.units)
        await mp.see(`第${u.before.rank ?? '—'}名（${u.before.score ?? '—'}分） → 第${u.after.rank ?? '—'}名（${u.after.score ?? '—'}分）`);
    expect(data<{ weights: unknown }>(await world.call('admin', { action: 'getWeights' }, STREET)).weights).toEqual({
      response: 30,
      onTime: 35,
      satisfaction: 35,
    });
    await mp.tap('保存权重');
    await mp.waitFor(() => mp!.wx.callsOf('showModal').length === 1, '保存前确认一次');
    expect(String(mp.wx.callsOf('showModal')[0]!.args.content)).toContain('满意率 35→100');
    await mp.see('响应率 30→0；按时办结率 35→0；满意率 35→100；走访完成率 10→0');
    const saved = data<{ weights: unknown; care: number; history: unknown[] }>(await world.call('admin', { action: 'getWeights' }, STREET));
    expect(saved).toMatchObject({ weights: { response: 0, onTime: 0, satisfaction: 100 }, care: 0 });
    expect(saved.history).toHaveLength(1);
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });

  it('社区书记：院坝会 → 导出本月台账，文件存入云存储并用 openDocument 打开', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    data(
      await world.call(
        'community',
        {
          action: 'meetingRecord',
          requestId: 'weapp-ledger-1',
          gridId: 'sf-yuyuan-g1',
          kind: 'courtyard',
          heldOn: today,
          place: '1栋院坝',
          topic: '楼道堆物清理',
          attendance: 20,
          decisions: '周六统一清理',
        },
        ADMIN,
      ),
    );
    mp = await MiniProgram.launch(world, ADMIN, 'pages-admin/meetings/index');
    await mp.see('院坝会台账');
    await mp.tap('导出台账（Excel）');
    await mp.waitFor(() => mp!.wx.callsOf('openDocument').length === 1, '打开导出的台账');
    const fileId = String(mp.wx.callsOf('cloud.downloadFile')[0]!.args.fileID);
    expect(world.files.get(fileId)?.subarray(0, 2).toString()).toBe('PK');
    await mp.see(/已导出 1 场会议：渝园社区_院坝会台账_\d{4}年\d{1,2}月\.xlsx/);
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });
});
