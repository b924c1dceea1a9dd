import { emptyTally, rankUnits, type CaseTally } from './metrics';
import {
  MIN_RATED_TO_FLAG,
  RECTIFICATION_DAYS,
  closeRectification,
  judgeSatisfaction,
  openRectification,
  quarterToJudge,
  reconcilePraise,
  rectificationDuring,
  rectificationState,
  type Rectification,
} from './rectification';

/** `rated` ratings of which `good` satisfied (the rest unsatisfied), over as many received cases. */
function tally(rated: number, good: number, received = rated): CaseTally {
  return {
    ...emptyTally(),
    received,
    closed: received,
    rated,
    satisfied: good,
    unsatisfied: rated - good,
    resolveDue: received,
    resolveOnTime: received,
    respondDue: received,
    respondOnTime: received,
  };
}

const AT = '2026-10-08T02:00:00.000Z';
const base = {
  period: '2026-Q3',
  unitKind: 'grid' as const,
  unitId: 'g1',
  unitName: '渝园 第一网格',
  streetId: 's1',
  communityId: 'c1',
  by: 'street',
  at: AT,
};

describe('the 80 % verdict', () => {
  it.each([
    // rated, satisfied, verdict
    [0, 0, 'too_few'],
    [MIN_RATED_TO_FLAG - 1, 0, 'too_few'],
    [MIN_RATED_TO_FLAG, 3, 'flag'], // 60 %
    [10, 8, 'pass'], // exactly 80 % passes
    [10, 7, 'flag'],
    [100, 79, 'flag'],
    [100, 80, 'pass'],
  ] as const)('%i rated, %i satisfied → %s', (rated, good, verdict) => {
    expect(judgeSatisfaction(tally(rated, good)).verdict).toBe(verdict);
  });

  it('basically satisfied counts as satisfied', () => {
    const t = { ...tally(10, 0), basicallySatisfied: 8, unsatisfied: 2 };
    expect(judgeSatisfaction(t).verdict).toBe('pass');
  });
});

describe('praise and the flag never meet', () => {
  it('a praised unit below 80 % loses the praise and says why; the others keep theirs', () => {
    // u1 ranks first on response and on-time rates but its residents are unhappy.
    const units = [
      {
        id: 'u1',
        name: '一',
        tally: { ...tally(10, 7), received: 40, closed: 40, respondDue: 40, respondOnTime: 40, resolveDue: 40, resolveOnTime: 40 },
      },
      { id: 'u2', name: '二', tally: { ...tally(10, 9), resolveOnTime: 8 } },
      { id: 'u3', name: '三', tally: { ...tally(10, 8), resolveOnTime: 5 } },
    ];
    const ranking = rankUnits(units, { response: 45, onTime: 45, satisfaction: 10 }, { praiseTop: 2 });
    expect(ranking.praised.map((u) => u.id)).toEqual(['u1', 'u2']);
    const judged = reconcilePraise(ranking.units);
    const u1 = judged.find((u) => u.id === 'u1')!;
    expect(u1.praised).toBe(false);
    expect(u1.verdict.verdict).toBe('flag');
    expect(u1.note).toContain('不予表扬');
    expect(judged.filter((u) => u.praised).map((u) => u.id)).toEqual(['u2']);
    for (const u of judged) expect(u.praised && u.verdict.verdict === 'flag').toBe(false);
  });
});

