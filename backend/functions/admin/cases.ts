/** The desk and the case actions of `admin`: the queues, the case list and a case, and every step the core decides. */
import * as z from 'zod';
import { fail, ok, type Result } from '../../../core/errors';
import { CASE_STATUSES, OPEN_STATUSES, SEVERITIES, STATUS_NAMES, isOpen, type Case, type CaseStatus } from '../../../core/model';
import { addLocalDays, localDateOf, startOfLocalDate } from '../../../core/working-days';
import { resolveActor } from '../../auth';
import { missingScheduleWarning } from '../../../core/schedule-coverage';
import { act as actOnCase, applyCommand, stepResult, type CommandFor } from '../../services/case-service';
import { caseCard, caseDetail, timelineView } from '../../services/views';
import { applyCaseSearch, CASE_SEARCH_INPUT, channelView } from './case-list';
import type { CaseQuery } from '../../store/store.port';
import { cursor, dateOrInstant, fileId, id, isCalendarDate, ledgerEntry, photos, requiredText, text } from '../../validation';
import {
  ADMINS,
  STAFF,
  STREET_ONLY,
  DEPARTMENT_ONLY,
  staffAction,
  isAdminScope,
  inCommunity,
  seesCase,
  NOT_FOUND,
  inScope,
  caseFilter,
  scopeName,
  loadAll,
  type AdminCall,
} from './scope';

/** The most a list counts before it says 「1000+」. */
const TOTAL_CAP = 1000;
const reason = requiredText(200);
/** `from` starts at its local day; a `to` date includes its whole local day. */
function instantOf(s: string, edge: 'from' | 'to'): string {
  if (isCalendarDate(s)) return startOfLocalDate(edge === 'from' ? s : addLocalDays(s, 1)).toISOString();
  return new Date(s).toISOString();
}
const caseIdInput = z.strictObject({ caseId: id });

const dashboardInput = z.strictObject({ communityId: id.optional() });

export async function dashboard(input: z.infer<typeof dashboardInput>, call: AdminCall) {
  const { deps, dir, scope, now } = call;
  const filter = caseFilter(scope, dir, input.communityId);
  if (!filter.ok) return filter;
  const f = filter.value;
  const at = now.toISOString();
  const today = startOfLocalDate(localDateOf(now)).toISOString();
  const open = [...OPEN_STATUSES];
  const [todayNew, pending, overdue, pendingPage, overduePage, active] = await Promise.all([
    deps.store.countCases({ ...f, createdFrom: today }),
    deps.store.countCases({ ...f, statuses: ['pending'] }),
    deps.store.countCases({ ...f, statuses: open, overdueAt: at }),
    deps.store.listCases({ ...f, statuses: ['pending'], order: 'created_desc', limit: 5 }),
    deps.store.listCases({ ...f, statuses: open, overdueAt: at, order: 'deadline_asc', limit: 5 }),
    loadAll(deps.store, { ...f, statuses: [...open, 'resolved'] }),
  ]);
  // Escalations wait at a level: the community's own, the street's, or a department's dispatch.
  const level = f.departmentId ? 'department' : scope.streetIds.size > 0 ? 'street' : 'community';
  const escalated = active
    .filter((c) => c.status === 'escalated' && c.escalation?.level === level)
    .sort((a, b) => (a.escalation!.since < b.escalation!.since ? -1 : 1));
  const lowRatings = active.filter((c) => c.status === 'processing' && c.reworkCount > 0);
  const supervised = active.filter((c) => c.supervised);
  const cards = (cs: Case[]) => cs.slice(0, 5).map((c) => caseCard(c, dir));
  // The street admin is told when next year's holidays are missing (from 1 November).
  const calendarWarning = level === 'street' ? missingScheduleWarning(dir.calendar, now)?.message : undefined;
  return ok({
    scope: { ...f, name: scopeName(dir, f), level },
    ...(calendarWarning ? { calendarWarning } : {}),
    counts: { todayNew, pending, overdue, escalated: escalated.length, lowRatings: lowRatings.length, supervised: supervised.length },
    queues: {
      pending: cards(pendingPage.items),
      overdue: cards(overduePage.items),
      escalated: cards(escalated),
      lowRatings: cards(lowRatings),
      supervised: cards(supervised),
    },
  });
}

