/**
 * A department's invite code (made by the street admin in 管理 → 职能部门) binds the WeChat user who
 * enters it as an account of that department: the same code box as a member's invite.
 */
import { fail, ok, type Result } from '../../core/errors';
import { ROLE_NAMES, type MemberRole } from '../../core/model';
import { invalidateDirectory } from '../services/directory';
import type { Invite } from '../store/ref-docs';
import type { AuthedCall } from './define';

export const DEPARTMENT_DUTIES = '街道吹哨、部门报到：按时到场处置派给本部门的诉求，如实填写报到情况。';

/** What binding an invite gave: a member's role in a grid, or a department's account. */
export interface BoundRole {
  memberId?: string;
  departmentId?: string;
  role: MemberRole | 'department';
  roleName: string;
  duties: string;
  gridName?: string;
  communityName?: string;
}

export async function bindDepartmentInvite(
  invite: Invite & { departmentId: string },
  name: string | undefined,
  call: AuthedCall,
): Promise<Result<BoundRole>> {
  const { deps, actor, now } = call;
  const d = await deps.store.getRef('departments', invite.departmentId);
  if (!d || !d.active) return fail('AUTH.INVITE_INVALID', '该部门已停用，邀请码无效');
  const at = now.toISOString();
  const account = (await deps.store.getRef('accounts', actor.openid)) ?? {
    id: actor.openid,
    openid: actor.openid,
    name: name ?? d.name,
    roles: [],
    createdAt: at,
  };
  const roles = account.roles.filter((r) => !(r.role === 'department' && r.departmentId === d.id));
  await deps.store.putRef('accounts', {
    ...account,
    ...(name ? { name } : {}),
    roles: [...roles, { role: 'department', streetId: d.streetId, departmentId: d.id }],
  });
  await deps.store.putRef('invites', { ...invite, usedBy: actor.openid, usedAt: at });
  invalidateDirectory(deps.store);
  return ok({
    departmentId: d.id,
    role: 'department',
    roleName: ROLE_NAMES.department,
    duties: DEPARTMENT_DUTIES,
    communityName: call.dir.streets.get(d.streetId)?.name,
    gridName: d.name,
  });
}
