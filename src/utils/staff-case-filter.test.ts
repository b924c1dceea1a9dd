import {
  CHANNEL_CHOICES,
  EMPTY_FILTER,
  addDays,
  chinaDate,
  extraFilterCount,
  filterFromParams,
  filterToParams,
  toListQuery,
  type CaseFilter,
} from './staff-case-filter';

// 2026-10-08 01:30 in China is still 2026-10-07 in UTC.
const NOW = new Date('2026-10-07T17:30:00.000Z');

describe('chinaDate and addDays', () => {
  test('按北京时间取日期，与设备时区无关', () => expect(chinaDate(NOW)).toBe('2026-10-08'));
  test('跨月加减天数', () => {
    expect(addDays('2026-10-01', -1)).toBe('2026-09-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('toListQuery', () => {
  test.each<[string, Partial<CaseFilter>, object]>([
    ['办理中是四个未结状态', { status: 'open' }, { statuses: ['pending', 'assigned', 'processing', 'escalated'] }],
    ['已结束是四个终态', { status: 'final' }, { statuses: ['closed', 'rejected', 'withdrawn', 'merged'] }],
    ['单个状态', { status: 'pending' }, { status: 'pending' }],
    ['全部不带状态', { status: 'all' }, {}],
    ['超时', { status: 'open', overdue: true }, { statuses: ['pending', 'assigned', 'processing', 'escalated'], overdue: true }],
    [
      '网格、类别、等级',
      { status: 'all', gridId: 'g1', categoryId: 'cat-01', severity: 'major', communityId: 'c1' },
      { gridId: 'g1', categoryId: 'cat-01', severity: 'major', communityId: 'c1' },
    ],
    ['今天', { status: 'all', date: 'today' }, { from: '2026-10-08', to: '2026-10-08' }],
    ['近7天含今天', { status: 'all', date: '7d' }, { from: '2026-10-02', to: '2026-10-08' }],
    ['近30天', { status: 'all', date: '30d' }, { from: '2026-09-09', to: '2026-10-08' }],
    ['本月', { status: 'all', date: 'month' }, { from: '2026-10-01', to: '2026-10-08' }],
    ['搜索框去掉首尾空格', { status: 'all', q: '  2610-0042 ' }, { q: '2610-0042' }],
    ['空白的搜索框不搜', { status: 'all', q: '   ' }, {}],
    ['办理人与按剩余时间排序', { status: 'all', handlerId: 'm-1', sort: 'time_left' }, { handlerId: 'm-1', sort: 'time_left' }],
  ])('%s', (_name, f, query) => {
    expect(toListQuery({ ...EMPTY_FILTER, ...f }, NOW)).toEqual(query);
  });
});

describe('page parameters', () => {
  test('仪表盘的入口参数打开对应筛选', () => {
    expect(filterFromParams({ status: 'pending' })).toEqual({ ...EMPTY_FILTER, status: 'pending' });
    expect(filterFromParams({ overdue: '1' })).toEqual({ ...EMPTY_FILTER, status: 'open', overdue: true });
    expect(filterFromParams({ status: 'escalated', gridId: 'sf-yuyuan-g1' })).toEqual({
      ...EMPTY_FILTER,
      status: 'escalated',
      gridId: 'sf-yuyuan-g1',
    });
  });

  test('不认识的参数不采用', () => {
    expect(filterFromParams({ status: 'hacked', date: 'forever', severity: 'x', gridId: 'a b<script>', channel: 'wechat' })).toEqual(
      EMPTY_FILTER,
    );
  });

  test('参数往返不变', () => {
    const f: CaseFilter = {
      status: 'processing',
      overdue: true,
      date: '7d',
      severity: 'complex',
      gridId: 'sf-yuyuan-g2',
      categoryId: 'cat-03',
      communityId: 'sf-yuyuan',
      handlerId: 'sf-yuyuan-g1-grid_worker',
      q: '楼道 灯&坏',
      sort: 'time_left',
      channel: 'hotline',
    };
    const params = Object.fromEntries(
      filterToParams(f)
        .split('&')
        .map((p) => p.split('=') as [string, string]),
    );
    expect(filterFromParams(params)).toEqual(f);
  });

  test('筛选数不含状态', () => {
    expect(extraFilterCount(EMPTY_FILTER)).toBe(0);
    expect(extraFilterCount({ ...EMPTY_FILTER, status: 'pending', overdue: true, gridId: 'g', date: 'today' })).toBe(3);
    expect(extraFilterCount({ ...EMPTY_FILTER, channel: 'app' })).toBe(1);
  });

  test('渠道筛选传给服务器，名称取自核心的渠道表', () => {
    expect(toListQuery({ ...EMPTY_FILTER, channel: 'walk_in' }, NOW).channel).toBe('walk_in');
    expect(toListQuery(EMPTY_FILTER, NOW)).not.toHaveProperty('channel');
    expect(CHANNEL_CHOICES.map((c) => c.label)).toEqual(['小程序', '巡查', '走访', '来电', '来访', '院坝会', '意见箱', '12345热线']);
  });
});
