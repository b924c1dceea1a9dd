/**
 * 院坝会：社区书记登记一次院坝会（网格、地点、议题、参会人数、出席的五员、议定事项、两条群众反映的问题）
 * → 在会议记录上给两条问题选类别，一次登记为两件诉求（渠道 院坝会，双向关联）→ 诉求页写明「来自院坝会」
 * → 公示栏只显示会议场次和问题件数。
 */
import { byTestId, typeInto, visible } from './support/browser';
import { readFileSync } from 'node:fs';
import { apiAs, onOwnHost, openAs, readSheet, tap, waitText } from './staff-support';

const GRID = 'sf-yuyuan-g1';
const TOPIC = '冬季停车与楼道照明';

test('登记院坝会的两条问题成为两件诉求，诉求写明来自院坝会，公示栏显示场次', () =>
  onOwnHost(async ({ host, open }) => {
    const adminApi = await apiAs(host, 'demo-admin-1');

    // ——— 社区书记：登记院坝会 ———
    const admin = await open('meetings-admin');
    const a = admin.page;
    await openAs(a, host, 'demo-admin-1');
    await tap(visible(a, 'tab-work'));
    await tap(visible(a, 'entry-meetings'));
    await visible(a, 'page-meetings').waitFor();
    await tap(visible(a, 'meetings-add'));
    await tap(visible(a, 'meeting-kind-courtyard'));
    await tap(visible(a, `meeting-grid-${GRID}`));
    await typeInto(a, 'meeting-place', '3栋院坝');
    await typeInto(a, 'meeting-topic', TOPIC);
    await typeInto(a, 'meeting-attendance', '32');
    await tap(visible(a, 'meeting-role-party_leader'));
    await tap(visible(a, 'meeting-role-grid_worker'));
    // The roles are checkboxes to a screen reader: the two tapped are checked, the others not.
    await a.locator('[data-testid="meeting-role-grid_worker"][role="checkbox"][aria-checked="true"]').waitFor();
    await expect(a.locator('[data-testid="meeting-roles"][role="group"] [role="checkbox"][aria-checked="true"]').count()).resolves.toBe(2);
    await expect(a.locator('[data-testid="meeting-roles"] [role="checkbox"][aria-checked="false"]').count()).resolves.toBe(3);
    await typeInto(a, 'meeting-decisions', '物业本周内修好楼道灯，周末划定临时停车位');
    await typeInto(a, 'meeting-issue-0', '3栋楼道灯不亮，老人晚上看不见台阶');
    await tap(visible(a, 'meeting-add-issue'));
    await typeInto(a, 'meeting-issue-1', '东门口车辆乱停，堵住消防通道');
    // Each field is named by its label (label for → the real input), not by its placeholder alone.
    await expect(a.getByLabel('会议地点').inputValue()).resolves.toBe('3栋院坝');
    await expect(a.getByLabel('问题 2').inputValue()).resolves.toBe('东门口车辆乱停，堵住消防通道');
    await admin.screenshot('meeting-form');
    await tap(visible(a, 'meeting-save'));

    // ——— 会议记录：两条问题一次登记为诉求 ———
    await visible(a, 'page-meeting').waitFor();
    await waitText(a, 'meeting-attendance-row', '32 人');
    await tap(visible(a, 'meeting-issue-category-0-cat-01'));
    await tap(visible(a, 'meeting-issue-category-1-cat-01'));
    // The first issue names its building (chips of the meeting's grid only) and a phone to call back.
    await tap(visible(a, 'meeting-issue-building-0-sf-yuyuan-g1-b2'));
    await expect(a.locator('[data-testid="meeting-issue-building-0-sf-yuyuan-g2-b1"]').count()).resolves.toBe(0);
    await typeInto(a, 'meeting-issue-phone-0', '1387777');
    await admin.screenshot('meeting-record');
    await tap(visible(a, 'meeting-file-all'));
    await waitText(a, 'meeting-file-error', '第1条问题：联系电话格式不正确');
    await expect(a.locator('[data-testid="meeting-issue-row"][data-filed="yes"]').count()).resolves.toBe(0);
    await typeInto(a, 'meeting-issue-phone-0', '13877776666');
    await tap(visible(a, 'meeting-file-all'));
    await a.locator('[data-testid="meeting-issue-row"][data-filed="yes"] >> visible=true').nth(1).waitFor();
    await expect(a.locator('[data-testid="meeting-issue-case"] >> visible=true').count()).resolves.toBe(2);
    await admin.screenshot('meeting-filed');

    // Both cases carry the channel and name the meeting; the meeting lists both.
    const list = await adminApi.call<{ items: { id: string; filedCount: number }[] }>('community', 'meetingList', {});
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.filedCount).toBe(2);
    const detail = await adminApi.call<{ issues: { caseId: string }[] }>('community', 'meetingDetail', { meetingId: list.items[0]!.id });
    const cases = [];
    for (const issue of detail.issues) {
      const c = await adminApi.call<{
        case: { channelName: string; originLabel: string; originId: string; place: { buildingId?: string }; contactPhone?: string };
      }>('admin', 'getCase', { caseId: issue.caseId });
      expect(c.case).toMatchObject({ channelName: '院坝会', originId: list.items[0]!.id });
      expect(c.case.originLabel).toContain(TOPIC);
      cases.push(c.case);
    }
    expect(cases.map((c) => [c.place.buildingId, c.contactPhone])).toEqual([
      ['sf-yuyuan-g1-b2', '13877776666'],
      [undefined, undefined],
    ]);

    // The case page says where it came from, and leads back to the record.
    await tap(a.locator('[data-testid="meeting-issue-case"] >> visible=true').first());
    await waitText(a, 'case-source', '院坝会');
    await waitText(a, 'case-origin', TOPIC);
    await admin.screenshot('case-from-meeting');
    await tap(visible(a, 'case-origin'));
    await visible(a, 'page-meeting').waitFor();

    // ——— 院坝会台账：本月一行，两件诉求的编号（不写反映人） ———
    // The same page without `?id` is the list: a fresh load, as Taro keeps the page on a hash change.
    await a.goto(`${host.url}/#/pages-admin/meetings/index`);
    await a.reload();
    await visible(a, 'meetings-ledger').waitFor();
    const [download] = await Promise.all([a.waitForEvent('download'), tap(visible(a, 'meetings-ledger-export'))]);
    expect(download.suggestedFilename()).toMatch(/^渝园社区_院坝会台账_\d{4}年\d{1,2}月\.xlsx$/);
    await waitText(a, 'meetings-ledger-note', '已导出 1 场会议');
    const ledger = await readSheet(readFileSync(await download.path()));
    expect(ledger.header).toContain('诉求编号');
    expect(ledger.rows).toHaveLength(1);
    expect(ledger.rows[0]).toContain(TOPIC);
    expect(ledger.rows[0]![10]).toBe('2');
    await admin.screenshot('meetings-ledger');

    // ——— 公示栏：场次和件数，不见议题和人 ———
    const visitor = await open('meetings-board');
    const v = visitor.page;
    await v.goto(`${host.url}/#/pages-board/index/index?communityId=sf-yuyuan`);
    const card = visible(v, 'board-meetings');
    await card.waitFor();
    await expect(byTestId(card, 'meetings-year').innerText()).resolves.toBe('1');
    await expect(byTestId(card, 'meetings-issues').innerText()).resolves.toBe('2');
    await expect(v.locator('body').innerText()).resolves.not.toContain(TOPIC);
    await visitor.screenshot('board-meetings');
  }));
