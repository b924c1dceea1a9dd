/**
 * The 80 % rule that opens work (seed 001: 「对满意度低于80%的事项实行回炉整改」). A grid, a
 * community or a category whose satisfaction for a quarter is below 80 %, over enough rated cases
 * to count, gets a rectification task (整改任务) for its admin: a deadline and a written report
 * (整改报告) that closes it.
 *
 * Pure: the caller passes the instant; no clock, no storage.
 */
import { fail, ok, type Result } from './errors';
import { reportTooShort } from './report-text';
import { satisfactionFlag, type CaseTally, type RankedUnit } from './metrics';
import { addLocalDays, localDateOf, startOfLocalDate } from './working-days';

export { RECTIFICATION_REPORT_MAX, RECTIFICATION_REPORT_MIN } from './report-text';

/** Strictly below this satisfaction rate sends a unit back (exactly 80 % passes). */
export const RECTIFICATION_THRESHOLD = 0.8;
/**
 * Fewest rated cases for the rate to count: below five, one unhappy resident is 20 % or more of
 * the sample, which says more about chance than about the unit. Units under the line get no verdict.
 */
export const MIN_RATED_TO_FLAG = 5;
/** Calendar days from opening to the deadline of the 整改报告. */
export const RECTIFICATION_DAYS = 30;
/**
 * Days into a new quarter before the timer judges the last one: a result reported in the quarter's
 * last days may still be rated within the rating window (seven days in the presets).
 */
export const JUDGE_AFTER_DAYS = 7;

export const RECTIFICATION_UNIT_KINDS = ['grid', 'community', 'category'] as const;
export type RectificationUnitKind = (typeof RECTIFICATION_UNIT_KINDS)[number];
export const UNIT_KIND_NAMES: Readonly<Record<RectificationUnitKind, string>> = { grid: '网格', community: '社区', category: '类别' };

export type RectificationStatus = 'open' | 'closed';
export const RECTIFICATION_STATUS_NAMES: Readonly<Record<RectificationStatus, string>> = { open: '整改中', closed: '已整改' };

export interface Rectification {
  /** `<quarter>_<unitKind>_<unitId>`: one task per unit and quarter, so opening twice is harmless. */
  id: string;
  /** The quarter judged, `2026-Q4`. */
  period: string;
  unitKind: RectificationUnitKind;
  unitId: string;
  unitName: string;
  streetId: string;
  /** The community whose admin owns the task; absent for a street-wide category (the street's admin owns it). */
  communityId?: string;
  /** The satisfaction rate and its denominator that opened the task. */
  rate: number;
  rated: number;
  reason: string;
  status: RectificationStatus;
  openedAt: string;
  openedBy: string;
  /** The first moment after the last day allowed (China-local midnight). */
  dueAt: string;
  /** Staff-only: it is free text and is never put on the public board. */
  report?: { text: string; by: string; at: string };
}

/**
 * Whether a task was under way or finished within a period's span (`from <= at < to`, as
 * `periodRange` gives it): opened before the period ended, and still open or closed after it began.
 * The public board lists the tasks of the period it shows this way.
 */
export function rectificationDuring(
  r: Pick<Rectification, 'openedAt' | 'status' | 'report'>,
  range: { from: string; to: string },
): boolean {
  const opened = Date.parse(r.openedAt);
  if (opened >= Date.parse(range.to)) return false;
  if (r.status === 'open' || r.report === undefined) return true;
  // A report is never earlier than its task, whatever clock stamped it.
  return Math.max(opened, Date.parse(r.report.at)) >= Date.parse(range.from);
}

