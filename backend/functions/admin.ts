/**
 * `admin`: community admins (社区书记), street admins and departments — the dispatch queue and the
 * case actions, the organisation (grids, buildings, members, invites), configuration (categories,
 * time-limit policies, holidays, subscribe templates), assessment, ledger exports and the weekly
 * governance report.
 *
 * Scope comes from stored grants only: a community admin acts inside their community, a street
 * admin inside their street, a department only on cases dispatched to it. The core's relations
 * decide every transition; reads and lists are narrowed here. A case outside the scope is "not
 * found", so ids cannot be probed.
 */
import { randomInt } from 'node:crypto';
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import {
  CASE_KINDS,
  CASE_STATUSES,
  MEMBER_ROLES,
  OPEN_STATUSES,
  ROLE_DUTIES,
  ROLE_NAMES,
  SEVERITIES,
  SEVERITY_NAMES,
  STATUS_NAMES,
  isOpen,
  type Actor,
  type Case,
  type CaseStatus,
  type Category,
  type Member,
  type MemberRole,
  NOTICE_KINDS,
} from '../../core/model';
import { overriddenRole, roleForCategory, routeCase } from '../../core/route-case';
import {
  computeMetrics,
  emptyTally,
  describeMetrics,
  groupTallies,
  periodKindOf,
  periodRange,
  rankUnits,
  satisfactionFlag,
  tallyCases,
  validateWeights,
} from '../../core/metrics';
import { chinesePeriod, exportFileName } from '../../core/ledgers';
import { POLICY_PRESETS, describeDuration, type TimePolicy } from '../../core/time-policy';
import { addLocalDays, localDateOf, startOfLocalDate } from '../../core/working-days';
import type { Command } from '../../core/case-lifecycle';
import { resolveActor } from '../auth';
import { missingScheduleWarning } from '../../core/schedule-coverage';
import { caseClocks, caseTime, type CaseClocks } from '../../core/case-time';
import { TEMPLATE_SETTING_ID, type TemplateConfig } from '../notify/dispatcher';
import { subscribeTypeProblem } from '../notify/subscribe-types';
import { applyCommand, stepResult } from '../services/case-service';
import { gridMembers, invalidateDirectory, type Directory } from '../services/directory';
import {
  assessmentTable,
  buildWorkbook,
  caseLedgerTable,
  disputeLedgerTable,
  hazardLedgerTable,
  type LedgerNames,
  type LedgerTable,
} from '../services/ledger-export';
import { caseCard, caseDetail, timelineView } from '../services/views';
import { annualScores, rectificationsByUnit } from '../services/assessment';
import { PERIOD_WEIGHTS_SETTING_ID, WEIGHTS_SETTING_ID, periodWeightsOf, weightsOf } from '../services/weights';
import { validatePeriodWeights } from '../../core/annual-assessment';
import { MIN_RATED_TO_FLAG, judgeSatisfaction, reconcilePraise } from '../../core/rectification';
import type { Community, Grid, RefDocs, RefKind, StoredPolicy } from '../store/ref-docs';
import type { CaseQuery, Store } from '../store/store.port';
import {
  cursor,
  dateOrInstant,
  fileId,
  id,
  isCalendarDate,
  ledgerEntry,
  localDate,
  period,
  phone,
  photos,
  requiredText,
  text,
} from '../validation';
import { action, defineFunction, type ActionDef, type Actions, type AuthedCall } from './define';
import { holidayActions } from './admin-holidays';
import { rectificationActions } from './admin-rectification';
import { returnActions } from './admin-returns';
import { careAdminActions } from './care';
import { careLedgerActions } from './care-ledger';
import { profileAdminActions } from './public-profile';
import { reviewActions } from './admin-review';

/** The most a list counts before it says 「1000+」. */
const TOTAL_CAP = 1000;

// ——— who may call, and where they reach ———

export type StaffRole = 'community_admin' | 'street_admin' | 'department';
const ADMINS: readonly StaffRole[] = ['community_admin', 'street_admin'];
const STAFF: readonly StaffRole[] = ['community_admin', 'street_admin', 'department'];
const STREET_ONLY: readonly StaffRole[] = ['street_admin'];
const DEPARTMENT_ONLY: readonly StaffRole[] = ['department'];

/** Where the caller reaches, from the grants of the roles the action admits. */
export interface Scope {
  streetIds: Set<string>;
  communityIds: Set<string>;
  departmentIds: Set<string>;
}

export interface AdminCall extends AuthedCall {
  scope: Scope;
}

function scopeOf(actor: Actor, roles: readonly StaffRole[]): Scope | undefined {
  const s: Scope = { streetIds: new Set(), communityIds: new Set(), departmentIds: new Set() };
  for (const g of actor.grants) {
    if (!roles.includes(g.role as StaffRole)) continue;
    if (g.role === 'street_admin' && g.streetId) s.streetIds.add(g.streetId);
    if (g.role === 'community_admin' && g.communityId) s.communityIds.add(g.communityId);
    if (g.role === 'department' && g.departmentId) s.departmentIds.add(g.departmentId);
  }
  return s.streetIds.size + s.communityIds.size + s.departmentIds.size > 0 ? s : undefined;
}

function forbiddenMessage(roles: readonly StaffRole[]): string {
  if (roles === STREET_ONLY) return '仅街道管理员可以执行此操作';
  if (roles === DEPARTMENT_ONLY) return '仅被派遣的职能部门可以执行此操作';
  if (roles === STAFF) return '仅社区、街道管理员或职能部门可以执行此操作';
  return '仅社区或街道管理员可以执行此操作';
}

/** An action for staff: the roles it admits are checked before anything is read. */
function staffAction<S extends z.ZodType, O>(
  roles: readonly StaffRole[],
  input: S,
  run: (input: z.infer<S>, call: AdminCall) => Promise<Result<O>>,
): ActionDef<S, O> {
  return action({
    auth: 'user',
    input,
    run: async (i, call) => {
      const scope = scopeOf(call.actor, roles);
      if (!scope) return fail('AUTH.FORBIDDEN', forbiddenMessage(roles));
      return run(i, { ...call, scope });
    },
  });
}

const isAdminScope = (s: Scope): boolean => s.streetIds.size > 0 || s.communityIds.size > 0;

function inCommunity(s: Scope, dir: Directory, communityId: string): boolean {
  if (s.communityIds.has(communityId)) return true;
  const c = dir.communities.get(communityId);
  return c !== undefined && s.streetIds.has(c.streetId);
}

function seesCase(s: Scope, c: Case): boolean {
  if (s.streetIds.has(c.place.streetId) || s.communityIds.has(c.place.communityId)) return true;
  const e = c.escalation;
  if (e?.level === 'department' && e.departmentId !== undefined && s.departmentIds.has(e.departmentId)) return true;
  // What a department handled stays in its view (read only: acting needs the escalation).
  return c.calledDepartment !== undefined && s.departmentIds.has(c.calledDepartment.id);
}

const NOT_FOUND = '诉求不存在或不在您的管辖范围';
const inScope =
  (s: Scope) =>
  (c: Case): Result<void> =>
    seesCase(s, c) ? ok(undefined) : fail('CASE.NOT_FOUND', NOT_FOUND);

/** The communities an admin reaches, or the one asked for when it is among them. */
function communitiesOf(s: Scope, dir: Directory, communityId?: string): Result<Community[]> {
  if (communityId !== undefined) {
    const c = dir.communities.get(communityId);
    if (!c) return fail('PLACE.NOT_FOUND', '社区不存在');
    if (!inCommunity(s, dir, communityId)) return fail('AUTH.FORBIDDEN', '只能管理本社区（街道）的事务');
    return ok([c]);
  }
  return ok([...dir.communities.values()].filter((c) => inCommunity(s, dir, c.id)).sort((a, b) => a.name.localeCompare(b.name, 'zh')));
}

function streetIdsOf(s: Scope, dir: Directory): Set<string> {
  const out = new Set(s.streetIds);
  for (const cid of s.communityIds) {
    const c = dir.communities.get(cid);
    if (c) out.add(c.streetId);
  }
  return out;
}

