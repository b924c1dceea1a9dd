import { shortCase } from '../tests/support/case-factory';
import type { Case } from './model';
import {
  DISPUTE_COLOR_MEANINGS,
  DISPUTE_COLOR_NAMES,
  DISPUTE_LEDGER_COLUMNS,
  HAZARD_COLOR_MEANINGS,
  HAZARD_COLOR_NAMES,
  HAZARD_LEDGER_COLUMNS,
  addLocalMonth,
  classifyDispute,
  classifyHazard,
  disputeColorOf,
  disputeFollowUpDue,
  ledgerChange,
  ledgerRow,
  ledgerRows,
  ledgerState,
  settledAtOf,
  type DisputeColor,
} from './ledgers';

/** China-local wall time as an instant: '2026-03-15 16:00' → 2026-03-15T08:00:00.000Z. */
const cst = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const iso = (local: string): string => cst(local).toISOString();

/** A private neighbour dispute in progress, filed 2026-03-01 09:30. */
const makeCase = (over: Partial<Case> = {}): Case =>
  shortCase({
    categoryId: 'neighbour',
    categoryName: '邻里纠纷',
    kind: 'dispute',
    description: '楼上漏水',
    isPublic: false,
    status: 'processing',
    createdAt: iso('2026-03-01 09:30'),
    ...over,
  });

describe('矛盾纠纷红黄绿三色', () => {
  it.each<[string, Parameters<typeof classifyDispute>[0], DisputeColor]>([
    ['重大矛盾未化解：红色', { major: true, settled: false }, 'red'],
    ['一般矛盾但可能激化：红色', { major: false, settled: false, mayEscalate: true }, 'red'],
    ['一般矛盾需持续关注：黄色', { major: false, settled: false }, 'yellow'],
    ['一般矛盾明确不会激化：黄色', { major: false, settled: false, mayEscalate: false }, 'yellow'],
    ['重大矛盾已化解：绿色', { major: true, settled: true, mayEscalate: true }, 'green'],
    ['一般矛盾已化解：绿色', { major: false, settled: true }, 'green'],
  ])('%s', (_name, facts, color) => {
    expect(classifyDispute(facts)).toBe(color);
  });

  it('每种颜色都有中文名称和含义', () => {
    expect(DISPUTE_COLOR_NAMES).toEqual({ red: '红色', yellow: '黄色', green: '绿色' });
    expect(DISPUTE_COLOR_MEANINGS.red).toBe('可能激化的重大矛盾');
    expect(DISPUTE_COLOR_MEANINGS.green).toBe('已化解矛盾');
  });
});

describe('化解后回访：一般矛盾每月一次，重大矛盾每半月一次', () => {
  it.each<[string, { settledAt: string; lastFollowUpAt?: string; major: boolean }, string, boolean, string]>([
    ['一般矛盾，化解满一个月当天：应回访', { settledAt: iso('2026-03-15 16:00'), major: false }, '2026-04-15 08:00', true, '2026-04-15'],
    ['一般矛盾，差一天满一个月：不到期', { settledAt: iso('2026-03-15 16:00'), major: false }, '2026-04-14 23:59', false, '2026-04-15'],
    ['一般矛盾，1月31日化解：2月底回访', { settledAt: iso('2026-01-31 10:00'), major: false }, '2026-02-28 00:00', true, '2026-02-28'],
    ['闰年2月29日', { settledAt: iso('2028-01-30 10:00'), major: false }, '2028-02-28 23:00', false, '2028-02-29'],
    ['12月化解：次年1月回访', { settledAt: iso('2026-12-20 10:00'), major: false }, '2027-01-20 00:00', true, '2027-01-20'],
    ['重大矛盾，化解满15天：应回访', { settledAt: iso('2026-03-01 10:00'), major: true }, '2026-03-16 00:00', true, '2026-03-16'],
    ['重大矛盾，化解第14天：不到期', { settledAt: iso('2026-03-01 10:00'), major: true }, '2026-03-15 23:59', false, '2026-03-16'],
    [
      '从上次回访起算',
      { settledAt: iso('2026-03-01 10:00'), lastFollowUpAt: iso('2026-04-02 15:00'), major: false },
      '2026-04-20 00:00',
      false,
      '2026-05-02',
    ],
    [
      '重大矛盾从上次回访起算',
      { settledAt: iso('2026-03-01 10:00'), lastFollowUpAt: iso('2026-03-17 15:00'), major: true },
      '2026-04-01 09:00',
      true,
      '2026-04-01',
    ],
    [
      '回访时间早于化解时间（录入错误）：仍从化解起算',
      { settledAt: iso('2026-03-10 10:00'), lastFollowUpAt: iso('2026-02-01 10:00'), major: false },
      '2026-03-20 00:00',
      false,
      '2026-04-10',
    ],
    // 00:30 Beijing time is still the previous day in UTC: the day must be China's.
    ['北京时间凌晨化解，按北京日期算', { settledAt: iso('2026-03-15 00:30'), major: true }, '2026-03-30 00:00', true, '2026-03-30'],
  ])('%s', (_name, info, now, due, nextDay) => {
    const r = disputeFollowUpDue(info, cst(now));
    expect(r.due).toBe(due);
    expect(r.nextAt).toBe(iso(`${nextDay} 00:00`));
  });

  it('时间无效时报错', () => {
    expect(() => disputeFollowUpDue({ settledAt: '上个月', major: false }, cst('2026-04-01 00:00'))).toThrow(RangeError);
  });

  it.each([
    ['2026-01-31', '2026-02-28'],
    ['2028-01-31', '2028-02-29'],
    ['2026-03-31', '2026-04-30'],
    ['2026-12-31', '2027-01-31'],
    ['2026-05-15', '2026-06-15'],
  ])('下一个月的同一天：%s → %s', (from, to) => {
    expect(addLocalMonth(from)).toBe(to);
  });
});

