import {
  findHeader,
  localDateTime,
  matchAddress,
  normalPhone,
  parseHotlineRows,
  MAX_IMPORT_ROWS,
  type PlaceNames,
  type SheetCell,
} from './hotline-sheet';

const HEADER = ['工单号', '诉求内容', '地址', '联系人', '电话', '派单时间', '办理时限'];
const good = (n: number): SheetCell[] => [
  `GD2612${String(n).padStart(4, '0')}`,
  '楼道灯坏了，晚上看不见路',
  '渝园社区3栋2单元',
  '周大爷',
  '13877776666',
  '2026-12-01 09:30',
  '2026-12-04',
];

describe('the header', () => {
  it('finds the usual columns in any order, with variants, below a title row', () => {
    const r = findHeader([
      ['双福街道12345工单（12月）'],
      [],
      ['联系电话', ' 来电人 ', '受理编号', '反映内容*', '事发地址', '交办时间', '办结时限（必填）', '诉求类别'],
    ]);
    expect(r).toEqual({
      ok: true,
      value: {
        headerRow: 2,
        columns: { contactPhone: 0, contactName: 1, ticketNo: 2, content: 3, address: 4, dispatchedAt: 5, dueBy: 6, category: 7 },
      },
    });
  });

  it('names the required columns a sheet lacks', () => {
    const r = findHeader([['工单号', '地址', '电话']]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('表格缺少必需的列：诉求内容、联系人');
  });

  it('refuses a sheet with no header at all', () => {
    const r = findHeader([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(r.ok ? 'ok' : r.error.code).toBe('FILE.INVALID');
  });
});

describe('dates as China-local times', () => {
  it.each<[SheetCell, boolean, string | null | undefined]>([
    ['2026-12-01 09:30', false, '2026-12-01T01:30:00.000Z'],
    ['2026/12/1 9:30:15', false, '2026-12-01T01:30:15.000Z'],
    ['2026年12月1日 9时30分', false, '2026-12-01T01:30:00.000Z'],
    ['２０２６－１２－０１', false, '2026-11-30T16:00:00.000Z'],
    ['2026-12-04', true, '2026-12-04T15:59:59.000Z'],
    // A date cell: the wall clock in its UTC fields, as spreadsheet readers give it.
    [new Date(Date.UTC(2026, 11, 1, 9, 30)), false, '2026-12-01T01:30:00.000Z'],
    [new Date(Date.UTC(2026, 11, 4)), true, '2026-12-04T15:59:59.000Z'],
    // An Excel serial (46357 is 2026-12-01), half a day later is 12:00.
    [46357.5, false, '2026-12-01T04:00:00.000Z'],
    ['', false, undefined],
    [null, false, undefined],
    ['明天', false, null],
    ['2026-02-30', false, null],
    ['2026-12-01 25:00', false, null],
  ])('%p → %p', (cell, endOfDay, expected) => {
    expect(localDateTime(cell, endOfDay)).toBe(expected);
  });
});

describe('rows', () => {
  it('reads good rows and skips blank ones', () => {
    const r = parseHotlineRows([HEADER, good(1), ['', null, undefined], good(2)]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map((p) => [p.line, p.errors.length])).toEqual([
      [2, 0],
      [4, 0],
    ]);
    expect(r.value[0]!.row).toMatchObject({
      ticketNo: 'GD26120001',
      contactPhone: '13877776666',
      dispatchedAt: '2026-12-01T01:30:00.000Z',
      dueBy: '2026-12-04T15:59:59.000Z',
    });
  });

  it('a numeric 工单号 and a phone with +86 and spaces read as text', () => {
    const r = parseHotlineRows([HEADER, [20261201001, '小区门口垃圾没人清运', '', '李女士', '+86 138 7777 6666', '', '']]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value[0]!.row).toMatchObject({ ticketNo: '20261201001', contactPhone: '13877776666' });
    expect(r.value[0]!.errors).toEqual([]);
  });

  it('gives a Chinese message per column of a bad row', () => {
    const r = parseHotlineRows([HEADER, ['GD#1', '坏了', '3栋', '', '12345', '昨天', '2026-11-01']]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value[0]!.errors.map((e) => [e.columnName, e.message])).toEqual([
      ['工单号', '工单号只能包含字母、数字和短横线，4至40位'],
      ['诉求内容', '诉求内容至少5个字'],
      ['联系人', '联系人不能为空'],
      ['电话', '电话格式不正确：手机号11位，座机如023-12345678'],
      ['派单时间', '派单时间无法识别，请写成 2026-12-01 09:30 这样的日期时间'],
    ]);
  });

  it('refuses a 办理时限 before the 派单时间, and a 工单号 twice in one file', () => {
    const late = good(1);
    late[6] = '2026-11-30';
    const r = parseHotlineRows([HEADER, late, good(2), good(2)]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value[0]!.errors).toEqual([{ column: 'dueBy', columnName: '办理时限', message: '办理时限应晚于派单时间' }]);
    expect(r.value[2]!.errors).toEqual([{ column: 'ticketNo', columnName: '工单号', message: '工单号与第3行重复' }]);
  });

  it('refuses more rows than one import takes, and a sheet with no rows', () => {
    const many = parseHotlineRows([HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => good(i))]);
    expect(many.ok ? 'ok' : many.error).toEqual({ code: 'INPUT.TOO_LARGE', message: '一次最多导入500条工单，请把表格拆分后分批导入' });
    const empty = parseHotlineRows([HEADER]);
    expect(empty.ok ? 'ok' : empty.error.message).toBe('表格里没有工单：表头下面没有数据行');
  });

  it('normalises phones people write', () => {
    expect(normalPhone('１３８ ７７７７ ６６６６')).toBe('13877776666');
    expect(normalPhone('023-61234567')).toBe('023-61234567');
  });
});

describe('addresses', () => {
  const places: PlaceNames = {
    communities: [
      { id: 'yy', name: '渝园社区' },
      { id: 'xl', name: '兴隆社区' },
    ],
    grids: [
      { id: 'yy-g1', communityId: 'yy', name: '第一网格' },
      { id: 'yy-g2', communityId: 'yy', name: '第二网格' },
      { id: 'xl-g1', communityId: 'xl', name: '第一网格' },
    ],
    buildings: [
      { id: 'yy-3', communityId: 'yy', gridId: 'yy-g1', name: '3栋' },
      { id: 'yy-13', communityId: 'yy', gridId: 'yy-g2', name: '13栋' },
      { id: 'xl-3', communityId: 'xl', gridId: 'xl-g1', name: '3栋' },
    ],
  };

  it.each<[string, unknown]>([
    ['双福街道渝园社区3栋2单元301', { kind: 'building', buildingId: 'yy-3', how: 'exact' }],
    ['渝园13栋', { kind: 'building', buildingId: 'yy-13', how: 'exact' }],
    ['渝园社区三幢', { kind: 'building', buildingId: 'yy-3', how: 'fuzzy' }],
    ['兴隆社区3号楼', { kind: 'building', buildingId: 'xl-3', how: 'fuzzy' }],
    ['渝园社区第二网格菜市场门口', { kind: 'grid', gridId: 'yy-g2' }],
    // Two communities have a 3栋: the admin chooses.
    ['3栋楼下', { kind: 'none', reason: '地址对应多个楼栋（2处），请选择网格' }],
    ['双福大道188号', { kind: 'none', reason: '地址未匹配到本辖区楼栋，请选择网格' }],
    ['', { kind: 'none', reason: '没有地址，请选择网格' }],
  ])('%s', (address, expected) => {
    expect(matchAddress(address, places)).toMatchObject(expected as object);
  });
});

it('an address naming a community outside the importer’s scope is not matched to a building of theirs', () => {
  const places: PlaceNames = {
    communities: [{ id: 'xl', name: '兴隆社区' }],
    elsewhere: ['渝园社区'],
    grids: [{ id: 'xl-g1', communityId: 'xl', name: '第一网格' }],
    buildings: [{ id: 'xl-2', communityId: 'xl', gridId: 'xl-g1', name: '2栋' }],
  };
  expect(matchAddress('渝园社区2栋', places)).toEqual({ kind: 'none', reason: '地址属于渝园社区，不在您的管辖范围，请核对或选择网格' });
  expect(matchAddress('兴隆2栋', places)).toMatchObject({ kind: 'building', buildingId: 'xl-2' });
});
