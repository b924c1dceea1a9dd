/**
 * Reads the State Council's yearly notice on public holidays (国务院办公厅关于20XX年部分节假日安排的
 * 通知) into days off and make-up working days (调休上班), so that the street can import next year's
 * schedule the day it is published instead of waiting for a package release.
 *
 * The notice has one numbered item per festival, in a stable form:
 *   「二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
 *     2月14日（周六）、2月28日（周六）上班。」
 * Text that does not read as such is refused with a message that names the item at fault; nothing
 * is guessed.
 */
import { fail, ok, type Result } from './errors';
import { addLocalDays } from './working-days';

export interface NoticeFestival {
  /** The item's name as written: 春节, 国庆节、中秋节 … */
  name: string;
  /** Days off, `YYYY-MM-DD`, in order. */
  holidays: string[];
  /** Make-up working days (weekends worked), `YYYY-MM-DD`, in order. */
  workdays: string[];
}

export interface HolidaySchedule {
  year: number;
  festivals: NoticeFestival[];
}

export type ScheduleDay = { date: string; workday: boolean; name: string };

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const ITEM_START = /([一二三四五六七八九十]{1,2})、([^：:\n。，,]{1,20})[：:]/g;
/** A bracket after a date: （周日）, （星期日）, （农历除夕、周二）. */
const PAREN = '(?:[（(][^）)]*[）)])?';
const HOLIDAY_RANGE = new RegExp(`(\\d{1,2})月(\\d{1,2})日${PAREN}(?:至(?:(\\d{1,2})月)?(\\d{1,2})日${PAREN})?放假`);
const DATE = /(\d{1,2})月(\d{1,2})日/g;
const TOTAL_DAYS = /共(\d{1,2})天/;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` when the date exists, else undefined. */
function localDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const s = `${year}-${pad(month)}-${pad(day)}`;
  // Date.parse accepts 02-30 and rolls it over; compare the round trip instead.
  const t = Date.parse(`${s}T00:00:00.000Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s ? undefined : s;
}

const dayOfWeek = (d: string): number => new Date(`${d}T00:00:00.000Z`).getUTCDay();
const isWeekend = (d: string): boolean => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;

function cnNumber(s: string): number {
  // 一 … 十, 十一 … 十九 (a notice has at most seven items, but be exact).
  if (s.length === 1) return CN_DIGITS[s] ?? 0;
  if (s[0] === '十') return 10 + (CN_DIGITS[s[1]!] ?? 0);
  return 0;
}

const refuse = (item: string, why: string): Result<never> =>
  fail(
    'HOLIDAY.UNREADABLE',
    `“${item}”一项无法识别：${why}。请按通知原文粘贴（例如「二、春节：2月15日至23日放假调休，共9天。2月14日（周六）上班。」）`,
  );

function parseItem(year: number, label: string, name: string, body: string): Result<NoticeFestival> {
  const m = HOLIDAY_RANGE.exec(body);
  if (!m) return refuse(label, '找不到「×月×日放假」或「×月×日至×日放假」');
  const startMonth = Number(m[1]);
  const start = localDate(year, startMonth, Number(m[2]));
  if (!start) return refuse(label, `${m[1]}月${m[2]}日不是有效日期`);
  let end = start;
  if (m[4] !== undefined) {
    const endMonth = m[3] !== undefined ? Number(m[3]) : startMonth;
    const e = localDate(year, endMonth, Number(m[4]));
    if (!e) return refuse(label, `${endMonth}月${m[4]}日不是有效日期`);
    if (e < start) return refuse(label, '放假结束日期早于开始日期');
    end = e;
  }
  const holidays: string[] = [];
  for (let d = start; d <= end && holidays.length <= 31; d = addLocalDays(d, 1)) holidays.push(d);
  if (holidays.length > 31) return refuse(label, '放假超过31天');
  const total = TOTAL_DAYS.exec(body);
  if (total && Number(total[1]) !== holidays.length) {
    return refuse(label, `写明共${total[1]}天，但${start.slice(5)}至${end.slice(5)}是${holidays.length}天`);
  }

  const workdays: string[] = [];
  // Every sentence that ends in 上班 lists make-up working days.
  for (const sentence of body.split(/[。；;]/)) {
    if (!/上班\s*$/.test(sentence.trim())) continue;
    const dates = [...sentence.matchAll(DATE)];
    if (dates.length === 0) return refuse(label, '「上班」前没有日期');
    for (const d of dates) {
      const w = localDate(year, Number(d[1]), Number(d[2]));
      if (!w) return refuse(label, `${d[1]}月${d[2]}日不是有效日期`);
      if (!isWeekend(w)) return refuse(label, `调休上班日${d[1]}月${d[2]}日不是周末，可能抄错了`);
      if (holidays.includes(w)) return refuse(label, `${d[1]}月${d[2]}日既放假又上班`);
      workdays.push(w);
    }
  }
  return ok({ name, holidays, workdays });
}

/**
 * Parses a notice for `year`. The text may hold the title and the closing paragraphs; only the
 * numbered items count. A title naming another year is refused, so that a notice is never saved
 * under the wrong year.
 */
export function parseHolidayNotice(text: string, year: number): Result<HolidaySchedule> {
  const titled = /关于\s*(\d{4})\s*年/.exec(text);
  if (titled && Number(titled[1]) !== year) {
    return fail('HOLIDAY.UNREADABLE', `通知标题是${titled[1]}年，与所选的${year}年不一致`);
  }
  const starts = [...text.matchAll(ITEM_START)];
  if (starts.length === 0) {
    return fail('HOLIDAY.UNREADABLE', '没有找到「一、元旦：…」这样的条目，请粘贴通知中逐条列出的放假安排');
  }
  const festivals: NoticeFestival[] = [];
  const seen = new Map<string, string>();
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const label = `${s[1]}、${s[2]!.trim()}`;
    if (cnNumber(s[1]!) !== i + 1) return refuse(label, `序号应为第${i + 1}项，可能缺了一项或顺序有误`);
    const bodyEnd = i + 1 < starts.length ? starts[i + 1]!.index : text.length;
    const body = text.slice(s.index + s[0].length, bodyEnd);
    const item = parseItem(year, label, s[2]!.trim(), body);
    if (!item.ok) return item;
    for (const d of [...item.value.holidays, ...item.value.workdays]) {
      const other = seen.get(d);
      if (other) return refuse(label, `${d.slice(5)}已出现在“${other}”中`);
      seen.set(d, label);
    }
    festivals.push(item.value);
  }
  return ok({ year, festivals });
}

/** The schedule as one day per line, in date order: what the calendar shows and what is saved. */
export function scheduleDays(s: HolidaySchedule): ScheduleDay[] {
  return s.festivals
    .flatMap((f) => [
      ...f.holidays.map((date) => ({ date, workday: false, name: f.name })),
      ...f.workdays.map((date) => ({ date, workday: true, name: `${f.name}调休上班` })),
    ])
    .sort((a, b) => a.date.localeCompare(b.date));
}
