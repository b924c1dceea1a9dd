/**
 * The lifecycle table: every status × every action × every way a person can stand to a case.
 * The expected outcome of each cell comes from RULES and an explicit table of relations; the
 * outcome once the table lets someone through is stated action by action below. Key rows of the
 * table are also written out by hand, so that a wrong entry in RULES is caught.
 */
import {
  allowedActions,
  relationsOf,
  RULES,
  transition,
  TRANSITION_ACTIONS,
  type Command,
  type Relation,
  type TransitionAction,
} from './case-lifecycle';
import type { ErrorCode, Result } from './errors';
import { CASE_STATUSES, type Actor, type Case, type CaseStatus } from './model';
import { routeForCategory } from './route-case';
import {
  ACCEPT,
  category,
  COMMUNITY_ADMIN,
  ctxAt,
  GRID,
  GROUP,
  HOUSING,
  HOUSING_DEPT,
  LI,
  minutesAfter,
  hoursAfter,
  NEIGHBOUR,
  OTHER_COMMUNITY_ADMIN,
  POLICE_DEPT,
  REPORTER,
  RESOLVE,
  STREET_ADMIN,
  Story,
  SYSTEM,
  transferTo,
  WANG,
  ZHANG,
  actorOf,
  cst,
} from './test-support';

/** Monday 2 March 2026, 09:00 China time: an ordinary working week. */
const T0 = cst('2026-03-02 09:00');
const at = (minutes: number): Date => minutesAfter(T0, minutes);

// ——— who ———

const ACTORS = {
  reporter: REPORTER,
  holder: actorOf(WANG),
  communityAdmin: COMMUNITY_ADMIN,
  otherCommunityAdmin: OTHER_COMMUNITY_ADMIN,
  streetAdmin: STREET_ADMIN,
  departmentDispatched: HOUSING_DEPT,
  departmentNotDispatched: POLICE_DEPT,
  neighbour: NEIGHBOUR,
  system: SYSTEM,
} satisfies Record<string, Actor>;
type Who = keyof typeof ACTORS;
const WHO = Object.keys(ACTORS) as Who[];

// ——— the cases, one or more per status, each played through the real lifecycle ———

interface Row {
  name: string;
  build(): Case;
  /** The steward 王小明 holds it. */
  held: boolean;
  /** 住建局 was dispatched to it. */
  dispatched?: boolean;
}

const submitted = (members = GROUP): Story => Story.submit({ at: T0, members, id: 'case-000001' });
const accepted = (): Story => submitted().do(ACTORS.holder, ACCEPT, at(10));
const atStreet = (): Story => accepted().do(COMMUNITY_ADMIN, { action: 'escalate', reason: '涉及多户，需街道协调' }, at(20));
const resolved = (): Story => accepted().do(ACTORS.holder, RESOLVE, at(60));

const ROWS: Record<CaseStatus, Row[]> = {
  pending: [{ name: '待派单', held: false, build: () => submitted([]).case }],
  assigned: [{ name: '待受理', held: true, build: () => submitted().case }],
  processing: [{ name: '处理中', held: true, build: () => accepted().case }],
  escalated: [
    {
      name: '已吹哨至社区',
      held: true,
      build: () => accepted().do(ACTORS.holder, { action: 'escalate', reason: '需社区协调' }, at(20)).case,
    },
    { name: '已吹哨至街道', held: true, build: () => atStreet().case },
    {
      name: '已派遣住建局',
      held: true,
      dispatched: true,
      build: () => atStreet().do(STREET_ADMIN, { action: 'dispatch_department', department: HOUSING }, at(30)).case,
    },
  ],
  resolved: [{ name: '待评价', held: true, build: () => resolved().case }],
  closed: [{ name: '已办结', held: true, build: () => resolved().do(REPORTER, { action: 'rate', rating: 'satisfied' }, at(120)).case }],
  rejected: [
    {
      name: '不予受理',
      held: true,
      build: () => submitted().do(COMMUNITY_ADMIN, { action: 'reject', reason: '属于私人财产纠纷' }, at(30)).case,
    },
  ],
  withdrawn: [
    { name: '已撤回', held: true, build: () => submitted().do(REPORTER, { action: 'withdraw', reason: '已自行修好' }, at(30)).case },
  ],
  merged: [
    {
      name: '已合并',
      held: true,
      build: () => submitted().do(COMMUNITY_ADMIN, { action: 'merge', intoCaseId: 'case-000099' }, at(30)).case,
    },
  ],
};

