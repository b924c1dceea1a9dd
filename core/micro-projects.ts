/**
 * 民生微实事: service projects residents vote on, and the winners tracked to delivery.
 *
 * A community posts a voting round with candidate projects; each resident of the community casts
 * one ballot per round naming at most `votesPerPerson` distinct projects. A round is open from
 * `opensOn` to `closesOn` (China-local days, both included). After it closes the community takes
 * projects up (立项) and records their delivery: 立项 → 实施中 → 已完成, each with its date.
 * Pure rules; "today" is always passed in.
 */
import { fail, ok, type Result } from './errors';

export const MAX_PROJECTS_PER_ROUND = 12;
export const MAX_VOTES_PER_PERSON = 5;
/** A round may run at most this many days. */
export const MAX_ROUND_DAYS = 92;

export const DELIVERY_STAGES = ['approved', 'in_progress', 'done'] as const;
export type DeliveryStage = (typeof DELIVERY_STAGES)[number];
export const DELIVERY_STAGE_NAMES: Record<DeliveryStage, string> = {
  approved: '立项',
  in_progress: '实施中',
  done: '已完成',
};

export interface DeliveryStep {
  stage: DeliveryStage;
  /** China-local day the stage was reached. */
  on: string;
  note?: string;
  photos: string[];
}

export interface MicroProject {
  id: string;
  title: string;
  description: string;
  /** Estimated cost in yuan. */
  cost: number;
  provider: string;
  photos: string[];
  /** The delivery so far, in stage order; empty until the community takes the project up. */
  delivery: DeliveryStep[];
}

export interface VoteRound {
  id: string;
  streetId: string;
  communityId: string;
  title: string;
  /** China-local days, both included. */
  opensOn: string;
  closesOn: string;
  votesPerPerson: number;
  projects: MicroProject[];
  createdBy: string;
  createdAt: string;
}

/** One resident's ballot in one round: written once, never changed (its id is the round and the person). */
export interface Ballot {
  id: string;
  roundId: string;
  communityId: string;
  openid: string;
  projectIds: string[];
  /** The grid the resident voted as a resident of (of the building or grid they bound, or reported from). */
  gridId: string;
  at: string;
}

export type RoundState = 'upcoming' | 'open' | 'closed';
export const ROUND_STATE_NAMES: Record<RoundState, string> = { upcoming: '未开始', open: '投票中', closed: '已结束' };

export function roundState(round: Pick<VoteRound, 'opensOn' | 'closesOn'>, today: string): RoundState {
  if (today < round.opensOn) return 'upcoming';
  if (today > round.closesOn) return 'closed';
  return 'open';
}

const dayNumber = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/** Whether a round's dates and limits can be saved (a new round may not start in the past). */
export function checkRoundPlan(
  plan: Pick<VoteRound, 'opensOn' | 'closesOn' | 'votesPerPerson'> & { projects: readonly unknown[] },
  today: string,
  isNew: boolean,
): Result<void> {
  if (plan.closesOn < plan.opensOn) return fail('INPUT.INVALID', '投票截止日期不能早于开始日期');
  if (isNew && plan.opensOn < today) return fail('INPUT.INVALID', '投票开始日期不能早于今天');
  if (dayNumber(plan.closesOn) - dayNumber(plan.opensOn) + 1 > MAX_ROUND_DAYS)
    return fail('INPUT.INVALID', `一轮投票最长 ${MAX_ROUND_DAYS} 天`);
  if (plan.projects.length < 2) return fail('INPUT.INVALID', '一轮投票至少要有 2 个候选项目');
  if (plan.projects.length > MAX_PROJECTS_PER_ROUND) return fail('INPUT.INVALID', `一轮投票最多 ${MAX_PROJECTS_PER_ROUND} 个候选项目`);
  if (plan.votesPerPerson < 1 || plan.votesPerPerson > Math.min(MAX_VOTES_PER_PERSON, plan.projects.length - 1))
    return fail('INPUT.INVALID', '每人可投票数须至少 1 票，且少于候选项目数');
  return ok(undefined);
}

