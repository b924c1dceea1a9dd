import { callFunction } from './cloud';
import type { LedgerEntryInput, MemberRole, Severity, StaffCase, StaffCaseCard, StaffCasePage, StepResult } from './member-api';
import type { CaseListQuery } from '../utils/staff-case-filter';

/** The `admin` function (community and street admins, departments), one wrapper per action. */

export interface Dashboard {
  /** For the street admin: next year's (or this year's) holidays are not imported yet. */
  calendarWarning?: string;
  scope: { communityId?: string; streetId?: string; departmentId?: string; name: string; level: 'community' | 'street' | 'department' };
  counts: { todayNew: number; pending: number; overdue: number; escalated: number; lowRatings: number; supervised: number };
  queues: Record<'pending' | 'overdue' | 'escalated' | 'lowRatings' | 'supervised', StaffCaseCard[]>;
}

export interface AdminMember {
  id: string;
  name: string;
  role: MemberRole;
  roleName: string;
  duties: string;
  phone?: string;
  onDuty: boolean;
  active: boolean;
  bound: boolean;
  gridId: string;
  gridName?: string;
  communityId: string;
  communityName?: string;
}

export interface AdminGrid {
  id: string;
  name: string;
  households: number;
  householdLimit: number;
  active: boolean;
  communityId: string;
  communityName: string;
  buildings: { id: string; name: string; active: boolean }[];
  members: AdminMember[];
  missingRoles: { role: MemberRole; roleName: string }[];
}

export interface Invite {
  code: string;
  memberId: string;
  memberName: string;
  roleName: string;
  alreadyBound: boolean;
}

export interface AdminCategory {
  id: string;
  name: string;
  role: MemberRole;
  roleName: string;
  kind: 'demand' | 'dispute' | 'hazard';
  defaultPublic: boolean;
  icon: string;
  active: boolean;
  order: number;
  /** Communities in the caller's scope that send this category to another role. */
  overrides: { communityId: string; communityName: string; role: MemberRole; roleName: string }[];
}
export type CategoryKind = AdminCategory['kind'];

export interface Duration {
  amount: number;
  unit: 'minutes' | 'hours' | 'workdays';
}
export interface SeverityLimits {
  respond: Duration;
  resolve: Duration;
  escalate?: Duration;
}
export interface TimePolicy {
  id: string;
  name: string;
  limits: Record<Severity, SeverityLimits>;
  departmentReport: Duration;
  streetResolve: Duration;
  ratingWindowDays: number;
  reminderShare: number;
  autoEscalateOnOverdue: boolean;
  communityId?: string;
}
export interface PolicyView extends TimePolicy {
  preset: boolean;
  summary: string[];
  usedBy: { id: string; name: string }[];
}

export interface Holiday {
  id: string;
  date: string;
  workday: boolean;
  note: string;
  /** `notice`: imported from the State Council's notice; `manual`: set by range. */
  source?: 'notice' | 'manual';
}

export interface HolidayList {
  items: Holiday[];
  knownUntilYear: number;
  /** Years with a known schedule (the package's and those imported). */
  coveredYears: number[];
  /** Set while this or next year has no data (from 1 November). */
  warning?: string;
  note: string;
}

export interface HolidayPreview {
  year: number;
  days: { date: string; workday: boolean; name: string }[];
  festivals: string[];
  /** Days already set in that year, which the import may overwrite. */
  replaces: number;
}

export interface TemplateDef {
  templateId: string;
  fields: Record<string, 'title' | 'body' | 'caseId' | 'time' | 'status'>;
  /** 长期订阅; one-time when absent. */
  longTerm?: boolean;
}
export type TemplateConfig = Partial<Record<string, TemplateDef>>;

export interface Metrics {
  received: number;
  open: number;
  closed: number;
  overdue: number;
  resolved: number;
  responseRate: number | null;
  onTimeRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  score: number | null;
  rework: number;
  supervised?: number;
}

export interface StatsUnit {
  id: string;
  name: string;
  rank: number | null;
  praised: boolean;
  criticised: boolean;
  note?: string;
  metrics: Metrics;
  rates: string[];
  flag: { flagged: boolean; rate: number | null; rated: number; label: string };
}

export type GroupBy = 'member' | 'grid' | 'community';

export interface Stats {
  period: string;
  periodKind: 'month' | 'quarter';
  groupBy: GroupBy;
  groupName: string;
  scopeName: string;
  weights: { response: number; onTime: number; satisfaction: number };
  caseCount: number;
  total: { metrics: Metrics; rates: string[]; flag: StatsUnit['flag'] };
  units: StatsUnit[];
  praise: { id: string; name: string; rank: number | null; score: number | null }[];
  criticism: { id: string; name: string; rank: number | null; score: number | null }[];
  flagApplies: boolean;
  flagged: { id: string; name: string; label: string }[];
}

export type LedgerKind = 'cases' | 'disputes' | 'hazards' | 'assessment';

