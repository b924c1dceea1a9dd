import { periodOf } from '../../core/metrics';
import { monthAxisLabels, monthOf, periodLabel, quarterOfMonth, recentMonths, recentQuarters } from './board-period';

describe('统计周期按北京时间划分，与后端一致', () => {
  it.each(['2026-01-31T15:59:59.999Z', '2026-01-31T16:00:00.000Z', '2026-03-31T16:30:00.000Z', '2026-12-31T17:00:00.000Z'])('%s', (at) => {
    expect(monthOf(new Date(at))).toBe(periodOf(at, 'month'));
    expect(quarterOfMonth(monthOf(new Date(at)))).toBe(periodOf(at, 'quarter'));
  });

  it('最近的月份和季度，新的在前，跨年也对', () => {
    const now = new Date('2026-02-10T04:00:00Z');
    expect(recentMonths(now, 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(recentQuarters(now, 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
  });
});

describe('周期的中文名称', () => {
  it.each([
    ['month', '本月'],
    ['quarter', '本季度'],
    ['2026-05', '2026年5月'],
    ['2026-Q2', '2026年第二季度'],
    ['2026-Q4', '2026年第四季度'],
  ])('%s → %s', (p, label) => expect(periodLabel(p)).toBe(label));

  it('图表的月份标签在换年时写出年份', () => {
    expect(monthAxisLabels(['2026-10', '2026-11', '2026-12', '2027-01', '2027-02'])).toEqual(['10月', '11月', '12月', '2027年1月', '2月']);
  });
});
