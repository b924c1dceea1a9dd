/**
 * Whole stories, as the people who live them would tell them. Each step happens at an explicit
 * China time; the calendar is the official one.
 */
import { openCase, transition, type Command } from './case-lifecycle';
import { disputeColorOf, hazardColorOf, ledgerRow, ledgerState, type LedgerEntry } from './ledgers';
import type { CaseEvent } from './model';
import { routeForCategory } from './route-case';
import { FIVE_341_POLICY } from './time-policy';
import {
  ACCEPT,
  actorOf,
  category,
  COMMUNITY,
  COMMUNITY_ADMIN,
  cst,
  cstIso,
  ctxAt,
  GRID,
  GROUP,
  HOUSING,
  HOUSING_DEPT,
  LI,
  NEIGHBOUR,
  OTHER_COMMUNITY_ADMIN,
  PLACE,
  REPORTER,
  RESOLVE,
  STREET,
  STREET_ADMIN,
  Story,
  SYSTEM,
  transferTo,
  wall,
  WANG,
  ZHANG,
  CHEN,
} from './test-support';

const wang = actorOf(WANG);
const li = actorOf(LI);
const zhang = actorOf(ZHANG);
const COMMUNITY_INBOX = `community:${COMMUNITY}`;
const STREET_INBOX = `street:${STREET}`;
const code = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : r.error!.code);
/** The timeline as `action: from → to`. */
const steps = (events: CaseEvent[]): string[] => events.map((e) => `${e.action}: ${e.fromStatus ?? '∅'} → ${e.toStatus}`);
const unsatisfied = (comment: string): Command => ({ action: 'rate', rating: 'unsatisfied', comment });

describe('居民诉求的办理', () => {
  test('居民不满意，回炉整改后再次办结', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') })
      .do(wang, ACCEPT, cst('2026-03-02 09:20'))
      .do(wang, RESOLVE, cst('2026-03-02 16:00'));
    s.do(REPORTER, unsatisfied('灯换了还是不亮，线路有问题'), cst('2026-03-03 08:00'));
    expect(s.case).toMatchObject({ status: 'processing', reworkCount: 1, failedVerifications: 1, supervised: false });
    expect(s.case.result).toBeUndefined();
    expect(s.case.holder?.memberId).toBe(WANG.id);
    // A fresh resolution clock: three working days from the rating (Tue → Fri).
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-03-07 00:00');
    expect(s.case.deadlines.rateBy).toBeUndefined();
    // The resident rated it: they are not told what they just did; the holder and the community are.
    expect(s.noticesOf('case_rework')).toEqual([]);
    expect(s.noticesOf('task_rated').map((n) => n.body)).toEqual([expect.stringContaining('请回炉整改：灯换了还是不亮，线路有问题')]);
    expect(s.noticesOf('admin_low_rating').map((n) => n.recipientOpenid)).toEqual([COMMUNITY_INBOX]);

    s.do(wang, { action: 'resolve', result: '更换了老化线路和灯座', photos: ['after-2'] }, cst('2026-03-04 11:00'));
    expect(s.case.resolvedOnTime).toBe(true);
    s.do(REPORTER, { action: 'rate', rating: 'satisfied', comment: '亮了，谢谢' }, cst('2026-03-04 19:00'));
    expect(s.case).toMatchObject({
      status: 'closed',
      closedAt: cstIso('2026-03-04 19:00'),
      rating: { value: 'satisfied', comment: '亮了，谢谢' },
    });
    expect(steps(s.events)).toEqual([
      'submit: ∅ → pending',
      'auto_assign: pending → assigned',
      'accept: assigned → processing',
      'resolve: processing → resolved',
      'rate: resolved → processing',
      'resolve: processing → resolved',
      'rate: resolved → closed',
    ]);
  });

  test('第三次核查不通过，启动督办并吹哨', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') }).do(wang, ACCEPT, cst('2026-03-02 09:20'));
    for (const [i, day] of ['03', '04'].entries()) {
      s.do(wang, RESOLVE, cst(`2026-03-${day} 10:00`)).do(REPORTER, unsatisfied(`第${i + 1}次还是不行`), cst(`2026-03-${day} 18:00`));
      expect(s.case).toMatchObject({ status: 'processing', failedVerifications: i + 1, supervised: false });
    }
    s.do(wang, RESOLVE, cst('2026-03-05 10:00'));
    const before = s.events.length;
    s.do(REPORTER, unsatisfied('第三次了，问题依旧'), cst('2026-03-05 18:00'));
    expect(s.case).toMatchObject({
      status: 'escalated',
      failedVerifications: 3,
      reworkCount: 3,
      supervised: true,
      escalation: { level: 'street', reason: '核查3次未通过，启动督办' },
    });
    expect(steps(s.events.slice(before))).toEqual([
      'rate: resolved → processing',
      'supervise: processing → processing',
      'escalate: processing → escalated',
    ]);
    expect(s.events.slice(before).map((e) => e.actor.role)).toEqual(['resident', 'system', 'system']);
    expect(s.noticesOf('admin_supervision').map((n) => n.recipientOpenid)).toEqual([COMMUNITY_INBOX]);
    expect(s.noticesOf('admin_escalation').map((n) => n.recipientOpenid)).toEqual([STREET_INBOX]);
    // The street now has five working days (Fri 6th, Mon 9th … Thu 12th).
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-03-13 00:00');
  });

  test('评价期7天届满自动办结', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') })
      .do(wang, ACCEPT, cst('2026-03-02 09:20'))
      .do(wang, RESOLVE, cst('2026-03-02 15:00'));
    expect(s.case.nextCheckAt).toBe(cstIso('2026-03-09 15:00'));
    expect(code(s.try(SYSTEM, { action: 'auto_close' }, cst('2026-03-09 14:59')))).toBe('CASE.INVALID_TRANSITION');
    s.do(SYSTEM, { action: 'auto_close' }, cst('2026-03-09 15:00'));
    expect(s.case).toMatchObject({ status: 'closed', closedAt: cstIso('2026-03-09 15:00'), rating: { value: 'satisfied', auto: true } });
    expect(s.events.at(-1)).toMatchObject({
      action: 'auto_close',
      note: '7天内未评价，系统自动办结',
      actor: { role: 'system', name: '系统' },
    });
    expect(s.noticesOf('case_closed').map((n) => n.recipientOpenid)).toEqual([REPORTER.openid]);
    // Too late to rate by hand now.
    expect(code(s.try(REPORTER, { action: 'rate', rating: 'unsatisfied', comment: '没修好' }, cst('2026-03-09 16:00')))).toBe(
      'CASE.INVALID_TRANSITION',
    );
  });

  test('居民在办结前撤回，办理人收到取消通知；办结后不能再撤回', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') }).do(wang, ACCEPT, cst('2026-03-02 09:20'));
    const done = s.fork().do(wang, RESOLVE, cst('2026-03-02 15:00'));
    expect(code(done.try(REPORTER, { action: 'withdraw' }, cst('2026-03-02 16:00')))).toBe('CASE.INVALID_TRANSITION');
    s.do(REPORTER, { action: 'withdraw', reason: '邻居已经帮忙修好了' }, cst('2026-03-02 10:00'));
    expect(s.case).toMatchObject({ status: 'withdrawn', closedAt: cstIso('2026-03-02 10:00'), deadlines: {} });
    expect(s.case.nextCheckAt).toBeUndefined();
    expect(s.noticesOf('task_cancelled').map((n) => n.recipientOpenid)).toEqual([WANG.openid]);
  });

  test('居民附议公开诉求，不能重复附议', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') });
    s.do(NEIGHBOUR, { action: 'support' }, cst('2026-03-02 10:00'));
    expect(s.case).toMatchObject({ supportCount: 1, supporters: [NEIGHBOUR.openid] });
    expect(s.events.at(-1)).toMatchObject({ action: 'support', note: '附议（共1人）', actor: { role: 'resident', name: '居民' } });
    const again = s.try(NEIGHBOUR, { action: 'support' }, cst('2026-03-02 11:00'));
    expect(again.ok ? 'ok' : again.error).toEqual({ code: 'CASE.ALREADY_SUPPORTED', message: '您已附议过该诉求' });
    expect(code(s.try(REPORTER, { action: 'support' }, cst('2026-03-02 11:00')))).toBe('CASE.INVALID_TRANSITION');
    s.do(zhang, { action: 'support' }, cst('2026-03-02 12:00'));
    expect(s.case.supportCount).toBe(2);

    // Neighbour disputes are private by default: nobody can support them.
    const dispute = Story.submit({ at: cst('2026-03-02 09:00'), category: '邻里纠纷' });
    expect(dispute.case.isPublic).toBe(false);
    expect(code(dispute.try(NEIGHBOUR, { action: 'support' }, cst('2026-03-02 10:00')))).toBe('CASE.NOT_PUBLIC');
  });
});

