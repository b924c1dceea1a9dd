import { callFunction } from './cloud';

/**
 * 走访关爱 (backend/functions/care.ts): the member's people and visits, the admin's register, the
 * board's counts. The register is staff-only; the board gets counts, never a person.
 */

export type CareGroup = 'martyr_family' | 'lonely_elderly' | 'child_in_difficulty' | 'low_income' | 'extreme_poverty' | 'disabled';
export type VisitState = 'overdue' | 'due' | 'ok';

export const CARE_GROUP_OPTIONS: ReadonlyArray<{ value: CareGroup; label: string }> = [
  { value: 'martyr_family', label: '烈属' },
  { value: 'lonely_elderly', label: '孤寡老人' },
  { value: 'child_in_difficulty', label: '困境儿童' },
  { value: 'low_income', label: '低保' },
  { value: 'extreme_poverty', label: '特困' },
  { value: 'disabled', label: '残障人士' },
];

export interface CareSubjectView {
  id: string;
  communityId: string;
  gridId: string;
  gridName: string;
  name: string;
  groups: CareGroup[];
  groupNames: string[];
  address: string;
  phone?: string;
  notes?: string;
  memberId: string;
  member?: { memberId: string; name: string; role: string; roleName: string };
  active: boolean;
  lastVisitOn?: string;
  dueOn: string;
  dueState: VisitState;
  dueStateName: string;
  daysLeft: number;
}

export interface CareVisitView {
  id: string;
  subjectId: string;
  visitorName: string;
  visitedOn: string;
  found: string;
  needs: { index: number; text: string; caseId?: string }[];
  photos: string[];
  createdAt: string;
}

export interface CareMine {
  items: CareSubjectView[];
  overdue: number;
  due: number;
}

export interface CareDetail {
  subject: CareSubjectView;
  visits: CareVisitView[];
}

export interface CareCounts {
  visitsThisMonth: number;
  visitsThisYear: number;
  peopleCoveredThisYear: number;
  peopleRegistered: number;
}

export interface CareSaveInput {
  subjectId?: string;
  gridId: string;
  name: string;
  groups: CareGroup[];
  address: string;
  phone?: string;
  notes?: string;
  memberId?: string;
}

const member = <T>(action: string, params: Record<string, unknown> = {}) => callFunction<T>('member', { action, ...params });
const admin = <T>(action: string, params: Record<string, unknown> = {}) => callFunction<T>('admin', { action, ...params });

export const careApi = {
  mine: () => member<CareMine>('careMine'),
  subject: (subjectId: string) => member<CareDetail>('careSubject', { subjectId }),
  recordVisit: (input: { requestId: string; subjectId: string; visitedOn: string; found: string; needs: string[]; photos?: string[] }) =>
    member<{ visit: CareVisitView; replayed: boolean }>('careRecordVisit', input),
  needToCase: (visitId: string, needIndex: number, categoryId: string) =>
    member<{ caseId: string; statusName?: string; replayed: boolean }>('careNeedToCase', { visitId, needIndex, categoryId }),
  register: (communityId?: string) =>
    admin<{ items: CareSubjectView[]; grids: { id: string; name: string; communityId: string; communityName: string }[] }>(
      'careRegister',
      communityId ? { communityId } : {},
    ),
  save: (input: CareSaveInput) => admin<CareSubjectView>('careSave', { ...input }),
  ledger: (kind: 'register' | 'visits', communityId?: string) =>
    admin<{ fileId?: string; url?: string; fileName: string; rowCount: number }>('careLedger', {
      kind,
      ...(communityId ? { communityId } : {}),
    }),
  counts: (scope: { communityId?: string; gridId?: string }) =>
    callFunction<CareCounts>('board', {
      action: 'careCounts',
      ...(scope.communityId ? { communityId: scope.communityId } : {}),
      ...(scope.gridId ? { gridId: scope.gridId } : {}),
    }),
};
