/**
 * `timer`: one tick looks at every case whose clock has come (reminders, overdue marking,
 * automatic escalation, auto-close after the rating window) and then delivers the outbox, within a
 * time budget under the cloud function's timeout; what is left waits for the next tick, which
 * finds it still due.
 * Two ticks at once are safe: every change is a compare-and-set, and a tick that loses the race
 * re-reads the case and finds nothing left to do.
 */
import * as z from 'zod';
import { ok } from '../../core/errors';
import { clockVerdict } from '../../core/time-policy';
import { SYSTEM_ACTOR, type Notice } from '../../core/model';
import { missingScheduleWarning, warningWeek, type ScheduleWarning } from '../../core/schedule-coverage';
import { clockCommand, type Command } from '../../core/case-lifecycle';
import type { Deps } from '../deps';
import { dispatchOutbox, TEMPLATE_SETTING_ID, type SubscribeSender, type TemplateConfig } from '../notify/dispatcher';
import { applyCommand, type AccountsCache } from '../services/case-service';
import { loadDirectory, policyFor } from '../services/directory';
import { action, defineFunction } from './define';
import { openQuarterRectifications } from '../services/rectifications';
import { remindLateRectifications } from '../services/rectification-reminders';
import { quarterToJudge } from '../../core/rectification';
import { followUpReminder } from '../../core/ledgers';
import { localDateOf } from '../../core/working-days';
import type { Directory } from '../services/directory';
import { backfillCaseNumbers } from '../services/case-number-backfill';

export interface TickReport {
  looked: number;
  reminded: number;
  overdue: number;
  autoClosed: number;
  /** Handlers reminded of a settled dispute's due follow-up visit. */
  followUpsReminded: number;
  /** 整改任务 opened for the last quarter (once per quarter, JUDGE_AFTER_DAYS into the next). */
  rectificationsOpened: number;
  /** Reminders queued for 整改任务 past their deadline (looked at once a day). */
  rectificationsLateReminded: number;
  /** Cases filed before case numbers existed that this tick numbered (`services/case-number-backfill.ts`). */
  caseNumbersBackfilled: number;
  notifications: { claimed: number; sent: number; retried: number; failed: number };
  /** The time the tick took by its clock, ms. */
  elapsedMs: number;
  /** True when the budget ended the tick before its work did: the next tick continues. */
  outOfTime: boolean;
  /** Set while a year the deadlines reach has no holiday data (see `missingScheduleWarning`). */
  calendarWarning?: string;
}

/** The settings record that remembers the last week the street admins were told. */
export const CALENDAR_WARNING_SETTING_ID = 'calendar-warning-sent';

/**
 * Tells every street admin once a week while the warning holds, through the outbox like every other
 * notice: the message centre always, a subscribe message where one is configured and granted. The
 * notice key names the week, so two ticks at once queue it once.
 */
async function remindStreetAdmins(deps: Deps, w: ScheduleWarning, now: Date): Promise<void> {
  const week = `${w.year}-w${warningWeek(w, now)}`;
  const sent = await deps.store.getRef('settings', CALENDAR_WARNING_SETTING_ID);
  if (sent?.value === week) return;
  const admins = (await deps.store.listRef('accounts')).filter((a) => a.roles.some((r) => r.role === 'street_admin'));
  const notices: Notice[] = admins.map((a) => ({
    key: `calendar-${week}-${a.openid}`,
    recipientOpenid: a.openid,
    kind: 'calendar_warning',
    caseId: '',
    title: `${w.year}年节假日安排未导入`,
    body: w.message,
    at: now.toISOString(),
  }));
  if (notices.length > 0) {
    const queued = await deps.store.commit({ creates: [], updates: [], events: [], notices });
    if (!queued.ok) throw new Error(`calendar warning not queued: ${queued.error.message}`);
  }
  await deps.store.putRef('settings', { id: CALENDAR_WARNING_SETTING_ID, value: week });
}

/**
 * The cloud function's timeout (`cloudfunctions/timer/config.json`, seconds) and the share of it a
 * tick plans to use: the rest is for a cold start, loading the directory and the step under way
 * when the budget runs out. The cases get the first 60 % of the budget, the outbox the rest (and
 * whatever the cases leave).
 */
export const TIMER_TIMEOUT_S = 60;
export const TICK_BUDGET_MS = 40_000;
const CASES_SHARE = 0.6;
/**
 * Cases changed together, at most. Cases of one grid and category (and month) share a board-counter
 * row, and two changes writing it at once collide and retry, so a group holds one case of each.
 */
const CASES_AT_ONCE = 8;

/** The due cases in groups changed together: in list order, no two of one grid and category in a group. */
export function caseGroups<C extends { place: { gridId: string }; categoryId: string }>(due: readonly C[], size = CASES_AT_ONCE): C[][] {
  const groups: C[][] = [];
  let left = [...due];
  while (left.length > 0) {
    const group: C[] = [];
    const rows = new Set<string>();
    const rest: C[] = [];
    for (const c of left) {
      const row = `${c.place.gridId}|${c.categoryId}`;
      if (group.length < size && !rows.has(row)) {
        rows.add(row);
        group.push(c);
      } else rest.push(c);
    }
    groups.push(group);
    left = rest;
  }
  return groups;
}

export interface TickOptions {
  /** Cases listed at most per tick. */
  batch?: number;
  /** The time one tick may take, ms. */
  budgetMs?: number;
  /** Milliseconds since the tick began; a test gives the double's modelled clock. */
  elapsed?: () => number;
}

/**
 * Whether another step fits before `limitMs`: the time so far plus the longest step seen yet. A
 * step is a group of cases changed together or a batch of notices delivered together, each a
 * dozen database round trips.
 */
