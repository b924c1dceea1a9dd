/**
 * Time limits as data: 三日办结 (seed 001) and 5341 (seed 004). Deadlines are checked on cases
 * played through the lifecycle, at explicit China times, against the official calendar.
 */
import {
  addDuration,
  clockVerdict,
  deadlinesOnEscalate,
  describeDuration,
  FIVE_341_POLICY,
  runningDeadline,
  THREE_DAY_POLICY,
  type Duration,
  type TimePolicy,
} from './time-policy';
import type { Case, Severity } from './model';
import {
  ACCEPT,
  actorOf,
  CHINA_CALENDAR,
  COMMUNITY_ADMIN,
  cst,
  cstIso,
  HOUSING,
  HOUSING_DEPT,
  REPORTER,
  RESOLVE,
  STREET_ADMIN,
  Story,
  SYSTEM,
  wall,
  WANG,
} from './test-support';

const WANG_ACTOR = actorOf(WANG);
const deadlinesInChinaTime = (c: Case): Record<string, string> =>
  Object.fromEntries(Object.entries(c.deadlines).map(([k, v]) => [k, wall(v as string)]));
const ms = (local: string, delta: number): Date => new Date(cst(local).getTime() + delta);

describe('时长', () => {
  test.each([
    [{ amount: 5, unit: 'minutes' }, '2026-03-06 17:58', '2026-03-06 18:03', '5分钟'],
    [{ amount: 24, unit: 'hours' }, '2026-09-30 18:00', '2026-10-01 18:00', '24小时（自然时间，不管节假日）'],
    [{ amount: 3, unit: 'workdays' }, '2026-03-06 20:00', '2026-03-12 00:00', '3个工作日'],
    [{ amount: 5, unit: 'workdays' }, '2026-09-30 10:00', '2026-10-14 00:00', '5个工作日跨国庆：8、9、10（调休）、12、13日'],
  ] as [Duration, string, string, string][])('%o 从 %s 起算到 %s（%s）', (d, from, to) => {
    expect(wall(addDuration(CHINA_CALENDAR, cst(from), d))).toBe(to);
  });

  test('时长的中文说法', () => {
    expect(describeDuration({ amount: 5, unit: 'minutes' })).toBe('5分钟');
    expect(describeDuration({ amount: 4, unit: 'hours' })).toBe('4小时');
    expect(describeDuration({ amount: 3, unit: 'workdays' })).toBe('3个工作日');
  });
});

describe('5341工作法：5分钟到场，普通问题30分钟、复杂问题4小时解决，重大问题1天内形成方案', () => {
  test.each([
    ['simple', '2026-03-02 09:33'],
    ['complex', '2026-03-02 13:03'],
    ['major', '2026-03-03 09:03'],
  ] as [Severity, string][])('%s：09:00 派单，09:05 前到场；09:03 到场后 %s 前办结', (severity, resolveBy) => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), severity, policy: FIVE_341_POLICY });
    expect(deadlinesInChinaTime(s.case)).toEqual({ respondBy: '2026-03-02 09:05' });
    s.do(WANG_ACTOR, ACCEPT, cst('2026-03-02 09:03'));
    expect(deadlinesInChinaTime(s.case)).toEqual({ respondBy: '2026-03-02 09:05', resolveBy });
    expect(s.case.respondedOnTime).toBe(true);
  });

  test('5分钟后才到场算响应超时；期限内办结算按时', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), policy: FIVE_341_POLICY });
    s.do(WANG_ACTOR, ACCEPT, ms('2026-03-02 09:05', 1));
    expect(s.case.respondedOnTime).toBe(false);
    s.do(WANG_ACTOR, RESOLVE, cst('2026-03-02 09:35'));
    expect(s.case.resolvedOnTime).toBe(true); // 09:05 + 30 min
  });

  test('超过30分钟办结算超时', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), policy: FIVE_341_POLICY }).do(WANG_ACTOR, ACCEPT, cst('2026-03-02 09:01'));
    s.do(WANG_ACTOR, RESOLVE, ms('2026-03-02 09:31', 1));
    expect(s.case.resolvedOnTime).toBe(false);
  });
});