const listCasesInput = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  statuses: z.array(z.enum(CASE_STATUSES)).min(1).max(CASE_STATUSES.length).optional(),
  communityId: id.optional(),
  gridId: id.optional(),
  categoryId: id.optional(),
  severity: z.enum(SEVERITIES).optional(),
  overdue: z.boolean().optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(50).optional(),
  // The search: a case number, a phone or words; a handler; sorted by time left (./case-list.ts).
  ...CASE_SEARCH_INPUT,
});

/** A page of cards; the first page also says how many match, up to a cap. */
type StaffCasePage = {
  items: (ReturnType<typeof caseCard> & ReturnType<typeof channelView>)[];
  nextCursor?: string;
  total?: number;
  totalCapped?: boolean;
};

export async function listCases(input: z.infer<typeof listCasesInput>, call: AdminCall): Promise<Result<StaffCasePage>> {
  const { deps, dir, scope, now } = call;
  if (input.status && input.statuses) return fail('INPUT.INVALID', '「状态」与「状态列表」只能填写一个');
  const filter = caseFilter(scope, dir, input.communityId);
  if (!filter.ok) return filter;
  const q: CaseQuery = { ...filter.value, order: 'created_desc', limit: input.limit ?? 20 };
  if (input.gridId) {
    const g = dir.grids.get(input.gridId);
    if (isAdminScope(scope) && !q.departmentId && (!g || !inCommunity(scope, dir, g.communityId)))
      return fail('AUTH.FORBIDDEN', '无权查看该网格的诉求');
    q.gridId = input.gridId;
  }
  let statuses: CaseStatus[] | undefined = input.status ? [input.status] : input.statuses;
  if (input.overdue) {
    // Late means a clock is running and has passed: only open cases can be overdue.
    statuses = (statuses ?? [...OPEN_STATUSES]).filter(isOpen);
    if (statuses.length === 0) return ok({ items: [], nextCursor: undefined });
    q.overdueAt = now.toISOString();
    q.order = 'deadline_asc';
  }
  if (statuses) q.statuses = statuses;
  if (input.categoryId) q.categoryId = input.categoryId;
  if (input.severity) q.severity = input.severity;
  if (input.from) q.createdFrom = instantOf(input.from, 'from');
  if (input.to) q.createdTo = instantOf(input.to, 'to');
  if (q.createdFrom && q.createdTo && q.createdFrom >= q.createdTo) return fail('INPUT.INVALID', '开始时间须早于结束时间');
  const searched = await applyCaseSearch(q, input, call);
  if (!searched.ok) return searched;
  if (searched.value === 'empty') return ok({ items: [], nextCursor: undefined, total: 0, totalCapped: false });
  if (input.cursor) q.cursor = input.cursor;
  // The first page also says how many match, so a long list can say "共 N 件"; counting stops at
  // a cap so a long list stays fast at any size ("共 1000+ 件"). Both at once: one round trip in the cloud.
  const { cursor: _c, limit: _l, order: _o, ...where } = q;
  const [page, total] = await Promise.all([
    deps.store.listCases(q),
    input.cursor ? undefined : deps.store.countCases(where, TOTAL_CAP + 1),
  ]);
  return ok({
    items: page.items.map((c) => ({ ...caseCard(c, dir), ...channelView(c) })),
    nextCursor: page.nextCursor,
    ...(total === undefined ? {} : { total: Math.min(total, TOTAL_CAP), totalCapped: total > TOTAL_CAP }),
  });
}

export async function getCase(input: z.infer<typeof caseIdInput>, call: AdminCall) {
  const c = await call.deps.store.getCase(input.caseId);
  if (!c || !seesCase(call.scope, c)) return fail('CASE.NOT_FOUND', NOT_FOUND);
  const events = await call.deps.store.getTimeline(c.id);
  return ok({ case: caseDetail(c, call.dir, call.actor, 'staff', call.now), timeline: timelineView(events, 'staff') });
}

const assignCaseInput = z.strictObject({ caseId: id, memberId: id, note: text(200).optional() });

// ——— case actions (the core decides) ———

