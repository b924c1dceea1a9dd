/**
 * The working-day calendar the server uses: China's official holidays and 调休 days from the
 * maintained `chinese-days` data, with admin overrides for dates it does not know yet.
 * Only the JSON data is imported (about 40 KB), not the package's code.
 */
import data from 'chinese-days/dist/chinese-days.json';
import { makeWorkCalendar, type WorkCalendar } from '../core/working-days';
import type { HolidayOverride } from './store/ref-docs';

const HOLIDAYS = Object.keys((data as { holidays: Record<string, string> }).holidays);
const WORKDAYS = Object.keys((data as { workdays: Record<string, string> }).workdays);

/** The last year the package knows, so admins can be told when overrides are needed. */
export const KNOWN_UNTIL_YEAR = Math.max(...HOLIDAYS.map((d) => Number(d.slice(0, 4))));

export function buildCalendar(overrides: readonly HolidayOverride[]): WorkCalendar {
  return makeWorkCalendar({
    holidays: HOLIDAYS,
    workdays: WORKDAYS,
    overrides: Object.fromEntries(overrides.map((o) => [o.date, o.workday])),
  });
}
