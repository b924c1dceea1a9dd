import type { MemberRole } from '../services/member-api';

/** Chinese names of the roles, for the persona picker and the 我的 page. */
export const ROLE_NAMES: Record<string, string> = {
  resident: '居民',
  party_leader: '党小组长',
  resident_leader: '居民小组长',
  grid_worker: '网格员',
  owners_committee: '业委会成员',
  building_steward: '楼栋物管员',
  community_admin: '社区管理员',
  street_admin: '街道管理员',
  department: '职能部门',
};

export const roleName = (role: string): string => ROLE_NAMES[role] ?? role;

/** The five roles of a grid's group and what each helps with (shown to residents). */
export const FIVE_ROLES: ReadonlyArray<{ role: string; name: string; duty: string }> = [
  { role: 'party_leader', name: '党小组长', duty: '政策宣传，关爱退役军人、烈属和困难群众' },
  { role: 'resident_leader', name: '居民小组长', duty: '邻里和家庭纠纷调解，召集院坝会' },
  { role: 'grid_worker', name: '网格员', duty: '巡查安全隐患，突发事件，帮办代办' },
  { role: 'owners_committee', name: '业委会成员', duty: '物业服务纠纷，公共设施，维修资金' },
  { role: 'building_steward', name: '楼栋物管员', duty: '楼栋水电、电梯、楼道灯维修，保洁，垃圾分类' },
];

/** The five roles as choices on the staff pages (assign, transfer, add a member, route a category). */
export const ROLE_CHOICES: ReadonlyArray<{ value: MemberRole; label: string }> = FIVE_ROLES.map((r) => ({
  value: r.role as MemberRole,
  label: r.name,
}));

/**
 * The name of the role a category goes to in a community: the community's own choice when it made
 * one, else the category's default (also while no community is chosen yet).
 */
export function categoryRoleName(
  category: { roleName: string; roleByCommunity?: Record<string, { roleName: string }> },
  communityId?: string,
): string {
  const own = category.roleByCommunity;
  const mine = communityId !== undefined && own && Object.prototype.hasOwnProperty.call(own, communityId) ? own[communityId] : undefined;
  return mine?.roleName ?? category.roleName;
}
