import fc from 'fast-check';
import { shortCase } from '../tests/support/case-factory';
import type { Case, CaseStatus, PersonRef, Rating } from './model';
import {
  DEFAULT_WEIGHTS,
  TALLY_KEYS,
  addTally,
  computeMetrics,
  describeMetrics,
  describeRate,
  diffTally,
  emptyTally,
  formatRate,
  groupTallies,
  isZeroTally,
  monthsOfPeriod,
  periodOf,
  periodRange,
  previousPeriod,
  rankUnits,
  satisfactionFlag,
  tallyCase,
  tallyCases,
  validateWeights,
  type CaseTally,
  type RankInput,
} from './metrics';

const CREATED = '2026-10-08T01:00:00.000Z';
const RESPOND_BY = '2026-10-09T01:00:00.000Z';
const RESOLVE_BY = '2026-10-13T16:00:00.000Z';

const member = (memberId: string): PersonRef => ({ openid: `o-${memberId}`, role: 'building_steward', name: '李建国', memberId });

const makeCase = (over: Partial<Case> = {}): Case => shortCase({ createdAt: CREATED, ...over });

/** A case at each step of the lifecycle, held by member m1, with its deadlines set. */
const held = (over: Partial<Case>): Case =>
  makeCase({ holder: member('m1'), assignedAt: CREATED, deadlines: { respondBy: RESPOND_BY, resolveBy: RESOLVE_BY }, ...over });
const accepted = { acceptedAt: '2026-10-08T03:00:00.000Z', respondedOnTime: true };
const resolvedOnTime = { ...accepted, result: '已更换灯泡', resolvedAt: '2026-10-09T02:00:00.000Z', resolvedOnTime: true };
const rated = (value: Rating, auto = false) => ({ rating: { value, at: '2026-10-10T02:00:00.000Z', ...(auto ? { auto } : {}) } });

const tally = (partial: Partial<CaseTally>): CaseTally => ({ ...emptyTally(), ...partial });