type CaseFilter = Omit<CaseQuery, 'cursor' | 'limit' | 'order'>;

/**
 * The one case filter a list or a count runs with: the community asked for (when in scope), else
 * the caller's street, community or department. A department sees only what was dispatched to it.
 */
function caseFilter(s: Scope, dir: Directory, communityId?: string): Result<CaseFilter> {
  const first = (set: Set<string>): string | undefined => set.values().next().value;
  if (communityId !== undefined) {
    if (isAdminScope(s) && inCommunity(s, dir, communityId)) return ok({ communityId });
    const dept = first(s.departmentIds);
    if (dept) return ok({ departmentId: dept, communityId });
    return fail('AUTH.FORBIDDEN', '无权查看该社区的诉求');
  }
  const street = first(s.streetIds);
  if (street) return ok({ streetId: street });
  const community = first(s.communityIds);
  if (community) return ok({ communityId: community });
  return ok({ departmentId: first(s.departmentIds)! });
}

function scopeName(dir: Directory, f: CaseFilter): string {
  if (f.departmentId) return dir.departments.get(f.departmentId)?.name ?? '职能部门';
  if (f.communityId) return dir.communities.get(f.communityId)?.name ?? f.communityId;
  if (f.streetId) return dir.streets.get(f.streetId)?.name ?? f.streetId;
  return '';
}

/** What an exported ledger is called in its file name. */
const LEDGER_FILE_WHAT = { cases: '诉求台账', disputes: '矛盾纠纷台账', hazards: '隐患台账', assessment: '考核统计' } as const;

/** Every case of a filter, 200 a page; bounded so that a runaway query cannot exhaust memory. */
async function loadAll(store: Store, f: CaseFilter, maxPages = 100): Promise<Case[]> {
  const out: Case[] = [];
  let next: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await store.listCases({ ...f, order: 'created_desc', limit: 200, ...(next ? { cursor: next } : {}) });
    out.push(...page.items);
    next = page.nextCursor;
    if (!next) break;
  }
  return out;
}

// ——— input pieces ———

const reason = requiredText(200);
const households = z.number().int().min(1).max(100000);
const placeName = requiredText(30);
const personName = requiredText(20);

/** `from` starts at its local day; a `to` date includes its whole local day. */
function instantOf(s: string, edge: 'from' | 'to'): string {
  if (isCalendarDate(s)) return startOfLocalDate(edge === 'from' ? s : addLocalDays(s, 1)).toISOString();
  return new Date(s).toISOString();
}

const HOUSEHOLD_LIMITS = { city: 500, rural: 300 } as const;
function checkHouseholds(community: Community, n: number): Result<void> {
  const limit = HOUSEHOLD_LIMITS[community.kind];
  if (n > limit)
    return fail(
      'INPUT.INVALID',
      `${community.kind === 'city' ? '城市社区' : '农村社区'}每个网格不超过${limit}户，当前填写${n}户，请拆分网格`,
    );
  return ok(undefined);
}

// ——— case actions ———

/** Applies one command to an in-scope case; the core decides whether it may happen. */
async function act(call: AdminCall, caseId: string, commandFor: (c: Case) => Result<Command> | Promise<Result<Command>>) {
  return stepResult(await applyCommand(call.deps, call.dir, caseId, call.actor, commandFor, call.now, { check: inScope(call.scope) }));
}

// ——— configuration pieces ———

const durationSchema = z
  .strictObject({ amount: z.number().int().min(1), unit: z.enum(['minutes', 'hours', 'workdays']) })
  .refine((d) => d.amount <= { minutes: 43200, hours: 720, workdays: 60 }[d.unit], { message: '时限过长（最多30天或60个工作日）' });
const severityLimitsSchema = z.strictObject({ respond: durationSchema, resolve: durationSchema, escalate: durationSchema.optional() });
const policySchema = z.strictObject({
  id: id.optional(),
  name: requiredText(30),
  limits: z.strictObject({ simple: severityLimitsSchema, complex: severityLimitsSchema, major: severityLimitsSchema }),
  departmentReport: durationSchema,
  streetResolve: durationSchema,
  ratingWindowDays: z.number().int().min(1).max(30),
  reminderShare: z.number().gt(0).lt(1),
  autoEscalateOnOverdue: z.boolean(),
  communityId: id.optional(),
});
const PRESET_IDS = new Set(POLICY_PRESETS.map((p) => p.id));

const templatesSchema = z.partialRecord(
  z.enum(NOTICE_KINDS),
  z.strictObject({
    templateId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/),
    fields: z
      .record(
        z.string().regex(/^(thing|phrase|character_string|name|letter|time|date|number|amount)\d{1,2}$/),
        z.enum(['title', 'body', 'caseId', 'time', 'status']),
      )
      .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= 10, { message: '模板字段须为1到10个' }),
    longTerm: z.boolean().optional(),
  }),
);

const categoryView = (c: Category) => ({ ...c, icon: c.icon ?? '', roleName: ROLE_NAMES[c.role] });

/** The communities (of those given, in their order) that route a category to a role of their own. */
function overridesOf(category: Category, communities: readonly Community[]) {
  return communities.flatMap((c) => {
    const role = overriddenRole(category.id, c);
    return role ? [{ communityId: c.id, communityName: c.name, role, roleName: ROLE_NAMES[role] }] : [];
  });
}

/** The community with its role for a category set; none is kept when it is the category's default. */
function withCategoryRole(c: Community, category: Category, role: MemberRole | null): Community {
  const { categoryRoles, ...rest } = c;
  const others = Object.fromEntries(Object.entries(categoryRoles ?? {}).filter(([categoryId]) => categoryId !== category.id));
  const roles: Record<string, MemberRole> = role === null || role === category.role ? others : { ...others, [category.id]: role };
  return Object.keys(roles).length > 0 ? { ...rest, categoryRoles: roles } : rest;
}

/**
 * The tasks a stopped member still holds (待受理 / 处理中) go to someone else of the same role in the
 * grid, least open work first, else the grid worker — the routing rules, with the reason in the
 * timeline. What nobody on duty can take stays for the admin to assign (it is counted), and a case
 * already whistled up stays with the street. Returns how many were passed on.
 */
async function rerouteFrom(call: AdminCall, stopped: Member): Promise<number> {
  const { deps } = call;
  const held: Case[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listCases({ gridId: stopped.gridId, statuses: ['assigned', 'processing'], limit: 50, cursor });
    held.push(...page.items.filter((c) => c.holder?.memberId === stopped.id));
    cursor = page.nextCursor;
  } while (cursor);
  if (held.length === 0) return 0;
  const members = await gridMembers(deps.store, stopped.gridId);
  const openWork = { ...(await deps.store.openWorkByMember(stopped.gridId)) };
  let rerouted = 0;
  for (const c of held) {
    const route = routeCase({ role: stopped.role, because: '', gridId: stopped.gridId, members, openWork, exclude: [stopped.id] });
    if (route.kind !== 'member') continue;
    const note =
      route.member.role === stopped.role
        ? '原办理人已停用，改派本网格同角色成员'
        : `原办理人已停用，暂无在岗的${ROLE_NAMES[stopped.role]}，转由网格员办理`;
    const r = await act(call, c.id, () => ok({ action: 'assign', member: route.member, note }));
    if (!r.ok) continue; // changed meanwhile: left for the admin, who sees it in the count
    openWork[route.member.id] = (openWork[route.member.id] ?? 0) + 1;
    rerouted += 1;
  }
  return rerouted;
}

function memberView(m: Member, dir: Directory) {
  return {
    id: m.id,
    name: m.name,
    role: m.role,
    roleName: ROLE_NAMES[m.role],
    duties: ROLE_DUTIES[m.role],
    phone: m.phone,
    onDuty: m.onDuty,
    active: m.active,
    bound: m.openid !== undefined && !m.openid.startsWith('member:'),
    gridId: m.gridId,
    gridName: dir.grids.get(m.gridId)?.name,
    communityId: m.communityId,
    communityName: dir.communities.get(m.communityId)?.name,
  };
}

