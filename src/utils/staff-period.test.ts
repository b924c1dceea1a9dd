import { percent, periodLabel, periodOf, previousPeriod, recentPeriods } from './staff-period';

describe('periods', () => {
  // 2026-01-01 03:00 in China.
  const NEW_YEAR = new Date('2025-12-31T19:00:00.000Z');

  test('按北京时间取月份和季度', () => {
    expect(periodOf(NEW_YEAR, 'month')).toBe('2026-01');
    expect(periodOf(NEW_YEAR, 'quarter')).toBe('2026-Q1');
    expect(periodOf(new Date('2026-11-15T00:00:00Z'), 'quarter')).toBe('2026-Q4');
  });

  test('上一期跨年', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-10')).toBe('2026-09');
    expect(() => previousPeriod('2026')).toThrow('统计周期');
  });

  test('最近几期，新的在前', () => {
    expect(recentPeriods(NEW_YEAR, 'month', 3)).toEqual(['2026-01', '2025-12', '2025-11']);
  });

  test('中文写法', () => {
    expect(periodLabel('2026-10')).toBe('2026年10月');
    expect(periodLabel('2026-Q4')).toBe('2026年第四季度');
  });

  test('百分比', () => {
    expect(percent(0.875)).toBe('87.5%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(null)).toBe('—');
  });
});
