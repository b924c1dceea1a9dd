/**
 * The periods the weights screen previews a ranking for (本月 / 上月 / 本季度 / 本年), what each
 * covers on a given day, and its name in Chinese. Pure: the caller passes today's local date.
 */

export type PreviewPeriodChoice = 'month' | 'lastMonth' | 'quarter' | 'year';

/** The choices in the order the screen shows them, with their chip names. */
export const PREVIEW_PERIODS: ReadonlyArray<{ key: PreviewPeriodChoice; name: string }> = [
  { key: 'month', name: '本月' },
  { key: 'lastMonth', name: '上月' },
  { key: 'quarter', name: '本季度' },
  { key: 'year', name: '本年' },
];

export const isPreviewPeriodChoice = (v: unknown): v is PreviewPeriodChoice => PREVIEW_PERIODS.some((p) => p.key === v);

export interface PreviewPeriod {
  /** The statistics' period: a month `2026-11`, a quarter `2026-Q4` or a year `2026`. */
  period: string;
  /** In Chinese: 2026年11月, 2026年第4季度, 2026年（年度考核）. */
  name: string;
}

/** The period a choice covers on `today` (China-local `YYYY-MM-DD`). */
export function previewPeriodOf(choice: PreviewPeriodChoice, today: string): PreviewPeriod {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(today);
  if (!m) throw new RangeError(`不是有效的日期：${today}`);
  let year = Number(m[1]);
  let month = Number(m[2]);
  if (choice === 'year') return { period: String(year), name: `${year}年（年度考核）` };
  if (choice === 'quarter') {
    const q = Math.ceil(month / 3);
    return { period: `${year}-Q${q}`, name: `${year}年第${q}季度` };
  }
  if (choice === 'lastMonth') {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return { period: `${year}-${String(month).padStart(2, '0')}`, name: `${year}年${month}月` };
}
