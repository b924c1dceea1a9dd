/** The 满意度测评 on the board (in `board`): results with their denominators, approved suggestions only (see satisfaction-survey.ts). */
import * as z from 'zod';
import { fail, ok } from '../../core/errors';
import { localDateOf } from '../../core/working-days';
import { id } from '../validation';
import { action, type Call } from './define';
import { newestFirst, resultsView, surveysWithAnswers } from './satisfaction-survey';

// ——— board ———

async function boardResults(call: Call, communityId?: string) {
  const surveys = (await call.deps.store.listRef('surveys', communityId ? { communityId } : {})).sort(newestFirst);
  const today = localDateOf(call.now);
  return (await surveysWithAnswers(call.deps.store, surveys)).map(([s, a]) => resultsView(s, a, today, call.dir, 'public'));
}

export const surveyBoardActions = {
  /** 满意度测评 on the board: per community and grid, each figure over its responses; only approved suggestions. */
  surveyResults: action({
    auth: 'public',
    input: z.strictObject({ communityId: id.optional() }),
    run: async (input, call) => {
      if (input.communityId && !call.dir.communities.get(input.communityId)?.active) return fail('PLACE.NOT_FOUND', '社区不存在');
      return ok({ items: await boardResults(call, input.communityId) });
    },
  }),
};
