/**
 * 走访关爱 in the assessment: visits done against visits due, per member, grid or community, over
 * a month, a quarter or a year; how the completion weighs in a unit's score; and why a unit with
 * overdue visits is not praised. Pure: "today" and the period's days are passed in.
 *
 * - 应走访 (due) of a person over a period: the days they were on the register within the period
 *   (and up to today) divided by their interval, rounded — a month holds one visit at the default
 *   30 days, a quarter three, a year twelve; a person registered ten days before the period ends
 *   is not due yet.
 * - 已走访 (done): their visits within those days, at most as many as were due (a second visit in a
 *   month does not make up for another person left unvisited).
 * - 逾期 (overdue): people whose next visit was past due on the period's last day (or today).
 * - 走访完成率 = Σ done / Σ due; none when nothing was due.
 */
import { MAX_WEIGHT } from './weight-settings';
import { intervalFor, type CareSubject, type CareVisit, type VisitIntervals } from './care-visits';

export interface CareFigures {
  /** People on the register the unit answers for. */
  people: number;
  due: number;
  done: number;
  /** People overdue on the period's last day (or today, for the current period). */
  overdue: number;
  /** done / due; null when nothing was due. */
  rate: number | null;
}

export const emptyCareFigures = (): CareFigures => ({ people: 0, due: 0, done: 0, overdue: 0, rate: null });

const dayNumber = (d: string): number => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;

export interface CarePeriod {
  /** First and last China-local day of the period (inclusive). */
  firstDay: string;
  lastDay: string;
}

/** One person's figures over a period. `registeredOn` is the local day they joined the register. */
export function personCare(
  subject: Pick<CareSubject, 'groups'>,
  registeredOn: string,
  visitDays: readonly string[],
  period: CarePeriod,
  today: string,
  intervals: VisitIntervals = {},
): Omit<CareFigures, 'rate' | 'people'> {
  const start = registeredOn > period.firstDay ? registeredOn : period.firstDay;
  const end = today < period.lastDay ? today : period.lastDay;
  if (start > end) return { due: 0, done: 0, overdue: 0 };
  const interval = intervalFor(subject.groups, intervals);
  const due = Math.round((dayNumber(end) - dayNumber(start) + 1) / interval);
  let within = 0;
  let last = registeredOn;
  for (const d of visitDays) {
    if (d >= period.firstDay && d <= end) within += 1;
    if (d <= end && d > last) last = d;
  }
  // Overdue on the last day: the next visit (an interval after the last one) fell before it.
  return { due, done: Math.min(due, within), overdue: dayNumber(end) - dayNumber(last) > interval ? 1 : 0 };
}

/**
 * Every unit's figures: `unitsOf` names the units a person counts for (their member, grid or
 * community). Only people on the register now (active) count: one taken off is no longer due.
 */
export function careFigures(
  subjects: readonly CareSubject[],
  visits: readonly Pick<CareVisit, 'subjectId' | 'visitedOn'>[],
  registeredOn: (s: CareSubject) => string,
  period: CarePeriod,
  today: string,
  intervalsOf: (communityId: string) => VisitIntervals,
  unitOf: (s: CareSubject) => string | undefined,
): Map<string, CareFigures> {
  const days = new Map<string, string[]>();
  for (const v of visits) days.set(v.subjectId, [...(days.get(v.subjectId) ?? []), v.visitedOn]);
  const out = new Map<string, CareFigures>();
  for (const s of subjects) {
    const unit = unitOf(s);
    if (!s.active || unit === undefined) continue;
    const p = personCare(s, registeredOn(s), days.get(s.id) ?? [], period, today, intervalsOf(s.communityId));
    const f = out.get(unit) ?? emptyCareFigures();
    f.people += 1;
    f.due += p.due;
    f.done += p.done;
    f.overdue += p.overdue;
    f.rate = f.due > 0 ? f.done / f.due : null;
    out.set(unit, f);
  }
  return out;
}

/** The sum of units' figures (a scope's total). */
export function sumCare(figures: Iterable<CareFigures>): CareFigures {
  const t = emptyCareFigures();
  for (const f of figures) {
    t.people += f.people;
    t.due += f.due;
    t.done += f.done;
    t.overdue += f.overdue;
  }
  t.rate = t.due > 0 ? t.done / t.due : null;
  return t;
}

/** How much the visit completion weighs beside the case weights (响应 30 / 按时办结 35 / 满意 35). */
export const DEFAULT_CARE_WEIGHT = 10;
export const MAX_CARE_WEIGHT = MAX_WEIGHT;

/**
 * A unit's score with its visits: (caseScore · Σ case weights + 完成率 · 100 · care weight) /
 * (Σ case weights + care weight), two decimals. Without a case score there is nothing to adjust
 * (visits alone do not rank a unit); without visits due, or at weight 0, the case score stands.
 */
export function scoreWithCare(
  caseScore: number | null,
  caseWeightSum: number,
  care: CareFigures | undefined,
  careWeight: number,
): number | null {
  if (caseScore === null || !care || care.rate === null || careWeight <= 0) return caseScore;
  const score = (caseScore * caseWeightSum + care.rate * 100 * careWeight) / (caseWeightSum + careWeight);
  return Math.round(score * 100) / 100;
}

/** Why a unit is not praised for the period: people overdue for a visit on its last day. */
export const carePraiseBar = (f: CareFigures | undefined): string | undefined =>
  f && f.overdue > 0 ? `有${f.overdue}人走访逾期，不予表扬` : undefined;
