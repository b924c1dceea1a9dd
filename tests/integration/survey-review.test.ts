/**
 * The review queue of 满意度测评 suggestions: each suggestion is 待审核 until the community approves it
 * (masked, for the board) or keeps it staff-only; kept ones never reach the board and leave the
 * queue; an approval taken back keeps it staff-only too.
 */
import { makeEnv, type TestEnv } from '../support/env';
import type { SurveyResultsView } from '../../backend/functions/satisfaction-survey';

jest.setTimeout(60_000);

const YUYUAN = 'sf-yuyuan';
const ADMIN = 'demo-admin-1';
const SID = `${YUYUAN}_2026-Q4`;

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv({ limits: { submissionsPerDay: 1000 } });
});
afterEach(async () => {
  await env.close();
});

const answer = (openid: string, suggestion: string) =>
  env.ok('resident', openid, 'answerSurvey', {
    surveyId: SID,
    ratings: { community: 'satisfied', group: 'satisfied' },
    texts: { suggestion },
    gridId: `${YUYUAN}-g1`,
  });
const staff = async () =>
  (await env.ok<{ items: SurveyResultsView[] }>('community', ADMIN, 'surveyResults', { communityId: YUYUAN })).items[0]!;
const board = async () =>
  (await env.ok<{ items: SurveyResultsView[] }>('board', undefined, 'surveyResults', { communityId: YUYUAN })).items[0]!;
const states = async () => Object.fromEntries((await staff()).suggestions.map((s) => [s.original, [s.state, s.stateName]]));

test('待审核 → 公开（脱敏）或不公开；不公开的永远不上公示栏', async () => {
  await env.ok('community', ADMIN, 'surveyOpen', { communityId: YUYUAN, opensOn: '2026-11-23', closesOn: '2026-12-20' });
  await answer('demo-resident-1', '希望多组织老年人活动，电话13812345678');
  await answer('demo-resident-2', '楼下邻居张三家天天吵闹');
  expect(await states()).toEqual({
    '希望多组织老年人活动，电话13812345678': ['pending', '待审核'],
    楼下邻居张三家天天吵闹: ['pending', '待审核'],
  });

  const [a, b] = (await staff()).suggestions;
  const first = a!.original.includes('老年人') ? a! : b!;
  const second = first === a ? b! : a!;
  await env.ok('community', ADMIN, 'reviewSuggestion', { answerId: first.answerId, questionId: 'suggestion', approve: true });
  await env.ok('community', ADMIN, 'reviewSuggestion', {
    answerId: second.answerId,
    questionId: 'suggestion',
    approve: false,
    keepReason: 'personal_info',
  });
  expect(await states()).toEqual({
    '希望多组织老年人活动，电话13812345678': ['approved', '已公开'],
    楼下邻居张三家天天吵闹: ['private', '不公开'],
  });
  const shown = await board();
  expect(shown.approvedSuggestions).toHaveLength(1);
  expect(shown.approvedSuggestions[0]!.text).toContain('老年人活动');
  expect(JSON.stringify(shown)).not.toMatch(/13812345678|张三|天天吵闹/);

  // Taken back: staff-only again, gone from the board; approved again later: back, masked.
  await env.ok('community', ADMIN, 'reviewSuggestion', {
    answerId: first.answerId,
    questionId: 'suggestion',
    approve: false,
    keepReason: 'personal_info',
  });
  expect((await states())['希望多组织老年人活动，电话13812345678']).toEqual(['private', '不公开']);
  expect((await board()).approvedSuggestions).toEqual([]);
  await env.ok('community', ADMIN, 'reviewSuggestion', {
    answerId: second.answerId,
    questionId: 'suggestion',
    approve: true,
    text: '邻里噪音问题希望调解',
  });
  expect((await states())['楼下邻居张三家天天吵闹']).toEqual(['approved', '已公开']);
  expect((await board()).approvedSuggestions.map((s) => s.text)).toEqual(['邻里噪音问题希望调解']);
});
