/**
 * 整改任务: the 80 % rule opens work. The street admin (or the timer, after a quarter ends) opens a
 * task for every grid, community and category whose quarter fell below 80 % over enough rated cases;
 * the owning admin closes it with a written 整改报告. The street sees every task; the board shows
 * 整改中 / 已整改 per unit, never the report (free text is staff-only).
 *
 * Registered into `admin` by `rectificationActions(kit)`, with the scope helpers admin.ts owns.
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import { addTally, emptyTally, monthsOfPeriod, type CaseTally } from '../../core/metrics';
import {
  UNIT_KIND_NAMES,
  closeRectification,
  judgeSatisfaction,
  openRectification,
  rectificationState,
  type Rectification,
  type RectificationUnitKind,
} from '../../core/rectification';
import { localDateOf } from '../../core/working-days';
import type { Directory } from '../services/directory';
import type { Store } from '../store/store.port';
import { id, requiredText } from '../validation';
import type { ActionDef } from './define';
import type { AdminCall, Scope, StaffRole } from './admin';

export const quarter = z
  .string()
  .max(7)
  .refine((s) => /^(20\d{2})-Q[1-4]$/.test(s), { message: '须为季度（如2026-Q4）' });
const reportText = requiredText(2000);

export interface RectificationKit {
  staffAction: <S extends z.ZodType, O>(
    roles: readonly StaffRole[],
    input: S,
    run: (input: z.infer<S>, call: AdminCall) => Promise<Result<O>>,
  ) => ActionDef<S, O>;
  admins: readonly StaffRole[];
  streetOnly: readonly StaffRole[];
}

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
  const rows = (
    await Promise.all(communities.map((c) => store.readTallies({ communityId: c.id, fromMonth: months[0]!, toMonth: months[2]! })))
  ).flat();
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
function sees(scope: Scope, dir: Directory, r: Rectification): boolean {
  if (scope.streetIds.has(r.streetId)) return true;
  return (
    r.communityId !== undefined && scope.communityIds.has(r.communityId) && dir.communities.get(r.communityId)?.streetId === r.streetId
  );
}

/** Who must write the report: the community's admin, or the street's for a street-wide category. */
function owns(scope: Scope, r: Rectification): boolean {
  return r.communityId !== undefined ? scope.communityIds.has(r.communityId) : scope.streetIds.has(r.streetId);
}

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
    status: state.status,
    statusName: state.statusName,
    late: state.late,
    openedAt: r.openedAt,
    dueAt: r.dueAt,
    ...(withReport && r.report ? { report: r.report } : {}),
    ...(r.report ? { closedAt: r.report.at } : {}),
  };
}

const NOT_FOUND = '整改任务不存在或不在您的管辖范围';

export function rectificationActions(kit: RectificationKit) {
  return {
    /** Opens the quarter's tasks for the caller's street (the timer does the same after a quarter ends). */
    openRectifications: kit.staffAction(kit.streetOnly, z.strictObject({ period: quarter }), async (input, call) => {
      const streetId = call.scope.streetIds.values().next().value as string;
      const r = await openQuarterRectifications(
        call.deps.store,
        call.dir,
        streetId,
        input.period,
        call.actor.openid,
        call.now.toISOString(),
      );
      return ok({
        period: r.period,
        opened: r.opened.map((t) => rectificationView(t, call.now.toISOString(), true)),
        existing: r.existing,
        tooFew: r.tooFew,
      });
    }),

    /** The tasks the caller sees: the community admin their community's, the street all of its own. */
    listRectifications: kit.staffAction(
      kit.admins,
      z.strictObject({ period: quarter.optional(), status: z.enum(['open', 'closed']).optional() }),
      async (input, call) => {
        const streets = new Set([
          ...call.scope.streetIds,
          ...[...call.scope.communityIds].map((c) => call.dir.communities.get(c)?.streetId),
        ]);
        const all = (
          await Promise.all(
            [...streets].filter((s): s is string => !!s).map((streetId) => call.deps.store.listRef('rectifications', { streetId })),
          )
        ).flat();
        const at = call.now.toISOString();
        const items = all
          .filter(
            (r) =>
              sees(call.scope, call.dir, r) && (!input.period || r.period === input.period) && (!input.status || r.status === input.status),
          )
          .sort((a, b) =>
            a.status === b.status ? b.openedAt.localeCompare(a.openedAt) || a.id.localeCompare(b.id) : a.status === 'open' ? -1 : 1,
          )
          .map((r) => ({ ...rectificationView(r, at, true), mine: owns(call.scope, r) }));
        return ok({ items, open: items.filter((i) => i.status === 'open').length });
      },
    ),

    /** Closes a task with its written 整改报告 (causes, measures, results). */
    submitRectificationReport: kit.staffAction(kit.admins, z.strictObject({ id: id.max(80), report: reportText }), async (input, call) => {
      const r = await call.deps.store.getRef('rectifications', input.id);
      if (!r || !sees(call.scope, call.dir, r)) return fail('RECTIFICATION.NOT_FOUND', NOT_FOUND);
      if (!owns(call.scope, r)) return fail('AUTH.FORBIDDEN', r.communityId ? '整改报告由该社区的管理员提交' : '整改报告由街道管理员提交');
      const closed = closeRectification(r, input.report, call.actor.openid, call.now.toISOString());
      if (!closed.ok) return closed;
      await call.deps.store.putRef('rectifications', closed.value);
      return ok(rectificationView(closed.value, call.now.toISOString(), true));
    }),
  };
}

/** The board's list: units and their state, without the report or who wrote it. */
export async function publicRectifications(store: Store, dir: Directory, communityId?: string, period?: string) {
  const all = communityId
    ? await store.listRef('rectifications', { communityId })
    : (await Promise.all([...dir.streets.keys()].map((streetId) => store.listRef('rectifications', { streetId })))).flat();
  return all
    .filter((r) => !period || r.period === period)
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
