/**
 * Annual assessment (年度考核): the seeds ask that daily and annual assessment be combined. A
 * year's combined score weighs the mean of a unit's monthly scores (the daily work, month by month)
 * against its score over the whole year (the year's result as one sample), with weights the street
 * sets. Pure.
 */
import * as z from 'zod';
import { fail, ok, type Result } from './errors';

/** How much the monthly results and the annual result weigh; only the proportions matter. */
export interface PeriodWeights {
  monthly: number;
  annual: number;
}

/** Half and half until the street says otherwise. */
export const DEFAULT_PERIOD_WEIGHTS: Readonly<PeriodWeights> = Object.freeze({ monthly: 50, annual: 50 });

const weight = z.number().finite().min(0, '权重不能为负数').max(1000, '权重不能超过1000');
export const periodWeightsSchema = z
  .strictObject({ monthly: weight, annual: weight })
  .refine((w) => w.monthly + w.annual > 0, { message: '月度与年度权重之和必须大于0' });

export function validatePeriodWeights(input: unknown): Result<PeriodWeights> {
  const r = periodWeightsSchema.safeParse(input);
  if (r.success) return ok(r.data);
  return fail('INPUT.INVALID', `年度考核权重无效：${r.error.issues.map((i) => i.message).join('；')}`);
}

export interface CombinedScore {
  /** Mean of the months that have a score; null when none has. */
  monthlyMean: number | null;
  /** How many months had a score. */
  monthsScored: number;
  annual: number | null;
  /**
   * (monthly · mean + annual · annualScore) / (monthly + annual), two decimals; a missing part
   * drops out and the other weighs alone; null when neither exists or the remaining weight is 0.
   */
  combined: number | null;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export function combineScores(monthlyScores: readonly (number | null)[], annual: number | null, w: PeriodWeights): CombinedScore {
  const checked = validatePeriodWeights(w);
  if (!checked.ok) throw new RangeError(checked.error.message);
  const scored = monthlyScores.filter((s): s is number => s !== null && Number.isFinite(s));
  const monthlyMean = scored.length ? round2(scored.reduce((a, b) => a + b, 0) / scored.length) : null;
  let sum = 0;
  let weights = 0;
  if (monthlyMean !== null) {
    sum += monthlyMean * w.monthly;
    weights += w.monthly;
  }
  if (annual !== null) {
    sum += annual * w.annual;
    weights += w.annual;
  }
  return { monthlyMean, monthsScored: scored.length, annual, combined: weights > 0 ? round2(sum / weights) : null };
}
