import fc from 'fast-check';
import { periodOf, previousPeriod } from './metrics';
import { chinesePeriod } from './ledgers';
import { PREVIEW_PERIODS, isPreviewPeriodChoice, previewPeriodOf } from './preview-period';
import { startOfLocalDate } from './working-days';

describe('previewPeriodOf', () => {
  test('each choice on a day in November', () => {
    expect(PREVIEW_PERIODS.map((p) => previewPeriodOf(p.key, '2026-11-23'))).toEqual([
      { period: '2026-11', name: '2026年11月' },
      { period: '2026-10', name: '2026年10月' },
      { period: '2026-Q4', name: '2026年第4季度' },
      { period: '2026', name: '2026年（年度考核）' },
    ]);
  });

  test('上月 in January is last December', () => {
    expect(previewPeriodOf('lastMonth', '2027-01-03')).toEqual({ period: '2026-12', name: '2026年12月' });
  });

  test('any day: the periods are the statistics’ own (periodOf, previousPeriod), named as the ledgers name them', () => {
    const day = fc
      .record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(day, (today) => {
        // Midday China time on that day, as an instant.
        const at = new Date(startOfLocalDate(today).getTime() + 12 * 3600_000).toISOString();
        const month = previewPeriodOf('month', today);
        expect(month.period).toBe(periodOf(at, 'month'));
        expect(previewPeriodOf('lastMonth', today).period).toBe(previousPeriod(month.period));
        expect(previewPeriodOf('quarter', today).period).toBe(periodOf(at, 'quarter'));
        expect(previewPeriodOf('year', today).period).toBe(periodOf(at, 'year'));
        for (const choice of ['month', 'lastMonth', 'quarter'] as const) {
          const p = previewPeriodOf(choice, today);
          expect(p.name).toBe(chinesePeriod(p.period));
        }
        expect(previewPeriodOf('year', today).name).toBe(`${chinesePeriod(periodOf(at, 'year'))}（年度考核）`);
      }),
    );
  });

  test('only the four choices are choices; a malformed day throws', () => {
    expect(PREVIEW_PERIODS.map((p) => p.key).every(isPreviewPeriodChoice)).toBe(true);
    for (const v of ['week', 'Month', '', '2026-11', 3, null, undefined]) expect(isPreviewPeriodChoice(v)).toBe(false);
    expect(() => previewPeriodOf('month', '2026-11')).toThrow(RangeError);
  });
});
