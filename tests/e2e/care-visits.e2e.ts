/**
 * 走访关爱：社区书记登记一位烈属，默认交给本网格党小组长 → 党小组长的工作台提示逾期未访的对象 →
 * 打开走访关爱，登记本次走访和一条需求 → 需求一键转为诉求（来源走访，双向关联）→ 公示栏只显示走访人次。
 */
import { byTestId, typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, tap, waitText } from './staff-support';

const GRID = 'sf-yuyuan-g1';
const LEADER = 'demo-11-party-leader';
const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

test('登记走访对象，党小组长走访并把需求转为诉求，公示栏只显示人次', () =>
  onOwnHost(async ({ host, open }) => {
    const adminApi = await apiAs(host, 'demo-admin-1');
    const leaderApi = await apiAs(host, LEADER);

    // An overdue person, set up through the API: 孤寡老人 every 2 days, last visited 3 days ago.
    await adminApi.call('community', 'carePlan', { communityId: 'sf-yuyuan', group: 'lonely_elderly', days: 2 });
    const lateVisitOn = chinaDate(new Date(Date.now() - 3 * 86_400_000));
    const late = await adminApi.call<{ id: string }>('community', 'careSave', {
      gridId: GRID,
      name: '赵奶奶',
      groups: ['lonely_elderly'],
      address: '3栋101',
    });
    await leaderApi.call('member', 'careRecordVisit', {
      requestId: 'e2e-care-visit-0001',
      subjectId: late.id,
      visitedOn: lateVisitOn,
      found: '身体还好',
    });

    // ——— 社区书记：登记一位烈属 ———
    const admin = await open('care-admin');
    const a = admin.page;
    await openAs(a, host, 'demo-admin-1');
    await tap(visible(a, 'tab-work'));
    await tap(visible(a, 'entry-care'));
    await visible(a, 'page-care').waitFor();
    await tap(visible(a, 'care-add'));
    await tap(visible(a, `care-grid-${GRID}`));
    await typeInto(a, 'care-name', '王秀英');
    await tap(visible(a, 'care-group-martyr_family'));
    await typeInto(a, 'care-address', '1栋2单元301');
    await typeInto(a, 'care-phone', '13800001111');
    await admin.screenshot('care-form');
    await tap(visible(a, 'care-save'));
    const row = visible(a, 'page-care').locator('[data-testid="care-row"]', { hasText: '王秀英' });
    await row.waitFor();
    await expect(byTestId(row, 'care-row-member').innerText()).resolves.toContain('党小组长');
    await admin.screenshot('care-register');

    // ——— 党小组长：工作台提示，走访，转诉求 ———
    const member = await open('care-member');
    const m = member.page;
    await openAs(m, host, LEADER);
    await tap(visible(m, 'tab-work'));
    await visible(m, 'member-desk').waitFor();
    await waitText(m, 'desk-care', '已逾期 1 人');
    await member.screenshot('workbench-care');
    await tap(visible(m, 'entry-visits'));
    await visible(m, 'page-visits').waitFor();
    const first = visible(m, 'page-visits').locator('[data-testid="care-subject"]').first();
    await expect(first.getAttribute('data-state')).resolves.toBe('overdue');
    await expect(first.innerText()).resolves.toContain('赵奶奶');
    await member.screenshot('visits');
    await tap(visible(m, 'page-visits').locator('[data-testid="care-subject"]', { hasText: '王秀英' }));
    await visible(m, 'page-visit').waitFor();
    await waitText(m, 'care-person', '烈属');
    await typeInto(m, 'care-found', '老人精神不错，厨房水管漏水，地面潮湿。');
    await tap(visible(m, 'care-need-add'));
    await typeInto(m, 'care-need-input', '厨房水管漏水需要维修');
    await member.screenshot('visit-form');
    await tap(visible(m, 'care-submit'));
    const visit = visible(m, 'care-visits').locator('[data-testid="care-visit"]').first();
    await visit.waitFor();
    await waitText(m, 'care-due-state', '已走访');
    await tap(byTestId(visit, 'care-need-turn'));
    await tap(visible(m, 'care-turn-category-cat-01'));
    await member.screenshot('turn-to-case');
    await tap(visible(m, 'care-turn-submit'));
    await visible(m, 'page-task').waitFor();
    await waitText(m, 'case-description', '走访发现');
    await member.screenshot('case-from-visit');

    // The case names the visit and the visit names the case.
    const mine = await leaderApi.call<{ items: { id: string; name: string }[] }>('member', 'careMine');
    const wang = mine.items.find((s) => s.name === '王秀英')!;
    const detail = await leaderApi.call<{ visits: { id: string; needs: { caseId?: string }[] }[] }>('member', 'careSubject', {
      subjectId: wang.id,
    });
    const caseId = detail.visits[0]!.needs[0]!.caseId!;
    expect(caseId).toBeTruthy();
    const c = await adminApi.call<{ case: { description: string } }>('admin', 'getCase', { caseId });
    expect(c.case.description).toContain('厨房水管漏水需要维修');
    expect(c.case.description).not.toContain('王秀英');

    // ——— 公示栏：人次，不见人名 ———
    const visitor = await open('care-board');
    const v = visitor.page;
    await v.goto(`${host.url}/#/pages-board/index/index?communityId=sf-yuyuan`);
    const care = visible(v, 'board-care');
    await care.waitFor();
    // Both visits count this year, unless the earlier one fell in the last days of the year before.
    const thisYear = chinaDate(new Date()).slice(0, 4) === lateVisitOn.slice(0, 4) ? '2' : '1';
    await expect(visible(v, 'care-year').innerText()).resolves.toBe(thisYear);
    await expect(visible(v, 'care-covered').innerText()).resolves.toBe(thisYear);
    await expect(v.locator('body').innerText()).resolves.not.toMatch(/王秀英|赵奶奶/);
    await visitor.screenshot('board-care');
  }));
