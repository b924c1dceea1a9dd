/**
 * Every page of app.json — the main package and every subpackage — opened in WeChat's component
 * framework as the persona who uses it, on the demo street with its history of cases: each one
 * renders its content, writes no console error, and shows no `undefined`, `NaN`, `null` or
 * `[object Object]`.
 */
import { MiniProgram, allPages, readAppJson } from './harness/mini-program';
import { chinaToday, data, fileCase, openEngagement } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const RESIDENT = 'demo-resident-1';
const STEWARD = 'demo-11-building-steward';
const ADMIN = 'demo-admin-1';
/** The street admin: 职能部门 with every control (a community admin sees it read-only). */
const STREET = 'demo-street-admin';

let world: World;
/** Case ids with data behind them, found through the functions as the app would. */
const ids: Record<'mine' | 'public' | 'task' | 'admin', string> = { mine: '', public: '', task: '', admin: '' };

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 80 });
  // The resident reports one case now, so 我的诉求 and its detail have something of theirs.
  const mineId = await fileCase(world, RESIDENT, {
    requestId: 'weapp-every-page-1',
    buildingId: 'sf-yuyuan-g1-b1',
    description: '3栋楼道灯坏了，晚上看不清台阶',
    isPublic: true,
  });
  ids.mine = mineId;
  const board = data<{ items: { id: string }[] }>(await world.call('board', { action: 'listCases' }, RESIDENT));
  ids.public = board.items[0]!.id;
  ids.task = mineId; // routed to the building steward of 渝园社区第一网格
  const adminCases = data<{ items: { id: string }[] }>(await world.call('admin', { action: 'listCases' }, ADMIN));
  ids.admin = adminCases.items[0]!.id;
  // 民生微实事: a round open today in 渝园社区, where the resident reported from.
  await openEngagement(world, ADMIN);
  // 院坝会: one record this month, so the list has a row.
  data(
    await world.call(
      'community',
      {
        action: 'meetingRecord',
        requestId: 'weapp-every-page-meeting',
        gridId: 'sf-yuyuan-g1',
        kind: 'courtyard',
        heldOn: chinaToday(),
        place: '3栋院坝',
        topic: '楼道照明',
        attendance: 20,
        issues: [{ text: '3栋楼道灯不亮' }],
      },
      ADMIN,
    ),
  );
}, 60000);

afterAll(async () => {
  await world?.close();
});

/** Who opens each page, and with what query. */
function visitFor(route: string): { openid: string; query: string } {
  if (route === 'pages-resident/case/index') return { openid: RESIDENT, query: `id=${ids.mine}` };
  if (route === 'pages-board/case/index') return { openid: RESIDENT, query: `id=${ids.public}` };
  if (route === 'pages-board/roster/index') return { openid: RESIDENT, query: 'gridId=sf-yuyuan-g1' };
  if (route === 'pages-member/task/index') return { openid: STEWARD, query: `id=${ids.task}` };
  if (route === 'pages-admin/case/index') return { openid: ADMIN, query: `id=${ids.admin}` };
  if (route === 'pages-admin/departments/index') return { openid: STREET, query: '' };
  if (route.startsWith('pages-member/') || route === 'pages/workbench/index') return { openid: STEWARD, query: '' };
  if (route.startsWith('pages-admin/')) return { openid: ADMIN, query: '' };
  return { openid: RESIDENT, query: '' };
}

const BAD_TEXT = /undefined|NaN|\bnull\b|\[object Object\]/;

describe('每个页面（app.json 全部页面与分包）', () => {
  it('app.json 列出主包与全部分包的页面', () => {
    const app = readAppJson();
    expect(app.subPackages?.map((s) => s.root).sort()).toEqual(['pages-admin', 'pages-board', 'pages-member', 'pages-resident']);
    expect(allPages().length).toBeGreaterThanOrEqual(24);
  });

  it.each(allPages())('%s 以其使用者身份正常显示', async (route) => {
    const { openid, query } = visitFor(route);
    const mp = await MiniProgram.launch(world, openid, query ? `${route}?${query}` : route);
    try {
      await mp.on(route);
      // Content, not a spinner or an empty shell: at least a few lines of text once loaded, or a
      // page's own empty state (its icon is an image now, not a line of text).
      const content = () => mp.text().split('\n').length >= 3 || mp.select('[class*="empty-state__title"]').length > 0;
      await mp.waitFor(() => !/加载中/.test(mp.text()) && content(), `${route} 加载完成`);
      const text = mp.text();
      if (process.env.WEAPP_SHOW_TEXT) process.stdout.write(`\n=== ${route}\n${text}\n`);
      const bad = text.split('\n').filter((l) => BAD_TEXT.test(l));
      expect(bad).toEqual([]);
      const errors = mp.console.filter((c) => c.level === 'error').map((c) => c.text);
      expect(errors).toEqual([]);
      expect(mp.uncaught).toEqual([]);
      // Every cloud call it made succeeded.
      const failed = mp.wx.callsOf('cloud.callFunction').length ? text.match(/出错|失败|请稍后再试/g) : null;
      expect(failed).toBeNull();
    } finally {
      await mp.close();
    }
  });
});
