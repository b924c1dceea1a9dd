import { spanText, timeLeft, timeTaken } from './time-left';

const now = new Date('2026-10-08T02:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms).toISOString();
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('spanText：只说最大的两个单位', () => {
  test.each([
    [30 * 1000, '不到1分钟'],
    [25 * MIN, '25分钟'],
    [3 * H, '3小时'],
    [3 * H + 20 * MIN, '3小时20分钟'],
    [2 * D, '2天'],
    [2 * D + 3 * H + 59 * MIN, '2天3小时'],
    [-(5 * H), '5小时'],
  ])('%d ms → %s', (ms, text) => {
    expect(spanText(ms)).toBe(text);
  });
});

describe('timeLeft：办理期限倒计时', () => {
  test('期限还远：还剩多久，不着急', () => {
    expect(timeLeft(later(2 * D + 3 * H), now)).toEqual({ text: '还剩 2天3小时', overdue: false, urgent: false });
  });

  test('不到6小时：提醒快到期了', () => {
    expect(timeLeft(later(2 * H), now)).toEqual({ text: '还剩 2小时', overdue: false, urgent: true });
  });

  test('过了期限：说超时多久', () => {
    expect(timeLeft(later(-(5 * H + 10 * MIN)), now)).toEqual({ text: '已超时 5小时10分钟', overdue: true, urgent: true });
  });

  test('没有期限或期限无效时不显示', () => {
    expect(timeLeft(undefined, now)).toBeUndefined();
    expect(timeLeft('不是时间', now)).toBeUndefined();
  });
});

describe('timeTaken：办结用时', () => {
  test('从提交到办结', () => {
    expect(timeTaken(now.toISOString(), later(D + 2 * H))).toBe('用时 1天2小时');
  });

  test('缺一头或颠倒时不显示', () => {
    expect(timeTaken(now.toISOString(), undefined)).toBeUndefined();
    expect(timeTaken(later(H), now.toISOString())).toBeUndefined();
  });
});
