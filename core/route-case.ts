/**
 * Routing: category → responsible role (the community's override, else the category's default) →
 * the member of that role in the case's grid (least open work first; off-duty and inactive members
 * skipped) → fallback grid worker → the community dispatch queue. Every route explains itself in
 * Chinese for the timeline.
 */
import { ROLE_NAMES, type Category, type Member, type MemberRole } from './model';
import { maskPersonName } from './masking';

/** The default category → role table of DOMAIN.md; admins edit the stored copy. */
export const DEFAULT_CATEGORIES: readonly Omit<Category, 'id'>[] = [
  { name: '设施维修', role: 'building_steward', kind: 'demand', defaultPublic: true, icon: '🔧', active: true, order: 1 },
  { name: '环境卫生', role: 'building_steward', kind: 'demand', defaultPublic: true, icon: '🧹', active: true, order: 2 },
  { name: '垃圾分类', role: 'building_steward', kind: 'demand', defaultPublic: true, icon: '🗑️', active: true, order: 3 },
  { name: '安全隐患', role: 'grid_worker', kind: 'hazard', defaultPublic: true, icon: '⚠️', active: true, order: 4 },
  { name: '帮办代办', role: 'grid_worker', kind: 'demand', defaultPublic: false, icon: '📋', active: true, order: 5 },
  { name: '邻里纠纷', role: 'resident_leader', kind: 'dispute', defaultPublic: false, icon: '🤝', active: true, order: 6 },
  { name: '家庭矛盾', role: 'resident_leader', kind: 'dispute', defaultPublic: false, icon: '🏠', active: true, order: 7 },
  { name: '物业服务', role: 'owners_committee', kind: 'demand', defaultPublic: true, icon: '🏢', active: true, order: 8 },
  { name: '公共设施', role: 'owners_committee', kind: 'demand', defaultPublic: true, icon: '🪑', active: true, order: 9 },
  { name: '困难帮扶', role: 'party_leader', kind: 'demand', defaultPublic: false, icon: '❤️', active: true, order: 10 },
  { name: '政策咨询', role: 'party_leader', kind: 'demand', defaultPublic: true, icon: '📢', active: true, order: 11 },
  { name: '其他', role: 'grid_worker', kind: 'demand', defaultPublic: true, icon: '💬', active: true, order: 12 },
];

export type Route = { kind: 'member'; member: Member; explanation: string } | { kind: 'queue'; explanation: string };

export interface RouteInput {
  /** The role wanted: the category's role, or the role a case is transferred to. */
  role: MemberRole;
  /** Why that role: `按类别「设施维修」` or `转派`. */
  because: string;
  gridId: string;
  /** Members of the grid (others are ignored). */
  members: readonly Member[];
  /** Open cases each member holds now, by member id (absent = 0). */
  openWork: Readonly<Record<string, number>>;
  /** Members never to pick (the current holder on transfer). */
  exclude?: readonly string[];
  /** Fall back to the grid worker when nobody of the role can take it (default true). */
  fallback?: boolean;
}

function candidates(input: RouteInput, role: MemberRole): Member[] {
  return input.members
    .filter((m) => m.gridId === input.gridId && m.role === role && m.active && m.onDuty && !input.exclude?.includes(m.id))
    .sort((a, b) => (input.openWork[a.id] ?? 0) - (input.openWork[b.id] ?? 0) || a.id.localeCompare(b.id));
}

export function routeCase(input: RouteInput): Route {
  const first = candidates(input, input.role)[0];
  if (first) {
    return { kind: 'member', member: first, explanation: `${input.because}派给${ROLE_NAMES[first.role]} ${maskPersonName(first.name)}` };
  }
  if (input.fallback !== false && input.role !== 'grid_worker') {
    const worker = candidates(input, 'grid_worker')[0];
    if (worker) {
      return {
        kind: 'member',
        member: worker,
        explanation: `${input.because}应派给${ROLE_NAMES[input.role]}，暂无在岗人员，转由网格员 ${maskPersonName(worker.name)} 办理`,
      };
    }
  }
  return { kind: 'queue', explanation: `${input.because}应派给${ROLE_NAMES[input.role]}，网格内暂无在岗人员，进入社区待派单队列` };
}

/** A community's own choice of role for some categories (category id → role), set by its admin. */
export interface CategoryRoles {
  categoryRoles?: Readonly<Record<string, MemberRole>>;
}

/**
 * The role a category goes to in a community: the community's override when it has one, else the
 * category's default role (the street's).
 */
export function roleForCategory(category: Pick<Category, 'id' | 'role'>, community?: CategoryRoles): MemberRole {
  return overriddenRole(category.id, community) ?? category.role;
}

/** The role a community gives a category of its own accord, if it does. */
export function overriddenRole(categoryId: string, community?: CategoryRoles): MemberRole | undefined {
  const roles = community?.categoryRoles;
  // Own keys only: a category id such as `constructor` must not find Object.prototype.
  return roles !== undefined && Object.prototype.hasOwnProperty.call(roles, categoryId) ? roles[categoryId] : undefined;
}

/** Routes by category, with the role the case's community gives that category. */
export const routeForCategory = (
  category: Pick<Category, 'id' | 'name' | 'role'>,
  rest: Omit<RouteInput, 'role' | 'because'>,
  community?: CategoryRoles,
): Route => routeCase({ ...rest, role: roleForCategory(category, community), because: `按类别「${category.name}」` });
