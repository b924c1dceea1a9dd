/**
 * The admin's case list filtered by channel (issue #18.6): 小程序 for a resident's own report, or
 * the channel of a 代登记 (来电, 来访, 12345热线 …); each card names its channel.
 */
import { data, openAdminWorld, outcome, P, YUYUAN, YUYUAN_BUILDING, type AdminWorld } from '../support/admin-world';

jest.setTimeout(60_000);

let w: AdminWorld;
beforeEach(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterEach(async () => {
  await w.close();
});

let seq = 0;
const fileBy = async (channel: string, extra: Record<string, unknown> = {}) =>
  data<{ caseId: string }>(
    await w.intake(P.member, 'fileForResident', {
      requestId: `channel-it-${++seq}`,
      channel,
      contactName: '周大爷',
      contactPhone: '13877776666',
      categoryId: 'cat-01',
      buildingId: YUYUAN_BUILDING,
      description: `${channel}反映：楼道灯不亮，晚上看不见`,
      isPublic: true,
      ...extra,
    }),
  ).caseId;

interface Card {
  id: string;
  channel?: string;
  channelName?: string;
}
const list = async (params: Record<string, unknown>) =>
  data<{ items: Card[]; total?: number }>(await w.admin(P.communityAdmin, 'listCases', { communityId: YUYUAN, ...params }));

test('filters by channel and names each card’s channel', async () => {
  const app = (await w.submit()).id;
  const phone = await fileBy('phone');
  const hotline = await fileBy('hotline', { ticketNo: 'GD20261207-0001' });
  const walkIn = await fileBy('walk_in');

  const all = await list({});
  expect(all.items.map((c) => [c.id, c.channelName]).sort()).toEqual(
    [
      [app, '小程序'],
      [phone, '来电'],
      [hotline, '12345热线'],
      [walkIn, '来访'],
    ].sort(),
  );
  expect((await list({ channel: 'app' })).items.map((c) => c.id)).toEqual([app]);
  expect((await list({ channel: 'hotline' })).items).toEqual([expect.objectContaining({ id: hotline, channel: 'hotline' })]);
  expect((await list({ channel: 'hotline' })).total).toBe(1);
  expect((await list({ channel: 'mailbox' })).items).toEqual([]);
  // With the search and other filters.
  expect((await list({ channel: 'phone', q: '13877776666' })).items.map((c) => c.id)).toEqual([phone]);
});

test('an unknown channel is refused in Chinese', async () => {
  const r = await w.admin(P.communityAdmin, 'listCases', { channel: 'wechat' });
  expect(outcome(r)).toBe('INPUT.INVALID');
  expect(r.ok ? '' : r.error.message).toBe('「渠道」的取值无效');
});
