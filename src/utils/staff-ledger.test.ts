import {
  classifyHazard as coreClassifyHazard,
  DISPUTE_COLOR_NAMES,
  HAZARD_COLOR_NAMES,
  MAX_FOLLOW_UP_NOTE as CORE_MAX_NOTE,
  MAX_VENUE_CAPACITY as CORE_MAX_CAPACITY,
  RED_HAZARD_CAPACITY as CORE_RED_CAPACITY,
} from '../../core/ledgers';
import type { StaffLedger } from '../services/member-api';
import {
  chinaDate,
  classifyHazard,
  DISPUTE_COLORS,
  followUpProblem,
  HAZARD_COLORS,
  hazardPreview,
  ledgerView,
  MAX_FOLLOW_UP_NOTE,
  MAX_VENUE_CAPACITY,
  parseCapacity,
  RED_HAZARD_CAPACITY,
} from './staff-ledger';

describe('隐患颜色与 core 的规则一致', () => {
  it('每个人数、能否当日整改，颜色与 core 相同', () => {
    for (const venueCapacity of [0, 1, 28, 29, 30, 31, 200, 100_000])
      for (const fixableToday of [true, false])
        expect({ venueCapacity, fixableToday, color: classifyHazard({ venueCapacity, fixableToday }) }).toEqual({
          venueCapacity,
          fixableToday,
          color: coreClassifyHazard({ venueCapacity, fixableToday }),
        });
  });

  it('界限、颜色名称与 core 相同', () => {
    expect([RED_HAZARD_CAPACITY, MAX_VENUE_CAPACITY, MAX_FOLLOW_UP_NOTE]).toEqual([CORE_RED_CAPACITY, CORE_MAX_CAPACITY, CORE_MAX_NOTE]);
    for (const [color, c] of Object.entries(HAZARD_COLORS)) expect(c.name).toBe(HAZARD_COLOR_NAMES[color as keyof typeof HAZARD_COLORS]);
    for (const [color, c] of Object.entries(DISPUTE_COLORS)) expect(c.name).toBe(DISPUTE_COLOR_NAMES[color as keyof typeof DISPUTE_COLORS]);
  });
});

describe('隐患登记表', () => {
  it.each([
    ['40', false, '红色：30人以上且不能当日整改', 'red'],
    ['30', false, '红色：30人以上且不能当日整改', 'red'],
    ['29', false, '橙色：不到30人且不能当日整改', 'orange'],
    [' 0 ', false, '橙色：不到30人且不能当日整改', 'orange'],
    ['500', true, '蓝色：能当日整改', 'blue'],
  ] as const)('%s人，能否当日整改=%s → %s', (text, fixable, shown, color) => {
    expect(hazardPreview(text, fixable)).toMatchObject({
      text: shown,
      color,
      tone: color,
      fixableToday: fixable,
      venueCapacity: Number(text),
    });
  });

  it('人数未填、不是整数、过大，或未选能否当天整改：说明缺什么', () => {
    expect(hazardPreview('', false)).toEqual({ problem: '请填写场所大约容纳多少人' });
    for (const bad of ['-3', '1.5', '三十', '1e3', '30人']) expect(parseCapacity(bad)).toEqual({ problem: '容纳人数请填整数' });
    expect(parseCapacity('100001')).toEqual({ problem: '容纳人数不能超过100000' });
    expect(parseCapacity('100000')).toEqual({ value: 100_000 });
    expect(hazardPreview('40', undefined)).toEqual({ problem: '请选择能否当天整改' });
  });

  it('回访情况必填，最多200字', () => {
    expect(followUpProblem('  ')).toBe('请填写回访情况');
    expect(followUpProblem('访'.repeat(201))).toBe('回访情况最多200字');
    expect(followUpProblem('😀'.repeat(200))).toBeUndefined();
  });
});