describe('三日办结', () => {
  test('周五晚上提交并受理，下周三结束前办结（中国时间）', () => {
    const s = Story.submit({ at: cst('2026-03-06 20:00') }).do(WANG_ACTOR, ACCEPT, cst('2026-03-06 20:30'));
    expect(deadlinesInChinaTime(s.case)).toEqual({ respondBy: '2026-03-07 20:00', resolveBy: '2026-03-12 00:00' });
    expect(s.case.deadlines.resolveBy).toBe('2026-03-11T16:00:00.000Z');
  });

  test('国庆节当天提交，节后第三个工作日（10月10日调休）结束前办结', () => {
    const s = Story.submit({ at: cst('2026-10-01 10:00') }).do(WANG_ACTOR, ACCEPT, cst('2026-10-01 11:00'));
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-10-11 00:00');
  });

  test('春节前受理：14日调休、节后24日、25日', () => {
    const s = Story.submit({ at: cst('2026-02-13 16:00') }).do(WANG_ACTOR, ACCEPT, cst('2026-02-13 16:30'));
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-02-26 00:00');
  });

  test('复杂问题须在提交后24小时内上报街道，街道5个工作日内提出方案，部门24小时内报到', () => {
    const s = Story.submit({ at: cst('2026-09-29 10:00'), severity: 'complex' });
    expect(deadlinesInChinaTime(s.case)).toEqual({ respondBy: '2026-09-30 10:00', escalateBy: '2026-09-30 10:00' });
    s.do(WANG_ACTOR, ACCEPT, cst('2026-09-29 11:00'));
    s.do(COMMUNITY_ADMIN, { action: 'escalate', reason: '需多部门协调' }, cst('2026-09-30 09:00'));
    expect(s.case.deadlines.escalateBy).toBeUndefined();
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-10-14 00:00'); // 30日→8、9、10、12、13日
    s.do(STREET_ADMIN, { action: 'dispatch_department', department: HOUSING }, cst('2026-09-30 15:00'));
    expect(wall(s.case.deadlines.reportBy!)).toBe('2026-10-01 15:00'); // 24 hours, holiday or not
  });

  test('部门超过24小时未报到：标记超时，并报告街道和该部门，不只是社区', () => {
    const s = Story.submit({ at: cst('2026-09-29 10:00'), severity: 'complex' });
    s.do(WANG_ACTOR, ACCEPT, cst('2026-09-29 11:00'));
    s.do(COMMUNITY_ADMIN, { action: 'escalate', reason: '需多部门协调' }, cst('2026-09-30 09:00'));
    s.do(STREET_ADMIN, { action: 'dispatch_department', department: HOUSING }, cst('2026-09-30 15:00'));
    const before = s.notices.length;
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-10-01 15:01'));
    const fresh = s.notices.slice(before);
    expect(s.case.overdueFor).toBe(s.case.deadlines.reportBy);
    expect(fresh.map((n) => n.recipientOpenid).sort()).toEqual(
      [
        `community:${s.case.place.communityId}`,
        `department:${HOUSING.id}`,
        `street:${s.case.place.streetId}`,
        s.case.holder!.openid,
      ].sort(),
    );
    expect(fresh.find((n) => n.recipientOpenid.startsWith('street:'))?.body).toContain('未到场报到');
  });

  test('办结后7天内评价', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') }).do(WANG_ACTOR, ACCEPT, cst('2026-03-02 09:30'));
    s.do(WANG_ACTOR, RESOLVE, cst('2026-03-03 15:00'));
    expect(wall(s.case.deadlines.rateBy!)).toBe('2026-03-10 15:00');
  });
});

describe('吹哨时的期限', () => {
  const base = { escalateBy: cstIso('2026-03-03 09:00'), resolveBy: cstIso('2026-03-05 00:00'), respondBy: cstIso('2026-03-03 09:00') };
  const ctx = { policy: THREE_DAY_POLICY, calendar: CHINA_CALENDAR };
  test('吹哨到社区：上报街道的期限继续计时', () => {
    expect(deadlinesOnEscalate(ctx, { deadlines: base }, 'community', cst('2026-03-02 10:00'))).toEqual(base);
  });
  test('吹哨到街道：上报期限完成，街道5个工作日', () => {
    expect(deadlinesOnEscalate(ctx, { deadlines: base }, 'street', cst('2026-03-02 10:00'))).toEqual({
      respondBy: base.respondBy,
      resolveBy: cstIso('2026-03-10 00:00'), // 3、4、5、6、9日
    });
  });
  test('派遣部门：24小时内报到', () => {
    expect(deadlinesOnEscalate(ctx, { deadlines: base }, 'department', cst('2026-03-02 10:00'))).toEqual({
      respondBy: base.respondBy,
      resolveBy: base.resolveBy,
      reportBy: cstIso('2026-03-03 10:00'),
    });
  });
});