/** How each person stands to each case, written out (not computed by `relationsOf`). */
function expectedRelations(who: Who, row: Row): Relation[] {
  switch (who) {
    case 'reporter':
      return ['reporter', 'anyone'];
    case 'holder':
      return row.held ? ['holder', 'anyone'] : ['anyone'];
    case 'communityAdmin':
      return ['community_admin', 'anyone'];
    case 'streetAdmin':
      return ['street_admin', 'anyone'];
    case 'departmentDispatched':
      return row.dispatched ? ['department', 'anyone'] : ['anyone'];
    case 'system':
      return ['system'];
    case 'otherCommunityAdmin':
    case 'departmentNotDispatched':
    case 'neighbour':
      return ['anyone'];
  }
}

// ——— what each action asks for ———

const COMMANDS: Record<TransitionAction, (c: Case) => Command> = {
  auto_assign: () => ({
    action: 'auto_assign',
    route: routeForCategory(category('设施维修'), { gridId: GRID, members: GROUP, openWork: {} }),
  }),
  assign: () => ({ action: 'assign', member: ZHANG, note: '涉及邻里协商' }),
  accept: () => ACCEPT,
  progress: () => ({ action: 'progress', note: '已联系电工，明天上门', photos: ['progress-1'] }),
  transfer: (c) => transferTo(c, 'grid_worker', '需网格员协调'),
  return_task: () => ({ action: 'return_task', reason: '属于物业维修范围' }),
  escalate: () => ({ action: 'escalate', reason: '涉及多户，需协调' }),
  dispatch_department: () => ({ action: 'dispatch_department', department: HOUSING, note: '请住建局到场' }),
  department_report: () => ({ action: 'department_report', note: '住建局已到场查看' }),
  resolve: () => RESOLVE,
  rate: () => ({ action: 'rate', rating: 'satisfied' }),
  phone_visit: () => ({ action: 'phone_visit', rating: 'satisfied', note: '电话回访，群众表示满意' }),
  auto_close: () => ({ action: 'auto_close' }),
  reject: () => ({ action: 'reject', reason: '不属于社区职责范围' }),
  withdraw: () => ({ action: 'withdraw', reason: '已自行解决' }),
  merge: () => ({ action: 'merge', intoCaseId: 'case-000099' }),
  supplement: () => ({ action: 'supplement', note: '晚上八点以后灯也不亮', photos: ['before-2'] }),
  support: () => ({ action: 'support' }),
  remind: () => ({ action: 'remind' }),
  mark_overdue: () => ({ action: 'mark_overdue' }),
  supervise: () => ({ action: 'supervise', reason: '群众反映强烈' }),
  set_severity: () => ({ action: 'set_severity', severity: 'complex' }),
  set_public: () => ({ action: 'set_public', isPublic: false }),
  approve_photos: () => ({ action: 'approve_photos', fileIds: 'all', approved: true }),
  ledger: () => ({ action: 'ledger', entry: { kind: 'settled' } }),
  grant_time: () => ({ action: 'grant_time', amount: { amount: 2, unit: 'workdays' }, reason: '需等待维修配件到货' }),
  follow_up_remind: () => ({ action: 'follow_up_remind' }),
};

/**
 * When each action is tried (fixtures are built within the first two hours): 20 hours in, the
 * 24-hour response clock of a case awaiting acceptance is past its 80 % reminder; 30 days in,
 * every clock has run out.
 */
