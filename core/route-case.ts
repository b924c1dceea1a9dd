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

/**
 * What belongs in each default category, in residents' words. 设施维修, 公共设施 and 物业服务 overlap
 * in people's minds but go to different members, so their examples draw the line: inside one's
 * building (楼栋物管员), the estate's shared facilities (业委会成员), the property company's service
 * (业委会成员).
 */
export const CATEGORY_EXAMPLES: Readonly<Record<string, string>> = {
  设施维修: '楼栋里的东西坏了：楼道灯、水管、电梯、单元门、门禁',
  环境卫生: '脏乱差：垃圾没清运、楼道堆杂物、绿化带有垃圾',
  垃圾分类: '垃圾投放点：桶坏了、满了、有人不分类',
  安全隐患: '可能出事的：楼道充电、消防通道堵了、燃气味、墙体裂缝',
  帮办代办: '请人帮忙办事：社保认证、居住证、老人代办',
  邻里纠纷: '和邻居之间：噪音、漏水、养狗、占用公共区域',
  家庭矛盾: '家里的事：赡养、婚姻、子女教育（默认不公开）',
  物业服务: '对物业公司的意见：保洁不到位、收费、维修拖着不办、服务态度',
  公共设施: '小区公共场地的设施：健身器材、道闸、座椅、围墙、路灯',
  困难帮扶: '生活有困难：独居老人、重病、低保、临时困难（默认不公开）',
  政策咨询: '想问政策：高龄津贴、老旧小区改造、医保社保',
  其他: '不知道选哪个，就选这里：网格员会帮您转给合适的人',
};

/** A category's examples: its own, else the default for its name, else none. */
export const categoryExamples = (c: Pick<Category, 'name' | 'examples'>): string => c.examples ?? CATEGORY_EXAMPLES[c.name] ?? '';

/** The name of the category for 「不知道选哪个」: it goes to the grid worker, who passes it on. */
export const UNSURE_CATEGORY_NAME = '其他';

/**
 * The category 「不知道选哪个」 files under: the active one named 其他, else the first active
 * non-dispute category the grid worker takes (routing depends on the category, so it must be one).
 */
export function unsureCategory<C extends Pick<Category, 'name' | 'role' | 'kind' | 'active' | 'order'>>(
  categories: readonly C[],
): C | undefined {
  const active = categories.filter((c) => c.active).sort((a, b) => a.order - b.order);
  return active.find((c) => c.name === UNSURE_CATEGORY_NAME) ?? active.find((c) => c.role === 'grid_worker' && c.kind === 'demand');
}

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
