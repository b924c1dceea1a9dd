/**
 * How a change of a case is put together: the builder that accumulates the next case, its events
 * and notices, the group inboxes, and the steps several actions share (give to a member, back to
 * the queue, escalate, keep the clock fields in step). Used by ./case-lifecycle.ts, which
 * re-exports the public part.
 */
import { fail, type DomainError, type Result } from './errors';

import { maskPersonName } from './masking';
import {
  ESCALATION_NAMES,
  ROLE_NAMES,
  type Actor,
  type ActorRole,
  type Case,
  type CaseAction,
  type CaseEvent,
  type EscalationLevel,
  type Member,
  type Notice,
  type NoticeKind,
  type PersonRef,
} from './model';

import { deadlinesOnAssign, deadlinesOnEscalate, isMarkedLate, reminderOpensAt, runningDeadline, type TimePolicy } from './time-policy';
import { isoOf, localDateOf } from './working-days';
import { followUpCheckAt } from './ledgers';

import type { Relation, Rule, TransitionContext } from './case-rules';
import { addressOf } from './recipients';

export interface TransitionResult {
  case: Case;
  events: CaseEvent[];
  notices: Notice[];
}

export const MAX_TEXT = 500;

export const refuse = (code: DomainError['code'], message: string): Result<TransitionResult> => fail(code, message);

/** The role an actor acts in, for the timeline: the strongest relation the rule allowed. */
export function actingRole(actor: Actor, c: Case, rel: Set<Relation>, rule: Rule): ActorRole {
  const order: Relation[] = ['system', 'holder', 'department', 'community_admin', 'street_admin', 'reporter', 'anyone'];
  const used = order.find((r) => rule.by.includes(r) && rel.has(r)) ?? 'anyone';
  switch (used) {
    case 'system':
      return 'system';
    case 'holder':
      return c.holder?.role ?? 'resident';
    case 'reporter':
      return c.reporter.role;
    case 'anyone':
      return actor.grants.find((g) => g.role !== 'resident')?.role ?? 'resident';
    default:
      return used;
  }
}

/** Accumulates a change: the next case, its events and its notices. */
export class Builder {
  next: Case;
  events: CaseEvent[] = [];
  notices: Notice[] = [];
  readonly at: string;

  constructor(
    readonly before: Case,
    readonly actor: Actor,
    readonly role: ActorRole,
    readonly ctx: TransitionContext,
    /** The next case when the caller built it afresh (a new case); otherwise a copy of `before`. */
    next?: Case,
  ) {
    this.next = next ?? structuredCloneCase(before);
    this.at = isoOf(ctx.now);
  }

  event(action: CaseAction, note?: string, photos?: string[], as?: { role: ActorRole; name: string; openid?: string }): void {
    const seq = this.before.lastSeq + this.events.length + 1;
    const actor = as ?? {
      role: this.role,
      name: this.role === 'system' ? '系统' : maskPersonName(this.actor.name),
      openid: this.actor.openid,
    };
    const e: CaseEvent = { caseId: this.next.id, seq, at: this.at, action, actor, toStatus: this.next.status };
    // Each event starts where the previous one ended; a new case has no status before its first event.
    const previous = this.events[this.events.length - 1];
    if (previous) e.fromStatus = previous.toStatus;
    else if (this.before.version > 0) e.fromStatus = this.before.status;
    if (note) e.note = note;
    if (photos && photos.length) e.photos = photos;
    this.events.push(e);
  }

  notify(recipient: string | undefined, kind: NoticeKind, title: string, body: string): void {
    if (!recipient || recipient === this.actor.openid) return;
    const seq = this.before.lastSeq + Math.max(this.events.length, 1);
    const key = `${this.next.id}:${seq}:${recipient}:${kind}`;
    if (this.notices.some((n) => n.key === key)) return;
    this.notices.push({
      key,
      recipientOpenid: recipient,
      kind,
      caseId: this.next.id,
      ...(this.next.no ? { caseNo: this.next.no } : {}),
      title,
      body,
      at: this.at,
    });
  }

  finish(): TransitionResult {
    this.next.version = this.before.version + 1;
    this.next.lastSeq = this.before.lastSeq + this.events.length;
    for (const n of this.notices) n.caseStatus = this.next.status;
    refreshClock(this.next, this.ctx.policy, this.ctx.now);
    return { case: this.next, events: this.events, notices: this.notices };
  }
}

export function structuredCloneCase(c: Case): Case {
  return JSON.parse(JSON.stringify(c)) as Case;
}

export const communityInbox = (c: Case): string => addressOf({ kind: 'community', communityId: c.place.communityId });
export const streetInbox = (c: Case): string => addressOf({ kind: 'street', streetId: c.place.streetId });
export const departmentInbox = (departmentId: string): string => addressOf({ kind: 'department', departmentId });