const WHEN: Partial<Record<TransitionAction, Date>> = {
  remind: hoursAfter(T0, 20),
  mark_overdue: hoursAfter(T0, 24 * 30),
  auto_close: hoursAfter(T0, 24 * 30),
};
const DEFAULT_WHEN = hoursAfter(T0, 3);

// ——— the outcome once the table lets someone through ———

const to = (status: CaseStatus, ...events: string[]): string => `→ ${status} [${events.join(' + ')}]`;
const refused = (code: ErrorCode): string => code;
const stay = (row: Row, action: string): string => to(statusOf(row), action);
const rowStatus = new Map<Row, CaseStatus>();
const statusOf = (row: Row): CaseStatus => rowStatus.get(row)!;
for (const s of CASE_STATUSES) for (const row of ROWS[s] ?? []) rowStatus.set(row, s);

/** Stated action by action: the next status and the timeline events, or the check that refuses. */
const OUTCOME: Record<TransitionAction, (row: Row, who: Who) => string> = {
  auto_assign: () => to('assigned', 'auto_assign'),
  assign: () => to('assigned', 'assign'),
  accept: () => to('processing', 'accept'),
  // A department reports on site before it records progress or a result.
  progress: (row, who) => (who === 'departmentDispatched' ? refused('CASE.INVALID_TRANSITION') : stay(row, 'progress')),
  transfer: () => to('assigned', 'transfer'),
  // 退单 goes back to the community's queue, never to another member.
  return_task: () => to('pending', 'return_task'),
  escalate: (row, who) => {
    const level = row.name === '已吹哨至社区' ? 'community' : statusOf(row) === 'escalated' ? 'top' : undefined;
    if (level === 'top') return refused('CASE.INVALID_TRANSITION'); // at the street or a department already
    if (who === 'holder') return level === 'community' ? refused('CASE.INVALID_TRANSITION') : to('escalated', 'escalate') + ' 社区';
    if (who === 'system') return to('escalated', 'escalate') + (level === 'community' ? ' 街道' : ' 社区');
    return to('escalated', 'escalate') + ' 街道';
  },
  dispatch_department: (row) =>
    row.name === '已吹哨至街道' ? stay(row, 'dispatch_department') + ' 职能部门' : refused('CASE.INVALID_TRANSITION'),
  department_report: (row) => stay(row, 'department_report') + ' 职能部门',
  resolve: (_row, who) => (who === 'departmentDispatched' ? refused('CASE.INVALID_TRANSITION') : to('resolved', 'resolve')),
  rate: () => to('closed', 'rate'),
  // A resident's own case, within its rating window: the resident rates; a 回访 waits (core/intake.test.ts).
  phone_visit: (row, who) =>
    who === 'reporter'
      ? refused('CASE.FORBIDDEN')
      : statusOf(row) === 'resolved'
        ? refused('CASE.TOO_EARLY')
        : refused('CASE.INVALID_TRANSITION'),
  auto_close: () => to('closed', 'auto_close'),
  reject: () => to('rejected', 'reject'),
  withdraw: () => to('withdrawn', 'withdraw'),
  merge: () => to('merged', 'merge'),
  supplement: (row) => stay(row, 'supplement'),
  // Nobody supports their own case.
  support: (row, who) => (who === 'reporter' ? refused('CASE.INVALID_TRANSITION') : stay(row, 'support')),
  // Staff may always press 催办; the timer and the reporter only when a clock is past its 80 %: at
  // 20 hours, the 24-hour response clock and the department's 24-hour report clock are; resolution
  // clocks are not.
  remind: (row, who) => {
    const early = statusOf(row) !== 'assigned' && !row.dispatched;
    if (early && who === 'system') return refused('CASE.INVALID_TRANSITION');
    if (early && who === 'reporter') return refused('CASE.TOO_EARLY');
    return stay(row, 'remind');
  },
  // 三日办结 escalates a late case by itself: member level → community → street; no further.
  mark_overdue: (row) => {
    if (statusOf(row) === 'assigned' || statusOf(row) === 'processing') return to('escalated', 'mark_overdue', 'escalate') + ' 社区';
    if (row.name === '已吹哨至社区') return to('escalated', 'mark_overdue', 'escalate') + ' 街道';
    return stay(row, 'mark_overdue') + (row.dispatched ? ' 职能部门' : ' 街道');
  },
  supervise: (row) => stay(row, 'supervise'),
  set_severity: (row) => stay(row, 'set_severity'),
  set_public: (row) => stay(row, 'set_public'),
  approve_photos: (row) => stay(row, 'approve_photos'),
  // The table's cases are repairs, which keep no ledger; disputes and hazards are tested below.
  ledger: () => refused('LEDGER.WRONG_KIND'),
  grant_time: (row) => stay(row, 'grant_time'),
  // The table's cases are repairs: no dispute, no follow-up visits (core/follow-ups.test.ts).
  follow_up_remind: () => refused('CASE.INVALID_TRANSITION'),
};

