/**
 * What is measured. Every figure is built from a per-case tally, so that the same numbers come
 * out whether they are summed from stored counters (the board) or from the cases themselves
 * (assessment).
 */
import * as z from 'zod';
import type { Case } from './model';
import { fail, ok, type Result } from './errors';
import { localDateOf, startOfLocalDate } from './working-days';

export const TALLY_KEYS = [
  'received',
  'open',
  'closed',
  'rejected',
  'withdrawn',
  'merged',
  'overdue',
  'respondDue',
  'respondOnTime',
  'resolveDue',
  'resolveOnTime',
  'resolved',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'rework',
  'supervised',
  'escalated',
  'phoneRated',
  'unreached',
] as const;
export type TallyKey = (typeof TALLY_KEYS)[number];
export type CaseTally = Record<TallyKey, number>;

const ZERO_TALLY: Readonly<CaseTally> = Object.freeze(Object.fromEntries(TALLY_KEYS.map((k) => [k, 0])) as CaseTally);
/** A fresh tally of zeros (copied from one frozen template: every write and board read builds several). */
export const emptyTally = (): CaseTally => ({ ...ZERO_TALLY });

/**
 * The contribution of one case, from its stored state alone (no clock: the timer marks lateness
 * as an event, so a case whose limit has not yet passed is never counted late).
 *
 * - received: every case except those merged into another (a duplicate is not a new demand).
 * - open: not yet finished, including a result that waits for its rating, so that
 *   received = open + closed + rejected + withdrawn always holds.
 * - respondDue: accepted, or late on its response limit; respondOnTime: accepted within it.
 * - resolveDue: resolved, or late on its resolution limit; resolveOnTime: resolved within it.
 *   Lateness counts whatever the status became afterwards: under 三日办结 a late case escalates
 *   by itself, and a late case the reporter gave up on (withdrawn) was still late — dropping
 *   either would reward missing the limit.
 * - resolved: the handler reported a result (status resolved or closed with a result).
 * - rated: the reporter rated, or a 电话回访 recorded the rating (`phoneRated` counts those apart);
 *   auto-close without a rating is not rated: it is `unreached` (nobody reached the resident).
 */
export function tallyCase(c: Case): CaseTally {
  const t = emptyTally();
  if (c.status === 'merged') {
    t.merged = 1;
    return t;
  }
  t.received = 1;
  const open = c.status === 'pending' || c.status === 'assigned' || c.status === 'processing' || c.status === 'escalated';
  if (open || c.status === 'resolved') t.open = 1;
  if (c.status === 'closed') t.closed = 1;
  if (c.status === 'rejected') t.rejected = 1;
  if (c.status === 'withdrawn') t.withdrawn = 1;
  if (c.overdue) t.overdue = 1;
  if (c.status === 'escalated' || c.escalation) t.escalated = 1;
  const lateOn = (name: 'respondBy' | 'resolveBy'): boolean => c.overdueFor !== undefined && c.overdueFor === c.deadlines[name];
  if (c.acceptedAt) {
    t.respondDue = 1;
    if (c.respondedOnTime) t.respondOnTime = 1;
  } else if (lateOn('respondBy')) {
    t.respondDue = 1;
  }
  const hasResult = (c.status === 'resolved' || c.status === 'closed') && c.result !== undefined;
  if (hasResult) {
    t.resolved = 1;
    t.resolveDue = 1;
    if (c.resolvedOnTime) t.resolveOnTime = 1;
  } else if (lateOn('resolveBy')) {
    t.resolveDue = 1;
  }
  if (c.rating && !c.rating.auto) {
    t.rated = 1;
    if (c.rating.value === 'satisfied') t.satisfied = 1;
    if (c.rating.value === 'basically_satisfied') t.basicallySatisfied = 1;
    if (c.rating.value === 'unsatisfied') t.unsatisfied = 1;
    if (c.rating.phone) t.phoneRated = 1;
  }
  if (c.rating?.auto && c.status === 'closed') t.unreached = 1;
  t.rework = c.reworkCount;
  if (c.supervised) t.supervised = 1;
  return t;
}

export function addTally(a: CaseTally, b: CaseTally, sign: 1 | -1 = 1): CaseTally {
  const out = emptyTally();
  for (const k of TALLY_KEYS) out[k] = a[k] + sign * b[k];
  return out;
}

export const diffTally = (after: CaseTally, before: CaseTally): CaseTally => addTally(after, before, -1);
export const isZeroTally = (t: CaseTally): boolean => TALLY_KEYS.every((k) => t[k] === 0);

/** Every case's tally summed: the figures of a set of cases, as assessment recomputes them. */
export function tallyCases(cases: Iterable<Case>): CaseTally {
  let sum = emptyTally();
  for (const c of cases) sum = addTally(sum, tallyCase(c));
  return sum;
}

