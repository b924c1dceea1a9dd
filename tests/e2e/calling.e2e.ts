/**
 * 一键拨号（H5 为 tel: 链接）：成员同意公示工作电话后，居民在自己的诉求详情里可拨打办理人；办理人在任务页可拨打居民留下的电话；
 * 社区管理员在「网格与人员」里可拨打成员电话。
 */
import { visible } from './support/browser';
import { apiAs, onOwnHost, openAs, submitCase } from './staff-support';

const STEWARD = 'demo-11-building-steward';

test('居民拨打办理人（经同意的工作电话），办理人拨打居民，管理员拨打成员', () =>
  onOwnHost(async ({ host, browse }) => {
    const residentApi = await apiAs(host, 'demo-resident-1');
    const c = await submitCase(residentApi, {
      buildingId: 'sf-yuyuan-g1-b1',
      categoryId: 'cat-01',
      description: '1栋楼道灯坏了三天，晚上看不见',
      contactPhone: '13800002222',
    });
    expect(c.holder?.role).toBe('building_steward');

    let session = await browse('calling');
    const { page, screenshot } = session;

    // Without the member's consent: no phone on the resident's page.
    await openAs(page, host, 'demo-resident-1', `/pages-resident/case/index?id=${c.caseId}`);
    await visible(page, 'case-holder').waitFor();
    await page.waitForTimeout(1000);
    await expect(page.locator('[data-testid="handler-phone"]').count()).resolves.toBe(0);

    // The steward consents to show a work phone: the resident can call it.
    await (await apiAs(host, STEWARD)).call('member', 'setPublicProfile', { workPhone: '13900001111' });
    await page.reload();
    const call = visible(page, 'handler-phone');
    await call.waitFor();
    await expect(call.getAttribute('href')).resolves.toBe('tel:13900001111');
    const box = (await call.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await screenshot('resident-calls-handler');

    // The steward's task page: the resident's phone, one tap to call.
    session = await browse('calling-handler');
    await openAs(session.page, host, STEWARD, `/pages-member/task/index?id=${c.caseId}`);
    const phone = visible(session.page, 'case-phone');
    await phone.waitFor();
    await expect(phone.getAttribute('href')).resolves.toBe('tel:13800002222');
    expect((await phone.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await session.screenshot('handler-calls-resident');

    // The community admin's 网格与人员: members' phones call.
    session = await browse('calling-admin');
    await openAs(session.page, host, 'demo-admin-1', '/pages-admin/org/index');
    const memberCall = visible(session.page, 'member-call');
    await memberCall.waitFor();
    await expect(memberCall.getAttribute('href')).resolves.toMatch(/^tel:1\d{10}$/);
    expect((await memberCall.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await session.screenshot('admin-calls-member');
  }));