const LEVEL_NAMES = { community: '社区', street: '街道', department: '职能部门' } as const;
const ESCALATING = new Set(['escalate', 'dispatch_department', 'department_report', 'mark_overdue']);

function describeOutcome(action: TransitionAction, r: Result<{ case: Case; events: { action: string }[] }>): string {
  if (!r.ok) return r.error.code;
  const c = r.value.case;
  const base = to(c.status, ...r.value.events.map((e) => e.action));
  return ESCALATING.has(action) && c.escalation ? `${base} ${LEVEL_NAMES[c.escalation.level]}` : base;
}

function expectedOutcome(action: TransitionAction, row: Row, who: Who): string {
  const rel = expectedRelations(who, row);
  const rule = RULES[action];
  if (!rule.by.some((r) => rel.includes(r))) return refused('CASE.FORBIDDEN');
  if (!rule.from.includes(statusOf(row))) return refused('CASE.INVALID_TRANSITION');
  return OUTCOME[action](row, who);
}

const CELLS = CASE_STATUSES.flatMap((status) =>
  (ROWS[status] ?? []).flatMap((row) => TRANSITION_ACTIONS.map((action) => ({ status, row, action }))),
);

describe('诉求流转总表', () => {
  test('每个状态都有用例，每个操作都有指令和结果说明', () => {
    for (const status of CASE_STATUSES) {
      expect({ status, hasRows: (ROWS[status]?.length ?? 0) > 0 }).toEqual({ status, hasRows: true });
      for (const row of ROWS[status]) expect(row.build().status).toBe(status);
    }
    for (const action of TRANSITION_ACTIONS) {
      expect(typeof COMMANDS[action]).toBe('function');
      expect(typeof OUTCOME[action]).toBe('function');
      expect(COMMANDS[action](ROWS.assigned[0].build()).action).toBe(action);
    }
  });

  describe.each(CASE_STATUSES.flatMap((s) => (ROWS[s] ?? []).map((row) => ({ label: row.name, row }))))('$label', ({ row }) => {
    test('各方与诉求的关系', () => {
      const c = row.build();
      const actual = Object.fromEntries(WHO.map((w) => [w, [...relationsOf(ACTORS[w], c)].sort()]));
      const expected = Object.fromEntries(WHO.map((w) => [w, [...expectedRelations(w, row)].sort()]));
      expect(actual).toEqual(expected);
    });

    test('可见的操作按钮与规则表一致', () => {
      const c = row.build();
      for (const w of WHO) {
        const rel = expectedRelations(w, row);
        // 电话回访 shows to staff only, and only on a case waiting for it: a resident's case past its
        // rating window (as the button is asked without a time), never a rated one.
        const phoneVisit = c.status === 'resolved' && w !== 'reporter';
        const expected = TRANSITION_ACTIONS.filter(
          (a) => RULES[a].from.includes(c.status) && RULES[a].by.some((r) => rel.includes(r)) && (a !== 'phone_visit' || phoneVisit),
        );
        expect({ who: w, actions: allowedActions(ACTORS[w], c) }).toEqual({ who: w, actions: expected });
      }
    });
  });

  test.each(CELLS.map((c) => ({ ...c, label: `${c.row.name} × ${c.action}` })))('$label', ({ row, action }) => {
    const now = WHEN[action] ?? DEFAULT_WHEN;
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const who of WHO) {
      const c = row.build();
      const snapshot = JSON.stringify(c);
      const r = transition(c, COMMANDS[action](c), ACTORS[who], ctxAt(now));
      actual[who] = describeOutcome(action, r);
      expected[who] = expectedOutcome(action, row, who);
      // Whatever happens, the case passed in is never changed.
      expect(JSON.stringify(c)).toBe(snapshot);
      if (r.ok) {
        const { case: next, events } = r.value;
        expect(next.version).toBe(c.version + 1);
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => c.lastSeq + 1 + i));
        expect(next.lastSeq).toBe(c.lastSeq + events.length);
        expect(events[0].fromStatus).toBe(c.status);
        expect(events[events.length - 1].toStatus).toBe(next.status);
        expect(events.every((e) => e.caseId === c.id && e.at === now.toISOString())).toBe(true);
      }
    }
    expect(actual).toEqual(expected);
  });
});

