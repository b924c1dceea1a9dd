/**
 * The working-day calendar the server uses: China's official holidays and 调休 days from the
 * maintained `chinese-days` data, merged with the street's own days (imported from the State
 * Council's notice or set by range). A day the street set wins; the package answers for every
 * other day, so a year the package gains later is used wherever the street set nothing.
 * Only the JSON data is imported (about 40 KB), not the package's code.
 */
import data from 'chinese-days/dist/chinese-days.json';
import { makeWorkCalendar, type WorkCalendar } from '../core/working-days';
import type { HolidayOverride } from './store/ref-docs';

const HOLIDAYS = Object.keys((data as { holidays: Record<string, string> }).holidays);
const WORKDAYS = Object.keys((data as { workdays: Record<string, string> }).workdays);

/** The years the package knows. */
export const PACKAGE_YEARS: readonly number[] = [...new Set(HOLIDAYS.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
/** The last year the package knows, so admins can be told when a notice must be imported. */
export const KNOWN_UNTIL_YEAR = Math.max(...PACKAGE_YEARS);

/** Years whose schedule is known: the package's and those the street imported a notice for. */
export function coveredYears(overrides: readonly HolidayOverride[]): number[] {
  const imported = overrides.filter((o) => o.source === 'notice').map((o) => Number(o.date.slice(0, 4)));
  return [...new Set([...PACKAGE_YEARS, ...imported])].sort((a, b) => a - b);
}

export function buildCalendar(overrides: readonly HolidayOverride[]): WorkCalendar {
  return makeWorkCalendar({
    holidays: HOLIDAYS,
    workdays: WORKDAYS,
    overrides: Object.fromEntries(overrides.map((o) => [o.date, o.workday])),
    coveredYears: coveredYears(overrides),
  });
}
