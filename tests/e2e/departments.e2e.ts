/**
 * 职能部门（#18.8）：街道管理员在「管理 → 职能部门」添加部门（重名被拒）→ 改名 → 停用（先确认；已派给它的
 * 诉求列出来）→ 停用的部门不再出现在「派遣职能部门」里，街道把它的诉求改派给别的部门 → 重新启用。
 * 社区书记只能查看。
 */
import { byTestId, typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, submitCase, tap, until, waitText } from './staff-support';

test('街道添加、改名、停用职能部门，停用的部门不能再被派遣，已派的诉求可改派', () =>
  onOwnHost(async ({ host, open }) => {
    const street = await open('departments-street');
    const s = street.page;
    await openAs(s, host, 'demo-street-admin');
    await tap(visible(s, 'tab-work'));
    await tap(visible(s, 'entry-departments'));
    const page = visible(s, 'page-departments');
    await page.locator('[data-testid="dept-card"]').first().waitFor();
    const cards = () => page.locator('[data-testid="dept-card"]');
    const before = await cards().count();

    // ——— 重名被拒，什么也不改 ———
    await tap(visible(s, 'dept-new'));
    await typeInto(s, 'dept-name', '双福 派出所');
    await tap(visible(s, 'dept-save'));
    await waitText(s, 'dept-form-error', '本街道已有名为「双福派出所」的部门');
    await expect(cards().count()).resolves.toBe(before);

    // ——— 添加 ———
    await typeInto(s, 'dept-name', '应急管理办');
    await typeInto(s, 'dept-handles', '安全隐患、防汛抗旱');
    await tap(visible(s, 'dept-category-cat-01'));
    await typeInto(s, 'dept-phone', '023-42871234');
    await street.screenshot('department-form');
    await tap(visible(s, 'dept-save'));
    const card = cards().filter({ hasText: '应急管理办' });
    await card.waitFor();
    await expect(cards().count()).resolves.toBe(before + 1);
    await expect(byTestId(card, 'dept-card-handles').innerText()).resolves.toContain('安全隐患、防汛抗旱');
    await expect(byTestId(card, 'dept-card-phone').innerText()).resolves.toContain('023-42871234');
    const deptId = (await card.getAttribute('data-dept-id'))!;

    // ——— 改名 ———
    await tap(byTestId(card, 'dept-edit'));
    await typeInto(s, 'dept-name', '街道应急办');
    await tap(visible(s, 'dept-save'));
    const renamed = page.locator(`[data-dept-id="${deptId}"]`);
    await waitText(s, 'page-departments', '街道应急办');
    await expect(byTestId(renamed, 'dept-card-name').innerText()).resolves.toBe('街道应急办');

    // ——— 一件诉求吹哨到街道并派给它 ———
    const resident = await apiAs(host, 'demo-resident-4');
    const communityAdmin = await apiAs(host, 'demo-admin-2');
    const streetApi = await apiAs(host, 'demo-street-admin');
    const filed = await submitCase(resident, {
      buildingId: 'sf-xinglong-g1-b2',
      categoryId: 'cat-01',
      description: '小区围墙开裂倾斜，下雨后更严重，旁边是孩子上学的路。',
    });
    await communityAdmin.call('admin', 'escalateCase', { caseId: filed.caseId, reason: '围墙安全隐患，需街道协调应急部门。' });
    await streetApi.call('admin', 'dispatchDepartment', { caseId: filed.caseId, departmentId: deptId, note: '请到场排查' });
    await s.reload();
    await byTestId(renamed, 'dept-card-open').waitFor();
    await waitText(s, 'page-departments', '未办结诉求：1 件');

    // ——— 停用：先确认，已派的诉求列出 ———
    await tap(byTestId(renamed, 'dept-stop'));
    const modal = s.locator('.taro-modal__content').filter({ visible: true });
    await modal.waitFor();
    await expect(modal.innerText()).resolves.toContain('停用「街道应急办」后不能再派它报到');
    await modal.locator('.taro-model__confirm').click();
    await byTestId(renamed, 'dept-open-case').waitFor();
    await expect(renamed.getAttribute('data-active')).resolves.toBe('false');
    await expect(byTestId(renamed, 'dept-open-case').innerText()).resolves.toContain('待报到');
    await street.screenshot('department-stopped');

    // Another case whistled up: the stopped department is refused.
    const second = await submitCase(resident, {
      buildingId: 'sf-xinglong-g1-b2',
      categoryId: 'cat-01',
      description: '楼下排水沟堵塞，雨天积水漫进一楼住户家里。',
    });
    await communityAdmin.call('admin', 'escalateCase', { caseId: second.caseId, reason: '排水改造需街道协调。' });
    await expect(streetApi.call('admin', 'dispatchDepartment', { caseId: second.caseId, departmentId: deptId })).rejects.toThrow(
      '请选择本街道在用的职能部门',
    );

    // ——— 改派：打开诉求，停用的部门不在可选之列 ———
    await tap(byTestId(renamed, 'dept-open-case'));
    await visible(s, 'page-admin-case').waitFor();
    await tap(visible(s, 'action-dispatch'));
    await visible(s, 'dispatch-department-dept-police').waitFor();
    await expect(s.locator(`[data-testid="dispatch-department-${deptId}"]`).count()).resolves.toBe(0);
    await tap(visible(s, 'dispatch-department-dept-police'));
    await typeInto(s, 'form-dispatch-text', '原部门已停用，请派出所到场。');
    await tap(visible(s, 'form-dispatch-submit'));
    await waitText(s, 'case-summary', '双福派出所');
    await expect(visible(s, 'staff-timeline').innerText()).resolves.toContain('改派：请双福派出所');
    await street.screenshot('department-case-redispatched');

    // A case whistled up to the street: the stopped department is not offered.
    await s.goto(`${host.url}/#/pages-admin/case/index?id=${second.caseId}`);
    await visible(s, 'page-admin-case').waitFor();
    await tap(visible(s, 'action-dispatch'));
    await visible(s, 'dispatch-department-dept-police').waitFor();
    await expect(s.locator(`[data-testid="dispatch-department-${deptId}"]`).count()).resolves.toBe(0);
    await s.goto(`${host.url}/#/pages-admin/departments/index`);

    // ——— 重新启用 ———
    await visible(s, 'page-departments').waitFor();
    await tap(byTestId(visible(s, 'page-departments').locator(`[data-dept-id="${deptId}"]`), 'dept-restart'));
    await until(
      'the department is in use again',
      async () => (await visible(s, 'page-departments').locator(`[data-dept-id="${deptId}"]`).getAttribute('data-active')) === 'true',
    );

    // ——— 社区书记只能查看 ———
    const admin = await open('departments-community');
    const a = admin.page;
    await openAs(a, host, 'demo-admin-1');
    await tap(visible(a, 'tab-work'));
    await tap(visible(a, 'entry-departments'));
    await visible(a, 'depts-readonly').waitFor();
    await visible(a, 'page-departments').locator(`[data-dept-id="${deptId}"]`).waitFor();
    await expect(a.locator('[data-testid="dept-new"], [data-testid="dept-stop"], [data-testid="dept-edit"]').count()).resolves.toBe(0);
    await admin.screenshot('departments-readonly');
  }));