describe('tallyCase：每种状态计入哪些数', () => {
  const rows: [string, Case, Partial<CaseTally>][] = [
    ['新诉求无人可派（待派单）', makeCase(), { received: 1, open: 1 }],
    ['已派单、响应时限未到：不计入响应率', held({ status: 'assigned' }), { received: 1, open: 1 }],
    [
      '已派单、超过响应时限未受理',
      held({ status: 'assigned', overdue: true, overdueFor: RESPOND_BY }),
      { received: 1, open: 1, overdue: 1, respondDue: 1 },
    ],
    [
      '超时未受理后自动吹哨：仍计入应响应',
      held({
        status: 'escalated',
        overdue: true,
        overdueFor: RESPOND_BY,
        escalation: { level: 'community', since: RESPOND_BY, reason: '超时' },
      }),
      { received: 1, open: 1, overdue: 1, respondDue: 1, escalated: 1 },
    ],
    ['按时受理、办理中', held({ status: 'processing', ...accepted }), { received: 1, open: 1, respondDue: 1, respondOnTime: 1 }],
    [
      '超时受理',
      held({ status: 'processing', acceptedAt: '2026-10-09T05:00:00.000Z', respondedOnTime: false, overdue: true, overdueFor: RESPOND_BY }),
      { received: 1, open: 1, overdue: 1, respondDue: 1 },
    ],
    [
      '办理超过办结时限',
      held({ status: 'processing', ...accepted, overdue: true, overdueFor: RESOLVE_BY }),
      { received: 1, open: 1, overdue: 1, respondDue: 1, respondOnTime: 1, resolveDue: 1 },
    ],
    [
      '按时办结、待评价（仍算未办结）',
      held({ status: 'resolved', ...resolvedOnTime }),
      { received: 1, open: 1, respondDue: 1, respondOnTime: 1, resolveDue: 1, resolveOnTime: 1, resolved: 1 },
    ],
    [
      '评价满意后办结',
      held({ status: 'closed', ...resolvedOnTime, ...rated('satisfied') }),
      { received: 1, closed: 1, respondDue: 1, respondOnTime: 1, resolveDue: 1, resolveOnTime: 1, resolved: 1, rated: 1, satisfied: 1 },
    ],
    [
      '评价基本满意',
      held({ status: 'closed', ...resolvedOnTime, ...rated('basically_satisfied') }),
      {
        received: 1,
        closed: 1,
        respondDue: 1,
        respondOnTime: 1,
        resolveDue: 1,
        resolveOnTime: 1,
        resolved: 1,
        rated: 1,
        basicallySatisfied: 1,
      },
    ],
    [
      '七天未评价自动办结：不算已评价，单列为未回访',
      held({ status: 'closed', ...resolvedOnTime, ...rated('satisfied', true) }),
      { received: 1, closed: 1, respondDue: 1, respondOnTime: 1, resolveDue: 1, resolveOnTime: 1, resolved: 1, unreached: 1 },
    ],
    [
      '不满意回炉整改：不再算已解决',
      held({ status: 'processing', ...resolvedOnTime, reworkCount: 1, ...rated('unsatisfied') }),
      { received: 1, open: 1, respondDue: 1, respondOnTime: 1, rated: 1, unsatisfied: 1, rework: 1 },
    ],
    [
      '核查三次未通过：督办并吹哨',
      held({
        status: 'escalated',
        ...accepted,
        reworkCount: 3,
        failedVerifications: 3,
        supervised: true,
        escalation: { level: 'street', since: '2026-10-20T01:00:00.000Z', reason: '核查超过三次' },
        ...rated('unsatisfied'),
      }),
      { received: 1, open: 1, respondDue: 1, respondOnTime: 1, rated: 1, unsatisfied: 1, rework: 3, supervised: 1, escalated: 1 },
    ],
    ['不予受理', makeCase({ status: 'rejected', rejectReason: '不属于社区职责' }), { received: 1, rejected: 1 }],
    [
      '超过办结时限后群众撤回：仍计入应办结',
      held({ status: 'withdrawn', ...accepted, overdue: true, overdueFor: RESOLVE_BY }),
      { received: 1, withdrawn: 1, overdue: 1, respondDue: 1, respondOnTime: 1, resolveDue: 1 },
    ],
    ['重复诉求已合并：不算新受理', held({ status: 'merged', mergedInto: 'c0', ...accepted }), { merged: 1 }],
    [
      '网格员巡查发现、当场办结',
      held({ status: 'closed', source: 'patrol', result: '当场清理', resolvedAt: CREATED, resolvedOnTime: true }),
      { received: 1, closed: 1, resolveDue: 1, resolveOnTime: 1, resolved: 1 },
    ],
  ];
  it.each(rows)('%s', (_name, c, expected) => {
    expect(tallyCase(c)).toEqual(tally(expected));
  });
});

