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
import { ledgerChange } from './ledgers';
import { maskPersonName } from './masking';
import {
  ACTION_NAMES,
  CHANNEL_NAMES,
  ESCALATION_NAMES,
  RATING_NAMES,
  ROLE_NAMES,
  SEVERITY_NAMES,
  STATUS_NAMES,
  type Actor,
  type ActorRole,
  type Case,
  type CaseOrigin,
  type Category,
  type MemberRole,
  type PersonRef,
  type Place,
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
  runningDeadline,
} from './time-policy';

import { clockName } from './case-time';
import { isoOf } from './working-days';
import { proxyNote, type ProxyChannel } from './intake';
import { applyFollowUpRemind, applyPhoneVisit, proxyFiler, rework } from './intake-transitions';
import { RULES, relationsOf, type Command, type Relation, type TransitionContext } from './case-rules';
import {
  Builder,
  MAX_TEXT,
  actingRole,
  addPhotos,
  checkMember,
  communityInbox,
  departmentInbox,
  escalateTo,
  giveTo,
  label,
  nextLevel,
  refuse,
  requireText,
  residentBound,
  streetDutyOpen,
  streetInbox,
  toQueue,
  DEADLINE_NAMES,
  formatLocal,
  type TransitionResult,
} from './case-builder';

export * from './case-rules';
export {
  RESIDENT_DAILY,
  communityInbox,
  departmentInbox,
  formatLocal,
  refreshClock,
  reminderRefusal,
  streetInbox,
  type TransitionResult,
} from './case-builder';

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
      // From the street, or again from a department (改派: e.g. the street stopped that department).
      const from = before.escalation?.level;
      if (from !== 'street' && from !== 'department')
        return { code: 'CASE.INVALID_TRANSITION', message: '只有已吹哨至街道的诉求才能派遣部门报到' };
      if (!cmd.department.id || !cmd.department.name) return { code: 'INPUT.INVALID', message: '请选择职能部门' };
      if (from === 'department' && before.escalation?.departmentId === cmd.department.id)
        return { code: 'CASE.INVALID_TRANSITION', message: `已派${cmd.department.name}报到，请选择其他部门` };
      n.escalation = {
        level: 'department',
        since: b.at,
        reason: cmd.note?.trim() || before.escalation!.reason,
        departmentId: cmd.department.id,
        departmentName: cmd.department.name,
      };
      n.calledDepartment = { id: cmd.department.id, name: cmd.department.name };
      n.deadlines = deadlinesOnEscalate(b.ctx, n, 'department', b.ctx.now);
      delete n.reminded.reportBy;
      const note = `${from === 'department' ? `改派：` : ''}请${cmd.department.name}在${b.ctx.policy.departmentReport.amount}${b.ctx.policy.departmentReport.unit === 'hours' ? '小时' : b.ctx.policy.departmentReport.unit === 'minutes' ? '分钟' : '个工作日'}内到场报到${cmd.note ? `：${cmd.note.trim()}` : ''}`;
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
      if (before.source === 'proxy') return { code: 'CASE.INVALID_TRANSITION', message: '代登记的诉求请电话回访群众，由回访登记评价' };
      const comment = cmd.comment?.trim();
      if (comment && Array.from(comment).length > MAX_TEXT) return { code: 'INPUT.INVALID', message: `评价内容不能超过${MAX_TEXT}字` };
      if (cmd.rating === 'unsatisfied' && !comment) return { code: 'CASE.REASON_REQUIRED', message: '请说明不满意的原因，便于回炉整改' };
      n.rating = { value: cmd.rating, at: b.at, ...(comment ? { comment } : {}) };
      if (cmd.rating !== 'unsatisfied') {
        n.status = 'closed';
        n.closedAt = b.at;
        b.event('rate', `${RATING_NAMES[cmd.rating]}${comment ? `：${comment}` : ''}`);
        b.notify(n.reporter.openid, 'case_closed', '诉求已办结', `感谢评价，您的${label(n)}已办结`);
        b.notify(n.holder?.openid, 'task_rated', '评价结果', `${label(n)}获评「${RATING_NAMES[cmd.rating]}」`);
        return undefined;
      }
      rework(b, comment!, 'rate', `${RATING_NAMES.unsatisfied}：${comment}`);
      return undefined;
    }
    case 'phone_visit':
      return applyPhoneVisit(b, cmd);
    case 'follow_up_remind':
      return applyFollowUpRemind(b);
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

// ——— creating cases: submit, patrol report, on-the-spot closing ———

export interface NewCaseInput {
  id: string;
  /** The number people say (`core/case-number.ts`), drawn before the case is opened. */
  no?: string;
  place: Place;
  category: Category;
  description: string;
  photos: string[];
  isPublic: boolean;
  contactPhone?: string;
  severity?: Severity;
  policyId: string;
  /** A member's report from a visit or a meeting (the record it came from), or a 代登记's channel. */
  origin?: CaseOrigin;
  /** 代登记: the resident's name. */
  contactName?: string;
}

export type CreateCommand =
  | { action: 'submit'; route: Route }
  | { action: 'patrol_report'; route: Route }
  | { action: 'proxy_submit'; route: Route }
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
  const proxy = cmd.action === 'proxy_submit' ? proxyFiler(input, actor) : undefined;
  if (proxy && !proxy.ok) return proxy;
  if ((cmd.action === 'patrol_report' || cmd.action === 'close_on_spot') && !memberGrant)
    return fail('CASE.FORBIDDEN', '只有本网格的五员共治小组成员才能巡查上报或当场办结');
  const filer = proxy?.ok ? proxy.value : cmd.action === 'submit' ? undefined : memberGrant;
  const role: ActorRole = filer ? filer.role : 'resident';
  const at = isoOf(ctx.now);
  const reporter: PersonRef = { openid: actor.openid, role, name: actor.name };
  if (filer?.memberId) reporter.memberId = filer.memberId;
  const draft: Case = {
    id: input.id,
    ...(input.no ? { no: input.no } : {}),
    version: 0,
    place: input.place,
    categoryId: input.category.id,
    categoryName: input.category.name,
    kind: input.category.kind,
    description,
    photos: input.photos.map((fileId) => ({ fileId, stage: 'before', approved: false })),
    isPublic: input.isPublic,
    reporter,
    source: cmd.action === 'submit' ? 'resident' : cmd.action === 'proxy_submit' ? 'proxy' : 'patrol',
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
  if (cmd.action === 'proxy_submit') {
    draft.origin = { ...input.origin! };
    // Always given for a 代登记; an issue raised at a recorded meeting may have no name.
    if (input.contactName?.trim()) draft.contactName = input.contactName.trim();
  }
  const empty: Case = { ...draft };
  const b = new Builder(empty, actor, role, ctx, draft);
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
  b.event(
    cmd.action,
    cmd.action === 'submit'
      ? undefined
      : cmd.action === 'proxy_submit'
        ? proxyNote(n.origin!.channel as ProxyChannel, n.origin!.channel === 'hotline' ? n.origin!.refId : undefined) +
          (n.origin!.label ? `：来自${n.origin!.label}` : '')
        : n.origin
          ? `${CHANNEL_NAMES[n.origin.channel]}发现`
          : '巡查发现',
  );
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
