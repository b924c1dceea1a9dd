import { callFunction } from './cloud';
import type { CaseListFilter, CasePage, CaseWithTimeline, Category, Community, SubmitCaseInput, SubmitCaseResult } from './api-types';

/** The `resident` function, one wrapper per action. */
export const residentApi = {
  listCategories: () => callFunction<{ items: Category[] }>('resident', { action: 'listCategories' }),

  listPlaces: () => callFunction<{ communities: Community[] }>('resident', { action: 'listPlaces' }),

  submitCase: (input: SubmitCaseInput) => callFunction<SubmitCaseResult>('resident', { action: 'submitCase', ...input }),

  listMyCases: (params: { status?: CaseListFilter; cursor?: string }) =>
    callFunction<CasePage>('resident', {
      action: 'listMyCases',
      ...(params.status ? { status: params.status } : {}),
      ...(params.cursor ? { cursor: params.cursor } : {}),
    }),

  getCase: (caseId: string) => callFunction<CaseWithTimeline>('resident', { action: 'getCase', caseId }),
};