describe('computeMetrics：各项比率及其分母', () => {
  it('按定义计算四个比率，分母一并给出', () => {
    const m = computeMetrics(
      tally({
        received: 50,
        open: 8,
        closed: 36,
        rejected: 4,
        withdrawn: 2,
        merged: 3,
        respondDue: 40,
        respondOnTime: 38,
        resolveDue: 32,
        resolveOnTime: 28,
        resolved: 40,
        rated: 25,
        satisfied: 18,
        basicallySatisfied: 4,
        unsatisfied: 3,
        overdue: 6,
        rework: 3,
        supervised: 1,
        escalated: 2,
      }),
    );
    expect(m).toMatchObject({ received: 50, open: 8, closed: 36, overdue: 6, rework: 3, supervised: 1, escalated: 2 });
    expect(m).toMatchObject({ respondDue: 40, resolveDue: 32, resolutionBase: 44, rated: 25 });
    expect(m.responseRate).toBeCloseTo(0.95);
    expect(m.onTimeRate).toBeCloseTo(0.875);
    expect(m.resolutionRate).toBeCloseTo(40 / 44);
    expect(m.satisfactionRate).toBeCloseTo(0.88);
    // 30×0.95 + 35×0.875 + 35×0.88 = 89.925 → 89.93
    expect(m.score).toBe(89.93);
  });

  it.each([
    ['没有应响应的件：响应率为空', tally({ received: 2, open: 2 }), 'responseRate'],
    ['没有应办结的件：按时办结率为空', tally({ received: 2, open: 2, respondDue: 2, respondOnTime: 2 }), 'onTimeRate'],
    ['全部不予受理或撤回：解决率为空', tally({ received: 2, rejected: 1, withdrawn: 1 }), 'resolutionRate'],
    ['没有人评价：满意率为空', tally({ received: 1, closed: 1, resolved: 1, resolveDue: 1, resolveOnTime: 1 }), 'satisfactionRate'],
  ] as const)('%s', (_name, t, key) => {
    const m = computeMetrics(t);
    expect(m[key]).toBeNull();
    expect(describeMetrics(m).join('；')).toContain('—');
  });

  it.each([
    [
      '三项都有，按30/35/35加权',
      { respondDue: 10, respondOnTime: 10, resolveDue: 10, resolveOnTime: 5, rated: 10, satisfied: 8 },
      DEFAULT_WEIGHTS,
      75.5,
    ],
    // (30×1 + 35×0.5) / 65 = 73.0769…
    [
      '无人评价：满意率不参与，权重重新归一',
      { respondDue: 10, respondOnTime: 10, resolveDue: 10, resolveOnTime: 5 },
      DEFAULT_WEIGHTS,
      73.08,
    ],
    ['只有满意率', { rated: 4, satisfied: 3 }, DEFAULT_WEIGHTS, 75],
    ['只看响应率的权重', { respondDue: 4, respondOnTime: 1, rated: 4 }, { response: 1, onTime: 0, satisfaction: 0 }, 25],
    [
      '权重只按比例起作用',
      { respondDue: 10, respondOnTime: 10, resolveDue: 10, resolveOnTime: 5, rated: 10, satisfied: 8 },
      { response: 6, onTime: 7, satisfaction: 7 },
      75.5,
    ],
    ['唯一有值的比率权重为0：无得分', { rated: 4, satisfied: 4 }, { response: 1, onTime: 1, satisfaction: 0 }, null],
    ['什么都没有：无得分', {}, DEFAULT_WEIGHTS, null],
  ] as const)('综合得分：%s', (_name, partial, weights, score) => {
    expect(computeMetrics(tally({ received: 10, ...partial }), weights).score).toBe(score);
  });
});

describe('考核权重校验', () => {
  it.each([
    ['默认 30/35/35', DEFAULT_WEIGHTS, true],
    ['只考满意率', { response: 0, onTime: 0, satisfaction: 1 }, true],
    ['负数权重', { response: -1, onTime: 35, satisfaction: 35 }, false],
    ['全部为0', { response: 0, onTime: 0, satisfaction: 0 }, false],
    ['缺一项', { response: 30, onTime: 70 }, false],
    ['不是数字', { response: '30', onTime: 35, satisfaction: 35 }, false],
    ['无穷大', { response: Infinity, onTime: 35, satisfaction: 35 }, false],
  ])('%s', (_name, input, valid) => {
    const r = validateWeights(input);
    expect(r.ok).toBe(valid);
    if (!r.ok) {
      expect(r.error.code).toBe('INPUT.INVALID');
      expect(r.error.message).toMatch(/^考核权重无效/);
    }
  });

  it('无效权重不能用来算分', () => {
    expect(() => computeMetrics(emptyTally(), { response: 0, onTime: 0, satisfaction: 0 })).toThrow('权重之和必须大于0');
  });
});

