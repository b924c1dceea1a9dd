/**
 * A building steward in the weapp: the custom tab bar shows 工作台; the street has five member
 * subscribe templates configured, and the subscribe dialog is asked from a tap (我的任务), with at
 * most three of them, never on page load; a new task → its page → 受理 → 记录进展 with a photo →
 * 办结 with an after-photo, photos through chooseMedia and cloud.uploadFile under the steward's own
 * folder. The page shows each new status and the store holds it.
 */
import { MiniProgram } from './harness/mini-program';
import { TEST_UPLOAD_SECRET, sqliteWorld, type World } from './harness/world';
import { uploadPrefix } from '../../backend/upload-tag';
import { fileCase } from './harness/setup';

const RESIDENT = 'demo-resident-2';
const STEWARD = 'demo-11-building-steward';
const STREET = 'demo-street-admin';
const TEMPLATES = ['tmplTaskNew', 'tmplTaskReminder', 'tmplTaskOverdue', 'tmplTaskTransferred', 'tmplTaskRated'];

let world: World;
let mp: MiniProgram;
let caseId = '';

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 0 });
  caseId = await fileCase(world, RESIDENT, {
    requestId: 'weapp-member-1',
    buildingId: 'sf-yuyuan-g1-b2',
    description: '2栋电梯按钮失灵，老人上下楼困难',
    isPublic: true,
  });
  const kinds = ['task_new', 'task_reminder', 'task_overdue', 'task_transferred', 'task_rated'];
  const templates = Object.fromEntries(kinds.map((k, i) => [k, { templateId: TEMPLATES[i], fields: { thing1: 'title', time2: 'time' } }]));
  const t = (await world.call('admin', { action: 'setTemplates', templates }, STREET)) as { ok: boolean };
  expect(t.ok).toBe(true);
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

describe('五员：受理 → 进展（带照片）→ 办结（带办理后照片）（小程序）', () => {
  it('自定义标签栏对成员显示「工作台」，工作台列出新任务；打开页面时不请求订阅', async () => {
    mp = await MiniProgram.launch(world, STEWARD, 'pages/workbench/index');
    await mp.waitFor(() => mp.tabBarText().includes('工作台'), '标签栏显示工作台');
    expect(mp.tabBarText().split('\n')).toEqual(['首页', '我的诉求', '工作台', '消息', '我的']);
    await mp.see('2栋电梯按钮失灵');
    expect(mp.wx.callsOf('requestSubscribeMessage')).toEqual([]);
  });

  it('点「我的任务」时请求订阅（最多 3 个模板），结果记入服务端；打开任务并受理：显示处理中', async () => {
    await mp.settle(10);
    expect(mp.wx.callsOf('requestSubscribeMessage')).toEqual([]);
    await mp.tap('我的任务');
    await mp.on('pages-member/tasks/index');
    const asked = mp.wx.callsOf('requestSubscribeMessage');
    expect(asked).toHaveLength(1);
    const ids = asked[0]!.args.tmplIds as string[];
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(3);
    for (const id of ids) expect(TEMPLATES).toContain(id);
    await mp.waitFor(
      () => mp.wx.callsOf('cloud.callFunction').some((c) => (c.args.data as { action?: string }).action === 'recordSubscriptions'),
      '记录订阅结果',
    );

    await mp.see('2栋电梯按钮失灵');
    await mp.tap('2栋电梯按钮失灵，老人上下楼困难');
    await mp.on('pages-member/task/index');
    expect(mp.page.query.id).toBe(caseId);
    // Opening pages never asks.
    expect(mp.wx.callsOf('requestSubscribeMessage')).toHaveLength(1);
    await mp.see('受理');
    await mp.tap('受理');
    await mp.waitFor(() => mp.wx.callsOf('showToast').some((c) => c.args.title === '已受理'), '提示已受理');
    await mp.see('处理中');
    expect((await world.store.getCase(caseId))!.status).toBe('processing');
  });

  it('记录进展并附一张照片', async () => {
    await mp.tap('记录进展');
    await mp.see('提交进展');
    await mp.input('例如：已到现场查看', '已联系电梯维保公司，明天上午来更换按钮。');
    await mp.tap('拍照/选照片');
    await mp.waitFor(() => mp.wx.callsOf('cloud.uploadFile').length === 1, '照片上传');
    await mp.tap('提交进展');
    await mp.waitFor(() => mp.wx.callsOf('showToast').some((c) => c.args.title === '已记录'), '提示已记录');
    await mp.see('已联系电梯维保公司');
    const c = (await world.store.getCase(caseId))!;
    const progress = c.photos.filter((p) => p.stage === 'progress');
    expect(progress).toHaveLength(1);
    expect(progress[0]!.fileId.startsWith(world.fileIdOf(uploadPrefix(TEST_UPLOAD_SECRET, STEWARD)))).toBe(true);
  });

  it('办结并附办理后照片：显示待评价', async () => {
    await mp.tap('办结');
    await mp.see('确认办结');
    await mp.input('', '已更换全部楼层按钮，测试正常。', 0);
    await mp.tap('拍照/选照片');
    await mp.waitFor(() => mp.wx.callsOf('cloud.uploadFile').length === 2, '办理后照片上传');
    await mp.tap('确认办结');
    await mp.see('待评价');
    const c = (await world.store.getCase(caseId))!;
    expect(c.status).toBe('resolved');
    expect(c.photos.filter((p) => p.stage === 'after')).toHaveLength(1);
    expect(mp.console.filter((l) => l.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });
});
