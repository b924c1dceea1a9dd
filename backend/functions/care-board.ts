/** 走访关爱 on the public board: counts only, never a person (core/care-visits.ts `careCounts`). */
import * as z from 'zod';
import { careCounts } from '../../core/care-visits';
import { fail, ok } from '../../core/errors';
import { localDateOf } from '../../core/working-days';
import { id } from '../validation';
import { action } from './define';

export const careBoardActions = {
  /** 走访关爱 on the board: 走访人次 this month and year, people covered; never a person. */
  careCounts: action({
    auth: 'public',
    input: z.strictObject({ communityId: id.optional(), gridId: id.optional() }),
    run: async (input, { deps, dir, now }) => {
      if (input.communityId && !dir.communities.get(input.communityId)?.active) return fail('PLACE.NOT_FOUND', '社区不存在');
      const grid = input.gridId ? dir.grids.get(input.gridId) : undefined;
      if (input.gridId && (!grid?.active || (input.communityId && grid.communityId !== input.communityId)))
        return fail('PLACE.NOT_FOUND', '网格不存在');
      const where = grid ? { gridId: grid.id } : input.communityId ? { communityId: input.communityId } : {};
      const [visits, subjects] = await Promise.all([deps.store.listRef('careVisits', where), deps.store.listRef('careSubjects', where)]);
      return ok(careCounts(visits, subjects, localDateOf(now)));
    },
  }),
};
