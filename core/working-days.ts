/**
 * China's working-day calendar as data passed in. The core never loads holiday data itself:
 * the caller builds a calendar from a maintained package plus admin overrides, so that tests
 * state every holiday and 调休 day they rely on.
 *
 * All local dates are China Standard Time (UTC+8, no daylight saving).
 */

export interface WorkCalendarData {
  /** Official days off that fall on weekdays or weekends, `YYYY-MM-DD`. */
  holidays: Iterable<string>;
  /** Official make-up working days (调休) that fall on weekends, `YYYY-MM-DD`. */
  workdays: Iterable<string>;
  /** Admin overrides win over the package: `true` = working day, `false` = day off. */
  overrides?: Record<string, boolean>;
  /**
   * The years whose official schedule is known (from the package or imported by the street).
   * Unset: every year counts as known (tests that state their days).
   */
  coveredYears?: Iterable<number>;
}

export interface WorkCalendar {
  isWorkday(localDate: string): boolean;
  /** Whether the official holidays of a year are known; if not, its weekdays all count as working days. */
  covers(year: number): boolean;
}

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function makeWorkCalendar(data: WorkCalendarData): WorkCalendar {
  const holidays = new Set(data.holidays);
  const workdays = new Set(data.workdays);
  const overrides = data.overrides ?? {};
  const covered = data.coveredYears === undefined ? undefined : new Set(data.coveredYears);
  return {
    covers: (year) => covered === undefined || covered.has(year),
    isWorkday(localDate: string): boolean {
      const o = overrides[localDate];
      if (o !== undefined) return o;
      if (workdays.has(localDate)) return true;
      if (holidays.has(localDate)) return false;
      const dow = new Date(`${localDate}T00:00:00.000Z`).getUTCDay();
      return dow !== 0 && dow !== 6;
    },
  };
}

/** The China-local calendar date of an instant, `YYYY-MM-DD`. */
export function localDateOf(at: Date): string {
  const d = new Date(at.getTime() + CST_OFFSET_MS);
  const y = d.getUTCFullYear();
  // Out of four-digit years (and an invalid date) as toISOString has it; otherwise built by hand:
  // toISOString formats through a printf, and every write and board read asks for local dates.
  if (!(y >= 1000 && y <= 9999)) return d.toISOString().slice(0, 10);
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/**
 * `at.toISOString()`, built by hand for four-digit years: toISOString formats through a printf
 * (about five times the cost), and a submit stamps six instants. Other years (and an invalid date)
 * go to toISOString itself, so the result and the RangeError are the same.
 */
export function isoOf(at: Date): string {
  const y = at.getUTCFullYear();
  if (!(y >= 1000 && y <= 9999)) return at.toISOString();
  const ms = at.getUTCMilliseconds();
  return `${y}-${pad2(at.getUTCMonth() + 1)}-${pad2(at.getUTCDate())}T${pad2(at.getUTCHours())}:${pad2(at.getUTCMinutes())}:${pad2(
    at.getUTCSeconds(),
  )}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}

/** The instant a China-local date begins. */
export function startOfLocalDate(localDate: string): Date {
  return new Date(Date.parse(`${localDate}T00:00:00.000Z`) - CST_OFFSET_MS);
}

export function addLocalDays(localDate: string, days: number): string {
  return new Date(Date.parse(`${localDate}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The end of the n-th working day after the day of `from` (n ≥ 1).
 *
 * As Chinese administrative time limits are counted, the day the matter arrives does not count
 * ("期间开始之日不计算在内"): a case filed on Friday evening with a 3-working-day limit is due at
 * the end of Wednesday; one filed on the eve of 国庆 is due three working days after the holiday.
 */
export function addWorkingDays(calendar: WorkCalendar, from: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('working days must be a positive integer');
  let day = localDateOf(from);
  let counted = 0;
  // A year of consecutive days off cannot happen; the bound only protects against bad overrides.
  for (let i = 0; i < 400 && counted < n; i++) {
    day = addLocalDays(day, 1);
    if (calendar.isWorkday(day)) counted++;
  }
  if (counted < n) throw new RangeError('no working day found within 400 days');
  return startOfLocalDate(addLocalDays(day, 1));
}

/** Working days between two instants' local dates, counting the later day but not the earlier. */
export function workingDaysBetween(calendar: WorkCalendar, from: Date, to: Date): number {
  let day = localDateOf(from);
  const end = localDateOf(to);
  let n = 0;
  for (let i = 0; i < 4000 && day < end; i++) {
    day = addLocalDays(day, 1);
    if (calendar.isWorkday(day)) n++;
  }
  return n;
}