/**
 * Tallies per unit: `keyOf` names the unit a case belongs to (`c.holder?.memberId` per member,
 * `c.place.gridId` per grid, `c.place.communityId`, `c.place.streetId`); a case without a unit
 * (not yet held by anyone) is left out rather than counted under a made-up key.
 */
export function groupTallies(cases: Iterable<Case>, keyOf: (c: Case) => string | undefined): Map<string, CaseTally> {
  const out = new Map<string, CaseTally>();
  for (const c of cases) {
    const key = keyOf(c);
    if (key === undefined) continue;
    out.set(key, addTally(out.get(key) ?? emptyTally(), tallyCase(c)));
  }
  return out;
}

// ——— periods ———

export type PeriodKind = 'month' | 'quarter' | 'year';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const YEAR_RE = /^(\d{4})$/;

/** What kind of period a period string names. */
export function periodKindOf(period: string): PeriodKind {
  return YEAR_RE.test(period) ? 'year' : QUARTER_RE.test(period) ? 'quarter' : 'month';
}

function parseInstant(at: string): Date {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new RangeError(`不是有效的时间：${at}`);
  return d;
}

/** The month ('2026-10'), quarter ('2026-Q4') or year ('2026') an instant falls in, by its China-local date. */
export function periodOf(at: string, kind: PeriodKind): string {
  const local = localDateOf(parseInstant(at));
  const year = local.slice(0, 4);
  const month = Number(local.slice(5, 7));
  return kind === 'month' ? local.slice(0, 7) : kind === 'year' ? year : `${year}-Q${Math.ceil(month / 3)}`;
}

/** The months of a period, in order: one for a month, three for a quarter, twelve for a year. */
export function monthsOfPeriod(period: string): string[] {
  if (MONTH_RE.test(period)) return [period];
  if (YEAR_RE.test(period)) return Array.from({ length: 12 }, (_, i) => `${period}-${String(i + 1).padStart(2, '0')}`);
  const q = QUARTER_RE.exec(period);
  if (!q) throw new RangeError(`不是有效的统计周期：${period}`);
  const first = (Number(q[2]) - 1) * 3 + 1;
  return [first, first + 1, first + 2].map((m) => `${q[1]}-${String(m).padStart(2, '0')}`);
}

/**
 * The instants a period spans, China-local: `from` is the first moment of its first day and `to`
 * the first moment after it (exclusive), so that consecutive periods meet without overlap and a
 * query is `from <= at < to`.
 */
export function periodRange(period: string): { from: string; to: string } {
  const months = monthsOfPeriod(period);
  const first = `${months[0]}-01`;
  const last = months[months.length - 1];
  const y = Number(last.slice(0, 4));
  const m = Number(last.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: startOfLocalDate(first).toISOString(), to: startOfLocalDate(next).toISOString() };
}

/** The period just before, for month-on-month, quarter-on-quarter and year-on-year trends. */
export function previousPeriod(period: string): string {
  const lastMomentBefore = new Date(Date.parse(periodRange(period).from) - 1).toISOString();
  return periodOf(lastMomentBefore, periodKindOf(period));
}

// ——— weights and the figures ———

/** How much each rate weighs in the combined score; only the proportions matter. */
export interface MetricWeights {
  response: number;
  onTime: number;
  satisfaction: number;
}

/** The published example (响应 30 / 按时办结 35 / 满意 35). */
export const DEFAULT_WEIGHTS: Readonly<MetricWeights> = Object.freeze({ response: 30, onTime: 35, satisfaction: 35 });

const weightSchema = z.number().finite().min(0, '权重不能为负数');
export const metricWeightsSchema = z
  .object({ response: weightSchema, onTime: weightSchema, satisfaction: weightSchema })
  .refine((w) => w.response + w.onTime + w.satisfaction > 0, { message: '权重之和必须大于0' });

/** Weights as an admin typed them, checked: non-negative numbers that do not all vanish. */
export function validateWeights(input: unknown): Result<MetricWeights> {
  const parsed = metricWeightsSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const message = parsed.error.issues.map((i) => i.message).join('；');
  return fail(
    'INPUT.INVALID',
    `考核权重无效：${message}`,
    parsed.error.issues.map((i) => i.path.join('.')),
  );
}

function checkedWeights(weights: MetricWeights): MetricWeights {
  const r = validateWeights(weights);
  // Stored weights were validated when saved: bad ones here are a programming error.
  if (!r.ok) throw new RangeError(r.error.message);
  return r.value;
}

