import { adminApi, type Duration } from '../../services/admin-api';

/** What the config sections share: unit names and the communities in scope. */

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
