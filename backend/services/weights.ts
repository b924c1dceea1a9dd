/**
 * The street's assessment weights, one stored setting read by the admin's statistics and the
 * public board alike (the board once read a setting nobody wrote).
 */
import { DEFAULT_CARE_WEIGHT, MAX_CARE_WEIGHT } from '../../core/care-assessment';
import { DEFAULT_PERIOD_WEIGHTS, validatePeriodWeights, type PeriodWeights } from '../../core/annual-assessment';
import { DEFAULT_WEIGHTS, validateWeights, type MetricWeights } from '../../core/metrics';
import { withChange, type WeightSet, type WeightsChange } from '../../core/weight-settings';
import type { Store } from '../store/store.port';

export const WEIGHTS_SETTING_ID = 'assessmentWeights';
export const PERIOD_WEIGHTS_SETTING_ID = 'assessmentPeriodWeights';

export async function weightsOf(store: Store): Promise<MetricWeights> {
  const stored = await store.getRef('settings', WEIGHTS_SETTING_ID);
  const v = stored ? validateWeights(stored.value) : undefined;
  return v?.ok ? v.value : DEFAULT_WEIGHTS;
}

export async function periodWeightsOf(store: Store): Promise<PeriodWeights> {
  const stored = await store.getRef('settings', PERIOD_WEIGHTS_SETTING_ID);
  const v = stored ? validatePeriodWeights(stored.value) : undefined;
  return v?.ok ? v.value : DEFAULT_PERIOD_WEIGHTS;
}

/** How much the 走访 completion weighs beside the case weights (core/care-assessment.ts). */
export const CARE_WEIGHT_SETTING_ID = 'assessmentCareWeight';

export async function careWeightOf(store: Store): Promise<number> {
  const v = (await store.getRef('settings', CARE_WEIGHT_SETTING_ID))?.value;
  return typeof v === 'number' && v >= 0 && v <= MAX_CARE_WEIGHT ? v : DEFAULT_CARE_WEIGHT;
}

/** The whole set in force now (core/weight-settings.ts). */
export async function weightSetOf(store: Store): Promise<WeightSet> {
  const [weights, care, periods] = await Promise.all([weightsOf(store), careWeightOf(store), periodWeightsOf(store)]);
  return { weights, care, periods };
}

/** Who changed the weights and how, newest first, kept beside them. */
export const WEIGHTS_HISTORY_SETTING_ID = 'assessmentWeightsHistory';

export async function weightsHistoryOf(store: Store): Promise<WeightsChange[]> {
  const v = (await store.getRef('settings', WEIGHTS_HISTORY_SETTING_ID))?.value;
  return Array.isArray(v) ? (v as WeightsChange[]) : [];
}

/** Writes a new set and records the change (a save that changes nothing is not recorded). */
export async function saveWeightSet(store: Store, next: WeightSet, by: WeightsChange['by'], at: string): Promise<void> {
  const from = await weightSetOf(store);
  await Promise.all([
    store.putRef('settings', { id: PERIOD_WEIGHTS_SETTING_ID, value: next.periods }),
    store.putRef('settings', { id: CARE_WEIGHT_SETTING_ID, value: next.care }),
    store.putRef('settings', { id: WEIGHTS_SETTING_ID, value: next.weights }),
  ]);
  const history = withChange(await weightsHistoryOf(store), { at, by, from, to: next });
  await store.putRef('settings', { id: WEIGHTS_HISTORY_SETTING_ID, value: history });
}
