/** Reports of `admin`: the assessment statistics (考核统计) and the weekly governance report (周报). */
import * as z from 'zod';
import { ok } from '../../../core/errors';
import { ROLE_NAMES, type Case } from '../../../core/model';
import {
  computeMetrics,
  emptyTally,
  type CaseTally,
  type MetricWeights,
  describeMetrics,
  groupTallies,
  periodKindOf,
  periodRange,
  rankUnits,
  satisfactionFlag,
  tallyCases,
} from '../../../core/metrics';
import { addLocalDays, localDateOf, startOfLocalDate } from '../../../core/working-days';
import { caseClocks, caseTime } from '../../../core/case-time';
import { caseCard } from '../../services/views';
import { tallyByChannel } from '../../../core/channel-stats';
import { annualScores, rectificationsByUnit } from '../../services/assessment';
import type { PeriodWeights } from '../../../core/annual-assessment';
import { careWeightOf, periodWeightsOf, weightsOf } from '../../services/weights';
import { careByUnit } from '../../services/care-stats';
import { carePraiseBar, scoreWithCare, sumCare } from '../../../core/care-assessment';
import { MIN_RATED_TO_FLAG, judgeSatisfaction, reconcilePraise } from '../../../core/rectification';
import type { Grid } from '../../store/ref-docs';
import { id, localDate, period } from '../../validation';
import { ADMINS, staffAction, inCommunity, caseFilter, scopeName, loadAll, manageableGrid, type AdminCall } from './scope';

// ——— assessment ———

type GroupBy = 'member' | 'grid' | 'community';
export const GROUP_NAMES: Record<GroupBy, string> = { member: '成员', grid: '网格', community: '社区' };

interface StatsInput {
  communityId?: string;
  gridId?: string;
  period: string;
  groupBy: GroupBy;
  /** Weights to rank with instead of the stored ones (the weights screen's preview). */
  weightsOverride?: { weights: MetricWeights; care: number; periods: PeriodWeights };
}

