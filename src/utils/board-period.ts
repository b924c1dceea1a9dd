/**
 * Periods of the board: months ('2026-05') and quarters ('2026-Q2') in China time, as the server
 * counts them (core/metrics.ts `periodOf`). China keeps UTC+8 all year, so a fixed offset is exact.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const QUARTER_NAMES = ['一', '二', '三', '四'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** The month an instant falls in, China time: '2026-05'. */
export function monthOf(at: Date): string {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}`;
}

/** The quarter of a month: '2026-05' → '2026-Q2'. */
export function quarterOfMonth(month: string): string {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`不是有效的月份：${month}`);
  return `${m[1]}-Q${Math.ceil(Number(m[2]) / 3)}`;
}

function shiftMonth(month: string, by: number): string {
  const m = MONTH_RE.exec(month)!;
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + by;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The last `n` months up to the one `now` falls in, newest first. */
export function recentMonths(now: Date, n: number): string[] {
  const current = monthOf(now);
  return Array.from({ length: n }, (_, i) => shiftMonth(current, -i));
}

/** The last `n` quarters up to the current one, newest first. */
export function recentQuarters(now: Date, n: number): string[] {
  const current = monthOf(now);
  return Array.from({ length: n }, (_, i) => quarterOfMonth(shiftMonth(current, -3 * i)));
}

/** '本月', '本季度', '2026年5月', '2026年第二季度'. */
export function periodLabel(period: string): string {
  if (period === 'month') return '本月';
  if (period === 'quarter') return '本季度';
  const m = MONTH_RE.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  const q = QUARTER_RE.exec(period);
  if (q) return `${q[1]}年第${QUARTER_NAMES[Number(q[2]) - 1]}季度`;
  return period;
}

/**
 * Short labels for a row of months ('9月', '10月', …): the year is written where it changes,
 * so that a chart across New Year reads '12月', '2027年1月'.
 */
export function monthAxisLabels(months: readonly string[]): string[] {
  return months.map((month, i) => {
    const m = MONTH_RE.exec(month);
    if (!m) return month;
    const prev = i > 0 ? MONTH_RE.exec(months[i - 1]!) : null;
    const yearChanged = prev !== null && prev[1] !== m[1];
    return yearChanged ? `${m[1]}年${Number(m[2])}月` : `${Number(m[2])}月`;
  });
}

export const isMonth = (p: string): boolean => MONTH_RE.test(p);
export const isQuarter = (p: string): boolean => QUARTER_RE.test(p);
