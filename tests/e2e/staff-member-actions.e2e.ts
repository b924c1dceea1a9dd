/**
 * 五员工作台的其余动作：超时任务标红、按紧急程度排序；楼栋物管员说明理由后转派给网格员；网格员吹哨报社区；
 * 巡查上报一件隐患，按类别派给本网格的成员。
 */
import { byTestId, typeInto, visible } from './support/browser';
import type { RunningHost } from './support/host';
import { apiAs, onOwnHost, openAs, submitCase, tap, waitText, type Api } from './staff-support';

const GRID = 'sf-yuyuan-g1';
const STEWARD = 'demo-11-building-steward';
const WORKER = 'demo-11-grid-worker';

interface Card {
  id: string;
  dueAt?: string;
}
interface Detail {
  case: { status: string; holder?: { role: string }; source?: string; categoryId: string };
  timeline: { action: string; note?: string }[];
}

/** The member personas of the demo street, in the order the seed makes them. */
const PERSONAS = ['11', '12', '21', '22', '31', '32'].flatMap((g) =>
  ['party_leader', 'resident_leader', 'grid_worker', 'owners_committee', 'building_steward'].map(
    (r) => `demo-${g}-${r.replace(/_/g, '-')}`,
  ),
);

/** A member of the demo street who holds an overdue task now, with the tab it is in and that tab's tasks. */
async function someoneOverdue(host: RunningHost): Promise<{ openid: string; tab: string; tasks: Card[] }> {
  for (const openid of PERSONAS) {
    const api = await apiAs(host, openid);
    for (const tab of ['assigned', 'processing']) {
      const tasks = (await api.call<{ items: Card[] }>('member', 'listTasks', { status: tab, limit: 50 }).catch(() => ({ items: [] })))
        .items;
      if (tasks.some((t) => t.dueAt && Date.parse(t.dueAt) < Date.now())) return { openid, tab, tasks };
    }
  }
  throw new Error('the demo street has no overdue task to show');
}

