import { adminApi, type Duration } from '../../services/admin-api';
import type { MemberRole } from '../../services/member-api';

/** The pieces the config sections share: role and unit names, the communities in scope, one save at a time. */

export const ROLES: ReadonlyArray<{ value: MemberRole; label: string }> = [
  { value: 'party_leader', label: '党小组长' },
  { value: 'resident_leader', label: '居民小组长' },
  { value: 'grid_worker', label: '网格员' },
  { value: 'owners_committee', label: '业委会成员' },
  { value: 'building_steward', label: '楼栋物管员' },
];
export const roleLabel = (role: MemberRole): string => ROLES.find((r) => r.value === role)?.label ?? role;

export const UNITS: ReadonlyArray<{ value: Duration['unit']; label: string }> = [
  { value: 'minutes', label: '分钟' },
  { value: 'hours', label: '小时' },
  { value: 'workdays', label: '工作日' },
];
export const durationText = (d: Duration): string => `${d.amount}${UNITS.find((u) => u.value === d.unit)?.label ?? d.unit}`;

export interface CommunityRef {
  id: string;
  name: string;
}

/** The communities the admin may configure, in the order the grids list them. */
export async function loadCommunities(): Promise<CommunityRef[]> {
  const g = await adminApi.listGrids();
  const m = new Map<string, string>();
  for (const grid of g.items) m.set(grid.communityId, grid.communityName);
  return [...m.entries()].map(([id, name]) => ({ id, name }));
}
