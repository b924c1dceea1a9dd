/**
 * 职能部门 as the street admin manages them (issue #18.8): add one (name, what it handles and the
 * categories it is called for, a contact phone), rename or edit it, stop it (no new 吹哨 / 报到; its
 * open cases are listed for the admin to 改派) and restart it, and its accounts — invite codes bound
 * in the app like a member's, and removal. Community admins of the street see the list and change
 * nothing; anyone else is refused before anything is read (`AUTH.FORBIDDEN`).
 *
 * In the `community` function, beside the community's other management screens, so that `admin`
 * stays within its bundle budget.
 */
import * as z from 'zod';
import { randomInt } from 'node:crypto';
import { checkDepartmentCategories, checkDepartmentName, DEPARTMENT_HANDLES_MAX, DEPARTMENT_NAME_MAX } from '../../core/departments';
import { fail, ok, type Result } from '../../core/errors';
import { OPEN_STATUSES, type Case } from '../../core/model';
import type { Account, Department } from '../store/ref-docs';
import { caseCard } from '../services/views';
import { id, phone, text } from '../validation';
import { ADMINS, inCommunity, STREET_ONLY, staffAction, streetIdsOf, type AdminCall } from './admin/scope';
import { updateRef, writeRef } from './admin/ref-writes';

const NOT_FOUND = '部门不存在或不属于本街道';
const handles = text(DEPARTMENT_HANDLES_MAX).refine((s) => Array.from(s.trim()).length <= DEPARTMENT_HANDLES_MAX, {
  message: `过长（最多${DEPARTMENT_HANDLES_MAX}字）`,
});
const categoryIds = z.array(id).max(40);

