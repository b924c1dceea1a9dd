/**
 * 院坝会记录里反映问题的居民：社区书记登记时写了姓名 → 同社区的其他五员打开会议记录，只看到「居民」，
 * 页面收到的数据里也没有这个姓名 → 社区书记自己打开，看到姓名。
 */
import { visible } from './support/browser';
import { apiAs, onOwnHost, openAs, waitText } from './staff-support';

const NAME = '周大爷';
const TOPIC = '楼道照明与清运';

test('院坝会记录里反映问题的居民姓名，只有管理员看得到，其他五员看到「居民」', () =>
  onOwnHost(async ({ host, open }) => {
    const admin = await apiAs(host, 'demo-admin-1');
    const recorded = await admin.call<{ meeting: { id: string } }>('community', 'meetingRecord', {
      requestId: 'e2e-meeting-privacy',
      gridId: 'sf-yuyuan-g1',
      kind: 'courtyard',
      heldOn: '2026-11-20',
      place: '3栋院坝',
      topic: TOPIC,
      attendance: 18,
      issues: [{ text: `${NAME}说3栋楼道灯不亮`, raisedBy: NAME }],
    });
    const route = `/pages-admin/meetings/index?id=${recorded.meeting.id}`;

    // ——— 同网格的楼栋长：看到问题，看不到是谁说的 ———
    const member = await open('meeting-privacy-member');
    const m = member.page;
    const received: string[] = [];
    m.on('response', (r) => {
      if (r.url().includes('/api/'))
        void r.text().then(
          (t) => received.push(t),
          () => undefined,
        );
    });
    await openAs(m, host, 'demo-11-building-steward', route);
    await visible(m, 'page-meeting').waitFor();
    await waitText(m, 'meeting-issue-raiser', '居民');
    await expect(m.locator('[data-testid="meeting-issue-row"] >> visible=true').innerText()).resolves.toContain('居民说3栋楼道灯不亮');
    await expect(m.locator('body').innerText()).resolves.not.toContain(NAME);
    expect(received.some((t) => t.includes(TOPIC))).toBe(true);
    expect(received.filter((t) => t.includes(NAME))).toEqual([]);
    await member.screenshot('meeting-privacy-member');

    // ——— 社区书记：看到姓名 ———
    const secretary = await open('meeting-privacy-admin');
    const a = secretary.page;
    await openAs(a, host, 'demo-admin-1', route);
    await visible(a, 'page-meeting').waitFor();
    await waitText(a, 'meeting-issue-raiser', NAME);
    await secretary.screenshot('meeting-privacy-admin');
  }));
