import { closeRectification, type Rectification } from '../../core/rectification';
import { reportProblem, timeLeft } from './rectify';

// Due at China-local midnight after 2027-01-06: the last day allowed is the 6th.
const DUE = '2027-01-06T16:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe('整改任务 timeLeft', () => {
  it.each([
    ['a month before', '2026-12-07T02:00:00.000Z', '还剩30天', false],
    ['the day before, late evening China time', '2027-01-05T15:30:00.000Z', '还剩1天', false],
    ['on the last day', '2027-01-06T02:00:00.000Z', '今天截止', false],
    ['the last minute of the last day', '2027-01-06T15:59:00.000Z', '今天截止', false],
    ['at the deadline', '2027-01-06T16:00:00.000Z', '已逾期1天', true],
    ['the next afternoon', '2027-01-07T06:00:00.000Z', '已逾期1天', true],
    ['ten days on', '2027-01-16T06:00:00.000Z', '已逾期10天', true],
  ])('%s: %s', (_name, now, text, late) => {
    expect(timeLeft(DUE, at(now))).toEqual({ lastDay: '2027-01-06', text, late });
  });
});

describe('整改报告 reportProblem', () => {
  // The page and the server (core/rectification.ts) take and refuse the same reports.
  const open = { status: 'open' } as Rectification;
  const serverTakes = (text: string): boolean => closeRectification(open, text, 'wx-admin', '2026-12-07T02:00:00.000Z').ok;
  it.each([
    ['twenty Chinese characters', '一二三四五六七八九十一二三四五六七八九十', true],
    ['nineteen Chinese characters and punctuation', '一二三四五六七八九十，一二三四五六七八九。', false],
    ['Latin letters', 'Repaired all the street lamps', true],
    ['digits and Chinese', '更换路灯12盏维修井盖3处清理垃圾站两处', true],
    ['nineteen digits', '1234567890123456789', false],
    ['full-width digits and letters', '１２３４５６７８９０ＡＢＣＤＥａｂｃｄｅ', true],
    ['emoji do not count', '整改完成👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍', false],
    ['emoji beside twenty characters', '一二三四五六七八九十一二三四五六七八九十🎉', true],
    ['Cyrillic does not count', 'Отремонтировали все фонари во дворе', false],
    ['accented Latin counts its plain letters only', 'éééééééééééééééééééééééé', false],
    ['Arabic does not count', 'تم إصلاح جميع المصابيح في الفناء', false],
    ['spaces and invisible characters do not count', '一 二 三 四 五 六 七 八 九 十\u200b一 二 三 四 五 六 七 八 九', false],
    ['compatibility ideographs count', '\uf900'.repeat(20), true],
    ['empty', '', false],
  ])('%s: page and server agree', (_name, text, taken) => {
    expect(reportProblem(text) === undefined).toBe(taken);
    expect(serverTakes(text)).toBe(taken);
  });

  it('refuses a report under 20 letters or digits, punctuation and spaces not counted', () => {
    expect(reportProblem('已整改')).toBe('整改报告须至少包含20个文字，写明原因、措施和成效');
    expect(reportProblem('一二三四五六七八九十，。！ 一二三四五六七八九')).toMatch(/至少包含20个文字/);
    expect(reportProblem('一二三四五六七八九十一二三四五六七八九十')).toBeUndefined();
  });

  it('refuses a report over 2000 characters', () => {
    expect(reportProblem('字'.repeat(2001))).toBe('整改报告不能超过2000字');
    expect(reportProblem('字'.repeat(2000))).toBeUndefined();
  });
});
