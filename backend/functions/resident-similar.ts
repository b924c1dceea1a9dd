/**
 * 已有相同问题，是否附议？ While a resident reports, open public cases of the same category near
 * the place they chose are offered for 附议 instead of a duplicate: near a building (the building
 * and its neighbours within SIMILAR_RADIUS_M), or near a point picked on the map (every case
 * within SIMILAR_POINT_RADIUS_M of it, `core/similar-nearby.ts`). Another person's words appear
 * only as approved public text; the resident's own cases are marked, to follow rather than second.
 * Registered into `resident` by a spread.
 */
import * as z from 'zod';
import { fail, ok } from '../../core/errors';
import { OPEN_STATUSES, type Case } from '../../core/model';
import { distanceLabel, nearestBuildings, SIMILAR_RADIUS_M } from '../../core/geo';
import { casesNear, SIMILAR_MAX, SIMILAR_POINT_RADIUS_M } from '../../core/similar-nearby';
import { DESCRIPTION_KEY } from '../../core/public-text';
import type { Directory } from '../services/directory';
import { caseCard, publicTextView } from '../services/views';
import type { Store } from '../store/store.port';
import { id } from '../validation';
import { action } from './define';

/** 附议 suggestions look into at most this many buildings around the chosen one (itself included). */
const SIMILAR_BUILDINGS = 6;
/** Around a map point: the chosen grid and the grids of the nearest buildings, at most this many. */
const SIMILAR_GRIDS = 4;
/** Open public cases of the category read per grid around a map point, newest first. */
const SIMILAR_PER_GRID = 50;

const openPublic = (categoryId: string) => ({ categoryId, statuses: [...OPEN_STATUSES], isPublic: true, order: 'created_desc' as const });

/** One offered case: the public card, and the words the asker may read. */
function similarItem(c: Case, dir: Directory, openid: string, where: { sameBuilding: boolean; metres: number }) {
  const mine = c.reporter.openid === openid;
  const buildingId = c.place.buildingId;
  return {
    ...caseCard(c, dir),
    // Another person's words only as approved public text (审核后公开).
    description: mine ? c.description : (({ text, textNote }) => text ?? textNote ?? '')(publicTextView(c, DESCRIPTION_KEY)),
    mine,
    supported: c.supporters.includes(openid),
    sameBuilding: where.sameBuilding,
    // Away from the chosen place: how far, and which building (none for a case at a map point).
    ...(where.sameBuilding
      ? {}
      : {
          distance: distanceLabel(where.metres),
          ...(buildingId === undefined ? {} : { buildingName: dir.buildings.get(buildingId)?.name ?? '' }),
        }),
  };
}

/** The open public cases of a category in the building and the buildings around it, the same building first. */
async function nearBuilding(store: Store, dir: Directory, categoryId: string, buildingId: string) {
  const here = dir.buildings.get(buildingId);
  const around =
    here?.latitude !== undefined && here.longitude !== undefined
      ? nearestBuildings(
          { latitude: here.latitude, longitude: here.longitude },
          [...dir.buildings.values()].filter((b) => b.active && b.streetId === here.streetId),
          { limit: SIMILAR_RADIUS_M, count: SIMILAR_BUILDINGS },
        )
      : undefined;
  const metresTo = new Map<string, number>([[buildingId, 0]]);
  if (around?.kind === 'near') for (const n of around.items) metresTo.set(n.item.id, n.metres);
  const pages = await Promise.all([...metresTo.keys()].map((b) => store.listCases({ ...openPublic(categoryId), buildingId: b, limit: 5 })));
  return pages
    .flatMap((p) => p.items)
    .map((c) => ({ c, metres: metresTo.get(c.place.buildingId ?? '') ?? 0 }))
    .sort((a, b) => a.metres - b.metres || b.c.createdAt.localeCompare(a.c.createdAt))
    .slice(0, SIMILAR_MAX)
    .map(({ c, metres }) => ({ c, sameBuilding: c.place.buildingId === buildingId, metres }));
}

/**
 * The open public cases of a category within SIMILAR_POINT_RADIUS_M of a point: those of the grid
 * the resident chose and of the grids of the buildings nearest the point (a case is read by its
 * grid, the index the cloud has), placed at their building or at their own map point.
 */
async function nearPoint(store: Store, dir: Directory, categoryId: string, gridId: string, point: { latitude: number; longitude: number }) {
  const grid = dir.grids.get(gridId)!;
  const around = nearestBuildings(
    point,
    [...dir.buildings.values()].filter((b) => b.active && b.streetId === grid.streetId),
    { limit: SIMILAR_POINT_RADIUS_M, count: Number.MAX_SAFE_INTEGER },
  );
  const grids = [...new Set([gridId, ...(around.kind === 'near' ? around.items.map((n) => n.item.gridId) : [])])].slice(0, SIMILAR_GRIDS);
  const pages = await Promise.all(grids.map((g) => store.listCases({ ...openPublic(categoryId), gridId: g, limit: SIMILAR_PER_GRID })));
  const near = casesNear(
    point,
    pages.flatMap((p) => p.items),
    (b) => dir.buildings.get(b),
  );
  return near.map(({ item: c, metres }) => ({ c, sameBuilding: false, metres }));
}

const coordinate = (min: number, max: number) => z.number().min(min).max(max);

export const residentSimilarActions = {
  /**
   * 已有相同问题，是否附议？ Near a building: its open public cases of the category, then those of
   * the buildings within SIMILAR_RADIUS_M. Near a point on the map (a grid and the point, as a map
   * report is filed): every open public case of the category within SIMILAR_POINT_RADIUS_M.
   */
  findSimilar: action({
    auth: 'user',
    input: z.strictObject({
      categoryId: id,
      buildingId: id.optional(),
      gridId: id.optional(),
      point: z.strictObject({ latitude: coordinate(-90, 90), longitude: coordinate(-180, 180) }).optional(),
    }),
    run: async (input, { deps, dir, actor }) => {
      let found: { c: Case; sameBuilding: boolean; metres: number }[];
      if (input.buildingId) found = await nearBuilding(deps.store, dir, input.categoryId, input.buildingId);
      else if (input.gridId && input.point) {
        const g = dir.grids.get(input.gridId);
        if (!g || !g.active) return fail('PLACE.NOT_FOUND', '请选择有效的网格');
        found = await nearPoint(deps.store, dir, input.categoryId, g.id, input.point);
      } else return fail('PLACE.INVALID', '请选择楼栋，或选择网格并在地图上选点');
      return ok({ items: found.map(({ c, sameBuilding, metres }) => similarItem(c, dir, actor.openid, { sameBuilding, metres })) });
    },
  }),
};