const byRole = (a: Member, b: Member): number => MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role) || a.id.localeCompare(b.id);

/** Writes a reference document and drops the cached directory, so the next call sees it. */
async function writeRef<K extends RefKind>(store: Store, kind: K, doc: RefDocs[K]): Promise<void> {
  await store.putRef(kind, doc);
  invalidateDirectory(store);
}

/**
 * Changes a stored record as it is now, not the directory's copy, which may be seconds old in
 * another instance: writing that back whole would undo a change made meanwhile (a community's
 * policy and its category roles are set by different calls). Returns what was written.
 */
async function updateRef<K extends RefKind>(
  store: Store,
  kind: K,
  known: RefDocs[K],
  change: (fresh: RefDocs[K]) => RefDocs[K],
): Promise<RefDocs[K]> {
  const next = change((await store.getRef(kind, known.id)) ?? known);
  await writeRef(store, kind, next);
  return next;
}

/** A grid the caller may manage, or the refusal. */
function manageableGrid(call: AdminCall, gridId: string): Result<Grid> {
  const g = call.dir.grids.get(gridId);
  if (!g) return fail('PLACE.NOT_FOUND', '网格不存在');
  if (!inCommunity(call.scope, call.dir, g.communityId)) return fail('AUTH.FORBIDDEN', '只能管理本社区的网格');
  return ok(g);
}

async function manageableMember(call: AdminCall, memberId: string): Promise<Result<Member>> {
  const m = await call.deps.store.getRef('members', memberId);
  if (!m || !inCommunity(call.scope, call.dir, m.communityId)) return fail('MEMBER.NOT_FOUND', '成员不存在或不属于本社区');
  return ok(m);
}

