import type { CaseClocks } from '../../core/case-time';
import { callFunction } from './cloud';
import type { CaseStatus, Category, Community, PersonView } from './api-types';

/**
 * The public progress board (公示栏): the `board` function, which needs no identity, plus the one
 * resident action the board offers (附议). Shapes follow backend/functions/board.ts and
 * backend/services/views.ts `publicCase`.
 */

/** `month` / `quarter` (the current one), `2026-05` or `2026-Q2`. */
export type BoardPeriod = string;

export interface BoardScope {
  communityId?: string;
  gridId?: string;
}

export interface MetricWeights {
  response: number;
  onTime: number;
  satisfaction: number;
}

/** The figures of a unit; every rate is null when there is nothing to divide by. */
export interface BoardMetrics {
  received: number;
  /** Not yet finished, including results waiting for a rating. */
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
  supervised: number;
  escalated: number;
  respondDue: number;
  resolveDue: number;
  resolutionBase: number;
  rated: number;
}

export interface CategoryFigure {
  categoryId: string;
  categoryName: string;
  received: number;
  closed: number;
  satisfactionRate: number | null;
}

export interface TrendPoint {
  /** `2026-05` */
  month: string;
  received: number;
  closed: number;
  satisfactionRate: number | null;
}

export interface QuarterFlag {
  quarter: string;
  flagged: boolean;
  rate: number | null;
  rated: number;
  /** The server's sentence: '满意率 99.0%（已评价 100 件），达标'. */
  label: string;
}

export interface BoardSummary {
  scope: { communityId?: string; gridId?: string; name: string };
  /** The period resolved by the server: `2026-05` or `2026-Q2`. */
  period: string;
  weights: MetricWeights;
  metrics: BoardMetrics;
  byCategory: CategoryFigure[];
  /** The last six months, oldest first. */
  trend: TrendPoint[];
  quarterFlag: QuarterFlag;
}

export interface RankedUnit {
  id: string;
  name: string;
  metrics: BoardMetrics;
  /** 1-based; null when the unit is not ranked (see `note`). */
  rank: number | null;
  praised: boolean;
  criticised: boolean;
  note?: string;
}

export interface BoardRanking {
  level: 'grid' | 'community';
  period: string;
  weights: MetricWeights;
  /** Ranked units by rank, then the units not ranked. */
  units: RankedUnit[];
  praised: RankedUnit[];
  criticised: RankedUnit[];
}

/** Status groups the public list filters by. */
export type PublicStatusGroup = 'open' | 'resolved' | 'closed' | 'final';

export interface PublicCase {
  id: string;
  status: CaseStatus;
  statusName: string;
  categoryId: string;
  categoryName: string;
  /** Community and grid only, never the building. */
  placeName: string;
  communityId: string;
  gridId: string;
  /** Approved public text (审核后公开), masked; absent while it waits or when kept private. */
  description?: string;
  /** 「内容审核中」 or 「内容不公开」 when there is no description to show. */
  descriptionState?: string;
  createdAt: string;
  resolvedAt?: string;
  closedAt?: string;
  holder?: PersonView;
  supportCount: number;
  overdue: boolean;
  /** Missed and running clocks (`caseClocks`), said with `caseTime(clocks, now)`. */
  clocks?: CaseClocks;
  result?: string;
  /** 「内容审核中」 or 「内容不公开」 when a result exists but is not public text. */
  resultState?: string;
  /** The rating's Chinese name; absent when the case was not rated (or closed by itself). */
  rating?: string;
  /** Approved photos only. */
  photos: { fileId: string; stage: string }[];
  /** Minutes from submission to the reported result. */
  takenMinutes?: number;
}

export interface PublicTimelineEvent {
  seq: number;
  at: string;
  action: string;
  actionName: string;
  actor: PersonView;
  note?: string;
  /** 「内容审核中」 or 「内容不公开」 when the line has words not (yet) public. */
  noteState?: string;
  toStatus: CaseStatus;
  toStatusName: string;
}

export interface PublicCasePage {
  items: PublicCase[];
  nextCursor?: string;
}

export interface RosterMember {
  role: string;
  roleName: string;
  duties: string;
  /** Masked (李**) unless the member consented to their full name, or （空缺） when the role has nobody. */
  name: string;
  onDuty: boolean;
  /** With the member's consent. */
  workPhone?: string;
  /** Approved by the community. */
  commitment?: string;
  photo?: string;
}

export interface GridRoster {
  grid: { id: string; name: string; communityName?: string; households?: number };
  members: RosterMember[];
}

export interface PublicCaseFilter extends BoardScope {
  status?: PublicStatusGroup;
  categoryId?: string;
  cursor?: string;
  limit?: number;
}

/** Drops absent fields: the server's inputs are strict and refuse `undefined` keys in some transports. */
function defined(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''));
}

export const boardApi = {
  summary: (scope: BoardScope, period?: BoardPeriod) =>
    callFunction<BoardSummary>('board', { action: 'summary', ...defined({ ...scope, period }) }),

  rankings: (level: 'grid' | 'community', communityId?: string, period?: BoardPeriod) =>
    callFunction<BoardRanking>('board', { action: 'rankings', ...defined({ level, communityId, period }) }),

  listCases: (filter: PublicCaseFilter) => callFunction<PublicCasePage>('board', { action: 'listCases', ...defined({ ...filter }) }),

  getCase: (caseId: string) => callFunction<{ case: PublicCase; timeline: PublicTimelineEvent[] }>('board', { action: 'getCase', caseId }),

  gridRoster: (gridId: string) => callFunction<GridRoster>('board', { action: 'gridRoster', gridId }),

  /** Communities and their grids, for the scope picker (public). */
  listPlaces: () => callFunction<{ communities: Community[] }>('resident', { action: 'listPlaces' }),

  /** Categories, for the list filter (public). */
  listCategories: () => callFunction<{ items: Category[] }>('resident', { action: 'listCategories' }),

  /** 附议: needs somebody logged in; answers the new count. */
  supportCase: (caseId: string) => callFunction<{ caseId: string; supportCount: number }>('resident', { action: 'supportCase', caseId }),
};
