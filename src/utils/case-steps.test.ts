import { caseSteps, stepsAlert, type StepsInput } from './case-steps';

const at = (status: string, statusName: string, extra: Partial<StepsInput> = {}): StepsInput => ({ status, statusName, ...extra });
const states = (input: StepsInput) => caseSteps(input).map((s) => `${s.label}:${s.state}`);

describe('caseSteps：每个状态下居民看到的进度', () => {
  test.each([
    ['pending', '待派单', ['提交:done', '受理:current', '办理:todo', '评价:todo', '办结:todo']],
    ['assigned', '待受理', ['提交:done', '受理:current', '办理:todo', '评价:todo', '办结:todo']],
    ['processing', '处理中', ['提交:done', '受理:done', '办理:current', '评价:todo', '办结:todo']],
    ['escalated', '已吹哨', ['提交:done', '受理:done', '办理:current', '评价:todo', '办结:todo']],
    ['resolved', '待评价', ['提交:done', '受理:done', '办理:done', '评价:current', '办结:todo']],
    ['closed', '已办结', ['提交:done', '受理:done', '办理:done', '评价:done', '办结:done']],
    ['rejected', '不予受理', ['提交:done', '不予受理:stopped']],
    ['withdrawn', '已撤回', ['提交:done', '已撤回:stopped']],
    ['merged', '已合并', ['提交:done', '已合并:stopped']],
  ])('%s', (status, name, expected) => {
    expect(states(at(status, name))).toEqual(expected);
  });

  test('待派单时说社区正在安排，待受理时说等待受理', () => {
    expect(caseSteps(at('pending', '待派单'))[1]!.note).toBe('社区正在安排');
    expect(caseSteps(at('assigned', '待受理'))[1]!.note).toBe('等待受理');
  });

  test('不满意后回炉整改：办理这一步写明第几次', () => {
    const steps = caseSteps(at('processing', '处理中', { reworkCount: 2 }));
    expect(steps[2]).toMatchObject({ label: '办理', state: 'current', note: '回炉整改第2次' });
  });

  test('吹哨后写明吹到哪一级，并标红', () => {
    const input = at('escalated', '已吹哨', { escalation: { level: 'street' } });
    expect(caseSteps(input)[2]!.note).toBe('已吹哨至街道');
    expect(stepsAlert(input)).toBe(true);
    expect(stepsAlert(at('processing', '处理中'))).toBe(false);
  });

  test('整改过的诉求办好后，办理这一步记着整改次数', () => {
    expect(caseSteps(at('resolved', '待评价', { reworkCount: 1 }))[2]!.note).toBe('整改1次');
    expect(caseSteps(at('resolved', '待评价'))[3]!.note).toBe('请您评价');
  });
});
