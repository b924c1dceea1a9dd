/**
 * The pieces of assessment beyond one period's tally: a year's combined score (monthly results and
 * the annual one, weighed as the street set) and the rectification tasks a period's units carry.
 */
import { combineScores, type CombinedScore, type PeriodWeights } from '../../core/annual-assessment';
import { computeMetrics, groupTallies, monthsOfPeriod, periodOf, type MetricWeights } from '../../core/metrics';
import type { Case } from '../../core/model';
import { RECTIFICATION_STATUS_NAMES, type Rectification, type RectificationUnitKind } from '../../core/rectification';
import type { Store } from '../store/store.port';

/** Per unit: its score in each month of the year and over the year, combined. */
export function annualScores(
  year: string,
  cases: readonly Case[],
  keyOf: (c: Case) => string | undefined,
  unitIds: Iterable<string>,
  weights: MetricWeights,
  periodWeights: PeriodWeights,
): Map<string, CombinedScore & { monthly: (number | null)[] }> {
  const months = monthsOfPeriod(year);
  const byMonth = new Map(
    months.map((m) => [
      m,
      groupTallies(
        cases.filter((c) => periodOf(c.createdAt, 'month') === m),
        keyOf,
      ),
    ]),
  );
  const whole = groupTallies(cases, keyOf);
  const out = new Map<string, CombinedScore & { monthly: (number | null)[] }>();
  for (const unitId of unitIds) {
    const monthly = months.map((m) => {
      const t = byMonth.get(m)?.get(unitId);
      return t ? computeMetrics(t, weights).score : null;
    });
    const t = whole.get(unitId);
    const annual = t ? computeMetrics(t, weights).score : null;
    out.set(unitId, { ...combineScores(monthly, annual, periodWeights), monthly });
  }
  return out;
}

/** The quarters whose tasks bear on a period: its own quarter, or every quarter of a year. */
export function quartersOf(period: string): string[] {
  if (/^\d{4}$/.test(period)) return [1, 2, 3, 4].map((q) => `${period}-Q${q}`);
  if (/Q/.test(period)) return [period];
  return [periodOf(`${period}-15T04:00:00.000Z`, 'quarter')];
}

/** The rectification tasks of a kind of unit over a period, by unit id (several quarters of a year joined). */
export async function rectificationsByUnit(
  store: Store,
  period: string,
  unitKind: RectificationUnitKind,
): Promise<Map<string, { tasks: Rectification[]; label: string }>> {
  const tasks = (await Promise.all(quartersOf(period).map((q) => store.listRef('rectifications', { period: q, unitKind })))).flat();
  const out = new Map<string, { tasks: Rectification[]; label: string }>();
  for (const t of tasks) {
    const entry = out.get(t.unitId) ?? { tasks: [], label: '' };
    entry.tasks.push(t);
    entry.label = entry.tasks.map((x) => `${x.period} ${RECTIFICATION_STATUS_NAMES[x.status]}`).join('；');
    out.set(t.unitId, entry);
  }
  return out;
}
