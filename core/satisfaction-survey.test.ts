import {
  DEFAULT_QUESTIONS,
  checkAnswer,
  checkQuestions,
  checkSurveyPlan,
  quarterDays,
  quarterOf,
  surveyResults,
  surveyState,
  surveyTally,
  type Survey,
  type SurveyAnswer,
  type SurveyQuestion,
} from './satisfaction-survey';
import type { Rating } from './model';

const survey: Survey = {
  id: 'c1_2026-Q4',
  streetId: 's',
  communityId: 'c1',
  quarter: '2026-Q4',
  opensOn: '2026-12-01',
  closesOn: '2026-12-20',
  questions: [...DEFAULT_QUESTIONS],
  createdBy: 'admin',
  createdAt: '2026-11-20T01:00:00.000Z',
};

const answer = (community: Rating | undefined, group: Rating | undefined, gridId = 'g1'): SurveyAnswer => ({
  id: `a-${Math.random()}`,
  surveyId: survey.id,
  communityId: 'c1',
  gridId,
  quarter: '2026-Q4',
  openid: 'o',
  ratings: { ...(community ? { community } : {}), ...(group ? { group } : {}) },
  texts: {},
  at: '2026-12-02T01:00:00.000Z',
});

const codeOf = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : r.error!.code);

describe('quarters', () => {
  test.each([
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2028-Q1', '2028-01-01', '2028-03-31'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
  ])('%s runs %s … %s', (q, first, last) => {
    expect(quarterDays(q)).toEqual({ first, last });
    expect(quarterOf(first)).toBe(q);
    expect(quarterOf(last)).toBe(q);
  });
});

describe('survey dates', () => {
  test.each([
    ['inside the quarter', { quarter: '2026-Q4', opensOn: '2026-12-01', closesOn: '2026-12-20' }, 'ok'],
    ['the whole quarter', { quarter: '2026-Q4', opensOn: '2026-10-01', closesOn: '2026-12-31' }, 'ok'],
    ['past the quarter', { quarter: '2026-Q4', opensOn: '2026-12-01', closesOn: '2027-01-05' }, 'INPUT.INVALID'],
    ['before the quarter', { quarter: '2026-Q4', opensOn: '2026-09-30', closesOn: '2026-12-20' }, 'INPUT.INVALID'],
    ['closing before opening', { quarter: '2026-Q4', opensOn: '2026-12-10', closesOn: '2026-12-01' }, 'INPUT.INVALID'],
    ['already over', { quarter: '2026-Q4', opensOn: '2026-10-01', closesOn: '2026-11-01' }, 'INPUT.INVALID'],
  ])('%s → %s', (_n, plan, code) => {
    expect(codeOf(checkSurveyPlan(plan, '2026-11-23'))).toBe(code);
  });

  test.each([
    ['2026-11-30', 'upcoming'],
    ['2026-12-01', 'open'],
    ['2026-12-20', 'open'],
    ['2026-12-21', 'closed'],
  ])('on %s the survey is %s', (today, state) => {
    expect(surveyState(survey, today)).toBe(state);
  });
});

describe('questionnaires the street may save', () => {
  const rating = (id: string, subject: 'community' | 'grid' | 'other'): SurveyQuestion => ({ id, kind: 'rating', text: '满意吗', subject });
  test.each([
    ['the default', [...DEFAULT_QUESTIONS], 'ok'],
    ['none', [], 'INPUT.INVALID'],
    ['nine', Array.from({ length: 9 }, (_, i) => rating(`q${i}`, 'other')), 'INPUT.INVALID'],
    ['a repeated id', [rating('a', 'community'), rating('a', 'grid')], 'INPUT.INVALID'],
    ['two about the community', [rating('a', 'community'), rating('b', 'community')], 'INPUT.INVALID'],
    ['text only', [{ id: 't', kind: 'text', text: '建议', required: false } as SurveyQuestion], 'INPUT.INVALID'],
    ['one other rating', [rating('a', 'other')], 'ok'],
  ])('%s → %s', (_n, qs, code) => {
    expect(codeOf(checkQuestions(qs))).toBe(code);
  });
});

