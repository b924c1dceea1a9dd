/** 民生微实事 on the board (in `board`): results and delivery, never a voter (see micro-projects.ts). */
import * as z from 'zod';
import { fail, ok } from '../../core/errors';
import { id } from '../validation';
import { action } from './define';
import { viewsOf } from './micro-projects';

// ——— board ———

export const microProjectBoardActions = {
  /** 民生微实事 on the board: every round of a community (or the street) with live or final results and the delivery of projects taken up. */
  microProjects: action({
    auth: 'public',
    input: z.strictObject({ communityId: id.optional() }),
    run: async (input, call) => {
      if (input.communityId && !call.dir.communities.get(input.communityId)?.active) return fail('PLACE.NOT_FOUND', '社区不存在');
      const rounds = await call.deps.store.listRef('voteRounds', input.communityId ? { communityId: input.communityId } : {});
      const items = await viewsOf(call, rounds);
      const delivering = items.flatMap((r) =>
        r.projects
          .filter((p) => p.stage !== null)
          .map((p) => ({ ...p, roundId: r.id, roundTitle: r.title, communityName: r.communityName })),
      );
      return ok({ items, delivering });
    },
  }),
};
