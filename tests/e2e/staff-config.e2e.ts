/**
 * 配置：社区书记把一类问题改派给本社区的另一个角色，新建并启用自定义时限方案，再修改它；
 * 街道管理员新增、改名、停用类别，看到各社区的调整。每一步都核对服务器上的效果。
 */
import { byTestId, typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, submitCase, tap, until, waitText } from './staff-support';

interface Category {
  id: string;
  name: string;
  roleName: string;
  active: boolean;
  overrides: { communityId: string; role: string }[];
}
interface Policy {
  id: string;
  name: string;
  preset: boolean;
  communityId?: string;
  limits: Record<string, { respond: { amount: number; unit: string }; resolve: { amount: number; unit: string } }>;
  ratingWindowDays: number;
  reminderShare: number;
  usedBy: { id: string }[];
}

const YUYUAN = 'sf-yuyuan';
const REPAIR = 'cat-01'; // 设施维修 → 楼栋物管员 by the street's default

test('社区书记调整类别派给的角色，新建并启用自定义时限方案', () =>
  onOwnHost(async ({ host, browse }) => {
    const admin = await apiAs(host, 'demo-admin-1');
    const resident = await apiAs(host, 'demo-resident-2');

    const session = await browse('staff-config');
    const { page, screenshot } = session;
    await openAs(page, host, 'demo-admin-1', '/pages-admin/config/index');
    await visible(page, 'page-config').waitFor();

    // ——— 类别：本社区把「设施维修」改派给网格员 ———
    const row = visible(page, 'config-categories').locator(`[data-category-id="${REPAIR}"]`);
    await expect(byTestId(row, 'category-role').innerText()).resolves.toContain('楼栋物管员');
    await screenshot('config-categories');
    await tap(row.locator('.config__item-head'));
    await byTestId(row, 'category-editor').waitFor();
    // A community admin edits only the community's role, not the street's list.
    await expect(byTestId(row, 'category-name-input').count()).resolves.toBe(0);
    await tap(byTestId(row, `category-community-role-${REPAIR}-grid_worker`));
    await row.locator('[data-testid="category-role"]', { hasText: '网格员' }).waitFor();
    await row.getByText('本社区已调整').waitFor();
    await screenshot('config-category-override');

    const here = await submitCase(resident, {
      buildingId: `${YUYUAN}-g1-b1`,
      categoryId: REPAIR,
      description: '1栋楼道灯不亮，晚上看不清台阶。',
    });
    const elsewhere = await submitCase(await apiAs(host, 'demo-resident-4'), {
      buildingId: 'sf-xinglong-g1-b2',
      categoryId: REPAIR,
      description: '2栋单元门的闭门器坏了，门关不上。',
    });
    expect(here.holder?.role).toBe('grid_worker');
    expect(elsewhere.holder?.role).toBe('building_steward');
    const timeline = await admin.call<{ timeline: { note?: string }[] }>('admin', 'getCase', { caseId: here.caseId });
    expect(timeline.timeline.map((e) => e.note ?? '').join('\n')).toContain('按类别「设施维修」派给网格员');

    await tap(byTestId(row, 'category-community-reset'));
    await row.locator('[data-testid="category-role"]', { hasText: '楼栋物管员' }).waitFor();
    const cats = await admin.call<{ items: Category[] }>('admin', 'listCategories');
    expect(cats.items.find((c) => c.id === REPAIR)!.overrides).toEqual([]);

    // ——— 时限方案：以三日办结为基础新建「汛期加急」，一般问题8小时办结，保存即启用 ———
    await tap(visible(page, 'config-section-policies'));
    const community = visible(page, 'config-policies').locator(`[data-community-id="${YUYUAN}"]`);
    await expect(byTestId(community, 'policy-current').innerText()).resolves.toContain('三日办结');
    await tap(byTestId(visible(page, 'config-policies').locator('[data-policy-id="three-day"]'), 'policy-copy'));
    await visible(page, 'policy-editor').waitFor();
    await typeInto(page, 'policy-name', '汛期加急');
    await typeInto(page, 'policy-simple-resolve-amount', '');
    await tap(visible(page, 'policy-save'));
    await waitText(page, 'error-line', '一般问题的办结时限请填写大于0的整数');
    await typeInto(page, 'policy-simple-resolve-amount', '8');
    await tap(visible(page, 'policy-simple-resolve-unit-hours'));
    await typeInto(page, 'policy-rating-days', '5');
    await tap(visible(page, 'policy-share-0.9'));
    await screenshot('config-policy-editor');
    await tap(visible(page, 'policy-save'));
    await visible(page, 'policy-editor').waitFor({ state: 'detached' });
    await waitText(page, 'policy-current', '汛期加急');
    await screenshot('config-policy-applied');

    const policies = await admin.call<{ items: Policy[] }>('admin', 'listPolicies');
    const custom = policies.items.find((p) => p.name === '汛期加急')!;
    expect(custom).toMatchObject({
      preset: false,
      communityId: YUYUAN,
      ratingWindowDays: 5,
      reminderShare: 0.9,
      usedBy: [{ id: YUYUAN }],
      limits: { simple: { respond: { amount: 24, unit: 'hours' }, resolve: { amount: 8, unit: 'hours' } } },
    });

    // A new case in 渝园 runs on it: accepted now, due 8 hours later instead of 3 working days.
    const timed = await submitCase(resident, {
      buildingId: `${YUYUAN}-g1-b1`,
      categoryId: REPAIR,
      description: '1栋门口井盖松动，踩上去会响。',
    });
    expect(timed.holder?.role).toBe('building_steward');
    const steward = await apiAs(host, 'demo-11-building-steward');
    await steward.call('member', 'acceptCase', { caseId: timed.caseId });
    const accepted = await admin.call<{ case: { deadlines: { resolveBy?: string } } }>('admin', 'getCase', { caseId: timed.caseId });
    const hoursLeft = (Date.parse(accepted.case.deadlines.resolveBy!) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(7.9);
    expect(hoursLeft).toBeLessThanOrEqual(8);

    // ——— 修改自定义方案 ———
    const customRow = visible(page, 'config-policies').locator(`[data-policy-id="${custom.id}"]`);
    await tap(byTestId(customRow, 'policy-edit'));
    await visible(page, 'policy-editor').getByText('修改自定义方案').waitFor();
    await typeInto(page, 'policy-name', '汛期加急（修订）');
    await tap(visible(page, 'policy-overdue-tell'));
    await tap(visible(page, 'policy-save'));
    await visible(page, 'policy-editor').waitFor({ state: 'detached' });
    await waitText(page, 'policy-current', '汛期加急（修订）');
    const edited = (await admin.call<{ items: (Policy & { autoEscalateOnOverdue: boolean })[] }>('admin', 'listPolicies')).items.find(
      (p) => p.id === custom.id,
    )!;
    expect(edited).toMatchObject({ name: '汛期加急（修订）', autoEscalateOnOverdue: false, usedBy: [{ id: YUYUAN }] });
    await screenshot('config-policy-edited');

    expect(session.pageErrors).toEqual([]);
  }));

test('街道管理员新增、改名、停用类别，并看到各社区的调整', () =>
  onOwnHost(async ({ host, browse }) => {
    const resident = await apiAs(host, 'demo-resident-2');
    await (
      await apiAs(host, 'demo-admin-1')
    ).call('admin', 'setCategoryRole', {
      communityId: YUYUAN,
      categoryId: REPAIR,
      role: 'owners_committee',
    });

    const session = await browse('staff-config-street');
    const { page, screenshot } = session;
    await openAs(page, host, 'demo-street-admin', '/pages-admin/config/index');
    const repair = visible(page, 'config-categories').locator(`[data-category-id="${REPAIR}"]`);
    await expect(byTestId(repair, 'category-overrides').innerText()).resolves.toContain('渝园社区 → 业委会成员');

    // ——— 新增：先漏填，再填一个已有的名字，最后填对 ———
    await tap(visible(page, 'category-new'));
    await visible(page, 'category-form').waitFor();
    await tap(visible(page, 'category-form-submit'));
    await waitText(page, 'error-line', '请填写类别名称');
    await typeInto(page, 'category-form-name', '设施维修');
    await tap(visible(page, 'category-form-submit'));
    await waitText(page, 'error-line', '请选择这类问题派给谁');
    await tap(visible(page, 'category-form-role-grid_worker'));
    await tap(visible(page, 'category-form-submit'));
    await waitText(page, 'error-line', '已有名为「设施维修」的类别');
    await typeInto(page, 'category-form-name', '路灯照明');
    await typeInto(page, 'category-form-icon', '💡');
    await tap(visible(page, 'category-form-kind-hazard'));
    await screenshot('config-category-new');
    await tap(visible(page, 'category-form-submit'));
    const created = visible(page, 'config-categories').locator('[data-testid="category-row"]', { hasText: '路灯照明' });
    await created.waitFor();
    await expect(byTestId(created, 'category-role').innerText()).resolves.toContain('网格员');

    type ResidentCategory = { id: string; name: string; roleName: string; kind: string };
    const offered = async () => (await resident.call<{ items: ResidentCategory[] }>('resident', 'listCategories')).items;
    const lamp = (await offered()).find((c) => c.name === '路灯照明')!;
    expect(lamp).toMatchObject({ roleName: '网格员', kind: 'hazard' });
    const filed = await submitCase(resident, {
      buildingId: `${YUYUAN}-g1-b1`,
      categoryId: lamp.id,
      description: '小区东门路灯坏了一周，晚上很黑。',
    });
    expect(filed.holder?.role).toBe('grid_worker');

    // ——— 改名、停用 ———
    await tap(created.locator('.config__item-head'));
    await typeInto(page, 'category-name-input', '路灯维修');
    await tap(byTestId(created, 'category-rename'));
    const renamed = visible(page, 'config-categories').locator(`[data-category-id="${lamp.id}"]`);
    await renamed.getByText('路灯维修').first().waitFor();
    await tap(byTestId(renamed, 'category-toggle'));
    await renamed.getByText('已停用').waitFor();
    // A stopped category routes nothing, so no community can re-route it.
    await expect(byTestId(renamed, 'category-community').count()).resolves.toBe(0);
    await screenshot('config-category-off');
    await until('the resident no longer sees it', async () => !(await offered()).some((c) => c.id === lamp.id));

    // ——— 举例：街道改写居民看到的举例，上报页随之显示 ———
    await tap(repair.locator('.config__item-head'));
    await byTestId(repair, 'category-examples-input').waitFor();
    // No words of the street's own yet: the box is empty and says residents see the default.
    const box = byTestId(repair, 'category-examples-input').locator('textarea');
    await expect(box.inputValue()).resolves.toBe('');
    await expect(box.getAttribute('placeholder')).resolves.toContain('默认举例');
    await typeInto(page, 'category-examples-input', '楼道灯、单元门、电梯、水管等楼栋里的设施坏了');
    await tap(byTestId(repair, 'category-examples-save'));
    const examplesOf = async () =>
      (await resident.call<{ items: { id: string; examples: string }[] }>('resident', 'listCategories')).items.find((c) => c.id === REPAIR)!
        .examples;
    await until('the resident sees the new examples', async () => (await examplesOf()) === '楼道灯、单元门、电梯、水管等楼栋里的设施坏了');
    await screenshot('config-category-examples');
    expect(session.pageErrors).toEqual([]);

    const report = await browse('staff-config-report');
    await openAs(report.page, host, 'demo-resident-2');
    await tap(visible(report.page, 'report-button'));
    await tap(visible(report.page, `category-${REPAIR}`));
    await waitText(report.page, 'category-examples', '楼道灯、单元门、电梯、水管等楼栋里的设施坏了');
    await report.screenshot('report-category-examples');
  }));
