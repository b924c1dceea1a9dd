/**
 * Every text field of the staff pages moved onto the labelled field is named by a visible label
 * tied to it (not by its placeholder alone): 配置 (问题类别, 时限方案, 节假日, 订阅消息, 考核权重),
 * 网格与人员 (户数, 楼栋, 楼栋位置, 成员, 新网格), 案件 (搜索, 批量改派), the case page (合并, 改派,
 * 不予受理: the shared action form) and 公开内容审核. Each form is opened as a user opens it; the check waits for its fields.
 */
import { byTestId, visible } from './support/browser';
import { expectFieldsLabelled } from './support/labels';
import { apiAs, onOwnHost, openAs, submitCase, tap } from './staff-support';

test('街道管理员：配置页每个输入框都有关联的标签', () =>
  onOwnHost(async ({ host, browse }) => {
    const { page } = await browse('staff-labels-config');
    await openAs(page, host, 'demo-street-admin', '/pages-admin/config/index');
    await visible(page, 'page-config').waitFor();

    await tap(visible(page, 'config-categories').locator('.config__item-head').first());
    await tap(visible(page, 'category-new'));
    await expectFieldsLabelled(page, ['category-name-input', 'category-examples-input', 'category-form-name', 'category-form-icon']);

    await tap(visible(page, 'config-section-policies'));
    await tap(visible(page, 'policy-copy'));
    await expectFieldsLabelled(page, [
      'policy-name',
      'policy-simple-respond-amount',
      'policy-simple-resolve-amount',
      'policy-department-amount',
      'policy-street-amount',
      'policy-rating-days',
    ]);

    await tap(visible(page, 'config-section-holidays'));
    await expectFieldsLabelled(page, ['holiday-import-text', 'holiday-note']);

    await tap(visible(page, 'config-section-templates'));
    const templates = await expectFieldsLabelled(page, ['template-id-task_new', 'template-fields-task_new']);
    // One label per template row and field, each naming its own field.
    expect(new Set(templates.map((f) => f.id)).size).toBe(templates.length);

    await tap(visible(page, 'config-section-weights'));
    await expectFieldsLabelled(page, ['weight-input-response']);
  }));

test('社区书记：网格与人员、案件、案件详情、审核页每个输入框都有关联的标签', () =>
  onOwnHost(async ({ host, browse }) => {
    const resident = await apiAs(host, 'demo-resident-2');
    const filed = await submitCase(resident, {
      buildingId: 'sf-yuyuan-g1-b1',
      categoryId: 'cat-01',
      description: '1栋楼道灯不亮，晚上看不清台阶，联系电话13812345678。',
    });
    const { page } = await browse('staff-labels-admin');
    await openAs(page, host, 'demo-admin-1', '/pages-admin/org/index');

    // 网格与人员: a grid's 户数, a building's position, a new member, a new grid.
    const grid = visible(page, 'grid-card');
    await tap(byTestId(grid, 'grid-edit-households').first());
    await tap(byTestId(grid, 'building-edit-location').first());
    await tap(byTestId(grid, 'member-add').first());
    await tap(visible(page, 'grid-new'));
    const org = await expectFieldsLabelled(page, [
      'grid-households-input',
      'building-lat',
      'building-lng',
      'building-name',
      'member-name',
      'member-phone',
      'grid-name',
      'grid-households-new',
    ]);
    // Every grid has its own 新楼栋 field, each tied to its own label.
    expect(new Set(org.map((f) => f.id)).size).toBe(org.length);

    // 案件: the search box, and the bulk bar's 改派理由.
    await page.goto(`${host.url}/#/pages-admin/cases/index`);
    await visible(page, 'admin-case-list').locator(`[data-case-id="${filed.caseId}"]`).waitFor();
    await tap(visible(page, 'select-toggle'));
    await tap(visible(page, 'case-pick-box'));
    await tap(visible(page, 'bulk-reassign'));
    await expectFieldsLabelled(page, ['case-search', 'reassign-reason']);

    // The case page (filed by category to the building's 楼栋物管员): 合并, 改派 to another member, 不予受理.
    await page.goto(`${host.url}/#/pages-admin/case/index?id=${encodeURIComponent(filed.caseId)}`);
    await tap(visible(page, 'action-merge'));
    await expectFieldsLabelled(page, ['merge-target']);
    await tap(visible(page, 'merge-cancel'));
    await tap(visible(page, 'action-reject'));
    await expectFieldsLabelled(page, ['form-reject-text']);
    await tap(visible(page, 'form-reject-cancel'));
    await tap(visible(page, 'action-assign'));
    await tap(byTestId(visible(page, 'assign-panel'), 'assign-to').first());
    await expectFieldsLabelled(page, ['reassign-one-reason']);

    // 公开内容审核: 修改后公开 and 不公开 name their text.
    await page.goto(`${host.url}/#/pages-admin/review/index`);
    await tap(visible(page, 'review-edit'));
    await expectFieldsLabelled(page, ['review-edit-text']);
    await tap(visible(page, 'review-cancel'));
    await tap(visible(page, 'review-private'));
    await expectFieldsLabelled(page, ['review-private-reason']);
  }));
