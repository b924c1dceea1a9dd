/**
 * A 12345 工单's 办理时限 written as a duration (「5个工作日」「3个工作日内」「7天」「48小时」「2日」),
 * and the deadline it gives: working days on the street's calendar, calendar days and hours as
 * written, counted from the 工单's 派单 / 受理 time.
 */
import { chineseNumber } from './place-names';
import { addLocalDays, addWorkingDays, localDateOf, startOfLocalDate, type WorkCalendar } from './working-days';

export type DueUnit = 'workdays' | 'days' | 'hours';
export interface DueDuration {
  amount: number;
  unit: DueUnit;
}

/** The most a sheet may ask for, per unit (beyond that the value is taken as a slip). */
export const MAX_DUE: Record<DueUnit, number> = { workdays: 60, days: 90, hours: 720 };

const UNIT_WORDS: readonly [RegExp, DueUnit][] = [
  [/^个?工作日$/, 'workdays'],
  [/^(?:个?自然日|天|日)$/, 'days'],
  [/^(?:个?小时|个?钟头|h)$/i, 'hours'],
];

const FULL_WIDTH_DIGITS = /[０-９]/g;
const DURATION_RE =
  /^(?:限|须|需|要求|请于|请在)?(\d+|[零〇一二两三四五六七八九十]+)(个?工作日|个?自然日|天|日|个?小时|个?钟头|h)(?:内|之内|以内)?(?:办结|完成|办理|答复|回复)?$/i;

/**
 * A duration as written, or undefined when the text is not one: digits (also full-width) or
 * Chinese numerals up to 九十九, then 工作日, 天 / 日 / 自然日 or 小时, optionally with 内.
 */
export function parseDueDuration(raw: string): DueDuration | undefined {
  const s = raw.replace(FULL_WIDTH_DIGITS, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]+/g, '');
  const m = DURATION_RE.exec(s);
  if (!m) return undefined;
  const amount = /^\d+$/.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!);
  const unit = UNIT_WORDS.find(([re]) => re.test(m[2]!))?.[1];
  if (amount === undefined || unit === undefined || amount < 1 || amount > MAX_DUE[unit]) return undefined;
  return { amount, unit };
}

/**
 * The deadline a duration gives from `from` (the 派单 time). Working and calendar days follow the
 * rule of Chinese administrative limits, as `addWorkingDays` does: the day the matter arrives does
 * not count, and the limit ends with the last day (a 工单 dispatched on Monday with 「2日」 is due at
 * the end of Wednesday). Hours run from the instant itself.
 */
export function dueFromDuration(d: DueDuration, from: Date, calendar: WorkCalendar): Date {
  if (d.unit === 'hours') return new Date(from.getTime() + d.amount * 3_600_000);
  if (d.unit === 'workdays') return new Date(addWorkingDays(calendar, from, d.amount).getTime() - 1000);
  return new Date(startOfLocalDate(addLocalDays(localDateOf(from), d.amount + 1)).getTime() - 1000);
}

/** How the preview says it: 「5个工作日」「7天」「48小时」. */
export function dueDurationText(d: DueDuration): string {
  return d.unit === 'workdays' ? `${d.amount}个工作日` : d.unit === 'days' ? `${d.amount}天` : `${d.amount}小时`;
}
