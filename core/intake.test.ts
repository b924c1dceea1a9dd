import { openCase, type NewCaseInput } from './case-lifecycle';
import { checkProxyIntake, intakeChannelOf, needsPhoneVisit, PHONE_VISIT_AFTER_CLOSE_DAYS, proxyNote } from './intake';
import { tallyCase, computeMetrics, tallyCases } from './metrics';
import type { Actor, Case, CaseOrigin } from './model';
import { routeForCategory } from './route-case';
import {
  COMMUNITY_ADMIN,
  GROUP,
  GRID,
  LI,
  OTHER_COMMUNITY_ADMIN,
  PLACE,
  REPORTER,
  RESOLVE,
  STREET_ADMIN,
  Story,
  WANG,
  actorOf,
  category,
  ctxAt,
  cst,
  hoursAfter,
  must,
} from './test-support';
import { THREE_DAY_POLICY } from './time-policy';

const T0 = cst('2026-10-12 09:00');

function proxyInput(over: Partial<NewCaseInput> & { origin?: CaseOrigin } = {}): NewCaseInput {
  return {
    id: 'case-proxy-1',
    place: PLACE,
    category: category('设施维修'),
    description: '3栋楼道灯不亮，居民来电反映',
    photos: [],
    isPublic: false,
    contactPhone: '13812345678',
    contactName: '周大爷',
    policyId: THREE_DAY_POLICY.id,
    origin: { channel: 'phone' },
    ...over,
  };
}

const route = () => routeForCategory(category('设施维修'), { gridId: GRID, members: GROUP, openWork: {} });

function fileProxy(by: Actor, over: Partial<NewCaseInput> = {}) {
  return openCase(proxyInput(over), { action: 'proxy_submit', route: route() }, by, ctxAt(T0));
}

/** A filed 代登记 as a Story, to play on. */
function proxyStory(by: Actor = COMMUNITY_ADMIN): Story {
  const r = must(fileProxy(by));
  return new Story(r.case, r.events, r.notices);
}

