/**
 * A community admin in the weapp: the custom tab bar shows 管理; 案件 → the queue → a new case →
 * 改派 to the grid worker (phone shown and called, reason, one confirmation; stored as the new
 * holder) → back → the search box finds it by its spoken number and by words → back → 考核 → 诉求台账 exported to cloud
 * storage, downloaded and opened with openDocument.
 */
import { MiniProgram, type El } from './harness/mini-program';
import { sqliteWorld, type World } from './harness/world';
import { fileCase } from './harness/setup';

const RESIDENT = 'demo-resident-4';
const ADMIN = 'demo-admin-1';
const DESCRIPTION = '4栋门口的路灯整晚不亮，晚归的居民看不清路';

let world: World;
let mp: MiniProgram;
let caseId = '';

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 40 });
  caseId = await fileCase(world, RESIDENT, {
    requestId: 'weapp-admin-1',
    buildingId: 'sf-yuyuan-g1-b4',
    description: DESCRIPTION,
    isPublic: true,
  });
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

/** The nearest ancestor of `el` whose text also contains `text`. */
function rowOf(el: El, text: string): El {
  let n: El | null = el;
  while (n && !(n.textContent ?? '').includes(text)) n = n.parentElement;
  if (!n) throw new Error(`找不到同时包含「${text}」的一行`);
  return n;
}

describe('社区管理员：案件队列 → 改派 → 导出台账（小程序）', () => {
  it('标签栏显示「管理」，管理页显示本社区', async () => {
    mp = await MiniProgram.launch(world, ADMIN, 'pages/workbench/index');
    await mp.waitFor(() => mp.tabBarText().includes('管理'), '标签栏显示管理');
    expect(mp.tabBarText()).not.toContain('工作台');
    await mp.see('社区管理');
    expect(mp.text()).toContain('渝园社区');
  });

  it('案件 → 队列里打开新诉求 → 改派给网格员', async () => {
    await mp.tap('案件');
    await mp.on('pages-admin/cases/index');
    await mp.see(DESCRIPTION);
    await mp.tap(DESCRIPTION);
    await mp.on('pages-admin/case/index');
    expect(mp.page.query.id).toBe(caseId);
    await mp.see('改派');
    await mp.tap('改派');
    await mp.see('改派给');
    await mp.see('当前办理人');
    const worker = mp.find(/^网格员 /);
    const workerName = (worker.textContent ?? '').replace('网格员', '').trim();
    await mp.tap('派给TA', { within: rowOf(worker, '派给TA') });
    // 改派 shows the member's phone (a tap calls it), asks for a reason and confirms once.
    await mp.see('改派前可先电话确认：');
    await mp.tap(new RegExp(`^${workerName} 1\\d{10}$`));
    expect(mp.wx.callsOf('makePhoneCall')[0]!.args.phoneNumber).toMatch(/^1\d{10}$/);
    await mp.input('改派理由', '物管员本周休假');
    await mp.tap('确认改派');
    await mp.waitFor(() => mp.wx.callsOf('showModal').some((c) => String(c.args.content).includes('理由：物管员本周休假')), '确认改派');
    await mp.waitFor(() => mp.wx.callsOf('showToast').some((c) => c.args.title === '已改派'), '提示已改派');
    await mp.see(`网格员 ${workerName}`);
    const stored = (await world.store.getCase(caseId))!;
    expect(stored.holder?.role).toBe('grid_worker');
  });

  it('案件 → 搜索框按口头报的编号找到那一件', async () => {
    const no = (await world.store.getCase(caseId))!.no!;
    await (mp.wx.wx.navigateBack as (o: { delta: number }) => Promise<unknown>)({ delta: 1 });
    await mp.on('pages-admin/cases/index');
    await mp.input('编号、电话或问题描述', `${no.slice(0, 4)} ${Number(no.slice(5))}`);
    await mp.tap('搜索');
    await mp.see('共 1 件');
    await mp.see(no);
    expect(mp.text()).toContain('编号');
    expect(mp.text()).toContain(DESCRIPTION);
    await mp.input('编号、电话或问题描述', '路灯整晚不亮');
    await mp.tap('搜索');
    await mp.see('共 1 件');
    expect(mp.text()).toContain(DESCRIPTION);
  });

  it('考核 → 导出诉求台账：文件存入云存储，下载后用 openDocument 打开', async () => {
    await (mp.wx.wx.navigateBack as (o: { delta: number }) => Promise<unknown>)({ delta: 1 });
    await mp.on('pages/workbench/index');
    await mp.tap('考核');
    await mp.on('pages-admin/stats/index');
    await mp.see('导出台账（Excel）');
    await mp.tap('诉求台账');
    await mp.waitFor(() => mp.wx.callsOf('openDocument').length === 1, '打开导出的表格');
    const download = mp.wx.callsOf('cloud.downloadFile')[0]!;
    const fileId = String(download.args.fileID);
    expect(world.files.get(fileId)?.subarray(0, 2).toString()).toBe('PK'); // an xlsx is a zip
    expect(mp.wx.callsOf('openDocument')[0]!.args).toMatchObject({ fileType: 'xlsx', showMenu: true });
    await mp.see(/已导出「.+」\d+ 行/);
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });
});
