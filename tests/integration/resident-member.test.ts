/**
 * The resident's and the member's actions through the real handlers on a real SQLite file.
 */
import { BUILDING, DAY, HOUR, makeEnv, NEIGHBOUR_DISPUTE, P, REPAIR, type TestEnv } from '../support/env';

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => env.close());

type Submitted = {
  caseId: string;
  status: string;
  holder?: { role: string; name: string };
  routeExplanation: string;
  dueAt?: string;
  replayed: boolean;
};

const submit = (overrides: Record<string, unknown> = {}, openid: string = P.resident) =>
  env.ok<Submitted>('resident', openid, 'submitCase', {
    requestId: `req-${Math.random().toString(36).slice(2, 12)}`,
    categoryId: REPAIR,
    buildingId: BUILDING,
    description: '3栋楼道灯坏了，晚上看不见',
    isPublic: true,
    ...overrides,
  });

describe('居民上报', () => {
  it('按类别派给本网格的楼栋物管员，并给出时限', async () => {
    const r = await submit();
    expect(r.status).toBe('assigned');
    expect(r.holder?.role).toBe('building_steward');
    expect(r.routeExplanation).toMatch(/^按类别「设施维修」派给楼栋物管员 .\*\*$/);
    expect(Date.parse(r.dueAt!)).toBe(env.clock.now.getTime() + 24 * HOUR);
    const stored = await env.store.getCase(r.caseId);
    expect(stored?.holder?.openid).toBe(P.steward11);
    const timeline = await env.store.getTimeline(r.caseId);
    expect(timeline.map((e) => e.action)).toEqual(['submit', 'auto_assign']);
  });

  it('同一 requestId 重试不会产生第二件诉求', async () => {
    const first = await submit({ requestId: 'retry-0001' });
    const again = await submit({ requestId: 'retry-0001' });
    expect(again.caseId).toBe(first.caseId);
    expect(again.replayed).toBe(true);
    const mine = await env.ok<{ items: { id: string }[] }>('resident', P.resident, 'listMyCases', {});
    expect(mine.items.filter((c) => c.id === first.caseId)).toHaveLength(1);
    expect(mine.items).toHaveLength(1);
  });

  it.each([
    [{ description: '' }, 'INPUT.INVALID', /问题描述/],
    [{ description: '字'.repeat(501) }, 'INPUT.INVALID', /最多500字/],
    [{ categoryId: 'cat-nope' }, 'CATEGORY.NOT_FOUND', /类别/],
    [{ buildingId: 'nowhere' }, 'PLACE.NOT_FOUND', /楼栋/],
    [{ isPublic: 'yes' }, 'INPUT.INVALID', /是否公开/],
    [{ photos: Array.from({ length: 10 }, (_, i) => `f${i}abcdefabcdefabcd.jpg`) }, 'INPUT.INVALID', /照片/],
    [{ contactPhone: '12345' }, 'INPUT.INVALID', /联系电话/],
    [{ extra: 1 }, 'INPUT.INVALID', /未知字段/],
  ])('坏输入 %j 得到中文错误且不写入任何数据', async (overrides, code, message) => {
    const r = await env.call('resident', P.resident, 'submitCase', {
      requestId: 'bad-input-1',
      categoryId: REPAIR,
      buildingId: BUILDING,
      description: '楼道灯坏了',
      isPublic: true,
      ...overrides,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(message);
    expect(await env.store.countCases({})).toBe(0);
  });

  it('没有登录不能上报', async () => {
    const r = await env.call('resident', undefined, 'submitCase', {
      requestId: 'anon-00001',
      categoryId: REPAIR,
      buildingId: BUILDING,
      description: '楼道灯坏了',
      isPublic: true,
    });
    expect(r.ok ? 'ok' : r.error.code).toBe('AUTH.REQUIRED');
  });

  it('每天的上报次数有上限（429）', async () => {
    env.deps.limits.submissionsPerDay = 2;
    await submit();
    await submit();
    const r = await env.call('resident', P.resident, 'submitCase', {
      requestId: 'third-0001',
      categoryId: REPAIR,
      buildingId: BUILDING,
      description: '第三件诉求内容',
      isPublic: true,
    });
    expect(r.ok ? 'ok' : r.error.code).toBe('RATE.LIMITED');
    env.advance(DAY);
    expect((await submit()).status).toBe('assigned');
  });

  it('看不到别人的诉求', async () => {
    const { caseId } = await submit();
    const r = await env.call('resident', P.resident2, 'getCase', { caseId });
    expect(r.ok ? 'ok' : r.error.code).toBe('CASE.NOT_FOUND');
  });
});

describe('成员办理与居民评价', () => {
  it('受理、进展、办结；居民不满意回炉整改，再次办结后满意', async () => {
    const { caseId } = await submit();
    const tasks = await env.ok<{ items: { id: string }[] }>('member', P.steward11, 'listTasks', { status: 'assigned' });
    expect(tasks.items.map((t) => t.id)).toContain(caseId);
    await env.ok('member', P.steward11, 'acceptCase', { caseId });
    await env.ok('member', P.steward11, 'addProgress', { caseId, note: '已联系电工，明天上午更换' });
    env.advance(5 * HOUR);
    await env.ok('member', P.steward11, 'resolveCase', { caseId, result: '已更换灯泡', photos: ['a1b2c3d4e5f6a7b8.jpg'] });
    let mine = await env.ok<{ case: { status: string; allowedActions: string[] } }>('resident', P.resident, 'getCase', { caseId });
    expect(mine.case.status).toBe('resolved');
    expect(mine.case.allowedActions).toContain('rate');
    const rework = await env.ok<{ status: string; reworkCount: number }>('resident', P.resident, 'rateCase', {
      caseId,
      rating: 'unsatisfied',
      comment: '二楼的灯还是不亮',
    });
    expect(rework).toMatchObject({ status: 'processing', reworkCount: 1 });
    await env.ok('member', P.steward11, 'resolveCase', { caseId, result: '二楼灯也已更换', photos: ['a1b2c3d4e5f6a7b9.jpg'] });
    const closed = await env.ok<{ status: string }>('resident', P.resident, 'rateCase', { caseId, rating: 'satisfied' });
    expect(closed.status).toBe('closed');
    mine = await env.ok('resident', P.resident, 'getCase', { caseId });
    expect(mine.case.status).toBe('closed');
    const msgs = await env.store.listOutbox();
    const kinds = msgs.filter((m) => m.notice.recipientOpenid === P.resident).map((m) => m.notice.kind);
    expect(kinds).toEqual(expect.arrayContaining(['case_accepted', 'case_progress', 'case_resolved']));
  });

  it('不是办理人的成员不能受理', async () => {
    const { caseId } = await submit();
    const r = await env.call('member', P.worker11, 'acceptCase', { caseId });
    expect(r.ok ? 'ok' : r.error.code).toBe('CASE.FORBIDDEN');
    const other = await env.call('member', P.steward12, 'acceptCase', { caseId });
    expect(other.ok ? 'ok' : other.error.code).toBe('CASE.NOT_FOUND');
    expect((await env.store.getCase(caseId))?.version).toBe(1);
  });

  it('转派给小组内其他角色须说明理由', async () => {
    const { caseId } = await submit();
    const noReason = await env.call('member', P.steward11, 'transferCase', { caseId, toRole: 'resident_leader', reason: '  ' });
    expect(noReason.ok ? 'ok' : noReason.error.code).toBe('INPUT.INVALID');
    await env.ok('member', P.steward11, 'transferCase', { caseId, toRole: 'resident_leader', reason: '属于邻里纠纷' });
    const c = await env.store.getCase(caseId);
    expect(c?.holder?.openid).toBe(P.leader11);
    expect(c?.status).toBe('assigned');
  });

  it('休息的成员不再接到新任务，转由网格员办理', async () => {
    await env.ok('member', P.steward11, 'setOnDuty', { onDuty: false });
    const r = await submit();
    expect(r.holder?.role).toBe('grid_worker');
    expect(r.routeExplanation).toContain('暂无在岗人员');
  });

  it('网格员巡查上报，当场办结', async () => {
    const patrol = await env.ok<{ status: string }>('member', P.worker11, 'reportPatrolCase', {
      requestId: 'patrol-0001',
      categoryId: 'cat-04',
      buildingId: BUILDING,
      description: '楼道堆放杂物堵塞消防通道',
    });
    expect(patrol.status).toBe('processing');
    const spot = await env.ok<{ caseId: string; status: string }>('member', P.worker11, 'closeOnSpot', {
      requestId: 'spot-00001',
      categoryId: 'cat-02',
      buildingId: BUILDING,
      description: '单元门口有垃圾',
      result: '已当场清理',
      photos: ['a1b2c3d4e5f6a7c0.jpg'],
    });
    expect(spot.status).toBe('closed');
    const outside = await env.call('member', P.worker11, 'reportPatrolCase', {
      requestId: 'patrol-0002',
      categoryId: 'cat-04',
      buildingId: 'sf-xinglong-g1-b1',
      description: '别的网格的诉求',
    });
    expect(outside.ok ? 'ok' : outside.error.code).toBe('CASE.FORBIDDEN');
  });

  it('订阅消息模板：按社区配置给出新任务等模板，未配置时为空，居民不能取', async () => {
    expect(await env.ok('member', P.worker11, 'subscribeTemplates', {})).toEqual({ templateIds: [] });
    await env.ok('admin', P.street, 'setTemplates', {
      templates: {
        task_reminder: { templateId: 'tpl-remind', fields: { thing1: 'title' } },
        task_new: { templateId: 'tpl-new', fields: { thing1: 'title' } },
        case_resolved: { templateId: 'tpl-resident', fields: { thing1: 'title' } },
      },
    });
    expect(await env.ok('member', P.worker11, 'subscribeTemplates', {})).toEqual({ templateIds: ['tpl-new', 'tpl-remind'] });
    const r = await env.call('member', P.resident, 'subscribeTemplates', {});
    expect(r.ok ? 'ok' : r.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('居民撤回后办理人不能再受理', async () => {
    const { caseId } = await submit();
    await env.ok('resident', P.resident, 'withdrawCase', { caseId, reason: '已经修好了' });
    const r = await env.call('member', P.steward11, 'acceptCase', { caseId });
    expect(r.ok ? 'ok' : r.error.code).toBe('CASE.INVALID_TRANSITION');
  });

  it('附议公开诉求，不能重复附议；私密诉求不能附议', async () => {
    const { caseId } = await submit();
    const similar = await env.ok<{ items: { id: string }[] }>('resident', P.resident2, 'findSimilar', {
      categoryId: REPAIR,
      buildingId: BUILDING,
    });
    expect(similar.items.map((c) => c.id)).toContain(caseId);
    expect((await env.ok<{ supportCount: number }>('resident', P.resident2, 'supportCase', { caseId })).supportCount).toBe(1);
    const twice = await env.call('resident', P.resident2, 'supportCase', { caseId });
    expect(twice.ok ? 'ok' : twice.error.code).toBe('CASE.ALREADY_SUPPORTED');
    const priv = await submit({ categoryId: NEIGHBOUR_DISPUTE, isPublic: false, description: '楼上噪音扰民' });
    const p = await env.call('resident', P.resident2, 'supportCase', { caseId: priv.caseId });
    expect(p.ok ? 'ok' : p.error.code).toBe('CASE.NOT_FOUND');
  });
});

describe('成员登记台账', () => {
  const HAZARD = 'cat-04';
  type Detail = { case: { ledger?: Record<string, unknown>; allowedActions: string[] }; timeline: { action: string; note?: string }[] };
  const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

  it('办理人登记纠纷风险、化解和回访；小组成员看得到台账，其他成员不能登记，居民看不到', async () => {
    const { caseId } = await submit({ categoryId: NEIGHBOUR_DISPUTE, isPublic: false, description: '楼上漏水，两家吵了几次' });
    expect((await env.store.getCase(caseId))?.holder?.openid).toBe(P.leader11);
    const red = { kind: 'dispute_risk', color: 'red' };
    // Not the holder: the grid's other members, a member elsewhere, the reporter.
    expect(code(await env.call('member', P.worker11, 'recordLedger', { caseId, entry: red }))).toBe('CASE.FORBIDDEN');
    expect(code(await env.call('member', P.steward12, 'recordLedger', { caseId, entry: red }))).toBe('CASE.NOT_FOUND');
    expect(code(await env.call('member', P.resident, 'recordLedger', { caseId, entry: red }))).toBe('CASE.FORBIDDEN');
    expect((await env.store.getCase(caseId))?.version).toBe(1);

    const step = await env.ok<{ status: string; version: number }>('member', P.leader11, 'recordLedger', { caseId, entry: red });
    expect(step).toMatchObject({ status: 'assigned', version: 2 });
    const seen = await env.ok<Detail>('member', P.worker11, 'getCase', { caseId });
    expect(seen.case.ledger).toMatchObject({ kind: 'dispute', color: 'red', colorName: '红色', risk: 'red', followUpDue: false });
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'ledger', note: '纠纷台账：标为红色（可能激化）' });

    const early = await env.call('member', P.leader11, 'recordLedger', { caseId, entry: { kind: 'follow_up', note: '电话回访' } });
    expect(early.ok ? 'ok' : early.error).toEqual({ code: 'LEDGER.NOT_SETTLED', message: '矛盾尚未化解，化解后才登记回访' });
    await env.ok('member', P.leader11, 'recordLedger', { caseId, entry: { kind: 'settled' } });
    env.advance(DAY);
    await env.ok('member', P.leader11, 'recordLedger', { caseId, entry: { kind: 'follow_up', note: '上门回访，两家已和好' } });
    const mine = await env.ok<Detail>('member', P.leader11, 'getCase', { caseId });
    expect(mine.case.ledger).toMatchObject({
      kind: 'dispute',
      color: 'green',
      settledRecorded: true,
      settledAt: new Date(env.clock.now.getTime() - DAY).toISOString(),
      lastFollowUpAt: env.clock.now.toISOString(),
      nextFollowUpAt: '2026-12-23T16:00:00.000Z', // 2026-12-24 00:00 in China: a month after the visit
      followUpDue: false,
    });
    expect(mine.timeline.filter((e) => e.action === 'ledger').map((e) => e.note)).toEqual([
      '纠纷台账：标为红色（可能激化）',
      '纠纷台账：矛盾已化解',
      '回访：上门回访，两家已和好',
    ]);

    // The reporter sees neither the ledger nor its lines, whichever function they ask.
    for (const fn of ['resident', 'member']) {
      const r = await env.ok<Detail>(fn, P.resident, 'getCase', { caseId });
      expect(r.case.ledger).toBeUndefined();
      expect(r.timeline.map((e) => e.action)).not.toContain('ledger');
      expect(JSON.stringify(r)).not.toContain('回访');
    }
  });

  it('网格员登记隐患：容纳人数与能否当日整改定颜色；纠纷的登记和错误的人数被拒绝，且不改变案件', async () => {
    const { caseId } = await submit({ categoryId: HAZARD, description: '棋牌室灭火器过期，楼道堆放杂物' });
    expect((await env.store.getCase(caseId))?.holder?.openid).toBe(P.worker11);
    await env.ok('member', P.worker11, 'acceptCase', { caseId });
    await env.ok('member', P.worker11, 'recordLedger', { caseId, entry: { kind: 'hazard', venueCapacity: 45, fixableToday: false } });
    const d = await env.ok<Detail>('member', P.worker11, 'getCase', { caseId });
    expect(d.case.ledger).toEqual({
      kind: 'hazard',
      color: 'red',
      colorName: '红色',
      colorMeaning: '红色危险场所：容纳30人以上且隐患不能当日整改',
      venueCapacity: 45,
      fixableToday: false,
    });
    expect(d.timeline.at(-1)?.note).toBe('隐患台账：场所约45人，不能当日整改，标为红色');
    const version = (await env.store.getCase(caseId))!.version;
    for (const [entry, expected] of [
      [{ kind: 'settled' }, { code: 'LEDGER.WRONG_KIND', message: '只有矛盾纠纷类诉求才登记纠纷台账' }],
      [
        { kind: 'hazard', venueCapacity: 45, fixableToday: false },
        { code: 'LEDGER.UNCHANGED', message: '隐患台账信息未变化' },
      ],
      [
        { kind: 'hazard', venueCapacity: -3, fixableToday: false },
        { code: 'INPUT.INVALID', message: '「场所容纳人数」过小' },
      ],
      [
        { kind: 'hazard', venueCapacity: 12.5, fixableToday: false },
        { code: 'INPUT.INVALID', message: '「场所容纳人数」类型不正确' },
      ],
      [
        { kind: 'hazard', venueCapacity: 12 },
        { code: 'INPUT.INVALID', message: '缺少「能否当日整改」' },
      ],
      [{ kind: 'audit' }, { code: 'INPUT.INVALID', message: '「台账登记类别」不正确' }],
    ] as const) {
      const r = await env.call('member', P.worker11, 'recordLedger', { caseId, entry });
      expect(r.ok ? 'ok' : { code: r.error.code, message: r.error.message }).toEqual(expected);
    }
    expect((await env.store.getCase(caseId))!.version).toBe(version);
  });

  it('居民满意后办结的纠纷视为化解，办理人直接登记回访；撤回的纠纷不能登记', async () => {
    const { caseId } = await submit({ categoryId: NEIGHBOUR_DISPUTE, isPublic: false, description: '楼上装修噪音' });
    await env.ok('member', P.leader11, 'acceptCase', { caseId });
    await env.ok('member', P.leader11, 'resolveCase', { caseId, result: '已调解，约定施工时间', photos: ['a1b2c3d4e5f6a7d0.jpg'] });
    await env.ok('resident', P.resident, 'rateCase', { caseId, rating: 'satisfied' });
    const risk = await env.call('member', P.leader11, 'recordLedger', { caseId, entry: { kind: 'dispute_risk', color: 'yellow' } });
    expect(risk.ok ? 'ok' : risk.error).toEqual({ code: 'LEDGER.SETTLED', message: '矛盾已化解，不再调整风险等级' });
    await env.ok('member', P.leader11, 'recordLedger', { caseId, entry: { kind: 'follow_up', note: '电话回访，没有再吵' } });
    const c = await env.store.getCase(caseId);
    expect(c).toMatchObject({ status: 'closed', ledger: { lastFollowUpAt: env.clock.now.toISOString() } });

    const gone = await submit({ categoryId: NEIGHBOUR_DISPUTE, isPublic: false, description: '邻居占用车位' });
    await env.ok('resident', P.resident, 'withdrawCase', { caseId: gone.caseId, reason: '自己协商好了' });
    expect(
      code(await env.call('member', P.leader11, 'recordLedger', { caseId: gone.caseId, entry: { kind: 'dispute_risk', color: 'red' } })),
    ).toBe('CASE.INVALID_TRANSITION');
  });
});

describe('定时任务', () => {
  it('临近期限催办，到期标记超时，评价期满自动办结，各一次', async () => {
    const { runTimerTick } = await import('../../backend/functions/timer');
    const { caseId } = await submit();
    env.advance(20 * HOUR); // 80% of the 24 h response limit
    let report = await runTimerTick(env.deps);
    expect(report.reminded).toBe(1);
    report = await runTimerTick(env.deps);
    expect(report.reminded).toBe(0);
    env.advance(4 * HOUR + 1000);
    report = await runTimerTick(env.deps);
    expect(report.overdue).toBe(1);
    let c = await env.store.getCase(caseId);
    expect(c?.overdue).toBe(true);
    // 三日办结 escalates a late case by itself: the community now watches it; the holder still resolves.
    expect(c?.status).toBe('escalated');
    expect(c?.escalation?.level).toBe('community');
    await env.ok('member', P.steward11, 'resolveCase', { caseId, result: '已修好', photos: ['a1b2c3d4e5f6a7b8.jpg'] });
    env.advance(7 * DAY + 1000);
    report = await runTimerTick(env.deps);
    expect(report.autoClosed).toBe(1);
    c = await env.store.getCase(caseId);
    expect(c?.status).toBe('closed');
    expect(c?.rating?.auto).toBe(true);
  });

  it('两个定时任务同时运行不会重复催办', async () => {
    const { runTimerTick } = await import('../../backend/functions/timer');
    await submit();
    await submit();
    env.advance(20 * HOUR);
    const [a, b] = await Promise.all([runTimerTick(env.deps), runTimerTick(env.deps)]);
    expect(a.reminded + b.reminded).toBe(2);
    const events = (await env.store.listCases({ limit: 10 })).items;
    for (const c of events) {
      const tl = await env.store.getTimeline(c.id);
      expect(tl.filter((e) => e.action === 'remind')).toHaveLength(1);
    }
  });
});
