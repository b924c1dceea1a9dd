/**
 * Time limits are data, one policy per community. Two presets come from the seeds:
 * 三日办结 (seed 001) and 5341 (seed 004); admins may define custom ones.
 */
import type { Case, CaseDeadlines, Severity } from './model';
import { addWorkingDays, isoOf, type WorkCalendar } from './working-days';

export type DurationUnit = 'minutes' | 'hours' | 'workdays';
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

export interface SeverityLimits {
  /** From assignment to acceptance (受理 / 到达现场). */
  respond: Duration;
  /** From acceptance to resolution (办结 / 形成方案). */
  resolve: Duration;
  /** When set, the case must be escalated to the street within this time of submission. */
  escalate?: Duration;
}

export interface TimePolicy {
  id: string;
  name: string;
  limits: Record<Severity, SeverityLimits>;
  /** A department called by a whistle reports on site within this time (seed 001: 24 h). */
  departmentReport: Duration;
  /** The street proposes a solution within this time of an escalation (seed 001: 5 working days). */
  streetResolve: Duration;
  /** Days the reporter has to rate before the case closes itself (default 7). */
  ratingWindowDays: number;
  /** A reminder (催办) goes out when this share of a limit has passed, 0 < share < 1. */
  reminderShare: number;
  /** When a case becomes overdue: escalate by itself (true) or only tell the admin (false). */
  autoEscalateOnOverdue: boolean;
}

const h = (amount: number): Duration => ({ amount, unit: 'hours' });
const m = (amount: number): Duration => ({ amount, unit: 'minutes' });
const wd = (amount: number): Duration => ({ amount, unit: 'workdays' });

/** 三日办结: simple matters within 3 working days; complex ones to the street within 24 hours. */
export const THREE_DAY_POLICY: TimePolicy = {
  id: 'three-day',
  name: '三日办结',
  limits: {
    simple: { respond: h(24), resolve: wd(3) },
    complex: { respond: h(24), resolve: wd(5), escalate: h(24) },
    major: { respond: h(24), resolve: wd(5), escalate: h(24) },
  },
  departmentReport: h(24),
  streetResolve: wd(5),
  ratingWindowDays: 7,
  reminderShare: 0.8,
  autoEscalateOnOverdue: true,
};

/** 5341: arrive in 5 minutes, ordinary in 30 minutes, complex in 4 hours, major: a plan in 1 day. */
export const FIVE_341_POLICY: TimePolicy = {
  id: '5341',
  name: '5341工作法',
  limits: {
    simple: { respond: m(5), resolve: m(30) },
    complex: { respond: m(5), resolve: h(4) },
    major: { respond: m(5), resolve: h(24) },
  },
  departmentReport: h(24),
  streetResolve: wd(5),
  ratingWindowDays: 7,
  reminderShare: 0.8,
  autoEscalateOnOverdue: false,
};

export const POLICY_PRESETS: readonly TimePolicy[] = [THREE_DAY_POLICY, FIVE_341_POLICY];

export function addDuration(calendar: WorkCalendar, from: Date, d: Duration): Date {
  switch (d.unit) {
    case 'minutes':
      return new Date(from.getTime() + d.amount * 60_000);
    case 'hours':
      return new Date(from.getTime() + d.amount * 3_600_000);
    case 'workdays':
      return addWorkingDays(calendar, from, d.amount);
  }
}

export function describeDuration(d: Duration): string {
  const unit = d.unit === 'minutes' ? '分钟' : d.unit === 'hours' ? '小时' : '个工作日';
  return `${d.amount}${unit}`;
}

export interface DeadlineContext {
  policy: TimePolicy;
  calendar: WorkCalendar;
}

const iso = isoOf;

/** Deadlines when a member is given the case (the response clock starts). */
export function deadlinesOnAssign(ctx: DeadlineContext, c: Pick<Case, 'severity' | 'createdAt' | 'deadlines'>, at: Date): CaseDeadlines {
  const lim = ctx.policy.limits[c.severity];
  const next: CaseDeadlines = { ...c.deadlines, respondBy: iso(addDuration(ctx.calendar, at, lim.respond)) };
  delete next.resolveBy;
  if (lim.escalate) next.escalateBy = iso(addDuration(ctx.calendar, new Date(c.createdAt), lim.escalate));
  else delete next.escalateBy;
  return next;
}

/** Deadlines once accepted (the resolution clock starts). */
export function deadlinesOnAccept(
  ctx: DeadlineContext,
  c: Pick<Case, 'severity' | 'deadlines'> & { origin?: Pick<NonNullable<Case['origin']>, 'dueBy'> },
  at: Date,
): CaseDeadlines {
  const lim = ctx.policy.limits[c.severity];
  const byPolicy = iso(addDuration(ctx.calendar, at, lim.resolve));
  // A 12345 工单 comes with its own 办理时限: the stricter of the two runs.
  const due = c.origin?.dueBy;
  return { ...c.deadlines, resolveBy: due && due < byPolicy ? due : byPolicy };
}

