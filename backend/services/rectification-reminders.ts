/**
 * The timer chases 整改任务 past their deadline: the admin who owns the task (the community's, or
 * the street's for a street-wide category) and the street's admins are told on the first day it is
 * late and every seven days after, until the 整改报告 is in. Through the outbox like every notice
 * (the message centre always, a subscribe message where configured); the key names the task and
 * the week of lateness, so two ticks at once queue one.
 */
import { UNIT_KIND_NAMES } from '../../core/rectification';
import type { Notice } from '../../core/model';
import { localDateOf } from '../../core/working-days';
import type { Deps } from '../deps';
import type { Directory } from './directory';

/** The settings record holding the China-local day the late tasks were last looked at. */
export const RECTIFICATION_LATE_MARK = 'rectificationsLateChecked';
const DAY_MS = 86_400_000;
/** Days between two reminders of one late task. */
export const LATE_REMINDER_EVERY_DAYS = 7;

/** Queues today's reminders of late 整改任务 (looked at once a day); answers how many were queued. */
export async function remindLateRectifications(deps: Deps, dir: Directory, now: Date): Promise<number> {
  const today = localDateOf(now);
  if ((await deps.store.getRef('settings', RECTIFICATION_LATE_MARK))?.value === today) return 0;
  const at = now.toISOString();
  const tasks = (await Promise.all([...dir.streets.keys()].map((streetId) => deps.store.listRef('rectifications', { streetId }))))
    .flat()
    .filter((t) => t.status === 'open' && at >= t.dueAt);
  const notices: Notice[] = [];
  if (tasks.length > 0) {
    const accounts = await deps.store.listRef('accounts');
    for (const t of tasks) {
      const daysLate = Math.floor((now.getTime() - Date.parse(t.dueAt)) / DAY_MS);
      if (daysLate % LATE_REMINDER_EVERY_DAYS !== 0) continue;
      const recipients = accounts.filter((a) =>
        a.roles.some(
          (r) =>
            (r.role === 'street_admin' && r.streetId === t.streetId) ||
            (t.communityId !== undefined && r.role === 'community_admin' && r.communityId === t.communityId),
        ),
      );
      const lastDay = localDateOf(new Date(Date.parse(t.dueAt) - 1));
      for (const a of recipients)
        notices.push({
          key: `rectification-late:${t.id}:${daysLate / LATE_REMINDER_EVERY_DAYS}:${a.openid}`,
          recipientOpenid: a.openid,
          kind: 'rectification_overdue',
          caseId: '',
          title: '整改任务已逾期',
          body: `${UNIT_KIND_NAMES[t.unitKind]}「${t.unitName}」${t.period}的整改任务已于${lastDay}到期，尚未提交整改报告，请尽快提交。`,
          at,
        });
    }
  }
  if (notices.length > 0) {
    const queued = await deps.store.commit({ creates: [], updates: [], events: [], notices });
    if (!queued.ok) throw new Error(`rectification reminders not queued: ${queued.error.message}`);
  }
  await deps.store.putRef('settings', { id: RECTIFICATION_LATE_MARK, value: today });
  return notices.length;
}
