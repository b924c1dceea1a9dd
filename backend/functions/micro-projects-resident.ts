/** 民生微实事 for residents (in `resident`): their community's rounds and the vote (see micro-projects.ts). */
import * as z from 'zod';
import { fail, ok } from '../../core/errors';
import { MAX_VOTES_PER_PERSON, checkBallot, type Ballot } from '../../core/micro-projects';
import { localDateOf } from '../../core/working-days';
import { boundPlace, communitiesOf } from '../services/residence';
import { id } from '../validation';
import { action } from './define';
import { NOT_FOUND, ballotId, viewsOf } from './micro-projects';

// ——— resident ———

function ballotView(b: Ballot | undefined) {
  return b ? { projectIds: b.projectIds, at: b.at } : null;
}

export const microProjectResidentActions = {
  /** The rounds of the resident's community (open and upcoming, and closed ones of the last 30 days) with their own ballot. */
  myVoteRounds: action({
    auth: 'user',
    input: z.strictObject(boundPlace),
    run: async (input, call) => {
      const mine = await communitiesOf(call.deps.store, call.dir, call.actor.openid, input);
      if (!mine.ok) return mine;
      const rounds = (
        await Promise.all([...mine.value.keys()].map((c) => call.deps.store.listRef('voteRounds', { communityId: c })))
      ).flat();
      const today = localDateOf(call.now);
      const views = await viewsOf(call, rounds);
      const ballots = await Promise.all(views.map((r) => call.deps.store.getRef('ballots', ballotId(r.id, call.actor.openid))));
      return ok({
        items: views.map((r, i) => ({ ...r, myBallot: ballotView(ballots[i]), canVote: r.state === 'open' && !ballots[i] })),
        today,
      });
    },
  }),

  /** One ballot per round and person, naming at most the round's votes per person, each project once; never changed. */
  castVote: action({
    auth: 'user',
    input: z.strictObject({ roundId: id, projectIds: z.array(id).min(1).max(MAX_VOTES_PER_PERSON), ...boundPlace }),
    run: async (input, call) => {
      const round = await call.deps.store.getRef('voteRounds', input.roundId);
      if (!round) return fail('VOTE.NOT_FOUND', NOT_FOUND);
      const mine = await communitiesOf(call.deps.store, call.dir, call.actor.openid, input);
      if (!mine.ok) return mine;
      const gridId = mine.value.get(round.communityId);
      if (!gridId)
        return fail(
          'VOTE.NOT_RESIDENT',
          `仅${call.dir.communities.get(round.communityId)?.name ?? '本社区'}的居民可以投票，请在首页选择所在网格`,
        );
      const today = localDateOf(call.now);
      const allowed = checkBallot(round, input.projectIds, today);
      if (!allowed.ok) return allowed;
      const ballot: Ballot = {
        id: ballotId(round.id, call.actor.openid),
        roundId: round.id,
        communityId: round.communityId,
        openid: call.actor.openid,
        projectIds: input.projectIds,
        gridId,
        at: call.now.toISOString(),
      };
      const created = await call.deps.store.createRef('ballots', ballot);
      if (!created) return fail('VOTE.ALREADY_VOTED', '您已参加本轮投票，每人只能投一次');
      return ok({ myBallot: ballotView(ballot), round: (await viewsOf(call, [round]))[0] });
    },
  }),
};
