import { callFunction } from './cloud';
import type { CaseListFilter, CasePage, Category, Community, SubmitCaseResult } from './api-types';
import type {
  GridRoster,
  MapLocation,
  MessagePage,
  RatingValue,
  ResidentCaseCard,
  ResidentCaseWithTimeline,
  SimilarCase,
  StepResult,
} from './resident-types';

/** What `submitCase` takes: a building, or (weapp) a grid with a point picked on the map. */
export interface SubmitReport {
  requestId: string;
  categoryId: string;
  buildingId?: string;
  gridId?: string;
  location?: MapLocation;
  description: string;
  isPublic: boolean;
  photos?: string[];
  contactPhone?: string;
}

/** The `resident` function, one wrapper per action (inputs as its strict zod schemas). */
export const residentApi = {
  listCategories: () => callFunction<{ items: Category[] }>('resident', { action: 'listCategories' }),

  listPlaces: () => callFunction<{ communities: Community[] }>('resident', { action: 'listPlaces' }),

  submitCase: (input: SubmitReport) => callFunction<SubmitCaseResult>('resident', { action: 'submitCase', ...input }),

  listMyCases: (params: { status?: CaseListFilter; cursor?: string; limit?: number }) =>
    callFunction<Omit<CasePage, 'items'> & { items: ResidentCaseCard[] }>('resident', {
      action: 'listMyCases',
      ...(params.status ? { status: params.status } : {}),
      ...(params.cursor ? { cursor: params.cursor } : {}),
      ...(params.limit ? { limit: params.limit } : {}),
    }),

  getCase: (caseId: string) => callFunction<ResidentCaseWithTimeline>('resident', { action: 'getCase', caseId }),

  supplementCase: (caseId: string, note: string, photos?: string[]) =>
    callFunction<StepResult>('resident', { action: 'supplementCase', caseId, note, ...(photos?.length ? { photos } : {}) }),

  withdrawCase: (caseId: string, reason?: string) =>
    callFunction<StepResult>('resident', { action: 'withdrawCase', caseId, ...(reason ? { reason } : {}) }),

  rateCase: (caseId: string, rating: RatingValue, comment?: string) =>
    callFunction<StepResult>('resident', { action: 'rateCase', caseId, rating, ...(comment ? { comment } : {}) }),

  remindCase: (caseId: string) => callFunction<{ caseId: string }>('resident', { action: 'remindCase', caseId }),

  supportCase: (caseId: string) => callFunction<{ caseId: string; supportCount: number }>('resident', { action: 'supportCase', caseId }),

  findSimilar: (q: { categoryId: string; buildingId: string }) =>
    callFunction<{ items: SimilarCase[] }>('resident', { action: 'findSimilar', categoryId: q.categoryId, buildingId: q.buildingId }),

  listMessages: (params: { before?: string; limit?: number } = {}) =>
    callFunction<MessagePage>('resident', {
      action: 'listMessages',
      ...(params.before ? { before: params.before } : {}),
      ...(params.limit ? { limit: params.limit } : {}),
    }),

  markMessagesRead: (ids: string[] | 'all') =>
    callFunction<{ changed: number; unread: number }>('resident', { action: 'markMessagesRead', ids }),

  /** What the resident accepted in WeChat's subscribe dialog, template id → accept / reject / ban / filter. */
  recordSubscriptions: (results: Record<string, string>) =>
    callFunction<{ accepted: number }>('resident', { action: 'recordSubscriptions', results }),

  /** The subscribe-message templates the admins configured for residents' notices (at most 3). */
  subscribeTemplates: () => callFunction<{ templateIds: string[] }>('resident', { action: 'subscribeTemplates' }),

  /** The grid's five-role group for the 公示牌 (the public `board` function). */
  gridRoster: (gridId: string) => callFunction<GridRoster>('board', { action: 'gridRoster', gridId }),
};
