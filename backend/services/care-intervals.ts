/** A community's own 走访 intervals, one stored setting read by the register, the member's list and the assessment. */
import * as z from 'zod';
import { CARE_GROUPS, MAX_VISIT_INTERVAL_DAYS, MIN_VISIT_INTERVAL_DAYS, type VisitIntervals } from '../../core/care-visits';
import type { Store } from '../store/store.port';

/** The setting that holds a community's own visit intervals. */
export const intervalsSettingId = (communityId: string): string => `care-intervals:${communityId}`;
const intervalsShape = z.partialRecord(z.enum(CARE_GROUPS), z.number().int().min(MIN_VISIT_INTERVAL_DAYS).max(MAX_VISIT_INTERVAL_DAYS));

export async function intervalsOf(store: Store, communityId: string): Promise<VisitIntervals> {
  const stored = (await store.getRef('settings', intervalsSettingId(communityId)))?.value;
  const parsed = intervalsShape.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}
