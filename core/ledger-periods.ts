/**
 * The periods a ledger of records is exported for: a month (2026-12) or a quarter (2026-Q4), and
 * the ones a page offers. Pure, and small enough for a page to import alone.
 */
import { fail, ok, type Result } from './errors';

/** A month (2026-12) or a quarter (2026-Q4). */
export const LEDGER_PERIOD = /^\d{4}-(?:0[1-9]|1[0-2]|Q[1-4])$/;

/** The months (YYYY-MM) of a month or a quarter, or the Chinese refusal. */
export function ledgerMonths(period: string): Result<string[]> {
  if (!LEDGER_PERIOD.test(period)) return fail('INPUT.INVALID', '台账周期须为月份（如2026-12）或季度（如2026-Q4）');
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!q) return ok([period]);
  const first = (Number(q[2]) - 1) * 3 + 1;
  return ok([first, first + 1, first + 2].map((m) => `${q[1]}-${String(m).padStart(2, '0')}`));
}

/** This month, last month, this quarter and last quarter, as the ledger's periods (2026-12, 2026-Q4). */
export function ledgerPeriods(today: string): { value: string; label: string }[] {
  const k = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  const month = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  const quarter = (n: number) => `${Math.floor(n / 12)}-Q${Math.floor((n % 12) / 3) + 1}`;
  const thisQuarterStart = k - (k % 3);
  return [
    { value: month(k), label: '本月' },
    { value: month(k - 1), label: '上月' },
    { value: quarter(k), label: '本季度' },
    { value: quarter(thisQuarterStart - 1), label: '上季度' },
  ];
}
