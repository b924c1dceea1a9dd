/**
 * Which communities a resident counts for (民生微实事 votes, the 满意度测评): the building or grid
 * they bound (the place the app remembers; 首页 binds a grid) and the buildings they reported from.
 * The bound place is the resident's own word, as everywhere in the app; reported cases are on record.
 */
import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../../core/errors';
import { residentCommunities } from '../../core/micro-projects';
import type { Directory } from './directory';
import type { Store } from '../store/store.port';
import { id } from '../validation';

/** The id of one person's document in something (a ballot in a round, an answer to a survey): short, safe, unguessable from outside. */
export function personalId(of: string, openid: string): string {
  return `${of}_${createHash('sha256').update(openid, 'utf8').digest('base64url').slice(0, 22)}`;
}

/** Where the resident lives as the app remembers it: a building, or at least a grid. */
export const boundPlace = { buildingId: id.optional(), gridId: id.optional() };

/**
 * The communities the caller counts for, each with the grid they count in: the building (or grid)
 * they bound, and the buildings they reported from.
 */
export async function communitiesOf(
  store: Store,
  dir: Directory,
  openid: string,
  bound: { buildingId?: string; gridId?: string },
): Promise<Result<Map<string, string>>> {
  const building = bound.buildingId ? dir.buildings.get(bound.buildingId) : undefined;
  if (bound.buildingId && !building?.active) return fail('PLACE.NOT_FOUND', '楼栋不存在，请在首页重新选择所在网格');
  const grid = dir.grids.get(building?.gridId ?? bound.gridId ?? '');
  if (bound.gridId && !building && !grid?.active) return fail('PLACE.NOT_FOUND', '网格不存在，请在首页重新选择所在网格');
  const page = await store.listCases({ reporterOpenid: openid, limit: 50 });
  /** Community → the grid the resident counts in there. */
  const reported = new Map<string, string>();
  for (const c of page.items) if (!reported.has(c.place.communityId)) reported.set(c.place.communityId, c.place.gridId);
  const ids = residentCommunities([...reported.keys()], grid?.communityId);
  const out = new Map<string, string>();
  for (const c of ids) out.set(c, grid?.communityId === c ? grid.id : reported.get(c)!);
  return ok(out);
}
