/**
 * 代登记与电话回访（管理页）：社区书记在「代登记」里为来电的群众登记诉求（姓名、电话、12345工单号）→
 * 按类别派给楼栋物管员，案件页显示来源和群众（公示栏不显示）→ 物管员办结 → 书记在「电话回访」里
 * 拨打群众电话、记录「满意」→ 诉求已办结，评价写明电话回访人。
 */
import { typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, PNG, tap, waitText } from './staff-support';

const TICKET = 'GD20261207-0042';

test('社区书记代登记12345工单，办结后电话回访记录满意', () =>
  onOwnHost(async ({ host, open }) => {
    const admin = await open('intake-admin');
    const a = admin.page;
    await openAs(a, host, 'demo-admin-1');
    await tap(visible(a, 'tab-work'));
    await tap(visible(a, 'entry-intake'));
    await visible(a, 'page-intake').waitFor();

    // A bad form changes nothing: the name is missing.
    await tap(visible(a, 'intake-channel-hotline'));
    await typeInto(a, 'intake-ticket', TICKET);
    await tap(visible(a, 'intake-submit'));
    await waitText(a, 'intake-error', '请填写群众姓名');

    await typeInto(a, 'intake-name', '周大爷');
    await typeInto(a, 'intake-phone', '13877776666');
    await tap(visible(a, 'intake-grid-sf-yuyuan-g1'));
    await tap(visible(a, 'intake-building-sf-yuyuan-g1-b1'));
    await tap(visible(a, 'intake-category-cat-01'));
    await typeInto(a, 'intake-description', '1栋楼道灯不亮，晚上看不见台阶');
    await admin.screenshot('intake-form');
    await tap(visible(a, 'intake-submit'));
    await visible(a, 'intake-done').waitFor();
    await waitText(a, 'intake-done-status', '待受理');
    // The number the admin reads back to the caller: per street and month, e.g. 2612-0042.
    expect(await visible(a, 'intake-done-no').innerText()).toMatch(/\d{4}-\d{4}/);
    await admin.screenshot('intake-done');

    // The case as the admin sees it: the channel with its 工单号, the resident's name.
    await tap(visible(a, 'intake-open'));
    await waitText(a, 'case-source', `代登记·12345热线 ${TICKET}`);
    await waitText(a, 'case-contact-name', '周大爷');
    const caseId = (await visible(a, 'case-id').innerText()).replace(/^编号\s*/, '').trim();

    // The board shows neither the name nor the phone.
    const anon = await apiAs(host, 'demo-resident-2');
    const onBoard = JSON.stringify(await anon.call('board', 'getCase', { caseId }));
    expect(onBoard).not.toContain('周大爷');
    expect(onBoard).not.toContain('13877776666');

    // The building steward accepts and resolves it.
    const steward = await apiAs(host, 'demo-11-building-steward');
    await steward.call('member', 'acceptCase', { caseId });
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'after.png');
    const res = await fetch(`${host.url}/api/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${steward.token}` },
      body: form,
    });
    const { fileId } = ((await res.json()) as { data: { fileId: string } }).data;
    await steward.call('member', 'resolveCase', { caseId, result: '已更换灯泡，恢复照明', photos: [fileId] });

    // 电话回访: the admin calls and records 满意.
    await a.goto(`${host.url}/#/pages-admin/intake/index?mode=callback`);
    const line = visible(a, `callback-${caseId}`);
    await line.waitFor();
    await expect(line.innerText()).resolves.toContain('周大爷');
    await expect(line.locator(`[data-testid="callback-phone-${caseId}"]`).innerText()).resolves.toContain('13877776666');
    await tap(visible(a, `callback-start-${caseId}`));
    await tap(visible(a, 'callback-rating-satisfied'));
    await typeInto(a, 'callback-note', '周大爷说灯已经亮了');
    await admin.screenshot('callback-form');
    await tap(visible(a, 'callback-save'));
    await waitText(a, 'callback-saved', '已记录电话回访：满意');
    await line.waitFor({ state: 'detached' });

    const after = await apiAs(host, 'demo-admin-1');
    const detail = await after.call<{ case: { status: string; rating: { valueName: string; phone?: { roleName: string } } } }>(
      'admin',
      'getCase',
      { caseId },
    );
    expect(detail.case.status).toBe('closed');
    expect(detail.case.rating).toMatchObject({ valueName: '满意', phone: { roleName: '社区管理员' } });
  }));
