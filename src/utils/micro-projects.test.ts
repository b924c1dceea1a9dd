import { nextStage, roundDraftProblem, yuan, type ProjectFields } from './micro-projects';

test.each([
  [0, '0元'],
  [4500, '4500元'],
  [10000, '1万元'],
  [18000, '1.8万元'],
  [123456, '12.35万元'],
])('%d → %s', (n, s) => {
  expect(yuan(n)).toBe(s);
});

test.each([
  [null, 'approved'],
  ['approved', 'in_progress'],
  ['in_progress', 'done'],
  ['done', undefined],
] as const)('after %s comes %s', (current, next) => {
  expect(nextStage(current)).toBe(next);
});

describe('roundDraftProblem', () => {
  const good: ProjectFields = { title: '加装扶手', description: '楼道加装扶手', cost: '18000', provider: '社区' };
  test.each([
    ['two good projects, one vote', [good, good], 1, undefined],
    ['one project', [good], 1, '至少要有 2 个候选项目'],
    ['a short title', [good, { ...good, title: '扶' }], 1, '候选项目 2：请填写项目名称（至少2个字）'],
    ['a short description', [{ ...good, description: '扶手' }, good], 1, '候选项目 1：请填写项目内容（至少5个字）'],
    ['a cost with decimals', [good, { ...good, cost: '12.5' }], 1, '候选项目 2：预计费用须为整数（元）'],
    ['no cost', [good, { ...good, cost: '' }], 1, '候选项目 2：预计费用须为整数（元）'],
    ['no provider', [good, { ...good, provider: ' ' }], 1, '候选项目 2：请填写服务提供方'],
    ['as many votes as projects', [good, good], 2, '每人可投票数须少于候选项目数'],
  ])('%s', (_n, projects, votes, problem) => {
    expect(roundDraftProblem(projects, votes)).toBe(problem);
  });
});
