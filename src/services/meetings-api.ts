import type { Input, Output } from '../../backend/contract';
import { call } from './call';

/**
 * 院坝会 / 议事日 (backend/functions/meetings.ts): records kept by the community's members and
 * admins, issues raised filed as cases (channel 院坝会); the board gets counts only. The shapes are
 * the server's own (backend/contract.ts; `import type`, erased at build).
 */
export type MeetingList = Output<'community', 'meetingList'>;
export type MeetingSummary = MeetingList['items'][number];
export type MeetingDetail = Output<'community', 'meetingDetail'>;
export type MeetingRecordInput = Input<'community', 'meetingRecord'>;
export type MeetingKind = MeetingRecordInput['kind'];
export type MeetingCounts = Output<'board', 'meetingCounts'>;
export type FileIssue = Input<'community', 'meetingFileIssues'>['issues'][number];

export const meetingsApi = {
  list: (filter: { communityId?: string; month?: string; gridId?: string }) =>
    call('community', 'meetingList', Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as typeof filter),
  detail: (meetingId: string) => call('community', 'meetingDetail', { meetingId }),
  record: (input: MeetingRecordInput) => call('community', 'meetingRecord', input),
  fileIssues: (meetingId: string, issues: FileIssue[]) => call('community', 'meetingFileIssues', { meetingId, issues }),
  /** The month's or quarter's 院坝会台账 (.xlsx), admins only (backend/functions/meetings-ledger.ts). */
  ledger: (period: string, communityId?: string) => call('community', 'meetingLedger', { period, ...(communityId ? { communityId } : {}) }),
  counts: (scope: { communityId?: string; gridId?: string }) =>
    call('board', 'meetingCounts', {
      ...(scope.communityId ? { communityId: scope.communityId } : {}),
      ...(scope.gridId ? { gridId: scope.gridId } : {}),
    }),
};