/** Which (case, person) pairs the table lets through for an action, as `状态:谁`. */
function whoMay(action: TransitionAction): string[] {
  const out: string[] = [];
  for (const status of CASE_STATUSES)
    for (const row of ROWS[status])
      for (const who of WHO) if (allowedActions(ACTORS[who], row.build()).includes(action)) out.push(`${row.name}:${who}`);
  return out;
}
const every = (rows: string[], who: Who[]): string[] => rows.flatMap((r) => who.map((w) => `${r}:${w}`));
const OPEN_ROWS = ['待派单', '待受理', '处理中', '已吹哨至社区', '已吹哨至街道', '已派遣住建局'];
const HELD_OPEN_ROWS = OPEN_ROWS.slice(1);
const ESCALATED_ROWS = ['已吹哨至社区', '已吹哨至街道', '已派遣住建局'];

describe('规则表的关键行（手写核对）', () => {
  test('只有办理人能受理，且只在待受理时', () => {
    expect(whoMay('accept')).toEqual(['待受理:holder']);
  });
  test('只有上报人能评价，且只在待评价时', () => {
    expect(whoMay('rate')).toEqual(['待评价:reporter']);
  });
  test('只有上报人能撤回；办结后不能再撤回', () => {
    expect(whoMay('withdraw')).toEqual(every(OPEN_ROWS, ['reporter']));
  });
  test('只有办理人能转派，且只在待受理和处理中', () => {
    expect(whoMay('transfer')).toEqual(['待受理:holder', '处理中:holder']);
  });
  test('只有系统自动派单和自动办结', () => {
    expect(whoMay('auto_assign')).toEqual(['待派单:system']);
    expect(whoMay('auto_close')).toEqual(['待评价:system']);
    expect(whoMay('mark_overdue')).toEqual(every(HELD_OPEN_ROWS, ['system']));
  });
  test('只有街道派遣部门，只有被派遣的部门报到', () => {
    expect(whoMay('dispatch_department')).toEqual(every(ESCALATED_ROWS, ['streetAdmin']));
    expect(whoMay('department_report')).toEqual(['已派遣住建局:departmentDispatched']);
  });
  test('不予受理、合并只由本社区或本街道管理员操作，且只对未办结的诉求', () => {
    expect(whoMay('reject')).toEqual(every(OPEN_ROWS, ['communityAdmin', 'streetAdmin']));
    expect(whoMay('merge')).toEqual(every(OPEN_ROWS, ['communityAdmin', 'streetAdmin']));
  });
  test('补充信息只由上报人，办结待评价时也可以补充', () => {
    expect(whoMay('supplement')).toEqual(every([...OPEN_ROWS, '待评价'], ['reporter']));
  });
  test('附议对所有登录的人开放（系统除外），只对未办结的诉求', () => {
    expect(whoMay('support')).toEqual(
      every(
        OPEN_ROWS,
        WHO.filter((w) => w !== 'system'),
      ),
    );
  });
  test('吹哨：办理人、管理员和系统；待派单的诉求办理人还不存在', () => {
    expect(whoMay('escalate')).toEqual([
      ...every(['待派单'], ['communityAdmin', 'streetAdmin', 'system']),
      ...every(HELD_OPEN_ROWS, ['holder', 'communityAdmin', 'streetAdmin', 'system']),
    ]);
  });
  test('其他社区的管理员、未被派遣的部门、无关居民只能附议', () => {
    for (const status of CASE_STATUSES)
      for (const row of ROWS[status])
        for (const who of ['otherCommunityAdmin', 'departmentNotDispatched', 'neighbour'] as Who[])
          expect({ row: row.name, who, actions: allowedActions(ACTORS[who], row.build()) }).toEqual({
            row: row.name,
            who,
            actions: OPEN_ROWS.includes(row.name) ? ['support'] : [],
          });
  });
  test('已合并的诉求谁都不能再操作；已办结的只能由管理员设置公开、审核照片和登记台账，办理人登记台账', () => {
    const merged = ROWS.merged[0].build();
    const closed = ROWS.closed[0].build();
    for (const who of WHO) {
      expect({ who, actions: allowedActions(ACTORS[who], merged) }).toEqual({ who, actions: [] });
      const admin = who === 'communityAdmin' || who === 'streetAdmin';
      expect({ who, actions: allowedActions(ACTORS[who], closed) }).toEqual({
        who,
        // The timer may try 回访提醒 on a closed case (refused unless a settled dispute's visit is due).
        actions: admin
          ? ['set_public', 'approve_photos', 'ledger']
          : who === 'holder'
            ? ['ledger']
            : who === 'system'
              ? ['follow_up_remind']
              : [],
      });
    }
  });
  test('台账登记：办理人和本社区、本街道管理员；办结后仍可登记（回访），不予受理、撤回、合并的不再登记', () => {
    expect(whoMay('ledger')).toEqual([
      ...every(['待派单'], ['communityAdmin', 'streetAdmin']),
      ...every([...HELD_OPEN_ROWS, '待评价', '已办结'], ['holder', 'communityAdmin', 'streetAdmin']),
    ]);
  });
});

