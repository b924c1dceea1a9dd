/**
 * A year laid out as twelve month grids (Monday first), each day marked as the imported schedule
 * (or the calendar in force) has it: a day off, a make-up working day, an ordinary weekend or an
 * ordinary working day. Pure: the days come in as data.
 */

export type DayKind = 'off' | 'work' | 'weekend' | 'plain';

export interface CalendarCell {
  date: string;
  day: number;
  kind: DayKind;
  /** The festival's name for days the schedule sets. */
  name?: string;
}

export interface CalendarMonth {
  month: number;
  /** Weeks of seven cells; `undefined` pads the days outside the month. */
  weeks: (CalendarCell | undefined)[][];
  off: number;
  work: number;
}

export interface SetDay {
  date: string;
  workday: boolean;
  name?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function yearCalendar(year: number, days: readonly SetDay[]): CalendarMonth[] {
  const set = new Map(days.map((d) => [d.date, d]));
  const months: CalendarMonth[] = [];
  for (let month = 1; month <= 12; month++) {
    const first = new Date(Date.UTC(year, month - 1, 1));
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    // Monday = 0 … Sunday = 6.
    const lead = (first.getUTCDay() + 6) % 7;
    const cells: (CalendarCell | undefined)[] = Array.from({ length: lead }, () => undefined);
    let off = 0;
    let work = 0;
    for (let day = 1; day <= length; day++) {
      const date = `${year}-${pad(month)}-${pad(day)}`;
      const dow = (lead + day - 1) % 7;
      const s = set.get(date);
      const kind: DayKind = s ? (s.workday ? 'work' : 'off') : dow >= 5 ? 'weekend' : 'plain';
      if (kind === 'off') off++;
      if (kind === 'work') work++;
      cells.push({ date, day, kind, ...(s?.name ? { name: s.name } : {}) });
    }
    while (cells.length % 7 !== 0) cells.push(undefined);
    const weeks: (CalendarCell | undefined)[][] = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    months.push({ month, weeks, off, work });
  }
  return months;
}
