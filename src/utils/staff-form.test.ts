import { inviteCodeProblem, isPhone, newRequestId, normaliseInviteCode, textProblem } from './staff-form';

test('必填文字：空、过长和正常', () => {
  expect(textProblem('  ', '理由', 200)).toBe('请填写理由');
  expect(textProblem('字'.repeat(201), '理由', 200)).toBe('理由最多200字');
  expect(textProblem('😀'.repeat(200), '理由', 200)).toBeUndefined();
});

test('邀请码去掉空格并转大写', () => {
  expect(normaliseInviteCode(' abcd-efgh ')).toBe('ABCDEFGH');
  expect(inviteCodeProblem('')).toBe('请输入邀请码');
  expect(inviteCodeProblem('AB')).toMatch('4到16位');
  expect(inviteCodeProblem('ABCD2345')).toBeUndefined();
});

test('电话', () => {
  expect(isPhone('13900000001')).toBe(true);
  expect(isPhone('023-12345678')).toBe(true);
  expect(isPhone('12345')).toBe(false);
});

test('请求编号符合服务端格式', () => {
  expect(newRequestId(1_700_000_000_000, () => 0.5)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
});
