import type { ActionName, Input, Output } from '../../backend/contract';
import type { MemberRole, NoticeKind, Severity } from '../../core/model';
import { call } from './call';
import type { LedgerEntryInput, StaffCase, StaffCaseCard, StaffCasePage, StepResult } from './member-api';
import type { CaseListQuery } from '../utils/staff-case-filter';

/**
 * The `admin` function (community and street admins, departments), one wrapper per action. The
 * shapes are the server's own (backend/contract.ts; `import type`, erased at build).
 */

type AdminOut<A extends ActionName<'admin'>> = Output<'admin', A>;

export type Dashboard = AdminOut<'dashboard'>;
export type AdminGrid = AdminOut<'listGrids'>['items'][number];
export type AdminBuilding = AdminGrid['buildings'][number];
export type AdminMember = AdminOut<'listMembers'>['items'][number];
export type Invite = AdminOut<'createInvite'>;
export type AdminCategory = AdminOut<'listCategories'>['items'][number];
export type CategoryKind = AdminCategory['kind'];
export type PolicyView = AdminOut<'listPolicies'>['items'][number];
export type TimePolicy = AdminOut<'savePolicy'>;
export type PolicyInput = Input<'admin', 'savePolicy'>['policy'];
export type SeverityLimits = TimePolicy['limits'][Severity];
export type Duration = SeverityLimits['respond'];
export type HolidayList = AdminOut<'listHolidays'>;
export type Holiday = HolidayList['items'][number];
export type HolidayPreview = AdminOut<'previewHolidayNotice'>;
export type TemplateConfig = Input<'admin', 'setTemplates'>['templates'];
export type TemplateDef = NonNullable<TemplateConfig[NoticeKind]>;
export type Stats = AdminOut<'stats'>;
export type StatsUnit = Stats['units'][number];
export type Metrics = StatsUnit['metrics'];
export type GroupBy = Stats['groupBy'];
export type LedgerKind = Input<'admin', 'exportLedger'>['kind'];
/** Where an export can be fetched: a URL from the local host, a cloud file id in WeChat. */
export type ExportResult = AdminOut<'exportLedger'>;
/** What a bulk action did to each selected case. */
export type BulkReport = AdminOut<'bulkRemind'>;
export type WeeklyReport = AdminOut<'weeklyReport'>;
export type ReviewQueue = AdminOut<'reviewQueue'>;
export type ReviewItem = ReviewQueue['items'][number];
export type ReviewText = ReviewItem['texts'][number];
export type ReviewCount = AdminOut<'reviewCount'>;
export type TextDecision = Input<'admin', 'reviewTexts'>['decisions'][number];
export type ReviewResult = AdminOut<'reviewTexts'>;
export type WeightsView = AdminOut<'getWeights'>;
export type WeightsPreview = AdminOut<'previewWeights'>;

const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>);