describe('代登记: who may file, and what it must say', () => {
  it.each([
    ['the grid worker of the community', actorOf(LI), 'grid_worker'],
    ['the community admin', COMMUNITY_ADMIN, 'community_admin'],
    ['the street admin', STREET_ADMIN, 'street_admin'],
  ] as const)('%s files as %s', (_who, actor, role) => {
    const r = must(fileProxy(actor));
    expect(r.case.source).toBe('proxy');
    expect(r.case.reporter).toMatchObject({ openid: actor.openid, role });
    expect(r.case.contactName).toBe('周大爷');
    expect(r.case.contactPhone).toBe('13812345678');
    expect(r.case.origin).toEqual({ channel: 'phone' });
    // Routed as usual: a repair goes to the building steward.
    expect(r.case.holder?.memberId).toBe(WANG.id);
    expect(r.events.map((e) => e.action)).toEqual(['proxy_submit', 'auto_assign']);
    // The timeline names the channel, never the resident.
    expect(r.events[0]!.note).toBe('代登记（来电）');
    expect(JSON.stringify(r.events)).not.toContain('周大爷');
    expect(JSON.stringify(r.notices)).not.toContain('周大爷');
  });

  it.each([
    ['a resident', REPORTER, 'CASE.FORBIDDEN'],
    ["another community's admin", OTHER_COMMUNITY_ADMIN, 'CASE.FORBIDDEN'],
  ] as const)('%s may not file', (_who, actor, code) => {
    const r = fileProxy(actor);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('a 12345 工单 carries its 工单号 in the timeline and the origin', () => {
    const r = must(fileProxy(COMMUNITY_ADMIN, { origin: { channel: 'hotline', refId: 'GD20261012-0001' } }));
    expect(r.case.origin).toEqual({ channel: 'hotline', refId: 'GD20261012-0001' });
    expect(r.events[0]!.note).toBe('代登记（12345热线 工单号GD20261012-0001）');
    expect(intakeChannelOf(r.case)).toBe('hotline');
  });

  it.each([
    [{ channel: 'visit', contactName: '周大爷', contactPhone: '13812345678' }, '请选择受理渠道'],
    [{ channel: 'phone', contactName: '  ', contactPhone: '13812345678' }, '请填写群众姓名'],
    [{ channel: 'phone', contactName: '周'.repeat(21), contactPhone: '13812345678' }, '群众姓名不能超过20字'],
    [{ channel: 'walk_in', contactName: '周大爷' }, '请填写群众联系电话，以便电话回访'],
    [{ channel: 'hotline', contactName: '周大爷', contactPhone: '13812345678' }, '12345工单须填写工单号'],
    [
      { channel: 'hotline', ticketNo: '工单1', contactName: '周大爷', contactPhone: '13812345678' },
      '工单号只能包含字母、数字和短横线，4至40位',
    ],
    [{ channel: 'phone', ticketNo: 'GD0001', contactName: '周大爷', contactPhone: '13812345678' }, '只有12345工单填写工单号'],
  ])('refuses %j: %s', (intake, message) => {
    expect(checkProxyIntake(intake)).toEqual({ code: 'INPUT.INVALID', message });
  });

  it('a letter in the 意见箱 may come without a phone', () => {
    expect(checkProxyIntake({ channel: 'mailbox', contactName: '匿名来信' })).toBeUndefined();
  });

  it('a bad intake changes nothing: the core refuses before any case exists', () => {
    const r = fileProxy(COMMUNITY_ADMIN, { contactName: '' });
    expect(r).toEqual({ ok: false, error: { code: 'INPUT.INVALID', message: '请填写群众姓名' } });
  });

  it('the member who files and is routed the case has it accepted at once', () => {
    const r = must(fileProxy(actorOf(WANG)));
    expect(r.case.status).toBe('processing');
    expect(r.events.map((e) => e.action)).toEqual(['proxy_submit', 'auto_assign', 'accept']);
  });

  it('names the channel of every case', () => {
    expect(proxyNote('mailbox')).toBe('代登记（意见箱）');
    const resident = Story.submit({ at: T0 }).case;
    const patrol = Story.submit({ at: T0, by: actorOf(LI), action: 'patrol_report' }).case;
    expect([intakeChannelOf(resident), intakeChannelOf(patrol), intakeChannelOf(proxyStory().case)]).toEqual(['app', 'patrol', 'phone']);
  });
});

describe('电话回访 (phone_visit)', () => {
  const steward = actorOf(WANG);
  const resolvedProxy = (): Story =>
    proxyStory().do(steward, { action: 'accept' }, hoursAfter(T0, 1)).do(steward, RESOLVE, hoursAfter(T0, 2));
  const resolvedResident = (): Story =>
    Story.submit({ at: T0 }).do(steward, { action: 'accept' }, hoursAfter(T0, 1)).do(steward, RESOLVE, hoursAfter(T0, 2));
  const at = hoursAfter(T0, 3);
  const afterWindow = hoursAfter(T0, 24 * 8);

  /** Each row: the case, who calls, when, what they record → the outcome. */
  const rows: [string, () => Story, Actor, Date, 'satisfied' | 'basically_satisfied' | 'unsatisfied', string, string][] = [
    ['代登记, the community admin calls: 满意', resolvedProxy, COMMUNITY_ADMIN, at, 'satisfied', '', 'closed'],
    ['代登记, the holder calls: 基本满意', resolvedProxy, steward, at, 'basically_satisfied', '', 'closed'],
    ['代登记, the admin hears 不满意: 回炉整改', resolvedProxy, COMMUNITY_ADMIN, at, 'unsatisfied', '灯还是闪', 'processing'],
    ['代登记, 不满意 without a reason', resolvedProxy, COMMUNITY_ADMIN, at, 'unsatisfied', '', 'CASE.REASON_REQUIRED'],
    ["a resident's case inside the rating window", resolvedResident, COMMUNITY_ADMIN, at, 'satisfied', '', 'CASE.TOO_EARLY'],
    ["a resident's case past the rating window", resolvedResident, COMMUNITY_ADMIN, afterWindow, 'satisfied', '', 'closed'],
    ['the resident cannot record a 回访 on their own case', resolvedResident, REPORTER, afterWindow, 'satisfied', '', 'CASE.FORBIDDEN'],
    ["another community's admin", resolvedProxy, OTHER_COMMUNITY_ADMIN, at, 'satisfied', '', 'CASE.FORBIDDEN'],
    ['a grid member who neither holds nor filed it', resolvedProxy, actorOf(LI), at, 'satisfied', '', 'CASE.FORBIDDEN'],
  ];

  it.each(rows)('%s', (_name, build, actor, when, rating, note, outcome) => {
    const story = build();
    const r = story.try(actor, { action: 'phone_visit', rating, ...(note ? { note } : {}) }, when);
    if (!r.ok) {
      expect(r.error.code).toBe(outcome);
      return;
    }
    expect(r.value.case.status).toBe(outcome);
    expect(r.value.case.rating).toMatchObject({ value: rating, phone: { role: expect.any(String), name: actor.name } });
    expect(r.value.events[0]).toMatchObject({ action: 'phone_visit' });
    expect(r.value.events[0]!.note).toMatch(/^电话回访（(社区管理员|楼栋物管员) .\*+）：/);
    if (outcome === 'processing') {
      expect(r.value.case.reworkCount).toBe(1);
      expect(r.value.events[0]!.note).toContain('回炉整改（第1次）');
      expect(r.value.notices.map((n) => n.kind)).toContain('admin_low_rating');
    }
  });

  it('the staff who filed cannot rate the 代登记 themselves: only a 回访 rates it', () => {
    const story = proxyStory(COMMUNITY_ADMIN).do(steward, { action: 'accept' }, hoursAfter(T0, 1)).do(steward, RESOLVE, hoursAfter(T0, 2));
    const r = story.try(COMMUNITY_ADMIN, { action: 'rate', rating: 'satisfied' }, at);
    expect(r.ok ? 'ok' : r.error.code).toBe('CASE.INVALID_TRANSITION');
  });

  it('a case the clock closed unrated takes a 回访 within the window after closing, keeping its closing time', () => {
    const story = resolvedResident().do({ openid: 'system', name: '系统', grants: [] }, { action: 'auto_close' }, afterWindow);
    const closedAt = story.case.closedAt;
    expect(story.case.rating?.auto).toBe(true);
    expect(needsPhoneVisit(story.case, hoursAfter(afterWindow, 1))).toBe(true);
    const late = hoursAfter(afterWindow, 24 * (PHONE_VISIT_AFTER_CLOSE_DAYS + 1));
    expect(needsPhoneVisit(story.case, late)).toBe(false);
    const r = story.fork().try(COMMUNITY_ADMIN, { action: 'phone_visit', rating: 'satisfied' }, late);
    expect(r.ok ? 'ok' : r.error.code).toBe('CASE.INVALID_TRANSITION');
    story.do(COMMUNITY_ADMIN, { action: 'phone_visit', rating: 'basically_satisfied', note: '电话联系上了' }, hoursAfter(afterWindow, 2));
    expect(story.case).toMatchObject({ status: 'closed', closedAt, rating: { value: 'basically_satisfied', comment: '电话联系上了' } });
    expect(story.case.rating?.auto).toBeUndefined();
    // Once rated, no second 回访.
    const again = story.try(COMMUNITY_ADMIN, { action: 'phone_visit', rating: 'satisfied' }, hoursAfter(afterWindow, 3));
    expect(again.ok ? 'ok' : again.error.code).toBe('CASE.INVALID_TRANSITION');
  });

  it('不满意 on a 回访 after the clock closed it reopens the case for rework', () => {
    const story = resolvedResident().do({ openid: 'system', name: '系统', grants: [] }, { action: 'auto_close' }, afterWindow);
    story.do(COMMUNITY_ADMIN, { action: 'phone_visit', rating: 'unsatisfied', note: '灯又坏了' }, hoursAfter(afterWindow, 2));
    expect(story.case.status).toBe('processing');
    expect(story.case.closedAt).toBeUndefined();
    expect(story.case.result).toBeUndefined();
    expect(story.case.deadlines.resolveBy).toBeDefined();
  });
});

describe('rates: 回访 counts as rated, unreached cases apart', () => {
  it('tallies a phone rating as rated and phoneRated, an auto-close as unreached only', () => {
    const steward = actorOf(WANG);
    const phoned = proxyStory()
      .do(steward, { action: 'accept' }, hoursAfter(T0, 1))
      .do(steward, RESOLVE, hoursAfter(T0, 2))
      .do(COMMUNITY_ADMIN, { action: 'phone_visit', rating: 'satisfied' }, hoursAfter(T0, 3)).case;
    const unreached = Story.submit({ at: T0 })
      .do(steward, { action: 'accept' }, hoursAfter(T0, 1))
      .do(steward, RESOLVE, hoursAfter(T0, 2))
      .do({ openid: 'system', name: '系统', grants: [] }, { action: 'auto_close' }, hoursAfter(T0, 24 * 8)).case;
    expect(tallyCase(phoned)).toMatchObject({ rated: 1, satisfied: 1, phoneRated: 1, unreached: 0 });
    expect(tallyCase(unreached)).toMatchObject({ rated: 0, satisfied: 0, phoneRated: 0, unreached: 1 });
    const m = computeMetrics(tallyCases([phoned, unreached] as Case[]));
    expect(m).toMatchObject({ rated: 1, phoneRated: 1, unreached: 1, satisfactionRate: 1 });
  });
});
