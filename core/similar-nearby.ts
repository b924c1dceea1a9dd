/**
 * 已有相同问题，是否附议？ for a point picked on the map: which open cases lie near it. A case is
 * on the map at its building's point, or at the point its reporter picked; a case with neither
 * (a building without coordinates) cannot be placed and is never offered.
 *
 * Pure: the caller passes the cases and the buildings' points in.
 */
import { distanceMetres, type LatLng, type Nearby } from './geo';

/**
 * 附议 suggestions for a point on the map: open cases within this distance of it. Smaller than the
 * building-to-building `SIMILAR_RADIUS_M`: a map point marks the problem itself, not the middle of
 * a building that spans a hundred metres (docs/decisions.md).
 */
export const SIMILAR_POINT_RADIUS_M = 200;
/** How many suggestions are offered at most (the building path offers as many). */
export const SIMILAR_MAX = 5;

export interface PlacedCase {
  id: string;
  createdAt: string;
  place: { buildingId?: string; location?: LatLng };
}

/** Where a case stands on the map: its building's point, else the point picked for it. */
export function casePoint(place: PlacedCase['place'], buildingPoint: (id: string) => Partial<LatLng> | undefined): LatLng | undefined {
  if (place.buildingId !== undefined) {
    const b = buildingPoint(place.buildingId);
    return typeof b?.latitude === 'number' && typeof b.longitude === 'number'
      ? { latitude: b.latitude, longitude: b.longitude }
      : undefined;
  }
  const p = place.location;
  return p && Number.isFinite(p.latitude) && Number.isFinite(p.longitude) ? { latitude: p.latitude, longitude: p.longitude } : undefined;
}

/**
 * The cases within `radius` metres of `from`, nearest first, the newer first at the same distance
 * (then by id, so the answer is stable), each once, at most `count`.
 */
export function casesNear<C extends PlacedCase>(
  from: LatLng,
  cases: readonly C[],
  buildingPoint: (id: string) => Partial<LatLng> | undefined,
  { radius = SIMILAR_POINT_RADIUS_M, count = SIMILAR_MAX }: { radius?: number; count?: number } = {},
): Nearby<C>[] {
  const seen = new Set<string>();
  const near: Nearby<C>[] = [];
  for (const c of cases) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const at = casePoint(c.place, buildingPoint);
    if (!at) continue;
    const metres = distanceMetres(from, at);
    if (metres <= radius) near.push({ item: c, metres });
  }
  return near
    .sort(
      (a, b) =>
        a.metres - b.metres ||
        b.item.createdAt.localeCompare(a.item.createdAt) ||
        (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0),
    )
    .slice(0, count);
}
