/**
 * The quarterly 满意度测评 (seed 001: 每季度开展群众满意度测评). A community opens a survey for a
 * quarter with the street's questionnaire; a resident answers once per quarter per community while
 * it is open; the results per grid and community count the answers of each rating question, and the
 * 80 % rule counts each answer as one rating beside the cases' (`surveyTally`, docs/decisions.md).
 * Pure rules; "today" is always passed in.
 */
import { fail, ok, type Result } from './errors';
import { emptyTally, type CaseTally } from './metrics';
import { RATINGS, type Rating } from './model';
import type { KeptWhy } from './suggestion-keep';

export const RATING_NAMES: Record<Rating, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };

/**
 * What a rating question is about: the community's work (counted for the community), the grid's
 * five-role group (counted for the resident's grid), or something else the street asks (shown only).
 */
export const QUESTION_SUBJECTS = ['community', 'grid', 'other'] as const;
export type QuestionSubject = (typeof QUESTION_SUBJECTS)[number];

export type SurveyQuestion =
  { id: string; kind: 'rating'; text: string; subject: QuestionSubject } | { id: string; kind: 'text'; text: string; required: boolean };

export const MAX_QUESTIONS = 8;
export const MAX_SUGGESTION = 300;

/** The street's questionnaire until it edits it. */
export const DEFAULT_QUESTIONS: readonly SurveyQuestion[] = [
  { id: 'community', kind: 'rating', text: '您对社区为群众办实事的工作满意吗？', subject: 'community' },
  { id: 'group', kind: 'rating', text: '您对本网格五员共治小组的工作满意吗？', subject: 'grid' },
  { id: 'suggestion', kind: 'text', text: '您对社区工作还有什么意见和建议？', required: false },
];

/** A questionnaire the street may save: 1–8 questions, distinct ids, at most one per counted subject. */
export function checkQuestions(questions: readonly SurveyQuestion[]): Result<void> {
  if (questions.length === 0 || questions.length > MAX_QUESTIONS) return fail('INPUT.INVALID', `测评问卷须有 1 至 ${MAX_QUESTIONS} 个问题`);
  if (new Set(questions.map((q) => q.id)).size !== questions.length) return fail('INPUT.INVALID', '问题编号不能重复');
  for (const subject of ['community', 'grid'] as const)
    if (questions.filter((q) => q.kind === 'rating' && q.subject === subject).length > 1)
      return fail(
        'INPUT.INVALID',
        subject === 'community' ? '只能有一个针对社区工作的满意度问题' : '只能有一个针对网格五员小组的满意度问题',
      );
  if (!questions.some((q) => q.kind === 'rating')) return fail('INPUT.INVALID', '测评问卷至少要有一个满意度问题');
  return ok(undefined);
}

export interface Survey {
  /** `<communityId>_<quarter>`: one per community and quarter. */
  id: string;
  streetId: string;
  communityId: string;
  /** `2026-Q4`. */
  quarter: string;
  /** China-local days, both included, within the quarter. */
  opensOn: string;
  closesOn: string;
  /** The questionnaire as it was when the survey opened. */
  questions: SurveyQuestion[];
  createdBy: string;
  createdAt: string;
}

export const surveyId = (communityId: string, quarter: string): string => `${communityId}_${quarter}`;

export interface SurveyAnswer {
  id: string;
  surveyId: string;
  communityId: string;
  /** The grid the resident answered as a resident of. */
  gridId: string;
  quarter: string;
  openid: string;
  /** Rating question id → rating. */
  ratings: Record<string, Rating>;
  /** Text question id → the words, staff-only until approved (core/public-text.ts). */
  texts: Record<string, string>;
  /** Approved for the board: text question id → the masked words the community approved. */
  approved?: Record<string, string>;
  /** Text question ids the community reviewed and kept staff-only (never on the board). */
  kept?: string[];
  /** Why each kept one is kept (core/suggestion-keep.ts): staff-only, never on the board. */
  keptWhy?: Record<string, KeptWhy>;
  at: string;
}

/** The first and last day of a quarter (`2026-Q4` → 2026-10-01 … 2026-12-31). */
export function quarterDays(quarter: string): { first: string; last: string } {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const first = `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`;
  const lastMonth = q * 3;
  const lastDay = new Date(Date.UTC(y, lastMonth, 0)).getUTCDate();
  return { first, last: `${y}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}` };
}

/** The quarter a China-local day falls in. */
export const quarterOf = (day: string): string => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** Whether a survey may open on these days: within its quarter, not ending before today. */
export function checkSurveyPlan(plan: { quarter: string; opensOn: string; closesOn: string }, today: string): Result<void> {
  const { first, last } = quarterDays(plan.quarter);
  if (plan.closesOn < plan.opensOn) return fail('INPUT.INVALID', '测评截止日期不能早于开始日期');
  if (plan.opensOn < first || plan.closesOn > last) return fail('INPUT.INVALID', `测评日期须在 ${first} 至 ${last} 之内`);
  if (plan.closesOn < today) return fail('INPUT.INVALID', '测评截止日期不能早于今天');
  return ok(undefined);
}

