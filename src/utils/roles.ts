import { MEMBER_ROLES, ROLE_NAMES, type MemberRole } from '../../core/model';

/** Chinese names of the roles (the core's list), for the persona picker and the 我的 page. */
export { ROLE_NAMES };

export const roleName = (role: string): string => (ROLE_NAMES as Record<string, string>)[role] ?? role;

/** What each of the five roles helps with, in the short words residents are shown. */
const SHOWN: Record<MemberRole, { duty: string }> = {
  party_leader: { duty: '政策宣传，关爱退役军人、烈属和困难群众' },
  resident_leader: { duty: '邻里和家庭纠纷调解，召集院坝会' },
  grid_worker: { duty: '巡查安全隐患，突发事件，帮办代办' },
  owners_committee: { duty: '物业服务纠纷，公共设施，维修资金' },
  building_steward: { duty: '楼栋水电、电梯、楼道灯维修，保洁，垃圾分类' },
};

/** The five roles of a grid's group (the core's list and names) and what each helps with (shown to residents). */
export const FIVE_ROLES: ReadonlyArray<{ role: MemberRole; name: string; duty: string }> = MEMBER_ROLES.map((role) => ({
  role,
  name: ROLE_NAMES[role],
  ...SHOWN[role],
}));

/** The five roles as choices on the staff pages (assign, transfer, add a member, route a category). */
export const ROLE_CHOICES: ReadonlyArray<{ value: MemberRole; label: string }> = FIVE_ROLES.map((r) => ({ value: r.role, label: r.name }));

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