describe('派单与转派', () => {
  test('无人可派进入社区待派单，社区派单后受理', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), members: [] });
    expect(s.case).toMatchObject({ status: 'pending', deadlines: {} });
    expect(s.case.holder).toBeUndefined();
    expect(s.events.at(-1)?.note).toBe('按类别「设施维修」应派给楼栋物管员，网格内暂无在岗人员，进入社区待派单队列');
    expect(s.noticesOf('admin_unassigned').map((n) => n.recipientOpenid)).toEqual([COMMUNITY_INBOX]);

    s.do(COMMUNITY_ADMIN, { action: 'assign', member: ZHANG, note: '物管员休假，请居民小组长协调' }, cst('2026-03-02 10:00'));
    expect(s.case).toMatchObject({
      status: 'assigned',
      holder: { memberId: ZHANG.id, role: 'resident_leader' },
      assignedAt: cstIso('2026-03-02 10:00'),
    });
    expect(s.events.at(-1)).toMatchObject({
      action: 'assign',
      note: '派给居民小组长 张**：物管员休假，请居民小组长协调',
      actor: { role: 'community_admin', name: '孙**' },
    });
    expect(wall(s.case.deadlines.respondBy!)).toBe('2026-03-03 10:00');
    expect(s.noticesOf('task_new').map((n) => n.recipientOpenid)).toEqual([ZHANG.openid]);

    s.do(zhang, ACCEPT, cst('2026-03-02 10:30'));
    expect(s.case).toMatchObject({ status: 'processing', respondedOnTime: true });
    expect(s.noticesOf('case_accepted').map((n) => [n.recipientOpenid, n.body])).toEqual([
      [REPORTER.openid, expect.stringContaining('已由居民小组长受理')],
    ]);
  });

  test('楼栋物管员休息时转由网格员办理', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), members: [{ ...WANG, onDuty: false }, LI, ZHANG] });
    expect(s.case.holder).toMatchObject({ memberId: LI.id, role: 'grid_worker', name: '李娜' });
    expect(s.events.at(-1)?.note).toBe('按类别「设施维修」应派给楼栋物管员，暂无在岗人员，转由网格员 李** 办理');
    expect(s.noticesOf('task_new')[0].body).toContain('转由网格员 李** 办理');
    s.do(li, ACCEPT, cst('2026-03-02 09:10'));
    expect(s.status).toBe('processing');
  });

  test('转派须说明理由且不能转给同一角色', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') });
    const noReason = s.try(wang, transferTo(s.case, 'resident_leader', '  '), cst('2026-03-02 09:10'));
    expect(noReason.ok ? 'ok' : noReason.error).toEqual({ code: 'CASE.REASON_REQUIRED', message: '转派须说明理由' });
    const sameRole = s.try(wang, transferTo(s.case, 'building_steward', '我今天忙'), cst('2026-03-02 09:10'));
    expect(sameRole.ok ? 'ok' : sameRole.error).toEqual({ code: 'CASE.SAME_ROLE', message: '不能转派给相同角色，请选择小组内其他角色' });
    expect(s.case.version).toBe(1);

    s.do(wang, transferTo(s.case, 'resident_leader', '是两户邻居为楼道堆物起的纠纷'), cst('2026-03-02 09:10'));
    expect(s.case).toMatchObject({ status: 'assigned', holder: { memberId: ZHANG.id }, assignedAt: cstIso('2026-03-02 09:10') });
    expect(s.events.at(-1)).toMatchObject({
      action: 'transfer',
      note: '转派：是两户邻居为楼道堆物起的纠纷。转派后派给居民小组长 张**',
      actor: { role: 'building_steward', name: '王**' },
    });
    // The resident's clock does not restart: 张 inherits the 24 hours from 09:00.
    expect(wall(s.case.deadlines.respondBy!)).toBe('2026-03-03 09:00');
    // 王 transferred it himself, so only 张 is told; when the community moves it on, 张 hears of it.
    expect(s.noticesOf('task_transferred')).toEqual([]);
    expect(s.noticesOf('task_new').map((n) => n.recipientOpenid)).toEqual([WANG.openid, ZHANG.openid]);
    const moved = s.fork();
    moved.do(COMMUNITY_ADMIN, { action: 'assign', member: LI }, cst('2026-03-02 09:15'));
    expect(moved.noticesOf('task_transferred').map((n) => [n.recipientOpenid, n.body])).toEqual([
      [ZHANG.openid, expect.stringContaining('已改由网格员办理')],
    ]);
    // The former holder has no hold on it any more.
    expect(code(s.try(wang, ACCEPT, cst('2026-03-02 09:20')))).toBe('CASE.FORBIDDEN');
  });

  test('改派、转派不重新计时：新办理人接着原期限，已受理的办结期限也随诉求走', () => {
    // 12:28 filed; the community moves it the next morning: the 24-hour clock still ends 12:28.
    const s = Story.submit({ at: cst('2026-03-02 12:28') });
    s.do(COMMUNITY_ADMIN, { action: 'assign', member: LI }, cst('2026-03-03 09:00'));
    expect(wall(s.case.deadlines.respondBy!)).toBe('2026-03-03 12:28');
    expect(wall(s.case.dueAt!)).toBe('2026-03-03 12:28');
    // Accepted, then passed on: the resolution deadline (3 working days) goes with the case and
    // the new holder's acceptance does not restart it.
    s.do(li, ACCEPT, cst('2026-03-03 10:00'));
    const resolveBy = s.case.deadlines.resolveBy!;
    expect(wall(resolveBy)).toBe('2026-03-07 00:00');
    s.do(li, transferTo(s.case, 'resident_leader', '是邻里纠纷'), cst('2026-03-04 10:00'));
    expect(s.case).toMatchObject({ status: 'assigned', holder: { memberId: ZHANG.id } });
    s.do(zhang, ACCEPT, cst('2026-03-04 11:00'));
    expect(s.case.deadlines.resolveBy).toBe(resolveBy);
    expect(s.case.dueAt).toBe(resolveBy);
  });

  test('管理员延长期限须说明理由，时间线写明延长多少、至何时、为什么', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') });
    s.do(wang, ACCEPT, cst('2026-03-02 10:00'));
    expect(wall(s.case.dueAt!)).toBe('2026-03-06 00:00');
    const noReason = s.try(
      COMMUNITY_ADMIN,
      { action: 'grant_time', amount: { amount: 2, unit: 'workdays' }, reason: ' ' },
      cst('2026-03-03 09:00'),
    );
    expect(code(noReason)).toBe('CASE.REASON_REQUIRED');
    expect(
      code(s.try(wang, { action: 'grant_time', amount: { amount: 2, unit: 'workdays' }, reason: '我忙' }, cst('2026-03-03 09:00'))),
    ).toBe('CASE.FORBIDDEN');
    s.do(
      COMMUNITY_ADMIN,
      { action: 'grant_time', amount: { amount: 2, unit: 'workdays' }, reason: '需等待维修配件到货' },
      cst('2026-03-03 09:00'),
    );
    // Two working days after the old deadline's day (Thursday 03-05): Friday and Monday.
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-03-10 00:00');
    expect(wall(s.case.dueAt!)).toBe('2026-03-10 00:00');
    expect(s.events.at(-1)).toMatchObject({ action: 'grant_time', note: '办结期限延长2个工作日，至2026-03-10 00:00：需等待维修配件到货' });
  });

  test('转回社区待派单再派出，也接着原来的受理期限', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), members: [WANG] });
    s.do(wang, transferTo(s.case, 'owners_committee', '属于维修资金使用问题', [WANG]), cst('2026-03-02 09:30'));
    expect(s.case.status).toBe('pending');
    s.do(COMMUNITY_ADMIN, { action: 'assign', member: CHEN }, cst('2026-03-02 15:00'));
    expect(wall(s.case.deadlines.respondBy!)).toBe('2026-03-03 09:00');
  });

  test('转派时小组内无人可接，回到社区待派单', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), members: [WANG] });
    s.do(wang, transferTo(s.case, 'owners_committee', '属于维修资金使用问题', [WANG]), cst('2026-03-02 09:30'));
    expect(s.case.status).toBe('pending');
    expect(s.case.holder).toBeUndefined();
    expect(s.noticesOf('admin_unassigned').map((n) => n.recipientOpenid)).toEqual([COMMUNITY_INBOX]);
    s.do(COMMUNITY_ADMIN, { action: 'assign', member: CHEN }, cst('2026-03-02 10:00'));
    expect(s.case.holder?.memberId).toBe(CHEN.id);
  });
});

