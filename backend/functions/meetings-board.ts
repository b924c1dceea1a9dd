/** 院坝会 / 议事日 on the public board: counts only, never a topic, a name or a word said (core/meetings.ts `meetingCounts`). */
import * as z from 'zod';
import { fail, ok } from '../../core/errors';
import { meetingCounts } from '../../core/meetings';
import type { CaseStatus } from '../../core/model';
import { localDateOf } from '../../core/working-days';
import { id } from '../validation';
import { action } from './define';

export const meetingBoardActions = {
  /** 会议 N 场 this month and this year, issues raised, cases made of them and how many are done. */
  meetingCounts: action({
    auth: 'public',
    input: z.strictObject({ communityId: id.optional(), gridId: id.optional() }),
    run: async (input, { deps, dir, now }) => {
      if (input.communityId && !dir.communities.get(input.communityId)?.active) return fail('PLACE.NOT_FOUND', '社区不存在');
      const grid = input.gridId ? dir.grids.get(input.gridId) : undefined;
      if (input.gridId && (!grid?.active || (input.communityId && grid.communityId !== input.communityId)))
        return fail('PLACE.NOT_FOUND', '网格不存在');
      const today = localDateOf(now);
      const year = today.slice(0, 4);
      const meetings = (
        await deps.store.listRef('meetings', grid ? { gridId: grid.id } : input.communityId ? { communityId: input.communityId } : {})
      ).filter((m) => m.heldOn.startsWith(year));
      const ids = meetings.flatMap((m) => m.issues.flatMap((i) => (i.caseId ? [i.caseId] : [])));
      const cases = await Promise.all(ids.map((cid) => deps.store.getCase(cid)));
      const status = new Map<string, CaseStatus>(cases.flatMap((c) => (c ? [[c.id, c.status] as const] : [])));
      return ok(meetingCounts(meetings, (cid) => status.get(cid), today));
    },
  }),
};
