/**
 * 整改任务 on the page: the last day allowed and the days left or past, and what a 整改报告 must say
 * before it is sent (the server refuses the same, core/rectification.ts). Pure: `now` is passed in.
 * The core's module is not imported: it brings the metrics and zod into the admin subpackage; a
 * test holds the two minimums equal.
 */
import { chinaDate } from './staff-case-filter';
import { chars } from './staff-form';

export const REPORT_MAX = 2000;
/** The shortest report, in letters and digits: `RECTIFICATION_REPORT_MIN` of the core. */
export const REPORT_MIN = 20;
const DAY = 86_400_000;

/** The last day allowed (the deadline is the first moment after it) and the days left or past. */
export function timeLeft(dueAt: string, now: Date): { lastDay: string; text: string; late: boolean } {
  const lastDay = chinaDate(new Date(Date.parse(dueAt) - 1));
  const today = chinaDate(now);
  const days = Math.round((Date.parse(`${lastDay}T00:00:00.000Z`) - Date.parse(`${today}T00:00:00.000Z`)) / DAY);
  if (Date.parse(dueAt) <= now.getTime()) return { lastDay, text: `已逾期${Math.max(1, -days)}天`, late: true };
  return { lastDay, text: days === 0 ? '今天截止' : `还剩${days}天`, late: false };
}

/**
 * What a report must say before it is sent: the server refuses the same (core/rectification.ts).
 * Letters, digits and Chinese characters count: the server counts every Unicode letter, but a
 * `\p{L}` class here would be spelt out by the ES5 build into some 15 KB of the subpackage.
 */
export function reportProblem(text: string): string | undefined {
  if ((text.match(/[0-9A-Za-z\u3400-\u9fff]/g) ?? []).length < REPORT_MIN)
    return `整改报告须至少包含${REPORT_MIN}个文字，写明原因、措施和成效`;
  if (chars(text) > REPORT_MAX) return `整改报告不能超过${REPORT_MAX}字`;
  return undefined;
}
