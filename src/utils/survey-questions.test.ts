import { DEFAULT_QUESTIONS, MAX_QUESTIONS as CORE_MAX, checkQuestions } from '../../core/satisfaction-survey';
import {
  MAX_QUESTIONS,
  addQuestion,
  freeQuestionId,
  moveQuestion,
  questionsProblem,
  removeQuestion,
  updateQuestion,
} from './survey-questions';

const base = [...DEFAULT_QUESTIONS];

test('新题目取第一个空闲编号，已有编号不变', () => {
  expect(freeQuestionId(base)).toBe('q1');
  const one = addQuestion(base, 'rating');
  expect(one.map((q) => q.id)).toEqual(['community', 'group', 'suggestion', 'q1']);
  expect(one[3]).toEqual({ id: 'q1', kind: 'rating', text: '', subject: 'other' });
  const two = addQuestion(one, 'text');
  expect(two[4]).toEqual({ id: 'q2', kind: 'text', text: '', required: false });
  expect(freeQuestionId(removeQuestion(two, 3))).toBe('q1');
});

test('上移、下移、删除、修改', () => {
  expect(moveQuestion(base, 1, -1).map((q) => q.id)).toEqual(['group', 'community', 'suggestion']);
  expect(moveQuestion(base, 1, 1).map((q) => q.id)).toEqual(['community', 'suggestion', 'group']);
  expect(moveQuestion(base, 0, -1).map((q) => q.id)).toEqual(['community', 'group', 'suggestion']);
  expect(moveQuestion(base, 2, 1).map((q) => q.id)).toEqual(['community', 'group', 'suggestion']);
  expect(removeQuestion(base, 0).map((q) => q.id)).toEqual(['group', 'suggestion']);
  expect(updateQuestion(base, 2, { text: '还有什么建议？' })[2]).toEqual({ ...base[2], text: '还有什么建议？' });
});

test.each([
  ['空问卷', [], '测评问卷至少要有一个问题'],
  ['空题目', addQuestion(base, 'rating'), '请填写第4题的题目'],
  ['题目太短', updateQuestion(base, 0, { text: '满意吗' }), '第1题的题目至少4个字'],
  ['题目太长', updateQuestion(base, 0, { text: '好'.repeat(61) }), '第1题的题目最多60字'],
  ['两个社区题', updateQuestion(base, 1, { subject: 'community' }), '只能有一个针对社区工作的满意度问题'],
  ['没有满意度题', [base[2]!], '测评问卷至少要有一个满意度问题'],
  ['太多题目', Array.from({ length: 9 }, (_, i) => ({ ...base[2]!, id: `t${i}` })), '测评问卷最多8个问题'],
])('%s', (_name, questions, problem) => {
  expect(questionsProblem(questions)).toBe(problem);
});

test.each([
  ['两个网格题', updateQuestion(base, 0, { subject: 'grid' })],
  ['两个社区题', updateQuestion(base, 1, { subject: 'community' })],
  ['没有满意度题', [base[2]!]],
  ['编号重复', [base[0]!, { ...base[1]!, id: 'community' }]],
  ['太多题目', Array.from({ length: 9 }, (_, i) => ({ ...base[0]!, id: `t${i}`, subject: 'other' as const }))],
])('与服务端规则说同一句话：%s', (_name, questions) => {
  const server = checkQuestions(questions);
  expect(server.ok).toBe(false);
  const problem = questionsProblem(questions);
  if (!server.ok && questions.length <= CORE_MAX) expect(problem).toBe(server.error.message);
  else expect(problem).toBe(`测评问卷最多${MAX_QUESTIONS}个问题`);
  expect(MAX_QUESTIONS).toBe(CORE_MAX);
});

test('默认问卷和改过的问卷可以保存', () => {
  expect(questionsProblem(base)).toBeUndefined();
  expect(questionsProblem(updateQuestion(addQuestion(base, 'rating'), 3, { text: '您对小区环境卫生满意吗？' }))).toBeUndefined();
});
