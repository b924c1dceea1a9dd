/**
 * Who may do what, in which status: the rules table of the case lifecycle, the relations an actor
 * has to a case, and the command the timer gives for a clock. Decided by `transition`
 * (./case-lifecycle.ts), which re-exports all of this.
 */

import { type LedgerEntry } from './ledgers';

import { phoneVisitRefusal } from './intake';
import {
  OPEN_STATUSES,
  type Actor,
  type ActorRole,
  type Case,
  type CaseStatus,
  type Member,
  type MemberRole,
  type Rating,
  type Severity,
} from './model';
import type { Route } from './route-case';
import { type ClockVerdict, type Duration, type TimePolicy } from './time-policy';
import { type WorkCalendar } from './working-days';

export interface TransitionContext {
  now: Date;
  policy: TimePolicy;
  calendar: WorkCalendar;
}

/** How an actor stands to a case; the rules table speaks in these. */
export type Relation = 'reporter' | 'holder' | 'community_admin' | 'street_admin' | 'department' | 'anyone' | 'system';
export const RELATIONS: readonly Relation[] = ['reporter', 'holder', 'community_admin', 'street_admin', 'department', 'anyone', 'system'];

export type Command =
  | { action: 'auto_assign'; route: Route }
  | { action: 'assign'; member: Member; note?: string }
  | { action: 'accept' }
  | { action: 'progress'; note: string; photos?: string[] }
  | { action: 'transfer'; toRole: MemberRole; reason: string; route: Route }
  | { action: 'return_task'; reason: string }
  | { action: 'escalate'; reason: string }
  | { action: 'dispatch_department'; department: { id: string; name: string }; note?: string }
  | { action: 'department_report'; note: string; photos?: string[] }
  | { action: 'resolve'; result: string; photos: string[] }
  | { action: 'rate'; rating: Rating; comment?: string }
  | { action: 'auto_close' }
  | { action: 'reject'; reason: string }
  | { action: 'withdraw'; reason?: string }
  | { action: 'merge'; intoCaseId: string; note?: string }
  | { action: 'supplement'; note: string; photos?: string[] }
  | { action: 'support' }
  | { action: 'remind'; note?: string }
  | { action: 'mark_overdue' }
  | { action: 'supervise'; reason: string }
  | { action: 'set_severity'; severity: Severity }
  | { action: 'set_public'; isPublic: boolean }
  | { action: 'approve_photos'; fileIds: string[] | 'all'; approved: boolean }
  | { action: 'ledger'; entry: LedgerEntry }
  | { action: 'grant_time'; amount: Duration; reason: string }
  | { action: 'phone_visit'; rating: Rating; note?: string }
  | { action: 'follow_up_remind' };

export type TransitionAction = Command['action'];

export interface Rule {
  from: readonly CaseStatus[];
  by: readonly Relation[];
}

export const OPEN = OPEN_STATUSES;
export const ADMINS: readonly Relation[] = ['community_admin', 'street_admin'];
export const ALL_BUT_MERGED: readonly CaseStatus[] = [
  'pending',
  'assigned',
  'processing',
  'escalated',
  'resolved',
  'closed',
  'rejected',
  'withdrawn',
];
/** Ledger entries: while the case is worked and after it closed (回访), not once refused or withdrawn. */
export const LEDGER_STATUSES: readonly CaseStatus[] = ALL_BUT_MERGED.filter((s) => s !== 'withdrawn' && s !== 'rejected');

/**
 * Who may do what in which status. A relation not listed is refused (`CASE.FORBIDDEN`); a listed
 * relation in a status not listed is an invalid transition (`CASE.INVALID_TRANSITION`).
 */