/** Where a suggestion stands in the community's review: waiting, approved for the board (masked), or kept staff-only. */
export type SuggestionState = 'pending' | 'approved' | 'private';
export const SUGGESTION_STATE_NAMES: Record<SuggestionState, string> = { pending: '待审核', approved: '已公开', private: '不公开' };

export function suggestionState(a: Pick<SurveyAnswer, 'approved' | 'kept'>, questionId: string): SuggestionState {
  if (a.approved?.[questionId] !== undefined) return 'approved';
  return a.kept?.includes(questionId) ? 'private' : 'pending';
}

export type SurveyState = 'upcoming' | 'open' | 'closed';
export const SURVEY_STATE_NAMES: Record<SurveyState, string> = { upcoming: '未开始', open: '进行中', closed: '已结束' };

export function surveyState(s: Pick<Survey, 'opensOn' | 'closesOn'>, today: string): SurveyState {
  if (today < s.opensOn) return 'upcoming';
  if (today > s.closesOn) return 'closed';
  return 'open';
}

/**
 * Whether a resident may answer: the survey is open, they count for its community, they have not
 * answered it, every rating question has a rating and every required text question words.
 */
export function checkAnswer(
  survey: Survey,
  answer: { ratings: Record<string, string>; texts: Record<string, string> },
  ctx: { today: string; residentOf: boolean; answered: boolean },
): Result<void> {
  const state = surveyState(survey, ctx.today);
  if (state === 'upcoming') return fail('SURVEY.NOT_OPEN', `测评尚未开始，${survey.opensOn} 开始`);
  if (state === 'closed') return fail('SURVEY.CLOSED', '本季度测评已结束');
  if (!ctx.residentOf) return fail('SURVEY.NOT_RESIDENT', '仅本社区居民可以参加测评，请在首页选择所在网格');
  if (ctx.answered) return fail('SURVEY.ANSWERED', '您本季度已参加过测评，每季度只能参加一次');
  const known = new Map(survey.questions.map((q) => [q.id, q]));
  for (const id of [...Object.keys(answer.ratings), ...Object.keys(answer.texts)]) {
    if (!known.has(id)) return fail('INPUT.INVALID', '回答了问卷中没有的问题');
  }
  for (const q of survey.questions) {
    if (q.kind === 'rating') {
      const r = answer.ratings[q.id];
      if (r === undefined) return fail('INPUT.INVALID', `请回答：${q.text}`);
      if (!(RATINGS as readonly string[]).includes(r)) return fail('INPUT.INVALID', '满意度只能选择满意、基本满意或不满意');
    } else {
      if (answer.ratings[q.id] !== undefined) return fail('INPUT.INVALID', '回答了问卷中没有的问题');
      if (q.required && !answer.texts[q.id]?.trim()) return fail('INPUT.INVALID', `请填写：${q.text}`);
    }
  }
  return ok(undefined);
}

export interface QuestionResult {
  questionId: string;
  text: string;
  /** Answers with a rating for this question (the denominator). */
  responses: number;
  counts: Record<Rating, number>;
  /** (满意 + 基本满意) / responses; null without responses. */
  satisfactionRate: number | null;
}

/** The results of the rating questions over some answers (a community's, or a grid's). */
export function surveyResults(questions: readonly SurveyQuestion[], answers: readonly SurveyAnswer[]): QuestionResult[] {
  return questions.flatMap((q) => {
    if (q.kind !== 'rating') return [];
    const counts: Record<Rating, number> = { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 };
    for (const a of answers) {
      const r = a.ratings[q.id];
      if (r !== undefined) counts[r]++;
    }
    const responses = counts.satisfied + counts.basically_satisfied + counts.unsatisfied;
    return [
      {
        questionId: q.id,
        text: q.text,
        responses,
        counts,
        satisfactionRate: responses === 0 ? null : (counts.satisfied + counts.basically_satisfied) / responses,
      },
    ];
  });
}

/**
 * The answers as ratings for the 80 % rule: each answer to the question about `subject` counts as
 * one rated case (满意 / 基本满意 / 不满意), added to the unit's case tally for the quarter.
 */
export function surveyTally(survey: Pick<Survey, 'questions'>, answers: readonly SurveyAnswer[], subject: 'community' | 'grid'): CaseTally {
  const t = emptyTally();
  const q = survey.questions.find((x) => x.kind === 'rating' && x.subject === subject);
  if (!q) return t;
  for (const a of answers) {
    const r = a.ratings[q.id];
    if (r === undefined) continue;
    t.rated++;
    if (r === 'satisfied') t.satisfied++;
    else if (r === 'basically_satisfied') t.basicallySatisfied++;
    else t.unsatisfied++;
  }
  return t;
}