export async function computeStats(call: AdminCall, input: StatsInput) {
  const { dir, deps, scope } = call;
  const filter = caseFilter(scope, dir, input.communityId);
  if (!filter.ok) return filter;
  let grid: Grid | undefined;
  if (input.gridId) {
    const g = manageableGrid(call, input.gridId);
    if (!g.ok) return g;
    grid = g.value;
  }
  const range = periodRange(input.period);
  const cases = await loadAll(deps.store, {
    ...filter.value,
    ...(grid ? { gridId: grid.id } : {}),
    createdFrom: range.from,
    createdTo: range.to,
  });
  const communities = [...dir.communities.values()].filter(
    (c) =>
      inCommunity(scope, dir, c.id) &&
      (!filter.value.communityId || c.id === filter.value.communityId) &&
      (!grid || c.id === grid.communityId),
  );
  const communityIds = new Set(communities.map((c) => c.id));
  const grids = [...dir.grids.values()].filter((g) => communityIds.has(g.communityId) && (!grid || g.id === grid.id));
  const weights = input.weightsOverride?.weights ?? (await weightsOf(deps.store));

  const known = new Map<string, string>();
  let keyOf: (c: Case) => string | undefined;
  if (input.groupBy === 'community') {
    for (const c of communities) if (c.active) known.set(c.id, c.name);
    keyOf = (c) => c.place.communityId;
  } else if (input.groupBy === 'grid') {
    for (const g of grids) if (g.active) known.set(g.id, `${dir.communities.get(g.communityId)?.name ?? ''} ${g.name}`.trim());
    keyOf = (c) => c.place.gridId;
  } else {
    const members = (await Promise.all([...communityIds].map((cid) => deps.store.listRef('members', { communityId: cid })))).flat();
    for (const m of members)
      if (m.active && (!grid || m.gridId === grid.id))
        known.set(m.id, `${dir.grids.get(m.gridId)?.name ?? ''} ${ROLE_NAMES[m.role]} ${m.name}`.trim());
    // A stopped member still answers for the cases they held in the period: named the same way, marked.
    for (const m of members)
      if (!known.has(m.id))
        known.set(`~${m.id}`, `${dir.grids.get(m.gridId)?.name ?? ''} ${ROLE_NAMES[m.role]} ${m.name}（已停用）`.trim());
    keyOf = (c) => c.holder?.memberId;
  }
  const tallies = groupTallies(cases, keyOf);
  const names = (unitId: string): string =>
    known.get(unitId) ??
    known.get(`~${unitId}`) ??
    (input.groupBy === 'grid'
      ? dir.grids.get(unitId)?.name
      : input.groupBy === 'community'
        ? dir.communities.get(unitId)?.name
        : undefined) ??
    unitId;
  const ids = new Set([...[...known.keys()].filter((k) => !k.startsWith('~')), ...tallies.keys()]);
  const kind = periodKindOf(input.period);
  // A year ranks by the combined score of its months and the whole year, weighed as the street set.
  const [periodWeights, careWeight, care] = await Promise.all([
    input.weightsOverride?.periods ?? periodWeightsOf(deps.store),
    input.weightsOverride?.care ?? careWeightOf(deps.store),
    careByUnit(deps.store, [...communityIds], input.period, localDateOf(call.now), input.groupBy, grid?.id),
  ]);
  const annual = kind === 'year' ? annualScores(input.period, cases, keyOf, ids, weights, periodWeights) : undefined;
  // 走访完成率 weighs beside the case weights (docs/decisions.md): the score ranked and published.
  const caseWeightSum = weights.response + weights.onTime + weights.satisfaction;
  const scoreOf = (u: { id: string; tally: CaseTally }) =>
    scoreWithCare(
      annual ? (annual.get(u.id)?.combined ?? null) : computeMetrics(u.tally, weights).score,
      caseWeightSum,
      care.get(u.id),
      careWeight,
    );
  const ranking = rankUnits(
    [...ids].map((unitId) => ({ id: unitId, name: names(unitId), tally: tallies.get(unitId) ?? emptyTally() })),
    weights,
    { scoreOf },
  );
  const total = tallyCases(cases);
  // Seed 001: a quarter (and so a year) below 80% sends the unit back; it is not praised as well.
  const flagApplies = kind !== 'month';
  // People left overdue for a visit bar the praise too, in any period (the praise passes to nobody).
  const judged = (flagApplies ? reconcilePraise(ranking.units) : ranking.units).map((u) => {
    const bar = u.praised ? carePraiseBar(care.get(u.id)) : undefined;
    return bar ? { ...u, praised: false, note: bar } : u;
  });
  const tasks = input.groupBy === 'member' ? new Map() : await rectificationsByUnit(deps.store, input.period, input.groupBy);
  const view = (u: (typeof judged)[number]) => {
    const flag = satisfactionFlag(u.tally);
    return {
      id: u.id,
      name: u.name,
      rank: u.rank,
      praised: u.praised,
      criticised: u.criticised,
      note: u.note,
      metrics: u.metrics,
      score: scoreOf(u),
      rates: describeMetrics(u.metrics),
      care: care.get(u.id),
      flag,
      verdict: judgeSatisfaction(u.tally),
      rectification: (tasks.get(u.id) as { label: string } | undefined)?.label,
      ...(annual ? { annual: annual.get(u.id) } : {}),
    };
  };
  const units = judged.map(view);
  return ok({
    period: input.period,
    periodKind: kind,
    from: range.from,
    to: range.to,
    groupBy: input.groupBy,
    groupName: GROUP_NAMES[input.groupBy],
    scopeName: grid ? `${scopeName(dir, filter.value)} ${grid.name}` : scopeName(dir, filter.value),
    weights,
    careWeight,
    ...(annual ? { periodWeights } : {}),
    caseCount: cases.length,
    total: {
      metrics: computeMetrics(total, weights),
      rates: describeMetrics(computeMetrics(total, weights)),
      flag: satisfactionFlag(total),
      care: sumCare(care.values()),
    },
    units,
    /** 渠道: cases and satisfaction per channel (小程序, 巡查, 走访 and each channel of a 代登记). */
    byChannel: tallyByChannel(cases),
    praise: units.filter((u) => u.praised).map((u) => ({ id: u.id, name: u.name, rank: u.rank, score: u.score })),
    criticism: units.filter((u) => u.criticised).map((u) => ({ id: u.id, name: u.name, rank: u.rank, score: u.score })),
    /** Seed 001: satisfaction below 80% over a quarter or a year, with enough rated cases, sends the unit back (回炉整改). */
    flagApplies,
    minRatedToFlag: MIN_RATED_TO_FLAG,
    flagged: flagApplies
      ? units.filter((u) => u.verdict.verdict === 'flag').map((u) => ({ id: u.id, name: u.name, label: u.verdict.label }))
      : [],
    ranking: { ...ranking, units: judged },
  });
}

// ——— the weekly report ———

function weekBounds(weekOf: string): { monday: string; from: string; to: string } {
  const dow = new Date(`${weekOf}T00:00:00.000Z`).getUTCDay();
  const monday = addLocalDays(weekOf, -((dow + 6) % 7));
  return { monday, from: startOfLocalDate(monday).toISOString(), to: startOfLocalDate(addLocalDays(monday, 7)).toISOString() };
}

/** How far back the weekly report looks for cases closed or late in the week (older ones are rare). */
const WEEKLY_LOOKBACK_DAYS = 120;

const countBy = <T>(items: readonly T[], keyOf: (t: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const i of items) m.set(keyOf(i), (m.get(keyOf(i)) ?? 0) + 1);
  return m;
};
const top = (m: Map<string, number>, n: number): [string, number][] =>
  [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);