export interface Metrics {
  received: number;
  /** Not yet finished, including results waiting for a rating (未办结). */
  open: number;
  closed: number;
  overdue: number;
  resolved: number;
  /**
   * 响应率 = respondOnTime / respondDue: accepted within the response limit, out of the cases
   * accepted or already late. A case still inside its response limit is not counted at all,
   * so fresh cases neither help nor hurt.
   */
  responseRate: number | null;
  /** 按时办结率 = resolveOnTime / resolveDue: resolved within the limit, out of those resolved or already late. */
  onTimeRate: number | null;
  /** 解决率 = resolved / resolutionBase, where resolutionBase = received − rejected − withdrawn. */
  resolutionRate: number | null;
  /** 满意率 = (satisfied + basicallySatisfied) / rated; auto-closed cases without a rating are not rated. */
  satisfactionRate: number | null;
  /**
   * 综合得分 0–100 = Σ weightᵢ · rateᵢ / Σ weightᵢ × 100 over the rates that exist (响应率,
   * 按时办结率, 满意率): a null rate drops out and the other weights renormalise; null when none
   * exists. Rounded to two decimals, as published and as compared in rankings.
   */
  score: number | null;
  rework: number;
  supervised: number;
  escalated: number;
  respondDue: number;
  resolveDue: number;
  resolutionBase: number;
  rated: number;
  /** Of the rated, those a 电话回访 recorded. */
  phoneRated: number;
  /** Closed by the clock with nobody's rating (逾期未评价、未回访): counted apart, not in 满意率. */
  unreached: number;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

export function computeMetrics(t: CaseTally, weights: MetricWeights = DEFAULT_WEIGHTS): Metrics {
  const w = checkedWeights(weights);
  const resolutionBase = t.received - t.rejected - t.withdrawn;
  const responseRate = ratio(t.respondOnTime, t.respondDue);
  const onTimeRate = ratio(t.resolveOnTime, t.resolveDue);
  const resolutionRate = ratio(t.resolved, resolutionBase);
  const satisfactionRate = ratio(t.satisfied + t.basicallySatisfied, t.rated);
  let weighted = 0;
  let weightSum = 0;
  for (const [rate, weight] of [
    [responseRate, w.response],
    [onTimeRate, w.onTime],
    [satisfactionRate, w.satisfaction],
  ] as const) {
    if (rate === null) continue;
    weighted += rate * weight;
    weightSum += weight;
  }
  // A zero weight on the only rate that exists leaves nothing to score by.
  const score = weightSum > 0 ? Math.round((weighted / weightSum) * 10000) / 100 : null;
  return {
    received: t.received,
    open: t.open,
    closed: t.closed,
    overdue: t.overdue,
    resolved: t.resolved,
    responseRate,
    onTimeRate,
    resolutionRate,
    satisfactionRate,
    score,
    rework: t.rework,
    supervised: t.supervised,
    escalated: t.escalated,
    respondDue: t.respondDue,
    resolveDue: t.resolveDue,
    resolutionBase,
    rated: t.rated,
    phoneRated: t.phoneRated,
    unreached: t.unreached,
  };
}

export type RateKey = 'responseRate' | 'onTimeRate' | 'resolutionRate' | 'satisfactionRate';

/** How the board names each rate and its denominator. */
export const RATE_LABELS: Readonly<Record<RateKey, { name: string; denominator: keyof Metrics; denominatorLabel: string }>> = {
  responseRate: { name: '响应率', denominator: 'respondDue', denominatorLabel: '应响应' },
  onTimeRate: { name: '按时办结率', denominator: 'resolveDue', denominatorLabel: '应办结' },
  resolutionRate: { name: '解决率', denominator: 'resolutionBase', denominatorLabel: '应解决' },
  satisfactionRate: { name: '满意率', denominator: 'rated', denominatorLabel: '已评价' },
};

/** '96.2%', one decimal; '—' when there is nothing to divide by (never a misleading 0%). */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** '满意率 96.2%（已评价 184 件）': a rate is never shown without what it is out of. */
export function describeRate(name: string, rate: number | null, denominator: number, denominatorLabel: string): string {
  return `${name} ${formatRate(rate)}（${denominatorLabel} ${denominator} 件）`;
}

/** Every rate of a unit, described in the same words. */
export function describeMetrics(m: Metrics): string[] {
  return (Object.keys(RATE_LABELS) as RateKey[]).map((k) => {
    const l = RATE_LABELS[k];
    return describeRate(l.name, m[k], m[l.denominator] as number, l.denominatorLabel);
  });
}

// ——— the quarterly satisfaction flag (seed 001) ———

export interface SatisfactionFlag {
  flagged: boolean;
  rate: number | null;
  rated: number;
  label: string;
}

/**
 * "对满意度低于80%的事项实行回炉整改": strictly below the threshold flags; exactly 80% passes.
 * Nothing rated gives no verdict rather than a flag, since there is no evidence either way.
 */
export function satisfactionFlag(t: CaseTally, threshold = 0.8): SatisfactionFlag {
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError('满意率门槛必须在0到1之间');
  const rate = ratio(t.satisfied + t.basicallySatisfied, t.rated);
  const limit = formatRate(threshold).replace('.0%', '%');
  if (rate === null) return { flagged: false, rate, rated: 0, label: '本期无评价，不作满意率判定' };
  const shown = describeRate('满意率', rate, t.rated, '已评价');
  return rate < threshold
    ? { flagged: true, rate, rated: t.rated, label: `${shown}，低于${limit}，回炉整改` }
    : { flagged: false, rate, rated: t.rated, label: `${shown}，达标` };
}

// ——— rankings: 通报表扬 / 通报批评 ———

export interface RankInput {
  id: string;
  name: string;
  tally: CaseTally;
}

export interface RankOptions {
  /** How many of the best are praised (default 3). */
  praiseTop?: number;
  /** How many of the worst are criticised (default 1: naming one unit is the usual 通报). */
  criticiseBottom?: number;
  /** Fewest cases received to take part (default 5): a rate over two cases says nothing. */
  minCases?: number;
  /**
   * The score compared first (default: the period's own `metrics.score`); a year ranks by its
   * combined score of monthly and annual results. A unit without one is not ranked.
   */
  scoreOf?: (u: RankInput) => number | null;
}

export interface RankedUnit extends RankInput {
  metrics: Metrics;
  /** 1-based; units equal on every compared figure share a rank. Null when not ranked. */
  rank: number | null;
  praised: boolean;
  criticised: boolean;
  /** Why a unit is not ranked, in Chinese. */
  note?: string;
}

export interface Ranking {
  /** Ranked units by rank (then id), followed by the units not ranked. */
  units: RankedUnit[];
  praised: RankedUnit[];
  criticised: RankedUnit[];
}

/**
 * Orders by score, then satisfaction, on-time and response rates (what residents feel first),
 * then the number of cases received (more work at the same quality ranks higher); the id only
 * orders units that are equal on all of these, and those share a rank.
 *
 * Praise goes to units ranked within `praiseTop` and criticism to those within
 * `criticiseBottom` from the bottom, so units tied at the line are treated alike. A unit that
 * would be both — a field too small or too even to tell apart — gets neither.
 */
export function rankUnits(units: readonly RankInput[], weights: MetricWeights = DEFAULT_WEIGHTS, opts: RankOptions = {}): Ranking {
  const praiseTop = opts.praiseTop ?? 3;
  const criticiseBottom = opts.criticiseBottom ?? 1;
  const minCases = opts.minCases ?? 5;
  const scoreOf = (u: RankedUnit): number | null => (opts.scoreOf ? opts.scoreOf(u) : u.metrics.score);
  for (const [label, v] of [
    ['praiseTop', praiseTop],
    ['criticiseBottom', criticiseBottom],
    ['minCases', minCases],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${label} 必须是非负整数`);
  }
  const all: RankedUnit[] = units.map((u) => ({
    ...u,
    metrics: computeMetrics(u.tally, weights),
    rank: null,
    praised: false,
    criticised: false,
  }));
  const eligible: RankedUnit[] = [];
  const excluded: RankedUnit[] = [];
  for (const u of all) {
    if (u.metrics.received < minCases) {
      u.note = `受理不足${minCases}件，不参与排名`;
      excluded.push(u);
    } else if (scoreOf(u) === null) {
      u.note = '暂无可计算的考核指标，不参与排名';
      excluded.push(u);
    } else eligible.push(u);
  }
  const keyOf = (u: RankedUnit): number[] => [
    scoreOf(u) ?? -1,
    u.metrics.satisfactionRate ?? -1,
    u.metrics.onTimeRate ?? -1,
    u.metrics.responseRate ?? -1,
    u.metrics.received,
  ];
  const compareKeys = (a: number[], b: number[]): number => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
    return 0;
  };
  eligible.sort((a, b) => compareKeys(keyOf(a), keyOf(b)) || compareIds(a.id, b.id));
  const keys = eligible.map(keyOf);
  for (let i = 0; i < eligible.length; i++) {
    const better = keys.filter((k) => compareKeys(k, keys[i]) < 0).length;
    const worse = keys.filter((k) => compareKeys(k, keys[i]) > 0).length;
    const u = eligible[i];
    u.rank = better + 1;
    const praise = u.rank <= praiseTop;
    const criticise = worse + 1 <= criticiseBottom;
    u.praised = praise && !criticise;
    u.criticised = criticise && !praise;
  }
  excluded.sort((a, b) => b.metrics.received - a.metrics.received || compareIds(a.id, b.id));
  return {
    units: [...eligible, ...excluded],
    praised: eligible.filter((u) => u.praised),
    criticised: eligible.filter((u) => u.criticised),
  };
}

// Code-unit order, not locale order: the same ranking on every machine.
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
