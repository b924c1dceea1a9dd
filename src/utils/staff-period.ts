/**
 * Assessment periods as the server names them: a month `2026-10` or a quarter `2026-Q4`, in China
 * time. Pure: `now` is passed in.
 */
import { chinaDate } from './staff-case-filter';

export type PeriodKind = 'month' | 'quarter';

export function periodOf(at: Date, kind: PeriodKind): string {
  const [y, m] = chinaDate(at).split('-').map(Number) as [number, number];
  return kind === 'month' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.ceil(m / 3)}`;
}

/** The period before (`2026-01` → `2025-12`, `2026-Q1` → `2025-Q4`). */
export function previousPeriod(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) {
    const y = Number(q[1]);
    const n = Number(q[2]);
    return n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`;
  }
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) throw new RangeError(`不是有效的统计周期：${period}`);
  const y = Number(m[1]);
  const n = Number(m[2]);
  return n === 1 ? `${y - 1}-12` : `${y}-${String(n - 1).padStart(2, '0')}`;
}

/** The current period and the ones before it, newest first. */
export function recentPeriods(at: Date, kind: PeriodKind, count: number): string[] {
  const out = [periodOf(at, kind)];
  while (out.length < count) out.push(previousPeriod(out[out.length - 1]!));
  return out;
}

/** 2026-10 → 2026年10月, 2026-Q4 → 2026年第四季度 */
export function periodLabel(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${m[1]}年${Number(m[2])}月` : period;
}

/** A rate 0–1 (or null) as people read it: 87.5% / —. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
