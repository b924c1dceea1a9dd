import type { CaseClocks } from '../../core/case-time';
import { callFunction } from './cloud';

/**
 * The `member` function (the five-role members' workbench), one wrapper per action, and the
 * shapes staff pages share: the case card and the case as staff see it (backend/services/views.ts).
 */

export type TaskTab = 'assigned' | 'processing' | 'resolved' | 'closed' | 'open';
export type MemberRole = 'party_leader' | 'resident_leader' | 'grid_worker' | 'owners_committee' | 'building_steward';
export type Severity = 'simple' | 'complex' | 'major';

export interface StaffPerson {
  role: string;
  roleName: string;
  name: string;
  /** In a case's detail: which member of the group holds it. */
  memberId?: string;
}

/** `caseCard`: one case in a list. */
export interface StaffCaseCard {
  id: string;
  status: string;
  statusName: string;
  categoryId: string;
  categoryName: string;
  placeName: string;
  description: string;
  createdAt: string;
  dueAt?: string;
  overdue: boolean;
  /** Missed and running clocks (`caseClocks`), said with `caseTime(clocks, now)`. */
  clocks?: CaseClocks;
  /** Set when the running working-day deadline falls in a year without holiday data. */
  dueNote?: string;
  severity: Severity;
  severityName: string;
  holder?: StaffPerson;
  reworkCount: number;
  supportCount: number;
  resolvedAt?: string;
  closedAt?: string;
}

export interface StaffPhoto {
  fileId: string;
  stage: 'before' | 'progress' | 'after';
  approved: boolean;
}

export interface StaffEscalation {
  level: 'community' | 'street' | 'department';
  since: string;
  reason: string;
  departmentId?: string;
  departmentName?: string;
  reportedAt?: string;
}

/** `caseDetail(…, 'staff')`: the whole case for its handler and for admins. */
export interface StaffCaseDetail extends StaffCaseCard {
  version: number;
  place: { streetId: string; communityId: string; gridId: string; buildingId?: string; location?: { address: string } };
  kind: string;
  isPublic: boolean;
  photos: StaffPhoto[];
  deadlines: Partial<Record<'respondBy' | 'resolveBy' | 'escalateBy' | 'reportBy' | 'rateBy', string>>;
  result?: string;
  rating?: { value: string; valueName: string; comment?: string; at: string; auto?: boolean };
  rejectReason?: string;
  mergedInto?: string;
  escalation?: StaffEscalation;
  supervised: boolean;
  source: 'resident' | 'patrol';
  failedVerifications: number;
  /** For the handler and admins only. */
  contactPhone?: string;
  reporter?: StaffPerson;
  /** The lifecycle actions the caller may try now (the core's rules table). */
  allowedActions: string[];
  /** Disputes and hazards: their ledger (台账) now; staff only. */
  ledger?: StaffLedger;
}

/** A dispute's or a hazard's ledger as staff see it (core/ledgers.ts `ledgerState`). */
export type StaffLedger =
  | {
      kind: 'dispute';
      color: 'red' | 'yellow' | 'green';
      colorName: string;
      colorMeaning: string;
      major: boolean;
      /** The risk a mediator recorded, if any. */
      risk?: 'red' | 'yellow';
      /** Recorded, else the day the case closed. */
      settledAt?: string;
      settledRecorded: boolean;
      lastFollowUpAt?: string;
      nextFollowUpAt?: string;
      followUpDue: boolean;
    }
  | {
      kind: 'hazard';
      color?: 'red' | 'orange' | 'blue';
      colorName: string;
      colorMeaning?: string;
      venueCapacity?: number;
      fixableToday?: boolean;
    };

/** One ledger entry (`recordLedger`). */
export type LedgerEntryInput =
  | { kind: 'hazard'; venueCapacity: number; fixableToday: boolean }
  | { kind: 'dispute_risk'; color: 'red' | 'yellow' }
  | { kind: 'settled' }
  | { kind: 'follow_up'; note: string };

export interface StaffTimelineEvent {
  seq: number;
  at: string;
  action: string;
  actionName: string;
  actor: StaffPerson;
  note?: string;
  toStatus: string;
  toStatusName: string;
  photos?: string[];
}

export interface StaffCase {
  case: StaffCaseDetail;
  timeline: StaffTimelineEvent[];
}

export interface StaffCasePage {
  items: StaffCaseCard[];
  nextCursor?: string;
  /** How many match; the first page only. */
  total?: number;
  /** The count stopped at its cap: there are more than `total`. */
  totalCapped?: boolean;
}

