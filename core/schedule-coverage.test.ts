/**
 * When the calendar lacks a year: the warning from 1 November (China time) for next year, or at
 * once for this year; a working-day deadline in such a year is marked, a clock-time one is not.
 */
import { deadlineUncertain, missingScheduleWarning, runningDeadlineUncertain, warningWeek } from './schedule-coverage';
import { ACCEPT, actorOf, cst, cstIso, Story, WANG } from './test-support';
import { FIVE_341_POLICY, THREE_DAY_POLICY } from './time-policy';
import { makeWorkCalendar } from './working-days';

const upTo2026 = makeWorkCalendar({ holidays: [], workdays: [], coveredYears: [2025, 2026] });
const upTo2027 = makeWorkCalendar({ holidays: [], workdays: [], coveredYears: [2025, 2026, 2027] });

describe('节假日数据缺失的提醒', () => {
  test('北京时间11月1日零点起提醒下一年；导入后不再提醒', () => {
    expect(missingScheduleWarning(upTo2026, cst('2026-10-31 23:59'))).toBeUndefined();
    const w = missingScheduleWarning(upTo2026, cst('2026-11-01 00:00'));
    expect(w).toMatchObject({ year: 2027, since: '2026-11-01' });
    expect(w?.message).toMatch(/^2027年的法定节假日安排尚未导入/);
    expect(missingScheduleWarning(upTo2027, cst('2026-12-07 09:00'))).toBeUndefined();
  });

  test('本年没有数据时全年提醒', () => {
    expect(missingScheduleWarning(upTo2026, cst('2027-03-01 09:00'))).toMatchObject({ year: 2027, since: '2027-01-01' });
  });

  test('每周一次：按自11月1日起的周数', () => {
    const w = missingScheduleWarning(upTo2026, cst('2026-11-01 09:00'))!;
    expect(
      [cst('2026-11-01 09:00'), cst('2026-11-07 23:00'), cst('2026-11-08 00:30'), cst('2026-12-07 09:00')].map((t) => warningWeek(w, t)),
    ).toEqual([0, 0, 1, 5]);
  });

  test('期限的最后一天决定年份：2027-01-01 00:00 截止是2026年的最后一天', () => {
    expect(deadlineUncertain(upTo2026, cstIso('2027-01-01 00:00'))).toBe(false);
    expect(deadlineUncertain(upTo2026, cstIso('2027-01-02 00:00'))).toBe(true);
    expect(deadlineUncertain(upTo2026, undefined)).toBe(false);
  });

  test('工作日期限落在无数据年份才标注；按小时、分钟计的期限不标注', () => {
    const wang = actorOf(WANG);
    // Accepted on 2026-12-30: 3 working days end in January 2027.
    const s = Story.submit({ at: cst('2026-12-30 09:00') }).do(wang, ACCEPT, cst('2026-12-30 10:00'));
    expect(runningDeadlineUncertain(upTo2026, THREE_DAY_POLICY, s.case)).toBe(true);
    expect(runningDeadlineUncertain(upTo2027, THREE_DAY_POLICY, s.case)).toBe(false);
    // Not yet accepted: the 24-hour response clock does not depend on holidays.
    const waiting = Story.submit({ at: cst('2026-12-31 09:00') });
    expect(runningDeadlineUncertain(upTo2026, THREE_DAY_POLICY, waiting.case)).toBe(false);
    expect(runningDeadlineUncertain(upTo2026, FIVE_341_POLICY, waiting.case)).toBe(false);
  });
});