describe('规则表之外的检查', () => {
  const assigned = (): Story => submitted();
  const processing = (): Story => accepted();
  const code = (r: Result<unknown>): string => (r.ok ? 'ok' : r.error.code);

  test('不认识的操作被拒绝而不是抛出异常', () => {
    const c = assigned().case;
    for (const action of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'fly'])
      expect(code(transition(c, { action } as unknown as Command, COMMUNITY_ADMIN, ctxAt(at(5))))).toBe('CASE.INVALID_TRANSITION');
  });

  test('不予受理、吹哨、督办、进展都须说明理由', () => {
    const s = processing();
    const c = s.case;
    const blank = '   ';
    expect(code(transition(c, { action: 'reject', reason: blank }, COMMUNITY_ADMIN, ctxAt(at(30))))).toBe('CASE.REASON_REQUIRED');
    expect(code(transition(c, { action: 'escalate', reason: '' }, ACTORS.holder, ctxAt(at(30))))).toBe('CASE.REASON_REQUIRED');
    expect(code(transition(c, { action: 'supervise', reason: blank }, COMMUNITY_ADMIN, ctxAt(at(30))))).toBe('CASE.REASON_REQUIRED');
    expect(code(transition(c, { action: 'progress', note: '' }, ACTORS.holder, ctxAt(at(30))))).toBe('CASE.REASON_REQUIRED');
    expect(code(transition(c, { action: 'reject', reason: '超'.repeat(501) }, COMMUNITY_ADMIN, ctxAt(at(30))))).toBe('INPUT.INVALID');
  });

  test('办结须写明结果并上传办理后照片（最多9张）', () => {
    const c = processing().case;
    const holder = ACTORS.holder;
    expect(code(transition(c, { action: 'resolve', result: ' ', photos: ['a'] }, holder, ctxAt(at(30))))).toBe('CASE.RESULT_REQUIRED');
    expect(code(transition(c, { action: 'resolve', result: '已修好', photos: [] }, holder, ctxAt(at(30))))).toBe('CASE.PHOTOS_REQUIRED');
    const ten = Array.from({ length: 10 }, (_, i) => `p${i}`);
    expect(code(transition(c, { action: 'resolve', result: '已修好', photos: ten }, holder, ctxAt(at(30))))).toBe('CASE.TOO_MANY_PHOTOS');
  });

  test('不满意须说明原因', () => {
    const c = resolved().case;
    expect(code(transition(c, { action: 'rate', rating: 'unsatisfied' }, REPORTER, ctxAt(at(90))))).toBe('CASE.REASON_REQUIRED');
    expect(code(transition(c, { action: 'rate', rating: 'basically_satisfied' }, REPORTER, ctxAt(at(90))))).toBe('ok');
  });

  test('评价期未满不能自动办结', () => {
    const s = resolved();
    const rateBy = new Date(s.case.deadlines.rateBy!);
    expect(code(transition(s.case, { action: 'auto_close' }, SYSTEM, ctxAt(minutesAfter(rateBy, -1))))).toBe('CASE.INVALID_TRANSITION');
    expect(code(transition(s.case, { action: 'auto_close' }, SYSTEM, ctxAt(rateBy)))).toBe('ok');
  });

  test('不能派给停用的成员，也不能派给其他社区的成员，已由此人负责的不重复派', () => {
    const c = assigned().case;
    const retired = { ...ZHANG, active: false };
    const outsider = { ...ZHANG, id: 'm-out', communityId: 'community-heping', gridId: 'grid-heping-1' };
    expect(code(transition(c, { action: 'assign', member: retired }, COMMUNITY_ADMIN, ctxAt(at(5))))).toBe('CASE.NO_MEMBER');
    expect(code(transition(c, { action: 'assign', member: outsider }, COMMUNITY_ADMIN, ctxAt(at(5))))).toBe('CASE.FORBIDDEN');
    expect(code(transition(c, { action: 'assign', member: WANG }, COMMUNITY_ADMIN, ctxAt(at(5))))).toBe('CASE.INVALID_TRANSITION');
    // The same community, another grid: the community may send its own members anywhere in it.
    const otherGrid = { ...ZHANG, id: 'm-grid2', gridId: 'grid-xingfu-2' };
    expect(code(transition(c, { action: 'assign', member: otherGrid }, COMMUNITY_ADMIN, ctxAt(at(5))))).toBe('ok');
  });

  test('转派不能转回自己', () => {
    const c = assigned().case;
    const toSelf: Command = {
      action: 'transfer',
      toRole: 'grid_worker',
      reason: '网格员不在，我自己再办',
      route: { kind: 'member', member: WANG, explanation: '转派后派给楼栋物管员 王**' },
    };
    const r = transition(c, toSelf, ACTORS.holder, ctxAt(at(5)));
    expect(r.ok ? 'ok' : r.error).toEqual({ code: 'CASE.SAME_ROLE', message: '不能转派给自己' });
  });

  test('转派不能转给停用的成员', () => {
    const c = assigned().case;
    const r = transition(
      c,
      {
        action: 'transfer',
        toRole: 'grid_worker',
        reason: '需网格员协调',
        route: { kind: 'member', member: { ...LI, active: false }, explanation: 'x' },
      },
      ACTORS.holder,
      ctxAt(at(5)),
    );
    expect(code(r)).toBe('CASE.NO_MEMBER');
  });

  test('部门只能在被派遣后报到一次', () => {
    const s = atStreet().do(STREET_ADMIN, { action: 'dispatch_department', department: HOUSING }, at(30));
    s.do(HOUSING_DEPT, { action: 'department_report', note: '已到场' }, at(60));
    expect(code(s.try(HOUSING_DEPT, { action: 'department_report', note: '再次到场' }, at(70)))).toBe('CASE.INVALID_TRANSITION');
    expect(s.case.escalation).toMatchObject({ level: 'department', departmentId: HOUSING.id, reportedAt: at(60).toISOString() });
  });

  test('街道可把派给部门的诉求改派其他部门，原部门不再能报到，同一部门不能重派', () => {
    const OTHER = { id: 'dept-other', name: '城管中队' };
    const s = atStreet().do(STREET_ADMIN, { action: 'dispatch_department', department: HOUSING }, at(30));
    expect(code(s.try(STREET_ADMIN, { action: 'dispatch_department', department: HOUSING }, at(40)))).toBe('CASE.INVALID_TRANSITION');
    s.do(STREET_ADMIN, { action: 'dispatch_department', department: OTHER, note: '原部门已停用' }, at(50));
    expect(s.case.escalation).toMatchObject({ level: 'department', departmentId: OTHER.id, reason: '原部门已停用' });
    expect(s.case.calledDepartment).toEqual(OTHER);
    expect(s.events.at(-1)?.note).toMatch(/^改派：请城管中队在/);
    expect(code(s.try(HOUSING_DEPT, { action: 'department_report', note: '已到场' }, at(60)))).not.toBe('ok');
  });

  test('成员尚未绑定微信时派出的任务，绑定后凭成员身份即可受理', () => {
    const unbound = { ...WANG, openid: undefined };
    const s = Story.submit({ at: T0, members: [unbound] });
    expect(s.case.holder).toMatchObject({ openid: `member:${WANG.id}`, memberId: WANG.id });
    s.do(actorOf(WANG), ACCEPT, at(10));
    expect(s.status).toBe('processing');
    // Someone else with a member grant of another member is still nobody to this case.
    expect(code(transition(s.case, { action: 'progress', note: '进展' }, actorOf(ZHANG), ctxAt(at(20))))).toBe('CASE.FORBIDDEN');
  });

  test('设定等级、公开设置、审核照片无变化时拒绝', () => {
    const c = assigned().case;
    expect(code(transition(c, { action: 'set_severity', severity: 'simple' }, COMMUNITY_ADMIN, ctxAt(at(5))))).toBe(
      'CASE.INVALID_TRANSITION',
    );
    expect(code(transition(c, { action: 'set_public', isPublic: true }, COMMUNITY_ADMIN, ctxAt(at(5))))).toBe('CASE.INVALID_TRANSITION');
    expect(code(transition(c, { action: 'approve_photos', fileIds: ['nope'], approved: true }, COMMUNITY_ADMIN, ctxAt(at(5))))).toBe(
      'CASE.INVALID_TRANSITION',
    );
  });

  test('不能合并到自身', () => {
    const c = assigned().case;
    expect(code(transition(c, { action: 'merge', intoCaseId: c.id }, COMMUNITY_ADMIN, ctxAt(at(5))))).toBe('CASE.MERGE_SELF');
  });

  test('时间线上的人名打码，系统事件记为系统', () => {
    const s = accepted();
    expect(s.events.map((e) => [e.action, e.actor.role, e.actor.name])).toEqual([
      ['submit', 'resident', '周**'],
      ['auto_assign', 'system', '系统'],
      ['accept', 'building_steward', '王**'],
    ]);
  });
});