/** What a case action answers. */
export interface StepResult {
  caseId: string;
  status: string;
  statusName: string;
  version: number;
}

export interface BindResult {
  memberId: string;
  role: MemberRole;
  roleName: string;
  duties: string;
  gridName?: string;
  communityName?: string;
}

export interface GroupMember {
  memberId: string;
  name: string;
  role: MemberRole;
  roleName: string;
  duties: string;
  onDuty: boolean;
  phone?: string;
}

export interface MyGroup {
  me: {
    memberId: string;
    role: MemberRole;
    roleName: string;
    duties: string;
    onDuty: boolean;
    gridId: string;
    gridName?: string;
    communityName?: string;
  };
  members: GroupMember[];
}

export interface PatrolInput {
  requestId: string;
  categoryId: string;
  buildingId: string;
  description: string;
  photos?: string[];
  isPublic?: boolean;
  severity?: Severity;
}

export interface CloseOnSpotInput {
  requestId: string;
  categoryId: string;
  buildingId: string;
  description: string;
  result: string;
  photos: string[];
  isPublic?: boolean;
}

const call = <T>(action: string, params: Record<string, unknown> = {}) => callFunction<T>('member', { action, ...params });

export interface FormCategory {
  id: string;
  name: string;
  /** The street's default role for the category. */
  role: string;
  roleName: string;
  kind: string;
  icon: string;
  defaultPublic: boolean;
  /** The communities that route the category to a role of their own, by community id. */
  roleByCommunity?: Record<string, { role: string; roleName: string }>;
}

/** What the patrol forms offer: the street's categories and the buildings of the member's grid. */
export interface PatrolOptions {
  group: MyGroup;
  categories: FormCategory[];
  buildings: { id: string; name: string }[];
  /** The community of the member's grid (its choice of role per category applies). */
  communityId?: string;
}

interface PlaceTree {
  communities: { id: string; grids: { id: string; buildings: { id: string; name: string }[] }[] }[];
}

async function patrolOptions(): Promise<PatrolOptions> {
  const [group, categories, places] = await Promise.all([
    call<MyGroup>('myGroup'),
    callFunction<{ items: FormCategory[] }>('resident', { action: 'listCategories' }),
    callFunction<PlaceTree>('resident', { action: 'listPlaces' }),
  ]);
  const community = places.communities.find((c) => c.grids.some((g) => g.id === group.me.gridId));
  const grid = community?.grids.find((g) => g.id === group.me.gridId);
  return { group, categories: categories.items, buildings: grid?.buildings ?? [], communityId: community?.id };
}

export const memberApi = {
  bindInvite: (code: string, name?: string) => call<BindResult>('bindInvite', { code, ...(name ? { name } : {}) }),
  myGroup: () => call<MyGroup>('myGroup'),
  listTasks: (status: TaskTab, cursor?: string, limit = 20) =>
    call<StaffCasePage>('listTasks', { status, limit, ...(cursor ? { cursor } : {}) }),
  getCase: (caseId: string) => call<StaffCase>('getCase', { caseId }),
  acceptCase: (caseId: string) => call<StepResult>('acceptCase', { caseId }),
  addProgress: (caseId: string, note: string, photos: string[]) =>
    call<StepResult>('addProgress', { caseId, note, ...(photos.length ? { photos } : {}) }),
  resolveCase: (caseId: string, result: string, photos: string[]) => call<StepResult>('resolveCase', { caseId, result, photos }),
  transferCase: (caseId: string, toRole: MemberRole, reason: string) => call<StepResult>('transferCase', { caseId, toRole, reason }),
  escalateCase: (caseId: string, reason: string) => call<StepResult>('escalateCase', { caseId, reason }),
  /** 台账登记 by the holder. */
  recordLedger: (caseId: string, entry: LedgerEntryInput) => call<StepResult>('recordLedger', { caseId, entry }),
  reportPatrolCase: (input: PatrolInput) =>
    call<{ caseId: string; status: string; statusName: string; holder?: StaffPerson }>('reportPatrolCase', { ...input }),
  closeOnSpot: (input: CloseOnSpotInput) => call<{ caseId: string; status: string; statusName: string }>('closeOnSpot', { ...input }),
  setOnDuty: (onDuty: boolean, memberId?: string) =>
    call<{ memberId: string; onDuty: boolean }>('setOnDuty', { onDuty, ...(memberId ? { memberId } : {}) }),
  subscribeTemplates: () => call<{ templateIds: string[] }>('subscribeTemplates'),
  patrolOptions,
};
