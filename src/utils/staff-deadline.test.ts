import { countdown, mergePage, sortByUrgency, spanText, urgencyOf, type DeadlineCard } from './staff-deadline';

const NOW = new Date('2026-10-08T04:00:00.000Z');
const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60_000).toISOString();
const card = (id: string, dueInMinutes: number | undefined, opts: Partial<DeadlineCard> = {}): DeadlineCard => ({
  id,
  status: 'assigned',
  createdAt: at(-3 * 24 * 60),
  ...(dueInMinutes === undefined ? {} : { dueAt: at(dueInMinutes) }),
  ...opts,
});

describe('spanText', () => {
  test.each([
    [30_000, '不到1分钟'],
    [12 * 60_000, '12分钟'],
    [2 * 3_600_000, '2小时'],
    [(2 * 60 + 15) * 60_000, '2小时15分钟'],
    [3 * 86_400_000, '3天'],
    [(3 * 24 + 2) * 3_600_000, '3天2小时'],
    [-(90 * 60_000), '1小时30分钟'],
  ])('%d ms 读作 %s', (ms, text) => expect(spanText(ms)).toBe(text));
});

describe('urgencyOf 和 countdown', () => {
  test('过了时限就是超时，显示超时多久', () => {
    expect(urgencyOf(card('a', -90), NOW)).toBe('overdue');
    expect(countdown(card('a', -90), NOW)).toEqual({ urgency: 'overdue', text: '已超时 1小时30分钟' });
  });

  test('两小时内到期的变为临近', () => {
    expect(countdown(card('a', 100), NOW)).toEqual({ urgency: 'soon', text: '剩 1小时40分钟' });
  });

  test('很短的时限（5341 的 30 分钟）按所剩比例判断临近', () => {
    const short = card('a', 6, { createdAt: at(-24) });
    expect(urgencyOf(short, NOW)).toBe('soon');
    const fresh = { ...card('b', 200), createdAt: at(-10) };
    expect(urgencyOf(fresh, NOW)).toBe('normal');
  });

  test('还早的是普通，没有时限或已结束的不计时', () => {
    expect(countdown(card('a', 3 * 24 * 60), NOW)).toEqual({ urgency: 'normal', text: '剩 3天' });
    expect(countdown(card('a', undefined), NOW)).toEqual({ urgency: 'none', text: '' });
    expect(urgencyOf(card('a', -10, { status: 'resolved' }), NOW)).toBe('none');
    expect(urgencyOf(card('a', -10, { status: 'closed' }), NOW)).toBe('none');
  });
});

describe('sortByUrgency', () => {
  test('超时的在前（超时最久的最前），再按到期先后，没有时限的最后', () => {
    const cards = [
      card('later', 600),
      card('none-new', undefined, { createdAt: at(-10) }),
      card('late-a-bit', -5),
      card('soon', 30),
      card('none-old', undefined, { createdAt: at(-500) }),
      card('very-late', -300),
    ];
    expect(sortByUrgency(cards, NOW).map((c) => c.id)).toEqual(['very-late', 'late-a-bit', 'soon', 'later', 'none-old', 'none-new']);
  });

  test('不改动原来的列表，相同的保持原顺序', () => {
    const cards = [card('x', 60), card('y', 60)];
    const sorted = sortByUrgency(cards, NOW);
    expect(sorted.map((c) => c.id)).toEqual(['x', 'y']);
    expect(sorted).not.toBe(cards);
  });
});

test('mergePage 去掉已显示的', () => {
  expect(mergePage([{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'c' }]).map((c) => c.id)).toEqual(['a', 'b', 'c']);
});

describe('countdown 用服务端的 clocks（与其他视图同一说法）', () => {
  test('上报街道已超时而方案期限未到：两件事都说，按正在计时的期限判断是否超时', () => {
    const c = card('a', undefined, {
      status: 'escalated',
      overdue: true,
      clocks: {
        missed: [{ clock: 'escalateBy', name: '上报街道', at: at(-24 * 60) }],
        running: { clock: 'resolveBy', name: '方案', at: at(7 * 24 * 60) },
      },
    });
    expect(countdown(c, NOW)).toEqual({ urgency: 'normal', text: '上报街道已超时 · 方案期限还剩7天' });
  });

  test('正在计时的期限已过：超时', () => {
    const c = card('a', undefined, { clocks: { missed: [], running: { clock: 'respondBy', name: '受理', at: at(-30) } } });
    expect(countdown(c, NOW)).toEqual({ urgency: 'overdue', text: '受理已超时' });
  });

  test('已办结的诉求没有倒计时，但仍写明错过的期限', () => {
    const c = card('a', undefined, { status: 'closed', clocks: { missed: [{ clock: 'resolveBy', name: '办结', at: at(-60) }] } });
    expect(countdown(c, NOW)).toEqual({ urgency: 'none', text: '办结已超时' });
    expect(countdown(card('b', undefined, { status: 'closed', clocks: { missed: [] } }), NOW)).toEqual({ urgency: 'none', text: '' });
  });
});
