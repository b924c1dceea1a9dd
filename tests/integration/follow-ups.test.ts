/**
 * Dispute follow-up visits chased through the timer: a settled neighbour dispute is looked at on its
 * due day, the handler is reminded once (message and timeline), again at the next due date with the
 * missed visit named, and the dispute ledger marks it 已逾期1次未回访.
 */
import { runTimerTick } from '../../backend/functions/timer';
import { member } from '../../backend/functions/member';
import { NOW, P, data, openAdminWorld, type AdminWorld } from '../support/admin-world';

let clock = new Date(NOW.getTime());
let w: AdminWorld;
beforeAll(async () => {
  w = await openAdminWorld(() => new Date(clock.getTime()), { caseCount: 0 });
});
afterAll(async () => w.close());

const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

it('reminds the handler of each due follow-up visit once, and the ledger marks a missed one', async () => {
  // 邻里纠纷 (cat-06) goes to the resident leader; resolved, then rated 满意: settled.
  const c = await w.submit({ categoryId: 'cat-06', isPublic: false });
  const holder = c.holder!.openid;
  data(await member.handle({ action: 'acceptCase', caseId: c.id }, holder, w.deps));
  data(await member.handle({ action: 'resolveCase', caseId: c.id, result: '双方达成调解协议', photos: ['after-1.jpg'] }, holder, w.deps));
  data(await w.resident(P.resident, 'rateCase', { caseId: c.id, rating: 'satisfied' }));
  const closed = await w.getCase(c.id);
  expect(closed.status).toBe('closed');
  expect(closed.nextCheckAt).toBeDefined();

  const reminders = async () => (await w.store.listInbox(holder, 100)).filter((m) => m.caseId === c.id && m.title === '回访提醒');
  clock = days(20);
  expect((await runTimerTick(w.deps)).followUpsReminded).toBe(0);
  clock = days(32);
  expect((await runTimerTick(w.deps)).followUpsReminded).toBe(1);
  expect((await runTimerTick(w.deps)).followUpsReminded).toBe(0);
  expect(await reminders()).toHaveLength(1);
  clock = days(63);
  expect((await runTimerTick(w.deps)).followUpsReminded).toBe(1);
  const all = await reminders();
  expect(all).toHaveLength(2);
  expect(all.map((m) => m.body).join('\n')).toContain('已逾期1次未回访');
  const timeline = await w.store.getTimeline(c.id);
  expect(timeline.filter((e) => e.note?.startsWith('回访提醒：'))).toHaveLength(2);
});
