/** 院坝会 / 议事日 on the public board: counts only, never a topic, a name or a word said (core/meetings.ts `meetingCounts`). */
import * as z from 'zod';
import { ok } from '../../core/errors';
import { meetingCounts } from '../../core/meetings';
import type { CaseStatus } from '../../core/model';
import { localDateOf } from '../../core/working-days';
import { id } from '../validation';
import { boardScope } from '../services/board-scope';
import { action } from './define';

export const meetingBoardActions = {
  /** 会议 N 场 this month and this year, issues raised, cases made of them and how many are done. */
  meetingCounts: action({
    auth: 'public',
    input: z.strictObject({ communityId: id.optional(), gridId: id.optional() }),
    run: async (input, { deps, dir, now }) => {
      const scope = boardScope(dir, input);
      if (!scope.ok) return scope;
      const today = localDateOf(now);
      const year = today.slice(0, 4);
      const meetings = (await deps.store.listRef('meetings', scope.value)).filter((m) => m.heldOn.startsWith(year));
      const ids = meetings.flatMap((m) => m.issues.flatMap((i) => (i.caseId ? [i.caseId] : [])));
      const cases = await Promise.all(ids.map((cid) => deps.store.getCase(cid)));
      const status = new Map<string, CaseStatus>(cases.flatMap((c) => (c ? [[c.id, c.status] as const] : [])));
      return ok(meetingCounts(meetings, (cid) => status.get(cid), today));
    },
  }),
};
