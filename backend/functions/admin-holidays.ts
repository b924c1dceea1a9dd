/**
 * The street's working-day calendar: import a year from the State Council's notice (preview, then
 * save), set a range of days by hand, list what is set and what is missing. Wired into `admin`;
 * only the street admin changes the calendar, every admin may read it.
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import { parseHolidayNotice, scheduleDays, type ScheduleDay } from '../../core/holiday-notice';
import { missingScheduleWarning } from '../../core/schedule-coverage';
import { addLocalDays } from '../../core/working-days';
import { coveredYears, KNOWN_UNTIL_YEAR, PACKAGE_YEARS } from '../calendar';
import { invalidateDirectory } from '../services/directory';
import type { HolidayOverride } from '../store/ref-docs';
import type { Store } from '../store/store.port';
import { localDate, MAX_YEAR, MIN_YEAR, requiredText, text } from '../validation';
import type { ActionDef, AuthedCall } from './define';

/** How admin.ts builds an action for a set of roles (its caller checks come first). */
type Guarded = <S extends z.ZodType, O>(input: S, run: (input: z.infer<S>, call: AuthedCall) => Promise<Result<O>>) => ActionDef<S, O>;

/** The longest range set at once: two months covers any festival with its make-up days. */
export const MAX_RANGE_DAYS = 62;

const YEAR_MESSAGE = `年份须在${MIN_YEAR}至${MAX_YEAR}之间`;
const year = z.number().int(YEAR_MESSAGE).min(MIN_YEAR, YEAR_MESSAGE).max(MAX_YEAR, YEAR_MESSAGE);
const notice = z.strictObject({ year, text: requiredText(6000) });

const isWeekend = (d: string): boolean => {
  const dow = new Date(`${d}T00:00:00.000Z`).getUTCDay();
  return dow === 0 || dow === 6;
};

async function saveDays(store: Store, days: HolidayOverride[]): Promise<void> {
  for (const d of days) await store.putRef('holidays', d);
  invalidateDirectory(store);
}

function preview(
  input: z.infer<typeof notice>,
  stored: HolidayOverride[],
): Result<{ year: number; days: ScheduleDay[]; festivals: string[]; replaces: number }> {
  const parsed = parseHolidayNotice(input.text, input.year);
  if (!parsed.ok) return parsed;
  const days = scheduleDays(parsed.value);
  const replaces = stored.filter((o) => o.date.startsWith(`${input.year}-`)).length;
  return ok({ year: input.year, days, festivals: parsed.value.festivals.map((f) => f.name), replaces });
}

export function holidayActions(street: Guarded, admins: Guarded) {
  return {
    /** What is set, which years are known, and the warning when next year is missing. */
    listHolidays: admins(z.strictObject({}), async (_i, call) => {
      const items = (await call.deps.store.listRef('holidays')).sort((a, b) => a.date.localeCompare(b.date));
      const warning = missingScheduleWarning(call.dir.calendar, call.now);
      return ok({
        items,
        knownUntilYear: KNOWN_UNTIL_YEAR,
        packageYears: [PACKAGE_YEARS[0], KNOWN_UNTIL_YEAR],
        coveredYears: coveredYears(items),
        warning: warning?.message,
        note: `法定节假日及调休数据已内置至${KNOWN_UNTIL_YEAR}年；之后的年份请粘贴国务院办公厅通知导入，街道设置的日期优先于内置数据`,
      });
    }),

    /** Reads a notice and shows what would be saved; nothing is written. */
    previewHolidayNotice: street(notice, async (input, call) => preview(input, await call.deps.store.listRef('holidays'))),

    /**
     * Saves a year from its notice. Days an earlier import of the same year set and this one does
     * not are put back to the ordinary week (Monday–Friday working), so a corrected notice leaves
     * nothing of the wrong one behind.
     */
    importHolidayNotice: street(notice, async (input, call) => {
      const stored = await call.deps.store.listRef('holidays');
      const p = preview(input, stored);
      if (!p.ok) return p;
      const now = new Set(p.value.days.map((d) => d.date));
      const stale = stored
        .filter((o) => o.source === 'notice' && o.date.startsWith(`${input.year}-`) && !now.has(o.date))
        .map((o): HolidayOverride => ({ ...o, workday: !isWeekend(o.date), note: '', source: 'notice' }));
      const days = p.value.days.map((d): HolidayOverride => ({
        id: d.date,
        date: d.date,
        workday: d.workday,
        note: d.name,
        source: 'notice',
      }));
      await saveDays(call.deps.store, [...stale, ...days]);
      return ok({ year: input.year, saved: days.length, reset: stale.length, festivals: p.value.festivals });
    }),

    /** Sets every day from `from` to `to` as days off or working days, with a name. */
    setHolidayRange: street(
      z.strictObject({ from: localDate, to: localDate, workday: z.boolean(), note: text(50) }),
      async (input, call) => {
        if (input.to < input.from) return fail('INPUT.INVALID', '结束日期不能早于开始日期');
        const days: HolidayOverride[] = [];
        for (let d = input.from; d <= input.to; d = addLocalDays(d, 1)) {
          if (days.length >= MAX_RANGE_DAYS) return fail('INPUT.INVALID', `一次最多设置${MAX_RANGE_DAYS}天`);
          days.push({ id: d, date: d, workday: input.workday, note: input.note.trim(), source: 'manual' });
        }
        await saveDays(call.deps.store, days);
        return ok({ from: input.from, to: input.to, workday: input.workday, note: input.note.trim(), saved: days.length });
      },
    ),
  };
}