describe('巡查上报', () => {
  test('网格员巡查上报并当场办结', () => {
    const r = openCase(
      {
        id: 'case-patrol-1',
        place: PLACE,
        category: category('安全隐患'),
        description: '3栋楼道堆放杂物堵塞消防通道',
        photos: ['before-1'],
        isPublic: true,
        policyId: 'three-day',
      },
      { action: 'close_on_spot', result: '已督促住户清理杂物，通道畅通', photos: ['after-1'] },
      li,
      ctxAt(cst('2026-03-02 15:00')),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const at = cstIso('2026-03-02 15:00');
    expect(r.value.case).toMatchObject({
      status: 'closed',
      source: 'patrol',
      kind: 'hazard',
      version: 1,
      lastSeq: 1,
      reporter: { openid: LI.openid, role: 'grid_worker', memberId: LI.id },
      holder: { openid: LI.openid, memberId: LI.id },
      assignedAt: at,
      acceptedAt: at,
      resolvedAt: at,
      closedAt: at,
      respondedOnTime: true,
      resolvedOnTime: true,
      result: '已督促住户清理杂物，通道畅通',
    });
    expect(r.value.case.photos.map((p) => [p.fileId, p.stage, p.approved])).toEqual([
      ['before-1', 'before', false],
      ['after-1', 'after', false],
    ]);
    expect(steps(r.value.events)).toEqual(['close_on_spot: ∅ → closed']);
    expect(r.value.events[0].note).toBe('3栋楼道堆放杂物堵塞消防通道。处置结果：已督促住户清理杂物，通道畅通');
    expect(r.value.notices).toEqual([]);
  });

  test('当场办结须写结果、传照片；只有本网格的小组成员可以巡查上报', () => {
    const input = {
      id: 'case-patrol-2',
      place: PLACE,
      category: category('安全隐患'),
      description: '电动车楼道充电',
      photos: [],
      isPublic: true,
      policyId: 'three-day',
    };
    const now = ctxAt(cst('2026-03-02 15:00'));
    expect(code(openCase(input, { action: 'close_on_spot', result: '', photos: ['a'] }, li, now))).toBe('CASE.RESULT_REQUIRED');
    expect(code(openCase(input, { action: 'close_on_spot', result: '已劝离', photos: [] }, li, now))).toBe('CASE.PHOTOS_REQUIRED');
    expect(code(openCase(input, { action: 'close_on_spot', result: '已劝离', photos: ['a'] }, REPORTER, now))).toBe('CASE.FORBIDDEN');
    const otherGrid = { ...li, grants: [{ ...li.grants[0], gridId: 'grid-xingfu-2' }] };
    const route = routeForCategory(category('安全隐患'), { gridId: GRID, members: GROUP, openWork: {} });
    expect(code(openCase(input, { action: 'patrol_report', route }, otherGrid, now))).toBe('CASE.FORBIDDEN');
    expect(code(openCase(input, { action: 'patrol_report', route }, COMMUNITY_ADMIN, now))).toBe('CASE.FORBIDDEN');
  });

  test('网格员巡查上报本该自己办的事，自动受理', () => {
    const s = Story.submit({
      at: cst('2026-03-02 15:00'),
      category: '安全隐患',
      by: li,
      action: 'patrol_report',
      description: '消防栓被遮挡',
    });
    expect(s.case).toMatchObject({ status: 'processing', source: 'patrol', acceptedAt: cstIso('2026-03-02 15:00'), respondedOnTime: true });
    expect(steps(s.events)).toEqual(['patrol_report: ∅ → pending', 'auto_assign: pending → assigned', 'accept: assigned → processing']);
    expect(s.events.map((e) => e.note)).toEqual(['巡查发现', '按类别「安全隐患」派给网格员 李**', '上报人即办理人，自动受理']);
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-03-06 00:00');
  });

  test('谁上报、谁核查：网格员巡查上报的维修由物管员办理，网格员评价', () => {
    const s = Story.submit({
      at: cst('2026-03-02 15:00'),
      category: '设施维修',
      by: li,
      action: 'patrol_report',
      description: '单元门闭门器损坏',
    });
    expect(s.case).toMatchObject({ status: 'assigned', holder: { memberId: WANG.id } });
    s.do(wang, ACCEPT, cst('2026-03-02 15:10')).do(wang, RESOLVE, cst('2026-03-02 17:00'));
    expect(s.noticesOf('case_resolved').map((n) => n.recipientOpenid)).toEqual([LI.openid]);
    expect(code(s.try(REPORTER, { action: 'rate', rating: 'satisfied' }, cst('2026-03-02 18:00')))).toBe('CASE.FORBIDDEN');
    s.do(li, { action: 'rate', rating: 'satisfied' }, cst('2026-03-02 18:00'));
    expect(s.events.at(-1)?.actor).toMatchObject({ role: 'grid_worker', name: '李**' });
    expect(s.status).toBe('closed');
  });
});

describe('吹哨报到', () => {
  test('复杂问题24小时内未上报街道，自动吹哨至街道', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), severity: 'complex' }).do(wang, ACCEPT, cst('2026-03-02 09:30'));
    expect(s.case.dueAt).toBe(cstIso('2026-03-03 09:00'));
    // 催办 at 80 % of the 24 hours.
    expect(wall(s.case.nextCheckAt!)).toBe('2026-03-03 04:12');
    s.do(SYSTEM, { action: 'remind' }, cst('2026-03-03 04:12'));
    expect(s.noticesOf('task_reminder').map((n) => n.recipientOpenid)).toEqual([WANG.openid]);
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-03 09:00'));
    expect(s.case).toMatchObject({
      status: 'escalated',
      overdue: true,
      overdueFor: cstIso('2026-03-03 09:00'),
      escalation: { level: 'street', since: cstIso('2026-03-03 09:00'), reason: '超过上报街道期限，自动吹哨' },
    });
    expect(s.case.deadlines.escalateBy).toBeUndefined();
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-03-11 00:00'); // the street's 5 working days: 4、5、6、9、10日
    expect(s.noticesOf('admin_escalation').map((n) => n.recipientOpenid)).toEqual([STREET_INBOX]);
    expect(s.noticesOf('admin_overdue').map((n) => n.recipientOpenid)).toEqual([COMMUNITY_INBOX]);
  });

  test('复杂问题先吹哨到社区，社区24小时内仍未上报街道，自动吹哨至街道', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), severity: 'complex' }).do(wang, ACCEPT, cst('2026-03-02 09:30'));
    s.do(wang, { action: 'escalate', reason: '涉及整栋楼的供水管道' }, cst('2026-03-02 11:00'));
    expect(s.case.escalation?.level).toBe('community');
    expect(s.case.dueAt).toBe(cstIso('2026-03-03 09:00'));
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-03 09:00'));
    expect(s.case.escalation).toMatchObject({ level: 'street', reason: '超过上报街道期限，自动吹哨' });
  });

  test('街道派遣部门，部门24小时内报到后办结', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), severity: 'complex' }).do(wang, ACCEPT, cst('2026-03-02 09:30'));
    s.do(wang, { action: 'escalate', reason: '外墙脱落，需住建部门鉴定' }, cst('2026-03-02 10:00'));
    s.do(COMMUNITY_ADMIN, { action: 'escalate', reason: '社区无法独立处置' }, cst('2026-03-02 11:00'));
    expect(s.case.escalation?.level).toBe('street');
    s.do(STREET_ADMIN, { action: 'dispatch_department', department: HOUSING, note: '请尽快鉴定' }, cst('2026-03-02 14:00'));
    expect(s.case.escalation).toMatchObject({
      level: 'department',
      departmentId: HOUSING.id,
      departmentName: '住建局',
      reason: '请尽快鉴定',
    });
    expect(s.events.at(-1)?.note).toBe('请住建局在24小时内到场报到：请尽快鉴定');
    expect(s.noticesOf('department_dispatch').map((n) => n.recipientOpenid)).toEqual([`department:${HOUSING.id}`]);
    expect(s.case.dueAt).toBe(cstIso('2026-03-03 14:00'));

    s.do(HOUSING_DEPT, { action: 'department_report', note: '住建局两人到场，已拉警戒线', photos: ['site-1'] }, cst('2026-03-03 10:00'));
    expect(s.case.escalation?.reportedAt).toBe(cstIso('2026-03-03 10:00'));
    expect(s.case.deadlines.reportBy).toBeUndefined();
    expect(s.noticesOf('case_progress').map((n) => n.recipientOpenid)).toEqual([STREET_INBOX]);
    s.do(HOUSING_DEPT, { action: 'progress', note: '鉴定完成，安排施工队' }, cst('2026-03-04 10:00'));
    s.do(HOUSING_DEPT, { action: 'resolve', result: '外墙已加固修复', photos: ['after-1'] }, cst('2026-03-06 16:00'));
    expect(s.case).toMatchObject({ status: 'resolved', resolvedOnTime: true, holder: { memberId: WANG.id } });
    expect(s.case.escalation).toBeUndefined();
    expect(s.events.at(-1)?.actor).toMatchObject({ role: 'department', name: '冯**' });
    s.do(REPORTER, { action: 'rate', rating: 'basically_satisfied' }, cst('2026-03-07 09:00'));
    expect(s.status).toBe('closed');
    expect(steps(s.events).slice(2)).toEqual([
      'accept: assigned → processing',
      'escalate: processing → escalated',
      'escalate: escalated → escalated',
      'dispatch_department: escalated → escalated',
      'department_report: escalated → escalated',
      'progress: escalated → escalated',
      'resolve: escalated → resolved',
      'rate: resolved → closed',
    ]);
  });

  test('街道把已上报的复杂问题交回网格员办理，不再算作未按时上报街道', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), severity: 'complex' }).do(wang, ACCEPT, cst('2026-03-02 09:30'));
    s.do(COMMUNITY_ADMIN, { action: 'escalate', reason: '需街道协调' }, cst('2026-03-02 11:00'));
    s.do(STREET_ADMIN, { action: 'assign', member: LI, note: '已协调好，请网格员跟进' }, cst('2026-03-03 14:00'));
    expect(s.case.status).toBe('assigned');
    expect(s.case.deadlines.escalateBy).toBeUndefined();
    expect(s.case.dueAt).toBe(cstIso('2026-03-04 14:00'));
    expect(code(s.try(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-03 14:01')))).toBe('CASE.INVALID_TRANSITION');
    expect(s.case.overdue).toBe(false);
  });

  test('部门办结后居民不满意，没有办理人的诉求回到社区待派单', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), members: [] });
    s.do(COMMUNITY_ADMIN, { action: 'escalate', reason: '无人可派且情况紧急' }, cst('2026-03-02 09:30'));
    s.do(STREET_ADMIN, { action: 'resolve', result: '街道城管队已处理', photos: ['after-1'] }, cst('2026-03-03 10:00'));
    s.do(REPORTER, unsatisfied('只清理了一半'), cst('2026-03-03 18:00'));
    expect(s.case).toMatchObject({ status: 'pending', reworkCount: 1 });
    expect(s.case.holder).toBeUndefined();
    expect(
      s
        .noticesOf('admin_unassigned')
        .map((n) => n.body)
        .at(-1),
    ).toContain('回炉整改：只清理了一半');
    s.do(COMMUNITY_ADMIN, { action: 'assign', member: LI }, cst('2026-03-04 09:00')).do(li, ACCEPT, cst('2026-03-04 09:30'));
    expect(s.status).toBe('processing');
  });
});

