/**
 * Places on the map: distances between points, the buildings nearest a resident, and checks of
 * coordinates typed by an admin.
 *
 * Coordinates are GCJ-02, as WeChat's location APIs return them and as Chinese maps show them.
 * Pure: the caller passes every point in.
 */
import { fail, ok, type Result } from './errors';

export interface LatLng {
  latitude: number;
  longitude: number;
}

/** Mean Earth radius in metres (IUGG), what the haversine formula assumes. */
const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres between two points (haversine). */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * How far a building may be from the resident and still be offered as "where you are": a street's
 * buildings are tens to a few hundred metres apart, and a phone's fix indoors is off by up to about
 * 100 m. Past this the resident is somewhere else (or the fix is wrong), so no building is guessed
 * and the list is shown instead.
 */
export const NEAR_LIMIT_M = 500;
/** How many nearby buildings are offered at once. */
export const NEAR_COUNT = 3;
/** 附议 suggestions: open cases in the same category in buildings within this distance. */
export const SIMILAR_RADIUS_M = 300;

export interface Located extends LatLng {
  id: string;
}

export interface Nearby<T> {
  item: T;
  metres: number;
}

export type NearestAnswer<T> =
  /** Buildings within `NEAR_LIMIT_M`, nearest first. */
  | { kind: 'near'; items: Nearby<T>[] }
  /** None within reach: the nearest one and how far it is, to say so. */
  | { kind: 'far'; nearest: Nearby<T> }
  /** No building of the street has coordinates yet. */
  | { kind: 'none' };

/**
 * The buildings nearest a point, nearest first (ties by id, so the answer is stable), at most
 * `count`, within `limit` metres. Buildings without coordinates are skipped.
 */
export function nearestBuildings<T extends Partial<LatLng> & { id: string }>(
  from: LatLng,
  buildings: readonly T[],
  { limit = NEAR_LIMIT_M, count = NEAR_COUNT }: { limit?: number; count?: number } = {},
): NearestAnswer<T> {
  const measured = buildings
    .filter((b): b is T & LatLng => typeof b.latitude === 'number' && typeof b.longitude === 'number')
    .map((b) => ({ item: b as T, metres: distanceMetres(from, b) }))
    .sort((x, y) => x.metres - y.metres || (x.item.id < y.item.id ? -1 : x.item.id > y.item.id ? 1 : 0));
  if (!measured.length) return { kind: 'none' };
  const near = measured.filter((m) => m.metres <= limit).slice(0, count);
  return near.length ? { kind: 'near', items: near } : { kind: 'far', nearest: measured[0]! };
}

/** Ids of the buildings within `radius` metres of `center` (the building itself included). */
export function buildingsWithin<T extends Partial<LatLng> & { id: string }>(
  center: LatLng,
  buildings: readonly T[],
  radius: number,
): string[] {
  const answer = nearestBuildings(center, buildings, { limit: radius, count: Number.MAX_SAFE_INTEGER });
  return answer.kind === 'near' ? answer.items.map((n) => n.item.id) : [];
}

/** 80 米 · 1.2 公里: a distance as people say it. */
export function distanceLabel(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)}米`;
  const km = metres / 1000;
  return `${km < 10 ? km.toFixed(1) : Math.round(km)}公里`;
}

/**
 * China's extent in GCJ-02 (the mainland, Hainan and the South China Sea islands): a point outside
 * is a typo (latitude and longitude swapped, a missing digit) or not a place this system serves.
 */
export const CHINA_BOUNDS = { minLat: 3.8, maxLat: 53.6, minLng: 73.5, maxLng: 135.1 } as const;

/** Checks a building's coordinates as typed by an admin, with a Chinese message naming the problem. */
export function checkCoordinates(p: LatLng): Result<LatLng> {
  const { latitude, longitude } = p;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return fail('PLACE.INVALID', '请填写数字形式的纬度和经度');
  const inChina = (lat: number, lng: number) =>
    lat >= CHINA_BOUNDS.minLat && lat <= CHINA_BOUNDS.maxLat && lng >= CHINA_BOUNDS.minLng && lng <= CHINA_BOUNDS.maxLng;
  if (!inChina(latitude, longitude) && inChina(longitude, latitude))
    return fail('PLACE.INVALID', '纬度和经度好像填反了：纬度在前（如 29.4），经度在后（如 106.3）');
  if (latitude < -90 || latitude > 90) return fail('PLACE.INVALID', '纬度应在 -90 到 90 之间');
  if (longitude < -180 || longitude > 180) return fail('PLACE.INVALID', '经度应在 -180 到 180 之间');
  if (!inChina(latitude, longitude)) return fail('PLACE.INVALID', '这个位置不在中国境内，请检查纬度和经度（例如 29.4, 106.3）');
  // Six decimals are about 0.1 m: more is noise, and keeps stored documents small.
  return ok({ latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 });
}
