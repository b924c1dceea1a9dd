import { dueDurationText, dueFromDuration, parseDueDuration, type DueDuration } from './hotline-due';
import { parseHotlineRows } from './hotline-sheet';
import { makeWorkCalendar } from './working-days';

describe('a 办理时限 written as a duration', () => {
  it.each<[string, DueDuration | undefined]>([
    ['5个工作日', { amount: 5, unit: 'workdays' }],
    ['3个工作日内', { amount: 3, unit: 'workdays' }],
    ['3工作日', { amount: 3, unit: 'workdays' }],
    ['７天', { amount: 7, unit: 'days' }],
    ['7天内办结', { amount: 7, unit: 'days' }],
    ['48小时', { amount: 48, unit: 'hours' }],
    ['２４ 小时内', { amount: 24, unit: 'hours' }],
    ['2日', { amount: 2, unit: 'days' }],
    ['15个自然日', { amount: 15, unit: 'days' }],
    ['三个工作日', { amount: 3, unit: 'workdays' }],
    ['五天', { amount: 5, unit: 'days' }],
    ['十个工作日内', { amount: 10, unit: 'workdays' }],
    ['十五日', { amount: 15, unit: 'days' }],
    ['二十四小时', { amount: 24, unit: 'hours' }],
    ['限5个工作日办结', { amount: 5, unit: 'workdays' }],
    ['0天', undefined],
    ['61个工作日', undefined],
    ['尽快', undefined],
    ['5个月', undefined],
    ['5', undefined],
    ['工作日', undefined],
    ['', undefined],
  ])('%s', (text, expected) => {
    expect(parseDueDuration(text)).toEqual(expected);
  });

  it('says it back as the preview shows it', () => {
    expect(dueDurationText({ amount: 5, unit: 'workdays' })).toBe('5个工作日');
    expect(dueDurationText({ amount: 7, unit: 'days' })).toBe('7天');
    expect(dueDurationText({ amount: 48, unit: 'hours' })).toBe('48小时');
  });
});

describe('the deadline it gives', () => {
  // 2026-10-01..07 国庆 off, 2026-10-10 (Sat) a make-up working day; 2026-12-04 is a Friday.
  const calendar = makeWorkCalendar({
    holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
    workdays: ['2026-10-10'],
  });
  const at = (iso: string) => new Date(iso);
  it.each<[string, DueDuration, string, string]>([
    // Friday 09:30 local + 3 working days: Mon, Tue, Wed → end of Wednesday (local).
    ['working days skip the weekend', { amount: 3, unit: 'workdays' }, '2026-12-04T01:30:00.000Z', '2026-12-09T15:59:59.000Z'],
    // Eve of 国庆 (Wed 30 Sep) + 2 working days: Thu 8 Oct, Fri 9 Oct.
    ['working days skip the holiday', { amount: 2, unit: 'workdays' }, '2026-09-30T02:00:00.000Z', '2026-10-09T15:59:59.000Z'],
    // Fri 9 Oct + 1 working day: Sat 10 Oct is a make-up working day.
    ['a make-up Saturday counts', { amount: 1, unit: 'workdays' }, '2026-10-09T02:00:00.000Z', '2026-10-10T15:59:59.000Z'],
    // Calendar days do not skip anything: Friday + 2 days → end of Sunday.
    ['calendar days run through the weekend', { amount: 2, unit: 'days' }, '2026-12-04T01:30:00.000Z', '2026-12-06T15:59:59.000Z'],
    ['calendar days run through the holiday', { amount: 7, unit: 'days' }, '2026-09-30T02:00:00.000Z', '2026-10-07T15:59:59.000Z'],
    // Dispatched just after local midnight (5 Dec 00:30 = 4 Dec 16:30 UTC): the local day is the one left out.
    ['the local day is the one that does not count', { amount: 1, unit: 'days' }, '2026-12-04T16:30:00.000Z', '2026-12-06T15:59:59.000Z'],
    ['hours run from the instant', { amount: 48, unit: 'hours' }, '2026-12-04T01:30:00.000Z', '2026-12-06T01:30:00.000Z'],
  ])('%s', (_, d, from, due) => {
    expect(dueFromDuration(d, at(from), calendar).toISOString()).toBe(due);
  });
});

describe('the sheet’s 办理时限 column', () => {
  const HEADER = ['工单号', '诉求内容', '地址', '联系人', '电话', '派单时间', '办理时限'];
  const row = (due: string) => [
    ['GD26120001', '楼道灯坏了，晚上看不见路', '渝园社区3栋', '周大爷', '13877776666', '2026-12-04 09:30', due],
  ];
  const parse = (due: string) => {
    const r = parseHotlineRows([HEADER, ...row(due)]);
    if (!r.ok) throw new Error(r.error.message);
    return r.value[0]!;
  };

  it('keeps a date as the deadline', () => {
    const p = parse('2026-12-08');
    expect(p.errors).toEqual([]);
    expect(p.row).toMatchObject({ dueBy: '2026-12-08T15:59:59.000Z', dueIn: undefined, dueUnread: undefined });
  });

  it('reads a duration, to be counted later', () => {
    const p = parse('3个工作日内');
    expect(p.errors).toEqual([]);
    expect(p.row).toMatchObject({ dueBy: undefined, dueIn: { amount: 3, unit: 'workdays' }, dueUnread: undefined });
  });

  it('keeps a value that is neither, without making the row an error', () => {
    const p = parse('尽快办理');
    expect(p.errors).toEqual([]);
    expect(p.row).toMatchObject({ dueBy: undefined, dueIn: undefined, dueUnread: '尽快办理' });
  });
});
