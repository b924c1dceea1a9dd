/**
 * 街道：各社区并排、等待决定的吹哨 → 派遣职能部门（24小时内报到）；月度排名、周报导出；配置可编辑。
 * 职能部门：看到派给本部门的案件 → 到场报到 → 拍照办结。
 */
import { readFileSync } from 'node:fs';
import { byTestId, typeInto, visible } from './support/browser';
import { apiAs, attachPhoto, onOwnHost, openAs, readSheet, submitCase, tap, waitText } from './staff-support';

/** demo-dept-3 is 街道住建办. */
const HOUSING = 'dept-housing';

test('街道派遣职能部门，部门报到并办结', () =>
  onOwnHost(async ({ host, open }) => {
    const resident = await apiAs(host, 'demo-resident-4');
    const community = await apiAs(host, 'demo-admin-2');
    const filed = await submitCase(resident, {
      buildingId: 'sf-xinglong-g1-b2',
      categoryId: 'cat-04',
      description: '2栋外墙瓷砖大面积空鼓，随时可能掉落，楼下是小区主干道。',
    });
    await community.call('admin', 'escalateCase', { caseId: filed.caseId, reason: '外墙维修涉及住建部门，请街道协调。' });

    // ——— 街道：总览与吹哨 ———
    const street = await open('staff-street');
    const s = street.page;
    await openAs(s, host, 'demo-street-admin');
    await tap(visible(s, 'tab-work'));
    await visible(s, 'admin-desk').waitFor();
    await expect(visible(s, 'admin-scope').innerText()).resolves.toContain('街道管理');
    const waiting = visible(s, 'queue-escalated').locator(`[data-case-id="${filed.caseId}"]`);
    await waiting.waitFor();
    await street.screenshot('dashboard');

    // ——— 各社区并排 ———
    await tap(visible(s, 'entry-communities'));
    await visible(s, 'communities-table').waitFor();
    await expect(visible(s, 'communities-table').locator('[data-testid="community-column"]').count()).resolves.toBe(3);
    await street.screenshot('communities');
    await s.goBack();
    await visible(s, 'admin-desk').waitFor();

    // ——— 派遣部门 ———
    await tap(byTestId(visible(s, 'queue-escalated').locator(`[data-case-id="${filed.caseId}"]`), 'staff-task-open'));
    await visible(s, 'page-admin-case').waitFor();
    await tap(visible(s, 'action-dispatch'));
    await tap(visible(s, `dispatch-department-${HOUSING}`));
    await typeInto(s, 'form-dispatch-text', '请住建办到场查看外墙安全，设置警示区域。');
    await street.screenshot('dispatch');
    await tap(visible(s, 'form-dispatch-submit'));
    await waitText(s, 'case-summary', '街道住建办');
    await expect(visible(s, 'case-summary').innerText()).resolves.toContain('待报到');
    await visible(s, 'staff-timeline').locator('[data-action="dispatch_department"]').waitFor();
    await expect(visible(s, 'staff-timeline').innerText()).resolves.toContain('24小时内到场报到');
    await street.screenshot('dispatched');

    // ——— 月度排名、周报导出、配置 ———
    await s.goto(`${host.url}/#/pages-admin/stats/index?groupBy=community`);
    await visible(s, 'stats-unit').waitFor();
    await street.screenshot('rankings');
    await s.goto(`${host.url}/#/pages-admin/weekly/index`);
    await visible(s, 'weekly-summary').waitFor();
    await street.screenshot('weekly');
    const [download] = await Promise.all([s.waitForEvent('download'), tap(visible(s, 'weekly-export'))]);
    const sheet = await readSheet(readFileSync(await download.path()));
    expect(sheet.title).toContain('治理周报');
    expect(sheet.header).toEqual(['项目', '内容', '数量']);
    expect(sheet.rows[0]![0]).toBe('本周新增');
    await s.goto(`${host.url}/#/pages-admin/config/index`);
    await visible(s, 'category-row').waitFor();
    await expect(visible(s, 'config-categories').locator('[data-testid="config-read-only"]').count()).resolves.toBe(0);
    await tap(visible(s, 'config-section-templates'));
    await visible(s, 'templates-save').waitFor();
    await street.screenshot('config-templates');

    // ——— 职能部门：报到、办结 ———
    const dept = await open('staff-department');
    const d = dept.page;
    await openAs(d, host, 'demo-dept-3');
    await tap(visible(d, 'tab-work'));
    await visible(d, 'admin-desk').waitFor();
    const mine = visible(d, 'queue-escalated').locator(`[data-case-id="${filed.caseId}"]`);
    await mine.waitFor();
    await dept.screenshot('department-desk');
    await tap(byTestId(mine, 'staff-task-open'));
    await visible(d, 'page-admin-case').waitFor();
    await expect(visible(d, 'admin-actions').locator('[data-testid="action-resolve"]').count()).resolves.toBe(0);
    await tap(visible(d, 'action-report'));
    await typeInto(d, 'form-report-text', '已到现场，拉起警戒线，安排施工队明日拆除空鼓瓷砖。');
    await tap(visible(d, 'form-report-submit'));
    await waitText(d, 'case-summary', '已报到');
    await tap(visible(d, 'action-resolve'));
    await typeInto(d, 'form-resolve-text', '空鼓瓷砖已全部拆除并重新粘贴，警戒区已撤。');
    await attachPhoto(d, 'form-resolve-photos-add', 'wall.png');
    await visible(d, 'form-resolve').locator('[data-testid="staff-photo-thumb"]').first().waitFor();
    await dept.screenshot('department-resolve');
    await tap(visible(d, 'form-resolve-submit'));
    // Resolved, the case stays in the department's view, read only, waiting for the resident's rating.
    await waitText(d, 'case-summary', '待评价');
    await expect(visible(d, 'page-admin-case').locator('[data-testid^="action-"]').filter({ visible: true }).count()).resolves.toBe(0);
    await dept.screenshot('department-resolved');

    const after = await community.call<{ case: { status: string; result?: string } }>('admin', 'getCase', { caseId: filed.caseId });
    expect(after.case.status).toBe('resolved');
    expect(after.case.result).toContain('空鼓瓷砖');

    expect(street.pageErrors).toEqual([]);
    expect(dept.pageErrors).toEqual([]);
  }));
