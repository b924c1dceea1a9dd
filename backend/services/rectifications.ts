/**
 * 整改任务 shared by the functions: the 80 % rule opens work (the street admin's action and the
 * timer after a quarter ends call the same opening), the staff view of a task and the board's list
 * (units and their state, never the report). The actions live in backend/functions/admin/rectification.ts.
 */
import { surveyTallies } from './survey-tallies';
import * as z from 'zod';

import { addTally, emptyTally, monthsOfPeriod, type CaseTally } from '../../core/metrics';
import {
  UNIT_KIND_NAMES,
  judgeSatisfaction,
  openRectification,
  rectificationDuring,
  rectificationState,
  type Rectification,
  type RectificationUnitKind,
} from '../../core/rectification';
import { localDateOf } from '../../core/working-days';
import type { Directory } from './directory';
import type { Store } from '../store/store.port';

export const quarter = z
  .string()
  .max(7)
  .refine((s) => /^(20\d{2})-Q[1-4]$/.test(s), { message: '须为季度（如2026-Q4）' });

export interface OpenReport {
  period: string;
  opened: Rectification[];
  /** Tasks for this quarter that existed already (opening twice changes nothing). */
  existing: number;
  /** Units below 80 % with too few rated cases to count. */
  tooFew: number;
}

/**
 * Opens the quarter's tasks in a street, from the board counters (grid × month × category), so
 * every unit is judged on the same figures the board publishes. Idempotent by task id.
 */
export async function openQuarterRectifications(
  store: Store,
  dir: Directory,
  streetId: string,
  period: string,
  by: string,
  at: string,
): Promise<OpenReport> {
  const months = monthsOfPeriod(period);
  const communities = [...dir.communities.values()].filter((c) => c.streetId === streetId && c.active);
  // The quarter's 满意度测评 is read beside the counters (one more read in flight, not one after).
  const [tallies, surveys] = await Promise.all([
    Promise.all(communities.map((c) => store.readTallies({ communityId: c.id, fromMonth: months[0]!, toMonth: months[2]! }))),
    surveyTallies(
      store,
      communities.map((c) => c.id),
      period,
    ),
  ]);
  const rows = tallies.flat();
  const sums = new Map<string, { kind: RectificationUnitKind; unitId: string; tally: CaseTally }>();
  const add = (kind: RectificationUnitKind, unitId: string, t: CaseTally) => {
    const key = `${kind}:${unitId}`;
    const prev = sums.get(key);
    sums.set(key, { kind, unitId, tally: addTally(prev?.tally ?? emptyTally(), t) });
  };
  for (const r of rows) {
    add('grid', r.gridId, r.tally);
    add('community', r.communityId, r.tally);
    add('category', r.categoryId, r.tally);
  }
  // Each survey answer is one more rating of the community, or of the answerer's grid.
  for (const [cid, t] of surveys.communities) add('community', cid, t);
  for (const [gid, t] of surveys.grids) add('grid', gid, t);
  const report: OpenReport = { period, opened: [], existing: 0, tooFew: 0 };
  for (const { kind, unitId, tally } of [...sums.values()].sort((a, b) => (a.kind + a.unitId < b.kind + b.unitId ? -1 : 1))) {
    const verdict = judgeSatisfaction(tally);
    if (verdict.verdict === 'too_few') {
      if (verdict.rate !== null && verdict.rate < 0.8) report.tooFew++;
      continue;
    }
    if (verdict.verdict !== 'flag') continue;
    const place =
      kind === 'grid'
        ? {
            name: `${dir.communities.get(dir.grids.get(unitId)?.communityId ?? '')?.name ?? ''} ${dir.grids.get(unitId)?.name ?? unitId}`.trim(),
            communityId: dir.grids.get(unitId)?.communityId,
          }
        : kind === 'community'
          ? { name: dir.communities.get(unitId)?.name ?? unitId, communityId: unitId }
          : { name: dir.categories.get(unitId)?.name ?? unitId, communityId: undefined };
    const task = openRectification({
      period,
      unitKind: kind,
      unitId,
      unitName: place.name,
      streetId,
      ...(place.communityId ? { communityId: place.communityId } : {}),
      tally,
      by,
      at,
    });
    if (!task.ok) continue;
    if (await store.getRef('rectifications', task.value.id)) {
      report.existing++;
      continue;
    }
    await store.putRef('rectifications', task.value);
    report.opened.push(task.value);
  }
  return report;
}

/** Who may see a task: the street, and the admin of its community. */
export function rectificationView(r: Rectification, at: string, withReport: boolean) {
  const state = rectificationState(r, at);
  return {
    id: r.id,
    period: r.period,
    unitKind: r.unitKind,
    unitKindName: UNIT_KIND_NAMES[r.unitKind],
    unitId: r.unitId,
    unitName: r.unitName,
    communityId: r.communityId,
    reason: r.reason,
    /** The satisfaction rate that opened the task and its denominator (rated cases). */
    rate: r.rate,
    rated: r.rated,
    status: state.status,
    statusName: state.statusName,
    late: state.late,
    openedAt: r.openedAt,
    dueAt: r.dueAt,
    ...(withReport && r.report ? { report: r.report } : {}),
    ...(r.report ? { closedAt: r.report.at } : {}),
  };
}

/** The board's list: units and their state, without the report or who wrote it; within a period's span if given. */
export async function publicRectifications(store: Store, dir: Directory, communityId?: string, range?: { from: string; to: string }) {
  const all = communityId
    ? await store.listRef('rectifications', { communityId })
    : (await Promise.all([...dir.streets.keys()].map((streetId) => store.listRef('rectifications', { streetId })))).flat();
  return all
    .filter((r) => !range || rectificationDuring(r, range))
    .sort((a, b) => b.period.localeCompare(a.period) || a.id.localeCompare(b.id))
    .map((r) => ({
      period: r.period,
      unitKindName: UNIT_KIND_NAMES[r.unitKind],
      unitName: r.unitName,
      statusName: r.status === 'open' ? '整改中' : '已整改',
      /** The last day allowed, China-local. */
      dueDate: localDateOf(new Date(Date.parse(r.dueAt) - 1)),
    }));
}
