import { combineScores, DEFAULT_PERIOD_WEIGHTS, validatePeriodWeights } from './annual-assessment';
import { monthsOfPeriod, periodKindOf, periodOf, periodRange, previousPeriod } from './metrics';

describe('years as periods', () => {
  it('a year is its twelve months, China-local, and follows the year before', () => {
    expect(monthsOfPeriod('2026')).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(periodRange('2026')).toEqual({ from: '2025-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    expect(previousPeriod('2026')).toBe('2025');
    // 2026-12-31 20:00 UTC is already 2027 in China.
    expect(periodOf('2026-12-31T20:00:00.000Z', 'year')).toBe('2027');
    expect(periodKindOf('2026')).toBe('year');
    expect(periodKindOf('2026-Q1')).toBe('quarter');
    expect(periodKindOf('2026-01')).toBe('month');
  });
});

describe('the combined score of monthly and annual results', () => {
  it.each([
    // monthly scores, annual, weights, combined
    [[80, 90, null], 70, { monthly: 50, annual: 50 }, 77.5], // mean 85 with 70
    [[80, 90], 70, { monthly: 100, annual: 0 }, 85],
    [[80, 90], 70, { monthly: 0, annual: 1 }, 70],
    [[60], 90, { monthly: 1, annual: 2 }, 80],
    [[null, null], 70, { monthly: 50, annual: 50 }, 70], // no month scored: the annual weighs alone
    [[], null, { monthly: 50, annual: 50 }, null],
    [[80], null, { monthly: 0, annual: 1 }, null], // the only part that exists weighs nothing
  ] as const)('%j and %s with %j → %s', (monthly, annual, w, combined) => {
    expect(combineScores(monthly, annual, w).combined).toBe(combined);
  });

  it('counts the months that had a score', () => {
    expect(combineScores([80, null, 90], 70, DEFAULT_PERIOD_WEIGHTS)).toMatchObject({ monthlyMean: 85, monthsScored: 2 });
  });

  it.each([
    [{ monthly: -1, annual: 1 }, '不能为负数'],
    [{ monthly: 0, annual: 0 }, '之和必须大于0'],
    [{ monthly: Number.NaN, annual: 1 }, '年度考核权重无效'],
    [{ monthly: 1 }, '年度考核权重无效'],
  ])('refuses weights %j', (w, message) => {
    const r = validatePeriodWeights(w);
    expect(r.ok ? 'accepted' : r.error.message).toContain(message);
    expect(() => combineScores([1], 1, w as never)).toThrow(RangeError);
  });
});