describe('催办与超时', () => {
  test('按配置的比例催办：24小时受理期限的80%即19小时12分', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') });
    expect(wall(s.case.nextCheckAt!)).toBe('2026-03-03 04:12');
    expect(clockVerdict(THREE_DAY_POLICY, s.case, ms('2026-03-03 04:12', -1))).toEqual({ due: 'none' });
    expect(clockVerdict(THREE_DAY_POLICY, s.case, cst('2026-03-03 04:12'))).toEqual({
      due: 'remind',
      deadline: 'respondBy',
      at: cstIso('2026-03-03 09:00'),
    });
  });

  test('催办比例可配置：一半时间过去就催办', () => {
    const policy: TimePolicy = { ...THREE_DAY_POLICY, reminderShare: 0.5 };
    const s = Story.submit({ at: cst('2026-03-02 09:00'), policy });
    expect(wall(s.case.nextCheckAt!)).toBe('2026-03-02 21:00');
    expect(clockVerdict(policy, s.case, ms('2026-03-02 21:00', -1)).due).toBe('none');
    expect(clockVerdict(policy, s.case, cst('2026-03-02 21:00')).due).toBe('remind');
  });

  test('每个期限只催办一次；到期即超时，只标记一次', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), policy: FIVE_341_POLICY });
    expect(clockVerdict(FIVE_341_POLICY, s.case, cst('2026-03-02 09:04')).due).toBe('remind');
    s.do(SYSTEM, { action: 'remind' }, cst('2026-03-02 09:04'));
    expect(s.noticesOf('task_reminder').map((n) => n.recipientOpenid)).toEqual([WANG.openid]);
    expect(clockVerdict(FIVE_341_POLICY, s.case, ms('2026-03-02 09:05', -1))).toEqual({ due: 'none' });
    expect(wall(s.case.nextCheckAt!)).toBe('2026-03-02 09:05');
    expect(s.try(SYSTEM, { action: 'remind' }, ms('2026-03-02 09:05', -1)).ok).toBe(false);

    expect(clockVerdict(FIVE_341_POLICY, s.case, cst('2026-03-02 09:05'))).toEqual({
      due: 'overdue',
      deadline: 'respondBy',
      at: cstIso('2026-03-02 09:05'),
      escalate: false,
    });
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-02 09:05'));
    expect(s.case).toMatchObject({ status: 'assigned', overdue: true, overdueFor: cstIso('2026-03-02 09:05') });
    expect(s.case.nextCheckAt).toBeUndefined();
    expect(s.case.dueAt).toBe(cstIso('2026-03-02 09:05'));
    expect(clockVerdict(FIVE_341_POLICY, s.case, cst('2026-03-02 12:00'))).toEqual({ due: 'none' });
    expect(s.try(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-02 12:00')).ok).toBe(false);
  });

  test('三日办结超时自动吹哨；5341只通知管理员不自动吹哨', () => {
    const three = Story.submit({ at: cst('2026-03-02 09:00') }).do(WANG_ACTOR, ACCEPT, cst('2026-03-02 09:10'));
    const due = three.case.deadlines.resolveBy!;
    expect(clockVerdict(THREE_DAY_POLICY, three.case, new Date(due))).toMatchObject({
      due: 'overdue',
      deadline: 'resolveBy',
      escalate: true,
    });
    three.do(SYSTEM, { action: 'mark_overdue' }, new Date(due));
    expect(three.case).toMatchObject({ status: 'escalated', escalation: { level: 'community' }, overdue: true });
    expect(three.actions.slice(-2)).toEqual(['mark_overdue', 'escalate']);

    const fast = Story.submit({ at: cst('2026-03-02 09:00'), policy: FIVE_341_POLICY }).do(WANG_ACTOR, ACCEPT, cst('2026-03-02 09:02'));
    fast.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-02 09:32'));
    expect(fast.case).toMatchObject({ status: 'processing', overdue: true, overdueFor: cstIso('2026-03-02 09:32') });
    expect(fast.case.escalation).toBeUndefined();
    expect(fast.noticesOf('admin_overdue').map((n) => n.recipientOpenid)).toEqual(['community:community-xingfu']);
    expect(fast.noticesOf('task_overdue').map((n) => n.recipientOpenid)).toEqual([WANG.openid]);
  });

  test('即使策略不自动吹哨，超过上报街道期限也会吹哨至街道', () => {
    const policy: TimePolicy = { ...THREE_DAY_POLICY, autoEscalateOnOverdue: false };
    const s = Story.submit({ at: cst('2026-03-02 09:00'), severity: 'complex', policy }).do(WANG_ACTOR, ACCEPT, cst('2026-03-02 09:30'));
    expect(clockVerdict(policy, s.case, cst('2026-03-03 09:00'))).toMatchObject({ due: 'overdue', deadline: 'escalateBy', escalate: true });
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-03 09:00'));
    expect(s.case.escalation?.level).toBe('street');
  });

  test('评价期满自动办结', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') }).do(WANG_ACTOR, ACCEPT, cst('2026-03-02 09:30'));
    s.do(WANG_ACTOR, RESOLVE, cst('2026-03-02 15:00'));
    expect(clockVerdict(THREE_DAY_POLICY, s.case, ms('2026-03-09 15:00', -1))).toEqual({ due: 'none' });
    expect(clockVerdict(THREE_DAY_POLICY, s.case, cst('2026-03-09 15:00'))).toEqual({ due: 'auto_close', at: cstIso('2026-03-09 15:00') });
    expect(s.case.nextCheckAt).toBe(cstIso('2026-03-09 15:00'));
  });

  test('待派单和已办结的诉求没有计时', () => {
    const pending = Story.submit({ at: cst('2026-03-02 09:00'), members: [] });
    expect(runningDeadline(pending.case)).toBeUndefined();
    expect(clockVerdict(THREE_DAY_POLICY, pending.case, cst('2027-01-01 00:00'))).toEqual({ due: 'none' });
    expect(pending.case.nextCheckAt).toBeUndefined();
    const closed = Story.submit({ at: cst('2026-03-02 09:00') }).do(WANG_ACTOR, ACCEPT, cst('2026-03-02 09:30'));
    closed.do(WANG_ACTOR, RESOLVE, cst('2026-03-02 15:00')).do(REPORTER, { action: 'rate', rating: 'satisfied' }, cst('2026-03-02 16:00'));
    expect(clockVerdict(THREE_DAY_POLICY, closed.case, cst('2027-01-01 00:00'))).toEqual({ due: 'none' });
    expect(closed.case.dueAt).toBeUndefined();
  });
});