/** Deadlines when the case goes up a level: the street resolves within its limit; a department reports within 24 h. */
export function deadlinesOnEscalate(
  ctx: DeadlineContext,
  c: Pick<Case, 'deadlines'>,
  level: 'community' | 'street' | 'department',
  at: Date,
): CaseDeadlines {
  const next: CaseDeadlines = { ...c.deadlines };
  // Going to the community does not stop the clock for reaching the street.
  if (level !== 'community') delete next.escalateBy;
  if (level === 'street') next.resolveBy = iso(addDuration(ctx.calendar, at, ctx.policy.streetResolve));
  if (level === 'department') next.reportBy = iso(addDuration(ctx.calendar, at, ctx.policy.departmentReport));
  return next;
}

export function deadlinesOnResolve(ctx: DeadlineContext, c: Pick<Case, 'deadlines'>, at: Date): CaseDeadlines {
  return { ...c.deadlines, rateBy: iso(new Date(at.getTime() + ctx.policy.ratingWindowDays * 86_400_000)) };
}

type RunningClock = { name: keyof CaseDeadlines; at: string; startedAt: string };

/**
 * Whether a clock has already been marked late, so that it needs nothing more until the case
 * moves on. A case is marked late once per deadline (`overdueFor`); a deadline that had passed
 * before the one last marked counts as marked too, so that two late clocks never take turns being
 * marked. The street clock always escalates when marked, so only its own mark settles it.
 */
export function isMarkedLate(c: Pick<Case, 'overdueFor'>, clock: { name: keyof CaseDeadlines; at: string }): boolean {
  if (c.overdueFor === undefined || clock.name === 'rateBy') return false;
  return clock.name === 'escalateBy' ? clock.at === c.overdueFor : clock.at <= c.overdueFor;
}

/**
 * Which clock is running for a case in its current state, if any. When several run at once (the
 * 24-hour clock for reaching the street and the member's own clock; a department's report clock
 * and the street's resolution clock) the earliest one runs, except that a clock already marked
 * late gives way to the next, so that a late reply never hides the other duty.
 */
export function runningDeadline(c: Case): RunningClock | undefined {
  const clocks: RunningClock[] = [];
  const add = (name: keyof CaseDeadlines, startedAt: string): void => {
    const at = c.deadlines[name];
    // A clock cannot start after it ends (a department dispatched after the street's deadline passed).
    if (at) clocks.push({ name, at, startedAt: startedAt < at ? startedAt : at });
  };
  switch (c.status) {
    case 'assigned':
      add('escalateBy', c.createdAt);
      add('respondBy', c.assignedAt ?? c.createdAt);
      break;
    case 'processing':
      add('escalateBy', c.createdAt);
      add('resolveBy', c.acceptedAt ?? c.createdAt);
      break;
    case 'escalated':
      // At the community the case has not reached the street yet: that clock still runs.
      if (c.escalation?.level === 'community') add('escalateBy', c.createdAt);
      if (c.escalation?.level === 'department' && !c.escalation.reportedAt) add('reportBy', c.escalation.since);
      // The community level keeps the member's resolution clock; the street sets its own.
      add('resolveBy', c.escalation?.level === 'community' ? (c.acceptedAt ?? c.createdAt) : (c.escalation?.since ?? c.createdAt));
      break;
    case 'resolved':
      add('rateBy', c.resolvedAt ?? c.createdAt);
      break;
    default:
      return undefined;
  }
  // Stable sort: on a tie the clock listed first (the stricter duty) runs.
  clocks.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return clocks.find((k) => !isMarkedLate(c, k)) ?? clocks[clocks.length - 1];
}

/**
 * When a reminder about the running clock becomes due: once its policy's reminder share of the
 * limit has passed. Undefined when no clock runs.
 */
export function reminderOpensAt(policy: TimePolicy, c: Case): string | undefined {
  const running = runningDeadline(c);
  if (!running || running.name === 'rateBy') return undefined;
  const start = Date.parse(running.startedAt);
  return new Date(Math.ceil(start + (Date.parse(running.at) - start) * policy.reminderShare)).toISOString();
}

export type ClockVerdict =
  | { due: 'none' }
  | { due: 'remind'; deadline: keyof CaseDeadlines; at: string }
  | { due: 'overdue'; deadline: keyof CaseDeadlines; at: string; escalate: boolean }
  | { due: 'auto_close'; at: string };

/**
 * What the timer must do for a case at `now`: nothing, remind (once per deadline), mark it overdue
 * (once) and perhaps escalate, or close it when the rating window has ended.
 */
export function clockVerdict(policy: TimePolicy, c: Case, now: Date): ClockVerdict {
  const running = runningDeadline(c);
  if (!running) return { due: 'none' };
  const deadline = Date.parse(running.at);
  if (running.name === 'rateBy') return now.getTime() >= deadline ? { due: 'auto_close', at: running.at } : { due: 'none' };
  if (now.getTime() >= deadline) {
    if (isMarkedLate(c, running)) return { due: 'none' };
    return {
      due: 'overdue',
      deadline: running.name,
      at: running.at,
      escalate: policy.autoEscalateOnOverdue || running.name === 'escalateBy',
    };
  }
  const start = Date.parse(running.startedAt);
  const remindAt = start + (deadline - start) * policy.reminderShare;
  if (now.getTime() >= remindAt && !c.reminded[running.name]) return { due: 'remind', deadline: running.name, at: running.at };
  return { due: 'none' };
}