const statsInput = z.strictObject({
  communityId: id.optional(),
  gridId: id.optional(),
  period,
  groupBy: z.enum(['member', 'grid', 'community']),
});

export async function stats(input: z.infer<typeof statsInput>, call: AdminCall) {
  const r = await computeStats(call, input);
  if (!r.ok) return r;
  const { ranking: _r, ...out } = r.value;
  return ok(out);
}

const weeklyReportInput = z.strictObject({ weekOf: localDate.optional(), communityId: id.optional() });

/** 周报: new, closed and late cases of a week, the frequent problems, hot spots and blind spots. */
export async function weeklyReport(input: z.infer<typeof weeklyReportInput>, call: AdminCall) {
  const { deps, dir, scope, now } = call;
  const filter = caseFilter(scope, dir, input.communityId);
  if (!filter.ok) return filter;
  // Without a date, the last full week: a report is read on Monday about the week before.
  const week = weekBounds(input.weekOf ?? addLocalDays(localDateOf(now), -7));
  const lookFrom = startOfLocalDate(addLocalDays(week.monday, -WEEKLY_LOOKBACK_DAYS)).toISOString();
  const cases = await loadAll(deps.store, { ...filter.value, createdFrom: lookFrom, createdTo: week.to });
  const within = (at: string | undefined) => at !== undefined && at >= week.from && at < week.to;
  const fresh = cases.filter((c) => within(c.createdAt) && c.status !== 'merged');
  const closed = cases.filter((c) => c.status === 'closed' && within(c.closedAt));
  // Late this week: a clock missed during the week, or the running one past with its deadline in it.
  const late = cases.filter((c) => {
    const t = caseTime(caseClocks(c), now);
    return t.missed.some((m) => within(m.at)) || (t.late && within(t.running?.at));
  });
  const communities = new Set(
    [...dir.communities.values()]
      .filter((c) => inCommunity(scope, dir, c.id) && (!filter.value.communityId || c.id === filter.value.communityId))
      .map((c) => c.id),
  );
  const grids = [...dir.grids.values()].filter((g) => g.active && communities.has(g.communityId));
  const gridName = (gid: string) => {
    const g = dir.grids.get(gid);
    return g ? `${dir.communities.get(g.communityId)?.name ?? ''} ${g.name}`.trim() : gid;
  };
  const byCategory = countBy(fresh, (c) => c.categoryName);
  const byGrid = countBy(fresh, (c) => c.place.gridId);
  const byGridCategory = countBy(fresh, (c) => `${c.place.gridId}\u0000${c.categoryName}`);
  const patrolGrids = new Set(fresh.filter((c) => c.source === 'patrol').map((c) => c.place.gridId));
  const topCategories = top(byCategory, 5).map(([name, count]) => ({ categoryName: name, count }));
  const hotGrids = top(byGrid, 5).map(([gid, count]) => ({ gridId: gid, gridName: gridName(gid), count }));
  const hotSpots = top(byGridCategory, 5).map(([k, count]) => {
    const [gid, cat] = k.split('\u0000') as [string, string];
    return { gridId: gid, gridName: gridName(gid), categoryName: cat, count };
  });
  const noCases = grids.filter((g) => !byGrid.has(g.id)).map((g) => ({ gridId: g.id, gridName: gridName(g.id) }));
  const noPatrol = grids.filter((g) => !patrolGrids.has(g.id)).map((g) => ({ gridId: g.id, gridName: gridName(g.id) }));
  const summary = [
    `本周新增诉求${fresh.length}件，办结${closed.length}件，超时${late.length}件。`,
    topCategories.length
      ? `高频问题：${topCategories
          .slice(0, 3)
          .map((t) => `${t.categoryName}（${t.count}件）`)
          .join('、')}。`
      : '本周无新增诉求。',
    hotSpots.length
      ? `热点：${hotSpots
          .slice(0, 3)
          .map((h) => `${h.gridName}「${h.categoryName}」${h.count}件`)
          .join('、')}。`
      : '',
    noPatrol.length
      ? `盲点：${noPatrol.length}个网格本周无巡查上报${noCases.length ? `，${noCases.length}个网格无任何诉求` : ''}，请核实是否漏报。`
      : '',
  ].filter(Boolean);
  return ok({
    scopeName: scopeName(dir, filter.value),
    weekStart: week.monday,
    weekEnd: addLocalDays(week.monday, 6),
    counts: { new: fresh.length, closed: closed.length, overdue: late.length, patrol: fresh.filter((c) => c.source === 'patrol').length },
    topCategories,
    hotSpots: { grids: hotGrids, gridCategories: hotSpots },
    blindSpots: { noCases, noPatrol },
    overdueCases: late.slice(0, 10).map((c) => caseCard(c, dir)),
    summary,
  });
}

export const reportActions = {
  stats: staffAction(ADMINS, statsInput, stats),
  weeklyReport: staffAction(ADMINS, weeklyReportInput, weeklyReport),
};
