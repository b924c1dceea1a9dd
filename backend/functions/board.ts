/**
 * `board`: the public progress board (公示栏). No identity needed. Figures come from the
 * counters kept with every change (never a scan of the cases); cases are the public ones only,
 * masked, with approved photos only and never the reporter.
 */
import * as z from 'zod';
import { fail, ok } from '../../core/errors';
import {
  addTally,
  computeMetrics,
  emptyTally,
  monthsOfPeriod,
  periodOf,
  periodRange,
  previousPeriod,
  rankUnits,
  satisfactionFlag,
  type CaseTally,
} from '../../core/metrics';
import { FINAL_STATUSES, MEMBER_ROLES, OPEN_STATUSES, ROLE_DUTIES, ROLE_NAMES, type Case, type CaseStatus } from '../../core/model';
import type { Store, TallyRow } from '../store/store.port';
import type { Directory } from '../services/directory';
import { namesOf, publicCase, timelineView } from '../services/views';
import { weightsOf } from '../services/weights';
import { id, periodOrCurrent } from '../validation';
import { action, defineFunction } from './define';
import { publicRectifications } from '../services/rectifications';
import { careBoardActions } from './care-board';
import { meetingBoardActions } from './meetings-board';
import { microProjectBoardActions } from './micro-projects-board';
import { surveyBoardActions } from './satisfaction-survey-board';
import { rosterFace } from '../../core/public-profile';

export const WEIGHTS_SETTING_ID = 'metricWeights';

const periodInput = periodOrCurrent;
const scopeInput = { communityId: id.optional(), gridId: id.optional(), period: periodInput.optional() };

/** `month` / `quarter` / `year` mean the current one, in China time. */
function resolvePeriod(p: string | undefined, now: Date): string {
  if (!p || p === 'month') return periodOf(now.toISOString(), 'month');
  if (p === 'quarter') return periodOf(now.toISOString(), 'quarter');
  if (p === 'year') return periodOf(now.toISOString(), 'year');
  return p;
}

function checkScope(dir: Directory, communityId?: string, gridId?: string) {
  if (communityId && !dir.communities.get(communityId)?.active) return fail('PLACE.NOT_FOUND', '社区不存在');
  if (gridId) {
    const g = dir.grids.get(gridId);
    if (!g?.active || (communityId && g.communityId !== communityId)) return fail('PLACE.NOT_FOUND', '网格不存在');
  }
  return ok(undefined);
}

async function tallyRows(store: Store, months: string[], communityId?: string, gridId?: string): Promise<TallyRow[]> {
  const sorted = [...months].sort();
  return store.readTallies({ communityId, gridId, fromMonth: sorted[0]!, toMonth: sorted[sorted.length - 1]! });
}

const sum = (rows: TallyRow[]): CaseTally => rows.reduce((t, r) => addTally(t, r.tally), emptyTally());

function lastMonths(now: Date, n: number): string[] {
  const out: string[] = [];
  let m = periodOf(now.toISOString(), 'month');
  for (let i = 0; i < n; i++) {
    out.unshift(m);
    m = previousPeriod(m);
  }
  return out;
}

const STATUS_GROUPS: Record<string, CaseStatus[]> = {
  open: [...OPEN_STATUSES],
  resolved: ['resolved'],
  closed: ['closed'],
  final: [...FINAL_STATUSES],
};

/** Public and not merged away. */
const isOnBoard = (c: Case): boolean => c.isPublic && c.status !== 'merged';

