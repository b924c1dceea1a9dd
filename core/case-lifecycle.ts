/**
 * The case lifecycle: one function decides every transition.
 *
 * `transition(case, command, actor, ctx)` returns the next case, the timeline events and the
 * notices, or a typed error. Who may do what in which status is the table `RULES`; the action
 * handlers below only add the checks a table cannot express (a reason is required, a department
 * may only act on what was dispatched to it, …). Nothing here reads the clock: `ctx.now` is the
 * time of the change.
 */
import { fail, ok, type DomainError, type Result } from './errors';
import { ledgerChange, type LedgerEntry } from './ledgers';
import { maskPersonName } from './masking';
import {
  ACTION_NAMES,
  CHANNEL_NAMES,
  ESCALATION_NAMES,
  OPEN_STATUSES,
  RATING_NAMES,
  ROLE_NAMES,
  SEVERITY_NAMES,
  STATUS_NAMES,
  type Actor,
  type ActorRole,
  type Case,
  type CaseAction,
  type CaseEvent,
  type CaseOrigin,
  type CaseStatus,
  type Category,
  type EscalationLevel,
  type Member,
  type MemberRole,
  type Notice,
  type NoticeKind,
  type PersonRef,
  type Place,
  type Rating,
  type Severity,
} from './model';
import type { Route } from './route-case';
import {
  addDuration,
  clockVerdict,
  deadlinesOnAccept,
  deadlinesOnAssign,
  deadlinesOnEscalate,
  deadlinesOnResolve,
  describeDuration,
  isMarkedLate,
  reminderOpensAt,
  runningDeadline,
  type ClockVerdict,
  type Duration,
  type TimePolicy,
} from './time-policy';
import { localDateOf, type WorkCalendar } from './working-days';
import { clockName } from './case-time';

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
  | { action: 'grant_time'; amount: Duration; reason: string };

export type TransitionAction = Command['action'];

interface Rule {
  from: readonly CaseStatus[];
  by: readonly Relation[];
}