describe('统计周期按北京时间划分', () => {
  it.each([
    ['北京时间4月1日零点整属于4月、二季度', '2026-03-31T16:00:00.000Z', '2026-04', '2026-Q2'],
    ['北京时间3月31日23:59属于3月、一季度', '2026-03-31T15:59:59.999Z', '2026-03', '2026-Q1'],
    ['北京时间元旦零点属于新年', '2025-12-31T16:00:00.000Z', '2026-01', '2026-Q1'],
    ['UTC的12月31日白天仍是当年四季度', '2025-12-31T08:00:00.000Z', '2025-12', '2025-Q4'],
    ['带时区的写法', '2026-10-01T00:30:00+08:00', '2026-10', '2026-Q4'],
  ])('%s', (_name, at, month, quarter) => {
    expect(periodOf(at, 'month')).toBe(month);
    expect(periodOf(at, 'quarter')).toBe(quarter);
  });

  it.each([
    ['2026-Q1', ['2026-01', '2026-02', '2026-03'], '2025-12-31T16:00:00.000Z', '2026-03-31T16:00:00.000Z', '2025-Q4'],
    ['2026-Q4', ['2026-10', '2026-11', '2026-12'], '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026-Q3'],
    ['2026-02', ['2026-02'], '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z', '2026-01'],
    ['2028-02', ['2028-02'], '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z', '2028-01'],
    ['2026-01', ['2026-01'], '2025-12-31T16:00:00.000Z', '2026-01-31T16:00:00.000Z', '2025-12'],
  ])('%s 的月份、起止时刻和上一周期', (period, months, from, to, previous) => {
    expect(monthsOfPeriod(period)).toEqual(months);
    expect(periodRange(period)).toEqual({ from, to });
    expect(previousPeriod(period)).toBe(previous);
  });

  it.each(['2026-13', '2026-Q5', '2026-Q0', '26-01', '2026-1', ''])('无效周期 "%s" 报错', (period) => {
    expect(() => monthsOfPeriod(period)).toThrow(RangeError);
  });

  it('无效时间报错', () => {
    expect(() => periodOf('昨天', 'month')).toThrow(RangeError);
  });

  it('任一时刻都落在它所属周期的起止之间', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('month' as const, 'quarter' as const),
        (d, kind) => {
          const at = d.toISOString();
          const { from, to } = periodRange(periodOf(at, kind));
          return from <= at && at < to;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('按成员、网格、社区汇总', () => {
  const cases = [
    held({ id: 'a', status: 'closed', ...resolvedOnTime, ...rated('satisfied') }),
    held({
      id: 'b',
      status: 'processing',
      ...accepted,
      holder: member('m2'),
      place: { streetId: 'st1', communityId: 'cm1', gridId: 'g2' },
    }),
    held({ id: 'c', status: 'closed', ...resolvedOnTime, ...rated('unsatisfied') }),
    makeCase({ id: 'd', place: { streetId: 'st1', communityId: 'cm2', gridId: 'g9' } }),
  ];

  it('逐件相加等于总数', () => {
    const sum = tallyCases(cases);
    expect(sum).toMatchObject({ received: 4, open: 2, closed: 2, rated: 2, satisfied: 1, unsatisfied: 1 });
  });

  it('按成员汇总：无人承办的件不归到任何人', () => {
    const byMember = groupTallies(cases, (c) => c.holder?.memberId);
    expect([...byMember.keys()].sort()).toEqual(['m1', 'm2']);
    expect(byMember.get('m1')).toMatchObject({ received: 2, closed: 2, rated: 2 });
    expect(byMember.get('m2')).toMatchObject({ received: 1, open: 1 });
  });

  it.each([
    ['网格', (c: Case) => c.place.gridId, { g1: 2, g2: 1, g9: 1 }],
    ['社区', (c: Case) => c.place.communityId, { cm1: 3, cm2: 1 }],
    ['街道', (c: Case) => c.place.streetId, { st1: 4 }],
  ])('按%s汇总', (_name, keyOf, received) => {
    const groups = groupTallies(cases, keyOf);
    expect(Object.fromEntries([...groups].map(([k, t]) => [k, t.received]))).toEqual(received);
  });
});

describe('满意率低于80%回炉整改', () => {
  it.each<[string, Partial<CaseTally>, boolean, number | null]>([
    ['季度满意率79%：回炉整改', { rated: 100, satisfied: 70, basicallySatisfied: 9, unsatisfied: 21 }, true, 0.79],
    ['恰好80%：不低于80%，达标', { rated: 100, satisfied: 60, basicallySatisfied: 20, unsatisfied: 20 }, false, 0.8],
    ['五件中四件满意：恰好80%', { rated: 5, satisfied: 4, unsatisfied: 1 }, false, 0.8],
    ['基本满意也算满意', { rated: 4, basicallySatisfied: 4 }, false, 1],
    ['四件中三件满意：75%', { rated: 4, satisfied: 3, unsatisfied: 1 }, true, 0.75],
    ['本季度无人评价：不作判定', { received: 12, closed: 12 }, false, null],
  ])('%s', (_name, partial, flagged, rate) => {
    const f = satisfactionFlag(tally(partial));
    expect(f.flagged).toBe(flagged);
    expect(f.rate === null ? null : Number(f.rate.toFixed(4))).toBe(rate);
    expect(f.rated).toBe(partial.rated ?? 0);
    expect(f.label.includes('回炉整改')).toBe(flagged);
  });

  it('门槛可以调整', () => {
    expect(satisfactionFlag(tally({ rated: 10, satisfied: 9, unsatisfied: 1 }), 0.95)).toMatchObject({
      flagged: true,
      label: '满意率 90.0%（已评价 10 件），低于95%，回炉整改',
    });
    expect(() => satisfactionFlag(emptyTally(), 80)).toThrow(RangeError);
  });
});

describe('比率的显示', () => {
  it.each([
    [0.9623, '96.2%'],
    [177 / 184, '96.2%'],
    [2 / 3, '66.7%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [0.0004, '0.0%'],
    [null, '—'],
  ])('%s → %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });

  it('比率总是带着分母说明', () => {
    expect(describeRate('满意率', 177 / 184, 184, '已评价')).toBe('满意率 96.2%（已评价 184 件）');
    expect(describeRate('响应率', null, 0, '应响应')).toBe('响应率 —（应响应 0 件）');
  });

  it('describeMetrics 列出四项比率', () => {
    const lines = describeMetrics(
      computeMetrics(tally({ received: 10, respondDue: 8, respondOnTime: 8, resolved: 5, rated: 4, satisfied: 3 })),
    );
    expect(lines).toEqual([
      '响应率 100.0%（应响应 8 件）',
      '按时办结率 —（应办结 0 件）',
      '解决率 50.0%（应解决 10 件）',
      '满意率 75.0%（已评价 4 件）',
    ]);
  });
});

describe('排名：通报表扬与通报批评', () => {
  /** A unit whose three rates are given as shares of ten cases. */
  const unit = (id: string, respond: number, onTime: number, satisfied: number, received = 10): RankInput => ({
    id,
    name: `第${id}网格`,
    tally: tally({ received, respondDue: 10, respondOnTime: respond, resolveDue: 10, resolveOnTime: onTime, rated: 10, satisfied }),
  });

  it('前三名表扬、最后一名批评', () => {
    const r = rankUnits([unit('e', 5, 5, 5), unit('a', 10, 10, 10), unit('c', 8, 8, 8), unit('b', 9, 9, 9), unit('d', 7, 7, 7)]);
    expect(r.units.map((u) => [u.id, u.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
      ['e', 5],
    ]);
    expect(r.praised.map((u) => u.id)).toEqual(['a', 'b', 'c']);
    expect(r.criticised.map((u) => u.id)).toEqual(['e']);
    expect(r.units[0].metrics.score).toBe(100);
  });

  it('完全相同并列同名次，按编号排序；并列在表扬线上的一同表扬', () => {
    const r = rankUnits(
      [unit('d', 9, 9, 9), unit('c', 9, 9, 9), unit('a', 10, 10, 10), unit('b', 10, 10, 10), unit('e', 1, 1, 1)],
      DEFAULT_WEIGHTS,
      {
        praiseTop: 3,
      },
    );
    expect(r.units.map((u) => [u.id, u.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
      ['d', 3],
      ['e', 5],
    ]);
    expect(r.praised.map((u) => u.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(r.criticised.map((u) => u.id)).toEqual(['e']);
  });

  it('得分相同时满意率高者在前', () => {
    // 30×1 + 35×0 + 35×1 = 65 and 30×1 + 35×1 + 35×0 = 65.
    const r = rankUnits([unit('x', 10, 10, 0), unit('y', 10, 0, 10)], DEFAULT_WEIGHTS, { praiseTop: 1 });
    expect(r.units.map((u) => [u.id, u.metrics.score, u.rank])).toEqual([
      ['y', 65, 1],
      ['x', 65, 2],
    ]);
    expect(r.praised.map((u) => u.id)).toEqual(['y']);
    expect(r.criticised.map((u) => u.id)).toEqual(['x']);
  });

  it('得分和各项比率都相同时，受理件数多者在前', () => {
    const small = {
      ...unit('a', 9, 9, 9),
      tally: tally({ received: 6, respondDue: 5, respondOnTime: 4, resolveDue: 5, resolveOnTime: 4, rated: 5, satisfied: 4 }),
    };
    const big = {
      ...unit('b', 8, 8, 8),
      tally: tally({ received: 12, respondDue: 10, respondOnTime: 8, resolveDue: 10, resolveOnTime: 8, rated: 10, satisfied: 8 }),
    };
    expect(rankUnits([small, big]).units.map((u) => [u.id, u.rank])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
  });

  it('办件太少的网格列出但不参与排名和通报', () => {
    const perfectPair = tally({ received: 2, respondDue: 2, respondOnTime: 2, resolveDue: 2, resolveOnTime: 2, rated: 2, satisfied: 2 });
    const r = rankUnits(
      [
        unit('a', 9, 9, 9),
        { id: 'tiny', name: '小网格', tally: perfectPair },
        unit('b', 5, 5, 5),
        { id: 'empty', name: '空网格', tally: emptyTally() },
        unit('c', 7, 7, 7),
      ],
      DEFAULT_WEIGHTS,
      {
        praiseTop: 1,
      },
    );
    const tiny = r.units.find((u) => u.id === 'tiny')!;
    expect(tiny).toMatchObject({ rank: null, praised: false, criticised: false, note: '受理不足5件，不参与排名' });
    expect(tiny.metrics.score).toBe(100);
    expect(r.units.map((u) => u.id)).toEqual(['a', 'c', 'b', 'tiny', 'empty']);
    expect(r.praised.map((u) => u.id)).toEqual(['a']);
    expect(r.criticised.map((u) => u.id)).toEqual(['b']);
  });

  it('有受理但无任何可算比率的单位不参与排名', () => {
    const r = rankUnits([{ id: 'new', name: '新网格', tally: tally({ received: 8, open: 8 }) }], DEFAULT_WEIGHTS, { minCases: 1 });
    expect(r.units[0]).toMatchObject({ rank: null, note: '暂无可计算的考核指标，不参与排名' });
  });

  it('单位太少或全部并列时，不会既表扬又批评', () => {
    const two = rankUnits([unit('a', 10, 10, 10), unit('b', 5, 5, 5)]);
    expect(two.praised.map((u) => u.id)).toEqual(['a']);
    expect(two.criticised).toEqual([]);
    // Three units, top three praised: the last one is within both lines, so it is neither.
    const three = rankUnits([unit('a', 10, 10, 10), unit('b', 7, 7, 7), unit('c', 5, 5, 5)]);
    expect(three.praised.map((u) => u.id)).toEqual(['a', 'b']);
    expect(three.criticised).toEqual([]);
    const even = rankUnits([unit('a', 8, 8, 8), unit('b', 8, 8, 8), unit('c', 8, 8, 8), unit('d', 8, 8, 8)]);
    expect(even.units.every((u) => u.rank === 1 && !u.praised && !u.criticised)).toBe(true);
  });

  it('结果与输入顺序无关', () => {
    const units = [unit('a', 9, 9, 9), unit('b', 9, 9, 9), unit('c', 3, 7, 5), unit('d', 10, 2, 6), unit('e', 1, 1, 1, 3)];
    const key = (us: RankInput[]) => JSON.stringify(rankUnits(us).units.map((u) => [u.id, u.rank, u.praised, u.criticised]));
    fc.assert(
      fc.property(fc.shuffledSubarray(units, { minLength: units.length }), (shuffled) => key(shuffled) === key(units)),
      { numRuns: 50 },
    );
  });

  it.each([{ praiseTop: -1 }, { criticiseBottom: 1.5 }, { minCases: Number.NaN }])('无效选项 %j 报错', (opts) => {
    expect(() => rankUnits([], DEFAULT_WEIGHTS, opts)).toThrow(RangeError);
  });
});

// ——— properties over random cases ———

const STATUSES: CaseStatus[] = ['pending', 'assigned', 'processing', 'escalated', 'resolved', 'closed', 'rejected', 'withdrawn', 'merged'];

/** Any combination of recorded facts, lifecycle-consistent or not: tallyCase must stay sane. */
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    status: fc.constantFrom(...STATUSES),
    accepted: fc.boolean(),
    respondedOnTime: fc.option(fc.boolean(), { nil: undefined }),
    result: fc.option(fc.constant('已处理'), { nil: undefined }),
    resolvedOnTime: fc.option(fc.boolean(), { nil: undefined }),
    rating: fc.option(
      fc.record({ value: fc.constantFrom<Rating>('satisfied', 'basically_satisfied', 'unsatisfied'), auto: fc.boolean() }),
      { nil: undefined },
    ),
    overdueFor: fc.constantFrom(undefined, RESPOND_BY, RESOLVE_BY, '2026-10-08T02:00:00.000Z'),
    reworkCount: fc.nat({ max: 4 }),
    supervised: fc.boolean(),
    escalated: fc.boolean(),
  })
  .map((r) =>
    held({
      status: r.status,
      acceptedAt: r.accepted ? '2026-10-08T03:00:00.000Z' : undefined,
      respondedOnTime: r.respondedOnTime,
      result: r.result,
      resolvedOnTime: r.resolvedOnTime,
      rating: r.rating && { value: r.rating.value, at: '2026-10-10T00:00:00.000Z', auto: r.rating.auto },
      overdue: r.overdueFor !== undefined,
      overdueFor: r.overdueFor,
      reworkCount: r.reworkCount,
      supervised: r.supervised,
      escalation: r.escalated ? { level: 'community', since: CREATED, reason: '吹哨' } : undefined,
    }),
  );

const tallyArb = fc.array(caseArb, { maxLength: 30 }).map(tallyCases);

describe('性质', () => {
  it('任意一批诉求：每个比率在0到1之间或为空，得分在0到100之间或为空', () => {
    fc.assert(
      fc.property(
        tallyArb,
        fc.record({ response: fc.nat(100), onTime: fc.nat(100), satisfaction: fc.integer({ min: 1, max: 100 }) }),
        (t, w) => {
          const m = computeMetrics(t, w);
          for (const rate of [m.responseRate, m.onTimeRate, m.resolutionRate, m.satisfactionRate]) {
            if (rate !== null && !(rate >= 0 && rate <= 1)) return false;
          }
          if (m.score !== null && !(m.score >= 0 && m.score <= 100)) return false;
          // A rate is null exactly when its denominator is zero.
          return (m.satisfactionRate === null) === (m.rated === 0) && (m.responseRate === null) === (m.respondDue === 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('受理数 = 未办结 + 已办结 + 不予受理 + 已撤回', () => {
    fc.assert(
      fc.property(tallyArb, (t) => t.received === t.open + t.closed + t.rejected + t.withdrawn),
      { numRuns: 200 },
    );
  });

  it('addTally 与 diffTally 互逆，分批相加等于一起相加', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 10 }), fc.array(caseArb, { maxLength: 10 }), (xs, ys) => {
        const a = tallyCases(xs);
        const b = tallyCases(ys);
        const both = addTally(a, b);
        expect(diffTally(both, b)).toEqual(a);
        expect(addTally(diffTally(a, b), b)).toEqual(a);
        expect(isZeroTally(diffTally(a, a))).toBe(true);
        expect(tallyCases([...xs, ...ys])).toEqual(both);
      }),
      { numRuns: 200 },
    );
  });

  it('状态变化时计数器按差额更新，结果与重新计算一致', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 10 }), caseArb, fc.nat(), (cases, after, i) => {
        const k = i % cases.length;
        const stored = addTally(tallyCases(cases), diffTally(tallyCase(after), tallyCase(cases[k])));
        const recomputed = tallyCases(cases.map((c, j) => (j === k ? after : c)));
        return TALLY_KEYS.every((key) => stored[key] === recomputed[key]);
      }),
      { numRuns: 200 },
    );
  });
});
