/** The organisation of `admin`: grids, buildings, members, invites and the street's departments. */
import { compareNames } from '../../../core/place-names';
import * as z from 'zod';
import { randomInt } from 'node:crypto';
import { fail, ok, type Result } from '../../../core/errors';
import { MEMBER_ROLES, OPEN_STATUSES, ROLE_DUTIES, ROLE_NAMES, type Case, type Member } from '../../../core/model';
import { routeCase } from '../../../core/route-case';
import type { Directory } from '../../services/directory';
import type { Community, Grid } from '../../store/ref-docs';
import { id, phone, requiredText } from '../../validation';
import { ADMINS, staffAction, inCommunity, communitiesOf, streetIdsOf, manageableGrid, type AdminCall } from './scope';
import { act } from './cases';
import { gridWorkload } from '../../services/case-service';
import { writeRef, updateRef } from './ref-writes';

const households = z.number().int().min(1).max(100000);
const placeName = requiredText(30);
const personName = requiredText(20);
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
  const load = await gridWorkload(deps.store, stopped.gridId);
  const openWork = { ...load.openWork };
  let rerouted = 0;
  for (const c of held) {
    const route = routeCase({ role: stopped.role, because: '', ...load, openWork, exclude: [stopped.id] });
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

async function manageableMember(call: AdminCall, memberId: string): Promise<Result<Member>> {
  const m = await call.deps.store.getRef('members', memberId);
  if (!m || !inCommunity(call.scope, call.dir, m.communityId)) return fail('MEMBER.NOT_FOUND', '成员不存在或不属于本社区');
  return ok(m);
}

/** Invite codes: 8 characters without 0/O, 1/I/L, so they can be read out over the phone. */
const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newInviteCode = (): string => Array.from({ length: 8 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('');

const listGridsInput = z.strictObject({ communityId: id.optional() });

export async function listGrids(input: z.infer<typeof listGridsInput>, call: AdminCall) {
  const { dir, deps, scope } = call;
  const communities = communitiesOf(scope, dir, input.communityId);
  if (!communities.ok) return communities;
  const items = [];
  for (const c of communities.value) {
    const members = await deps.store.listRef('members', { communityId: c.id });
    const grids = [...dir.grids.values()].filter((g) => g.communityId === c.id).sort((a, b) => compareNames(a.name, b.name));
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
          .sort((a, b) => compareNames(a.name, b.name))
          .map((b) => ({ id: b.id, name: b.name, active: b.active, latitude: b.latitude, longitude: b.longitude })),
        members: own.map((m) => memberView(m, dir)),
        missingRoles: MEMBER_ROLES.filter((r) => !present.has(r)).map((r) => ({ role: r, roleName: ROLE_NAMES[r] })),
      });
    }
  }
  return ok({ items });
}

const createGridInput = z.strictObject({ communityId: id, name: placeName, households });

export async function createGrid(input: z.infer<typeof createGridInput>, call: AdminCall) {
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
}

const updateGridInput = z.strictObject({
  gridId: id,
  name: placeName.optional(),
  households: households.optional(),
  active: z.boolean().optional(),
});

export async function updateGrid(input: z.infer<typeof updateGridInput>, call: AdminCall) {
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
}

const deactivateGridInput = z.strictObject({ gridId: id });

/** Stops a grid and its buildings taking new reports; its open cases go on being handled. */
export async function deactivateGrid(input: z.infer<typeof deactivateGridInput>, call: AdminCall) {
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
}

const createBuildingInput = z.strictObject({ gridId: id, name: placeName });

export async function createBuilding(input: z.infer<typeof createBuildingInput>, call: AdminCall) {
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
}

const updateBuildingInput = z.strictObject({
  buildingId: id,
  name: placeName.optional(),
  gridId: id.optional(),
  active: z.boolean().optional(),
});

export async function updateBuilding(input: z.infer<typeof updateBuildingInput>, call: AdminCall) {
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
}

const deactivateBuildingInput = z.strictObject({ buildingId: id });

export async function deactivateBuilding(input: z.infer<typeof deactivateBuildingInput>, call: AdminCall) {
  const b = call.dir.buildings.get(input.buildingId);
  if (!b || !inCommunity(call.scope, call.dir, b.communityId)) return fail('PLACE.NOT_FOUND', '楼栋不存在或不属于本社区');
  await writeRef(call.deps.store, 'buildings', { ...b, active: false });
  return ok({ buildingId: b.id, active: false });
}

const listMembersInput = z.strictObject({ communityId: id.optional(), gridId: id.optional() });

export async function listMembers(input: z.infer<typeof listMembersInput>, call: AdminCall) {
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
}

const createMemberInput = z.strictObject({ gridId: id, role: z.enum(MEMBER_ROLES), name: personName, phone: phone.optional() });

export async function createMember(input: z.infer<typeof createMemberInput>, call: AdminCall) {
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
}

const updateMemberInput = z.strictObject({
  memberId: id,
  name: personName.optional(),
  phone: phone.optional(),
  onDuty: z.boolean().optional(),
});

export async function updateMember(input: z.infer<typeof updateMemberInput>, call: AdminCall) {
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
}

const deactivateMemberInput = z.strictObject({ memberId: id });

/** Stops a member: no new tasks, and the bound WeChat account loses the role. */
export async function deactivateMember(input: z.infer<typeof deactivateMemberInput>, call: AdminCall) {
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
}

const createInviteInput = z.strictObject({ memberId: id });

/** A one-time code the member enters in the app to bind their WeChat account. */
export async function createInvite(input: z.infer<typeof createInviteInput>, call: AdminCall) {
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
}

const listDepartmentsInput = z.strictObject({});

export async function listDepartments(_i: z.infer<typeof listDepartmentsInput>, call: AdminCall) {
  const streets = streetIdsOf(call.scope, call.dir);
  return ok({
    items: [...call.dir.departments.values()]
      .filter((d) => streets.has(d.streetId))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
      .map((d) => ({ id: d.id, name: d.name, active: d.active, categoryIds: d.categoryIds ?? [] })),
  });
}

export const organisationActions = {
  listGrids: staffAction(ADMINS, listGridsInput, listGrids),
  createGrid: staffAction(ADMINS, createGridInput, createGrid),
  updateGrid: staffAction(ADMINS, updateGridInput, updateGrid),
  deactivateGrid: staffAction(ADMINS, deactivateGridInput, deactivateGrid),
  createBuilding: staffAction(ADMINS, createBuildingInput, createBuilding),
  updateBuilding: staffAction(ADMINS, updateBuildingInput, updateBuilding),
  deactivateBuilding: staffAction(ADMINS, deactivateBuildingInput, deactivateBuilding),
  listMembers: staffAction(ADMINS, listMembersInput, listMembers),
  createMember: staffAction(ADMINS, createMemberInput, createMember),
  updateMember: staffAction(ADMINS, updateMemberInput, updateMember),
  deactivateMember: staffAction(ADMINS, deactivateMemberInput, deactivateMember),
  createInvite: staffAction(ADMINS, createInviteInput, createInvite),
  listDepartments: staffAction(ADMINS, listDepartmentsInput, listDepartments),
};