describe('隐患三色：红、橙、蓝', () => {
  it.each([
    ['容纳29人、不能当日整改：橙色', 29, false, 'orange'],
    ['恰好容纳30人（30人以上含本数）、不能当日整改：红色', 30, false, 'red'],
    ['容纳31人、不能当日整改：红色', 31, false, 'red'],
    ['容纳300人的商场、能当日整改：蓝色', 300, true, 'blue'],
    ['容纳30人、能当日整改：蓝色', 30, true, 'blue'],
    ['无人场所、不能当日整改：橙色', 0, false, 'orange'],
  ] as const)('%s', (_name, venueCapacity, fixableToday, color) => {
    expect(classifyHazard({ venueCapacity, fixableToday })).toBe(color);
  });

  it.each([-1, 29.5, Number.NaN])('容纳人数 %s 无效', (venueCapacity) => {
    expect(() => classifyHazard({ venueCapacity, fixableToday: false })).toThrow('容纳人数必须是非负整数');
  });

  it('每种颜色都有中文名称和含义', () => {
    expect(HAZARD_COLOR_NAMES).toEqual({ red: '红色', orange: '橙色', blue: '蓝色' });
    expect(HAZARD_COLOR_MEANINGS.red).toContain('30人以上');
  });
});

describe('台账导出', () => {
  const NOW = cst('2026-04-20 10:00');

  it('矛盾纠纷台账：描述脱敏、颜色、状态与回访提醒', () => {
    const c = makeCase({
      id: 'D-001',
      status: 'closed',
      severity: 'major',
      description: '王小明（电话13812345678）与3栋2单元501住户因漏水争执',
      ledger: { disputeColor: 'red', disputeMajor: true, settledAt: iso('2026-04-01 16:00') },
    });
    expect(ledgerRow(c, NOW)).toEqual({
      kind: 'dispute',
      caseId: 'D-001',
      communityId: 'cm1',
      gridId: 'g1',
      category: '邻里纠纷',
      description: '王**（电话138****5678）与3栋**住户因漏水争执',
      color: '绿色',
      grade: '重大',
      status: '已办结',
      reportedOn: '2026-03-01',
      settledOn: '2026-04-01',
      lastFollowUpOn: '—',
      nextFollowUpOn: '2026-04-16',
      followUp: '应回访',
    });
  });

  it.each<[string, Partial<Case>, string, string, string]>([
    ['未化解的一般矛盾：黄色，不回访', { ledger: {} }, '黄色', '一般', '未化解，暂不回访'],
    ['未化解、调解员判断可能激化：保留红色', { ledger: { disputeColor: 'red' } }, '红色', '一般', '未化解，暂不回访'],
    ['未登记台账信息的重大事项：按重大矛盾标红', { severity: 'major' }, '红色', '重大', '未化解，暂不回访'],
    ['一般矛盾刚化解：未到回访时间', { ledger: { settledAt: iso('2026-04-10 09:00') } }, '绿色', '一般', '未到回访时间'],
    ['一般矛盾化解满一个月：应回访', { ledger: { settledAt: iso('2026-03-20 09:00') } }, '绿色', '一般', '应回访'],
    ['居民满意后办结、未另记化解日期：办结即化解', { status: 'closed', closedAt: iso('2026-04-10 09:00') }, '绿色', '一般', '未到回访时间'],
    ['办结满一个月：应回访', { status: 'closed', closedAt: iso('2026-03-20 09:00') }, '绿色', '一般', '应回访'],
    ['办结待评价：尚未化解', { status: 'resolved', resolvedAt: iso('2026-04-10 09:00') }, '黄色', '一般', '未化解，暂不回访'],
    ['不予受理：不算化解', { status: 'rejected', closedAt: iso('2026-04-10 09:00') }, '黄色', '一般', '未化解，暂不回访'],
  ])('%s', (_name, over, color, grade, followUp) => {
    const row = ledgerRow(makeCase(over), NOW);
    expect(row).toMatchObject({ kind: 'dispute', color, grade, followUp });
    expect(disputeColorOf(makeCase(over))).toBe(Object.entries(DISPUTE_COLOR_NAMES).find(([, n]) => n === color)![0]);
  });

  it('办结的矛盾纠纷以办结日为化解日期，记录的化解日期优先', () => {
    const closed = makeCase({ status: 'closed', closedAt: iso('2026-04-10 16:00') });
    expect(settledAtOf(closed)).toBe(closed.closedAt);
    expect(ledgerRow(closed, NOW)).toMatchObject({ settledOn: '2026-04-10', nextFollowUpOn: '2026-05-10', followUp: '未到回访时间' });
    const recorded = makeCase({ status: 'closed', closedAt: iso('2026-04-10 16:00'), ledger: { settledAt: iso('2026-04-08 10:00') } });
    expect(ledgerRow(recorded, NOW)).toMatchObject({ settledOn: '2026-04-08', nextFollowUpOn: '2026-05-08' });
    expect(settledAtOf(makeCase({ kind: 'hazard', status: 'closed', closedAt: iso('2026-04-10 16:00') }))).toBeUndefined();
  });

  it('办结即化解、回访后被回炉：回访留在台账上，再次办结是新的化解，回访从新的办结日算起', () => {
    const visited = { lastFollowUpAt: iso('2026-04-25 10:00') };
    const reopened = makeCase({ status: 'processing', ledger: visited });
    expect(settledAtOf(reopened)).toBeUndefined();
    expect(ledgerRow(reopened, NOW)).toMatchObject({ color: '黄色', followUp: '未化解，暂不回访', lastFollowUpOn: '2026-04-25' });
    const closedAgain = makeCase({ status: 'closed', closedAt: iso('2026-05-06 16:00'), ledger: visited });
    expect(ledgerRow(closedAgain, cst('2026-05-20 09:00'))).toMatchObject({
      color: '绿色',
      settledOn: '2026-05-06',
      nextFollowUpOn: '2026-06-06',
      followUp: '未到回访时间',
    });
  });

  it('隐患台账：按容纳人数与能否当日整改定级', () => {
    const c = makeCase({
      id: 'H-007',
      kind: 'hazard',
      categoryName: '安全隐患',
      status: 'closed',
      description: '棋牌室灭火器过期，老板电话028-85123456，门口川A12345占道',
      result: '已更换灭火器',
      resolvedAt: iso('2026-03-03 18:00'),
      ledger: { venueCapacity: 30, fixableToday: false, hazardColor: 'orange' },
    });
    expect(ledgerRow(c, NOW)).toEqual({
      kind: 'hazard',
      caseId: 'H-007',
      communityId: 'cm1',
      gridId: 'g1',
      category: '安全隐患',
      description: '棋牌室灭火器过期，老板电话028-****3456，门口川A*****占道',
      color: '红色',
      venueCapacity: '30',
      fixableToday: '否',
      status: '已办结',
      reportedOn: '2026-03-01',
      fixedOn: '2026-03-03',
    });
  });

  it.each<[string, Case['ledger'], string]>([
    ['29人且不能当日整改：橙色', { venueCapacity: 29, fixableToday: false }, '橙色'],
    ['能当日整改：蓝色', { venueCapacity: 80, fixableToday: true }, '蓝色'],
    ['只有登记的颜色：沿用', { hazardColor: 'red' }, '红色'],
    ['信息不全：未分级', { venueCapacity: 50 }, '未分级'],
  ])('隐患定级：%s', (_name, ledger, color) => {
    const row = ledgerRow(makeCase({ kind: 'hazard', ledger }), NOW);
    expect(row).toMatchObject({ kind: 'hazard', color, fixedOn: '—' });
  });

  it('列名覆盖台账行的全部字段', () => {
    const dispute = ledgerRow(makeCase(), NOW);
    const hazard = ledgerRow(makeCase({ kind: 'hazard' }), NOW);
    const keysOf = (row: object) =>
      Object.keys(row)
        .filter((k) => k !== 'kind')
        .sort();
    expect(keysOf(dispute)).toEqual(DISPUTE_LEDGER_COLUMNS.map((c) => c.key).sort());
    expect(keysOf(hazard)).toEqual(HAZARD_LEDGER_COLUMNS.map((c) => c.key).sort());
    for (const col of [...DISPUTE_LEDGER_COLUMNS, ...HAZARD_LEDGER_COLUMNS]) expect(col.label).toMatch(/^[\u4e00-\u9fa5]+$/);
  });

  it('普通诉求不进台账', () => {
    expect(() => ledgerRow(makeCase({ id: 'X-1', kind: 'demand' }), NOW)).toThrow('事项 X-1 不属于矛盾纠纷或隐患台账');
  });

  it('ledgerRows 只取该类事项、去掉已合并的重复件，按登记时间排序', () => {
    const cases = [
      makeCase({ id: 'b', createdAt: iso('2026-03-02 09:00') }),
      makeCase({ id: 'h', kind: 'hazard', createdAt: iso('2026-03-01 09:00') }),
      makeCase({ id: 'a', createdAt: iso('2026-03-02 09:00') }),
      makeCase({ id: 'm', status: 'merged', createdAt: iso('2026-03-01 08:00') }),
      makeCase({ id: 'z', createdAt: iso('2026-02-27 09:00') }),
      makeCase({ id: 'd', kind: 'demand' }),
    ];
    expect(ledgerRows(cases, 'dispute', NOW).map((r) => r.caseId)).toEqual(['z', 'a', 'b']);
    expect(ledgerRows(cases, 'hazard', NOW).map((r) => r.caseId)).toEqual(['h']);
  });
});

