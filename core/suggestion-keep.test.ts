import { KEEP_REASONS, keepReasonLabel, keepReasonProblem } from './suggestion-keep';

describe('the reason a suggestion is kept staff-only', () => {
  test.each([
    ['no reason', undefined, undefined, '请选择不公开的原因'],
    ['an unknown reason', 'boring', undefined, '请选择不公开的原因'],
    ['含个人信息', 'personal_info', undefined, undefined],
    ['与测评无关', 'unrelated', undefined, undefined],
    ['不文明用语, a note is not needed', 'uncivil', '', undefined],
    ['其他 without words', 'other', undefined, '选择「其他」时请写明原因，至少4个字'],
    ['其他 with three characters', 'other', '重复了', '选择「其他」时请写明原因，至少4个字'],
    ['其他 with punctuation and emoji only', 'other', '！！！👍👍', '选择「其他」时请写明原因，至少4个字'],
    ['其他 with four characters', 'other', '重复提交', undefined],
    ['其他 with four characters among spaces', 'other', '  重 复 提 交  ', undefined],
    ['其他 too long', 'other', '字'.repeat(61), '不公开的原因不能超过60字'],
  ])('%s', (_name, reason, note, problem) => {
    expect(keepReasonProblem(reason, note)).toBe(problem);
  });

  test('staff read the fixed name, or 其他 with its words', () => {
    expect(KEEP_REASONS.map((reason) => keepReasonLabel({ reason }))).toEqual(['含个人信息', '与测评无关', '不文明用语', '其他']);
    expect(keepReasonLabel({ reason: 'other', note: '与上条重复' })).toBe('其他：与上条重复');
  });
});
