/**
 * 「用我的位置」 and 常用地点 on the report page: the street's buildings nearest a point, and the
 * places a resident reported from before. Pure: the point and the place tree are passed in.
 */
import { distanceLabel, NEAR_LIMIT_M, nearestBuildings, type LatLng } from '../../core/geo';
import type { Community } from '../services/api-types';
import { placeLabel, resolvePlace, type PlaceChoice } from './places';

export interface PlaceOption {
  choice: Required<PlaceChoice>;
  /** 渝园社区 · 第一网格 · 1栋 */
  label: string;
  /** 约80米, for a building found by location. */
  distance?: string;
}

interface FlatBuilding {
  id: string;
  latitude?: number;
  longitude?: number;
  choice: Required<PlaceChoice>;
  label: string;
}

function flatten(communities: Community[]): FlatBuilding[] {
  return communities.flatMap((c) =>
    c.grids.flatMap((g) =>
      g.buildings.map((b) => ({
        id: b.id,
        latitude: b.latitude,
        longitude: b.longitude,
        choice: { communityId: c.id, gridId: g.id, buildingId: b.id },
        label: placeLabel({ community: c, grid: g, building: b }),
      })),
    ),
  );
}

export type LocateAnswer = { kind: 'near'; options: PlaceOption[] } | { kind: 'far' | 'none'; message: string };

/** What to offer once the resident's position is known. */
export function placesNear(point: LatLng, communities: Community[]): LocateAnswer {
  const answer = nearestBuildings(point, flatten(communities));
  switch (answer.kind) {
    case 'near':
      return {
        kind: 'near',
        options: answer.items.map((n) => ({ choice: n.item.choice, label: n.item.label, distance: `约${distanceLabel(n.metres)}` })),
      };
    case 'far':
      return {
        kind: 'far',
        message: `您附近${NEAR_LIMIT_M}米内没有本街道登记的楼栋（最近的是${answer.nearest.item.label}，约${distanceLabel(answer.nearest.metres)}）。请在下面的列表中选择，或确认您在本街道内。`,
      };
    default:
      return { kind: 'none', message: '本街道的楼栋还没有登记位置，请在下面的列表中选择楼栋。' };
  }
}

/** How many remembered places are kept. */
export const RECENT_MAX = 3;

/** The remembered places after reporting from `choice`: it first, no duplicates, at most RECENT_MAX. */
export function rememberPlace(recent: readonly PlaceChoice[], choice: PlaceChoice): PlaceChoice[] {
  if (!choice.buildingId) return [...recent];
  return [choice, ...recent.filter((p) => p.buildingId !== choice.buildingId)].slice(0, RECENT_MAX);
}

/** Remembered places that still exist, as options (a stopped building drops out). */
export function recentOptions(recent: readonly PlaceChoice[], communities: Community[]): PlaceOption[] {
  const options: PlaceOption[] = [];
  for (const p of recent) {
    const r = resolvePlace(communities, p);
    if (r.community && r.grid && r.building && r.building.id === p.buildingId)
      options.push({ choice: { communityId: r.community.id, gridId: r.grid.id, buildingId: r.building.id }, label: placeLabel(r) });
  }
  return options;
}