describe('调整等级', () => {
  test('一般问题改为复杂问题后，须在提交后24小时内上报街道；改回一般则不再要求', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') }).do(wang, ACCEPT, cst('2026-03-02 09:30'));
    expect(s.case.deadlines.escalateBy).toBeUndefined();
    s.do(COMMUNITY_ADMIN, { action: 'set_severity', severity: 'complex' }, cst('2026-03-02 12:00'));
    expect(s.case.deadlines).toMatchObject({ escalateBy: cstIso('2026-03-03 09:00') });
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-03-10 00:00'); // 5 working days from acceptance
    expect(s.case.dueAt).toBe(cstIso('2026-03-03 09:00'));
    s.do(COMMUNITY_ADMIN, { action: 'set_severity', severity: 'simple' }, cst('2026-03-02 13:00'));
    expect(s.case.deadlines.escalateBy).toBeUndefined();
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-03-06 00:00');
    expect(code(s.try(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-03 09:00')))).toBe('CASE.INVALID_TRANSITION');
  });

  test('5341下改为复杂问题，办结期限改为受理后4小时，不要求上报街道', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), policy: FIVE_341_POLICY });
    s.do(wang, ACCEPT, cst('2026-03-02 09:04'));
    s.do(COMMUNITY_ADMIN, { action: 'set_severity', severity: 'complex' }, cst('2026-03-02 09:10'));
    expect(wall(s.case.deadlines.resolveBy!)).toBe('2026-03-02 13:04');
    expect(s.case.deadlines.escalateBy).toBeUndefined();
  });
});