describe('who may answer', () => {
  const full = { ratings: { community: 'satisfied', group: 'unsatisfied' }, texts: { suggestion: '多组织活动' } };
  const ctx = { today: '2026-12-05', residentOf: true, answered: false };
  test.each([
    ['a resident, first time, while open', full, ctx, 'ok'],
    ['without the optional suggestion', { ...full, texts: {} }, ctx, 'ok'],
    ['before it opens', full, { ...ctx, today: '2026-11-30' }, 'SURVEY.NOT_OPEN'],
    ['after it closed', full, { ...ctx, today: '2026-12-21' }, 'SURVEY.CLOSED'],
    ['not a resident of the community', full, { ...ctx, residentOf: false }, 'SURVEY.NOT_RESIDENT'],
    ['a second time', full, { ...ctx, answered: true }, 'SURVEY.ANSWERED'],
    ['a rating missing', { ...full, ratings: { community: 'satisfied' } }, ctx, 'INPUT.INVALID'],
    ['an unknown rating', { ...full, ratings: { community: 'great', group: 'satisfied' } }, ctx, 'INPUT.INVALID'],
    ['an unknown question', { ...full, ratings: { ...full.ratings, extra: 'satisfied' } }, ctx, 'INPUT.INVALID'],
    ['a rating on the text question', { ...full, ratings: { ...full.ratings, suggestion: 'satisfied' } }, ctx, 'INPUT.INVALID'],
  ])('%s → %s', (_n, a, c, code) => {
    const r = checkAnswer(survey, a, c);
    expect(codeOf(r)).toBe(code);
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('a required text question must be answered', () => {
    const s = {
      ...survey,
      questions: [...DEFAULT_QUESTIONS.slice(0, 2), { id: 'suggestion', kind: 'text' as const, text: '建议', required: true }],
    };
    expect(codeOf(checkAnswer(s, { ...full, texts: {} }, ctx))).toBe('INPUT.INVALID');
    expect(codeOf(checkAnswer(s, { ...full, texts: { suggestion: '  ' } }, ctx))).toBe('INPUT.INVALID');
    expect(codeOf(checkAnswer(s, full, ctx))).toBe('ok');
  });
});

describe('results and the 80 % rule', () => {
  const answers = [
    answer('satisfied', 'satisfied'),
    answer('basically_satisfied', 'unsatisfied'),
    answer('unsatisfied', 'unsatisfied', 'g2'),
    answer('satisfied', undefined, 'g2'),
  ];

  test('each rating question counts its answers over its own denominator', () => {
    expect(surveyResults(survey.questions, answers)).toEqual([
      {
        questionId: 'community',
        text: DEFAULT_QUESTIONS[0]!.text,
        responses: 4,
        counts: { satisfied: 2, basically_satisfied: 1, unsatisfied: 1 },
        satisfactionRate: 3 / 4,
      },
      {
        questionId: 'group',
        text: DEFAULT_QUESTIONS[1]!.text,
        responses: 3,
        counts: { satisfied: 1, basically_satisfied: 0, unsatisfied: 2 },
        satisfactionRate: 1 / 3,
      },
    ]);
    expect(surveyResults(survey.questions, [])[0]!.satisfactionRate).toBeNull();
  });

  test('answers about the community or the grid count as ratings of that unit', () => {
    const c = surveyTally(survey, answers, 'community');
    expect([c.rated, c.satisfied, c.basicallySatisfied, c.unsatisfied]).toEqual([4, 2, 1, 1]);
    const g1 = surveyTally(
      survey,
      answers.filter((a) => a.gridId === 'g1'),
      'grid',
    );
    expect([g1.rated, g1.satisfied, g1.basicallySatisfied, g1.unsatisfied]).toEqual([2, 1, 0, 1]);
    // Everything else in the tally stays zero: a survey answer is not a case.
    expect(c.received).toBe(0);
    const noGridQuestion = { questions: survey.questions.filter((q) => q.id !== 'group') };
    expect(surveyTally(noGridQuestion, answers, 'grid').rated).toBe(0);
  });
});
