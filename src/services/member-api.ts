import type { CaseCardView, Input, Output } from '../../backend/contract';
import type { MemberRole, Severity } from '../../core/model';
import { call } from './call';

/**
 * The `member` function (the five-role members' workbench), one wrapper per action, and the
 * shapes staff pages share: the case card and the case as staff see it — the server's own types
 * (backend/contract.ts, backend/services/views.ts; `import type`, erased at build).
 */

export type { MemberRole, Severity };
export type TaskTab = NonNullable<Input<'member', 'listTasks'>['status']>;

/** `caseCard`: one case in a list. */
export type StaffCaseCard = CaseCardView;
/** `caseDetail(…, 'staff')` with its timeline: the whole case for its handler and for admins. */
export type StaffCase = Output<'member', 'getCase'>;
export type StaffCaseDetail = StaffCase['case'];
/** A lifecycle action the caller may take now (the core's names, `allowedActions`). */
export type StaffAction = StaffCaseDetail['allowedActions'][number];
export type StaffTimelineEvent = StaffCase['timeline'][number];
export type StaffPerson = NonNullable<StaffCaseDetail['holder']>;
export type StaffPhoto = StaffCaseDetail['photos'][number];
export type StaffEscalation = NonNullable<StaffCaseDetail['escalation']>;
/** A dispute's or a hazard's ledger as staff see it (core/ledgers.ts `ledgerState`). */
export type StaffLedger = NonNullable<StaffCaseDetail['ledger']>;
/** A page of cards; the admin's first page also says how many match (`total`, `totalCapped`). */
export type StaffCasePage = Output<'admin', 'listCases'>;
/** One ledger entry (`recordLedger`). */
export type LedgerEntryInput = Input<'member', 'recordLedger'>['entry'];
/** What a case action answers. */
export type StepResult = Output<'member', 'acceptCase'>;
export type BindResult = Output<'member', 'bindInvite'>;
export type MyGroup = Output<'member', 'myGroup'>;
export type GroupMember = MyGroup['members'][number];
export type PatrolInput = Input<'member', 'reportPatrolCase'>;
export type CloseOnSpotInput = Input<'member', 'closeOnSpot'>;
export type FormCategory = Output<'resident', 'listCategories'>['items'][number];

/** What the patrol forms offer: the street's categories and the buildings of the member's grid. */
export interface PatrolOptions {
  group: MyGroup;
  categories: FormCategory[];
  buildings: { id: string; name: string }[];
  /** The community of the member's grid (its choice of role per category applies). */
  communityId?: string;
}

async function patrolOptions(): Promise<PatrolOptions> {
  const [group, categories, places] = await Promise.all([
    call('member', 'myGroup'),
    call('resident', 'listCategories'),
    call('resident', 'listPlaces'),
  ]);
  const community = places.communities.find((c) => c.grids.some((g) => g.id === group.me.gridId));
  const grid = community?.grids.find((g) => g.id === group.me.gridId);
  return { group, categories: categories.items, buildings: grid?.buildings ?? [], communityId: community?.id };
}

export const memberApi = {
  bindInvite: (code: string, name?: string) => call('member', 'bindInvite', { code, ...(name ? { name } : {}) }),
  myGroup: () => call('member', 'myGroup'),
  listTasks: (status: TaskTab, cursor?: string, limit = 20) =>
    call('member', 'listTasks', { status, limit, ...(cursor ? { cursor } : {}) }),
  getCase: (caseId: string) => call('member', 'getCase', { caseId }),
  acceptCase: (caseId: string) => call('member', 'acceptCase', { caseId }),
  addProgress: (caseId: string, note: string, photos: string[]) =>
    call('member', 'addProgress', { caseId, note, ...(photos.length ? { photos } : {}) }),
  resolveCase: (caseId: string, result: string, photos: string[]) => call('member', 'resolveCase', { caseId, result, photos }),
  transferCase: (caseId: string, toRole: MemberRole, reason: string) => call('member', 'transferCase', { caseId, toRole, reason }),
  escalateCase: (caseId: string, reason: string) => call('member', 'escalateCase', { caseId, reason }),
  /** 台账登记 by the holder. */
  recordLedger: (caseId: string, entry: LedgerEntryInput) => call('member', 'recordLedger', { caseId, entry }),
  reportPatrolCase: (input: PatrolInput) => call('member', 'reportPatrolCase', input),
  closeOnSpot: (input: CloseOnSpotInput) => call('member', 'closeOnSpot', input),
  setOnDuty: (onDuty: boolean, memberId?: string) => call('member', 'setOnDuty', { onDuty, ...(memberId ? { memberId } : {}) }),
  subscribeTemplates: () => call('member', 'subscribeTemplates'),
  patrolOptions,
};