/** Applies one command to an in-scope case; the core decides whether it may happen. */
export function act(call: AdminCall, caseId: string, commandFor: CommandFor) {
  return actOnCase(call, caseId, commandFor, { check: inScope(call.scope) });
}
export async function assignCase(input: z.infer<typeof assignCaseInput>, call: AdminCall) {
  const member = await call.deps.store.getRef('members', input.memberId);
  return act(call, input.caseId, (c) => {
    if (!member || member.communityId !== c.place.communityId) return fail('MEMBER.NOT_FOUND', '成员不存在或不属于该诉求所在社区');
    if (!member.active) return fail('CASE.NO_MEMBER', '该成员已停用，不能派单');
    return ok({ action: 'assign', member, ...(input.note?.trim() ? { note: input.note.trim() } : {}) });
  });
}

const setSeverityInput = z.strictObject({ caseId: id, severity: z.enum(SEVERITIES) });

export async function setSeverity(input: z.infer<typeof setSeverityInput>, call: AdminCall) {
  return act(call, input.caseId, () => ok({ action: 'set_severity', severity: input.severity }));
}

const escalateCaseInput = z.strictObject({ caseId: id, reason });

/** 吹哨: the community blows the whistle to the street. */
export async function escalateCase(input: z.infer<typeof escalateCaseInput>, call: AdminCall) {
  return act(call, input.caseId, () => ok({ action: 'escalate', reason: input.reason }));
}

const dispatchDepartmentInput = z.strictObject({ caseId: id, departmentId: id, note: text(200).optional() });

/** 部门报到: the street orders a department of the street to report on site. */
export async function dispatchDepartment(input: z.infer<typeof dispatchDepartmentInput>, call: AdminCall) {
  const d = call.dir.departments.get(input.departmentId);
  return act(call, input.caseId, (c) => {
    if (!d || !d.active || d.streetId !== c.place.streetId) return fail('INPUT.INVALID', '请选择本街道在用的职能部门');
    return ok({
      action: 'dispatch_department',
      department: { id: d.id, name: d.name },
      ...(input.note?.trim() ? { note: input.note.trim() } : {}),
    });
  });
}

const departmentReportInput = z.strictObject({ caseId: id, note: requiredText(500), photos: photos.optional() });

export async function departmentReport(input: z.infer<typeof departmentReportInput>, call: AdminCall) {
  return act(call, input.caseId, () =>
    ok({ action: 'department_report', note: input.note, ...(input.photos ? { photos: input.photos } : {}) }),
  );
}

const resolveCaseInput = z.strictObject({ caseId: id, result: requiredText(500), photos });

export async function resolveCase(input: z.infer<typeof resolveCaseInput>, call: AdminCall) {
  return act(call, input.caseId, () => ok({ action: 'resolve', result: input.result, photos: input.photos }));
}

const rejectCaseInput = z.strictObject({ caseId: id, reason });

export async function rejectCase(input: z.infer<typeof rejectCaseInput>, call: AdminCall) {
  return act(call, input.caseId, () => ok({ action: 'reject', reason: input.reason }));
}

const mergeCasesInput = z.strictObject({ caseId: id, intoCaseId: id });

/**
 * Merges a duplicate into the case that will be handled. The reporter of the duplicate joins the
 * target as a supporter (附议) when the target is public, so the demand is still counted.
 */
export async function mergeCases(input: z.infer<typeof mergeCasesInput>, call: AdminCall) {
  const { deps, dir, scope, now } = call;
  const target = await deps.store.getCase(input.intoCaseId);
  let duplicate: Case | undefined;
  const r = await applyCommand(
    deps,
    dir,
    input.caseId,
    call.actor,
    (c) => {
      duplicate = c;
      if (input.intoCaseId === c.id) return fail('CASE.MERGE_SELF', '不能合并到自身');
      if (!target || !seesCase(scope, target)) return fail('CASE.NOT_FOUND', '要合并到的诉求不存在或不在您的管辖范围');
      if (target.place.communityId !== c.place.communityId) return fail('CASE.INVALID_TRANSITION', '只能合并同一社区的重复诉求');
      if (target.status === 'merged') return fail('CASE.INVALID_TRANSITION', '目标诉求已被合并，请合并到最终办理的诉求');
      if (!isOpen(target.status) && target.status !== 'resolved')
        return fail('CASE.INVALID_TRANSITION', `目标诉求已${STATUS_NAMES[target.status]}，不能合并到该诉求`);
      return ok({ action: 'merge', intoCaseId: target.id });
    },
    now,
    { check: inScope(scope) },
  );
  if (!r.ok || !target || !duplicate) return stepResult(r);
  let supportCount = target.supportCount;
  const reporter = duplicate.reporter.openid;
  if (target.isPublic && duplicate.source === 'resident' && reporter !== target.reporter.openid && !target.supporters.includes(reporter)) {
    // Best effort: the merge stands even if the 附议 loses a race or the target just closed.
    const joined = await applyCommand(
      deps,
      dir,
      target.id,
      await resolveActor(deps.store, reporter),
      () => ok({ action: 'support' }),
      now,
      {
        retryOnConflict: true,
      },
    );
    if (joined.ok) supportCount = joined.value.case.supportCount;
  }
  const c = r.value.case;
  return ok({
    caseId: c.id,
    status: c.status,
    statusName: STATUS_NAMES[c.status],
    version: c.version,
    intoCaseId: target.id,
    targetSupportCount: supportCount,
  });
}

