/**
 * `timer`: one tick looks at every case whose clock has come (reminders, overdue marking,
 * automatic escalation, auto-close after the rating window) and then delivers the outbox.
 * Two ticks at once are safe: every change is a compare-and-set, and a tick that loses the race
 * re-reads the case and finds nothing left to do.
 */
import * as z from 'zod';
import { ok } from '../../core/errors';
import { clockVerdict } from '../../core/time-policy';
import { SYSTEM_ACTOR } from '../../core/model';
import { clockCommand, type Command } from '../../core/case-lifecycle';
import type { Deps } from '../deps';
import { dispatchOutbox, TEMPLATE_SETTING_ID, type SubscribeSender, type TemplateConfig } from '../notify/dispatcher';
import { applyCommand } from '../services/case-service';
import { loadDirectory, policyFor } from '../services/directory';
import { action, defineFunction } from './define';

export interface TickReport {
  looked: number;
  reminded: number;
  overdue: number;
  autoClosed: number;
  notifications: { claimed: number; sent: number; retried: number; failed: number };
}

export async function runTimerTick(deps: Deps, sender?: SubscribeSender, batch = 200): Promise<TickReport> {
  const now = deps.now();
  const dir = await loadDirectory(deps.store, now.getTime());
  const due = await deps.store.listDueCases(now.toISOString(), batch);
  const report: TickReport = {
    looked: due.length,
    reminded: 0,
    overdue: 0,
    autoClosed: 0,
    notifications: { claimed: 0, sent: 0, retried: 0, failed: 0 },
  };
  for (const c of due) {
    let did: Command['action'] | undefined;
    const r = await applyCommand(
      deps,
      dir,
      c.id,
      SYSTEM_ACTOR,
      (fresh) => {
        const v = clockVerdict(policyFor(dir, fresh.place.communityId), fresh, now);
        const cmd = clockCommand(v);
        did = cmd?.action;
        return cmd ? ok(cmd) : { ok: false, error: { code: 'CASE.INVALID_TRANSITION', message: '无需处理' } };
      },
      now,
      { retryOnConflict: true },
    );
    if (!r.ok) continue;
    if (did === 'remind') report.reminded++;
    if (did === 'mark_overdue') report.overdue++;
    if (did === 'auto_close') report.autoClosed++;
  }
  const templates = ((await deps.store.getRef('settings', TEMPLATE_SETTING_ID))?.value ?? {}) as TemplateConfig;
  report.notifications = await dispatchOutbox(deps.store, now, sender, templates);
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