/** Letters, digits, `-` and `_` only: both databases take it as a document id. */
export const rectificationId = (period: string, unitKind: RectificationUnitKind, unitId: string): string =>
  `${period}_${unitKind}_${unitId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export type Verdict = 'flag' | 'pass' | 'too_few';

export interface RectificationVerdict {
  verdict: Verdict;
  rate: number | null;
  rated: number;
  label: string;
}

/** Whether a unit's quarter opens a task: below 80 % over at least MIN_RATED_TO_FLAG rated cases. */
export function judgeSatisfaction(t: CaseTally, minRated = MIN_RATED_TO_FLAG): RectificationVerdict {
  const flag = satisfactionFlag(t, RECTIFICATION_THRESHOLD);
  if (flag.rate === null || flag.rated < minRated)
    return { verdict: 'too_few', rate: flag.rate, rated: flag.rated, label: `已评价不足${minRated}件，不作满意率判定` };
  return { verdict: flag.flagged ? 'flag' : 'pass', rate: flag.rate, rated: flag.rated, label: flag.label };
}

/**
 * Praise and the 80 % flag in one period: a unit sent back for rework is not praised in the same
 * period — the flag wins, and the praise passes to nobody (the list is shorter, not refilled).
 * Criticism stands beside the flag: both say the same thing.
 */
export function reconcilePraise<U extends Pick<RankedUnit, 'praised' | 'note'> & { tally: CaseTally }>(
  units: readonly U[],
  minRated = MIN_RATED_TO_FLAG,
): (U & { verdict: RectificationVerdict })[] {
  return units.map((u) => {
    const verdict = judgeSatisfaction(u.tally, minRated);
    if (verdict.verdict === 'flag' && u.praised) return { ...u, praised: false, note: '满意率低于80%，回炉整改，本期不予表扬', verdict };
    return { ...u, verdict };
  });
}

export interface OpenInput {
  period: string;
  unitKind: RectificationUnitKind;
  unitId: string;
  unitName: string;
  streetId: string;
  communityId?: string;
  tally: CaseTally;
  by: string;
  at: string;
}

/** A new task, or an error when the unit's figures do not call for one. */
export function openRectification(input: OpenInput): Result<Rectification> {
  if (!/^\d{4}-Q[1-4]$/.test(input.period)) return fail('INPUT.INVALID', '整改任务按季度判定，「统计周期」须为季度（如2026-Q4）');
  const v = judgeSatisfaction(input.tally);
  if (v.verdict !== 'flag' || v.rate === null)
    return fail('RECTIFICATION.NOT_NEEDED', `${input.unitName}${v.verdict === 'pass' ? '满意率达标' : v.label}，无需整改`);
  const openedOn = localDateOf(new Date(input.at));
  return ok({
    id: rectificationId(input.period, input.unitKind, input.unitId),
    period: input.period,
    unitKind: input.unitKind,
    unitId: input.unitId,
    unitName: input.unitName,
    streetId: input.streetId,
    ...(input.communityId ? { communityId: input.communityId } : {}),
    rate: v.rate,
    rated: v.rated,
    reason: `${input.period} ${v.label}`,
    status: 'open',
    openedAt: input.at,
    openedBy: input.by,
    dueAt: startOfLocalDate(addLocalDays(openedOn, RECTIFICATION_DAYS + 1)).toISOString(),
  });
}

/** Closes a task with its written report; a closed task stays closed. */
export function closeRectification(r: Rectification, text: string, by: string, at: string): Result<Rectification> {
  if (r.status === 'closed') return fail('RECTIFICATION.CLOSED', '该整改任务已提交整改报告，不能重复提交');
  const short = reportTooShort(text);
  if (short) return fail('INPUT.INVALID', short);
  return ok({ ...r, status: 'closed', report: { text, by, at } });
}

/** 整改中 / 已整改, and whether the deadline passed without a report. */
export function rectificationState(r: Rectification, at: string): { status: RectificationStatus; statusName: string; late: boolean } {
  const late = r.status === 'open' ? at >= r.dueAt : r.report !== undefined && r.report.at >= r.dueAt;
  return {
    status: r.status,
    statusName: r.status === 'open' && late ? '整改中（已逾期）' : RECTIFICATION_STATUS_NAMES[r.status],
    late,
  };
}

/**
 * The quarter the timer should judge on a China-local day: the one before, once JUDGE_AFTER_DAYS
 * of the new quarter have passed; undefined before that.
 */
export function quarterToJudge(localDate: string): string | undefined {
  const y = Number(localDate.slice(0, 4));
  const m = Number(localDate.slice(5, 7));
  const q = Math.ceil(m / 3);
  const start = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  if (localDate < addLocalDays(start, JUDGE_AFTER_DAYS)) return undefined;
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}