export const adminApi = {
  // ——— the desk ———
  dashboard: (communityId?: string) => call('admin', 'dashboard', opt('communityId', communityId)),
  listCases: (query: CaseListQuery, cursor?: string, limit = 20) =>
    call('admin', 'listCases', { ...query, limit, ...opt('cursor', cursor) }),
  getCase: (caseId: string) => call('admin', 'getCase', { caseId }),
  // ——— bulk actions on cases selected in the list (backend/functions/admin/case-list.ts) ———
  bulkReassign: (caseIds: string[], memberId: string, reason: string) =>
    call('admin', 'bulkReassign', { caseIds, memberId, reason, confirmed: true }),
  bulkRemind: (caseIds: string[], note?: string) => call('admin', 'bulkRemind', { caseIds, ...(note ? { note } : {}) }),
  exportSelected: (caseIds: string[]) => call('admin', 'exportSelected', { caseIds }),

  // ——— case actions ———
  assignCase: (caseId: string, memberId: string, note?: string) => call('admin', 'assignCase', { caseId, memberId, ...opt('note', note) }),
  setSeverity: (caseId: string, severity: Severity) => call('admin', 'setSeverity', { caseId, severity }),
  escalateCase: (caseId: string, reason: string) => call('admin', 'escalateCase', { caseId, reason }),
  dispatchDepartment: (caseId: string, departmentId: string, note?: string) =>
    call('admin', 'dispatchDepartment', { caseId, departmentId, ...opt('note', note) }),
  departmentReport: (caseId: string, note: string, photos: string[]) =>
    call('admin', 'departmentReport', { caseId, note, ...(photos.length ? { photos } : {}) }),
  resolveCase: (caseId: string, result: string, photos: string[]) => call('admin', 'resolveCase', { caseId, result, photos }),
  rejectCase: (caseId: string, reason: string) => call('admin', 'rejectCase', { caseId, reason }),
  mergeCases: (caseId: string, intoCaseId: string) => call('admin', 'mergeCases', { caseId, intoCaseId }),
  approvePhotos: (caseId: string, fileIds: string[] | 'all', approved: boolean) =>
    call('admin', 'approvePhotos', { caseId, fileIds, approved }),
  setCasePublic: (caseId: string, isPublic: boolean) => call('admin', 'setCasePublic', { caseId, isPublic }),
  /** 台账登记: a hazard's facts, a dispute's risk, its settlement, a follow-up visit. */
  recordLedger: (caseId: string, entry: LedgerEntryInput) => call('admin', 'recordLedger', { caseId, entry }),
  superviseCase: (caseId: string, reason: string) => call('admin', 'superviseCase', { caseId, reason }),
  grantTime: (caseId: string, amount: number, unit: 'hours' | 'workdays', reason: string) =>
    call('admin', 'grantTime', { caseId, amount, unit, reason }),

  // ——— organisation ———
  listGrids: (communityId?: string) => call('admin', 'listGrids', opt('communityId', communityId)),
  createGrid: (communityId: string, name: string, households: number) => call('admin', 'createGrid', { communityId, name, households }),
  updateGrid: (gridId: string, patch: { name?: string; households?: number; active?: boolean }) =>
    call('admin', 'updateGrid', { gridId, ...patch }),
  deactivateGrid: (gridId: string) => call('admin', 'deactivateGrid', { gridId }),
  createBuilding: (gridId: string, name: string) => call('admin', 'createBuilding', { gridId, name }),
  deactivateBuilding: (buildingId: string) => call('admin', 'deactivateBuilding', { buildingId }),
  /** Where a building stands (GCJ-02); `null` clears it. */
  setBuildingLocation: (buildingId: string, location: { latitude: number; longitude: number } | null) =>
    call('admin', 'setBuildingLocation', { buildingId, location }),
  listMembers: (params: { communityId?: string; gridId?: string } = {}) =>
    call('admin', 'listMembers', { ...opt('communityId', params.communityId), ...opt('gridId', params.gridId) }),
  createMember: (gridId: string, role: MemberRole, name: string, phone?: string) =>
    call('admin', 'createMember', { gridId, role, name, ...opt('phone', phone) }),
  updateMember: (memberId: string, patch: { name?: string; phone?: string; onDuty?: boolean }) =>
    call('admin', 'updateMember', { memberId, ...patch }),
  deactivateMember: (memberId: string) => call('admin', 'deactivateMember', { memberId }),
  createInvite: (memberId: string) => call('admin', 'createInvite', { memberId }),
  listDepartments: () => call('admin', 'listDepartments'),

  // ——— configuration ———
  listCategories: () => call('admin', 'listCategories'),
  createCategory: (input: { name: string; role: MemberRole; kind: CategoryKind; defaultPublic: boolean; icon?: string }) =>
    call('admin', 'createCategory', input),
  updateCategory: (
    categoryId: string,
    patch: Partial<Pick<AdminCategory, 'name' | 'role' | 'kind' | 'defaultPublic' | 'active' | 'examples'>>,
  ) => call('admin', 'updateCategory', { categoryId, ...patch }),
  /** The role a category goes to in one community; `null` goes back to the street's default. */
  setCategoryRole: (communityId: string, categoryId: string, role: MemberRole | null) =>
    call('admin', 'setCategoryRole', {
      communityId,
      categoryId,
      role,
    }),
  listPolicies: () => call('admin', 'listPolicies'),
  savePolicy: (policy: PolicyInput) => call('admin', 'savePolicy', { policy }),
  setCommunityPolicy: (communityId: string, policyId: string) => call('admin', 'setCommunityPolicy', { communityId, policyId }),
  listHolidays: () => call('admin', 'listHolidays'),
  previewHolidayNotice: (year: number, text: string) => call('admin', 'previewHolidayNotice', { year, text }),
  importHolidayNotice: (year: number, text: string) => call('admin', 'importHolidayNotice', { year, text }),
  setHolidayRange: (from: string, to: string, workday: boolean, note: string) =>
    call('admin', 'setHolidayRange', { from, to, workday, note }),
  setHoliday: (date: string, workday: boolean, note: string) => call('admin', 'setHoliday', { date, workday, note }),
  getTemplates: () => call('admin', 'getTemplates'),
  setTemplates: (templates: TemplateConfig) => call('admin', 'setTemplates', { templates }),
  // 考核权重 (backend/functions/admin/weights.ts)
  getWeights: () => call('admin', 'getWeights'),
  previewWeights: (input: Input<'admin', 'previewWeights'>) => call('admin', 'previewWeights', input),
  setWeights: (input: Input<'admin', 'setWeights'>) => call('admin', 'setWeights', input),

  // ——— assessment, ledgers, reports ———
  stats: (params: { period: string; groupBy: GroupBy; communityId?: string; gridId?: string }) =>
    call('admin', 'stats', {
      period: params.period,
      groupBy: params.groupBy,
      ...opt('communityId', params.communityId),
      ...opt('gridId', params.gridId),
    }),
  exportLedger: (params: { kind: LedgerKind; period?: string; communityId?: string; groupBy?: GroupBy }) =>
    call('admin', 'exportLedger', {
      kind: params.kind,
      ...opt('period', params.period),
      ...opt('communityId', params.communityId),
      ...opt('groupBy', params.groupBy),
    }),
  weeklyReport: (weekOf?: string, communityId?: string) =>
    call('admin', 'weeklyReport', { ...opt('weekOf', weekOf), ...opt('communityId', communityId) }),
  exportWeeklyReport: (weekOf?: string, communityId?: string) =>
    call('admin', 'exportWeeklyReport', { ...opt('weekOf', weekOf), ...opt('communityId', communityId) }),

  // ——— the review of public texts (审核后公开) ———
  reviewQueue: (cursor?: string, communityId?: string) =>
    call('admin', 'reviewQueue', { limit: 10, ...opt('cursor', cursor), ...opt('communityId', communityId) }),
  reviewCount: () => call('admin', 'reviewCount'),
  reviewTexts: (caseId: string, version: number, decisions: TextDecision[]) => call('admin', 'reviewTexts', { caseId, version, decisions }),
  approveTexts: (caseIds: string[]) => call('admin', 'approveTexts', { caseIds }),
  setAutoPublish: (communityId: string, on: boolean) => call('admin', 'setAutoPublish', { communityId, on }),
};

export type { StaffCase, StaffCaseCard, StaffCasePage, StepResult };
