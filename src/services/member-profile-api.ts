import { callFunction } from './cloud';
import { call } from './call';

/** 公示牌 consent (backend/functions/public-profile.ts): my choices, and the admin's review. */

export interface Reviewed {
  value: string;
  approved: boolean;
}

export interface MemberPublicProfile {
  memberId: string;
  name: string;
  role: string;
  roleName: string;
  gridName: string;
  showFullName: boolean;
  workPhone?: string;
  photo?: Reviewed;
  commitment?: Reviewed;
  /** What the board shows now. */
  board: { name: string; workPhone?: string; commitment?: string; photo?: string };
}

export const memberProfileApi = {
  mine: () => callFunction<MemberPublicProfile>('member', { action: 'myPublicProfile' }),
  save: (input: { showFullName: boolean; workPhone: string | null; commitment: string | null }) =>
    callFunction<MemberPublicProfile>('member', { action: 'setPublicProfile', ...input }),
  pending: () => call('community', 'pendingProfiles'),
  review: (memberId: string, verdict: { commitment?: boolean; photo?: boolean }) =>
    call('community', 'reviewProfile', { memberId, ...verdict }),
};
