/**
 * The quarterly 满意度测评 through the functions on the demo street: the street edits the
 * questionnaire, a community opens its quarter's survey, residents of the community answer once
 * (also 50 at once from one person, on SQLite and on the cloud double), results per community and
 * grid carry their response counts, suggestions stay staff-only until approved, and the answers
 * count in the quarter's 80 % rule.
 */
import { makeEnv, type TestEnv } from '../support/env';
import { makeCloudWorld } from '../support/cloud-world';
import { answerId, type SurveyResultsView } from '../../backend/functions/satisfaction-survey';
import type { Reply } from '../../backend/functions/define';
import { FUNCTIONS } from '../../backend/functions';
import type { Deps } from '../../backend/deps';

jest.setTimeout(60_000);

const YUYUAN = 'sf-yuyuan';
const G1 = 'sf-yuyuan-g1';
const G2 = 'sf-yuyuan-g2';
const ADMIN = 'demo-admin-1';
const OTHER_ADMIN = 'demo-admin-2';
const STREET = 'demo-street-admin';
const SID = `${YUYUAN}_2026-Q4`;
const DAY = 86_400_000;

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv({ limits: { submissionsPerDay: 1000 } });
});
afterEach(async () => {
  await env.close();
});

const code = (r: Reply): string => (r.ok ? 'ok' : r.error.code);
const open = () =>
  env.ok<SurveyResultsView>('community', ADMIN, 'surveyOpen', { communityId: YUYUAN, opensOn: '2026-11-23', closesOn: '2026-12-20' });
const answer = (openid: string, over: Record<string, unknown> = {}) =>
  env.call('resident', openid, 'answerSurvey', {
    surveyId: SID,
    ratings: { community: 'satisfied', group: 'basically_satisfied' },
    gridId: G1,
    ...over,
  });

describe('opening a survey', () => {
  test('the community admin opens the quarter once, with the default questionnaire', async () => {
    const s = await open();
    expect(s).toMatchObject({ id: SID, quarter: '2026-Q4', stateName: '进行中', responses: 0 });
    expect(s.questions.map((q) => q.id)).toEqual(['community', 'group', 'suggestion']);
    expect(
      code(await env.call('community', ADMIN, 'surveyOpen', { communityId: YUYUAN, opensOn: '2026-11-24', closesOn: '2026-12-20' })),
    ).toBe('SURVEY.EXISTS');
    expect(
      code(await env.call('community', OTHER_ADMIN, 'surveyOpen', { communityId: YUYUAN, opensOn: '2026-11-23', closesOn: '2026-12-20' })),
    ).toBe('AUTH.FORBIDDEN');
    const past = await env.call('community', ADMIN, 'surveyOpen', {
      communityId: 'sf-xinglong',
      opensOn: '2026-12-01',
      closesOn: '2027-01-10',
    });
    expect(code(past)).toBe('AUTH.FORBIDDEN'); // not their community, before any date check
    const bad = await env.call('community', STREET, 'surveyOpen', {
      communityId: 'sf-xinglong',
      opensOn: '2026-12-01',
      closesOn: '2027-01-10',
    });
    expect(code(bad)).toBe('INPUT.INVALID');
    expect(await env.store.listRef('surveys')).toHaveLength(1);
  });

  test('the street edits the questions; a community admin cannot; a survey keeps the questions it opened with', async () => {
    const questions = [
      { id: 'community', kind: 'rating', text: '您对社区的服务满意吗？', subject: 'community' },
      { id: 'safety', kind: 'rating', text: '您对小区治安满意吗？', subject: 'other' },
    ];
    expect(code(await env.call('community', ADMIN, 'setSurveyQuestions', { questions }))).toBe('AUTH.FORBIDDEN');
    const twice = [questions[0], { ...questions[1], subject: 'community' }];
    expect(code(await env.call('community', STREET, 'setSurveyQuestions', { questions: twice }))).toBe('INPUT.INVALID');
    await open();
    await env.ok('community', STREET, 'setSurveyQuestions', { questions });
    expect((await env.ok<{ questions: { id: string }[] }>('community', ADMIN, 'surveyQuestions', {})).questions.map((q) => q.id)).toEqual([
      'community',
      'safety',
    ]);
    expect((await env.store.getRef('surveys', SID))?.questions.map((q) => q.id)).toEqual(['community', 'group', 'suggestion']);
    const xl = await env.ok<SurveyResultsView>('community', STREET, 'surveyOpen', {
      communityId: 'sf-xinglong',
      opensOn: '2026-11-23',
      closesOn: '2026-12-20',
    });
    expect(xl.questions.map((q) => q.id)).toEqual(['community', 'safety']);
  });
});