export const RULES: Readonly<Record<TransitionAction, Rule>> = {
  auto_assign: { from: ['pending'], by: ['system'] },
  assign: { from: ['pending', 'assigned', 'processing', 'escalated'], by: ADMINS },
  accept: { from: ['assigned'], by: ['holder'] },
  progress: { from: ['processing', 'escalated'], by: ['holder', 'department', ...ADMINS] },
  transfer: { from: ['assigned', 'processing'], by: ['holder'] },
  /** 退单: a member returns a task outside their duties; it goes back to the community's queue. */
  return_task: { from: ['assigned', 'processing'], by: ['holder'] },
  escalate: { from: ['pending', 'assigned', 'processing', 'escalated'], by: ['holder', ...ADMINS, 'system'] },
  dispatch_department: { from: ['escalated'], by: ['street_admin'] },
  department_report: { from: ['escalated'], by: ['department'] },
  resolve: { from: ['processing', 'escalated'], by: ['holder', 'department', ...ADMINS] },
  rate: { from: ['resolved'], by: ['reporter'] },
  auto_close: { from: ['resolved'], by: ['system'] },
  reject: { from: OPEN, by: ADMINS },
  withdraw: { from: OPEN, by: ['reporter'] },
  merge: { from: OPEN, by: ADMINS },
  supplement: { from: [...OPEN, 'resolved'], by: ['reporter'] },
  support: { from: OPEN, by: ['anyone'] },
  remind: { from: ['assigned', 'processing', 'escalated'], by: ['reporter', ...ADMINS, 'system'] },
  mark_overdue: { from: ['assigned', 'processing', 'escalated'], by: ['system'] },
  supervise: { from: ['assigned', 'processing', 'escalated', 'resolved'], by: [...ADMINS, 'system'] },
  set_severity: { from: OPEN, by: ADMINS },
  set_public: { from: ALL_BUT_MERGED, by: ADMINS },
  approve_photos: { from: ALL_BUT_MERGED, by: ADMINS },
  ledger: { from: LEDGER_STATUSES, by: ['holder', ...ADMINS] },
  grant_time: { from: ['assigned', 'processing', 'escalated'], by: ADMINS },
  /** 电话回访: staff record the rating of a 代登记, or of a reporter who did not rate in time (core/intake.ts). */
  phone_visit: { from: ['resolved', 'closed'], by: ['holder', 'reporter', ...ADMINS] },
  /** The timer reminds the handler of a settled dispute's due follow-up visit (回访提醒). */
  follow_up_remind: { from: ['closed'], by: ['system'] },
};

export const TRANSITION_ACTIONS = Object.keys(RULES) as TransitionAction[];

/** The command the timer gives for what the clock says of a case, if any. */
export function clockCommand(v: ClockVerdict): Command | undefined {
  if (v.due === 'remind') return { action: 'remind' };
  if (v.due === 'overdue') return { action: 'mark_overdue' };
  if (v.due === 'auto_close') return { action: 'auto_close' };
  return undefined;
}

/** The relations an actor has to a case, from stored grants only. */
export function relationsOf(actor: Actor, c: Case): Set<Relation> {
  const out = new Set<Relation>();
  if (actor.openid === 'system') {
    out.add('system');
    return out;
  }
  out.add('anyone');
  if (c.reporter.openid === actor.openid) out.add('reporter');
  // The holder is a member: the person with that member's grant holds it, even when the member
  // record had no WeChat account bound yet when the case was given (openid `member:<id>`).
  const holder = c.holder;
  if (
    holder &&
    (holder.openid === actor.openid || (holder.memberId !== undefined && actor.grants.some((g) => g.memberId === holder.memberId)))
  )
    out.add('holder');
  for (const g of actor.grants) {
    if (g.role === 'community_admin' && g.communityId === c.place.communityId) out.add('community_admin');
    if (g.role === 'street_admin' && g.streetId === c.place.streetId) out.add('street_admin');
    if (
      g.role === 'department' &&
      g.departmentId !== undefined &&
      c.escalation?.level === 'department' &&
      c.escalation.departmentId === g.departmentId
    )
      out.add('department');
  }
  return out;
}

/** Whether the table lets an actor try an action now (used to show only possible buttons). */
export function allowedActions(actor: Actor, c: Case, now?: Date): TransitionAction[] {
  const rel = relationsOf(actor, c);
  return TRANSITION_ACTIONS.filter((a) => {
    const rule = RULES[a];
    if (!rule.from.includes(c.status) || !rule.by.some((r) => rel.has(r))) return false;
    // A 回访 button only where one can be recorded: staff, on a 代登记 or an unrated case; without
    // `now`, as if asked at the end of the rating window (or the moment the clock closed it).
    if (a === 'phone_visit') {
      const at = now ?? new Date(Date.parse(c.deadlines.rateBy ?? c.closedAt ?? c.createdAt));
      const role: ActorRole = rel.has('holder')
        ? (c.holder?.role ?? 'resident')
        : rel.has('community_admin')
          ? 'community_admin'
          : rel.has('street_admin')
            ? 'street_admin'
            : c.reporter.role;
      return !phoneVisitRefusal(c, at, role);
    }
    return true;
  });
}
