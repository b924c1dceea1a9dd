import { callFunction } from './cloud';
import { call, type Input } from './call';
import type { RoundView } from '../../backend/functions/micro-projects';

/**
 * 民生微实事 (backend/functions/micro-projects.ts): residents vote on the community's candidate
 * projects, admins post rounds and record delivery, the board shows results and delivery.
 */
export type { RoundView };
export type RoundProject = RoundView['projects'][number];
export type MyRound = RoundView & { myBallot: { projectIds: string[]; at: string } | null; canVote: boolean };
export type DeliveringProject = RoundProject & { roundId: string; roundTitle: string; communityName: string };

/** Where the resident lives as the app remembers it (首页 binds a grid; 上报 may add a building). */
export interface BoundPlace {
  gridId?: string;
  buildingId?: string;
}

export interface ProjectDraft {
  title: string;
  description: string;
  cost: number;
  provider: string;
  photos?: string[];
}

export interface RoundDraft {
  roundId?: string;
  communityId: string;
  title: string;
  opensOn: string;
  closesOn: string;
  votesPerPerson: number;
  projects: ProjectDraft[];
}

const place = (p: BoundPlace) => ({ ...(p.buildingId ? { buildingId: p.buildingId } : {}), ...(p.gridId ? { gridId: p.gridId } : {}) });

export const microProjectsApi = {
  myRounds: (bound: BoundPlace) =>
    callFunction<{ items: MyRound[]; today: string }>('resident', { action: 'myVoteRounds', ...place(bound) }),
  vote: (roundId: string, projectIds: string[], bound: BoundPlace) =>
    callFunction<{ myBallot: { projectIds: string[]; at: string }; round: RoundView }>('resident', {
      action: 'castVote',
      roundId,
      projectIds,
      ...place(bound),
    }),
  rounds: (communityId?: string) => call('community', 'voteRounds', communityId ? { communityId } : {}),
  saveRound: (draft: RoundDraft) => call('community', 'voteRoundSave', draft),
  deliver: (step: Input<'community', 'projectDelivery'>) => call('community', 'projectDelivery', step),
  board: (communityId?: string) =>
    callFunction<{ items: RoundView[]; delivering: DeliveringProject[] }>('board', {
      action: 'microProjects',
      ...(communityId ? { communityId } : {}),
    }),
};