test('超时标红、转派、吹哨、巡查上报', () =>
  onOwnHost(async ({ host, browse }) => {
    const admin = await apiAs(host, 'demo-admin-1');
    const detail = (caseId: string) => admin.call<Detail>('admin', 'getCase', { caseId });

    // ——— 任务：超时的排在最前并标红；新来的一件排在它后面 ———
    const resident = await apiAs(host, 'demo-resident-1');
    const late = await someoneOverdue(host);
    const lateApi = await apiAs(host, late.openid);
    const { me } = await lateApi.call<{ me: { role: string; gridId: string } }>('member', 'myGroup');
    const categories = await resident.call<{ items: { id: string; role: string }[] }>('resident', 'listCategories');
    const fresh = await submitCase(resident, {
      buildingId: `${me.gridId}-b1`,
      categoryId: categories.items.find((c) => c.role === me.role)!.id,
      description: '楼下公告栏的玻璃碎了，边角很锋利。',
    });
    if (late.tab === 'processing') await lateApi.call('member', 'acceptCase', { caseId: fresh.caseId });
    const tasks = (await lateApi.call<{ items: Card[] }>('member', 'listTasks', { status: late.tab, limit: 50 })).items;
    expect(tasks.map((t) => t.id)).toContain(fresh.caseId);

    let session = await browse('staff-member-actions');
    const { page, screenshot } = session;
    await openAs(page, host, late.openid, '/pages-member/tasks/index');
    await tap(visible(page, `task-tab-${late.tab}`));
    const list = visible(page, 'task-list');
    await list.locator(`[data-case-id="${fresh.caseId}"]`).waitFor();
    const cards = list.locator('[data-testid="staff-task-card"]');
    const shown = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')));
    const byDeadline = [...tasks].sort((a, b) => Date.parse(a.dueAt ?? '9999') - Date.parse(b.dueAt ?? '9999')).map((t) => t.id);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown).toEqual(byDeadline.slice(0, shown.length));
    await expect(cards.first().getAttribute('class')).resolves.toContain('staff-task--overdue');
    await expect(byTestId(cards.first(), 'staff-task-clock').innerText()).resolves.toContain('超时');
    const freshCard = list.locator(`[data-case-id="${fresh.caseId}"]`);
    await expect(freshCard.getAttribute('class')).resolves.not.toContain('staff-task--overdue');
    await expect(byTestId(freshCard, 'staff-task-clock').innerText()).resolves.toContain('剩');
    await screenshot('tasks-overdue');

    // ——— 转派：楼栋物管员 → 网格员，须说明理由 ———
    const filed = await submitCase(resident, {
      buildingId: `${GRID}-b3`,
      categoryId: 'cat-01',
      description: '3栋和4栋之间的围墙裂了一道大缝，怕倒下来伤人。',
    });
    expect(filed.holder?.role).toBe('building_steward');
    session = await browse('staff-member-transfer');
    const s = session;
    await openAs(s.page, host, STEWARD, `/pages-member/task/index?id=${filed.caseId}`);
    await tap(visible(s.page, 'task-transfer'));
    await tap(visible(s.page, 'form-transfer-submit'));
    await waitText(s.page, 'form-transfer-error', '请选择转给哪个角色');
    await tap(visible(s.page, 'transfer-role-grid_worker'));
    await tap(visible(s.page, 'form-transfer-submit'));
    await waitText(s.page, 'form-transfer-error', '理由');
    await typeInto(s.page, 'form-transfer-text', '围墙属于安全隐患，需网格员上报和设围挡。');
    await s.screenshot('transfer-form');
    await tap(visible(s.page, 'form-transfer-submit'));
    await visible(s.page, 'form-transfer').waitFor({ state: 'detached' });
    await waitText(s.page, 'case-summary', '网格员');
    await s.screenshot('transferred');
    const moved = await detail(filed.caseId);
    expect(moved.case.holder?.role).toBe('grid_worker');
    expect(moved.timeline.map((e) => e.note ?? '').join('\n')).toContain('围墙属于安全隐患');
    const stewardTasks = await (await apiAs(host, STEWARD)).call<{ items: Card[] }>('member', 'listTasks', {});
    expect(stewardTasks.items.map((t) => t.id)).not.toContain(filed.caseId);

    // ——— 吹哨：网格员报告社区 ———
    session = await browse('staff-member-escalate');
    const w = session;
    await openAs(w.page, host, WORKER, `/pages-member/task/index?id=${filed.caseId}`);
    await tap(visible(w.page, 'task-accept'));
    await waitText(w.page, 'case-summary', '处理中');
    await tap(visible(w.page, 'task-escalate'));
    await tap(visible(w.page, 'form-escalate-submit'));
    await waitText(w.page, 'form-escalate-error', '理由');
    await typeInto(w.page, 'form-escalate-text', '围墙归属不清，涉及两个小区，需社区协调住建部门。');
    await w.screenshot('escalate-form');
    await tap(visible(w.page, 'form-escalate-submit'));
    await visible(w.page, 'form-escalate').waitFor({ state: 'detached' });
    await waitText(w.page, 'case-summary', '已吹哨');
    await w.screenshot('escalated');
    expect((await detail(filed.caseId)).case.status).toBe('escalated');
    const desk = await admin.call<{ counts: { escalated: number } }>('admin', 'dashboard', {});
    expect(desk.counts.escalated).toBeGreaterThan(0);

    // ——— 巡查上报：一件隐患，按类别派给网格员 ———
    await w.page.goto(`${host.url}/#/pages-member/patrol/index?mode=report`);
    await visible(w.page, 'page-patrol').waitFor();
    await tap(visible(w.page, `patrol-building-${GRID}-b2`));
    await tap(visible(w.page, 'patrol-category-cat-04'));
    await waitText(w.page, 'page-patrol', '将交给本网格的 网格员');
    await typeInto(w.page, 'patrol-description', '2栋地下车库消防通道被杂物堵住。');
    await w.screenshot('patrol-report');
    await tap(visible(w.page, 'patrol-submit'));
    const done = visible(w.page, 'patrol-done-status');
    await done.waitFor();
    const reported = await latestPatrolCase(await apiAs(host, WORKER));
    const patrol = await detail(reported);
    expect(patrol.case).toMatchObject({ categoryId: 'cat-04', source: 'patrol' });
    expect(patrol.case.holder?.role).toBe('grid_worker');
    expect(patrol.timeline.map((e) => e.note ?? '').join('\n')).toContain('按类别「安全隐患」');
    await w.screenshot('patrol-reported');

    expect(session.pageErrors).toEqual([]);
  }));

/** The newest open task of the member: the case they just reported on patrol went to them. */
async function latestPatrolCase(api: Api): Promise<string> {
  const tasks = await api.call<{ items: (Card & { createdAt: string; description: string })[] }>('member', 'listTasks', { limit: 50 });
  const mine = tasks.items.filter((t) => t.description.includes('消防通道被杂物堵住'));
  expect(mine).toHaveLength(1);
  return mine[0]!.id;
}
