/**
 * 走访关爱 in the assessment statistics: visits done against due per member, grid or community over
 * a period (core/care-assessment.ts), read from the register of the communities in scope.
 */
import { careFigures, type CareFigures } from '../../core/care-assessment';
import type { CareSubject } from '../../core/care-visits';
import { monthsOfPeriod } from '../../core/metrics';
import { localDateOf } from '../../core/working-days';
import type { Store } from '../store/store.port';
import { intervalsOf } from './care-intervals';

/** The first and last local day of a period ('2026-11', '2026-Q4', '2026'). */
export function periodDays(period: string): { firstDay: string; lastDay: string } {
  const months = monthsOfPeriod(period);
  const last = months[months.length - 1]!;
  // Day 0 of the month after is the last day of this one.
  const end = new Date(Date.UTC(+last.slice(0, 4), +last.slice(5, 7), 0)).toISOString().slice(0, 10);
  return { firstDay: `${months[0]}-01`, lastDay: end };
}

export async function careByUnit(
  store: Store,
  communityIds: readonly string[],
  period: string,
  today: string,
  groupBy: 'member' | 'grid' | 'community',
  gridId?: string,
): Promise<Map<string, CareFigures>> {
  const where = (communityId: string) => (gridId ? { communityId, gridId } : { communityId });
  const [subjects, visits, intervals] = await Promise.all([
    Promise.all(communityIds.map((c) => store.listRef('careSubjects', where(c)))),
    Promise.all(communityIds.map((c) => store.listRef('careVisits', where(c)))),
    Promise.all(communityIds.map(async (c) => [c, await intervalsOf(store, c)] as const)),
  ]);
  const byCommunity = new Map(intervals);
  const unitOf = (s: CareSubject) => (groupBy === 'member' ? s.memberId : groupBy === 'grid' ? s.gridId : s.communityId);
  return careFigures(
    subjects.flat(),
    visits.flat(),
    (s) => localDateOf(new Date(s.createdAt)),
    periodDays(period),
    today,
    (c) => byCommunity.get(c) ?? {},
    unitOf,
  );
}
