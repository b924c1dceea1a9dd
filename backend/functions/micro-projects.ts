/**
 * 民生微实事: the community posts a voting round of candidate service projects, residents of the
 * community vote from the resident home, the board shows the results live and final and follows
 * the projects taken up to delivery (core/micro-projects.ts holds the rules). Three action maps, each
 * registered with one spread in its function:
 * - `microProjectAdminActions` (in `admin`): post and change a round, list rounds with their tallies,
 *   record a project's delivery (立项 → 实施中 → 已完成);
 * - `microProjectResidentActions` (in `resident`): the open rounds of the resident's community and
 *   their own ballot, and the vote itself (one ballot per round and person, created insert-if-absent);
 * - `microProjectBoardActions` (in `board`): rounds with their results and delivery, never a voter.
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import {
  DELIVERY_STAGES,
  DELIVERY_STAGE_NAMES,
  MAX_PROJECTS_PER_ROUND,
  MAX_VOTES_PER_PERSON,
  ROUND_STATE_NAMES,
  advanceDelivery,
  checkRoundPlan,
  deliveryStage,
  roundState,
  tallyRound,
  type Ballot,
  type MicroProject,
  type VoteRound,
} from '../../core/micro-projects';
import { localDateOf } from '../../core/working-days';
import type { Actor } from '../../core/model';
import type { Directory } from '../services/directory';
import { personalId } from '../services/residence';
import { id, localDate, photos, requiredText, text } from '../validation';
import { action, type AuthedCall, type Call } from './define';

export const NOT_FOUND = '投票不存在或已删除';

/** The id of a person's ballot in a round: the round and a digest of the openid (ids stay short and safe). */
export const ballotId = (roundId: string, openid: string): string => personalId(roundId, openid);

const keepsRounds = (actor: Actor, round: { streetId: string; communityId: string }): boolean =>
  actor.grants.some(
    (g) =>
      (g.role === 'street_admin' && g.streetId === round.streetId) || (g.role === 'community_admin' && g.communityId === round.communityId),
  );

/** The communities whose rounds the caller keeps; a given one must be among them. */
function keptCommunities(actor: Actor, dir: Directory, communityId?: string): Result<string[]> {
  const kept = [...dir.communities.values()]
    .filter((c) => keepsRounds(actor, { streetId: c.streetId, communityId: c.id }))
    .map((c) => c.id);
  if (kept.length === 0) return fail('AUTH.FORBIDDEN', '仅社区或街道管理员可以管理民生微实事');
  if (communityId === undefined) return ok(kept);
  if (!kept.includes(communityId)) return fail('AUTH.FORBIDDEN', '只能管理本社区（街道）的民生微实事');
  return ok([communityId]);
}

/** A round as everyone sees it: dates, state, projects with their votes and delivery; never a voter. */
export function roundView(round: VoteRound, ballots: readonly Ballot[], today: string, dir: Directory) {
  const tally = tallyRound(round, ballots);
  const byProject = new Map(tally.projects.map((t) => [t.projectId, t]));
  const state = roundState(round, today);
  return {
    id: round.id,
    communityId: round.communityId,
    communityName: dir.communities.get(round.communityId)?.name ?? '',
    title: round.title,
    opensOn: round.opensOn,
    closesOn: round.closesOn,
    votesPerPerson: round.votesPerPerson,
    state,
    stateName: ROUND_STATE_NAMES[state],
    /** `final` once the round closed; until then the figures are live. */
    final: state === 'closed',
    voters: tally.voters,
    votes: tally.votes,
    projects: round.projects
      .map((p) => {
        const t = byProject.get(p.id);
        const stage = deliveryStage(p);
        return {
          id: p.id,
          title: p.title,
          description: p.description,
          cost: p.cost,
          provider: p.provider,
          photos: p.photos,
          votes: t?.votes ?? 0,
          share: t?.share ?? 0,
          rank: t?.rank ?? 1,
          stage: stage ?? null,
          stageName: stage ? DELIVERY_STAGE_NAMES[stage] : '',
          delivery: p.delivery.map((d) => ({ ...d, stageName: DELIVERY_STAGE_NAMES[d.stage] })),
        };
      })
      .sort((a, b) => a.rank - b.rank),
  };
}
export type RoundView = ReturnType<typeof roundView>;

export async function viewsOf(call: Call, rounds: VoteRound[]): Promise<RoundView[]> {
  const today = localDateOf(call.now);
  const ballots = await Promise.all(rounds.map((r) => call.deps.store.listRef('ballots', { roundId: r.id })));
  return rounds
    .map((r, i) => roundView(r, ballots[i] ?? [], today, call.dir))
    .sort((a, b) => (a.opensOn === b.opensOn ? a.id.localeCompare(b.id) : b.opensOn.localeCompare(a.opensOn)));
}

/** Photos nested in projects are checked as the dispatcher checks a top-level `photos`. */
async function ownsAll(call: AuthedCall, fileIds: string[]): Promise<Result<void>> {
  if (!call.deps.ownsUploads || fileIds.length === 0) return ok(undefined);
  const owned = await call.deps.ownsUploads(fileIds, call.actor.openid);
  if (owned === true) return ok(undefined);
  if (owned === false) return fail('FILE.NOT_FOUND', '照片不存在或不是您上传的，请重新上传');
  return { ok: false, error: owned };
}