/** Where an export can be fetched: a URL from the local host, a cloud file id in WeChat. */
export interface ExportResult {
  url?: string;
  fileId?: string;
  fileName: string;
  rowCount: number;
  sheetName: string;
}

export interface WeeklyReport {
  scopeName: string;
  weekStart: string;
  weekEnd: string;
  counts: { new: number; closed: number; overdue: number; patrol: number };
  topCategories: { categoryName: string; count: number }[];
  hotSpots: {
    grids: { gridId: string; gridName: string; count: number }[];
    gridCategories: { gridId: string; gridName: string; categoryName: string; count: number }[];
  };
  blindSpots: { noCases: { gridId: string; gridName: string }[]; noPatrol: { gridId: string; gridName: string }[] };
  overdueCases: StaffCaseCard[];
  summary: string[];
}

const call = <T>(action: string, params: Record<string, unknown> = {}) => callFunction<T>('admin', { action, ...params });
const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>);

export const adminApi = {
  // ——— the desk ———
  dashboard: (communityId?: string) => call<Dashboard>('dashboard', opt('communityId', communityId)),
  listCases: (query: CaseListQuery, cursor?: string, limit = 20) =>
    call<StaffCasePage>('listCases', { ...query, limit, ...opt('cursor', cursor) }),
  getCase: (caseId: string) => call<StaffCase>('getCase', { caseId }),

  // ——— case actions ———
  assignCase: (caseId: string, memberId: string, note?: string) =>
    call<StepResult>('assignCase', { caseId, memberId, ...opt('note', note) }),
  setSeverity: (caseId: string, severity: Severity) => call<StepResult>('setSeverity', { caseId, severity }),
  escalateCase: (caseId: string, reason: string) => call<StepResult>('escalateCase', { caseId, reason }),
  dispatchDepartment: (caseId: string, departmentId: string, note?: string) =>
    call<StepResult>('dispatchDepartment', { caseId, departmentId, ...opt('note', note) }),
  departmentReport: (caseId: string, note: string, photos: string[]) =>
    call<StepResult>('departmentReport', { caseId, note, ...(photos.length ? { photos } : {}) }),
  resolveCase: (caseId: string, result: string, photos: string[]) => call<StepResult>('resolveCase', { caseId, result, photos }),
  rejectCase: (caseId: string, reason: string) => call<StepResult>('rejectCase', { caseId, reason }),
  mergeCases: (caseId: string, intoCaseId: string) => call<StepResult & { intoCaseId: string }>('mergeCases', { caseId, intoCaseId }),
  approvePhotos: (caseId: string, fileIds: string[] | 'all', approved: boolean) =>
    call<StepResult>('approvePhotos', { caseId, fileIds, approved }),
  setCasePublic: (caseId: string, isPublic: boolean) => call<StepResult>('setCasePublic', { caseId, isPublic }),
  /** 台账登记: a hazard's facts, a dispute's risk, its settlement, a follow-up visit. */
  recordLedger: (caseId: string, entry: LedgerEntryInput) => call<StepResult>('recordLedger', { caseId, entry }),
  superviseCase: (caseId: string, reason: string) => call<StepResult>('superviseCase', { caseId, reason }),
  grantTime: (caseId: string, amount: number, unit: 'hours' | 'workdays', reason: string) =>
    call<StepResult>('grantTime', { caseId, amount, unit, reason }),

  // ——— organisation ———
  listGrids: (communityId?: string) => call<{ items: AdminGrid[] }>('listGrids', opt('communityId', communityId)),
  createGrid: (communityId: string, name: string, households: number) => call<AdminGrid>('createGrid', { communityId, name, households }),
  updateGrid: (gridId: string, patch: { name?: string; households?: number; active?: boolean }) =>
    call<AdminGrid>('updateGrid', { gridId, ...patch }),
  deactivateGrid: (gridId: string) => call<{ gridId: string; openCases: number }>('deactivateGrid', { gridId }),
  createBuilding: (gridId: string, name: string) => call<{ id: string; name: string }>('createBuilding', { gridId, name }),
  deactivateBuilding: (buildingId: string) => call<{ buildingId: string }>('deactivateBuilding', { buildingId }),
  listMembers: (params: { communityId?: string; gridId?: string } = {}) =>
    call<{ items: AdminMember[] }>('listMembers', { ...opt('communityId', params.communityId), ...opt('gridId', params.gridId) }),
  createMember: (gridId: string, role: MemberRole, name: string, phone?: string) =>
    call<AdminMember>('createMember', { gridId, role, name, ...opt('phone', phone) }),
  updateMember: (memberId: string, patch: { name?: string; phone?: string; onDuty?: boolean }) =>
    call<AdminMember>('updateMember', { memberId, ...patch }),
  deactivateMember: (memberId: string) => call<{ memberId: string; openCases: number; rerouted: number }>('deactivateMember', { memberId }),
  createInvite: (memberId: string) => call<Invite>('createInvite', { memberId }),
  listDepartments: () => call<{ items: { id: string; name: string; active: boolean }[] }>('listDepartments'),

  // ——— configuration ———
  listCategories: () => call<{ items: AdminCategory[] }>('listCategories'),
  createCategory: (input: { name: string; role: MemberRole; kind: CategoryKind; defaultPublic: boolean; icon?: string }) =>
    call<AdminCategory>('createCategory', input),
  updateCategory: (categoryId: string, patch: Partial<Pick<AdminCategory, 'name' | 'role' | 'kind' | 'defaultPublic' | 'active'>>) =>
    call<AdminCategory>('updateCategory', { categoryId, ...patch }),
  /** The role a category goes to in one community; `null` goes back to the street's default. */
  setCategoryRole: (communityId: string, categoryId: string, role: MemberRole | null) =>
    call<{ communityId: string; categoryId: string; role: MemberRole; roleName: string; overridden: boolean }>('setCategoryRole', {
      communityId,
      categoryId,
      role,
    }),
  listPolicies: () => call<{ items: PolicyView[] }>('listPolicies'),
  savePolicy: (policy: Omit<TimePolicy, 'id'> & { id?: string }) => call<TimePolicy>('savePolicy', { policy }),
  setCommunityPolicy: (communityId: string, policyId: string) =>
    call<{ communityId: string; policyId: string; policyName: string }>('setCommunityPolicy', { communityId, policyId }),
  listHolidays: () => call<HolidayList>('listHolidays'),
  previewHolidayNotice: (year: number, text: string) => call<HolidayPreview>('previewHolidayNotice', { year, text }),
  importHolidayNotice: (year: number, text: string) =>
    call<{ year: number; saved: number; reset: number; festivals: string[] }>('importHolidayNotice', { year, text }),
  setHolidayRange: (from: string, to: string, workday: boolean, note: string) =>
    call<{ saved: number }>('setHolidayRange', { from, to, workday, note }),
  setHoliday: (date: string, workday: boolean, note: string) => call<Holiday>('setHoliday', { date, workday, note }),
  getTemplates: () => call<{ templates: TemplateConfig }>('getTemplates'),
  setTemplates: (templates: TemplateConfig) => call<{ templates: TemplateConfig }>('setTemplates', { templates }),

  // ——— assessment, ledgers, reports ———
  stats: (params: { period: string; groupBy: GroupBy; communityId?: string; gridId?: string }) =>
    call<Stats>('stats', {
      period: params.period,
      groupBy: params.groupBy,
      ...opt('communityId', params.communityId),
      ...opt('gridId', params.gridId),
    }),
  exportLedger: (params: { kind: LedgerKind; period?: string; communityId?: string; groupBy?: GroupBy }) =>
    call<ExportResult>('exportLedger', {
      kind: params.kind,
      ...opt('period', params.period),
      ...opt('communityId', params.communityId),
      ...opt('groupBy', params.groupBy),
    }),
  weeklyReport: (weekOf?: string, communityId?: string) =>
    call<WeeklyReport>('weeklyReport', { ...opt('weekOf', weekOf), ...opt('communityId', communityId) }),
  exportWeeklyReport: (weekOf?: string, communityId?: string) =>
    call<ExportResult>('exportWeeklyReport', { ...opt('weekOf', weekOf), ...opt('communityId', communityId) }),

  // ——— the review of public texts (审核后公开) ———
  reviewQueue: (cursor?: string, communityId?: string) =>
    call<ReviewQueue>('reviewQueue', { limit: 10, ...opt('cursor', cursor), ...opt('communityId', communityId) }),
  reviewCount: () => call<ReviewCount>('reviewCount'),
  reviewTexts: (caseId: string, version: number, decisions: TextDecision[]) =>
    call<ReviewResult>('reviewTexts', { caseId, version, decisions }),
  approveTexts: (caseIds: string[]) => call<{ approved: number }>('approveTexts', { caseIds }),
  setAutoPublish: (communityId: string, on: boolean) => call<{ communityId: string; on: boolean }>('setAutoPublish', { communityId, on }),
};

export interface ReviewText {
  key: string;
  /** 诉求描述, 补充信息, 进展, 办结 … */
  label: string;
  at: string;
  original: string;
  /** The original as the masking would publish it. */
  suggestion: string;
}
export interface ReviewItem {
  caseId: string;
  version: number;
  categoryName: string;
  placeName: string;
  statusName: string;
  createdAt: string;
  texts: ReviewText[];
}
export interface ReviewQueue {
  items: ReviewItem[];
  nextCursor?: string;
  autoPublish: { communityId: string; communityName: string; on: boolean }[];
}
export interface ReviewCount {
  cases: number;
  texts: number;
  /** More cases wait than were counted. */
  more: boolean;
}
export type TextDecision = { key: string; approve: true; text?: string } | { key: string; approve: false; reason: string };
export interface ReviewResult {
  caseId: string;
  version: number;
  decided: number;
  textsPending: number;
}

export type { StaffCase, StaffCaseCard, StaffCasePage, StepResult };
