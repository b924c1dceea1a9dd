/**
 * Who may call `admin` and where they reach: the staff roles an action admits, the scope their grants
 * give, and the checks every area shares (a case or community outside the scope is "not found").
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../../core/errors';
import { type Actor, type Case } from '../../../core/model';
import { type Directory } from '../../services/directory';
import type { Community, Grid } from '../../store/ref-docs';
import type { CaseQuery, Store } from '../../store/store.port';
import { action, type ActionDef, type AuthedCall } from '../define';

// ——— who may call, and where they reach ———

export type StaffRole = 'community_admin' | 'street_admin' | 'department';
export const ADMINS: readonly StaffRole[] = ['community_admin', 'street_admin'];
export const STAFF: readonly StaffRole[] = ['community_admin', 'street_admin', 'department'];
export const STREET_ONLY: readonly StaffRole[] = ['street_admin'];
export const DEPARTMENT_ONLY: readonly StaffRole[] = ['department'];

/** Where the caller reaches, from the grants of the roles the action admits. */
export interface Scope {
  streetIds: Set<string>;
  communityIds: Set<string>;
  departmentIds: Set<string>;
}

export interface AdminCall extends AuthedCall {
  scope: Scope;
}

export function scopeOf(actor: Actor, roles: readonly StaffRole[]): Scope | undefined {
  const s: Scope = { streetIds: new Set(), communityIds: new Set(), departmentIds: new Set() };
  for (const g of actor.grants) {
    if (!roles.includes(g.role as StaffRole)) continue;
    if (g.role === 'street_admin' && g.streetId) s.streetIds.add(g.streetId);
    if (g.role === 'community_admin' && g.communityId) s.communityIds.add(g.communityId);
    if (g.role === 'department' && g.departmentId) s.departmentIds.add(g.departmentId);
  }
  return s.streetIds.size + s.communityIds.size + s.departmentIds.size > 0 ? s : undefined;
}

export function forbiddenMessage(roles: readonly StaffRole[]): string {
  if (roles === STREET_ONLY) return '仅街道管理员可以执行此操作';
  if (roles === DEPARTMENT_ONLY) return '仅被派遣的职能部门可以执行此操作';
  if (roles === STAFF) return '仅社区、街道管理员或职能部门可以执行此操作';
  return '仅社区或街道管理员可以执行此操作';
}

/** An action for staff: the roles it admits are checked before anything is read. */
export function staffAction<S extends z.ZodType, O>(
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

export const isAdminScope = (s: Scope): boolean => s.streetIds.size > 0 || s.communityIds.size > 0;

export function inCommunity(s: Scope, dir: Directory, communityId: string): boolean {
  if (s.communityIds.has(communityId)) return true;
  const c = dir.communities.get(communityId);
  return c !== undefined && s.streetIds.has(c.streetId);
}

export function seesCase(s: Scope, c: Case): boolean {
  if (s.streetIds.has(c.place.streetId) || s.communityIds.has(c.place.communityId)) return true;
  const e = c.escalation;
  if (e?.level === 'department' && e.departmentId !== undefined && s.departmentIds.has(e.departmentId)) return true;
  // What a department handled stays in its view (read only: acting needs the escalation).
  return c.calledDepartment !== undefined && s.departmentIds.has(c.calledDepartment.id);
}

export const NOT_FOUND = '诉求不存在或不在您的管辖范围';
export const inScope =
  (s: Scope) =>
  (c: Case): Result<void> =>
    seesCase(s, c) ? ok(undefined) : fail('CASE.NOT_FOUND', NOT_FOUND);

/** The communities an admin reaches, or the one asked for when it is among them. */
export function communitiesOf(s: Scope, dir: Directory, communityId?: string): Result<Community[]> {
  if (communityId !== undefined) {
    const c = dir.communities.get(communityId);
    if (!c) return fail('PLACE.NOT_FOUND', '社区不存在');
    if (!inCommunity(s, dir, communityId)) return fail('AUTH.FORBIDDEN', '只能管理本社区（街道）的事务');
    return ok([c]);
  }
  return ok([...dir.communities.values()].filter((c) => inCommunity(s, dir, c.id)).sort((a, b) => a.name.localeCompare(b.name, 'zh')));
}

export function streetIdsOf(s: Scope, dir: Directory): Set<string> {
  const out = new Set(s.streetIds);
  for (const cid of s.communityIds) {
    const c = dir.communities.get(cid);
    if (c) out.add(c.streetId);
  }
  return out;
}

export type CaseFilter = Omit<CaseQuery, 'cursor' | 'limit' | 'order'>;

/**
 * The one case filter a list or a count runs with: the community asked for (when in scope), else
 * the caller's street, community or department. A department sees only what was dispatched to it.
 */
export function caseFilter(s: Scope, dir: Directory, communityId?: string): Result<CaseFilter> {
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

export function scopeName(dir: Directory, f: CaseFilter): string {
  if (f.departmentId) return dir.departments.get(f.departmentId)?.name ?? '职能部门';
  if (f.communityId) return dir.communities.get(f.communityId)?.name ?? f.communityId;
  if (f.streetId) return dir.streets.get(f.streetId)?.name ?? f.streetId;
  return '';
}

/** Every case of a filter, 200 a page; bounded so that a runaway query cannot exhaust memory. */
export async function loadAll(store: Store, f: CaseFilter, maxPages = 100): Promise<Case[]> {
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

/** A grid the caller may manage, or the refusal. */
export function manageableGrid(call: AdminCall, gridId: string): Result<Grid> {
  const g = call.dir.grids.get(gridId);
  if (!g) return fail('PLACE.NOT_FOUND', '网格不存在');
  if (!inCommunity(call.scope, call.dir, g.communityId)) return fail('AUTH.FORBIDDEN', '只能管理本社区的网格');
  return ok(g);
}