/** Whether a ballot naming these projects may be cast in the round today. */
export function checkBallot(round: VoteRound, projectIds: readonly string[], today: string): Result<void> {
  const state = roundState(round, today);
  if (state === 'upcoming') return fail('VOTE.NOT_OPEN', `投票尚未开始，${round.opensOn} 开始`);
  if (state === 'closed') return fail('VOTE.CLOSED', '投票已结束，不能再投票');
  if (projectIds.length === 0) return fail('INPUT.INVALID', '请至少选择 1 个项目');
  if (new Set(projectIds).size !== projectIds.length) return fail('INPUT.INVALID', '同一个项目只能投 1 票');
  if (projectIds.length > round.votesPerPerson) return fail('VOTE.TOO_MANY', `本轮每人最多投 ${round.votesPerPerson} 票`);
  const known = new Set(round.projects.map((p) => p.id));
  if (projectIds.some((p) => !known.has(p))) return fail('INPUT.INVALID', '所选项目不在本轮候选项目中');
  return ok(undefined);
}

export interface ProjectTally {
  projectId: string;
  votes: number;
  /** Share of the ballots that named the project, 0–1 (0 when nobody voted). */
  share: number;
  /** Place by votes (ties share a place). */
  rank: number;
}

export interface RoundTally {
  /** Residents who voted. */
  voters: number;
  /** Votes cast (a voter may cast several). */
  votes: number;
  projects: ProjectTally[];
}

/** The votes of a round per project, most votes first; ballots of other rounds or unknown projects are ignored. */
export function tallyRound(round: VoteRound, ballots: readonly Ballot[]): RoundTally {
  const counts = new Map(round.projects.map((p) => [p.id, 0]));
  let voters = 0;
  let votes = 0;
  for (const b of ballots) {
    if (b.roundId !== round.id) continue;
    voters++;
    for (const p of new Set(b.projectIds)) {
      const n = counts.get(p);
      if (n === undefined) continue;
      counts.set(p, n + 1);
      votes++;
    }
  }
  const order = round.projects
    .map((p, i) => ({ projectId: p.id, votes: counts.get(p.id) ?? 0, i }))
    .sort((a, b) => b.votes - a.votes || a.i - b.i);
  return {
    voters,
    votes,
    projects: order.map((x) => ({
      projectId: x.projectId,
      votes: x.votes,
      share: voters === 0 ? 0 : x.votes / voters,
      rank: 1 + order.filter((y) => y.votes > x.votes).length,
    })),
  };
}

/** The stage a project has reached, if any. */
export const deliveryStage = (p: MicroProject): DeliveryStage | undefined => p.delivery[p.delivery.length - 1]?.stage;

/**
 * The project with its delivery moved on to `stage`: only after the round closed, one stage at a
 * time in order (立项 → 实施中 → 已完成), never back, each on or after the day of the one before.
 */
export function advanceDelivery(round: VoteRound, project: MicroProject, step: DeliveryStep, today: string): Result<MicroProject> {
  if (roundState(round, today) !== 'closed') return fail('VOTE.NOT_CLOSED', '投票结束后才能立项');
  if (step.on > today) return fail('INPUT.INVALID', '日期不能晚于今天');
  if (step.on < round.closesOn) return fail('INPUT.INVALID', '日期不能早于投票截止日期');
  const current = deliveryStage(project);
  const expected = DELIVERY_STAGES[current === undefined ? 0 : DELIVERY_STAGES.indexOf(current) + 1];
  if (expected === undefined) return fail('PROJECT.DONE', '该项目已完成');
  if (step.stage !== expected) return fail('PROJECT.ORDER', `下一步应为「${DELIVERY_STAGE_NAMES[expected]}」`);
  const last = project.delivery[project.delivery.length - 1];
  if (last && step.on < last.on) return fail('INPUT.INVALID', `日期不能早于「${DELIVERY_STAGE_NAMES[last.stage]}」的 ${last.on}`);
  if (step.stage === 'done' && step.photos.length === 0) return fail('INPUT.INVALID', '项目完成须上传至少 1 张照片');
  return ok({ ...project, delivery: [...project.delivery, step] });
}

/**
 * The communities a resident counts for: those of the buildings they reported from, and of the
 * building they bound (their remembered place), when given.
 */
export function residentCommunities(reportedFrom: readonly string[], bound?: string): Set<string> {
  const out = new Set(reportedFrom);
  if (bound) out.add(bound);
  return out;
}