describe('台账登记与案件页上的台账', () => {
  const AT = iso('2026-04-20 10:00');
  const NOW_STATE = cst('2026-04-20 10:00');

  it('登记不改动传入的案件；容纳恰好30人且不能当日整改为红色', () => {
    const c = makeCase({ kind: 'hazard', ledger: { hazardColor: 'blue' } });
    const snapshot = JSON.stringify(c);
    const r = ledgerChange(c, { kind: 'hazard', venueCapacity: 30, fixableToday: false }, AT);
    expect(r).toEqual({
      ok: true,
      value: {
        ledger: { venueCapacity: 30, fixableToday: false, hazardColor: 'red' },
        note: '隐患台账：场所约30人，不能当日整改，标为红色',
      },
    });
    expect(JSON.stringify(c)).toBe(snapshot);
  });

  it('登记化解记下登记的时间，保留原有的台账信息', () => {
    const c = makeCase({ ledger: { disputeColor: 'red', disputeMajor: true } });
    expect(ledgerChange(c, { kind: 'settled' }, AT)).toEqual({
      ok: true,
      value: { ledger: { disputeColor: 'red', disputeMajor: true, settledAt: AT }, note: '纠纷台账：矛盾已化解' },
    });
  });

  it('未登记的隐患为未分级；未化解的纠纷不回访；普通诉求没有台账', () => {
    expect(ledgerState(makeCase({ kind: 'hazard' }), NOW_STATE)).toEqual({ kind: 'hazard', colorName: '未分级' });
    expect(ledgerState(makeCase({ ledger: { disputeColor: 'red' } }), NOW_STATE)).toEqual({
      kind: 'dispute',
      color: 'red',
      colorName: '红色',
      colorMeaning: '可能激化的重大矛盾',
      major: false,
      risk: 'red',
      settledRecorded: false,
      followUpDue: false,
    });
    expect(ledgerState(makeCase({ severity: 'major' }), NOW_STATE)).toMatchObject({ color: 'red', major: true, followUpDue: false });
    expect(ledgerState(makeCase({ kind: 'demand' }), NOW_STATE)).toBeUndefined();
  });

  it('化解满一个月应回访，回访后重新计算', () => {
    const settled = makeCase({ ledger: { settledAt: iso('2026-03-15 16:00') } });
    expect(ledgerState(settled, NOW_STATE)).toMatchObject({
      color: 'green',
      settledAt: iso('2026-03-15 16:00'),
      settledRecorded: true,
      nextFollowUpAt: iso('2026-04-15 00:00'),
      followUpDue: true,
    });
    const visited = makeCase({ ledger: { settledAt: iso('2026-03-15 16:00'), lastFollowUpAt: iso('2026-04-16 09:00') } });
    expect(ledgerState(visited, NOW_STATE)).toMatchObject({
      lastFollowUpAt: iso('2026-04-16 09:00'),
      nextFollowUpAt: iso('2026-05-16 00:00'),
      followUpDue: false,
    });
  });
});