describe('同时有两个期限时', () => {
  /** A community's custom policy: arrive in 5 minutes, but complex cases still go to the street within 24 hours. */
  const CUSTOM: TimePolicy = {
    ...FIVE_341_POLICY,
    id: 'custom',
    limits: {
      ...FIVE_341_POLICY.limits,
      complex: { respond: { amount: 5, unit: 'minutes' }, resolve: { amount: 4, unit: 'hours' }, escalate: { amount: 24, unit: 'hours' } },
    },
  };

  test('受理超时标记后，上报街道的期限接着计时，到期自动吹哨至街道', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), severity: 'complex', policy: CUSTOM });
    expect(runningDeadline(s.case)?.name).toBe('respondBy');
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-02 09:05'));
    expect(s.case.status).toBe('assigned');
    expect(runningDeadline(s.case)).toMatchObject({ name: 'escalateBy', at: cstIso('2026-03-03 09:00') });
    expect(s.case.dueAt).toBe(cstIso('2026-03-03 09:00'));
    expect(clockVerdict(CUSTOM, s.case, cst('2026-03-03 09:00'))).toMatchObject({ due: 'overdue', deadline: 'escalateBy', escalate: true });
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-03 09:00'));
    expect(s.case).toMatchObject({ status: 'escalated', escalation: { level: 'street' } });
  });

  test('部门迟迟不报到：报到超时标记后，街道的办结期限照样计时，且各只标记一次', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') }).do(WANG_ACTOR, ACCEPT, cst('2026-03-02 09:30'));
    s.do(COMMUNITY_ADMIN, { action: 'escalate', reason: '需部门处置' }, cst('2026-03-02 10:00'));
    s.do(STREET_ADMIN, { action: 'dispatch_department', department: HOUSING }, cst('2026-03-02 11:00'));
    expect(runningDeadline(s.case)?.name).toBe('reportBy');
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-03 11:00'));
    expect(runningDeadline(s.case)).toMatchObject({ name: 'resolveBy', at: cstIso('2026-03-10 00:00') });
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-10 00:00'));
    // Both are marked: nothing more until the case moves on.
    for (const when of ['2026-03-10 00:01', '2026-03-20 00:00'])
      expect(clockVerdict(THREE_DAY_POLICY, s.case, cst(when))).toEqual({ due: 'none' });
    expect(s.case.nextCheckAt).toBeUndefined();
    expect(s.actions.filter((a) => a === 'mark_overdue')).toHaveLength(2);
    // The department reports late; the street's clock is what remains.
    s.do(HOUSING_DEPT, { action: 'department_report', note: '已到场' }, cst('2026-03-11 09:00'));
    expect(runningDeadline(s.case)?.name).toBe('resolveBy');
  });
});