export const board = defineFunction('board', {
  ...careBoardActions,
  ...meetingBoardActions,
  ...microProjectBoardActions,
  ...surveyBoardActions,
  summary: action({
    auth: 'public',
    input: z.strictObject(scopeInput),
    run: async (input, { deps, dir, now }) => {
      const scope = checkScope(dir, input.communityId, input.gridId);
      if (!scope.ok) return scope;
      const period = resolvePeriod(input.period, now);
      const weights = await weightsOf(deps.store);
      const trendMonths = lastMonths(now, 6);
      const months = monthsOfPeriod(period);
      // The 80% flag is judged by quarter: the chosen quarter, or the quarter of the chosen month.
      const quarter = /Q/.test(period) ? period : periodOf(periodRange(period).from, 'quarter');
      const quarterMonths = monthsOfPeriod(quarter);
      // One read of the counters covers the period, the trend and the quarter flag.
      const rows = await tallyRows(deps.store, [...months, ...trendMonths, ...quarterMonths], input.communityId, input.gridId);
      const inPeriod = rows.filter((r) => months.includes(r.month));
      const total = sum(inPeriod);
      const byCategory = new Map<string, TallyRow[]>();
      for (const r of inPeriod) byCategory.set(r.categoryId, [...(byCategory.get(r.categoryId) ?? []), r]);
      const quarterRows = rows.filter((r) => quarterMonths.includes(r.month));
      const trendRows = rows;
      return ok({
        scope: {
          communityId: input.communityId,
          gridId: input.gridId,
          name: input.gridId
            ? `${dir.communities.get(dir.grids.get(input.gridId)!.communityId)?.name ?? ''} ${dir.grids.get(input.gridId)!.name}`
            : input.communityId
              ? dir.communities.get(input.communityId)!.name
              : ([...dir.streets.values()][0]?.name ?? '全街道'),
        },
        period,
        weights,
        metrics: computeMetrics(total, weights),
        byCategory: [...byCategory.entries()]
          .map(([categoryId, rs]) => {
            const t = sum(rs);
            return {
              categoryId,
              categoryName: dir.categories.get(categoryId)?.name ?? '其他',
              received: t.received,
              closed: t.closed,
              satisfactionRate: computeMetrics(t, weights).satisfactionRate,
              rated: t.rated,
            };
          })
          .sort((a, b) => b.received - a.received),
        trend: trendMonths.map((month) => {
          const t = sum(trendRows.filter((r) => r.month === month));
          const m = computeMetrics(t, weights);
          return { month, received: t.received, closed: t.closed, satisfactionRate: m.satisfactionRate, rated: t.rated };
        }),
        quarterFlag: { quarter, ...satisfactionFlag(sum(quarterRows)) },
      });
    },
  }),

  rankings: action({
    auth: 'public',
    input: z.strictObject({ level: z.enum(['grid', 'community']).optional(), communityId: id.optional(), period: periodInput.optional() }),
    run: async (input, { deps, dir, now }) => {
      const scope = checkScope(dir, input.communityId);
      if (!scope.ok) return scope;
      const level = input.level ?? 'grid';
      const period = resolvePeriod(input.period, now);
      const months = monthsOfPeriod(period);
      const rows = (await tallyRows(deps.store, months, input.communityId)).filter((r) => months.includes(r.month));
      const weights = await weightsOf(deps.store);
      const units =
        level === 'grid'
          ? [...dir.grids.values()]
              .filter((g) => g.active && (!input.communityId || g.communityId === input.communityId))
              .map((g) => ({ id: g.id, name: `${dir.communities.get(g.communityId)?.name ?? ''} ${g.name}` }))
          : [...dir.communities.values()].filter((c) => c.active).map((c) => ({ id: c.id, name: c.name }));
      const ranking = rankUnits(
        units.map((u) => ({ ...u, tally: sum(rows.filter((r) => (level === 'grid' ? r.gridId : r.communityId) === u.id)) })),
        weights,
      );
      return ok({ level, period, weights, ...ranking });
    },
  }),

  listCases: action({
    auth: 'public',
    input: z.strictObject({
      communityId: id.optional(),
      gridId: id.optional(),
      categoryId: id.optional(),
      status: z.enum(['open', 'resolved', 'closed', 'final']).optional(),
      cursor: z.string().max(400).optional(),
      limit: z.number().int().min(1).max(50).optional(),
    }),
    run: async (input, { deps, dir }) => {
      const page = await deps.store.listCases({
        isPublic: true,
        communityId: input.communityId,
        gridId: input.gridId,
        categoryId: input.categoryId,
        statuses: input.status ? STATUS_GROUPS[input.status] : undefined,
        order: 'created_desc',
        cursor: input.cursor,
        limit: input.limit ?? 20,
      });
      // Merged duplicates and private cases never show.
      return ok({
        items: page.items.filter(isOnBoard).map((c) => publicCase(c, dir)),
        nextCursor: page.nextCursor,
      });
    },
  }),

  getCase: action({
    auth: 'public',
    input: z.strictObject({ caseId: id }),
    run: async (input, { deps, dir }) => {
      const c = await deps.store.getCase(input.caseId);
      if (!c || !isOnBoard(c)) return fail('CASE.NOT_FOUND', '诉求不存在或未公开');
      const events = await deps.store.getTimeline(c.id);
      return ok({ case: publicCase(c, dir, events), timeline: timelineView(events, 'public', namesOf(c), c) });
    },
  }),

  /**
   * 整改中 / 已整改: the units sent back by the 80 % rule, under way or finished within the board's
   * period (本月 when none is given); the 整改报告 itself stays with staff.
   */
  rectifications: action({
    auth: 'public',
    input: z.strictObject({ communityId: id.optional(), period: periodInput.optional() }),
    run: async (input, { deps, dir, now }) => {
      const scope = checkScope(dir, input.communityId);
      if (!scope.ok) return scope;
      const period = resolvePeriod(input.period, now);
      return ok({ period, items: await publicRectifications(deps.store, dir, input.communityId, periodRange(period)) });
    },
  }),

  /** 公示牌: the five members of a grid with their duties; names masked. */
  /**
   * 公示牌: the five members of a grid with their duties; names masked unless the member consented
   * to their full name; their work phone, and their photo and commitment once an admin approved them.
   */
  gridRoster: action({
    auth: 'public',
    input: z.strictObject({ gridId: id }),
    run: async (input, { deps, dir }) => {
      const grid = dir.grids.get(input.gridId);
      if (!grid?.active) return fail('PLACE.NOT_FOUND', '网格不存在');
      const members = (await deps.store.listRef('members', { gridId: grid.id })).filter((m) => m.active);
      const profiles = new Map(
        (await Promise.all(members.map((m) => deps.store.getRef('memberProfiles', m.id)))).flatMap((p) => (p ? [[p.id, p] as const] : [])),
      );
      return ok({
        grid: { id: grid.id, name: grid.name, communityName: dir.communities.get(grid.communityId)?.name, households: grid.households },
        members: MEMBER_ROLES.map((role) => {
          const m = members.find((x) => x.role === role);
          return {
            role,
            roleName: ROLE_NAMES[role],
            duties: ROLE_DUTIES[role],
            ...(m ? rosterFace(m, profiles.get(m.id)) : { name: '（空缺）' }),
            onDuty: m?.onDuty ?? false,
          };
        }),
      });
    },
  }),
});