function stepper(elapsed: () => number, limitMs: number) {
  let longest = 0;
  return {
    fits: () => elapsed() + longest <= limitMs,
    async run<T>(step: () => Promise<T>): Promise<T> {
      const t = elapsed();
      try {
        return await step();
      } finally {
        longest = Math.max(longest, elapsed() - t);
      }
    },
  };
}

const RECTIFICATION_MARK = 'rectificationsJudged';

/** Opens the last quarter's 整改任务 in every street, once: a mark records the quarter judged. */
async function openLastQuarter(deps: Deps, dir: Directory, now: Date): Promise<number> {
  const q = quarterToJudge(localDateOf(now));
  if (!q || (await deps.store.getRef('settings', RECTIFICATION_MARK))?.value === q) return 0;
  let opened = 0;
  for (const streetId of dir.streets.keys())
    opened += (await openQuarterRectifications(deps.store, dir, streetId, q, SYSTEM_ACTOR.openid, now.toISOString())).opened.length;
  await deps.store.putRef('settings', { id: RECTIFICATION_MARK, value: q });
  return opened;
}

export async function runTimerTick(deps: Deps, sender?: SubscribeSender, options: TickOptions | number = {}): Promise<TickReport> {
  const opts = typeof options === 'number' ? { batch: options } : options;
  const t0 = performance.now();
  const elapsed = opts.elapsed ?? (() => performance.now() - t0);
  const budget = opts.budgetMs ?? TICK_BUDGET_MS;
  const now = deps.now();
  const dir = await loadDirectory(deps.store, now.getTime());
  const due = await deps.store.listDueCases(now.toISOString(), opts.batch ?? 200);
  const templates = ((await deps.store.getRef('settings', TEMPLATE_SETTING_ID))?.value ?? {}) as TemplateConfig;
  const report: TickReport = {
    looked: 0,
    reminded: 0,
    overdue: 0,
    autoClosed: 0,
    followUpsReminded: 0,
    rectificationsOpened: 0,
    rectificationsLateReminded: 0,
    caseNumbersBackfilled: 0,
    notifications: { claimed: 0, sent: 0, retried: 0, failed: 0 },
    elapsedMs: 0,
    outOfTime: false,
  };
  const accounts: AccountsCache = {};
  const cases = stepper(elapsed, budget * CASES_SHARE);
  const look = async (c: (typeof due)[number]): Promise<void> => {
    let did: Command['action'] | undefined;
    const r = await applyCommand(
      deps,
      dir,
      c.id,
      SYSTEM_ACTOR,
      (fresh) => {
        const v = clockVerdict(policyFor(dir, fresh.place.communityId), fresh, now);
        // A clock first; else, for a settled dispute, its due follow-up visit (回访提醒).
        const cmd: Command | undefined = clockCommand(v) ?? (followUpReminder(fresh, now) ? { action: 'follow_up_remind' } : undefined);
        did = cmd?.action;
        return cmd ? ok(cmd) : { ok: false, error: { code: 'CASE.INVALID_TRANSITION', message: '无需处理' } };
      },
      now,
      { retryOnConflict: true, current: c, accounts },
    );
    if (!r.ok) return;
    if (did === 'remind') report.reminded++;
    if (did === 'mark_overdue') report.overdue++;
    if (did === 'auto_close') report.autoClosed++;
    if (did === 'follow_up_remind') report.followUpsReminded++;
  };
  // A few cases at a time, each its own compare-and-set: the round trips of a group overlap.
  for (const group of caseGroups(due)) {
    // Out of time: the rest stay due (their next check has come) and lead the next tick's list.
    if (!cases.fits()) {
      report.outOfTime = true;
      break;
    }
    report.looked += group.length;
    await cases.run(() => Promise.all(group.map(look)));
  }
  if (cases.fits()) report.rectificationsOpened = await cases.run(() => openLastQuarter(deps, dir, now));
  if (cases.fits()) report.rectificationsLateReminded = await cases.run(() => remindLateRectifications(deps, dir, now));
  // Cases filed before numbers existed get theirs, a batch at a time while the cases' share lasts.
  if (cases.fits()) {
    const backfill = await backfillCaseNumbers(deps.store, { fits: cases.fits, step: (run) => cases.run(run) });
    report.caseNumbersBackfilled = backfill.numbered;
    if (!backfill.done && !cases.fits()) report.outOfTime = true;
  }
  // Missing holiday data makes working-day deadlines wrong: report it, and tell the street weekly
  // (queued before the outbox is delivered, so this tick delivers it).
  const warning = missingScheduleWarning(dir.calendar, now);
  if (warning) {
    report.calendarWarning = warning.message;
    await remindStreetAdmins(deps, warning, now);
  }
  const notices = stepper(elapsed, budget);
  let noticesOutOfTime = false;
  report.notifications = await dispatchOutbox(deps.store, now, sender, templates, {
    // The budget decides how many: a backlog drains as fast as the time allows.
    limit: 2_000,
    timeLeft: () => (notices.fits() ? true : ((noticesOutOfTime = true), false)),
    step: (deliver) => notices.run(deliver),
  });
  report.outOfTime ||= noticesOutOfTime;
  report.elapsedMs = Math.round(elapsed());
  return report;
}

export const timer = defineFunction('timer', {
  tick: action({
    auth: 'public',
    input: z.strictObject({}),
    run: async (_i, call) => {
      // Only the platform's timer trigger (no user) or the system may run a tick.
      if (call.actor) return { ok: false, error: { code: 'AUTH.FORBIDDEN', message: '无权执行定时任务' } };
      return ok(await runTimerTick(call.deps));
    },
  }),
});