describe('a rectification task', () => {
  it('opens for a flagged unit with a deadline RECTIFICATION_DAYS away, id by quarter and unit', () => {
    const r = openRectification({ ...base, tally: tally(10, 6) });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.id).toBe('2026-Q3_grid_g1');
    expect(r.value.status).toBe('open');
    expect(r.value.rate).toBeCloseTo(0.6);
    expect(r.value.reason).toContain('低于80%');
    // Opened on 2026-10-08 (China): the last day allowed is 30 days on, 2026-11-07; due at the next midnight.
    expect(r.value.dueAt).toBe(new Date('2026-11-07T16:00:00.000Z').toISOString());
    expect(RECTIFICATION_DAYS).toBe(30);
  });

  it.each([
    ['a passing unit', { tally: tally(10, 9) }, 'RECTIFICATION.NOT_NEEDED'],
    ['too few rated', { tally: tally(3, 0) }, 'RECTIFICATION.NOT_NEEDED'],
    ['a month, not a quarter', { tally: tally(10, 6), period: '2026-09' }, 'INPUT.INVALID'],
  ])('does not open for %s', (_name, over, code) => {
    const r = openRectification({ ...base, ...over });
    expect(r.ok ? 'opened' : r.error.code).toBe(code);
  });

  const open = (): Rectification => {
    const r = openRectification({ ...base, tally: tally(10, 6) });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const REPORT = '走访了全部不满意的居民，查明原因是楼道灯维修拖延，已建立每周巡查制度并全部修复。';

  it('closes with a written report, once', () => {
    const closed = closeRectification(open(), REPORT, 'admin', '2026-10-20T02:00:00.000Z');
    if (!closed.ok) throw new Error(closed.error.message);
    expect(closed.value.status).toBe('closed');
    expect(closed.value.report).toEqual({ text: REPORT, by: 'admin', at: '2026-10-20T02:00:00.000Z' });
    const again = closeRectification(closed.value, REPORT, 'admin', '2026-10-21T02:00:00.000Z');
    expect(again.ok ? 'closed twice' : again.error.code).toBe('RECTIFICATION.CLOSED');
  });

  it('refuses a report that says nothing', () => {
    const r = closeRectification(open(), '已整改。。。。。', 'admin', '2026-10-20T02:00:00.000Z');
    expect(r.ok ? 'closed' : r.error.code).toBe('INPUT.INVALID');
  });

  it.each([
    ['open, before the deadline', false, '2026-11-07T15:59:59.000Z', '整改中', false],
    ['open, past the deadline', false, '2026-11-07T16:00:00.000Z', '整改中（已逾期）', true],
    ['closed in time', true, '2026-12-01T00:00:00.000Z', '已整改', false],
  ])('state: %s', (_n, close, at, name, late) => {
    let r = open();
    if (close) {
      const c = closeRectification(r, REPORT, 'admin', '2026-10-20T02:00:00.000Z');
      if (!c.ok) throw new Error(c.error.message);
      r = c.value;
    }
    expect(rectificationState(r, at)).toMatchObject({ statusName: name, late });
  });
});

describe('when the timer judges a quarter', () => {
  it.each([
    ['2026-10-01', undefined],
    ['2026-10-07', undefined],
    ['2026-10-08', '2026-Q3'],
    ['2026-12-31', '2026-Q3'],
    ['2027-01-08', '2026-Q4'],
    ['2026-04-08', '2026-Q1'],
  ])('%s → %s', (day, q) => {
    expect(quarterToJudge(day)).toBe(q);
  });
});

describe('rectificationDuring', () => {
  const jan = { from: '2026-12-31T16:00:00.000Z', to: '2027-01-31T16:00:00.000Z' };
  const task = { openedAt: '2027-01-08T02:00:00.000Z', status: 'open' as const };
  const closedOn = (at: string) => ({ ...task, status: 'closed' as const, report: { text: '', by: 'x', at } });
  it.each([
    ['open, opened within the period', task, jan, true],
    ['open, opened before the period', { ...task, openedAt: '2026-10-08T02:00:00.000Z' }, jan, true],
    ['opened after the period', task, { from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' }, false],
    ['opened at the first moment after the period', { ...task, openedAt: jan.to }, jan, false],
    ['closed within the period', closedOn('2027-01-20T02:00:00.000Z'), jan, true],
    [
      'closed before the period began',
      closedOn('2027-01-20T02:00:00.000Z'),
      { from: '2027-02-28T16:00:00.000Z', to: '2027-03-31T16:00:00.000Z' },
      false,
    ],
    ['a report stamped before the opening counts from the opening', closedOn('2026-11-20T02:00:00.000Z'), jan, true],
  ])('%s', (_name, r, range, during) => {
    expect(rectificationDuring(r, range)).toBe(during);
  });
});
