import type { Input, Output } from '../../backend/contract';
import { CARE_GROUP_NAMES, CARE_GROUPS, type CareGroup, type VisitState } from '../../core/care-visits';
import { call } from './call';

/**
 * 走访关爱 (backend/functions/care.ts): the member's people and visits, the admin's register, the
 * board's counts. The register is staff-only; the board gets counts, never a person. The shapes are
 * the server's own (backend/contract.ts; `import type`, erased at build); the groups the core's list.
 */

export type { CareGroup, VisitState };

export const CARE_GROUP_OPTIONS: ReadonlyArray<{ value: CareGroup; label: string }> = CARE_GROUPS.map((value) => ({
  value,
  label: CARE_GROUP_NAMES[value],
}));

export type CareMine = Output<'member', 'careMine'>;
export type CareSubjectView = CareMine['items'][number];
export type CareDetail = Output<'member', 'careSubject'>;
export type CareVisitView = CareDetail['visits'][number];
export type CareCounts = Output<'board', 'careCounts'>;
export type CareSaveInput = Input<'community', 'careSave'>;

export const careApi = {
  mine: () => call('member', 'careMine'),
  subject: (subjectId: string) => call('member', 'careSubject', { subjectId }),
  recordVisit: (input: Input<'member', 'careRecordVisit'>) => call('member', 'careRecordVisit', input),
  needToCase: (visitId: string, needIndex: number, categoryId: string) =>
    call('member', 'careNeedToCase', { visitId, needIndex, categoryId }),
  register: (communityId?: string) => call('community', 'careRegister', communityId ? { communityId } : {}),
  save: (input: CareSaveInput) => call('community', 'careSave', input),
  ledger: (kind: Input<'community', 'careLedger'>['kind'], communityId?: string) =>
    call('community', 'careLedger', { kind, ...(communityId ? { communityId } : {}) }),
  counts: (scope: { communityId?: string; gridId?: string }) =>
    call('board', 'careCounts', {
      ...(scope.communityId ? { communityId: scope.communityId } : {}),
      ...(scope.gridId ? { gridId: scope.gridId } : {}),
    }),
};
