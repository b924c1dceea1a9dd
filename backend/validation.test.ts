import * as z from 'zod';
import {
  MAX_YEAR,
  MIN_YEAR,
  dateOrInstant,
  description,
  instant,
  isCalendarDate,
  isInstant,
  localDate,
  meaningfulLength,
  parseInput,
  period,
  periodOrCurrent,
  requiredText,
  stripInvisible,
  text,
} from './validation';

describe('日期与周期：真实的日历日期，年份在合理范围内', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', `${MIN_YEAR}-01-01`, `${MAX_YEAR}-12-31`, '2026-12-31'])('%s 有效', (s) => {
    expect(isCalendarDate(s)).toBe(true);
    expect(localDate.safeParse(s).success).toBe(true);
    expect(dateOrInstant.safeParse(s).success).toBe(true);
  });

  it.each([
    '2026-13-45',
    '2026-12-32',
    '2026-13-01',
    '2026-00-10',
    '2026-02-29',
    '1900-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-06-00',
    `${MIN_YEAR - 1}-12-31`,
    `${MAX_YEAR + 1}-01-01`,
    '9999-12-31',
    '0999-01-01',
    '0000-01-01',
    '+02026-01-01',
    '2026-1-1',
    '２０２６-０１-０１',
    '2026-01-01 ',
    '',
  ])('%j 无效', (s) => {
    expect(isCalendarDate(s)).toBe(false);
    expect(localDate.safeParse(s).success).toBe(false);
    expect(dateOrInstant.safeParse(s).success).toBe(false);
  });

  it('ISO 时间：带时区、日期真实、时分合法、年份在范围内', () => {
    for (const ok of ['2026-11-23T01:00:00.000Z', '2026-11-23T09:00:00+08:00', '2026-11-23T01:00Z']) {
      expect(isInstant(ok)).toBe(true);
      expect(instant.safeParse(ok).success).toBe(true);
    }
    for (const bad of [
      '2026-11-23T01:00:00',
      '2026-13-23T01:00:00.000Z',
      '2026-02-30T01:00:00.000Z',
      '2026-11-23T24:00:00.000Z',
      '2026-11-23T23:60:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '+275760-09-13T00:00:00.000Z',
      '2026-11-23T01:00:00.000Z\u200b',
      'yesterday',
    ]) {
      expect(isInstant(bad)).toBe(false);
      expect(instant.safeParse(bad).success).toBe(false);
    }
  });

  it('周期：月份、季度或年度，年份在范围内；看板另可写 month / quarter / year', () => {
    for (const ok of ['2026-01', '2026-12', '2026-Q1', '2026-Q4', `${MAX_YEAR}-12`, `${MIN_YEAR}-Q1`, '2026', `${MAX_YEAR}`, `${MIN_YEAR}`])
      expect(period.safeParse(ok).success).toBe(true);
    for (const bad of [
      '9999-12',
      '0999-01',
      '2026-13',
      '2026-00',
      '2026-Q5',
      '2026-Q0',
      '2026-1',
      'month',
      'year',
      '999',
      '20260',
      `${MAX_YEAR + 1}`,
      `${MIN_YEAR - 1}`,
      `${MAX_YEAR + 1}-01`,
    ])
      expect(period.safeParse(bad).success).toBe(false);
    expect(periodOrCurrent.safeParse('month').success).toBe(true);
    expect(periodOrCurrent.safeParse('quarter').success).toBe(true);
    expect(periodOrCurrent.safeParse('year').success).toBe(true);
    expect(periodOrCurrent.safeParse('9999-12').success).toBe(false);
  });

  it('无效日期得到点名字段的中文说明', () => {
    const r = parseInput(z.strictObject({ weekOf: localDate }), { weekOf: '2026-13-01' });
    expect(r.ok ? '' : r.error.message).toBe(`「统计周」须为有效日期（YYYY-MM-DD，${MIN_YEAR}—${MAX_YEAR}年）`);
    const p = parseInput(z.strictObject({ period }), { period: '9999-12' });
    expect(p.ok ? '' : p.error.message).toMatch(/^「统计周期」须为月份/);
  });
});

describe('文字：去掉看不见的字符，数有意义的字，拒绝残缺的字符', () => {
  it('去掉零宽字符、词连接符、BOM、软连字符、方向控制符', () => {
    expect(stripInvisible('楼\u200b道\u200c灯\u200d坏\u2060了\ufeff\u00ad\u202e\u2066')).toBe('楼道灯坏了');
  });

  it('表情里的连接符和变体选择符保留', () => {
    expect(stripInvisible('👨‍👩‍👧')).toBe('👨‍👩‍👧');
    expect(stripInvisible('❤️')).toBe('❤️');
    expect(stripInvisible('a\u200db')).toBe('ab');
  });

  it('有意义的字：汉字、字母、数字', () => {
    expect(meaningfulLength('楼道灯坏了！！')).toBe(5);
    expect(meaningfulLength('😀😀😀😀😀😀😀😀')).toBe(0);
    expect(meaningfulLength('3号楼 Lamp')).toBe(7);
    expect(meaningfulLength('……——，。')).toBe(0);
  });

  it('只有零宽字符的说明被拒绝', () => {
    const r = parseInput(z.strictObject({ note: requiredText(500) }), { note: '\u200b\u200b\u200b' });
    expect(r.ok ? 'ok' : r.error.message).toBe('「说明」不能为空');
  });

  it('八个表情不能当作问题描述（至少 5 个有意义的字）', () => {
    const r = parseInput(z.strictObject({ description }), { description: '😀😀😀😀😀😀😀😀' });
    expect(r.ok ? 'ok' : r.error.message).toBe('「问题描述」须至少包含5个文字、字母或数字');
    expect(description.safeParse('楼道灯坏了😀').success).toBe(true);
    expect(description.safeParse('灯\u200b坏\u200b了\u200b了\u200b').success).toBe(false);
  });

  it('残缺的代理对（孤立的代理字符）被拒绝', () => {
    for (const bad of ['a\ud800b', '\udfff楼道灯坏了', '楼道灯坏了\ud83d']) {
      const r = parseInput(z.strictObject({ note: text(500) }), { note: bad });
      expect(r.ok ? 'ok' : r.error.message).toBe('「说明」含有无法识别的字符');
    }
    expect(text(10).safeParse('楼道😀').success).toBe(true);
  });

  it('保存的是去掉不可见字符后的文字，长度按去掉后计算', () => {
    const r = requiredText(5).safeParse('楼\u200b道\u200b灯\u200b坏\u200b了\u200b');
    expect(r.success && r.data).toBe('楼道灯坏了');
    expect(requiredText(5).safeParse('楼道灯坏了了').success).toBe(false);
  });
});
