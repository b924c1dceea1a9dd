/**
 * The assessment weights (考核权重) of `admin`: the set in force with what each weight means, a
 * preview of a period's ranking (本月 / 上月 / 本季度 / 本年) at other weights (the statistics' own
 * computation), the street admin's save, and the record of every change (who, when, old → new).
 * Community admins read; only the street admin saves.
 */
import * as z from 'zod';
import { ok, type Result } from '../../../core/errors';
import { localDateOf } from '../../../core/working-days';
import {
  WEIGHT_FIELDS,
  checkWeightSet,
  describeChange,
  flatWeights,
  weightShares,
  type WeightKey,
  type WeightSet,
} from '../../../core/weight-settings';
import { DEFAULT_WEIGHTS } from '../../../core/metrics';
import { DEFAULT_CARE_WEIGHT } from '../../../core/care-assessment';
import { DEFAULT_PERIOD_WEIGHTS } from '../../../core/annual-assessment';
import { isPreviewPeriodChoice, previewPeriodOf, type PreviewPeriodChoice } from '../../../core/preview-period';
import { saveWeightSet, weightSetOf, weightsHistoryOf } from '../../services/weights';
import { id } from '../../validation';
import { ADMINS, STREET_ONLY, staffAction, type AdminCall } from './scope';
import { computeStats } from './reports';

/** Numbers as typed; the core's rules (whole, 0–1000, not all 0) give the Chinese message. */
const caseWeights = z.strictObject({ response: z.number(), onTime: z.number(), satisfaction: z.number() });

/** The proposed set merged over the one in force, checked. */
async function proposed(
  call: AdminCall,
  input: { weights: z.infer<typeof caseWeights>; care?: number; periods?: { monthly: number; annual: number } },
): Promise<Result<WeightSet>> {
  const now = await weightSetOf(call.deps.store);
  return checkWeightSet({
    ...flatWeights(now),
    ...input.weights,
    ...(input.care !== undefined ? { care: input.care } : {}),
    ...(input.periods ?? {}),
  } as Record<WeightKey, unknown>);
}

const HISTORY_SHOWN = 30;

const getWeightsInput = z.strictObject({});

/** The set in force, what each weight means, the defaults and the latest changes. */
export async function getWeights(_i: z.infer<typeof getWeightsInput>, call: AdminCall) {
  const [set, history] = await Promise.all([weightSetOf(call.deps.store), weightsHistoryOf(call.deps.store)]);
  return ok({
    ...set,
    fields: WEIGHT_FIELDS,
    shares: weightShares(set.weights, set.care),
    defaults: { weights: DEFAULT_WEIGHTS, care: DEFAULT_CARE_WEIGHT, periods: DEFAULT_PERIOD_WEIGHTS },
    editable: call.scope.streetIds.size > 0,
    history: history.slice(0, HISTORY_SHOWN).map((h) => ({
      at: h.at,
      byName: h.by.name,
      from: flatWeights(h.from),
      to: flatWeights(h.to),
      summary: describeChange(h),
    })),
  });
}

const previewWeightsInput = z.strictObject({
  weights: caseWeights,
  care: z.number(),
  /** The 年度考核 weights proposed; they move only the 本年 preview. */
  periods: z.strictObject({ monthly: z.number(), annual: z.number() }).optional(),
  /** 本月 (the default), 上月, 本季度 or 本年 (the year's combined 年度考核 score). */
  period: z
    .custom<PreviewPeriodChoice>(isPreviewPeriodChoice, { message: '须为本月、上月、本季度或本年（month、lastMonth、quarter、year）' })
    .optional(),
  groupBy: z.enum(['member', 'grid', 'community']).optional(),
  communityId: id.optional(),
});

/**
 * The ranking of this month, last month, this quarter or this year, now and at the proposed
 * weights, unit by unit, computed by the statistics themselves (`computeStats`, which ranks a year
 * by its combined 年度考核 score): nothing is saved.
 */
export async function previewWeights(input: z.infer<typeof previewWeightsInput>, call: AdminCall) {
  const next = await proposed(call, input);
  if (!next.ok) return next;
  const { period, name: periodName } = previewPeriodOf(input.period ?? 'month', localDateOf(call.now));
  const groupBy = input.groupBy ?? (call.scope.streetIds.size > 0 ? 'community' : 'grid');
  const base = { communityId: input.communityId, period, groupBy };
  const before = await computeStats(call, base);
  if (!before.ok) return before;
  const after = await computeStats(call, { ...base, weightsOverride: next.value });
  if (!after.ok) return after;
  const was = new Map(before.value.units.map((u) => [u.id, u]));
  return ok({
    period,
    periodName,
    periodKind: before.value.periodKind,
    groupBy,
    groupName: before.value.groupName,
    scopeName: before.value.scopeName,
    shares: weightShares(next.value.weights, next.value.care),
    units: after.value.units.map((u) => {
      const b = was.get(u.id);
      return {
        id: u.id,
        name: u.name,
        before: { rank: b?.rank ?? null, score: b?.score ?? null },
        after: { rank: u.rank, score: u.score },
        /** Places gained (positive) or lost; null when the unit is unranked either way. */
        moved: b?.rank != null && u.rank != null ? b.rank - u.rank : null,
      };
    }),
  });
}

const setWeightsInput = z.strictObject({
  weights: caseWeights,
  /** A year's combined score: the weight of the monthly results against the annual one. */
  periods: z.strictObject({ monthly: z.number(), annual: z.number() }).optional(),
  /** 走访完成率's weight beside the three case weights (0 leaves visits out of the score). */
  care: z.number().optional(),
});

/** The weights of the combined score, street-wide; each change is recorded (who, when, old → new). */
export async function setWeights(input: z.infer<typeof setWeightsInput>, call: AdminCall) {
  const next = await proposed(call, input);
  if (!next.ok) return next;
  await saveWeightSet(call.deps.store, next.value, { openid: call.actor.openid, name: call.actor.name }, call.now.toISOString());
  return ok(next.value);
}

export const weightActions = {
  getWeights: staffAction(ADMINS, getWeightsInput, getWeights),
  previewWeights: staffAction(ADMINS, previewWeightsInput, previewWeights),
  setWeights: staffAction(STREET_ONLY, setWeightsInput, setWeights),
};
