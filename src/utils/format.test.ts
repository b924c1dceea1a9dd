import { charCount, excerpt, formatTime, limitLine, statusTone } from './format';

describe('formatTime', () => {
  const now = new Date('2026-10-08T04:00:00.000Z');

  test('本年的时间不写年份，用本地时间', () => {
    const iso = '2026-10-01T02:05:00.000Z';
    const local = new Date(iso);
    const expected = `${local.getMonth() + 1}月${local.getDate()}日 ${String(local.getHours()).padStart(2, '0')}:05`;
    expect(formatTime(iso, now)).toBe(expected);
  });

  test('往年的时间写上年份', () => {
    expect(formatTime('2025-06-15T04:00:00.000Z', now)).toMatch(/^2025年6月1[56]日 \d\d:00$/);
  });

  test('没有或无效的时间显示为空', () => {
    expect(formatTime(undefined, now)).toBe('');
    expect(formatTime('不是时间', now)).toBe('');
  });
});

describe('statusTone', () => {
  test.each([
    ['pending', 'waiting'],
    ['assigned', 'waiting'],
    ['processing', 'working'],
    ['escalated', 'alert'],
    ['resolved', 'rate'],
    ['closed', 'done'],
    ['rejected', 'ended'],
    ['withdrawn', 'ended'],
    ['merged', 'ended'],
    ['something-new', 'ended'],
  ])('%s 显示为 %s', (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });
});

describe('说明文字', () => {
  test('按字数计，表情算一个字', () => {
    expect(charCount('楼道灯坏了💡')).toBe(6);
  });

  test('列表摘要不截断半个字，过长加省略号', () => {
    expect(excerpt('一二三四五', 3)).toBe('一二三…');
    expect(excerpt('  一二\n三  ', 5)).toBe('一二 三');
  });
});

describe('limitLine', () => {
  test('优先用服务端给的时限说明', () => {
    expect(limitLine('三日办结：24小时内受理', '2026-10-09T02:00:00.000Z')).toBe('三日办结：24小时内受理');
  });

  test('只有截止时间时说明最晚何时处理', () => {
    expect(limitLine(undefined, '2026-10-09T02:00:00.000Z', new Date('2026-10-08T00:00:00.000Z'))).toMatch(/^请在 10月9日 \d\d:00 前处理$/);
  });

  test('都没有时不显示', () => {
    expect(limitLine(undefined, undefined)).toBe('');
  });
});
