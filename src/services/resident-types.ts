/**
 * What the `resident` function answers beyond the shared shapes in api-types.ts, as the resident
 * pages use it (backend/functions/resident.ts, backend/services/views.ts).
 */
import type { CaseDetail, CaseStatus, CaseSummary, PersonView, TimelineEvent } from './api-types';

/** A list card as `caseCard` sends it. */
export interface ResidentCaseCard extends CaseSummary {
  categoryId?: string;
  overdue?: boolean;
  reworkCount?: number;
  supportCount?: number;
  resolvedAt?: string;
  closedAt?: string;
}

export interface CasePhoto {
  fileId: string;
  stage: 'before' | 'progress' | 'after';
  approved: boolean;
}

/** The actions the reporter may take now (`allowedActions`); the pages offer only these. */
export type ResidentAction = 'supplement' | 'withdraw' | 'remind' | 'rate' | string;

export interface ResidentCaseDetail extends Omit<CaseDetail, 'photos' | 'rating'> {
  photos: CasePhoto[];
  isPublic?: boolean;
  kind?: string;
  result?: string;
  rating?: { value: RatingValue; valueName?: string; comment?: string; at: string; auto?: boolean };
  rejectReason?: string;
  mergedInto?: string;
  escalation?: { level: 'community' | 'street' | 'department'; since: string; reason: string; departmentName?: string };
  supervised?: boolean;
  contactPhone?: string;
  supportCount?: number;
  resolvedAt?: string;
  closedAt?: string;
  overdue?: boolean;
  place?: { buildingId?: string; gridId?: string; location?: { latitude: number; longitude: number; address: string } };
  allowedActions: ResidentAction[];
}

export interface ResidentTimelineEvent extends TimelineEvent {
  toStatusName?: string;
  photos?: string[];
}

export interface ResidentCaseWithTimeline {
  case: ResidentCaseDetail;
  timeline: ResidentTimelineEvent[];
}

export type RatingValue = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** An open public case in the same building and category (`findSimilar`). */
export interface SimilarCase extends ResidentCaseCard {
  /** Filed by the caller: offered as 查看, not as 附议. */
  mine: boolean;
  /** The caller has supported it already. */
  supported: boolean;
}

export interface InboxMessage {
  id: string;
  caseId: string;
  kind: string;
  title: string;
  body: string;
  at: string;
  read: boolean;
}

export interface MessagePage {
  items: InboxMessage[];
  unread: number;
  nextBefore?: string;
}

export interface RosterMember {
  role: string;
  roleName: string;
  duties: string;
  /** Masked (王*明), or （空缺）. */
  name: string;
  onDuty: boolean;
}

export interface GridRoster {
  grid: { id: string; name: string; communityName?: string; households?: number };
  members: RosterMember[];
}

/** `submitCase` with a point on the map instead of a building (weapp). */
export interface MapLocation {
  latitude: number;
  longitude: number;
  address: string;
}

export interface StepResult {
  caseId: string;
  status?: CaseStatus;
  statusName?: string;
  reworkCount?: number;
  version?: number;
}

export type { PersonView };
