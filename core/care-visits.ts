/**
 * 走访关爱: the register of people in special groups, their visit plan and the visits.
 * Pure rules: who may see a person, when the next visit is due, what the board may count.
 * Dates are China-local calendar days (`YYYY-MM-DD`); "today" is always passed in.
 */
import { fail, ok, type Result } from './errors';
import type { Actor, MemberRole } from './model';
import { addLocalDays } from './working-days';

export const CARE_GROUPS = ['martyr_family', 'lonely_elderly', 'child_in_difficulty', 'low_income', 'extreme_poverty', 'disabled'] as const;
export type CareGroup = (typeof CARE_GROUPS)[number];

export const CARE_GROUP_NAMES: Record<CareGroup, string> = {
  martyr_family: '烈属',
  lonely_elderly: '孤寡老人',
  child_in_difficulty: '困境儿童',
  low_income: '低保',
  extreme_poverty: '特困',
  disabled: '残障人士',
};

/**
 * The role whose duties cover a group (ROLE_DUTIES): the 党小组长 cares for 烈属 and 困难群众
 * (孤寡、困境儿童、低保、特困); the 网格员's 帮办代办 covers people with disabilities.
 */
export const CARE_DEFAULT_ROLE: Record<CareGroup, MemberRole> = {
  martyr_family: 'party_leader',
  lonely_elderly: 'party_leader',
  child_in_difficulty: 'party_leader',
  low_income: 'party_leader',
  extreme_poverty: 'party_leader',
  disabled: 'grid_worker',
};

/** Seed 001: visit at least once a month. */
export const DEFAULT_VISIT_INTERVAL_DAYS = 30;
export const MIN_VISIT_INTERVAL_DAYS = 1;
export const MAX_VISIT_INTERVAL_DAYS = 365;
/** A visit shows as due this many days before its date. */
export const DUE_SOON_DAYS = 7;

/** A community's own intervals, by group; a group not named keeps the default. */
export type VisitIntervals = Partial<Record<CareGroup, number>>;

export interface CareSubject {
  id: string;
  streetId: string;
  communityId: string;
  gridId: string;
  name: string;
  groups: CareGroup[];
  /** Address or building. */
  address: string;
  phone?: string;
  notes?: string;
  /** The member who visits them. */
  memberId: string;
  active: boolean;
  createdAt: string;
  /** China-local date of the last visit. */
  lastVisitOn?: string;
}

export interface CareNeed {
  text: string;
  /** The case the need became (channel 走访). */
  caseId?: string;
}

export interface CareVisit {
  id: string;
  subjectId: string;
  streetId: string;
  communityId: string;
  gridId: string;
  memberId: string;
  visitorOpenid: string;
  visitorName: string;
  /** China-local date of the visit. */
  visitedOn: string;
  found: string;
  needs: CareNeed[];
  photos: string[];
  createdAt: string;
}

/** The interval of a person: the shortest among their groups (the strictest plan wins). */
export function intervalFor(groups: readonly CareGroup[], intervals: VisitIntervals = {}): number {
  const days = groups.map((g) => intervals[g] ?? DEFAULT_VISIT_INTERVAL_DAYS);
  return days.length ? Math.min(...days) : DEFAULT_VISIT_INTERVAL_DAYS;
}

export type VisitState = 'overdue' | 'due' | 'ok';
export const VISIT_STATE_NAMES: Record<VisitState, string> = { overdue: '已逾期', due: '待走访', ok: '已走访' };

export interface VisitDue {
  dueOn: string;
  state: VisitState;
  /** Days past the due date (overdue) or left until it (negative past, positive ahead). */
  daysLeft: number;
}

const dayNumber = (d: string): number => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;

/**
 * When the next visit is due: an interval after the last visit, or, for someone never visited,
 * an interval after they were registered (`registeredOn`). Due within a week, overdue after the date.
 */
export function visitDue(
  subject: Pick<CareSubject, 'groups' | 'lastVisitOn'>,
  registeredOn: string,
  today: string,
  intervals: VisitIntervals = {},
): VisitDue {
  const from = subject.lastVisitOn ?? registeredOn;
  const dueOn = addLocalDays(from, intervalFor(subject.groups, intervals));
  const daysLeft = dayNumber(dueOn) - dayNumber(today);
  const state: VisitState = daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due' : 'ok';
  return { dueOn, state, daysLeft };
}

export type CareAccess = 'admin' | 'member';

/**
 * Who sees a person of the register: the community admin of their community, the street admin
 * of their street (`admin`), and the member they are assigned to (`member`). Nobody else, ever.
 */
export function careAccess(actor: Actor, subject: Pick<CareSubject, 'streetId' | 'communityId' | 'memberId'>): CareAccess | undefined {
  for (const g of actor.grants) {
    if (g.role === 'street_admin' && g.streetId === subject.streetId) return 'admin';
    if (g.role === 'community_admin' && g.communityId === subject.communityId) return 'admin';
  }
  return actor.grants.some((g) => g.memberId !== undefined && g.memberId === subject.memberId) ? 'member' : undefined;
}

/** Whether the actor keeps the register of a community (its admin, or the street's). */
export function keepsRegister(actor: Actor, place: { streetId: string; communityId: string }): boolean {
  return actor.grants.some(
    (g) =>
      (g.role === 'street_admin' && g.streetId === place.streetId) || (g.role === 'community_admin' && g.communityId === place.communityId),
  );
}

export const MAX_CARE_NEEDS = 5;
export const MAX_CARE_TEXT = 500;

/** A real calendar day written `YYYY-MM-DD` (not 2026-02-30). */
export function isLocalDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = Date.parse(`${d}T00:00:00.000Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}

/** A visit's own checks: a real day not in the future, something found, at most five needs. */
export function checkVisit(v: { visitedOn: string; found: string; needs: readonly string[] }, today: string): Result<void> {
  if (!isLocalDate(v.visitedOn)) return fail('CARE.INVALID', '走访日期格式不正确');
  if (v.visitedOn > today) return fail('CARE.INVALID', '走访日期不能晚于今天');
  if (!v.found.trim()) return fail('CARE.INVALID', '请填写走访发现的情况');
  if (v.needs.length > MAX_CARE_NEEDS) return fail('CARE.INVALID', `需求最多${MAX_CARE_NEEDS}条`);
  if (v.needs.some((n) => !n.trim())) return fail('CARE.INVALID', '需求内容不能为空');
  return ok(undefined);
}

export interface CareCounts {
  /** 走访人次 this month and this year (China-local). */
  visitsThisMonth: number;
  visitsThisYear: number;
  /** Distinct people visited this year. */
  peopleCoveredThisYear: number;
  /** People on the register (active). */
  peopleRegistered: number;
}

/** The board's figures: counts only, never a person. `today` is `YYYY-MM-DD`. */
export function careCounts(
  visits: readonly Pick<CareVisit, 'subjectId' | 'visitedOn'>[],
  subjects: readonly Pick<CareSubject, 'active'>[],
  today: string,
): CareCounts {
  const month = today.slice(0, 7);
  const year = today.slice(0, 4);
  const thisYear = visits.filter((v) => v.visitedOn.slice(0, 4) === year && v.visitedOn <= today);
  return {
    visitsThisMonth: thisYear.filter((v) => v.visitedOn.slice(0, 7) === month).length,
    visitsThisYear: thisYear.length,
    peopleCoveredThisYear: new Set(thisYear.map((v) => v.subjectId)).size,
    peopleRegistered: subjects.filter((s) => s.active).length,
  };
}
