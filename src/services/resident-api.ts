import { call, type Input } from './call';
import type { SimilarAsk } from '../utils/similar-search';

/** What `submitCase` takes: a building, or (weapp) a grid with a point picked on the map. */
export type SubmitReport = Input<'resident', 'submitCase'>;

/** The `resident` function, one wrapper per action (inputs and answers are the server's own types). */
export const residentApi = {
  listCategories: () => call('resident', 'listCategories'),

  listPlaces: () => call('resident', 'listPlaces'),

  submitCase: (input: SubmitReport) => call('resident', 'submitCase', input),

  listMyCases: (params: Input<'resident', 'listMyCases'>) =>
    call('resident', 'listMyCases', {
      ...(params.status ? { status: params.status } : {}),
      ...(params.cursor ? { cursor: params.cursor } : {}),
      ...(params.limit ? { limit: params.limit } : {}),
    }),

  getCase: (caseId: string) => call('resident', 'getCase', { caseId }),

  supplementCase: (caseId: string, note: string, photos?: string[]) =>
    call('resident', 'supplementCase', { caseId, note, ...(photos?.length ? { photos } : {}) }),

  withdrawCase: (caseId: string, reason?: string) => call('resident', 'withdrawCase', { caseId, ...(reason ? { reason } : {}) }),

  rateCase: (caseId: string, rating: Input<'resident', 'rateCase'>['rating'], comment?: string) =>
    call('resident', 'rateCase', { caseId, rating, ...(comment ? { comment } : {}) }),

  remindCase: (caseId: string) => call('resident', 'remindCase', { caseId }),

  supportCase: (caseId: string) => call('resident', 'supportCase', { caseId }),

  /** The handler's work phone, when the member consented to show it (公示牌信息). */
  handlerContact: (caseId: string) => call('resident', 'handlerContact', { caseId }),

  /** Near a building, or near a point picked on the map in a grid. */
  findSimilar: (q: SimilarAsk) =>
    call(
      'resident',
      'findSimilar',
      'buildingId' in q
        ? { categoryId: q.categoryId, buildingId: q.buildingId }
        : { categoryId: q.categoryId, gridId: q.gridId, point: { latitude: q.point.latitude, longitude: q.point.longitude } },
    ),

  listMessages: (params: { before?: string; limit?: number } = {}) =>
    call('resident', 'listMessages', {
      ...(params.before ? { before: params.before } : {}),
      ...(params.limit ? { limit: params.limit } : {}),
    }),

  markMessagesRead: (ids: Input<'resident', 'markMessagesRead'>['ids']) => call('resident', 'markMessagesRead', { ids }),

  /** What the resident accepted in WeChat's subscribe dialog, template id → accept / reject / ban / filter. */
  recordSubscriptions: (results: Input<'resident', 'recordSubscriptions'>['results']) =>
    call('resident', 'recordSubscriptions', { results }),

  /** The subscribe-message templates the admins configured for residents' notices (at most 3). */
  subscribeTemplates: () => call('resident', 'subscribeTemplates'),

  /** The grid's five-role group for the 公示牌 (the public `board` function). */
  gridRoster: (gridId: string) => call('board', 'gridRoster', { gridId }),
};
