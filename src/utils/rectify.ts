/**
 * 整改任务 on the page: the last day allowed and the days left or past, and what a 整改报告 must say
 * before it is sent. Pure: `now` is passed in. The length rule is the server's own
 * (core/report-text.ts, a module without imports); core/rectification.ts is not imported, it
 * brings the metrics into the admin subpackage.
 */
import { RECTIFICATION_REPORT_MAX, reportTooShort } from '../../core/report-text';
import { chinaDate } from './staff-case-filter';
import { chars } from './staff-form';

export const REPORT_MAX = RECTIFICATION_REPORT_MAX;
const DAY = 86_400_000;

/** The last day allowed (the deadline is the first moment after it) and the days left or past. */
export function timeLeft(dueAt: string, now: Date): { lastDay: string; text: string; late: boolean } {
  const lastDay = chinaDate(new Date(Date.parse(dueAt) - 1));
  const today = chinaDate(now);
  const days = Math.round((Date.parse(`${lastDay}T00:00:00.000Z`) - Date.parse(`${today}T00:00:00.000Z`)) / DAY);
  if (Date.parse(dueAt) <= now.getTime()) return { lastDay, text: `已逾期${Math.max(1, -days)}天`, late: true };
  return { lastDay, text: days === 0 ? '今天截止' : `还剩${days}天`, late: false };
}

/** What a report must say before it is sent: the server refuses the same (core/rectification.ts). */
export function reportProblem(text: string): string | undefined {
  const short = reportTooShort(text);
  if (short) return short;
  if (chars(text) > REPORT_MAX) return `整改报告不能超过${REPORT_MAX}字`;
  return undefined;
}
