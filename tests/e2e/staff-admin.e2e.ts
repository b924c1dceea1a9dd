/**
 * 社区书记的管理页：总览 → 待派单 → 派单给成员；吹哨一件、不予受理一件、合并重复一件；案件筛选与分页；
 * 网格户数超过上限时看到服务器的说明；节假日只读；考核与导出诉求台账（读回 .xlsx 核对行）；周报。
 */
import { readFileSync } from 'node:fs';
import { byTestId, typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, readSheet, submitCase, tap, until, waitText } from './staff-support';

const GRID2 = 'sf-yuyuan-g2';

test('社区书记派单、吹哨、不予受理、合并，筛选案件，导出台账', () =>
  onOwnHost(async ({ host, browse }) => {
    const admin = await apiAs(host, 'demo-admin-1');
    const resident = await apiAs(host, 'demo-resident-2');

    // A case nobody can take: the building steward and the grid worker of 第二网格 are off duty.
    for (const role of ['building_steward', 'grid_worker'])
      await admin.call('admin', 'updateMember', { memberId: `${GRID2}-${role}`, onDuty: false });
    const pending = await submitCase(resident, {
      buildingId: `${GRID2}-b1`,
      categoryId: 'cat-01',
      description: '6栋电梯按钮失灵，老人上下楼困难。',
    });
    expect(pending.status).toBe('pending');
    for (const role of ['building_steward', 'grid_worker'])
      await admin.call('admin', 'updateMember', { memberId: `${GRID2}-${role}`, onDuty: true });
    const toEscalate = await submitCase(resident, {
      buildingId: `${GRID2}-b2`,
      categoryId: 'cat-08',
      description: '物业和业主就停车收费争执不下，需要协调。',
    });
    const toReject = await submitCase(resident, {
      buildingId: `${GRID2}-b3`,
      categoryId: 'cat-12',
      description: '希望帮我查询个人社保缴费记录。',
    });
    const original = await submitCase(resident, {
      buildingId: `${GRID2}-b4`,
      categoryId: 'cat-02',
      description: '8栋门口垃圾堆了三天没人清。',
    });
    const duplicate = await submitCase(await apiAs(host, 'demo-resident-3'), {
      buildingId: `${GRID2}-b4`,
      categoryId: 'cat-02',
      description: '8栋门口的垃圾一直没人清运，很臭。',
    });

    const session = await browse('staff-admin');
    const { page, screenshot } = session;
    await openAs(page, host, 'demo-admin-1');

    // ——— 总览 ———
    await tap(visible(page, 'tab-work'));
    await visible(page, 'admin-desk').waitFor();
    await expect(visible(page, 'admin-scope').innerText()).resolves.toContain('渝园社区');
    await visible(page, 'queue-pending').locator(`[data-case-id="${pending.caseId}"]`).waitFor();
    await screenshot('dashboard');

    // ——— 待派单 → 派单 ———
    await tap(visible(page, 'tile-pending'));
    await visible(page, 'page-admin-cases').waitFor();
    const pendingCard = visible(page, 'admin-case-list').locator(`[data-case-id="${pending.caseId}"]`);
    await pendingCard.waitFor();
    await waitText(page, 'case-total', /共 \d+ 件/);
    await screenshot('cases-pending');
    // The row is a button named by what it shows (读屏): number, category, status, words, place.
    await tap(
      pendingCard.getByRole('button', { name: /^查看诉求 编号 \S+ .+，待派单：6栋电梯按钮失灵，老人上下楼困难。，.*渝园社区.*，未派单$/ }),
    );
    await visible(page, 'page-admin-case').waitFor();
    await screenshot('case-pending');
    await tap(visible(page, 'action-assign'));
    const steward = visible(page, 'assign-panel').locator('[data-testid="assign-member"][data-role="building_steward"]');
    await steward.waitFor();
    await screenshot('assign-panel');
    await tap(steward.getByRole('button', { name: /^派给楼栋物管员 \S+$/ }));
    await waitText(page, 'case-summary', '待受理');
    await expect(visible(page, 'case-summary').innerText()).resolves.toContain('楼栋物管员');
    await screenshot('case-assigned');

    // ——— 吹哨到街道 ———
    await page.goto(`${host.url}/#/pages-admin/case/index?id=${toEscalate.caseId}`);
    await tap(visible(page, 'action-escalate'));
    await typeInto(page, 'form-escalate-text', '涉及物业公司和多户业主，社区协调未果，请街道协调住建部门。');
    await screenshot('escalate-form');
    await tap(visible(page, 'form-escalate-submit'));
    await waitText(page, 'case-summary', '已吹哨');
    await expect(visible(page, 'case-summary').innerText()).resolves.toContain('街道');

    // ——— 不予受理 ———
    await page.goto(`${host.url}/#/pages-admin/case/index?id=${toReject.caseId}`);
    await tap(visible(page, 'action-reject'));
    await tap(visible(page, 'form-reject-submit'));
    await expect(visible(page, 'form-reject-error').innerText()).resolves.toContain('理由');
    await typeInto(page, 'form-reject-text', '个人社保查询不属于社区受理范围，已告知居民到社保窗口或用电子社保卡查询。');
    await tap(visible(page, 'form-reject-submit'));
    await waitText(page, 'case-summary', '不予受理');
    await screenshot('case-rejected');

    // ——— 合并重复、等级、公开 ———
    await page.goto(`${host.url}/#/pages-admin/case/index?id=${duplicate.caseId}`);
    await tap(visible(page, 'severity-complex'));
    await page.locator('[data-testid="severity-complex"].staff-chip--on').filter({ visible: true }).first().waitFor();
    await tap(visible(page, 'action-merge'));
    const target = visible(page, 'merge-panel').locator('[data-testid="merge-candidate"]', { hasText: '垃圾堆了三天' });
    await target.waitFor();
    await screenshot('merge-panel');
    await tap(target.getByRole('button', { name: /^合并到这件：8栋门口垃圾堆了三天没人清。，/ }));
    await waitText(page, 'case-summary', '已合并');
    await expect(visible(page, 'case-summary').innerText()).resolves.toContain(original.caseId);

    const statuses = await Promise.all(
      [pending, toEscalate, toReject, duplicate].map(
        async (c) => (await admin.call<{ case: { status: string } }>('admin', 'getCase', { caseId: c.caseId })).case.status,
      ),
    );
    expect(statuses).toEqual(['assigned', 'escalated', 'rejected', 'merged']);

    // ——— 案件筛选与分页 ———
    await page.goto(`${host.url}/#/pages-admin/cases/index`);
    const cases = visible(page, 'page-admin-cases');
    await tap(cases.getByRole('radiogroup', { name: '按状态查看' }).getByRole('radio', { name: '全部', exact: true }));
    await cases.getByRole('radio', { name: '全部', exact: true, checked: true }).waitFor();
    await expect(cases.getByRole('radio', { name: '办理中', exact: true }).getAttribute('aria-checked')).resolves.toBe('false');
    await until(
      'the whole list is counted',
      async () => Number(/共 (\d+) 件/.exec(await visible(page, 'case-total').innerText())?.[1] ?? 0) > 20,
    );
    await visible(page, 'load-more').waitFor();
    await tap(cases.getByRole('button', { name: /^展开筛选/ }));
    await tap(cases.getByRole('radiogroup', { name: '网格' }).getByRole('radio', { name: '第二网格', exact: true }));
    await cases.getByRole('radio', { name: '第二网格', exact: true, checked: true }).waitFor();
    await tap(visible(page, 'filter-date-today'));
    await screenshot('cases-filters');
    await tap(visible(page, 'filter-done'));
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const expected = await admin.call<{ total: number }>('admin', 'listCases', { gridId: GRID2, from: today, to: today, limit: 1 });
    expect(expected.total).toBeGreaterThanOrEqual(5);
    await waitText(page, 'case-total', `共 ${expected.total} 件`);
    for (const c of [pending, toEscalate, toReject, duplicate])
      await visible(page, 'admin-case-list').locator(`[data-case-id="${c.caseId}"]`).waitFor();
    await screenshot('cases-filtered');
    // 只看超时 is a check box: its state is read out and follows a tap.
    const overdue = cases.getByRole('checkbox', { name: '只看超时' });
    await expect(overdue.getAttribute('aria-checked')).resolves.toBe('false');
    await tap(overdue);
    await cases.getByRole('checkbox', { name: '只看超时', checked: true }).waitFor();
    await tap(overdue);
    await cases.getByRole('checkbox', { name: '只看超时', checked: false }).waitFor();

    // ——— 网格户数超过上限 ———
    await page.goto(`${host.url}/#/pages-admin/org/index`);
    const grid = visible(page, 'page-org').locator(`[data-grid-id="${GRID2}"]`);
    await tap(byTestId(grid, 'grid-edit-households'));
    await grid.locator('[data-testid="grid-households-input"] input').fill('600');
    await tap(byTestId(grid, 'grid-households-save'));
    await grid.locator('[data-testid="grid-error"]', { hasText: '城市社区每个网格不超过500户' }).waitFor();
    await screenshot('org-households-limit');

    // ——— 配置：节假日由街道设置，社区只读（类别与时限方案的修改见 staff-config） ———
    await page.goto(`${host.url}/#/pages-admin/config/index`);
    await visible(page, 'category-row').waitFor();
    await tap(visible(page, 'config-section-holidays'));
    await visible(page, 'config-read-only').waitFor();
    await expect(visible(page, 'config-holidays').locator('[data-testid="holiday-form"]').count()).resolves.toBe(0);
    await screenshot('config-holidays');

    // ——— 考核与台账 ———
    await page.goto(`${host.url}/#/pages-admin/stats/index`);
    const stats = visible(page, 'page-stats');
    // A unit's row is a button that says its rank and score and that a tap shows the details.
    await stats
      .getByRole('button', { name: /网格，(第\d+名|未排名)，(\d+(\.\d+)?分|无得分)，展开明细$/ })
      .first()
      .waitFor();
    await screenshot('stats');
    await tap(stats.getByRole('radiogroup', { name: '按什么排名' }).getByRole('radio', { name: '按成员' }));
    await waitText(page, 'stats-body', '排名（成员）');
    const [download] = await Promise.all([page.waitForEvent('download'), tap(visible(page, 'export-cases'))]);
    const note = await visible(page, 'export-note').innerText();
    const rowCount = Number(/(\d+) 行/.exec(note)![1]);
    const file = await download.path();
    const sheet = await readSheet(readFileSync(file));
    expect(download.suggestedFilename()).toMatch(/^渝园社区_诉求台账_\d{4}年\d{1,2}月\.xlsx$/);
    expect(sheet.title).toContain('渝园社区');
    expect(sheet.rows).toHaveLength(rowCount);
    const ids = sheet.rows.map((r) => r[sheet.header.indexOf('编号')]);
    // 编号 is the number people say.
    for (const c of [pending, toEscalate, toReject, original, duplicate]) expect(ids).toContain(c.caseNo);
    const status = sheet.header.indexOf('办理状态');
    expect(sheet.rows.find((r) => r[0] === toReject.caseNo)![status]).toBe('不予受理');
    await screenshot('stats-exported');

    // ——— 周报 ———
    await page.goto(`${host.url}/#/pages-admin/weekly/index`);
    await visible(page, 'weekly-summary').waitFor();
    await screenshot('weekly');

    expect(session.pageErrors).toEqual([]);
  }));
