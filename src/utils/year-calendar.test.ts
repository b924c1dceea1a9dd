import { yearCalendar } from './year-calendar';

describe('yearCalendar：导入前核对的年历', () => {
  const months = yearCalendar(2026, [
    { date: '2026-02-16', workday: false, name: '春节' },
    { date: '2026-02-14', workday: true, name: '春节调休上班' },
  ]);

  test('十二个月，每周七格，周一在前', () => {
    expect(months).toHaveLength(12);
    for (const m of months) for (const w of m.weeks) expect(w).toHaveLength(7);
    // 2026-02-01 is a Sunday: six blanks before it.
    expect(months[1]!.weeks[0]!.slice(0, 6)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(months[1]!.weeks[0]![6]).toMatchObject({ date: '2026-02-01', kind: 'weekend' });
  });

  test('放假、调休上班、普通周末与工作日各自标出，并计数', () => {
    const feb = months[1]!.weeks.flat().filter((c) => c !== undefined);
    expect(feb.find((c) => c.date === '2026-02-16')).toEqual({ date: '2026-02-16', day: 16, kind: 'off', name: '春节' });
    expect(feb.find((c) => c.date === '2026-02-14')).toMatchObject({ kind: 'work', name: '春节调休上班' });
    expect(feb.find((c) => c.date === '2026-02-17')).toMatchObject({ kind: 'plain' });
    expect(feb).toHaveLength(28);
    expect([months[1]!.off, months[1]!.work]).toEqual([1, 1]);
  });
});