describe('台账登记', () => {
  const ledger = (entry: LedgerEntry): Command => ({ action: 'ledger', entry });
  const refusal = (r: { ok: boolean; error?: { code: string; message: string } }) => (r.ok ? 'ok' : r.error);
  /** A hazard filed by a resident and handled by the grid worker 李娜. */
  const hazard = () =>
    Story.submit({ at: cst('2026-03-02 09:00'), category: '安全隐患', description: '棋牌室楼道堆放杂物，灭火器过期' }).do(
      li,
      ACCEPT,
      cst('2026-03-02 09:20'),
    );
  /** A neighbours' dispute handled by the resident leader 张伟. */
  const dispute = () =>
    Story.submit({ at: cst('2026-03-02 09:00'), category: '邻里纠纷', description: '楼上漏水，两家争吵' }).do(
      zhang,
      ACCEPT,
      cst('2026-03-02 09:20'),
    );

  test('隐患：办理人登记场所容纳人数和能否当日整改，颜色随之而定，写进时间线', () => {
    const s = hazard();
    expect(hazardColorOf(s.case)).toBeUndefined();
    const before = s.case;
    s.do(li, ledger({ kind: 'hazard', venueCapacity: 40, fixableToday: false }), cst('2026-03-02 10:00'));
    expect(s.case.ledger).toEqual({ venueCapacity: 40, fixableToday: false, hazardColor: 'red' });
    expect(s.case).toMatchObject({ status: 'processing', version: before.version + 1, lastSeq: before.lastSeq + 1 });
    expect(s.case.deadlines).toEqual(before.deadlines);
    expect(s.events.at(-1)).toMatchObject({
      action: 'ledger',
      note: '隐患台账：场所约40人，不能当日整改，标为红色',
      fromStatus: 'processing',
      toStatus: 'processing',
      actor: { role: 'grid_worker', name: '李**' },
    });
    // Ledger entries notify nobody.
    expect(s.notices.length).toBe(hazard().notices.length);
    expect(ledgerRow(s.case, cst('2026-03-02 11:00'))).toMatchObject({ color: '红色', venueCapacity: '40', fixableToday: '否' });

    // Corrected by the community: fewer than 30 → orange; fixable today → blue, whatever the size.
    s.do(COMMUNITY_ADMIN, ledger({ kind: 'hazard', venueCapacity: 29, fixableToday: false }), cst('2026-03-02 11:00'));
    expect(s.case.ledger).toMatchObject({ hazardColor: 'orange' });
    expect(s.events.at(-1)).toMatchObject({ note: '隐患台账：场所约29人，不能当日整改，标为橙色', actor: { role: 'community_admin' } });
    s.do(STREET_ADMIN, ledger({ kind: 'hazard', venueCapacity: 500, fixableToday: true }), cst('2026-03-02 12:00'));
    expect(s.case.ledger).toEqual({ venueCapacity: 500, fixableToday: true, hazardColor: 'blue' });
    expect(s.events.at(-1)?.note).toBe('隐患台账：场所约500人，能当日整改，标为蓝色');
    expect(ledgerState(s.case, cst('2026-03-02 12:00'))).toEqual({
      kind: 'hazard',
      color: 'blue',
      colorName: '蓝色',
      colorMeaning: '蓝色一般性场所：隐患能当日整改',
      venueCapacity: 500,
      fixableToday: true,
    });
  });

  test('隐患：人数须为0到100000的整数；相同信息不重复登记；纠纷的登记不适用', () => {
    const s = hazard();
    const at = cst('2026-03-02 10:00');
    for (const venueCapacity of [-1, 1.5, 100_001, Number.NaN, Number.POSITIVE_INFINITY])
      expect(refusal(s.try(li, ledger({ kind: 'hazard', venueCapacity, fixableToday: false }), at))).toEqual({
        code: 'INPUT.INVALID',
        message: '场所容纳人数须为0到100000之间的整数',
      });
    const sloppy = { kind: 'hazard', venueCapacity: 10, fixableToday: 'no' } as unknown as LedgerEntry;
    expect(refusal(s.try(li, ledger(sloppy), at))).toEqual({ code: 'INPUT.INVALID', message: '请选择能否当日整改' });
    s.do(li, ledger({ kind: 'hazard', venueCapacity: 0, fixableToday: false }), at);
    expect(s.case.ledger?.hazardColor).toBe('orange');
    s.do(li, ledger({ kind: 'hazard', venueCapacity: 100_000, fixableToday: false }), at);
    expect(s.case.ledger?.hazardColor).toBe('red');
    expect(refusal(s.try(li, ledger({ kind: 'hazard', venueCapacity: 100_000, fixableToday: false }), at))).toEqual({
      code: 'LEDGER.UNCHANGED',
      message: '隐患台账信息未变化',
    });
    for (const entry of [
      { kind: 'dispute_risk', color: 'red' },
      { kind: 'settled' },
      { kind: 'follow_up', note: '已回访' },
    ] as LedgerEntry[])
      expect(refusal(s.try(li, ledger(entry), at))).toEqual({ code: 'LEDGER.WRONG_KIND', message: '只有矛盾纠纷类诉求才登记纠纷台账' });
  });

  test('纠纷：标红（可能激化）、改黄；化解后变绿，不再调整风险等级，可登记回访', () => {
    const s = dispute();
    expect(disputeColorOf(s.case)).toBe('yellow');
    s.do(zhang, ledger({ kind: 'dispute_risk', color: 'red' }), cst('2026-03-02 10:00'));
    expect(s.case.ledger).toEqual({ disputeColor: 'red' });
    expect(disputeColorOf(s.case)).toBe('red');
    expect(s.events.at(-1)).toMatchObject({ action: 'ledger', note: '纠纷台账：标为红色（可能激化）', toStatus: 'processing' });
    expect(refusal(s.try(zhang, ledger({ kind: 'dispute_risk', color: 'red' }), cst('2026-03-02 10:05')))).toEqual({
      code: 'LEDGER.UNCHANGED',
      message: '已标为红色（可能激化）',
    });
    s.do(COMMUNITY_ADMIN, ledger({ kind: 'dispute_risk', color: 'yellow' }), cst('2026-03-02 11:00'));
    expect(disputeColorOf(s.case)).toBe('yellow');
    expect(s.events.at(-1)?.note).toBe('纠纷台账：标为黄色（持续关注）');

    // No visit before the settlement.
    expect(refusal(s.try(zhang, ledger({ kind: 'follow_up', note: '电话回访' }), cst('2026-03-02 12:00')))).toEqual({
      code: 'LEDGER.NOT_SETTLED',
      message: '矛盾尚未化解，化解后才登记回访',
    });
    expect(refusal(s.try(zhang, ledger({ kind: 'hazard', venueCapacity: 10, fixableToday: true }), cst('2026-03-02 12:00')))).toEqual({
      code: 'LEDGER.WRONG_KIND',
      message: '只有安全隐患类诉求才登记隐患台账',
    });

    s.do(zhang, ledger({ kind: 'settled' }), cst('2026-03-05 16:00'));
    expect(s.case.ledger).toEqual({ disputeColor: 'yellow', settledAt: cstIso('2026-03-05 16:00') });
    expect(s.case.status).toBe('processing'); // settling the quarrel is not closing the case
    expect(disputeColorOf(s.case)).toBe('green');
    expect(s.events.at(-1)?.note).toBe('纠纷台账：矛盾已化解');
    expect(refusal(s.try(zhang, ledger({ kind: 'settled' }), cst('2026-03-06 09:00')))).toEqual({
      code: 'LEDGER.SETTLED',
      message: '已登记化解',
    });
    expect(refusal(s.try(COMMUNITY_ADMIN, ledger({ kind: 'dispute_risk', color: 'red' }), cst('2026-03-06 09:00')))).toEqual({
      code: 'LEDGER.SETTLED',
      message: '矛盾已化解，不再调整风险等级',
    });

    // Ordinary dispute: a visit a month after the settlement, then a month after each visit.
    expect(ledgerState(s.case, cst('2026-04-04 23:59'))).toMatchObject({
      color: 'green',
      settledAt: cstIso('2026-03-05 16:00'),
      settledRecorded: true,
      nextFollowUpAt: cstIso('2026-04-05 00:00'),
      followUpDue: false,
    });
    expect(ledgerState(s.case, cst('2026-04-05 00:00'))).toMatchObject({ followUpDue: true });
    for (const note of ['', '   '])
      expect(refusal(s.try(zhang, ledger({ kind: 'follow_up', note }), cst('2026-04-05 10:00')))).toEqual({
        code: 'CASE.REASON_REQUIRED',
        message: '请填写回访情况',
      });
    expect(refusal(s.try(zhang, ledger({ kind: 'follow_up', note: '访'.repeat(201) }), cst('2026-04-05 10:00')))).toEqual({
      code: 'INPUT.INVALID',
      message: '回访情况不能超过200字',
    });
    s.do(zhang, ledger({ kind: 'follow_up', note: '  '.concat('访'.repeat(199), '。  ') }), cst('2026-04-05 10:00'));
    expect(s.case.ledger?.lastFollowUpAt).toBe(cstIso('2026-04-05 10:00'));
    expect(s.events.at(-1)?.note).toBe(`回访：${'访'.repeat(199)}。`);
    expect(ledgerState(s.case, cst('2026-04-06 10:00'))).toMatchObject({
      lastFollowUpAt: cstIso('2026-04-05 10:00'),
      nextFollowUpAt: cstIso('2026-05-05 00:00'),
      followUpDue: false,
    });
    expect(ledgerRow(s.case, cst('2026-04-06 10:00'))).toMatchObject({
      color: '绿色',
      settledOn: '2026-03-05',
      lastFollowUpOn: '2026-04-05',
      nextFollowUpOn: '2026-05-05',
      followUp: '未到回访时间',
    });
  });

  test('重大纠纷每半月回访一次；办结即视为化解，可直接回访，仍可补登化解日期', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), category: '邻里纠纷', severity: 'major' })
      .do(zhang, ACCEPT, cst('2026-03-02 09:20'))
      .do(zhang, { action: 'resolve', result: '双方签订调解协议', photos: ['after-1'] }, cst('2026-03-03 10:00'))
      .do(REPORTER, { action: 'rate', rating: 'satisfied' }, cst('2026-03-03 18:00'));
    expect(s.status).toBe('closed');
    expect(ledgerState(s.case, cst('2026-03-10 09:00'))).toMatchObject({
      color: 'green',
      major: true,
      settledAt: cstIso('2026-03-03 18:00'),
      settledRecorded: false,
      nextFollowUpAt: cstIso('2026-03-18 00:00'),
      followUpDue: false,
    });
    expect(code(s.try(zhang, ledger({ kind: 'dispute_risk', color: 'red' }), cst('2026-03-10 09:00')))).toBe('LEDGER.SETTLED');
    s.do(zhang, ledger({ kind: 'follow_up', note: '上门回访，双方未再争吵' }), cst('2026-03-18 09:00'));
    expect(s.case.status).toBe('closed');
    expect(ledgerState(s.case, cst('2026-03-18 09:00'))).toMatchObject({ nextFollowUpAt: cstIso('2026-04-02 00:00'), followUpDue: false });
    s.do(COMMUNITY_ADMIN, ledger({ kind: 'settled' }), cst('2026-03-19 09:00'));
    expect(ledgerState(s.case, cst('2026-03-19 09:00'))).toMatchObject({
      settledAt: cstIso('2026-03-19 09:00'),
      settledRecorded: true,
      // The visit of the 18th came before the recorded settlement: the schedule counts from the settlement.
      nextFollowUpAt: cstIso('2026-04-03 00:00'),
    });
  });

  test('谁能登记：办理人和本社区、本街道管理员；其他人、撤回和不予受理的诉求不能；错误的登记不抛异常', () => {
    const s = dispute();
    const at = cst('2026-03-02 10:00');
    const red = ledger({ kind: 'dispute_risk', color: 'red' });
    for (const who of [REPORTER, NEIGHBOUR, OTHER_COMMUNITY_ADMIN, li, HOUSING_DEPT, SYSTEM])
      expect(code(s.try(who, red, at))).toBe('CASE.FORBIDDEN');
    expect(s.case.ledger).toBeUndefined();
    for (const entry of [undefined, null, {}, { kind: 'toString' }, { kind: 'fly' }, 'settled'])
      expect(refusal(transition(s.case, { action: 'ledger', entry } as unknown as Command, zhang, ctxAt(at)))).toEqual({
        code: 'INPUT.INVALID',
        message: '不支持的台账登记',
      });
    const weird = { kind: 'dispute_risk', color: 'green' } as unknown as LedgerEntry;
    expect(code(s.try(zhang, ledger(weird), at))).toBe('INPUT.INVALID');
    const note = { kind: 'follow_up', note: 42 } as unknown as LedgerEntry;
    expect(code(s.try(COMMUNITY_ADMIN, ledger({ kind: 'settled' }), at))).toBe('ok');
    expect(code(s.try(zhang, ledger(note), at))).toBe('CASE.REASON_REQUIRED');

    const withdrawn = Story.submit({ at: cst('2026-03-02 09:00'), category: '邻里纠纷' }).do(
      REPORTER,
      { action: 'withdraw', reason: '已和好' },
      cst('2026-03-02 09:10'),
    );
    expect(code(withdrawn.try(COMMUNITY_ADMIN, red, at))).toBe('CASE.INVALID_TRANSITION');
    const rejected = Story.submit({ at: cst('2026-03-02 09:00'), category: '邻里纠纷' }).do(
      COMMUNITY_ADMIN,
      { action: 'reject', reason: '属于法院受理范围' },
      cst('2026-03-02 09:10'),
    );
    expect(code(rejected.try(COMMUNITY_ADMIN, red, at))).toBe('CASE.INVALID_TRANSITION');
    // A repair keeps no ledger.
    const repair = Story.submit({ at: cst('2026-03-02 09:00') });
    expect(code(repair.try(wang, ledger({ kind: 'settled' }), at))).toBe('LEDGER.WRONG_KIND');
    expect(code(repair.try(COMMUNITY_ADMIN, ledger({ kind: 'hazard', venueCapacity: 5, fixableToday: true }), at))).toBe(
      'LEDGER.WRONG_KIND',
    );
    expect(ledgerState(repair.case, at)).toBeUndefined();
  });

  test('待派单的纠纷只有管理员能登记', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), category: '邻里纠纷', members: [] });
    expect(s.status).toBe('pending');
    s.do(COMMUNITY_ADMIN, ledger({ kind: 'dispute_risk', color: 'red' }), cst('2026-03-02 09:30'));
    expect(s.case).toMatchObject({ status: 'pending', ledger: { disputeColor: 'red' } });
    expect(s.events.at(-1)).toMatchObject({ action: 'ledger', fromStatus: 'pending', toStatus: 'pending' });
  });
});
