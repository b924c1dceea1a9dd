/**
 * The street's assessment weights as one set (响应 / 按时办结 / 满意 / 走访, and the months against
 * the year), what each means in plain words, the rules a new set must meet, and a record of who
 * changed them. Pure: the caller passes the time and the person.
 */
import { fail, ok, type Result } from './errors';
import type { MetricWeights } from './metrics';
import type { PeriodWeights } from './annual-assessment';

export interface WeightSet {
  weights: MetricWeights;
  /** 走访完成率 beside the case weights; 0 leaves visits out of the score. */
  care: number;
  periods: PeriodWeights;
}

export type WeightKey = 'response' | 'onTime' | 'satisfaction' | 'care' | 'monthly' | 'annual';

/** Every weight of the set, in the order the screen shows them, with its name and what it does. */
export const WEIGHT_FIELDS: ReadonlyArray<{ key: WeightKey; name: string; meaning: string }> = [
  { key: 'response', name: '响应率', meaning: '在时限内受理（接单）的诉求占比，看是否及时回应群众' },
  { key: 'onTime', name: '按时办结率', meaning: '在时限内办结的诉求占比，看是否按时办好' },
  { key: 'satisfaction', name: '满意率', meaning: '居民评价为满意的诉求占比，看群众是否认可' },
  { key: 'care', name: '走访完成率', meaning: '应走访的关爱对象中按期走访的占比；填0则不计入考核' },
  { key: 'monthly', name: '年度考核：月度成绩', meaning: '年度综合得分中，各月得分平均值所占的分量' },
  { key: 'annual', name: '年度考核：全年成绩', meaning: '年度综合得分中，全年合并计算的得分所占的分量' },
];

/** The largest weight any of them takes (the care weight's bound, core/care-assessment.ts). */
export const MAX_WEIGHT = 1000;

/** The set as a flat record, key by key. */
export const flatWeights = (s: WeightSet): Record<WeightKey, number> => ({ ...s.weights, care: s.care, ...s.periods });

/**
 * A set as an admin typed it: each a whole number from 0 to 1000; the three case weights and the
 * two period weights must each not all be 0. Every problem is named, in Chinese.
 */
export function checkWeightSet(input: Record<WeightKey, unknown>): Result<WeightSet> {
  const problems: string[] = [];
  const value = {} as Record<WeightKey, number>;
  for (const { key, name } of WEIGHT_FIELDS) {
    const v = input[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`「${name}」须填写数字`);
    else if (!Number.isInteger(v)) problems.push(`「${name}」须为整数`);
    else if (v < 0) problems.push(`「${name}」不能为负数`);
    else if (v > MAX_WEIGHT) problems.push(`「${name}」不能超过${MAX_WEIGHT}`);
    else value[key] = v;
  }
  if (problems.length === 0) {
    if (value.response + value.onTime + value.satisfaction === 0) problems.push('响应率、按时办结率、满意率的权重之和必须大于0');
    if (value.monthly + value.annual === 0) problems.push('月度与全年成绩的权重之和必须大于0');
  }
  if (problems.length) return fail('INPUT.INVALID', `考核权重无效：${problems.join('；')}`, problems);
  return ok({
    weights: { response: value.response, onTime: value.onTime, satisfaction: value.satisfaction },
    care: value.care,
    periods: { monthly: value.monthly, annual: value.annual },
  });
}

/** One change of the weights: who, when, from what to what. */
export interface WeightsChange {
  at: string;
  by: { openid: string; name: string };
  from: WeightSet;
  to: WeightSet;
}

/** How many changes the record keeps (the oldest drop out). */
export const MAX_WEIGHTS_HISTORY = 100;

/** The record with a change added, newest first; a save that changes nothing is not recorded. */
export function withChange(history: readonly WeightsChange[], change: WeightsChange): WeightsChange[] {
  const a = flatWeights(change.from);
  const b = flatWeights(change.to);
  if (WEIGHT_FIELDS.every(({ key }) => a[key] === b[key])) return [...history];
  return [change, ...history].slice(0, MAX_WEIGHTS_HISTORY);
}

/** What changed, in words: 「满意率 35→40；走访完成率 10→0」. */
export function describeChange(change: Pick<WeightsChange, 'from' | 'to'>): string {
  const a = flatWeights(change.from);
  const b = flatWeights(change.to);
  return WEIGHT_FIELDS.filter(({ key }) => a[key] !== b[key])
    .map(({ key, name }) => `${name} ${a[key]}→${b[key]}`)
    .join('；');
}

/** A unit's share of the combined case score at these weights, as a percentage with one decimal. */
export function weightShares(w: MetricWeights, care: number): Record<'response' | 'onTime' | 'satisfaction' | 'care', number> {
  const total = w.response + w.onTime + w.satisfaction + care;
  const share = (n: number) => (total > 0 ? Math.round((n / total) * 1000) / 10 : 0);
  return { response: share(w.response), onTime: share(w.onTime), satisfaction: share(w.satisfaction), care: share(care) };
}