const OPEN = OPEN_STATUSES;
const ADMINS: readonly Relation[] = ['community_admin', 'street_admin'];
const ALL_BUT_MERGED: readonly CaseStatus[] = [
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
const LEDGER_STATUSES: readonly CaseStatus[] = ALL_BUT_MERGED.filter((s) => s !== 'withdrawn' && s !== 'rejected');

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
export function allowedActions(actor: Actor, c: Case): TransitionAction[] {
  const rel = relationsOf(actor, c);
  return TRANSITION_ACTIONS.filter((a) => RULES[a].from.includes(c.status) && RULES[a].by.some((r) => rel.has(r)));
}

export interface TransitionResult {
  case: Case;
  events: CaseEvent[];
  notices: Notice[];
}

const MAX_TEXT = 500;

const refuse = (code: DomainError['code'], message: string): Result<TransitionResult> => fail(code, message);

/** The role an actor acts in, for the timeline: the strongest relation the rule allowed. */
function actingRole(actor: Actor, c: Case, rel: Set<Relation>, rule: Rule): ActorRole {
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

/** Decides one transition. Never throws for bad input: every refusal is a typed error. */
export function transition(c: Case, cmd: Command, actor: Actor, ctx: TransitionContext): Result<TransitionResult> {
  // An action from outside may be any string: look it up as an own key only ('toString' is no action).
  const rule = Object.hasOwn(RULES, cmd.action) ? RULES[cmd.action] : undefined;
  if (!rule) return refuse('CASE.INVALID_TRANSITION', '不支持的操作');
  const rel = relationsOf(actor, c);
  if (!rule.by.some((r) => rel.has(r))) return refuse('CASE.FORBIDDEN', `您无权对该诉求执行「${ACTION_NAMES[cmd.action]}」`);
  if (!rule.from.includes(c.status))
    return refuse('CASE.INVALID_TRANSITION', `诉求当前状态为「${STATUS_NAMES[c.status]}」，不能执行「${ACTION_NAMES[cmd.action]}」`);
  const b = new Builder(c, actor, actingRole(actor, c, rel, rule), ctx);
  const refused = apply(b, cmd, rel);
  if (refused) return { ok: false, error: refused };
  return ok(b.finish());
}

/** Accumulates a change: the next case, its events and its notices. */
class Builder {
  next: Case;
  events: CaseEvent[] = [];
  notices: Notice[] = [];
  readonly at: string;

  constructor(
    readonly before: Case,
    readonly actor: Actor,
    readonly role: ActorRole,
    readonly ctx: TransitionContext,
  ) {
    this.next = structuredCloneCase(before);
    this.at = ctx.now.toISOString();
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
    this.notices.push({ key, recipientOpenid: recipient, kind, caseId: this.next.id, title, body, at: this.at });
  }

  finish(): TransitionResult {
    this.next.version = this.before.version + 1;
    this.next.lastSeq = this.before.lastSeq + this.events.length;
    for (const n of this.notices) n.caseStatus = this.next.status;
    refreshClock(this.next, this.ctx.policy);
    return { case: this.next, events: this.events, notices: this.notices };
  }
}

function structuredCloneCase(c: Case): Case {
  return JSON.parse(JSON.stringify(c)) as Case;
}

export const communityInbox = (c: Case): string => `community:${c.place.communityId}`;
export const streetInbox = (c: Case): string => `street:${c.place.streetId}`;
export const departmentInbox = (departmentId: string): string => `department:${departmentId}`;

const shortId = (c: Case): string => c.id.slice(-6);
const label = (c: Case): string => `「${c.categoryName}」诉求（${shortId(c)}）`;

function requireText(value: string | undefined, code: DomainError['code'], message: string): DomainError | undefined {
  const v = value?.trim() ?? '';
  if (!v) return { code, message };
  if (Array.from(v).length > MAX_TEXT) return { code: 'INPUT.INVALID', message: `内容不能超过${MAX_TEXT}字` };
  return undefined;
}

function holderRef(m: Member): PersonRef {
  const ref: PersonRef = { openid: m.openid ?? `member:${m.id}`, role: m.role, name: m.name, memberId: m.id };
  return ref;
}

/**
 * Whether the duty to bring the case to the street (三日办结: complex cases within 24 hours of
 * submission) is still open. Once the case has reached the street the clock never restarts, so
 * that the street handing a case back to a member does not make it "late" for the street.
 */
function streetDutyOpen(c: Case): boolean {
  if (c.deadlines.escalateBy) return true;
  if (c.escalation && c.escalation.level !== 'community') return false;
  // Never given to anyone and never resolved: the clock simply has not been set yet.
  return !c.assignedAt && c.reworkCount === 0;
}

function checkMember(c: Case, m: Member): DomainError | undefined {
  if (!m.active) return { code: 'CASE.NO_MEMBER', message: '该成员已停用，不能派单' };
  if (m.gridId !== c.place.gridId && m.communityId !== c.place.communityId)
    return { code: 'CASE.FORBIDDEN', message: '只能派给本社区的五员共治小组成员' };
  return undefined;
}

function giveTo(b: Builder, m: Member, why: string): void {
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

function toQueue(b: Builder, why: string): void {
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

function escalateTo(b: Builder, level: EscalationLevel, reason: string): void {
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
function nextLevel(c: Case, role: ActorRole): EscalationLevel | undefined {
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

function apply(b: Builder, cmd: Command, rel: Set<Relation>): DomainError | undefined {
  const n = b.next;
  const before = b.before;
  switch (cmd.action) {
    case 'auto_assign':
    case 'assign': {
      const route: Route = cmd.action === 'auto_assign' ? cmd.route : { kind: 'member', member: cmd.member, explanation: cmd.note ?? '' };
      if (route.kind === 'queue') return { code: 'CASE.NO_MEMBER', message: route.explanation };
      const m = route.member;
      const wrong = checkMember(n, m);
      if (wrong) return wrong;
      if (before.holder?.memberId === m.id && before.status === 'assigned')
        return { code: 'CASE.INVALID_TRANSITION', message: '该诉求已由此成员负责' };
      const explanation =
        cmd.action === 'assign'
          ? `派给${ROLE_NAMES[m.role]} ${maskPersonName(m.name)}${cmd.note ? `：${cmd.note}` : ''}`
          : route.explanation;
      giveTo(b, m, explanation);
      b.event(cmd.action, explanation);
      return undefined;
    }
    case 'accept': {
      n.status = 'processing';
      if (!before.acceptedAt) {
        n.acceptedAt = b.at;
        n.respondedOnTime = !before.deadlines.respondBy || b.at <= before.deadlines.respondBy;
      }
      // A case passed on after acceptance keeps the resolution deadline it had (see giveTo).
      if (!before.deadlines.resolveBy) {
        n.deadlines = deadlinesOnAccept(b.ctx, n, b.ctx.now);
        delete n.reminded.resolveBy;
      }
      b.event('accept');
      b.notify(n.reporter.openid, 'case_accepted', '诉求已受理', `您的${label(n)}已由${ROLE_NAMES[n.holder!.role]}受理`);
      return undefined;
    }
    case 'progress': {
      const bad = requireText(cmd.note, 'CASE.REASON_REQUIRED', '请填写进展说明');
      if (bad) return bad;
      if (rel.has('department') && !rel.has('holder') && !before.escalation?.reportedAt && b.role === 'department')
        return { code: 'CASE.INVALID_TRANSITION', message: '请先到场报到，再记录进展' };
      addPhotos(n, cmd.photos, 'progress');
      b.event('progress', cmd.note.trim(), cmd.photos);
      b.notify(n.reporter.openid, 'case_progress', '办理进展', `您的${label(n)}有新进展：${cmd.note.trim()}`);
      return undefined;
    }
    case 'transfer': {
      const bad = requireText(cmd.reason, 'CASE.REASON_REQUIRED', '转派须说明理由');
      if (bad) return bad;
      if (before.holder?.role === cmd.toRole) return { code: 'CASE.SAME_ROLE', message: '不能转派给相同角色，请选择小组内其他角色' };
      if (cmd.route.kind === 'member') {
        if (before.holder?.memberId === cmd.route.member.id) return { code: 'CASE.SAME_ROLE', message: '不能转派给自己' };
        const wrong = checkMember(n, cmd.route.member);
        if (wrong) return wrong;
      }
      const why = `转派：${cmd.reason.trim()}。${cmd.route.explanation}`;
      if (cmd.route.kind === 'member') giveTo(b, cmd.route.member, why);
      else toQueue(b, why);
      b.event('transfer', why);
      return undefined;
    }
    case 'return_task': {
      const bad = requireText(cmd.reason, 'CASE.REASON_REQUIRED', '退单须说明理由');
      if (bad) return bad;
      const by = before.holder;
      if (!by?.memberId || !by.role || by.role === 'resident')
        return { code: 'CASE.FORBIDDEN', message: '只有承办的五员共治小组成员可以退单' };
      const why = `退单：${cmd.reason.trim()}（不属于${ROLE_NAMES[by.role as MemberRole]}职责），退回社区重新派单`;
      n.returns = [...(before.returns ?? []), { memberId: by.memberId, role: by.role as MemberRole, at: b.at, reason: cmd.reason.trim() }];
      toQueue(b, why);
      b.event('return_task', why);
      return undefined;
    }
    case 'escalate': {
      const bad = requireText(cmd.reason, 'CASE.REASON_REQUIRED', '吹哨须说明理由');
      if (bad) return bad;
      const level = nextLevel(before, b.role);
      if (!level)
        return {
          code: 'CASE.INVALID_TRANSITION',
          message: before.escalation ? `诉求已吹哨至${ESCALATION_NAMES[before.escalation.level]}` : '当前不能吹哨',
        };
      escalateTo(b, level, cmd.reason.trim());
      b.event('escalate', `吹哨至${ESCALATION_NAMES[level]}：${cmd.reason.trim()}`);
      return undefined;
    }
    case 'dispatch_department': {
      if (before.escalation?.level !== 'street')
        return { code: 'CASE.INVALID_TRANSITION', message: '只有已吹哨至街道的诉求才能派遣部门报到' };
      if (!cmd.department.id || !cmd.department.name) return { code: 'INPUT.INVALID', message: '请选择职能部门' };
      n.escalation = {
        level: 'department',
        since: b.at,
        reason: cmd.note?.trim() || before.escalation.reason,
        departmentId: cmd.department.id,
        departmentName: cmd.department.name,
      };
      n.calledDepartment = { id: cmd.department.id, name: cmd.department.name };
      n.deadlines = deadlinesOnEscalate(b.ctx, n, 'department', b.ctx.now);
      delete n.reminded.reportBy;
      const note = `请${cmd.department.name}在${b.ctx.policy.departmentReport.amount}${b.ctx.policy.departmentReport.unit === 'hours' ? '小时' : b.ctx.policy.departmentReport.unit === 'minutes' ? '分钟' : '个工作日'}内到场报到${cmd.note ? `：${cmd.note.trim()}` : ''}`;
      b.event('dispatch_department', note);
      b.notify(departmentInbox(cmd.department.id), 'department_dispatch', '部门报到', `${label(n)}：${note}`);
      return undefined;
    }
    case 'department_report': {
      const bad = requireText(cmd.note, 'CASE.REASON_REQUIRED', '请填写报到情况');
      if (bad) return bad;
      if (before.escalation?.reportedAt) return { code: 'CASE.INVALID_TRANSITION', message: '已经报到过了' };
      n.escalation = { ...before.escalation!, reportedAt: b.at };
      delete n.deadlines.reportBy;
      addPhotos(n, cmd.photos, 'progress');
      b.event('department_report', cmd.note.trim(), cmd.photos);
      b.notify(
        streetInbox(n),
        'case_progress',
        '部门已报到',
        `${before.escalation?.departmentName ?? '职能部门'}已到场：${cmd.note.trim()}`,
      );
      return undefined;
    }
    case 'resolve': {
      const bad = requireText(cmd.result, 'CASE.RESULT_REQUIRED', '请填写办理结果');
      if (bad) return bad;
      if (!cmd.photos || cmd.photos.length === 0) return { code: 'CASE.PHOTOS_REQUIRED', message: '办结须上传至少一张办理后照片' };
      if (cmd.photos.length > 9) return { code: 'CASE.TOO_MANY_PHOTOS', message: '照片最多9张' };
      if (b.role === 'department' && !before.escalation?.reportedAt)
        return { code: 'CASE.INVALID_TRANSITION', message: '请先到场报到，再办结' };
      n.status = 'resolved';
      n.result = cmd.result.trim();
      n.resolvedAt = b.at;
      const limit = before.deadlines.resolveBy;
      n.resolvedOnTime = !limit || b.at <= limit;
      delete n.escalation;
      addPhotos(n, cmd.photos, 'after');
      n.deadlines = deadlinesOnResolve(b.ctx, n, b.ctx.now);
      b.event('resolve', n.result, cmd.photos);
      b.notify(
        n.reporter.openid,
        'case_resolved',
        '诉求已办结，请评价',
        `您的${label(n)}已办结：${n.result}。请在${b.ctx.policy.ratingWindowDays}天内评价`,
      );
      return undefined;
    }
    case 'rate': {
      const comment = cmd.comment?.trim();
      if (comment && Array.from(comment).length > MAX_TEXT) return { code: 'INPUT.INVALID', message: `评价内容不能超过${MAX_TEXT}字` };
      if (cmd.rating === 'unsatisfied' && !comment) return { code: 'CASE.REASON_REQUIRED', message: '请说明不满意的原因，便于回炉整改' };
      n.rating = { value: cmd.rating, at: b.at, ...(comment ? { comment } : {}) };
      const holder = n.holder?.openid;
      if (cmd.rating !== 'unsatisfied') {
        n.status = 'closed';
        n.closedAt = b.at;
        b.event('rate', `${RATING_NAMES[cmd.rating]}${comment ? `：${comment}` : ''}`);
        b.notify(n.reporter.openid, 'case_closed', '诉求已办结', `感谢评价，您的${label(n)}已办结`);
        b.notify(holder, 'task_rated', '评价结果', `${label(n)}获评「${RATING_NAMES[cmd.rating]}」`);
        return undefined;
      }
      // 不满意: 回炉整改 — back to processing with a fresh resolution clock.
      n.status = 'processing';
      n.reworkCount = before.reworkCount + 1;
      n.failedVerifications = before.failedVerifications + 1;
      delete n.result;
      delete n.resolvedAt;
      delete n.resolvedOnTime;
      delete n.deadlines.rateBy;
      n.deadlines = deadlinesOnAccept(b.ctx, n, b.ctx.now);
      n.reminded = {};
      // Resolved by an admin or a department with no member holding it: the community dispatches it again.
      if (!n.holder) toQueue(b, `回炉整改：${comment}`);
      b.event('rate', `${RATING_NAMES.unsatisfied}：${comment}。回炉整改（第${n.reworkCount}次）`);
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
      return undefined;
    }
    case 'auto_close': {
      const rateBy = before.deadlines.rateBy;
      if (!rateBy || b.at < rateBy) return { code: 'CASE.INVALID_TRANSITION', message: '评价期限未到，不能自动办结' };
      n.status = 'closed';
      n.closedAt = b.at;
      n.rating = { value: 'satisfied', at: b.at, auto: true };
      b.event('auto_close', `${b.ctx.policy.ratingWindowDays}天内未评价，系统自动办结`);
      b.notify(n.reporter.openid, 'case_closed', '诉求已办结', `您的${label(n)}评价期已过，已自动办结`);
      return undefined;
    }
    case 'reject': {
      const bad = requireText(cmd.reason, 'CASE.REASON_REQUIRED', '不予受理须说明理由');
      if (bad) return bad;
      n.status = 'rejected';
      n.rejectReason = cmd.reason.trim();
      n.closedAt = b.at;
      n.deadlines = {};
      b.event('reject', n.rejectReason);
      b.notify(n.reporter.openid, 'case_closed', '不予受理', `您的${label(n)}不予受理：${n.rejectReason}`);
      b.notify(before.holder?.openid, 'task_cancelled', '任务已取消', `${label(n)}不予受理`);
      return undefined;
    }
    case 'withdraw': {
      n.status = 'withdrawn';
      n.closedAt = b.at;
      n.deadlines = {};
      b.event('withdraw', cmd.reason?.trim() || undefined);
      b.notify(before.holder?.openid, 'task_cancelled', '任务已取消', `${label(n)}已被居民撤回`);
      return undefined;
    }
    case 'merge': {
      if (!cmd.intoCaseId || cmd.intoCaseId === n.id) return { code: 'CASE.MERGE_SELF', message: '不能合并到自身' };
      n.status = 'merged';
      n.mergedInto = cmd.intoCaseId;
      n.closedAt = b.at;
      n.deadlines = {};
      b.event('merge', `与诉求（${cmd.intoCaseId.slice(-6)}）重复，已合并${cmd.note ? `：${cmd.note.trim()}` : ''}`);
      b.notify(n.reporter.openid, 'case_closed', '诉求已合并', `您的${label(n)}与他人反映的同一问题已合并办理`);
      b.notify(before.holder?.openid, 'task_cancelled', '任务已合并', `${label(n)}已合并到其他诉求`);
      return undefined;
    }
    case 'supplement': {
      const bad = requireText(cmd.note, 'CASE.REASON_REQUIRED', '请填写补充内容');
      if (bad) return bad;
      const bound = residentBound(b, rel, 'supplements');
      if (bound) return bound;
      if (cmd.photos && n.photos.length + cmd.photos.length > 18) return { code: 'CASE.TOO_MANY_PHOTOS', message: '照片数量已达上限' };
      addPhotos(n, cmd.photos, 'before');
      b.event('supplement', cmd.note.trim(), cmd.photos);
      b.notify(n.holder?.openid, 'task_supplement', '居民补充信息', `${label(n)}：${cmd.note.trim()}`);
      return undefined;
    }
    case 'support': {
      if (rel.has('reporter')) return { code: 'CASE.INVALID_TRANSITION', message: '不能附议自己的诉求' };
      if (!n.isPublic) return { code: 'CASE.NOT_PUBLIC', message: '该诉求未公开，不能附议' };
      if (n.supporters.includes(b.actor.openid)) return { code: 'CASE.ALREADY_SUPPORTED', message: '您已附议过该诉求' };
      n.supporters = [...n.supporters, b.actor.openid];
      n.supportCount = before.supportCount + 1;
      b.event('support', `附议（共${n.supportCount}人）`, undefined, { role: 'resident', name: '居民' });
      return undefined;
    }
    case 'remind': {
      if (b.role === 'system') {
        const v = clockVerdict(b.ctx.policy, before, b.ctx.now);
        if (v.due !== 'remind') return { code: 'CASE.INVALID_TRANSITION', message: '当前无需催办' };
        n.reminded = { ...n.reminded, [v.deadline]: true };
        b.event('remind', `距期限（${formatLocal(v.at)}）临近，系统催办`);
        b.notify(n.holder?.openid, 'task_reminder', '催办提醒', `${label(n)}将于${formatLocal(v.at)}到期，请抓紧办理`);
        return undefined;
      }
      const bound = residentBound(b, rel, 'reminds');
      if (bound) return bound;
      b.event('remind', cmd.note?.trim() || '催办');
      b.notify(n.holder?.openid, 'task_reminder', '催办', `${label(n)}被催办${cmd.note ? `：${cmd.note.trim()}` : ''}`);
      return undefined;
    }
    case 'mark_overdue': {
      const v = clockVerdict(b.ctx.policy, before, b.ctx.now);
      if (v.due !== 'overdue') return { code: 'CASE.INVALID_TRANSITION', message: '诉求未超时' };
      n.overdue = true;
      n.overdueFor = v.at;
      const what = clockName(before, v.deadline);
      n.missed = [...(before.missed ?? []), { clock: v.deadline, name: what, at: v.at }];
      b.event('mark_overdue', `已超过${what}期限（${formatLocal(v.at)}）`);
      b.notify(n.holder?.openid, 'task_overdue', '任务超时', `${label(n)}已超过${what}期限`);
      b.notify(communityInbox(n), 'admin_overdue', '诉求超时', `${label(n)}已超过${what}期限`);
      // A department that misses its 报到 is the street's business: it dispatched the department.
      if (v.deadline === 'reportBy') {
        const dept = before.escalation?.departmentName ?? '职能部门';
        b.notify(streetInbox(n), 'admin_overdue', '部门未按时报到', `${label(n)}：${dept}已超过报到期限，仍未到场报到`);
        if (before.escalation?.departmentId)
          b.notify(
            departmentInbox(before.escalation.departmentId),
            'task_overdue',
            '报到超时',
            `${label(n)}已超过报到期限，请尽快到场报到`,
          );
      }
      if (v.escalate) {
        const level = nextLevel(before, 'system');
        if (level) {
          const reason = `超过${what}期限，自动吹哨`;
          escalateTo(b, level, reason);
          b.event('escalate', `吹哨至${ESCALATION_NAMES[level]}：${reason}`);
        }
      }
      return undefined;
    }
    case 'supervise': {
      const bad = requireText(cmd.reason, 'CASE.REASON_REQUIRED', '督办须说明理由');
      if (bad) return bad;
      n.supervised = true;
      b.event('supervise', cmd.reason.trim());
      b.notify(n.holder?.openid, 'admin_supervision', '督办', `${label(n)}被督办：${cmd.reason.trim()}`);
      b.notify(communityInbox(n), 'admin_supervision', '督办', `${label(n)}被督办：${cmd.reason.trim()}`);
      return undefined;
    }
    case 'set_severity': {
      if (cmd.severity === before.severity) return { code: 'CASE.INVALID_TRANSITION', message: '等级未变化' };
      const policy = b.ctx.policy;
      // The street clock follows the new severity: it opens when the case becomes complex (unless it
      // is at the street already) and stops when it becomes simple.
      const dutyOpen = policy.limits[before.severity].escalate
        ? streetDutyOpen(before)
        : !(before.escalation && before.escalation.level !== 'community');
      n.severity = cmd.severity;
      if (n.status === 'assigned') n.deadlines = deadlinesOnAssign(b.ctx, n, new Date(n.assignedAt ?? n.createdAt));
      if (n.status === 'processing') n.deadlines = deadlinesOnAccept(b.ctx, n, new Date(n.acceptedAt ?? n.createdAt));
      const escalate = policy.limits[cmd.severity].escalate;
      if (escalate && dutyOpen) n.deadlines.escalateBy = addDuration(b.ctx.calendar, new Date(n.createdAt), escalate).toISOString();
      else delete n.deadlines.escalateBy;
      n.reminded = {};
      b.event('set_severity', `等级调整为「${SEVERITY_NAMES[cmd.severity]}」`);
      return undefined;
    }
    case 'set_public': {
      if (cmd.isPublic === before.isPublic) return { code: 'CASE.INVALID_TRANSITION', message: '公开设置未变化' };
      n.isPublic = cmd.isPublic;
      b.event('set_public', cmd.isPublic ? '设为公开' : '设为不公开');
      return undefined;
    }
    case 'approve_photos': {
      let changed = 0;
      n.photos = n.photos.map((p) => {
        if (cmd.fileIds !== 'all' && !cmd.fileIds.includes(p.fileId)) return p;
        if (p.approved === cmd.approved) return p;
        changed++;
        return { ...p, approved: cmd.approved };
      });
      if (changed === 0) return { code: 'CASE.INVALID_TRANSITION', message: '没有需要审核的照片' };
      b.event('approve_photos', `${cmd.approved ? '审核通过' : '撤销公开'}照片${changed}张`);
      return undefined;
    }
    case 'grant_time': {
      // More time is the admin's decision, never a side effect: it needs a reason the timeline shows.
      const bad = requireText(cmd.reason, 'CASE.REASON_REQUIRED', '延长期限须说明理由');
      if (bad) return bad;
      if (!Number.isInteger(cmd.amount.amount) || cmd.amount.amount < 1) return { code: 'INPUT.INVALID', message: '延长的时间须为正整数' };
      const running = runningDeadline(before);
      if (!running || running.name === 'rateBy') return { code: 'CASE.INVALID_TRANSITION', message: '当前没有正在计时的期限' };
      // Counted on from the deadline (or from now, if it has passed); a working-day deadline ends at
      // 24:00 of its last day, so working days count on from that day.
      const from = new Date(Math.max(Date.parse(running.at) - (cmd.amount.unit === 'workdays' ? 1 : 0), b.ctx.now.getTime()));
      const until = addDuration(b.ctx.calendar, from, cmd.amount).toISOString();
      n.deadlines = { ...n.deadlines, [running.name]: until };
      delete n.reminded[running.name];
      const what = DEADLINE_NAMES[running.name];
      b.event('grant_time', `${what}期限延长${describeDuration(cmd.amount)}，至${formatLocal(until)}：${cmd.reason.trim()}`);
      b.notify(n.holder?.openid, 'task_reminder', '期限已延长', `${label(n)}的${what}期限延长至${formatLocal(until)}`);
      return undefined;
    }
    case 'ledger': {
      // The ledgers are the office's records: no status moves and nobody is notified.
      const r = ledgerChange(before, cmd.entry, b.at);
      if (!r.ok) return r.error;
      n.ledger = r.value.ledger;
      b.event('ledger', r.value.note);
      return undefined;
    }
  }
}

const DEADLINE_NAMES = { respondBy: '受理', resolveBy: '办结', escalateBy: '上报街道', reportBy: '部门报到', rateBy: '评价' } as const;

function addPhotos(c: Case, fileIds: string[] | undefined, stage: 'before' | 'progress' | 'after'): void {
  if (!fileIds) return;
  for (const fileId of fileIds) c.photos.push({ fileId, stage, approved: false });
}

/** `2026-10-08 18:00` in China time, for messages. */
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
function residentBound(b: Builder, rel: Set<Relation>, what: 'reminds' | 'supplements'): DomainError | undefined {
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

export function formatLocal(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** Keeps the indexed clock fields in step with the case: the running deadline and the next check. */
export function refreshClock(c: Case, policy: TimePolicy): void {
  const running = runningDeadline(c);
  if (!running) {
    delete c.dueAt;
    delete c.nextCheckAt;
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
  c.nextCheckAt = new Date(Math.floor(start + (end - start) * policy.reminderShare)).toISOString();
}

// ——— creating cases: submit, patrol report, on-the-spot closing ———

export interface NewCaseInput {
  id: string;
  place: Place;
  category: Category;
  description: string;
  photos: string[];
  isPublic: boolean;
  contactPhone?: string;
  severity?: Severity;
  policyId: string;
  /** A member's report from a visit or a meeting (the record it came from). */
  origin?: CaseOrigin;
}

export type CreateCommand =
  | { action: 'submit'; route: Route }
  | { action: 'patrol_report'; route: Route }
  | { action: 'close_on_spot'; result: string; photos: string[] };

/**
 * Opens a case. A resident (or anyone) submits; a member of the grid reports from patrol or
 * closes a minor incident on the spot. The route comes from `routeCase` and is applied at once.
 */
export function openCase(input: NewCaseInput, cmd: CreateCommand, actor: Actor, ctx: TransitionContext): Result<TransitionResult> {
  const description = input.description.trim();
  if (!description) return fail('INPUT.INVALID', '请描述您遇到的问题');
  if (Array.from(description).length > MAX_TEXT) return fail('INPUT.INVALID', `问题描述不能超过${MAX_TEXT}字`);
  if (input.photos.length > 9) return fail('CASE.TOO_MANY_PHOTOS', '照片最多9张');
  if (!input.category.active) return fail('CATEGORY.NOT_FOUND', '该类别已停用，请选择其他类别');
  const memberGrant = actor.grants.find(
    (g) => g.memberId && g.gridId === input.place.gridId && g.role !== 'community_admin' && g.role !== 'street_admin',
  );
  if (cmd.action !== 'submit' && !memberGrant) return fail('CASE.FORBIDDEN', '只有本网格的五员共治小组成员才能巡查上报或当场办结');
  const role: ActorRole = cmd.action === 'submit' ? 'resident' : memberGrant!.role;
  const at = ctx.now.toISOString();
  const reporter: PersonRef = { openid: actor.openid, role, name: actor.name };
  if (memberGrant?.memberId && cmd.action !== 'submit') reporter.memberId = memberGrant.memberId;
  const draft: Case = {
    id: input.id,
    version: 0,
    place: input.place,
    categoryId: input.category.id,
    categoryName: input.category.name,
    kind: input.category.kind,
    description,
    photos: input.photos.map((fileId) => ({ fileId, stage: 'before', approved: false })),
    isPublic: input.isPublic,
    reporter,
    source: cmd.action === 'submit' ? 'resident' : 'patrol',
    status: 'pending',
    severity: input.severity ?? 'simple',
    createdAt: at,
    deadlines: {},
    reminded: {},
    overdue: false,
    reworkCount: 0,
    failedVerifications: 0,
    supervised: false,
    supportCount: 0,
    supporters: [],
    policyId: input.policyId,
    lastSeq: 0,
  };
  if (input.contactPhone) draft.contactPhone = input.contactPhone;
  if (input.origin && cmd.action === 'patrol_report') draft.origin = { ...input.origin };
  const empty: Case = { ...draft };
  const b = new Builder(empty, actor, role, ctx);
  b.next = draft;
  const n = b.next;
  if (cmd.action === 'close_on_spot') {
    const bad = requireText(cmd.result, 'CASE.RESULT_REQUIRED', '请填写处置结果');
    if (bad) return { ok: false, error: bad };
    if (cmd.photos.length === 0) return fail('CASE.PHOTOS_REQUIRED', '当场办结须上传现场照片');
    n.holder = { ...reporter };
    n.status = 'closed';
    n.assignedAt = n.acceptedAt = n.resolvedAt = n.closedAt = at;
    n.respondedOnTime = true;
    n.resolvedOnTime = true;
    n.result = cmd.result.trim();
    addPhotos(n, cmd.photos, 'after');
    b.event('close_on_spot', `${description}。处置结果：${n.result}`, cmd.photos);
    return ok(b.finish());
  }
  b.event(cmd.action, cmd.action === 'submit' ? undefined : n.origin ? `${CHANNEL_NAMES[n.origin.channel]}发现` : '巡查发现');
  if (cmd.route.kind === 'member') {
    giveTo(b, cmd.route.member, cmd.route.explanation);
    b.event('auto_assign', cmd.route.explanation, undefined, { role: 'system', name: '系统' });
  } else {
    toQueue(b, cmd.route.explanation);
    b.event('auto_assign', cmd.route.explanation, undefined, { role: 'system', name: '系统' });
  }
  if (n.status === 'assigned' && (n.holder?.openid === actor.openid || (reporter.memberId && n.holder?.memberId === reporter.memberId))) {
    // A member who reports from patrol and is the one routed to has already arrived.
    n.status = 'processing';
    n.acceptedAt = at;
    n.respondedOnTime = true;
    n.deadlines = deadlinesOnAccept(ctx, n, ctx.now);
    b.event('accept', '上报人即办理人，自动受理', undefined, { role: n.holder.role, name: maskPersonName(n.holder.name) });
  }
  return ok(b.finish());
}

/** The error a refused action gives, for callers that only need the message. */
export const isRefusal = (r: Result<unknown>): r is { ok: false; error: DomainError } => !r.ok;
