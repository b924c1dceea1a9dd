/** The dates of a quarter's 满意度测评 as the admin picks them, and how a quarter is said. */
import { addDays } from './staff-case-filter';

/** `2026-12-07` → `2026-Q4`. */
export const quarterOfDay = (day: string): string => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** The last day of the quarter a day falls in. */
export function quarterLastDay(day: string): string {
  const y = Number(day.slice(0, 4));
  const lastMonth = (Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1) * 3;
  const lastDay = new Date(Date.UTC(y, lastMonth, 0)).getUTCDate();
  return `${y}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

/** `2026-Q4` → `2026年第4季度`. */
export const quarterLabel = (quarter: string): string => `${quarter.slice(0, 4)}年第${quarter.slice(6)}季度`;

export type SurveyLength = '7' | '14' | 'end';
export const SURVEY_LENGTHS: { value: SurveyLength; label: string }[] = [
  { value: '7', label: '一周' },
  { value: '14', label: '两周' },
  { value: 'end', label: '到季度末' },
];

/** A survey opening today for `length`, never past the quarter's last day. */
export function surveyPlan(today: string, length: SurveyLength): { quarter: string; opensOn: string; closesOn: string } {
  const last = quarterLastDay(today);
  const wanted = length === 'end' ? last : addDays(today, Number(length) - 1);
  return { quarter: quarterOfDay(today), opensOn: today, closesOn: wanted < last ? wanted : last };
}