/** The accounts that log in as a department. */
const accountsOf = (accounts: Account[], departmentId: string) =>
  accounts
    .filter((a) => a.roles.some((r) => r.role === 'department' && r.departmentId === departmentId))
    .map((a) => ({ accountId: a.id, name: a.name, ...(a.phone ? { phone: a.phone } : {}) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));

/** The open cases listed under a department; `waiting`: it is called now and has not taken it further. */
async function openCasesOf(call: AdminCall, departmentId: string) {
  const items: Case[] = [];
  let cursor: string | undefined;
  do {
    const page = await call.deps.store.listCases({ departmentId, statuses: [...OPEN_STATUSES], limit: 50, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 200);
  return items.map((c) => ({
    ...caseCard(c, call.dir),
    communityId: c.place.communityId,
    communityName: call.dir.communities.get(c.place.communityId)?.name ?? '',
    waiting: c.escalation?.level === 'department' && c.escalation.departmentId === departmentId,
  }));
}

/** A department of a street the caller manages (street admin), or the refusal. */
function manageable(call: AdminCall, departmentId: string): Result<Department> {
  const d = call.dir.departments.get(departmentId);
  if (!d || !call.scope.streetIds.has(d.streetId)) return fail('PLACE.NOT_FOUND', NOT_FOUND);
  return ok(d);
}

const streetDepartments = (call: AdminCall, streetId: string): Department[] =>
  [...call.dir.departments.values()].filter((d) => d.streetId === streetId);

const streetCategories = (call: AdminCall) => [...call.dir.categories.values()];

const listInput = z.strictObject({});

/** The street's departments with what they handle, their accounts and open cases; `canManage` for the street admin. */
export async function departmentList(_i: z.infer<typeof listInput>, call: AdminCall) {
  const streets = streetIdsOf(call.scope, call.dir);
  const categories = streetCategories(call);
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const accounts = await call.deps.store.listRef('accounts');
  const departments = [...call.dir.departments.values()]
    .filter((d) => streets.has(d.streetId))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'zh'));
  const items = await Promise.all(
    departments.map(async (d) => ({
      id: d.id,
      name: d.name,
      active: d.active,
      handles: d.handles ?? '',
      ...(d.phone ? { phone: d.phone } : {}),
      categoryIds: d.categoryIds ?? [],
      categoryNames: (d.categoryIds ?? []).map((c) => names.get(c) ?? '').filter(Boolean),
      accounts: accountsOf(accounts, d.id),
      openCases: await call.deps.store.countCases({ departmentId: d.id, statuses: [...OPEN_STATUSES] }),
    })),
  );
  return ok({
    canManage: call.scope.streetIds.size > 0,
    categories: categories
      .filter((c) => c.active)
      .sort((a, b) => a.order - b.order)
      .map((c) => ({ id: c.id, name: c.name })),
    items,
  });
}

const createInput = z.strictObject({
  name: text(DEPARTMENT_NAME_MAX),
  handles: handles.optional(),
  categoryIds: categoryIds.optional(),
  phone: phone.optional(),
});

export async function createDepartment(input: z.infer<typeof createInput>, call: AdminCall) {
  const streetId = call.scope.streetIds.values().next().value!;
  const name = checkDepartmentName(input.name, streetDepartments(call, streetId));
  if (!name.ok) return name;
  const cats = checkDepartmentCategories(input.categoryIds ?? [], streetCategories(call));
  if (!cats.ok) return cats;
  const d: Department = {
    id: call.deps.newId('D'),
    streetId,
    name: name.value,
    active: true,
    ...(input.handles?.trim() ? { handles: input.handles.trim() } : {}),
    ...(cats.value.length ? { categoryIds: cats.value } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
  };
  await writeRef(call.deps.store, 'departments', d);
  return ok(d);
}

const updateInput = z.strictObject({
  departmentId: id,
  name: text(DEPARTMENT_NAME_MAX).optional(),
  handles: handles.optional(),
  categoryIds: categoryIds.optional(),
  /** `null` removes the phone. */
  phone: phone.nullable().optional(),
});

/** Renames a department or changes what it handles and its phone; cases already called keep the old name. */
export async function updateDepartment(input: z.infer<typeof updateInput>, call: AdminCall) {
  const d = manageable(call, input.departmentId);
  if (!d.ok) return d;
  if (input.name === undefined && input.handles === undefined && input.categoryIds === undefined && input.phone === undefined)
    return fail('INPUT.INVALID', '请填写要修改的内容');
  const patch: Partial<Department> = {};
  if (input.name !== undefined) {
    const name = checkDepartmentName(input.name, streetDepartments(call, d.value.streetId), d.value.id);
    if (!name.ok) return name;
    patch.name = name.value;
  }
  if (input.categoryIds !== undefined) {
    const cats = checkDepartmentCategories(input.categoryIds, streetCategories(call));
    if (!cats.ok) return cats;
    patch.categoryIds = cats.value;
  }
  if (input.handles !== undefined) patch.handles = input.handles.trim();
  return ok(
    await updateRef(call.deps.store, 'departments', d.value, (fresh) => {
      const next = { ...fresh, ...patch };
      if (input.phone === null) delete next.phone;
      else if (input.phone !== undefined) next.phone = input.phone;
      return next;
    }),
  );
}

const stopInput = z.strictObject({ departmentId: id });

/** Stops a department: it is no longer offered or accepted for 吹哨 / 报到; its open cases are answered for 改派. */
export async function stopDepartment(input: z.infer<typeof stopInput>, call: AdminCall) {
  const d = manageable(call, input.departmentId);
  if (!d.ok) return d;
  if (!d.value.active) return fail('INPUT.INVALID', `「${d.value.name}」已经停用`);
  await updateRef(call.deps.store, 'departments', d.value, (fresh) => ({ ...fresh, active: false }));
  return ok({ departmentId: d.value.id, active: false, openCases: await openCasesOf(call, d.value.id) });
}

export async function restartDepartment(input: z.infer<typeof stopInput>, call: AdminCall) {
  const d = manageable(call, input.departmentId);
  if (!d.ok) return d;
  if (d.value.active) return fail('INPUT.INVALID', `「${d.value.name}」正在使用，无需启用`);
  const others = streetDepartments(call, d.value.streetId).filter((x) => x.active);
  const name = checkDepartmentName(d.value.name, others, d.value.id);
  if (!name.ok) return name;
  await updateRef(call.deps.store, 'departments', d.value, (fresh) => ({ ...fresh, active: true }));
  return ok({ departmentId: d.value.id, active: true });
}

const casesInput = z.strictObject({ departmentId: id });

/** The open cases listed under a department (a stopped one's are for 改派); community admins see their own community's. */
export async function departmentCases(input: z.infer<typeof casesInput>, call: AdminCall) {
  const d = call.dir.departments.get(input.departmentId);
  if (!d || !streetIdsOf(call.scope, call.dir).has(d.streetId)) return fail('PLACE.NOT_FOUND', NOT_FOUND);
  const items = (await openCasesOf(call, d.id)).filter((c) => inCommunity(call.scope, call.dir, c.communityId));
  return ok({ departmentId: d.id, name: d.name, active: d.active, items });
}

/** Invite codes: 8 characters without 0/O, 1/I/L, read out over the phone (as a member's). */
const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = (): string => Array.from({ length: 8 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('');

const inviteInput = z.strictObject({ departmentId: id });

/** A one-time code: whoever enters it in the app (我的 → 绑定五员身份) logs in as this department. */
export async function departmentInvite(input: z.infer<typeof inviteInput>, call: AdminCall) {
  const d = manageable(call, input.departmentId);
  if (!d.ok) return d;
  if (!d.value.active) return fail('INPUT.INVALID', '该部门已停用，不能生成邀请码');
  const { store } = call.deps;
  let code = newCode();
  for (let i = 0; i < 5 && (await store.getRef('invites', code)); i++) code = newCode();
  if (await store.getRef('invites', code)) return fail('INTERNAL', '邀请码生成失败，请重试');
  await store.putRef('invites', { id: code, departmentId: d.value.id, createdBy: call.actor.openid, createdAt: call.now.toISOString() });
  return ok({ code, departmentId: d.value.id, departmentName: d.value.name });
}

const removeAccountInput = z.strictObject({ departmentId: id, accountId: id });

/** The account no longer logs in as the department (its other roles stay). */
export async function removeDepartmentAccount(input: z.infer<typeof removeAccountInput>, call: AdminCall) {
  const d = manageable(call, input.departmentId);
  if (!d.ok) return d;
  const a = await call.deps.store.getRef('accounts', input.accountId);
  const roles = a?.roles.filter((r) => !(r.role === 'department' && r.departmentId === d.value.id));
  if (!a || !roles || roles.length === a.roles.length) return fail('INPUT.INVALID', '该账号不属于本部门');
  await writeRef(call.deps.store, 'accounts', { ...a, roles });
  return ok({ departmentId: d.value.id, accountId: a.id, removed: true });
}

export const departmentActions = {
  departmentList: staffAction(ADMINS, listInput, departmentList),
  departmentCases: staffAction(ADMINS, casesInput, departmentCases),
  createDepartment: staffAction(STREET_ONLY, createInput, createDepartment),
  updateDepartment: staffAction(STREET_ONLY, updateInput, updateDepartment),
  stopDepartment: staffAction(STREET_ONLY, stopInput, stopDepartment),
  restartDepartment: staffAction(STREET_ONLY, stopInput, restartDepartment),
  departmentInvite: staffAction(STREET_ONLY, inviteInput, departmentInvite),
  removeDepartmentAccount: staffAction(STREET_ONLY, removeAccountInput, removeDepartmentAccount),
};
