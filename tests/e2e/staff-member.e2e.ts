/**
 * 五员工作台：社区书记在「网格与人员」添加一名网格员并生成邀请码 → 新人用邀请码绑定，看到角色、网格和职责，
 * 标签栏出现「工作台」→ 接到任务，倒计时 → 一键受理 → 记录进展并拍照 → 办结并拍办理后照片 → 待评价；
 * 再当场办结一件小事，看看小组和休息开关。
 */
import { byTestId, settle, typeInto, visible } from './support/browser';
import { apiAs, attachPhoto, onOwnHost, openAs, submitCase, tap, until, waitText } from './staff-support';

const GRID = 'sf-yuyuan-g1';
const NEWCOMER = 'demo-resident-6';
const NAME = '邓新来';

test('新网格员用邀请码绑定，受理、拍照记进展、办结', () =>
  onOwnHost(async ({ host, open }) => {
    const adminApi = await apiAs(host, 'demo-admin-1');

    // ——— 社区书记：添加成员、生成邀请码 ———
    const admin = await open('staff-member-admin');
    const a = admin.page;
    await openAs(a, host, 'demo-admin-1');
    await tap(visible(a, 'tab-work'));
    await visible(a, 'admin-desk').waitFor();
    await expect(visible(a, 'tab-work').innerText()).resolves.toContain('管理');
    await tap(visible(a, 'entry-org'));
    const grid = visible(a, 'page-org').locator(`[data-grid-id="${GRID}"]`);
    await grid.waitFor();
    await admin.screenshot('org');
    await tap(byTestId(grid, 'member-add'));
    await tap(byTestId(grid, 'member-role-grid_worker'));
    await grid.locator('[data-testid="member-name"] input').fill(NAME);
    await grid.locator('[data-testid="member-phone"] input').fill('13912345678');
    await admin.screenshot('org-add-member');
    await tap(byTestId(grid, 'member-save'));
    const row = grid.locator('[data-testid="org-member"][data-role="grid_worker"]', { hasText: NAME });
    await row.waitFor();
    await tap(byTestId(row, 'member-invite'));
    const code = (await visible(a, 'invite-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    await admin.screenshot('org-invite');

    // ——— 新人：绑定 ———
    const member = await open('staff-member');
    const m = member.page;
    await openAs(m, host, NEWCOMER);
    // A resident sees the four resident tabs, no 工作台.
    await visible(m, 'staff-tab-bar').locator('[data-testid="tab-me"]').waitFor();
    await expect(visible(m, 'staff-tab-bar').locator('[data-testid="tab-work"]').count()).resolves.toBe(0);
    await member.screenshot('resident-tabs');
    await m.goto(`${host.url}/#/pages-member/bind/index`);
    await visible(m, 'page-bind').waitFor();
    await typeInto(m, 'bind-code', code.toLowerCase());
    await member.screenshot('bind');
    await tap(visible(m, 'bind-submit'));
    await visible(m, 'bind-result').waitFor();
    await expect(visible(m, 'bind-role').innerText()).resolves.toBe('网格员');
    await expect(visible(m, 'bind-place').innerText()).resolves.toContain('渝园社区 第一网格');
    await expect(visible(m, 'bind-duties').innerText()).resolves.toContain('网格巡查');
    await member.screenshot('bind-done');

    // A task for the newcomer: 安全隐患 goes to the grid worker with the least open work, which is them.
    const residentApi = await apiAs(host, 'demo-resident-1');
    const filed = await submitCase(residentApi, {
      buildingId: `${GRID}-b2`,
      categoryId: 'cat-04',
      description: '5栋楼道里有电动车充电，电线拖在地上，很危险。',
      contactPhone: '13800001111',
    });
    const members = await adminApi.call<{ items: { id: string; name: string }[] }>('admin', 'listMembers', { gridId: GRID });
    const me = members.items.find((x) => x.name === NAME)!;
    const detail = await adminApi.call<{ case: { holder?: { name: string } } }>('admin', 'getCase', { caseId: filed.caseId });
    if (!detail.case.holder?.name.startsWith('邓')) await adminApi.call('admin', 'assignCase', { caseId: filed.caseId, memberId: me.id });
    // A second task, for the quick 受理 beside its row.
    const quick = await submitCase(residentApi, {
      buildingId: `${GRID}-b3`,
      categoryId: 'cat-04',
      description: '6栋消防通道被杂物堵住了。',
    });
    const quickDetail = await adminApi.call<{ case: { holder?: { name: string } } }>('admin', 'getCase', { caseId: quick.caseId });
    if (!quickDetail.case.holder?.name.startsWith('邓'))
      await adminApi.call('admin', 'assignCase', { caseId: quick.caseId, memberId: me.id });

    await tap(visible(m, 'bind-go-work'));
    await visible(m, 'member-desk').waitFor();
    await expect(visible(m, 'tab-work').innerText()).resolves.toContain('工作台');
    await expect(visible(m, 'member-me').innerText()).resolves.toContain('网格员');
    await visible(m, 'desk-assigned').locator(`[data-case-id="${filed.caseId}"]`).waitFor();
    await member.screenshot('workbench');

    // ——— 任务列表：倒计时，打开 ———
    await tap(visible(m, 'entry-tasks'));
    const card = visible(m, 'task-list').locator(`[data-case-id="${filed.caseId}"]`);
    await card.waitFor();
    await expect(byTestId(card, 'staff-task-clock').innerText()).resolves.toMatch(/剩|超时/);
    await member.screenshot('tasks');
    // Each row's quick 受理 is named by its case (读屏 does not hear 「受理」「受理」 down the list).
    const quickCard = visible(m, 'task-list').locator(`[data-case-id="${quick.caseId}"]`);
    const quickNo = (await byTestId(quickCard, 'case-no').innerText()).replace('编号', '').trim();
    const quickAccept = quickCard.getByRole('button', { name: /^受理 / });
    await expect(quickAccept.getAttribute('aria-label')).resolves.toBe(`受理 ${quickNo} 安全隐患`);
    await expect(byTestId(card, 'quick-accept').getAttribute('aria-label')).resolves.not.toBe(`受理 ${quickNo} 安全隐患`);
    await tap(quickAccept);
    await quickCard.waitFor({ state: 'detached' });
    expect((await adminApi.call<{ case: { status: string } }>('admin', 'getCase', { caseId: quick.caseId })).case.status).toBe(
      'processing',
    );
    // The row is a button named by what it shows (读屏).
    await tap(
      card.getByRole('button', {
        name: /^查看诉求 编号 \S+ 安全隐患，待受理：5栋楼道里有电动车充电，电线拖在地上，很危险。，.+，渝园社区 第一网格/,
      }),
    );
    await visible(m, 'page-task').waitFor();
    await expect(visible(m, 'case-phone').innerText()).resolves.toContain('13800001111');
    await member.screenshot('task');

    // ——— 一键受理 ———
    const task = visible(m, 'page-task');
    await tap(task.getByRole('button', { name: '受理', exact: true }));
    await task.getByRole('button', { name: '记录进展' }).waitFor();
    await waitText(m, 'case-summary', '处理中');

    // ——— 进展 + 照片 ———
    await tap(task.getByRole('button', { name: '记录进展' }));
    await typeInto(m, 'form-progress-text', '已到现场，劝离充电车辆，通知物业加装充电桩。');
    await attachPhoto(m, 'form-progress-photos-add');
    await visible(m, 'form-progress').locator('[data-testid="staff-photo-thumb"]').first().waitFor();
    await member.screenshot('progress-form');
    await tap(visible(m, 'form-progress-submit'));
    await visible(m, 'form-progress').waitFor({ state: 'detached' });
    const timeline = visible(m, 'staff-timeline');
    // Taro's <Image> puts its <img> in once the element has upgraded, a moment after the event shows.
    await timeline.locator('[data-action="progress"] img').first().waitFor({ state: 'attached' });
    await expect(timeline.locator('[data-action="progress"] img').count()).resolves.toBe(1);
    // The photo loads for the handler (GET /files with the case and the token).
    const photo = visible(m, 'case-after-photos').locator('img').first();
    await until('the progress photo has loaded', () =>
      photo.evaluate((el) => {
        const img = el as unknown as { complete: boolean; naturalWidth: number };
        return img.complete && img.naturalWidth > 0;
      }),
    );

    // ——— 办结：没有照片不行，有照片办结 ———
    await tap(task.getByRole('button', { name: '办结', exact: true }));
    await typeInto(m, 'form-resolve-text', '电动车已移走，楼道已清理，物业承诺本周内装好充电桩。');
    await tap(visible(m, 'form-resolve-submit'));
    await expect(visible(m, 'form-resolve-error').innerText()).resolves.toContain('照片');
    await attachPhoto(m, 'form-resolve-photos-add', 'after.png');
    await visible(m, 'form-resolve').locator('[data-testid="staff-photo-thumb"]').first().waitFor();
    await member.screenshot('resolve-form');
    await tap(visible(m, 'form-resolve-submit'));
    await visible(m, 'form-resolve').waitFor({ state: 'detached' });
    await waitText(m, 'case-summary', '待评价');
    await member.screenshot('task-resolved');

    const after = await adminApi.call<{ case: { status: string; photos: { stage: string }[] } }>('admin', 'getCase', {
      caseId: filed.caseId,
    });
    expect(after.case.status).toBe('resolved');
    expect(after.case.photos.map((p) => p.stage).sort()).toEqual(['after', 'progress']);

    // 待评价 tab lists it.
    await m.goBack();
    await visible(m, 'page-tasks').waitFor();
    const tabs = visible(m, 'page-tasks').getByRole('radiogroup', { name: '任务状态' });
    await tap(tabs.getByRole('radio', { name: '待评价' }));
    await tabs.getByRole('radio', { name: '待评价', checked: true }).waitFor();
    await visible(m, 'task-list').locator(`[data-case-id="${filed.caseId}"]`).waitFor();
    await member.screenshot('tasks-resolved');

    // ——— 当场办结：一步，带照片 ———
    await m.goto(`${host.url}/#/pages-member/patrol/index?mode=spot`);
    await visible(m, 'page-patrol').waitFor();
    await tap(visible(m, `patrol-building-${GRID}-b1`));
    await tap(visible(m, 'patrol-category-cat-02'));
    await typeInto(m, 'patrol-description', '单元门口有一袋垃圾');
    await typeInto(m, 'patrol-result', '已当场清理');
    await attachPhoto(m, 'patrol-photos-add', 'spot.png');
    await visible(m, 'patrol-photos').locator('[data-testid="staff-photo-thumb"]').first().waitFor();
    await member.screenshot('close-on-spot');
    await tap(visible(m, 'patrol-submit'));
    await waitText(m, 'patrol-done-status', '已办结');
    await member.screenshot('close-on-spot-done');

    // ——— 巡查上报、小组、休息 ———
    await m.goto(`${host.url}/#/pages-member/patrol/index?mode=report`);
    await visible(m, 'patrol-category').waitFor();
    await member.screenshot('patrol-report');
    await m.goto(`${host.url}/#/pages-member/group/index`);
    await visible(m, 'page-group').locator('[data-testid="group-member"]').nth(5).waitFor();
    await member.screenshot('group');
    await m.goto(`${host.url}/#/pages/workbench/index`);
    await tap(visible(m, 'duty-off'));
    await waitText(m, 'duty-state', '休息');
    await settle(m);
    await member.screenshot('workbench-off-duty');
    const roster = await adminApi.call<{ items: { id: string; onDuty: boolean }[] }>('admin', 'listMembers', { gridId: GRID });
    expect(roster.items.find((x) => x.id === me.id)?.onDuty).toBe(false);

    expect(member.pageErrors).toEqual([]);
    expect(admin.pageErrors).toEqual([]);
  }));
