/**
 * Whether the working-day calendar knows the years it is asked about. The State Council publishes
 * next year's schedule in the autumn; until the street imports it (or the package gains it), every
 * weekday of that year counts as a working day and deadlines across 春节 come out too early. So
 * from 1 November the admins are warned, and a deadline in a year without data says so.
 */
import type { Case } from './model';
import { runningDeadline, type Duration, type TimePolicy } from './time-policy';
import { localDateOf, type WorkCalendar } from './working-days';

/** From this China-local month and day, next year's schedule is expected. */
export const WARN_FROM_MONTH_DAY = '11-01';

export interface ScheduleWarning {
  /** The year without data. */
  year: number;
  /** When the weekly reminder counts from (the week index is counted from here). */
  since: string;
  message: string;
}

/** The warning due at `now`, if any: this year without data, or next year's missing from 1 November. */
export function missingScheduleWarning(calendar: WorkCalendar, now: Date): ScheduleWarning | undefined {
  const today = localDateOf(now);
  const year = Number(today.slice(0, 4));
  if (!calendar.covers(year)) {
    return {
      year,
      since: `${year}-01-01`,
      message: `${year}年的法定节假日安排尚未导入，工作日期限会把节假日算作工作日。请街道管理员在「配置 → 节假日」粘贴国务院办公厅通知导入`,
    };
  }
  if (today.slice(5) >= WARN_FROM_MONTH_DAY && !calendar.covers(year + 1)) {
    return {
      year: year + 1,
      since: `${year}-${WARN_FROM_MONTH_DAY}`,
      message: `${year + 1}年的法定节假日安排尚未导入，落在${year + 1}年的工作日期限可能不准。国务院办公厅通知发布后，请街道管理员在「配置 → 节假日」粘贴导入`,
    };
  }
  return undefined;
}

/** Which week of the warning `now` falls in (0 from its `since`), so that a reminder goes once a week. */
export function warningWeek(w: ScheduleWarning, now: Date): number {
  const days = (Date.parse(`${localDateOf(now)}T00:00:00Z`) - Date.parse(`${w.since}T00:00:00Z`)) / 86_400_000;
  return Math.max(0, Math.floor(days / 7));
}

export const UNCERTAIN_DEADLINE_NOTE = '节假日数据未导入，期限可能不准';

/**
 * Whether a deadline may be wrong because its calendar year has no data. A working-day deadline
 * ends at 24:00 of its last day, so the day is that of the instant just before it.
 */
export function deadlineUncertain(calendar: WorkCalendar, dueAt: string | undefined): boolean {
  if (!dueAt) return false;
  const t = Date.parse(dueAt);
  if (Number.isNaN(t)) return false;
  return !calendar.covers(Number(localDateOf(new Date(t - 1)).slice(0, 4)));
}

/** The limit a running clock was set from, or undefined for the rating window (calendar days). */
function limitOf(policy: TimePolicy, c: Case, name: string): Duration | undefined {
  const lim = policy.limits[c.severity];
  switch (name) {
    case 'respondBy':
      return lim.respond;
    case 'escalateBy':
      return lim.escalate;
    case 'reportBy':
      return policy.departmentReport;
    case 'resolveBy':
      return c.status === 'escalated' && c.escalation?.level !== 'community' ? policy.streetResolve : lim.resolve;
    default:
      return undefined;
  }
}

/**
 * Whether the case's running deadline counts working days and ends in a year without data, so the
 * case must say 「节假日数据未导入，期限可能不准」 beside it. Clock-time limits (hours, minutes) do not
 * depend on holidays and are never marked.
 */
export function runningDeadlineUncertain(calendar: WorkCalendar, policy: TimePolicy, c: Case): boolean {
  const running = runningDeadline(c);
  if (!running) return false;
  return limitOf(policy, c, running.name)?.unit === 'workdays' && deadlineUncertain(calendar, running.at);
}
