/**
 * The shared vocabulary of the domain. Plain types only: no framework, no I/O, no clock.
 * Times are ISO-8601 strings in UTC (`2026-10-01T02:00:00.000Z`) so that records survive
 * JSON, SQLite and the cloud database unchanged.
 */

export const MEMBER_ROLES = ['party_leader', 'resident_leader', 'grid_worker', 'owners_committee', 'building_steward'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const ADMIN_ROLES = ['community_admin', 'street_admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const ALL_ROLES = ['resident', ...MEMBER_ROLES, ...ADMIN_ROLES, 'department'] as const;
export type UserRole = (typeof ALL_ROLES)[number];
/** `system` acts for timers (reminders, overdue, auto-close). */
export type ActorRole = UserRole | 'system';

export const ROLE_NAMES: Record<ActorRole, string> = {
  resident: '居民',
  party_leader: '党小组长',
  resident_leader: '居民小组长',
  grid_worker: '网格员',
  owners_committee: '业委会成员',
  building_steward: '楼栋物管员',
  community_admin: '社区管理员',
  street_admin: '街道管理员',
  department: '职能部门',
  system: '系统',
};

export const ROLE_DUTIES: Record<MemberRole, string> = {
  party_leader: '政策宣传，关爱退役军人和烈属、困难群众，发动党员参与',
  resident_leader: '邻里和家庭纠纷调解，召集院坝会，居民事务',
  grid_worker: '网格巡查，消防燃气房屋等安全隐患，突发事件，帮办代办，信息采集',
  owners_committee: '物业服务纠纷，公共设施，维修资金，业主共同事务',
  building_steward: '楼栋维修（水电、电梯、楼道灯），保洁，垃圾分类',
};

export const CASE_STATUSES = [
  'pending',
  'assigned',
  'processing',
  'escalated',
  'resolved',
  'closed',
  'rejected',
  'withdrawn',
  'merged',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_NAMES: Record<CaseStatus, string> = {
  pending: '待派单',
  assigned: '待受理',
  processing: '处理中',
  escalated: '已吹哨',
  resolved: '待评价',
  closed: '已办结',
  rejected: '不予受理',
  withdrawn: '已撤回',
  merged: '已合并',
};

/** Named groups of statuses, as the code and the pages speak of them. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['pending', 'assigned', 'processing', 'escalated'];
export const AWAITING_RATING_STATUSES: readonly CaseStatus[] = ['resolved'];
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'withdrawn', 'merged'];
export const isOpen = (s: CaseStatus): boolean => OPEN_STATUSES.includes(s);
export const isFinal = (s: CaseStatus): boolean => FINAL_STATUSES.includes(s);

export const SEVERITIES = ['simple', 'complex', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_NAMES: Record<Severity, string> = { simple: '一般', complex: '复杂', major: '重大' };

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_NAMES: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** What a category is about decides its ledger: disputes and hazards keep their own. */
export const CASE_KINDS = ['demand', 'dispute', 'hazard'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export type EscalationLevel = 'community' | 'street' | 'department';
export const ESCALATION_NAMES: Record<EscalationLevel, string> = {
  community: '社区',
  street: '街道',
  department: '职能部门',
};

export interface Category {
  id: string;
  name: string;
  /** The five-role member this category goes to by default. */
  role: MemberRole;
  kind: CaseKind;
  /** Disputes and family matters are private by default. */
  defaultPublic: boolean;
  icon?: string;
  /** What belongs here, in residents' words (shown under the tile); absent → the default for the name (`categoryExamples`). */
  examples?: string;
  active: boolean;
  order: number;
}

export interface Photo {
  fileId: string;
  stage: 'before' | 'progress' | 'after';
  /** Photos are never public until an admin approves them. */
  approved: boolean;
}

export interface PersonRef {
  openid: string;
  role: ActorRole;
  name: string;
  /** The member record, when the person acts as a five-role member. */
  memberId?: string;
}

/** Where a case is: street → community → grid → building. */
export interface Place {
  streetId: string;
  communityId: string;
  gridId: string;
  buildingId?: string;
  /** A point picked on the map, when no building fits. */
  location?: { latitude: number; longitude: number; address: string };
}

export interface CaseDeadlines {
  /** Accept (受理) by. */
  respondBy?: string;
  /** Resolve (办结) by. */
  resolveBy?: string;
  /** Escalate to the street by (三日办结: complex cases within 24 h). */
  escalateBy?: string;
  /** The department called by a whistle reports on site by. */
  reportBy?: string;
  /** The reporter rates by; the case closes itself after. */
  rateBy?: string;
}

export interface Escalation {
  level: EscalationLevel;
  since: string;
  reason: string;
  departmentId?: string;
  departmentName?: string;
  reportedAt?: string;
}

export interface Case {
  id: string;
  /** The number people say (`2612-0042`, `core/case-number.ts`); absent only before it is given. */
  no?: string;
  /** Grows by one with every change: every write is a compare-and-set on it. */
  version: number;
  place: Place;
  categoryId: string;
  categoryName: string;
  kind: CaseKind;
  description: string;
  photos: Photo[];
  isPublic: boolean;
  contactPhone?: string;
  reporter: PersonRef;
  /** `proxy`: 代登记, filed by a member or an admin for a resident who came by another channel. */
  source: 'resident' | 'patrol' | 'proxy';
  /**
   * Where a case came from when not the mini-program or a patrol: a 走访 or 院坝会 record (by its
   * id), or the channel of a 代登记 (电话, 来访, 院坝会, 意见箱, 12345 with its 工单号 as `refId`).
   */
  origin?: CaseOrigin;
  /** 代登记: the resident's name (private like `contactPhone`: the handler and admins only). */
  contactName?: string;
  status: CaseStatus;
  severity: Severity;
  holder?: PersonRef;
  escalation?: Escalation;
  /**
   * The department last called to report on site. It stays after the escalation ends, so the
   * department can still follow the outcome (the rating) of what it handled.
   */
  calledDepartment?: { id: string; name: string };
  createdAt: string;
  assignedAt?: string;
  acceptedAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  deadlines: CaseDeadlines;
  /** Reminders already sent, by deadline name, so a reminder goes out once. */
  reminded: Partial<Record<keyof CaseDeadlines, boolean>>;
  /** Ever late on any deadline (counted in metrics). */
  overdue: boolean;
  /** The deadline it was last marked late for, so that marking happens once per deadline. */
  overdueFor?: string;
  /** Every clock marked late, in order, with its name then (上报街道, 受理, 办结, 方案, 部门报到). */
  missed?: { clock?: keyof CaseDeadlines; name: string; at: string }[];
  /** Set once at acceptance: whether it came within the response limit. */
  respondedOnTime?: boolean;
  /** Set once at resolution: whether it came within the resolution limit. */
  resolvedOnTime?: boolean;
  reworkCount: number;
  failedVerifications: number;
  supervised: boolean;
  supportCount: number;
  supporters: string[];
  /** The reporter's reminders and supplements on one China-local day, to bound them (see `RESIDENT_DAILY`). */
  residentActs?: { day: string; reminds: number; supplements: number };
  /** 退单: each time a member returned the task as outside their duties (counted per member and category). */
  returns?: { memberId: string; role: MemberRole; at: string; reason: string }[];
  /** `auto`: closed by the clock, nobody rated; `phone`: recorded from a 电话回访 by this staff member. */
  rating?: { value: Rating; comment?: string; at: string; auto?: boolean; phone?: { role: ActorRole; name: string } };
  result?: string;
  rejectReason?: string;
  mergedInto?: string;
  /** Ledger data for disputes and hazards. */
  ledger?: LedgerInfo;
  policyId: string;
  /** The running deadline (what `overdueAt` queries compare with); absent when no clock runs. */
  dueAt?: string;
  /** When the timer must next look at this case (a reminder or a deadline); absent when never. */
  nextCheckAt?: string;
  /** The seq of the last timeline event: the next event gets lastSeq + 1. */
  lastSeq: number;
  /**
   * The community's decision on each free text of the case (审核后公开), by text key
   * (`description`, `e<seq>`): approved public text, or kept private with a reason. A text with no
   * decision waits for review and is never shown in public (`core/public-text.ts`).
   */
  publicTexts?: Record<string, PublicTextDecision>;
  /** How many of its free texts wait for review; absent on cases stored before review existed (unknown). */
  textsPending?: number;
}

export const CASE_CHANNELS = ['visit', 'meeting', 'phone', 'walk_in', 'mailbox', 'hotline'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export const CHANNEL_NAMES: Record<CaseChannel, string> = {
  visit: '走访',
  meeting: '院坝会',
  phone: '来电',
  walk_in: '来访',
  mailbox: '意见箱',
  hotline: '12345热线',
};
export interface CaseOrigin {
  channel: CaseChannel;
  /** The record it came from (a visit, a meeting) or the 12345 工单号; absent for a call or a walk-in. */
  refId?: string;
  /** A 12345 工单 imported from a sheet: its 地址 as written, 派单时间 and 办理时限 (staff only). */
  address?: string;
  dispatchedAt?: string;
  /** The 工单's 办理时限: caps the resolution deadline when stricter than the policy's (`deadlinesOnAccept`). */
  dueBy?: string;
  /** How staff see the record it came from, e.g. 「院坝会 2026-12-01「停车难」」 (never shown in public). */
  label?: string;
}
export type PublicTextDecision =
  | { state: 'approved'; text: string; by: string; at: string; auto?: boolean }
  | { state: 'private'; reason: string; by: string; at: string };

export interface LedgerInfo {
  disputeColor?: 'red' | 'yellow' | 'green';
  disputeMajor?: boolean;
  settledAt?: string;
  lastFollowUpAt?: string;
  /** The follow-up due date (China-local day) the handler was last reminded of. */
  followUpRemindedFor?: string;
  hazardColor?: 'red' | 'orange' | 'blue';
  venueCapacity?: number;
  fixableToday?: boolean;
}

export const CASE_ACTIONS = [
  'submit',
  'auto_assign',
  'assign',
  'accept',
  'progress',
  'transfer',
  'return_task',
  'escalate',
  'dispatch_department',
  'department_report',
  'resolve',
  'rate',
  'auto_close',
  'reject',
  'withdraw',
  'merge',
  'supplement',
  'support',
  'remind',
  'mark_overdue',
  'supervise',
  'patrol_report',
  'close_on_spot',
  'set_severity',
  'set_public',
  'approve_photos',
  'ledger',
  'grant_time',
  'proxy_submit',
  'phone_visit',
  'follow_up_remind',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ACTION_NAMES: Record<CaseAction, string> = {
  submit: '提交诉求',
  auto_assign: '自动派单',
  assign: '派单',
  accept: '受理',
  progress: '进展',
  transfer: '转派',
  return_task: '退单',
  escalate: '吹哨',
  dispatch_department: '部门报到派遣',
  department_report: '部门报到',
  resolve: '办结',
  rate: '评价',
  auto_close: '自动办结',
  reject: '不予受理',
  withdraw: '撤回',
  merge: '合并',
  supplement: '补充信息',
  support: '附议',
  remind: '催办',
  mark_overdue: '超时',
  supervise: '督办',
  patrol_report: '巡查上报',
  close_on_spot: '当场办结',
  set_severity: '设定等级',
  set_public: '设置公开',
  approve_photos: '审核照片',
  ledger: '台账登记',
  grant_time: '延长期限',
  proxy_submit: '代登记',
  phone_visit: '电话回访',
  follow_up_remind: '回访提醒',
};

/** One line of a case's append-only timeline. */
export interface CaseEvent {
  caseId: string;
  /** 1, 2, 3 … within the case; with caseId it is the event's identity. */
  seq: number;
  at: string;
  action: CaseAction;
  actor: { role: ActorRole; name: string; openid?: string };
  fromStatus?: CaseStatus;
  toStatus: CaseStatus;
  note?: string;
  photos?: string[];
}

/** A role someone holds, with the scope it reaches. */
export interface RoleGrant {
  role: UserRole;
  streetId?: string;
  communityId?: string;
  gridId?: string;
  departmentId?: string;
  memberId?: string;
}

/** The caller, as resolved from stored records (never from the request). */
export interface Actor {
  openid: string;
  name: string;
  grants: RoleGrant[];
}

export const SYSTEM_ACTOR: Actor = { openid: 'system', name: '系统', grants: [] };

/** A five-role member as routing sees them. */
export interface Member {
  id: string;
  openid?: string;
  name: string;
  role: MemberRole;
  streetId: string;
  communityId: string;
  gridId: string;
  onDuty: boolean;
  active: boolean;
  phone?: string;
}

/** A message to a person, derived from a change and written in the same transaction. */
export interface Notice {
  /** Unique per change: caseId:seq:recipient:kind, so a notice is never sent twice. */
  key: string;
  recipientOpenid: string;
  kind: NoticeKind;
  caseId: string;
  /** The case's number (`2612-0042`), shown with the message. */
  caseNo?: string;
  title: string;
  body: string;
  at: string;
  /** The case's status once the change that raised the notice is done (the subscribe message shows it). */
  caseStatus?: CaseStatus;
}

export const NOTICE_KINDS = [
  'case_accepted',
  'case_progress',
  'case_resolved',
  'case_rework',
  'case_closed',
  'task_new',
  'task_reminder',
  'task_overdue',
  'task_rated',
  'task_transferred',
  'task_cancelled',
  'task_supplement',
  'admin_unassigned',
  'admin_overdue',
  'admin_escalation',
  'admin_low_rating',
  'admin_supervision',
  'department_dispatch',
  /** To street admins, weekly while next year's holidays are missing (no case: `caseId` is empty). */
  'calendar_warning',
  /** To the owning admin and the street's, when a 整改任务 passes its deadline without a report (no case). */
  'rectification_overdue',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