/** Invite codes: 8 characters without 0/O, 1/I/L, so they can be read out over the phone. */
const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newInviteCode = (): string => Array.from({ length: 8 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('');

// ——— assessment ———

type GroupBy = 'member' | 'grid' | 'community';
const GROUP_NAMES: Record<GroupBy, string> = { member: '成员', grid: '网格', community: '社区' };

interface StatsInput {
  communityId?: string;
  gridId?: string;
  period: string;
  groupBy: GroupBy;
}

async function computeStats(call: AdminCall, input: StatsInput) {
  const { dir, deps, scope } = call;
  const filter = caseFilter(scope, dir, input.communityId);
  if (!filter.ok) return filter;
  let grid: Grid | undefined;
  if (input.gridId) {
    const g = manageableGrid(call, input.gridId);
    if (!g.ok) return g;
    grid = g.value;
  }
  const range = periodRange(input.period);
  const cases = await loadAll(deps.store, {
    ...filter.value,
    ...(grid ? { gridId: grid.id } : {}),
    createdFrom: range.from,
    createdTo: range.to,
  });
  const communities = [...dir.communities.values()].filter(
    (c) =>
      inCommunity(scope, dir, c.id) &&
      (!filter.value.communityId || c.id === filter.value.communityId) &&
      (!grid || c.id === grid.communityId),
  );
  const communityIds = new Set(communities.map((c) => c.id));
  const grids = [...dir.grids.values()].filter((g) => communityIds.has(g.communityId) && (!grid || g.id === grid.id));
  const weights = await weightsOf(deps.store);

  const known = new Map<string, string>();
  let keyOf: (c: Case) => string | undefined;
  if (input.groupBy === 'community') {
    for (const c of communities) if (c.active) known.set(c.id, c.name);
    keyOf = (c) => c.place.communityId;
  } else if (input.groupBy === 'grid') {
    for (const g of grids) if (g.active) known.set(g.id, `${dir.communities.get(g.communityId)?.name ?? ''} ${g.name}`.trim());
    keyOf = (c) => c.place.gridId;
  } else {
    const members = (await Promise.all([...communityIds].map((cid) => deps.store.listRef('members', { communityId: cid })))).flat();
    for (const m of members)
      if (m.active && (!grid || m.gridId === grid.id))
        known.set(m.id, `${dir.grids.get(m.gridId)?.name ?? ''} ${ROLE_NAMES[m.role]} ${m.name}`.trim());
    // A stopped member still answers for the cases they held in the period: named the same way, marked.
    for (const m of members)
      if (!known.has(m.id))
        known.set(`~${m.id}`, `${dir.grids.get(m.gridId)?.name ?? ''} ${ROLE_NAMES[m.role]} ${m.name}（已停用）`.trim());
    keyOf = (c) => c.holder?.memberId;
  }
  const tallies = groupTallies(cases, keyOf);
  const names = (unitId: string): string =>
    known.get(unitId) ??
    known.get(`~${unitId}`) ??
    (input.groupBy === 'grid'
      ? dir.grids.get(unitId)?.name
      : input.groupBy === 'community'
        ? dir.communities.get(unitId)?.name
        : undefined) ??
    unitId;
  const ids = new Set([...[...known.keys()].filter((k) => !k.startsWith('~')), ...tallies.keys()]);
  const kind = periodKindOf(input.period);
  // A year ranks by the combined score of its months and the whole year, weighed as the street set.
  const periodWeights = await periodWeightsOf(deps.store);
  const annual = kind === 'year' ? annualScores(input.period, cases, keyOf, ids, weights, periodWeights) : undefined;
  const ranking = rankUnits(
    [...ids].map((unitId) => ({ id: unitId, name: names(unitId), tally: tallies.get(unitId) ?? emptyTally() })),
    weights,
    annual ? { scoreOf: (u) => annual.get(u.id)?.combined ?? null } : {},
  );
  const total = tallyCases(cases);
  // Seed 001: a quarter (and so a year) below 80% sends the unit back; it is not praised as well.
  const flagApplies = kind !== 'month';
  const judged = flagApplies ? reconcilePraise(ranking.units) : ranking.units;
  const tasks = input.groupBy === 'member' ? new Map() : await rectificationsByUnit(deps.store, input.period, input.groupBy);
  const view = (u: (typeof judged)[number]) => {
    const flag = satisfactionFlag(u.tally);
    return {
      id: u.id,
      name: u.name,
      rank: u.rank,
      praised: u.praised,
      criticised: u.criticised,
      note: u.note,
      metrics: u.metrics,
      rates: describeMetrics(u.metrics),
      flag,
      verdict: judgeSatisfaction(u.tally),
      rectification: (tasks.get(u.id) as { label: string } | undefined)?.label,
      ...(annual ? { annual: annual.get(u.id) } : {}),
    };
  };
  const units = judged.map(view);
  return ok({
    period: input.period,
    periodKind: kind,
    from: range.from,
    to: range.to,
    groupBy: input.groupBy,
    groupName: GROUP_NAMES[input.groupBy],
    scopeName: grid ? `${scopeName(dir, filter.value)} ${grid.name}` : scopeName(dir, filter.value),
    weights,
    ...(annual ? { periodWeights } : {}),
    caseCount: cases.length,
    total: {
      metrics: computeMetrics(total, weights),
      rates: describeMetrics(computeMetrics(total, weights)),
      flag: satisfactionFlag(total),
    },
    units,
    praise: units.filter((u) => u.praised).map((u) => ({ id: u.id, name: u.name, rank: u.rank, score: u.metrics.score })),
    criticism: units.filter((u) => u.criticised).map((u) => ({ id: u.id, name: u.name, rank: u.rank, score: u.metrics.score })),
    /** Seed 001: satisfaction below 80% over a quarter or a year, with enough rated cases, sends the unit back (回炉整改). */
    flagApplies,
    minRatedToFlag: MIN_RATED_TO_FLAG,
    flagged: flagApplies
      ? units.filter((u) => u.verdict.verdict === 'flag').map((u) => ({ id: u.id, name: u.name, label: u.verdict.label }))
      : [],
    ranking: { ...ranking, units: judged },
  });
}

// ——— the weekly report ———

function weekBounds(weekOf: string): { monday: string; from: string; to: string } {
  const dow = new Date(`${weekOf}T00:00:00.000Z`).getUTCDay();
  const monday = addLocalDays(weekOf, -((dow + 6) % 7));
  return { monday, from: startOfLocalDate(monday).toISOString(), to: startOfLocalDate(addLocalDays(monday, 7)).toISOString() };
}

/** How far back the weekly report looks for cases closed or late in the week (older ones are rare). */
const WEEKLY_LOOKBACK_DAYS = 120;

const countBy = <T>(items: readonly T[], keyOf: (t: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const i of items) m.set(keyOf(i), (m.get(keyOf(i)) ?? 0) + 1);
  return m;
};
const top = (m: Map<string, number>, n: number): [string, number][] =>
  [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);

// ——— the function ———

/** A page of cards; the first page also says how many match, up to a cap. */
type StaffCasePage = { items: ReturnType<typeof caseCard>[]; nextCursor?: string; total?: number; totalCapped?: boolean };
const caseIdInput = z.strictObject({ caseId: id });

export const admin = defineFunction('admin', {
  // 整改任务 (backend/functions/admin-rectification.ts)
  ...rectificationActions({ staffAction, admins: ADMINS, streetOnly: STREET_ONLY }),
  // 退单 counts and routing hints (backend/functions/admin-returns.ts)
  ...returnActions({ staffAction, admins: ADMINS, streetOnly: STREET_ONLY }),
  // ——— the review of public texts (审核后公开) ———
  ...reviewActions({ adminAction: (input, run) => staffAction(ADMINS, input, run), caseFilter, inScope, communitiesOf }),

  ...careAdminActions,
  ...careLedgerActions,
  ...profileAdminActions,
  // ——— the desk ———

  dashboard: staffAction(STAFF, z.strictObject({ communityId: id.optional() }), async (input, call) => {
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
  }),

  listCases: staffAction(
    STAFF,
    z.strictObject({
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
    }),
    async (input, call): Promise<Result<StaffCasePage>> => {
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
      if (input.cursor) q.cursor = input.cursor;
      // The first page also says how many match, so a long list can say "共 N 件"; counting stops at
      // a cap so a long list stays fast at any size ("共 1000+ 件"). Both at once: one round trip in the cloud.
      const { cursor: _c, limit: _l, order: _o, ...where } = q;
      const [page, total] = await Promise.all([
        deps.store.listCases(q),
        input.cursor ? undefined : deps.store.countCases(where, TOTAL_CAP + 1),
      ]);
      return ok({
        items: page.items.map((c) => caseCard(c, dir)),
        nextCursor: page.nextCursor,
        ...(total === undefined ? {} : { total: Math.min(total, TOTAL_CAP), totalCapped: total > TOTAL_CAP }),
      });
    },
  ),

  getCase: staffAction(STAFF, caseIdInput, async (input, call) => {
    const c = await call.deps.store.getCase(input.caseId);
    if (!c || !seesCase(call.scope, c)) return fail('CASE.NOT_FOUND', NOT_FOUND);
    const events = await call.deps.store.getTimeline(c.id);
    return ok({ case: caseDetail(c, call.dir, call.actor, 'staff', call.now), timeline: timelineView(events, 'staff') });
  }),

  // ——— case actions (the core decides) ———

  assignCase: staffAction(ADMINS, z.strictObject({ caseId: id, memberId: id, note: text(200).optional() }), async (input, call) => {
    const member = await call.deps.store.getRef('members', input.memberId);
    return act(call, input.caseId, (c) => {
      if (!member || member.communityId !== c.place.communityId) return fail('MEMBER.NOT_FOUND', '成员不存在或不属于该诉求所在社区');
      if (!member.active) return fail('CASE.NO_MEMBER', '该成员已停用，不能派单');
      return ok({ action: 'assign', member, ...(input.note?.trim() ? { note: input.note.trim() } : {}) });
    });
  }),

  setSeverity: staffAction(ADMINS, z.strictObject({ caseId: id, severity: z.enum(SEVERITIES) }), async (input, call) =>
    act(call, input.caseId, () => ok({ action: 'set_severity', severity: input.severity })),
  ),

  /** 吹哨: the community blows the whistle to the street. */
  escalateCase: staffAction(ADMINS, z.strictObject({ caseId: id, reason }), async (input, call) =>
    act(call, input.caseId, () => ok({ action: 'escalate', reason: input.reason })),
  ),

  /** 部门报到: the street orders a department of the street to report on site. */
  dispatchDepartment: staffAction(
    STREET_ONLY,
    z.strictObject({ caseId: id, departmentId: id, note: text(200).optional() }),
    async (input, call) => {
      const d = call.dir.departments.get(input.departmentId);
      return act(call, input.caseId, (c) => {
        if (!d || !d.active || d.streetId !== c.place.streetId) return fail('INPUT.INVALID', '请选择本街道在用的职能部门');
        return ok({
          action: 'dispatch_department',
          department: { id: d.id, name: d.name },
          ...(input.note?.trim() ? { note: input.note.trim() } : {}),
        });
      });
    },
  ),

  departmentReport: staffAction(
    DEPARTMENT_ONLY,
    z.strictObject({ caseId: id, note: requiredText(500), photos: photos.optional() }),
    async (input, call) =>
      act(call, input.caseId, () =>
        ok({ action: 'department_report', note: input.note, ...(input.photos ? { photos: input.photos } : {}) }),
      ),
  ),

  resolveCase: staffAction(STAFF, z.strictObject({ caseId: id, result: requiredText(500), photos }), async (input, call) =>
    act(call, input.caseId, () => ok({ action: 'resolve', result: input.result, photos: input.photos })),
  ),

  rejectCase: staffAction(ADMINS, z.strictObject({ caseId: id, reason }), async (input, call) =>
    act(call, input.caseId, () => ok({ action: 'reject', reason: input.reason })),
  ),

  /**
   * Merges a duplicate into the case that will be handled. The reporter of the duplicate joins the
   * target as a supporter (附议) when the target is public, so the demand is still counted.
   */
  mergeCases: staffAction(ADMINS, z.strictObject({ caseId: id, intoCaseId: id }), async (input, call) => {
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
    if (
      target.isPublic &&
      duplicate.source === 'resident' &&
      reporter !== target.reporter.openid &&
      !target.supporters.includes(reporter)
    ) {
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
  }),

  approvePhotos: staffAction(
    ADMINS,
    z.strictObject({ caseId: id, fileIds: z.union([z.array(fileId).min(1).max(18), z.literal('all')]), approved: z.boolean() }),
    async (input, call) =>
      act(call, input.caseId, () => ok({ action: 'approve_photos', fileIds: input.fileIds, approved: input.approved })),
  ),

  setCasePublic: staffAction(ADMINS, z.strictObject({ caseId: id, isPublic: z.boolean() }), async (input, call) =>
    act(call, input.caseId, () => ok({ action: 'set_public', isPublic: input.isPublic })),
  ),

  /** 台账登记: a hazard's facts, a dispute's risk, its settlement and follow-up visits. */
  recordLedger: staffAction(ADMINS, z.strictObject({ caseId: id, entry: ledgerEntry }), async (input, call) =>
    act(call, input.caseId, () => ok({ action: 'ledger', entry: input.entry })),
  ),

  /** 督办 */
  superviseCase: staffAction(ADMINS, z.strictObject({ caseId: id, reason }), async (input, call) =>
    act(call, input.caseId, () => ok({ action: 'supervise', reason: input.reason })),
  ),

  /** More time on the running deadline, only with a reason (the timeline shows it). */
  grantTime: staffAction(
    ADMINS,
    z.strictObject({ caseId: id, amount: z.number().int().min(1).max(30), unit: z.enum(['hours', 'workdays']), reason }),
    async (input, call) =>
      act(call, input.caseId, () => ok({ action: 'grant_time', amount: { amount: input.amount, unit: input.unit }, reason: input.reason })),
  ),

  // ——— organisation ———

  listGrids: staffAction(ADMINS, z.strictObject({ communityId: id.optional() }), async (input, call) => {
    const { dir, deps, scope } = call;
    const communities = communitiesOf(scope, dir, input.communityId);
    if (!communities.ok) return communities;
    const items = [];
    for (const c of communities.value) {
      const members = await deps.store.listRef('members', { communityId: c.id });
      const grids = [...dir.grids.values()].filter((g) => g.communityId === c.id).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
      for (const g of grids) {
        const own = members.filter((m) => m.gridId === g.id).sort(byRole);
        const present = new Set(own.filter((m) => m.active).map((m) => m.role));
        items.push({
          id: g.id,
          name: g.name,
          households: g.households,
          householdLimit: HOUSEHOLD_LIMITS[c.kind],
          active: g.active,
          communityId: c.id,
          communityName: c.name,
          buildings: [...dir.buildings.values()]
            .filter((b) => b.gridId === g.id)
            .sort((a, b) => a.name.localeCompare(b.name, 'zh', { numeric: true }))
            .map((b) => ({ id: b.id, name: b.name, active: b.active })),
          members: own.map((m) => memberView(m, dir)),
          missingRoles: MEMBER_ROLES.filter((r) => !present.has(r)).map((r) => ({ role: r, roleName: ROLE_NAMES[r] })),
        });
      }
    }
    return ok({ items });
  }),

  createGrid: staffAction(ADMINS, z.strictObject({ communityId: id, name: placeName, households }), async (input, call) => {
    const { dir, deps } = call;
    const communities = communitiesOf(call.scope, dir, input.communityId);
    if (!communities.ok) return communities;
    const c = communities.value[0]!;
    const fits = checkHouseholds(c, input.households);
    if (!fits.ok) return fits;
    const name = input.name.trim();
    if ([...dir.grids.values()].some((g) => g.communityId === c.id && g.active && g.name === name))
      return fail('INPUT.INVALID', `本社区已有名为「${name}」的网格`);
    const grid: Grid = { id: deps.newId('G'), streetId: c.streetId, communityId: c.id, name, households: input.households, active: true };
    await writeRef(deps.store, 'grids', grid);
    return ok(grid);
  }),

  updateGrid: staffAction(
    ADMINS,
    z.strictObject({ gridId: id, name: placeName.optional(), households: households.optional(), active: z.boolean().optional() }),
    async (input, call) => {
      const g = manageableGrid(call, input.gridId);
      if (!g.ok) return g;
      if (input.name === undefined && input.households === undefined && input.active === undefined)
        return fail('INPUT.INVALID', '请填写要修改的内容');
      const c = call.dir.communities.get(g.value.communityId)!;
      const patch: Partial<Grid> = {};
      if (input.households !== undefined) {
        const fits = checkHouseholds(c, input.households);
        if (!fits.ok) return fits;
        patch.households = input.households;
      }
      if (input.name !== undefined) {
        const name = input.name.trim();
        if ([...call.dir.grids.values()].some((x) => x.id !== g.value.id && x.communityId === c.id && x.active && x.name === name))
          return fail('INPUT.INVALID', `本社区已有名为「${name}」的网格`);
        patch.name = name;
      }
      if (input.active !== undefined) patch.active = input.active;
      return ok(await updateRef(call.deps.store, 'grids', g.value, (fresh) => ({ ...fresh, ...patch })));
    },
  ),

  /** Stops a grid and its buildings taking new reports; its open cases go on being handled. */
  deactivateGrid: staffAction(ADMINS, z.strictObject({ gridId: id }), async (input, call) => {
    const g = manageableGrid(call, input.gridId);
    if (!g.ok) return g;
    const { deps, dir } = call;
    let buildings = 0;
    for (const b of dir.buildings.values())
      if (b.gridId === g.value.id && b.active) {
        await deps.store.putRef('buildings', { ...b, active: false });
        buildings++;
      }
    await updateRef(deps.store, 'grids', g.value, (fresh) => ({ ...fresh, active: false }));
    const openCases = await deps.store.countCases({ gridId: g.value.id, statuses: [...OPEN_STATUSES] });
    return ok({ gridId: g.value.id, active: false, buildingsDeactivated: buildings, openCases });
  }),

  createBuilding: staffAction(ADMINS, z.strictObject({ gridId: id, name: placeName }), async (input, call) => {
    const g = manageableGrid(call, input.gridId);
    if (!g.ok) return g;
    if (!g.value.active) return fail('PLACE.INVALID', '该网格已停用，不能添加楼栋');
    const name = input.name.trim();
    if ([...call.dir.buildings.values()].some((b) => b.gridId === g.value.id && b.active && b.name === name))
      return fail('INPUT.INVALID', `本网格已有名为「${name}」的楼栋`);
    const b = {
      id: call.deps.newId('B'),
      streetId: g.value.streetId,
      communityId: g.value.communityId,
      gridId: g.value.id,
      name,
      active: true,
    };
    await writeRef(call.deps.store, 'buildings', b);
    return ok(b);
  }),

  updateBuilding: staffAction(
    ADMINS,
    z.strictObject({ buildingId: id, name: placeName.optional(), gridId: id.optional(), active: z.boolean().optional() }),
    async (input, call) => {
      const b = call.dir.buildings.get(input.buildingId);
      if (!b || !inCommunity(call.scope, call.dir, b.communityId)) return fail('PLACE.NOT_FOUND', '楼栋不存在或不属于本社区');
      if (input.name === undefined && input.gridId === undefined && input.active === undefined)
        return fail('INPUT.INVALID', '请填写要修改的内容');
      const next = { ...b };
      if (input.gridId !== undefined) {
        const g = manageableGrid(call, input.gridId);
        if (!g.ok) return g;
        if (g.value.communityId !== b.communityId) return fail('PLACE.INVALID', '楼栋只能调整到本社区的其他网格');
        if (!g.value.active) return fail('PLACE.INVALID', '目标网格已停用');
        next.gridId = g.value.id;
      }
      if (input.name !== undefined) next.name = input.name.trim();
      if (input.active !== undefined) next.active = input.active;
      await writeRef(call.deps.store, 'buildings', next);
      return ok(next);
    },
  ),

  deactivateBuilding: staffAction(ADMINS, z.strictObject({ buildingId: id }), async (input, call) => {
    const b = call.dir.buildings.get(input.buildingId);
    if (!b || !inCommunity(call.scope, call.dir, b.communityId)) return fail('PLACE.NOT_FOUND', '楼栋不存在或不属于本社区');
    await writeRef(call.deps.store, 'buildings', { ...b, active: false });
    return ok({ buildingId: b.id, active: false });
  }),

  listMembers: staffAction(ADMINS, z.strictObject({ communityId: id.optional(), gridId: id.optional() }), async (input, call) => {
    const { dir, deps, scope } = call;
    let communities: Community[];
    if (input.gridId) {
      const g = manageableGrid(call, input.gridId);
      if (!g.ok) return g;
      if (input.communityId && input.communityId !== g.value.communityId) return ok({ items: [] });
      communities = [dir.communities.get(g.value.communityId)!];
    } else {
      const cs = communitiesOf(scope, dir, input.communityId);
      if (!cs.ok) return cs;
      communities = cs.value;
    }
    const members = (await Promise.all(communities.map((c) => deps.store.listRef('members', { communityId: c.id })))).flat();
    return ok({
      items: members
        .filter((m) => !input.gridId || m.gridId === input.gridId)
        .sort((a, b) => a.gridId.localeCompare(b.gridId) || byRole(a, b))
        .map((m) => memberView(m, dir)),
    });
  }),

  createMember: staffAction(
    ADMINS,
    z.strictObject({ gridId: id, role: z.enum(MEMBER_ROLES), name: personName, phone: phone.optional() }),
    async (input, call) => {
      const g = manageableGrid(call, input.gridId);
      if (!g.ok) return g;
      if (!g.value.active) return fail('PLACE.INVALID', '该网格已停用，不能添加成员');
      const m: Member = {
        id: call.deps.newId('M'),
        name: input.name.trim(),
        role: input.role,
        streetId: g.value.streetId,
        communityId: g.value.communityId,
        gridId: g.value.id,
        onDuty: true,
        active: true,
        ...(input.phone ? { phone: input.phone } : {}),
      };
      await writeRef(call.deps.store, 'members', m);
      return ok(memberView(m, call.dir));
    },
  ),

  updateMember: staffAction(
    ADMINS,
    z.strictObject({ memberId: id, name: personName.optional(), phone: phone.optional(), onDuty: z.boolean().optional() }),
    async (input, call) => {
      const m = await manageableMember(call, input.memberId);
      if (!m.ok) return m;
      if (input.name === undefined && input.phone === undefined && input.onDuty === undefined)
        return fail('INPUT.INVALID', '请填写要修改的内容');
      if (!m.value.active) return fail('MEMBER.NOT_FOUND', '该成员已停用');
      const next: Member = { ...m.value };
      if (input.name !== undefined) next.name = input.name.trim();
      if (input.phone !== undefined) next.phone = input.phone;
      if (input.onDuty !== undefined) next.onDuty = input.onDuty;
      await writeRef(call.deps.store, 'members', next);
      return ok(memberView(next, call.dir));
    },
  ),

  /** Stops a member: no new tasks, and the bound WeChat account loses the role. */
  deactivateMember: staffAction(ADMINS, z.strictObject({ memberId: id }), async (input, call) => {
    const m = await manageableMember(call, input.memberId);
    if (!m.ok) return m;
    const { store } = call.deps;
    const accounts = await store.listRef('accounts');
    let rolesRemoved = 0;
    for (const a of accounts) {
      const roles = a.roles.filter((r) => r.memberId !== m.value.id);
      if (roles.length === a.roles.length) continue;
      rolesRemoved += a.roles.length - roles.length;
      await store.putRef('accounts', { ...a, roles });
    }
    await writeRef(store, 'members', { ...m.value, active: false, onDuty: false });
    const rerouted = await rerouteFrom(call, m.value);
    const openCases = (await store.openWorkByMember(m.value.gridId))[m.value.id] ?? 0;
    return ok({ memberId: m.value.id, active: false, rolesRemoved, rerouted, openCases });
  }),

  /** A one-time code the member enters in the app to bind their WeChat account. */
  createInvite: staffAction(ADMINS, z.strictObject({ memberId: id }), async (input, call) => {
    const m = await manageableMember(call, input.memberId);
    if (!m.ok) return m;
    if (!m.value.active) return fail('MEMBER.NOT_FOUND', '该成员已停用，不能生成邀请码');
    let code = newInviteCode();
    for (let i = 0; i < 5 && (await call.deps.store.getRef('invites', code)); i++) code = newInviteCode();
    if (await call.deps.store.getRef('invites', code)) return fail('INTERNAL', '邀请码生成失败，请重试');
    await call.deps.store.putRef('invites', {
      id: code,
      memberId: m.value.id,
      communityId: m.value.communityId,
      createdBy: call.actor.openid,
      createdAt: call.now.toISOString(),
    });
    return ok({
      code,
      memberId: m.value.id,
      memberName: m.value.name,
      roleName: ROLE_NAMES[m.value.role],
      alreadyBound: memberView(m.value, call.dir).bound,
    });
  }),

  listDepartments: staffAction(ADMINS, z.strictObject({}), async (_i, call) => {
    const streets = streetIdsOf(call.scope, call.dir);
    return ok({
      items: [...call.dir.departments.values()]
        .filter((d) => streets.has(d.streetId))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
        .map((d) => ({ id: d.id, name: d.name, active: d.active })),
    });
  }),

  // ——— configuration ———

  /** The street's categories, each with the communities in reach that route it to a role of their own. */
  listCategories: staffAction(ADMINS, z.strictObject({}), async (_i, call) => {
    const { dir, scope } = call;
    const communities = communitiesOf(scope, dir);
    if (!communities.ok) return communities;
    return ok({
      items: [...dir.categories.values()]
        .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
        .map((c) => ({ ...categoryView(c), overrides: overridesOf(c, communities.value) })),
    });
  }),

  /**
   * A community's own role for a category (`null`: back to the category's default). The categories
   * stay the street's; a community admin chooses only who handles them in their community.
   */
  setCategoryRole: staffAction(
    ADMINS,
    z.strictObject({ communityId: id, categoryId: id, role: z.enum(MEMBER_ROLES).nullable() }),
    async (input, call) => {
      const { dir, scope, deps } = call;
      const cs = communitiesOf(scope, dir, input.communityId);
      if (!cs.ok) return cs;
      const category = dir.categories.get(input.categoryId);
      // A stopped category takes no new role, but an override left on it can still be cleared.
      if (!category || (!category.active && input.role !== null)) return fail('CATEGORY.NOT_FOUND', '类别不存在');
      const c = cs.value[0]!;
      const next = await updateRef(deps.store, 'communities', c, (fresh) => withCategoryRole(fresh, category, input.role));
      const role = roleForCategory(category, next);
      return ok({
        communityId: c.id,
        categoryId: category.id,
        role,
        roleName: ROLE_NAMES[role],
        overridden: overriddenRole(category.id, next) !== undefined,
      });
    },
  ),

  // Categories are shared by every community of the street: only the street edits them.
  createCategory: staffAction(
    STREET_ONLY,
    z.strictObject({
      name: requiredText(10),
      role: z.enum(MEMBER_ROLES),
      kind: z.enum(CASE_KINDS),
      defaultPublic: z.boolean(),
      icon: text(8).optional(),
    }),
    async (input, call) => {
      const name = input.name.trim();
      const all = [...call.dir.categories.values()];
      if (all.some((c) => c.active && c.name === name)) return fail('INPUT.INVALID', `已有名为「${name}」的类别`);
      const c: Category = {
        id: call.deps.newId('cat-'),
        name,
        role: input.role,
        kind: input.kind,
        defaultPublic: input.defaultPublic,
        active: true,
        order: Math.max(0, ...all.map((x) => x.order)) + 1,
        ...(input.icon ? { icon: input.icon } : {}),
      };
      await writeRef(call.deps.store, 'categories', c);
      return ok(categoryView(c));
    },
  ),

  updateCategory: staffAction(
    STREET_ONLY,
    z.strictObject({
      categoryId: id,
      name: requiredText(10).optional(),
      role: z.enum(MEMBER_ROLES).optional(),
      kind: z.enum(CASE_KINDS).optional(),
      defaultPublic: z.boolean().optional(),
      icon: text(8).optional(),
      order: z.number().int().min(0).max(10000).optional(),
      active: z.boolean().optional(),
    }),
    async (input, call) => {
      const c = call.dir.categories.get(input.categoryId);
      if (!c) return fail('CATEGORY.NOT_FOUND', '类别不存在');
      const { categoryId: _id, ...patch } = input;
      if (Object.keys(patch).length === 0) return fail('INPUT.INVALID', '请填写要修改的内容');
      const next: Category = { ...c, ...patch, ...(patch.name ? { name: patch.name.trim() } : {}) };
      if ([...call.dir.categories.values()].some((x) => x.id !== c.id && x.active && next.active && x.name === next.name))
        return fail('INPUT.INVALID', `已有名为「${next.name}」的类别`);
      const written = await updateRef(call.deps.store, 'categories', c, (fresh) => ({
        ...fresh,
        ...patch,
        ...(patch.name ? { name: patch.name.trim() } : {}),
      }));
      return ok(categoryView(written));
    },
  ),

  deactivateCategory: staffAction(STREET_ONLY, z.strictObject({ categoryId: id }), async (input, call) => {
    const c = call.dir.categories.get(input.categoryId);
    if (!c) return fail('CATEGORY.NOT_FOUND', '类别不存在');
    return ok(categoryView(await updateRef(call.deps.store, 'categories', c, (fresh) => ({ ...fresh, active: false }))));
  }),

  listPolicies: staffAction(ADMINS, z.strictObject({}), async (_i, call) => {
    const { dir, scope } = call;
    const stored = [...dir.policies.values()];
    const presets = POLICY_PRESETS.map((p) => dir.policies.get(p.id) ?? p);
    const custom = stored.filter(
      (p) => !PRESET_IDS.has(p.id) && (p.communityId === undefined ? isAdminScope(scope) : inCommunity(scope, dir, p.communityId)),
    );
    const communities = [...dir.communities.values()].filter((c) => inCommunity(scope, dir, c.id));
    const view = (p: TimePolicy & { communityId?: string }, preset: boolean) => ({
      ...p,
      preset,
      summary: SEVERITIES.map(
        (s) => `${SEVERITY_NAMES[s]}：${describeDuration(p.limits[s].respond)}内受理，${describeDuration(p.limits[s].resolve)}内办结`,
      ),
      usedBy: communities.filter((c) => c.policyId === p.id).map((c) => ({ id: c.id, name: c.name })),
    });
    return ok({ items: [...presets.map((p) => view(p, true)), ...custom.map((p) => view(p, false))] });
  }),

  /** Saves a custom time-limit policy (the presets stay as the seeds wrote them). */
  savePolicy: staffAction(ADMINS, z.strictObject({ policy: policySchema }), async (input, call) => {
    const { dir, scope, deps } = call;
    const p = input.policy;
    if (p.id && PRESET_IDS.has(p.id)) return fail('POLICY.INVALID', '预置方案（三日办结、5341）不能修改，请另存为自定义方案');
    let communityId = p.communityId;
    if (communityId === undefined && scope.streetIds.size === 0) {
      if (scope.communityIds.size !== 1) return fail('POLICY.INVALID', '请选择方案所属社区');
      communityId = [...scope.communityIds][0];
    }
    if (communityId !== undefined && !inCommunity(scope, dir, communityId)) return fail('AUTH.FORBIDDEN', '只能为本社区设置时限方案');
    if (p.id) {
      const existing = dir.policies.get(p.id);
      if (!existing) return fail('POLICY.INVALID', '时限方案不存在');
      const owned = existing.communityId === undefined ? scope.streetIds.size > 0 : inCommunity(scope, dir, existing.communityId);
      if (!owned) return fail('AUTH.FORBIDDEN', '只能修改本社区的时限方案');
    }
    const saved: StoredPolicy = { ...p, id: p.id ?? deps.newId('P'), ...(communityId ? { communityId } : {}) };
    await writeRef(deps.store, 'policies', saved);
    return ok({ ...saved, preset: false });
  }),

  setCommunityPolicy: staffAction(ADMINS, z.strictObject({ communityId: id, policyId: id }), async (input, call) => {
    const { dir, scope } = call;
    const cs = communitiesOf(scope, dir, input.communityId);
    if (!cs.ok) return cs;
    const c = cs.value[0]!;
    const p = dir.policies.get(input.policyId) ?? POLICY_PRESETS.find((x) => x.id === input.policyId);
    if (!p) return fail('POLICY.INVALID', '时限方案不存在');
    const owner = (p as StoredPolicy).communityId;
    if (owner !== undefined && owner !== c.id) return fail('POLICY.INVALID', '该方案属于其他社区，不能选用');
    if (!dir.policies.has(p.id)) await call.deps.store.putRef('policies', { ...p });
    await updateRef(call.deps.store, 'communities', c, (fresh) => ({ ...fresh, policyId: p.id }));
    return ok({ communityId: c.id, policyId: p.id, policyName: p.name });
  }),

  ...holidayActions(
    (input, run) => staffAction(STREET_ONLY, input, run),
    (input, run) => staffAction(ADMINS, input, run),
  ),

  // The working-day calendar is one for the whole street: only the street changes it.
  setHoliday: staffAction(STREET_ONLY, z.strictObject({ date: localDate, workday: z.boolean(), note: text(50) }), async (input, call) => {
    const doc = { id: input.date, date: input.date, workday: input.workday, note: input.note.trim() };
    await writeRef(call.deps.store, 'holidays', doc);
    return ok(doc);
  }),

  getTemplates: staffAction(ADMINS, z.strictObject({}), async (_i, call) => {
    const stored = await call.deps.store.getRef('settings', TEMPLATE_SETTING_ID);
    return ok({ templates: (stored?.value ?? {}) as TemplateConfig });
  }),

  setTemplates: staffAction(STREET_ONLY, z.strictObject({ templates: templatesSchema }), async (input, call) => {
    const mixed = subscribeTypeProblem(input.templates as TemplateConfig);
    if (mixed) return fail('INPUT.INVALID', mixed);
    await writeRef(call.deps.store, 'settings', { id: TEMPLATE_SETTING_ID, value: input.templates });
    return ok({ templates: input.templates as TemplateConfig });
  }),

  /** The weights of the combined score (响应 / 按时办结 / 满意), street-wide. */
  setWeights: staffAction(
    STREET_ONLY,
    z.strictObject({
      weights: z.strictObject({ response: z.number(), onTime: z.number(), satisfaction: z.number() }),
      /** A year's combined score: the weight of the monthly results against the annual one. */
      periods: z.strictObject({ monthly: z.number(), annual: z.number() }).optional(),
    }),
    async (input, call) => {
      const w = validateWeights(input.weights);
      if (!w.ok) return w;
      if (input.periods) {
        const p = validatePeriodWeights(input.periods);
        if (!p.ok) return p;
        await writeRef(call.deps.store, 'settings', { id: PERIOD_WEIGHTS_SETTING_ID, value: p.value });
      }
      await writeRef(call.deps.store, 'settings', { id: WEIGHTS_SETTING_ID, value: w.value });
      return ok({ weights: w.value, periods: await periodWeightsOf(call.deps.store) });
    },
  ),

  // ——— assessment, ledgers, reports ———

  stats: staffAction(
    ADMINS,
    z.strictObject({ communityId: id.optional(), gridId: id.optional(), period, groupBy: z.enum(['member', 'grid', 'community']) }),
    async (input, call) => {
      const r = await computeStats(call, input);
      if (!r.ok) return r;
      const { ranking: _r, ...out } = r.value;
      return ok(out);
    },
  ),

  exportLedger: staffAction(
    ADMINS,
    z.strictObject({
      kind: z.enum(['cases', 'disputes', 'hazards', 'assessment']),
      period: period.optional(),
      communityId: id.optional(),
      groupBy: z.enum(['member', 'grid', 'community']).optional(),
    }),
    async (input, call) => {
      const { deps, dir, scope, now, actor } = call;
      if (!deps.saveExport) return fail('INTERNAL', '当前环境不支持导出文件');
      const filter = caseFilter(scope, dir, input.communityId);
      if (!filter.ok) return filter;
      const month = localDateOf(now).slice(0, 7);
      // Disputes and hazards are running ledgers: without a period they list everything on record.
      const p = input.period ?? (input.kind === 'disputes' || input.kind === 'hazards' ? undefined : month);
      const where = scopeName(dir, filter.value);
      const names: LedgerNames = {
        community: (cid) => dir.communities.get(cid)?.name ?? cid,
        grid: (gid) => dir.grids.get(gid)?.name ?? gid,
        building: (bid) => dir.buildings.get(bid)?.name ?? bid,
      };
      const titled = (what: string) => `${where} ${what}（${p ?? '全部'}） 导出于 ${localDateOf(now)}`;
      let table: LedgerTable;
      if (input.kind === 'assessment') {
        const groupBy = input.groupBy ?? 'grid';
        const stats = await computeStats(call, { communityId: input.communityId, period: p!, groupBy });
        if (!stats.ok) return stats;
        table = assessmentTable(
          stats.value.units.map((v, i) => ({
            unit: stats.value.ranking.units[i]!,
            flagLabel: stats.value.flagApplies ? v.verdict.label : v.flag.label,
            rectification: v.rectification,
            combined: v.annual?.combined,
          })),
          titled(`${GROUP_NAMES[groupBy]}考核统计`),
        );
      } else {
        const range = p ? periodRange(p) : undefined;
        const cases = await loadAll(deps.store, { ...filter.value, ...(range ? { createdFrom: range.from, createdTo: range.to } : {}) });
        table =
          input.kind === 'cases'
            ? caseLedgerTable(cases, names, now, titled('诉求台账'))
            : input.kind === 'disputes'
              ? disputeLedgerTable(cases, names, now, titled('矛盾纠纷台账'))
              : hazardLedgerTable(cases, names, now, titled('隐患台账'));
      }
      const bytes = await buildWorkbook(table);
      const fileName = exportFileName({
        scope: where,
        what: LEDGER_FILE_WHAT[input.kind],
        when: p ? chinesePeriod(p) : `截至${chinesePeriod(localDateOf(now))}`,
      });
      const saved = await deps.saveExport(fileName, bytes, actor.openid);
      return ok({ ...saved, fileName, rowCount: table.rows.length, sheetName: table.sheetName });
    },
  ),

  /** 周报: new, closed and late cases of a week, the frequent problems, hot spots and blind spots. */
  weeklyReport: staffAction(ADMINS, z.strictObject({ weekOf: localDate.optional(), communityId: id.optional() }), async (input, call) => {
    const { deps, dir, scope, now } = call;
    const filter = caseFilter(scope, dir, input.communityId);
    if (!filter.ok) return filter;
    // Without a date, the last full week: a report is read on Monday about the week before.
    const week = weekBounds(input.weekOf ?? addLocalDays(localDateOf(now), -7));
    const lookFrom = startOfLocalDate(addLocalDays(week.monday, -WEEKLY_LOOKBACK_DAYS)).toISOString();
    const cases = await loadAll(deps.store, { ...filter.value, createdFrom: lookFrom, createdTo: week.to });
    const within = (at: string | undefined) => at !== undefined && at >= week.from && at < week.to;
    const fresh = cases.filter((c) => within(c.createdAt) && c.status !== 'merged');
    const closed = cases.filter((c) => c.status === 'closed' && within(c.closedAt));
    // Late this week: a clock missed during the week, or the running one past with its deadline in it.
    const late = cases.filter((c) => {
      const t = caseTime(caseClocks(c), now);
      return t.missed.some((m) => within(m.at)) || (t.late && within(t.running?.at));
    });
    const communities = new Set(
      [...dir.communities.values()]
        .filter((c) => inCommunity(scope, dir, c.id) && (!filter.value.communityId || c.id === filter.value.communityId))
        .map((c) => c.id),
    );
    const grids = [...dir.grids.values()].filter((g) => g.active && communities.has(g.communityId));
    const gridName = (gid: string) => {
      const g = dir.grids.get(gid);
      return g ? `${dir.communities.get(g.communityId)?.name ?? ''} ${g.name}`.trim() : gid;
    };
    const byCategory = countBy(fresh, (c) => c.categoryName);
    const byGrid = countBy(fresh, (c) => c.place.gridId);
    const byGridCategory = countBy(fresh, (c) => `${c.place.gridId}\u0000${c.categoryName}`);
    const patrolGrids = new Set(fresh.filter((c) => c.source === 'patrol').map((c) => c.place.gridId));
    const topCategories = top(byCategory, 5).map(([name, count]) => ({ categoryName: name, count }));
    const hotGrids = top(byGrid, 5).map(([gid, count]) => ({ gridId: gid, gridName: gridName(gid), count }));
    const hotSpots = top(byGridCategory, 5).map(([k, count]) => {
      const [gid, cat] = k.split('\u0000') as [string, string];
      return { gridId: gid, gridName: gridName(gid), categoryName: cat, count };
    });
    const noCases = grids.filter((g) => !byGrid.has(g.id)).map((g) => ({ gridId: g.id, gridName: gridName(g.id) }));
    const noPatrol = grids.filter((g) => !patrolGrids.has(g.id)).map((g) => ({ gridId: g.id, gridName: gridName(g.id) }));
    const summary = [
      `本周新增诉求${fresh.length}件，办结${closed.length}件，超时${late.length}件。`,
      topCategories.length
        ? `高频问题：${topCategories
            .slice(0, 3)
            .map((t) => `${t.categoryName}（${t.count}件）`)
            .join('、')}。`
        : '本周无新增诉求。',
      hotSpots.length
        ? `热点：${hotSpots
            .slice(0, 3)
            .map((h) => `${h.gridName}「${h.categoryName}」${h.count}件`)
            .join('、')}。`
        : '',
      noPatrol.length
        ? `盲点：${noPatrol.length}个网格本周无巡查上报${noCases.length ? `，${noCases.length}个网格无任何诉求` : ''}，请核实是否漏报。`
        : '',
    ].filter(Boolean);
    return ok({
      scopeName: scopeName(dir, filter.value),
      weekStart: week.monday,
      weekEnd: addLocalDays(week.monday, 6),
      counts: { new: fresh.length, closed: closed.length, overdue: late.length, patrol: fresh.filter((c) => c.source === 'patrol').length },
      topCategories,
      hotSpots: { grids: hotGrids, gridCategories: hotSpots },
      blindSpots: { noCases, noPatrol },
      overdueCases: late.slice(0, 10).map((c) => caseCard(c, dir)),
      summary,
    });
  }),

  /** The weekly report as a spreadsheet, for the office's files and the street's meeting. */
  exportWeeklyReport: staffAction(
    ADMINS,
    z.strictObject({ weekOf: localDate.optional(), communityId: id.optional() }),
    async (input, call): Promise<Result<{ fileId?: string; url?: string; fileName: string; rowCount: number; sheetName: string }>> => {
      if (!call.deps.saveExport) return fail('INTERNAL', '当前环境不支持导出文件');
      // The same figures the page shows: the report action itself computes them.
      const r: Result<unknown> = await (admin.actions as Actions).weeklyReport!.run(input, call);
      if (!r.ok) return r;
      const w = r.value as WeeklyView;
      const rows: (string | number)[][] = [
        ['本周新增', '—', w.counts.new],
        ['本周办结', '—', w.counts.closed],
        ['本周超时', '—', w.counts.overdue],
        ['巡查上报', '—', w.counts.patrol],
        ...w.topCategories.map((t) => ['高频问题', t.categoryName, t.count]),
        ...w.hotSpots.grids.map((g) => ['热点网格', g.gridName, g.count]),
        ...w.hotSpots.gridCategories.map((g) => ['热点问题', `${g.gridName}「${g.categoryName}」`, g.count]),
        ...w.blindSpots.noPatrol.map((g) => ['盲点：无巡查上报', g.gridName, '—']),
        ...w.blindSpots.noCases.map((g) => ['盲点：无诉求', g.gridName, '—']),
        ...w.overdueCases.map((c) => [
          '超时诉求',
          `${c.id} ${c.placeName} ${c.categoryName}（${c.statusName}）`,
          caseTime(c.clocks, call.now).text,
        ]),
        ...w.summary.map((line) => ['小结', line, '—']),
      ];
      const table: LedgerTable = {
        sheetName: '周报',
        title: `${w.scopeName} 治理周报（${w.weekStart} 至 ${w.weekEnd}）`,
        columns: [
          { label: '项目', width: 16 },
          { label: '内容', width: 48 },
          { label: '数量', width: 8 },
        ],
        rows,
      };
      const bytes = await buildWorkbook(table);
      const fileName = exportFileName({ scope: w.scopeName, what: '治理周报', when: `${chinesePeriod(w.weekStart)}起` });
      const saved = await call.deps.saveExport(fileName, bytes, call.actor.openid);
      return ok({ ...saved, fileName, rowCount: rows.length, sheetName: table.sheetName });
    },
  ),
});

/** What `weeklyReport` answers, as the export reads it. */
interface WeeklyView {
  scopeName: string;
  weekStart: string;
  weekEnd: string;
  counts: { new: number; closed: number; overdue: number; patrol: number };
  topCategories: { categoryName: string; count: number }[];
  hotSpots: { grids: { gridName: string; count: number }[]; gridCategories: { gridName: string; categoryName: string; count: number }[] };
  blindSpots: { noCases: { gridName: string }[]; noPatrol: { gridName: string }[] };
  overdueCases: { id: string; placeName: string; categoryName: string; statusName: string; clocks: CaseClocks }[];
  summary: string[];
}
