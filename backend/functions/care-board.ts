/** 走访关爱 on the public board: counts only, never a person (core/care-visits.ts `careCounts`). */
import * as z from 'zod';
import { careCounts } from '../../core/care-visits';
import { ok } from '../../core/errors';
import { boardScope } from '../services/board-scope';
import { localDateOf } from '../../core/working-days';
import { id } from '../validation';
import { action } from './define';

export const careBoardActions = {
  /** 走访关爱 on the board: 走访人次 this month and year, people covered; never a person. */
  careCounts: action({
    auth: 'public',
    input: z.strictObject({ communityId: id.optional(), gridId: id.optional() }),
    run: async (input, { deps, dir, now }) => {
      const scope = boardScope(dir, input);
      if (!scope.ok) return scope;
      const where = scope.value;
      const [visits, subjects] = await Promise.all([deps.store.listRef('careVisits', where), deps.store.listRef('careSubjects', where)]);
      return ok(careCounts(visits, subjects, localDateOf(now)));
    },
  }),
};
