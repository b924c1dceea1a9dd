/**
 * What the back end answers, as the pages use it (the HTTP contract of host/ and the cloud
 * functions). Statuses and roles are the domain's codes; their Chinese names come with the data.
 */

import type { CaseClocks } from '../../core/case-time';

export type CaseStatus = 'pending' | 'assigned' | 'processing' | 'escalated' | 'resolved' | 'closed' | 'rejected' | 'withdrawn' | 'merged';

export type UserRole =
  | 'resident'
  | 'party_leader'
  | 'resident_leader'
  | 'grid_worker'
  | 'owners_committee'
  | 'building_steward'
  | 'community_admin'
  | 'street_admin'
  | 'department';

export type CaseListFilter = 'open' | 'resolved' | 'closed' | 'all';

export interface PersonView {
  role: string;
  roleName: string;
  /** Already masked by the server (王*明). */
  name: string;
}

export interface Category {
  id: string;
  name: string;
  /** The street's default role for the category. */
  role: string;
  roleName: string;
  kind: 'demand' | 'dispute' | 'hazard' | string;
  /** An emoji or an image URL. */
  icon?: string;
  defaultPublic: boolean;
  /** The communities that route the category to a role of their own, by community id. */
  roleByCommunity?: Record<string, { role: string; roleName: string }>;
}

export interface Building {
  id: string;
  name: string;
}
export interface Grid {
  id: string;
  name: string;
  buildings: Building[];
}
export interface Community {
  id: string;
  name: string;
  grids: Grid[];
}

export interface SubmitCaseInput {
  requestId: string;
  categoryId: string;
  buildingId: string;
  description: string;
  isPublic: boolean;
  photos?: string[];
  contactPhone?: string;
}

export interface SubmitCaseResult {
  caseId: string;
  status: CaseStatus;
  statusName: string;
  holder?: PersonView;
  routeExplanation: string;
  dueAt?: string;
  limitText?: string;
}

export interface CaseSummary {
  id: string;
  status: CaseStatus;
  statusName: string;
  categoryName: string;
  placeName: string;
  description: string;
  createdAt: string;
  dueAt?: string;
  /** Missed and running clocks (`caseClocks`); the pages say them with `caseTime(clocks, now)`. */
  clocks?: CaseClocks;
  /** Set when the running working-day deadline falls in a year without holiday data. */
  dueNote?: string;
  holder?: PersonView;
}

export interface CasePage {
  items: CaseSummary[];
  nextCursor?: string;
}

export interface CaseDetail {
  id: string;
  status: CaseStatus;
  statusName: string;
  version: number;
  categoryId: string;
  categoryName: string;
  placeName: string;
  description: string;
  createdAt: string;
  dueAt?: string;
  clocks?: CaseClocks;
  dueNote?: string;
  holder?: PersonView;
  reworkCount: number;
  deadlines: Record<string, string | undefined>;
  photos: unknown[];
  rating?: { value: string; comment?: string; at: string };
}

export interface TimelineEvent {
  seq: number;
  at: string;
  action: string;
  actionName: string;
  actor: PersonView;
  note?: string;
  toStatus: CaseStatus;
}

export interface CaseWithTimeline {
  case: CaseDetail;
  timeline: TimelineEvent[];
}

export interface Persona {
  openid: string;
  name: string;
  roles: UserRole[];
  communityName?: string;
  gridName?: string;
  description?: string;
}
