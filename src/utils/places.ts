import type { Building, Community, Grid } from '../services/api-types';

/** A chosen place; any level may still be open. */
export interface PlaceChoice {
  communityId?: string;
  gridId?: string;
  buildingId?: string;
}

export interface ResolvedPlace {
  community?: Community;
  grid?: Grid;
  building?: Building;
}

/**
 * Looks a choice up in the current place tree. Ids that no longer exist are dropped, and a level
 * with exactly one option is chosen by itself so that nobody has to tap the obvious.
 */
export function resolvePlace(communities: Community[], choice: PlaceChoice): ResolvedPlace {
  const community = communities.find((c) => c.id === choice.communityId) ?? (communities.length === 1 ? communities[0] : undefined);
  if (!community) return {};
  const grids = community.grids;
  const grid = grids.find((g) => g.id === choice.gridId) ?? (grids.length === 1 ? grids[0] : undefined);
  if (!grid) return { community };
  const buildings = grid.buildings;
  const building = buildings.find((b) => b.id === choice.buildingId) ?? (buildings.length === 1 ? buildings[0] : undefined);
  return { community, grid, building };
}

/** 幸福社区 · 第一网格 · 3栋 */
export function placeLabel(place: ResolvedPlace): string {
  return [place.community?.name, place.grid?.name, place.building?.name].filter(Boolean).join(' · ');
}

export const toChoice = (place: ResolvedPlace): PlaceChoice => ({
  communityId: place.community?.id,
  gridId: place.grid?.id,
  buildingId: place.building?.id,
});