export const shortId = (c: Case): string => c.id.slice(-6);
export const label = (c: Case): string => `「${c.categoryName}」诉求（${shortId(c)}）`;

export function requireText(value: string | undefined, code: DomainError['code'], message: string): DomainError | undefined {
  const v = value?.trim() ?? '';
  if (!v) return { code, message };
  if (Array.from(v).length > MAX_TEXT) return { code: 'INPUT.INVALID', message: `内容不能超过${MAX_TEXT}字` };
  return undefined;
}

export function holderRef(m: Member): PersonRef {
  const ref: PersonRef = { openid: m.openid ?? `member:${m.id}`, role: m.role, name: m.name, memberId: m.id };
  return ref;
}

/**
 * Whether the duty to bring the case to the street (三日办结: complex cases within 24 hours of
 * submission) is still open. Once the case has reached the street the clock never restarts, so
 * that the street handing a case back to a member does not make it "late" for the street.
 */
export function streetDutyOpen(c: Case): boolean {
  if (c.deadlines.escalateBy) return true;
  if (c.escalation && c.escalation.level !== 'community') return false;
  // Never given to anyone and never resolved: the clock simply has not been set yet.
  return !c.assignedAt && c.reworkCount === 0;
}

export function checkMember(c: Case, m: Member): DomainError | undefined {
  if (!m.active) return { code: 'CASE.NO_MEMBER', message: '该成员已停用，不能派单' };
  if (m.gridId !== c.place.gridId && m.communityId !== c.place.communityId)
    return { code: 'CASE.FORBIDDEN', message: '只能派给本社区的五员共治小组成员' };
  return undefined;
}

export function giveTo(b: Builder, m: Member, why: string): void {
  const n = b.next;
  const previous = n.holder;
  const dutyOpen = streetDutyOpen(n);
  n.holder = holderRef(m);
  n.status = 'assigned';
  n.assignedAt = b.at;
  delete n.escalation;
  n.deadlines = deadlinesOnAssign(b.ctx, n, b.ctx.now);
  if (!dutyOpen) delete n.deadlines.escalateBy;
  delete n.deadlines.reportBy;
  n.reminded = {};
  // The resident's clock does not restart when the community changes its mind: a case not yet
  // accepted keeps its response deadline, one already accepted keeps its resolution deadline
  // (dormant until the new holder accepts), and reminders already sent stay sent.
  const was = b.before;
  if ((was.status === 'assigned' || was.status === 'pending') && was.deadlines.respondBy) {
    n.deadlines.respondBy = was.deadlines.respondBy;
    if (was.reminded.respondBy) n.reminded.respondBy = true;
  }
  if ((was.status === 'processing' || was.status === 'pending') && was.deadlines.resolveBy) {
    n.deadlines.resolveBy = was.deadlines.resolveBy;
    if (was.reminded.resolveBy) n.reminded.resolveBy = true;
  }
  if (was.reminded.escalateBy && n.deadlines.escalateBy === was.deadlines.escalateBy) n.reminded.escalateBy = true;
  b.notify(n.holder.openid, 'task_new', '新任务', `${label(n)}已派给您，请及时受理。${why}`);
  if (previous && previous.openid !== n.holder.openid)
    b.notify(previous.openid, 'task_transferred', '任务已转出', `${label(n)}已改由${ROLE_NAMES[m.role]}办理`);
}

export function toQueue(b: Builder, why: string): void {
  const n = b.next;
  const previous = n.holder;
  delete n.holder;
  delete n.escalation;
  n.status = 'pending';
  // No clock runs in the queue, but a duty to reach the street, and the resident's response or
  // resolution deadline, are remembered for the next member (see giveTo).
  const kept = b.before.deadlines;
  n.deadlines = {
    ...(kept.escalateBy ? { escalateBy: kept.escalateBy } : {}),
    ...(b.before.status === 'assigned' && kept.respondBy ? { respondBy: kept.respondBy } : {}),
    ...(b.before.status === 'processing' && kept.resolveBy ? { resolveBy: kept.resolveBy } : {}),
  };
  n.reminded = {};
  b.notify(communityInbox(n), 'admin_unassigned', '待派单', `${label(n)}无人可派，请社区派单。${why}`);
  if (previous) b.notify(previous.openid, 'task_transferred', '任务已转出', `${label(n)}已转回社区派单`);
}

export function escalateTo(b: Builder, level: EscalationLevel, reason: string): void {
  const n = b.next;
  n.status = 'escalated';
  n.escalation = { level, since: b.at, reason };
  const old = n.deadlines;
  n.deadlines = deadlinesOnEscalate(b.ctx, n, level, b.ctx.now);
  // A reminder is due again only for a deadline that changed (the street's new resolution clock).
  for (const k of Object.keys(n.reminded) as (keyof Case['deadlines'])[]) if (n.deadlines[k] !== old[k]) delete n.reminded[k];
  const inbox = level === 'community' ? communityInbox(n) : streetInbox(n);
  b.notify(inbox, 'admin_escalation', '吹哨', `${label(n)}已吹哨至${ESCALATION_NAMES[level]}：${reason}`);
}