describe('台账面板', () => {
  const dispute = (over: Partial<Extract<StaffLedger, { kind: 'dispute' }>> = {}): StaffLedger => ({
    kind: 'dispute',
    color: 'yellow',
    colorName: '黄色',
    colorMeaning: '需持续关注的一般矛盾',
    major: false,
    settledRecorded: false,
    followUpDue: false,
    ...over,
  });
  const values = (l: StaffLedger) => Object.fromEntries(ledgerView(l).lines.map((x) => [x.label, x.value]));

  it('中国时间的日期', () => {
    expect(chinaDate('2026-11-22T16:00:00.000Z')).toBe('2026年11月23日');
    expect(chinaDate('2026-11-23T15:59:59.000Z')).toBe('2026年11月23日');
    expect(chinaDate('nope')).toBe('');
  });

  it('未化解的纠纷：可标红黄、可登记化解，不能回访', () => {
    const v = ledgerView(dispute());
    expect(v.title).toBe('矛盾纠纷台账');
    expect(values(dispute())).toEqual({
      预警等级: '黄色（持续关注）',
      矛盾类型: '一般（每月回访一次）',
      化解日期: '未化解',
      上次回访: '—',
      下次回访: '化解后开始回访',
    });
    expect(v.lines[0]!.tone).toBe('yellow');
    expect(v.can).toEqual({ hazard: false, risk: true, settle: true, followUp: false });
    expect(v.alert).toBeUndefined();
    expect(ledgerView(dispute({ color: 'red', risk: 'red', major: true })).lines.slice(0, 2)).toMatchObject([
      { value: '红色（可能激化）', tone: 'red' },
      { value: '重大（每半月回访一次）' },
    ]);
  });

  it('已登记化解：绿色，不再调整颜色或重复登记化解，可回访；到期时提醒应回访', () => {
    const settled = dispute({
      color: 'green',
      settledAt: '2026-10-20T02:00:00.000Z',
      settledRecorded: true,
      nextFollowUpAt: '2026-11-19T16:00:00.000Z',
      followUpDue: true,
    });
    expect(values(settled)).toMatchObject({
      预警等级: '绿色（已化解）',
      化解日期: '2026年10月20日',
      上次回访: '还没有回访',
      下次回访: '2026年11月20日（应回访）',
    });
    const v = ledgerView(settled);
    expect(v.can).toEqual({ hazard: false, risk: false, settle: false, followUp: true });
    expect(v.alert).toBe('已到回访时间，请回访后登记');
    expect(v.lines.find((l) => l.key === 'next')?.tone).toBe('red');

    const visited = dispute({
      color: 'green',
      settledAt: '2026-10-20T02:00:00.000Z',
      settledRecorded: true,
      lastFollowUpAt: '2026-11-23T02:00:00.000Z',
      nextFollowUpAt: '2026-12-22T16:00:00.000Z',
    });
    expect(values(visited)).toMatchObject({ 上次回访: '2026年11月23日', 下次回访: '2026年12月23日' });
    expect(ledgerView(visited).alert).toBeUndefined();
  });

  it('办结即视为化解：按办结日期，可回访，也可补登化解', () => {
    const closed = dispute({ color: 'green', settledAt: '2026-11-23T02:00:00.000Z', nextFollowUpAt: '2026-12-22T16:00:00.000Z' });
    expect(values(closed)).toMatchObject({ 化解日期: '2026年11月23日（按办结日期）' });
    expect(ledgerView(closed).can).toEqual({ hazard: false, risk: false, settle: true, followUp: true });
  });

  it('隐患：未登记为未分级；登记后显示颜色、人数和能否当日整改', () => {
    const none = ledgerView({ kind: 'hazard', colorName: '未分级' });
    expect(none.title).toBe('隐患台账');
    expect(Object.fromEntries(none.lines.map((l) => [l.label, l.value]))).toEqual({
      隐患等级: '未分级',
      场所容纳人数: '未登记',
      能否当日整改: '未登记',
    });
    expect(none.can).toEqual({ hazard: true, risk: false, settle: false, followUp: false });
    const red = ledgerView({ kind: 'hazard', color: 'red', colorName: '红色', venueCapacity: 40, fixableToday: false });
    expect(red.lines).toEqual([
      { key: 'color', label: '隐患等级', value: '红色（30人以上且不能当日整改）', tone: 'red' },
      { key: 'capacity', label: '场所容纳人数', value: '约40人' },
      { key: 'fixable', label: '能否当日整改', value: '不能' },
    ]);
  });
});