const approvePhotosInput = z.strictObject({
  caseId: id,
  fileIds: z.union([z.array(fileId).min(1).max(18), z.literal('all')]),
  approved: z.boolean(),
});

export async function approvePhotos(input: z.infer<typeof approvePhotosInput>, call: AdminCall) {
  return act(call, input.caseId, () => ok({ action: 'approve_photos', fileIds: input.fileIds, approved: input.approved }));
}

const setCasePublicInput = z.strictObject({ caseId: id, isPublic: z.boolean() });

export async function setCasePublic(input: z.infer<typeof setCasePublicInput>, call: AdminCall) {
  return act(call, input.caseId, () => ok({ action: 'set_public', isPublic: input.isPublic }));
}

const recordLedgerInput = z.strictObject({ caseId: id, entry: ledgerEntry });

/** 台账登记: a hazard's facts, a dispute's risk, its settlement and follow-up visits. */
export async function recordLedger(input: z.infer<typeof recordLedgerInput>, call: AdminCall) {
  return act(call, input.caseId, () => ok({ action: 'ledger', entry: input.entry }));
}

const superviseCaseInput = z.strictObject({ caseId: id, reason });

/** 督办 */
export async function superviseCase(input: z.infer<typeof superviseCaseInput>, call: AdminCall) {
  return act(call, input.caseId, () => ok({ action: 'supervise', reason: input.reason }));
}

const grantTimeInput = z.strictObject({ caseId: id, amount: z.number().int().min(1).max(30), unit: z.enum(['hours', 'workdays']), reason });

/** More time on the running deadline, only with a reason (the timeline shows it). */
export async function grantTime(input: z.infer<typeof grantTimeInput>, call: AdminCall) {
  return act(call, input.caseId, () =>
    ok({ action: 'grant_time', amount: { amount: input.amount, unit: input.unit }, reason: input.reason }),
  );
}

export const caseActions = {
  dashboard: staffAction(STAFF, dashboardInput, dashboard),
  listCases: staffAction(STAFF, listCasesInput, listCases),
  getCase: staffAction(STAFF, caseIdInput, getCase),
  assignCase: staffAction(ADMINS, assignCaseInput, assignCase),
  setSeverity: staffAction(ADMINS, setSeverityInput, setSeverity),
  escalateCase: staffAction(ADMINS, escalateCaseInput, escalateCase),
  dispatchDepartment: staffAction(STREET_ONLY, dispatchDepartmentInput, dispatchDepartment),
  departmentReport: staffAction(DEPARTMENT_ONLY, departmentReportInput, departmentReport),
  resolveCase: staffAction(STAFF, resolveCaseInput, resolveCase),
  rejectCase: staffAction(ADMINS, rejectCaseInput, rejectCase),
  mergeCases: staffAction(ADMINS, mergeCasesInput, mergeCases),
  approvePhotos: staffAction(ADMINS, approvePhotosInput, approvePhotos),
  setCasePublic: staffAction(ADMINS, setCasePublicInput, setCasePublic),
  recordLedger: staffAction(ADMINS, recordLedgerInput, recordLedger),
  superviseCase: staffAction(ADMINS, superviseCaseInput, superviseCase),
  grantTime: staffAction(ADMINS, grantTimeInput, grantTime),
};
