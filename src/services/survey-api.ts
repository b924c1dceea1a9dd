import { callFunction } from './cloud';
import { call, type Input, type Output } from './call';
import type { SurveyResultsView } from '../../backend/functions/satisfaction-survey';
import type { SurveyQuestion } from '../../core/satisfaction-survey';
import type { Rating } from '../../core/model';
import type { BoundPlace } from './micro-projects-api';

/** The quarterly 满意度测评 (backend/functions/satisfaction-survey.ts). */
export type SurveyRating = Rating;
export type { SurveyResultsView };

export interface MySurvey {
  id: string;
  communityName: string;
  quarter: string;
  opensOn: string;
  closesOn: string;
  questions: SurveyQuestion[];
  answered: boolean;
}

const place = (p: BoundPlace) => ({ ...(p.buildingId ? { buildingId: p.buildingId } : {}), ...(p.gridId ? { gridId: p.gridId } : {}) });

export const surveyApi = {
  mine: (bound: BoundPlace) => callFunction<{ items: MySurvey[] }>('resident', { action: 'mySurveys', ...place(bound) }),
  answer: (surveyId: string, ratings: Record<string, Rating>, texts: Record<string, string>, bound: BoundPlace) =>
    callFunction<{ surveyId: string; answered: true }>('resident', {
      action: 'answerSurvey',
      surveyId,
      ratings,
      ...(Object.values(texts).some((t) => t.trim()) ? { texts } : {}),
      ...place(bound),
    }),
  board: (communityId?: string) =>
    callFunction<{ items: SurveyResultsView[] }>('board', { action: 'surveyResults', ...(communityId ? { communityId } : {}) }),
  // ——— staff (the `community` function) ———
  questions: () => call('community', 'surveyQuestions'),
  saveQuestions: (questions: SurveyQuestion[]) => call('community', 'setSurveyQuestions', { questions }),
  open: (plan: Input<'community', 'surveyOpen'>) => call('community', 'surveyOpen', plan),
  results: (communityId?: string) => call('community', 'surveyResults', communityId ? { communityId } : {}),
  reviewSuggestion: (decision: Input<'community', 'reviewSuggestion'>) => call('community', 'reviewSuggestion', decision),
};

/** The staff's view of the surveys: each with its results and every suggestion. */
export type StaffSurveys = Output<'community', 'surveyResults'>;
export type StaffSurvey = StaffSurveys['items'][number];
export type StaffSuggestion = StaffSurvey['suggestions'][number];