/** The level a case goes to when someone (or the clock) escalates it now. */
export function nextLevel(c: Case, role: ActorRole): EscalationLevel | undefined {
  const current = c.status === 'escalated' ? c.escalation?.level : undefined;
  if (role === 'street_admin') return current === 'street' || current === 'department' ? undefined : 'street';
  if (role === 'community_admin') return current === undefined || current === 'community' ? 'street' : undefined;
  if (role === 'system') {
    if (current === undefined) return c.deadlines.escalateBy ? 'street' : 'community';
    return current === 'community' ? 'street' : undefined;
  }
  // A member blows the whistle to the community.
  return current === undefined ? 'community' : undefined;
}

export const DEADLINE_NAMES = {
  respondBy: '受理',
  resolveBy: '办结',
  escalateBy: '上报街道',
  reportBy: '部门报到',
  rateBy: '评价',
} as const;

export function addPhotos(c: Case, fileIds: string[] | undefined, stage: 'before' | 'progress' | 'after'): void {
  if (!fileIds) return;
  for (const fileId of fileIds) c.photos.push({ fileId, stage, approved: false });
}

/**
 * How often a reporter may remind or supplement one case per China-local day. Each reminder and
 * supplement notifies the holder (and may use up a subscribe message), so they are bounded.
 */
export const RESIDENT_DAILY = { reminds: 1, supplements: 3 } as const;

/**
 * The reporter's daily bound on reminders and supplements, counted on the case itself so that
 * concurrent requests (compare-and-set on the version) cannot pass it. A reminder also waits for
 * the policy's reminder share of the running limit. Staff are not bounded. Counts the act when allowed.
 */
export function residentBound(b: Builder, rel: Set<Relation>, what: 'reminds' | 'supplements'): DomainError | undefined {
  if (!rel.has('reporter') || rel.has('community_admin') || rel.has('street_admin') || b.role === 'system') return undefined;
  const day = localDateOf(b.ctx.now);
  const today = b.before.residentActs?.day === day ? b.before.residentActs : { day, reminds: 0, supplements: 0 };
  if (what === 'reminds') {
    const refused = reminderRefusal(b.ctx.policy, b.before, b.ctx.now);
    if (refused) return { code: refused.code, message: refused.message };
  } else if (today.supplements >= RESIDENT_DAILY.supplements)
    return { code: 'RATE.LIMITED', message: `每件诉求每天最多补充${RESIDENT_DAILY.supplements}次，请明天再补充` };
  b.next.residentActs = { ...today, [what]: today[what] + 1 };
  return undefined;
}

/**
 * Why the reporter may not remind (催办) now, or undefined when they may: one reminder a day, and
 * not before the policy's reminder share of the running limit has passed (`opensAt`). The case
 * view leaves 催办 out of `allowedActions` while this refuses, so the page never offers it early.
 */
export function reminderRefusal(
  policy: TimePolicy,
  c: Case,
  now: Date,
): { code: 'RATE.LIMITED' | 'CASE.TOO_EARLY'; message: string; opensAt?: string } | undefined {
  const day = localDateOf(now);
  const reminds = c.residentActs?.day === day ? c.residentActs.reminds : 0;
  if (reminds >= RESIDENT_DAILY.reminds) return { code: 'RATE.LIMITED', message: '今天已经催办过了，办理人已收到提醒，请明天再催' };
  const opensAt = reminderOpensAt(policy, c);
  if (opensAt && now.getTime() < Date.parse(opensAt))
    return { code: 'CASE.TOO_EARLY', message: `办理时限尚早，${formatLocal(opensAt)}后才能催办`, opensAt };
  return undefined;
}

/** `2026-10-08 18:00` in China time, for messages. */
export function formatLocal(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** Keeps the indexed clock fields in step with the case: the running deadline and the next check. */
export function refreshClock(c: Case, policy: TimePolicy, now?: Date): void {
  const running = runningDeadline(c);
  if (!running) {
    delete c.dueAt;
    // A settled dispute is looked at again when its next follow-up visit is due (回访提醒).
    const followUp = now ? followUpCheckAt(c, now) : undefined;
    if (followUp) c.nextCheckAt = followUp;
    else delete c.nextCheckAt;
    return;
  }
  c.dueAt = running.at;
  if (running.name === 'rateBy') {
    c.nextCheckAt = running.at;
    return;
  }
  if (isMarkedLate(c, running)) {
    delete c.nextCheckAt;
    return;
  }
  if (c.reminded[running.name]) {
    c.nextCheckAt = running.at;
    return;
  }
  const start = Date.parse(running.startedAt);
  const end = Date.parse(running.at);
  c.nextCheckAt = isoOf(new Date(Math.floor(start + (end - start) * policy.reminderShare)));
}