// ——— admin ———

const projectInput = z.strictObject({
  id: id.optional(),
  title: requiredText(40, 2),
  description: requiredText(500, 5),
  cost: z.number().int().min(0).max(100_000_000),
  provider: requiredText(60),
  photos: photos.optional(),
});

const roundInput = z.strictObject({
  roundId: id.optional(),
  communityId: id,
  title: requiredText(40, 2),
  opensOn: localDate,
  closesOn: localDate,
  votesPerPerson: z.number().int().min(1).max(MAX_VOTES_PER_PERSON),
  projects: z.array(projectInput).min(1).max(MAX_PROJECTS_PER_ROUND),
});

export const microProjectAdminActions = {
  /** The rounds of the caller's community (or of every community of their street), newest first, with live tallies. */
  voteRounds: action({
    auth: 'user',
    input: z.strictObject({ communityId: id.optional() }),
    run: async (input, call) => {
      const kept = keptCommunities(call.actor, call.dir, input.communityId);
      if (!kept.ok) return kept;
      const rounds = (await Promise.all(kept.value.map((c) => call.deps.store.listRef('voteRounds', { communityId: c })))).flat();
      return ok({
        items: await viewsOf(call, rounds),
        communities: kept.value.map((c) => ({ id: c, name: call.dir.communities.get(c)?.name ?? '' })),
      });
    },
  }),

  /** Posts a round, or changes one that has not opened yet (its projects, dates and votes per person). */
  voteRoundSave: action({
    auth: 'user',
    input: roundInput,
    run: async (input, call) => {
      const community = call.dir.communities.get(input.communityId);
      if (!community?.active) return fail('PLACE.NOT_FOUND', '社区不存在');
      const kept = keptCommunities(call.actor, call.dir, community.id);
      if (!kept.ok) return kept;
      const today = localDateOf(call.now);
      const existing = input.roundId ? await call.deps.store.getRef('voteRounds', input.roundId) : undefined;
      if (input.roundId && (!existing || existing.communityId !== community.id)) return fail('VOTE.NOT_FOUND', NOT_FOUND);
      if (existing && roundState(existing, today) !== 'upcoming') return fail('VOTE.STARTED', '投票已开始，不能再修改候选项目和规则');
      const plan = checkRoundPlan(input, today, existing === undefined);
      if (!plan.ok) return plan;
      const owned = await ownsAll(
        call,
        input.projects.flatMap((p) => p.photos ?? []),
      );
      if (!owned.ok) return owned;
      const before = new Map((existing?.projects ?? []).map((p) => [p.id, p]));
      if (input.projects.some((p) => p.id !== undefined && !before.has(p.id))) return fail('INPUT.INVALID', '候选项目不在本轮投票中');
      const projects: MicroProject[] = input.projects.map((p) => ({
        id: p.id ?? call.deps.newId('J'),
        title: p.title.trim(),
        description: p.description.trim(),
        cost: p.cost,
        provider: p.provider.trim(),
        photos: p.photos ?? [],
        delivery: [],
      }));
      const round: VoteRound = {
        id: existing?.id ?? call.deps.newId('V'),
        streetId: community.streetId,
        communityId: community.id,
        title: input.title.trim(),
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        votesPerPerson: input.votesPerPerson,
        projects,
        createdBy: existing?.createdBy ?? call.actor.openid,
        createdAt: existing?.createdAt ?? call.now.toISOString(),
      };
      await call.deps.store.putRef('voteRounds', round);
      return ok(roundView(round, [], today, call.dir));
    },
  }),

  /** Moves a project of a closed round on to its next delivery stage (立项 → 实施中 → 已完成), with the day and photos. */
  projectDelivery: action({
    auth: 'user',
    input: z.strictObject({
      roundId: id,
      projectId: id,
      stage: z.enum(DELIVERY_STAGES),
      on: localDate,
      note: text(200).optional(),
      photos: photos.optional(),
    }),
    run: async (input, call) => {
      const round = await call.deps.store.getRef('voteRounds', input.roundId);
      if (!round || !keepsRounds(call.actor, round)) {
        const any = keptCommunities(call.actor, call.dir);
        return any.ok ? fail('VOTE.NOT_FOUND', NOT_FOUND) : any;
      }
      const project = round.projects.find((p) => p.id === input.projectId);
      if (!project) return fail('VOTE.NOT_FOUND', '项目不存在');
      const today = localDateOf(call.now);
      const note = input.note?.trim();
      const next = advanceDelivery(
        round,
        project,
        { stage: input.stage, on: input.on, photos: input.photos ?? [], ...(note ? { note } : {}) },
        today,
      );
      if (!next.ok) return next;
      const updated: VoteRound = { ...round, projects: round.projects.map((p) => (p.id === project.id ? next.value : p)) };
      await call.deps.store.putRef('voteRounds', updated);
      return ok((await viewsOf(call, [updated]))[0]);
    },
  }),
};
