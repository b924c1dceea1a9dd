/**
 * The organisation and configuration every handler needs: places, categories, policies,
 * departments and the working-day calendar. Small and read on almost every call, so it is cached
 * per store for a few seconds and dropped at once when an admin changes it.
 */
import { POLICY_PRESETS, type TimePolicy } from '../../core/time-policy';
import { ROLE_NAMES, type Category, type Member, type MemberRole } from '../../core/model';
import { overriddenRole } from '../../core/route-case';
import type { WorkCalendar } from '../../core/working-days';
import { buildCalendar } from '../calendar';
import type { Building, Community, Department, Grid, StoredPolicy, Street } from '../store/ref-docs';
import type { Store } from '../store/store.port';

export interface Directory {
  streets: Map<string, Street>;
  communities: Map<string, Community>;
  grids: Map<string, Grid>;
  buildings: Map<string, Building>;
  categories: Map<string, Category>;
  departments: Map<string, Department>;
  policies: Map<string, StoredPolicy>;
  calendar: WorkCalendar;
  loadedAt: number;
}

const TTL_MS = 10_000;
const cache = new WeakMap<Store, Directory>();

export function invalidateDirectory(store: Store): void {
  cache.delete(store);
}

const byId = <T extends { id: string }>(items: T[]): Map<string, T> => new Map(items.map((i) => [i.id, i]));

export async function loadDirectory(store: Store, nowMs: number): Promise<Directory> {
  const hit = cache.get(store);
  if (hit && nowMs - hit.loadedAt < TTL_MS && nowMs >= hit.loadedAt) return hit;
  const [streets, communities, grids, buildings, categories, departments, policies, holidays] = await Promise.all([
    store.listRef('streets'),
    store.listRef('communities'),
    store.listRef('grids'),
    store.listRef('buildings'),
    store.listRef('categories'),
    store.listRef('departments'),
    store.listRef('policies'),
    store.listRef('holidays'),
  ]);
  const dir: Directory = {
    streets: byId(streets),
    communities: byId(communities),
    grids: byId(grids),
    buildings: byId(buildings),
    categories: byId(categories),
    departments: byId(departments),
    policies: byId(policies),
    calendar: buildCalendar(holidays),
    loadedAt: nowMs,
  };
  cache.set(store, dir);
  return dir;
}

/** The policy a community runs; the 三日办结 preset when it names none that exists. */
export function policyFor(dir: Directory, communityId: string): TimePolicy {
  const c = dir.communities.get(communityId);
  return (c && dir.policies.get(c.policyId)) ?? dir.policies.get('three-day') ?? POLICY_PRESETS[0]!;
}

export function placeName(
  dir: Directory,
  p: { communityId: string; gridId: string; buildingId?: string; location?: { address: string } },
): string {
  const parts = [dir.communities.get(p.communityId)?.name, dir.grids.get(p.gridId)?.name];
  if (p.buildingId) parts.push(dir.buildings.get(p.buildingId)?.name);
  else if (p.location) parts.push(p.location.address);
  return parts.filter(Boolean).join(' ');
}

export async function gridMembers(store: Store, gridId: string): Promise<Member[]> {
  return store.listRef('members', { gridId });
}

/** A role and its Chinese name, as the pages show it. */
export interface RoleView {
  role: MemberRole;
  roleName: string;
}

/**
 * The communities that route a category to a role of their own, by community id, with that role;
 * empty when every community uses the category's default role.
 */
export function roleByCommunity(dir: Directory, category: Pick<Category, 'id'>): Record<string, RoleView> {
  return Object.fromEntries(
    [...dir.communities.values()].flatMap((c) => {
      const role = overriddenRole(category.id, c);
      return role ? [[c.id, { role, roleName: ROLE_NAMES[role] }] as const] : [];
    }),
  );
}
