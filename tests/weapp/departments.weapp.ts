/**
 * The street admin in the weapp: 管理 → 职能部门 → add a department (a duplicate name is refused)
 * → give it an account by invite code → stop it (confirmed; the case waiting for it is listed) →
 * a 吹哨 to it is refused → restart it.
 */
import type { Department, Invite } from '../../backend/store/ref-docs';
import { MiniProgram } from './harness/mini-program';
import { data, fileCase, memberCall } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const STREET = 'demo-street-admin';
const COMMUNITY_ADMIN = 'demo-admin-1';
const NEWCOMER = 'demo-resident-3';

let world: World;
let mp: MiniProgram;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 0 });
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

type El = ReturnType<MiniProgram['find']>;
/** The department's card: the nearest element around its name that also holds its accounts. */
function cardOf(name: string): El {
  let n: El | null = mp.find(name);
  while (n && !(n.textContent ?? '').includes('登录账号')) n = n.parentElement;
  if (!n) throw new Error(`找不到「${name}」的卡片`);
  return n;
}
const stored = async (name: string): Promise<Department | undefined> =>
  (await world.store.listRef('departments')).find((d) => d.name === name);
const adminCall = (openid: string, action: string, params: Record<string, unknown>) => world.call('admin', { action, ...params }, openid);

describe('街道管理员：职能部门（小程序）', () => {
  it('管理 → 职能部门：重名被拒，添加新部门', async () => {
    mp = await MiniProgram.launch(world, STREET, 'pages/workbench/index');
    await mp.see('职能部门');
    await mp.tap('职能部门');
    await mp.on('pages-admin/departments/index');
    await mp.see('双福派出所');
    await mp.tap('＋ 添加部门');
    await mp.input('如 双福派出所', '双福司法所');
    await mp.tap('保存');
    await mp.see('本街道已有名为「双福司法所」的部门');
    expect((await world.store.listRef('departments')).length).toBe(4);

    await mp.input('如 双福派出所', '应急管理办');
    await mp.input('如 治安', '安全隐患、防汛抗旱');
    await mp.input('手机或座机', '13900002222');
    await mp.tap('保存');
    await mp.see('负责：安全隐患、防汛抗旱');
    expect(await stored('应急管理办')).toMatchObject({ active: true, handles: '安全隐患、防汛抗旱', phone: '13900002222' });
  });

  it('添加账号：邀请码绑定后，账号出现在部门下', async () => {
    await mp.tap('添加账号', { within: cardOf('应急管理办') });
    await mp.see('一次有效');
    const dept = (await stored('应急管理办'))!;
    const invite = (await world.store.listRef('invites')).find((i: Invite) => i.departmentId === dept.id)!;
    await mp.see(invite.id);
    await memberCall(world, NEWCOMER, 'bindInvite', { code: invite.id, name: '应急值班员' });
    await mp.pullDownRefresh();
    await mp.see('应急值班员');
    const account = await world.store.getRef('accounts', NEWCOMER);
    expect(account?.roles).toContainEqual({ role: 'department', streetId: dept.streetId, departmentId: dept.id });
  });

  it('停用：先确认，已派给它的诉求列出；之后不能再派它；可重新启用', async () => {
    const dept = (await stored('应急管理办'))!;
    const filedId = await fileCase(world, 'demo-resident-1', {
      requestId: 'weapp-dept-case-1',
      buildingId: 'sf-yuyuan-g1-b1',
      description: '小区围墙开裂倾斜，下雨后更严重',
      isPublic: true,
    });
    data(await adminCall(COMMUNITY_ADMIN, 'escalateCase', { caseId: filedId, reason: '围墙安全隐患，需街道协调' }));
    data(await adminCall(STREET, 'dispatchDepartment', { caseId: filedId, departmentId: dept.id }));
    await mp.pullDownRefresh();
    await mp.see('未办结诉求：1 件');

    await mp.tap('停用', { within: cardOf('应急管理办') });
    await mp.waitFor(
      () => mp.wx.callsOf('showModal').some((c) => String(c.args.content).includes('停用「应急管理办」后不能再派它报到')),
      '确认停用',
    );
    await mp.see('已派给该部门、未办结的诉求（请改派）');
    await mp.see('待报到 ›');
    expect((await stored('应急管理办'))?.active).toBe(false);

    const refused = (await adminCall(STREET, 'dispatchDepartment', { caseId: filedId, departmentId: dept.id })) as {
      ok: boolean;
      error?: { message: string };
    };
    expect(refused).toMatchObject({ ok: false, error: { message: '请选择本街道在用的职能部门' } });

    await mp.tap('重新启用', { within: cardOf('应急管理办') });
    await mp.waitFor(() => mp.wx.callsOf('showToast').some((c) => c.args.title === '已重新启用'), '提示已重新启用');
    expect((await stored('应急管理办'))?.active).toBe(true);
  });
});
