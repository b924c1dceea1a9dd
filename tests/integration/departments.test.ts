/**
 * 职能部门 managed by the street admin (issue #18.8), through the `community` function: who may do
 * what, each action and its refusals (which change nothing), stopping a department (no new 吹哨 /
 * 报到, its open cases listed and 改派), and its accounts bound with an invite code.
 */
import type { Reply } from '../../backend/functions/define';
import { member } from '../../backend/functions/member';
import { data, openAdminWorld, outcome, P, type AdminWorld } from '../support/admin-world';

jest.setTimeout(60_000); // each test seeds a demo street of its own

let w: AdminWorld;
beforeEach(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterEach(async () => {
  await w.close();
});

interface DeptItem {
  id: string;
  name: string;
  active: boolean;
  handles: string;
  phone?: string;
  categoryIds: string[];
  categoryNames: string[];
  accounts: { accountId: string; name: string }[];
  openCases: number;
}
const list = async (who: string = P.streetAdmin) =>
  data<{ canManage: boolean; categories: { id: string; name: string }[]; items: DeptItem[] }>(await w.community(who, 'departmentList'));
const stored = async () => JSON.stringify((await w.store.listRef('departments')).sort((a, b) => a.id.localeCompare(b.id)));
const refusal = (r: Reply) => (r.ok ? 'ok' : `${r.error.code} ${r.error.message}`);
const callMember = (openid: string, action: string, params: Record<string, unknown> = {}) =>
  member.handle({ action, ...params }, openid, w.deps);

async function atPolice(): Promise<string> {
  const c = await w.submit();
  data(await w.admin(P.communityAdmin, 'escalateCase', { caseId: c.id, reason: '涉及多方，需街道协调' }));
  data(await w.admin(P.streetAdmin, 'dispatchDepartment', { caseId: c.id, departmentId: 'dept-police', note: '请到场' }));
  return c.id;
}

describe('who may manage departments', () => {
  const CHANGES: [string, Record<string, unknown>][] = [
    ['createDepartment', { name: '应急办' }],
    ['updateDepartment', { departmentId: 'dept-police', name: '双福派出所（改）' }],
    ['stopDepartment', { departmentId: 'dept-police' }],
    ['restartDepartment', { departmentId: 'dept-police' }],
    ['departmentInvite', { departmentId: 'dept-police' }],
    ['removeDepartmentAccount', { departmentId: 'dept-police', accountId: P.department }],
  ];
  const READS: [string, Record<string, unknown>][] = [
    ['departmentList', {}],
    ['departmentCases', { departmentId: 'dept-police' }],
  ];

  test('members, residents and departments are refused everything; anonymous callers must log in', async () => {
    const before = await stored();
    for (const who of [P.member, P.resident, P.department])
      for (const [action, params] of [...CHANGES, ...READS])
        expect({ who, action, got: outcome(await w.community(who, action, params)) }).toEqual({ who, action, got: 'AUTH.FORBIDDEN' });
    for (const [action, params] of [...CHANGES, ...READS])
      expect(outcome(await w.community(undefined, action, params))).toBe('AUTH.REQUIRED');
    expect(await stored()).toBe(before);
  });

  test('a community admin sees the street’s departments and changes nothing', async () => {
    const before = await stored();
    const seen = await list(P.communityAdmin);
    expect(seen.canManage).toBe(false);
    expect(seen.items.map((d) => d.name)).toEqual(expect.arrayContaining(['双福派出所', '双福司法所', '街道住建办', '市场监管所']));
    expect(outcome(await w.community(P.communityAdmin, 'departmentCases', { departmentId: 'dept-police' }))).toBe('ok');
    for (const [action, params] of CHANGES) {
      const r = await w.community(P.communityAdmin, action, params);
      expect(refusal(r)).toBe('AUTH.FORBIDDEN 仅街道管理员可以执行此操作');
    }
    expect(await stored()).toBe(before);
    expect((await list()).canManage).toBe(true);
  });
});

describe('the street admin', () => {
  test('adds a department with what it handles, its categories and phone; bad input changes nothing', async () => {
    const { categories } = await list();
    const [first, second] = categories;
    const before = await stored();
    const bad: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'INPUT.INVALID 请填写部门名称'],
      [{ name: '双福 派出所' }, 'INPUT.INVALID 本街道已有名为「双福派出所」的部门'],
      [{ name: '应急办', phone: '12345' }, 'INPUT.INVALID 「联系电话」格式不正确'],
      [{ name: '应急办', categoryIds: ['cat-nope'] }, 'CATEGORY.NOT_FOUND 所选类别不存在'],
      [{ name: '应急办', categoryIds: [first!.id, first!.id] }, 'INPUT.INVALID 负责类别有重复'],
      [{ name: '应急办', handles: '字'.repeat(201) }, 'INPUT.INVALID 「负责事项」过长（最多200字）'],
      [{ name: '应急办', extra: 1 }, 'INPUT.INVALID 请求包含未知字段：extra'],
    ];
    for (const [params, message] of bad) expect(refusal(await w.community(P.streetAdmin, 'createDepartment', params))).toBe(message);
    expect(await stored()).toBe(before);

    const made = data<{ id: string }>(
      await w.community(P.streetAdmin, 'createDepartment', {
        name: ' 应急办 ',
        handles: '安全隐患、防汛',
        categoryIds: [second!.id, first!.id],
        phone: '023-42871234',
      }),
    );
    const item = (await list()).items.find((d) => d.id === made.id)!;
    expect(item).toMatchObject({
      name: '应急办',
      active: true,
      handles: '安全隐患、防汛',
      phone: '023-42871234',
      categoryIds: [first!.id, second!.id],
      categoryNames: [first!.name, second!.name],
      accounts: [],
      openCases: 0,
    });
    // The admin's case page offers it for 报到.
    const offered = data<{ items: { id: string; active: boolean }[] }>(await w.admin(P.streetAdmin, 'listDepartments'));
    expect(offered.items).toContainEqual(expect.objectContaining({ id: made.id, active: true }));
  });

  test('renames and edits a department; a name in use is refused; the phone can be removed', async () => {
    const before = await stored();
    expect(refusal(await w.community(P.streetAdmin, 'updateDepartment', { departmentId: 'dept-police', name: '双福司法所' }))).toBe(
      'INPUT.INVALID 本街道已有名为「双福司法所」的部门',
    );
    expect(refusal(await w.community(P.streetAdmin, 'updateDepartment', { departmentId: 'dept-police' }))).toBe(
      'INPUT.INVALID 请填写要修改的内容',
    );
    expect(refusal(await w.community(P.streetAdmin, 'updateDepartment', { departmentId: 'dept-none', name: '甲' }))).toBe(
      'PLACE.NOT_FOUND 部门不存在或不属于本街道',
    );
    expect(await stored()).toBe(before);

    data(
      await w.community(P.streetAdmin, 'updateDepartment', {
        departmentId: 'dept-police',
        name: '双福派出所社区警务室',
        phone: '13800001111',
      }),
    );
    expect((await list()).items.find((d) => d.id === 'dept-police')).toMatchObject({ name: '双福派出所社区警务室', phone: '13800001111' });
    data(await w.community(P.streetAdmin, 'updateDepartment', { departmentId: 'dept-police', phone: null }));
    expect((await list()).items.find((d) => d.id === 'dept-police')).not.toHaveProperty('phone');
  });

  test('stops a department: no new 报到 to it, its open cases are listed and can be 改派; it can be restarted', async () => {
    const caseId = await atPolice();
    const stopped = data<{ openCases: { id: string; waiting: boolean }[] }>(
      await w.community(P.streetAdmin, 'stopDepartment', { departmentId: 'dept-police' }),
    );
    expect(stopped.openCases).toEqual([expect.objectContaining({ id: caseId, waiting: true })]);
    expect(refusal(await w.community(P.streetAdmin, 'stopDepartment', { departmentId: 'dept-police' }))).toBe(
      'INPUT.INVALID 「双福派出所」已经停用',
    );
    // Still visible, and listed for the community admin of the case's community too.
    const item = (await list(P.communityAdmin)).items.find((d) => d.id === 'dept-police')!;
    expect(item).toMatchObject({ active: false, openCases: 1 });
    const cases = data<{ items: { id: string }[] }>(
      await w.community(P.communityAdmin, 'departmentCases', { departmentId: 'dept-police' }),
    );
    expect(cases.items.map((c) => c.id)).toEqual([caseId]);
    expect(
      data<{ items: unknown[] }>(await w.community(P.otherCommunityAdmin, 'departmentCases', { departmentId: 'dept-police' })).items,
    ).toEqual([]);

    // No new call to it; no invite codes for it.
    const other = await w.submit();
    data(await w.admin(P.communityAdmin, 'escalateCase', { caseId: other.id, reason: '需街道协调处理' }));
    expect(refusal(await w.admin(P.streetAdmin, 'dispatchDepartment', { caseId: other.id, departmentId: 'dept-police' }))).toBe(
      'INPUT.INVALID 请选择本街道在用的职能部门',
    );
    expect(refusal(await w.community(P.streetAdmin, 'departmentInvite', { departmentId: 'dept-police' }))).toBe(
      'INPUT.INVALID 该部门已停用，不能生成邀请码',
    );

    // 改派 its waiting case to another department.
    data(await w.admin(P.streetAdmin, 'dispatchDepartment', { caseId, departmentId: 'dept-justice', note: '原部门已停用' }));
    expect((await w.getCase(caseId)).escalation).toMatchObject({ level: 'department', departmentId: 'dept-justice' });
    expect(data<{ items: unknown[] }>(await w.community(P.streetAdmin, 'departmentCases', { departmentId: 'dept-police' })).items).toEqual(
      [],
    );

    data(await w.community(P.streetAdmin, 'restartDepartment', { departmentId: 'dept-police' }));
    expect(refusal(await w.community(P.streetAdmin, 'restartDepartment', { departmentId: 'dept-police' }))).toBe(
      'INPUT.INVALID 「双福派出所」正在使用，无需启用',
    );
    data(await w.admin(P.streetAdmin, 'dispatchDepartment', { caseId: other.id, departmentId: 'dept-police' }));
  });

  test('adds an account with an invite code and removes it', async () => {
    const caseId = await atPolice();
    const { code } = data<{ code: string }>(await w.community(P.streetAdmin, 'departmentInvite', { departmentId: 'dept-police' }));
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const newcomer = 'demo-resident-5';
    expect(outcome(await w.admin(newcomer, 'getCase', { caseId }))).toBe('AUTH.FORBIDDEN');

    const bound = data<{ role: string; gridName: string; communityName: string }>(
      await callMember(newcomer, 'bindInvite', { code, name: '李警官' }),
    );
    expect(bound).toMatchObject({ role: 'department', gridName: '双福派出所', communityName: '双福街道' });
    expect(outcome(await callMember('demo-resident-6', 'bindInvite', { code }))).toBe('AUTH.INVITE_INVALID');
    const accounts = (await list()).items.find((d) => d.id === 'dept-police')!.accounts;
    expect(accounts).toContainEqual({ accountId: newcomer, name: '李警官' });
    // The account acts as the department: it reports on site.
    data(await w.admin(newcomer, 'departmentReport', { caseId, note: '已到场处置' }));

    expect(
      refusal(await w.community(P.streetAdmin, 'removeDepartmentAccount', { departmentId: 'dept-justice', accountId: newcomer })),
    ).toBe('INPUT.INVALID 该账号不属于本部门');
    data(await w.community(P.streetAdmin, 'removeDepartmentAccount', { departmentId: 'dept-police', accountId: newcomer }));
    expect((await list()).items.find((d) => d.id === 'dept-police')!.accounts.map((a) => a.accountId)).not.toContain(newcomer);
    expect(outcome(await w.admin(newcomer, 'getCase', { caseId }))).toBe('AUTH.FORBIDDEN');
  });

  test('a code made before the department was stopped no longer binds', async () => {
    const { code } = data<{ code: string }>(await w.community(P.streetAdmin, 'departmentInvite', { departmentId: 'dept-market' }));
    data(await w.community(P.streetAdmin, 'stopDepartment', { departmentId: 'dept-market' }));
    expect(refusal(await callMember('demo-resident-5', 'bindInvite', { code }))).toBe('AUTH.INVITE_INVALID 该部门已停用，邀请码无效');
    expect((await w.store.getRef('accounts', 'demo-resident-5'))?.roles ?? []).toEqual([]);
  });
});
