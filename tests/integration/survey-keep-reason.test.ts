/**
 * A 满意度测评 suggestion kept staff-only (不公开) needs a reason: one of the fixed ones or 其他 with
 * at least four characters. The reason is stored, shown in the review queue, and never on the board;
 * a missing or empty reason is refused with a Chinese message and changes nothing.
 */
import type { SurveyResultsView } from '../../backend/functions/satisfaction-survey';
import type { SurveyAnswer } from '../../core/satisfaction-survey';
import { makeEnv, type TestEnv } from '../support/env';

jest.setTimeout(60_000);

const YUYUAN = 'sf-yuyuan';
const ADMIN = 'demo-admin-1';
const SID = `${YUYUAN}_2026-Q4`;

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv({ limits: { submissionsPerDay: 1000 } });
  await env.ok('community', ADMIN, 'surveyOpen', { communityId: YUYUAN, opensOn: '2026-11-23', closesOn: '2026-12-20' });
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
const queue = async () =>
  (await env.ok<{ items: SurveyResultsView[] }>('community', ADMIN, 'surveyResults', { communityId: YUYUAN })).items[0]!.suggestions;
const board = async () =>
  (await env.ok<{ items: SurveyResultsView[] }>('board', undefined, 'surveyResults', { communityId: YUYUAN })).items[0]!;
const review = (answerId: string, params: Record<string, unknown>) =>
  env.call('community', ADMIN, 'reviewSuggestion', { answerId, questionId: 'suggestion', ...params });
const stored = async (answerId: string) => (await env.store.getRef('surveyAnswers', answerId)) as SurveyAnswer;

test.each([
  ['no reason', {}, '请选择不公开的原因'],
  ['an unknown reason', { keepReason: 'boring' }, '取值无效'],
  ['其他 without words', { keepReason: 'other' }, '选择「其他」时请写明原因，至少4个字'],
  ['其他 with three characters', { keepReason: 'other', keepNote: '重复了' }, '选择「其他」时请写明原因，至少4个字'],
  ['其他 with punctuation only', { keepReason: 'other', keepNote: '！！！！！' }, '选择「其他」时请写明原因，至少4个字'],
  ['a reason on an approval', { approve: true, keepReason: 'uncivil' }, '公开时不需要填写不公开的原因'],
])('不公开 with %s is refused in Chinese and changes nothing', async (_name, params, message) => {
  await answer('demo-resident-1', '希望多组织老年人活动');
  const [s] = await queue();
  const before = await stored(s!.answerId);
  const r = await review(s!.answerId, { approve: false, ...params });
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe('INPUT.INVALID');
    expect(r.error.message).toContain(message);
  }
  expect(await stored(s!.answerId)).toEqual(before);
  expect((await queue())[0]).toMatchObject({ state: 'pending' });
});

test('the reason is stored and shown in the review queue, never on the board; approving clears it', async () => {
  await answer('demo-resident-1', '我家电话13812345678，楼下太吵');
  await answer('demo-resident-2', '物业经理王某某是个骗子');
  await answer('demo-resident-3', '与上一条重复的意见');
  const byText = Object.fromEntries((await queue()).map((s) => [s.original, s.answerId]));
  const phone = byText['我家电话13812345678，楼下太吵']!;
  const rude = byText['物业经理王某某是个骗子']!;
  const dup = byText['与上一条重复的意见']!;

  expect((await review(phone, { approve: false, keepReason: 'personal_info' })).ok).toBe(true);
  expect((await review(rude, { approve: false, keepReason: 'uncivil' })).ok).toBe(true);
  const other = await review(dup, { approve: false, keepReason: 'other', keepNote: '  与第一条重复  ' });
  expect(other).toMatchObject({ ok: true, data: { keptReasonName: '其他：与第一条重复' } });

  expect((await stored(dup)).keptWhy).toEqual({ suggestion: { reason: 'other', note: '与第一条重复' } });
  const shown = Object.fromEntries((await queue()).map((s) => [s.answerId, [s.state, s.keptReason, s.keptReasonName]]));
  expect(shown).toEqual({
    [phone]: ['private', 'personal_info', '含个人信息'],
    [rude]: ['private', 'uncivil', '不文明用语'],
    [dup]: ['private', 'other', '其他：与第一条重复'],
  });
  const onBoard = JSON.stringify(await board());
  for (const word of ['含个人信息', '不文明用语', '与第一条重复', 'personal_info', 'keptReason']) expect(onBoard).not.toContain(word);

  // Approved after all: the reason goes with the 不公开.
  expect((await review(dup, { approve: true })).ok).toBe(true);
  expect((await stored(dup)).keptWhy).toEqual({});
  const again = (await queue()).find((s) => s.answerId === dup)!;
  expect(again.state).toBe('approved');
  expect(again).not.toHaveProperty('keptReasonName');
});
