/**
 * The transitions of 代登记, 电话回访 and 回访提醒, beside the lifecycle's own (case-lifecycle.ts
 * calls them from `apply` and `openCase`): who files a 代登记, a 回访's rating, 不满意 → 回炉整改
 * (shared with the reporter's own rating), and the reminder of a settled dispute's due visit.
 */
import { communityInbox, escalateTo, label, MAX_TEXT, nextLevel, toQueue, type Builder } from './case-builder';
import { ok, fail, type DomainError, type Result } from './errors';
import { checkProxyIntake, phoneVisitRefusal } from './intake';
import { followUpReminder } from './ledgers';
import { maskPersonName } from './masking';
import { ESCALATION_NAMES, RATING_NAMES, ROLE_NAMES, type Actor, type ActorRole, type CaseOrigin, type Place, type Rating } from './model';
import { deadlinesOnAccept } from './time-policy';

/**
 * 不满意 (rated, or heard on a 回访): 回炉整改 — back to processing with a fresh resolution clock;
 * the third failed verification starts supervision and escalates.
 */
export function rework(b: Builder, comment: string, action: 'rate' | 'phone_visit', what: string): void {
  const n = b.next;
  const before = b.before;
  const holder = n.holder?.openid;
  n.status = 'processing';
  n.reworkCount = before.reworkCount + 1;
  n.failedVerifications = before.failedVerifications + 1;
  delete n.result;
  delete n.resolvedAt;
  delete n.resolvedOnTime;
  delete n.closedAt;
  delete n.deadlines.rateBy;
  n.deadlines = deadlinesOnAccept(b.ctx, n, b.ctx.now);
  n.reminded = {};
  // Resolved by an admin or a department with no member holding it: the community dispatches it again.
  if (!n.holder) toQueue(b, `回炉整改：${comment}`);
  b.event(action, `${what}。回炉整改（第${n.reworkCount}次）`);
  b.notify(n.reporter.openid, 'case_rework', '回炉整改', `您的${label(n)}已退回重新办理`);
  b.notify(holder, 'task_rated', '评价结果：不满意', `${label(n)}获评「不满意」，请回炉整改：${comment}`);
  b.notify(communityInbox(n), 'admin_low_rating', '不满意评价', `${label(n)}获评「不满意」：${comment}`);
  if (n.failedVerifications >= 3) {
    n.supervised = true;
    const reason = `核查${n.failedVerifications}次未通过，启动督办`;
    b.event('supervise', reason, undefined, { role: 'system', name: '系统' });
    b.notify(communityInbox(n), 'admin_supervision', '督办', `${label(n)}${reason}`);
    const level = nextLevel({ ...n, status: 'processing' }, 'community_admin') ?? 'street';
    escalateTo(b, level, reason);
    b.event('escalate', `吹哨至${ESCALATION_NAMES[level]}：${reason}`, undefined, { role: 'system', name: '系统' });
  }
}

/** 电话回访: the rating heard on the phone, by whom; 不满意 reworks as a rating does. */
export function applyPhoneVisit(b: Builder, cmd: { rating: Rating; note?: string }): DomainError | undefined {
  const n = b.next;
  const before = b.before;
  const refused = phoneVisitRefusal(before, b.ctx.now, b.role);
  if (refused) return refused;
  const note = cmd.note?.trim();
  if (note && Array.from(note).length > MAX_TEXT) return { code: 'INPUT.INVALID', message: `回访情况不能超过${MAX_TEXT}字` };
  if (cmd.rating === 'unsatisfied' && !note) return { code: 'CASE.REASON_REQUIRED', message: '请记录群众不满意的原因，便于回炉整改' };
  const by = `${ROLE_NAMES[b.role]} ${maskPersonName(b.actor.name)}`;
  n.rating = { value: cmd.rating, at: b.at, phone: { role: b.role, name: b.actor.name }, ...(note ? { comment: note } : {}) };
  if (cmd.rating !== 'unsatisfied') {
    n.status = 'closed';
    // A case the clock closed keeps its closing time (and so its period); the rating is new.
    n.closedAt = before.status === 'closed' ? (before.closedAt ?? b.at) : b.at;
    n.deadlines = {};
    b.event('phone_visit', `电话回访（${by}）：${RATING_NAMES[cmd.rating]}${note ? `：${note}` : ''}`);
    b.notify(n.holder?.openid, 'task_rated', '回访结果', `${label(n)}电话回访「${RATING_NAMES[cmd.rating]}」`);
    return undefined;
  }
  rework(b, note!, 'phone_visit', `电话回访（${by}）：${RATING_NAMES.unsatisfied}：${note}`);
  return undefined;
}

/** 回访提醒: the timer reminds the handler of a settled dispute's due follow-up visit, once per due date. */
export function applyFollowUpRemind(b: Builder): DomainError | undefined {
  const n = b.next;
  const s = followUpReminder(b.before, b.ctx.now);
  if (!s) return { code: 'CASE.INVALID_TRANSITION', message: '当前无需回访提醒' };
  n.ledger = { ...(b.before.ledger ?? {}), followUpRemindedFor: s.dueOn };
  const missed = s.missed > 0 ? `（已逾期${s.missed}次未回访）` : '';
  b.event('ledger', `回访提醒：矛盾纠纷已化解，应于${s.dueOn}回访${missed}`);
  b.notify(n.holder?.openid, 'task_reminder', '回访提醒', `${label(n)}已化解，请于${s.dueOn}上门回访并登记${missed}`);
  return undefined;
}

/**
 * Who files a 代登记 and as what: a member of the case's community (as their role), else its
 * community admin, else its street admin; the resident's name, phone and channel must be given.
 */
export function proxyFiler(
  input: { place: Place; origin?: CaseOrigin; contactName?: string; contactPhone?: string },
  actor: Actor,
): Result<{ role: ActorRole; memberId?: string }> {
  // An issue raised at a recorded 院坝会 (refId: the meeting) is vouched for by the record: a name
  // and a number are kept when the resident gave them, never required.
  const fromMeeting = input.origin?.channel === 'meeting' && input.origin.refId !== undefined;
  const bad = fromMeeting
    ? undefined
    : checkProxyIntake({
        channel: input.origin?.channel ?? '',
        ticketNo: input.origin?.refId,
        contactName: input.contactName ?? '',
        contactPhone: input.contactPhone,
      });
  if (bad) return { ok: false, error: bad };
  const p = input.place;
  const member = actor.grants.find((g) => g.memberId && g.communityId === p.communityId && g.role !== 'community_admin');
  if (member) return ok({ role: member.role, memberId: member.memberId });
  if (actor.grants.some((g) => g.role === 'community_admin' && g.communityId === p.communityId)) return ok({ role: 'community_admin' });
  if (actor.grants.some((g) => g.role === 'street_admin' && g.streetId === p.streetId)) return ok({ role: 'street_admin' });
  return fail('CASE.FORBIDDEN', '只有本社区的五员共治小组成员或管理员可以代登记');
}