describe('answering', () => {
  test('a resident of the community answers once per quarter; bad answers change nothing', async () => {
    await open();
    const mine = await env.ok<{ items: { id: string; answered: boolean }[] }>('resident', 'demo-resident-1', 'mySurveys', { gridId: G1 });
    expect(mine.items).toEqual([expect.objectContaining({ id: SID, answered: false })]);
    expect(code(await answer('demo-resident-1', { ratings: { community: 'satisfied' } }))).toBe('INPUT.INVALID');
    expect(code(await answer('demo-resident-1', { ratings: { community: 'great', group: 'satisfied' } }))).toBe('INPUT.INVALID');
    expect(code(await answer('demo-resident-1', { gridId: 'sf-xinglong-g1' }))).toBe('SURVEY.NOT_RESIDENT');
    expect(code(await answer('demo-resident-1', { gridId: undefined }))).toBe('SURVEY.NOT_RESIDENT');
    expect(code(await env.call('resident', undefined, 'answerSurvey', { surveyId: SID, ratings: {} }))).toBe('AUTH.REQUIRED');
    expect(await env.store.listRef('surveyAnswers')).toEqual([]);
    expect(code(await answer('demo-resident-1', { texts: { suggestion: '希望多组织老年人活动，联系我13812345678' } }))).toBe('ok');
    expect(code(await answer('demo-resident-1', { ratings: { community: 'unsatisfied', group: 'unsatisfied' } }))).toBe('SURVEY.ANSWERED');
    expect(
      (await env.ok<{ items: { answered: boolean }[] }>('resident', 'demo-resident-1', 'mySurveys', { gridId: G1 })).items[0]!.answered,
    ).toBe(true);
    env.advance(28 * DAY); // 2026-12-21: closed
    expect(code(await answer('demo-resident-2'))).toBe('SURVEY.CLOSED');
    expect((await env.ok<{ items: unknown[] }>('resident', 'demo-resident-2', 'mySurveys', { gridId: G1 })).items).toEqual([]);
    expect(await env.store.listRef('surveyAnswers')).toHaveLength(1);
  });

  async function fire(deps: Deps): Promise<Reply[]> {
    return Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        FUNCTIONS.resident!.handle(
          {
            action: 'answerSurvey',
            surveyId: SID,
            ratings: { community: i % 2 ? 'satisfied' : 'unsatisfied', group: 'satisfied' },
            gridId: G1,
          },
          'demo-resident-1',
          deps,
        ),
      ),
    );
  }

  test('50 answers at once from one person leave one, on SQLite', async () => {
    await open();
    const replies = await fire(env.deps);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map(code)).toEqual(Array(49).fill('SURVEY.ANSWERED'));
    expect(await env.store.listRef('surveyAnswers')).toHaveLength(1);
  });

  test('50 answers at once from one person leave one, on the cloud database', async () => {
    const world = await makeCloudWorld({ latencyMs: 0, start: env.clock.now });
    await world.ok('community', ADMIN, 'surveyOpen', { communityId: YUYUAN, opensOn: '2026-11-23', closesOn: '2026-12-20' });
    const replies = await fire(world.deps);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map(code)).toEqual(Array(49).fill('SURVEY.ANSWERED'));
    expect(await world.store.listRef('surveyAnswers')).toHaveLength(1);
  });
});

describe('results', () => {
  test('per community and grid with response counts; suggestions staff-only until approved, masked', async () => {
    await open();
    await answer('demo-resident-1', { texts: { suggestion: '希望多组织老年人活动，联系我13812345678' } });
    await answer('demo-resident-2', {
      ratings: { community: 'unsatisfied', group: 'unsatisfied' },
      gridId: G2,
      texts: { suggestion: '路灯太暗' },
    });
    await answer('demo-resident-3', { ratings: { community: 'basically_satisfied', group: 'satisfied' } });

    const board = (await env.ok<{ items: SurveyResultsView[] }>('board', undefined, 'surveyResults', { communityId: YUYUAN })).items[0]!;
    expect(board.responses).toBe(3);
    expect(board.community.map((q) => [q.questionId, q.responses, q.satisfactionRate])).toEqual([
      ['community', 3, 2 / 3],
      ['group', 3, 2 / 3],
    ]);
    expect(board.grids.map((g) => [g.gridId, g.responses, g.results.find((q) => q.questionId === 'group')?.satisfactionRate])).toEqual([
      [G1, 2, 1],
      [G2, 1, 0],
    ]);
    expect(board.suggestions).toEqual([]);
    expect(board.approvedSuggestions).toEqual([]);
    expect(JSON.stringify(board)).not.toMatch(/老年人活动|路灯|demo-resident|openid/);

    const staff = (await env.ok<{ items: SurveyResultsView[] }>('community', ADMIN, 'surveyResults', { communityId: YUYUAN })).items[0]!;
    expect(staff.suggestions).toHaveLength(2);
    const s1 = staff.suggestions.find((s) => s.original.includes('老年人'))!;
    expect(s1.suggested).not.toContain('13812345678');
    expect(code(await env.call('community', OTHER_ADMIN, 'surveyResults', { communityId: YUYUAN }))).toBe('AUTH.FORBIDDEN');
    expect(code(await env.call('community', 'demo-resident-1', 'surveyResults', {}))).toBe('AUTH.FORBIDDEN');
    expect(
      code(
        await env.call('community', OTHER_ADMIN, 'reviewSuggestion', { answerId: s1.answerId, questionId: 'suggestion', approve: true }),
      ),
    ).toBe('SURVEY.NOT_FOUND');

    await env.ok('community', ADMIN, 'reviewSuggestion', { answerId: s1.answerId, questionId: 'suggestion', approve: true });
    const after = (await env.ok<{ items: SurveyResultsView[] }>('board', undefined, 'surveyResults', {})).items[0]!;
    expect(after.approvedSuggestions).toEqual([{ questionId: 'suggestion', text: s1.suggested }]);
    expect(JSON.stringify(after)).not.toMatch(/13812345678|路灯/);
    expect(answerId(SID, 'demo-resident-1')).toBe(s1.answerId);
  });

  test('the answers count in the quarter’s 80 % rule: each is one rating of the community or of the grid', async () => {
    await open();
    // Five residents of 第一网格: the community's work satisfies, the grid's group does not.
    for (let i = 1; i <= 5; i++) await answer(`demo-resident-${i}`, { ratings: { community: 'satisfied', group: 'unsatisfied' } });
    await env.ok('admin', STREET, 'openRectifications', { period: '2026-Q4' });
    const tasks = await env.store.listRef('rectifications');
    expect(tasks.map((t) => [t.unitKind, t.unitId, t.rated, t.rate])).toEqual([['grid', G1, 5, 0]]);
  });
});
