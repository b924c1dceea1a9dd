/**
 * One truth for time: the same case at several moments, as every view will read it.
 */
import { caseClocks, caseTime, spanText } from './case-time';
import { ACCEPT, actorOf, cst, cstIso, Story, SYSTEM, WANG } from './test-support';

const wang = actorOf(WANG);

describe('caseTime：错过的期限与正在计时的期限', () => {
  test('复杂问题未按时上报街道被自动吹哨：「上报街道已超时 · 方案期限还剩…」，方案期限过后两项都超时', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00'), severity: 'complex' }).do(wang, ACCEPT, cst('2026-03-02 09:30'));
    // Before anything is missed: the street clock runs first.
    expect(caseTime(caseClocks(s.case), cst('2026-03-02 10:00')).text).toBe('上报街道期限还剩23小时');
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-03 09:00'));
    expect(s.case.missed).toEqual([{ clock: 'escalateBy', name: '上报街道', at: cstIso('2026-03-03 09:00') }]);
    const clocks = caseClocks(s.case);
    expect(clocks.running).toEqual({ clock: 'resolveBy', name: '方案', at: cstIso('2026-03-11 00:00') });
    // Exactly 7 days before the street's deadline.
    const t = caseTime(clocks, cst('2026-03-04 00:00'));
    expect(t).toMatchObject({ late: false, everLate: true, text: '上报街道已超时 · 方案期限还剩7天' });
    expect(caseTime(clocks, cst('2026-03-03 12:30')).text).toBe('上报街道已超时 · 方案期限还剩7天11小时');
    // The running clock is what 超时 counts: late once the plan's deadline passes.
    const after = caseTime(clocks, cst('2026-03-11 08:00'));
    expect(after).toMatchObject({ late: true, text: '上报街道已超时 · 方案已超时' });
    expect(after.running?.leftMs).toBe(-8 * 3_600_000);
  });

  test('受理期限被标记超时后，时间线、卡片说同一件事，不重复', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') });
    s.do(SYSTEM, { action: 'mark_overdue' }, cst('2026-03-03 09:00'));
    // 三日办结 escalates a late case to the community: the member's response clock is the one missed.
    expect(s.events.find((e) => e.action === 'mark_overdue')?.note).toBe('已超过受理期限（2026-03-03 09:00）');
    const t = caseTime(caseClocks(s.case), cst('2026-03-03 10:00'));
    expect(t.missed.map((m) => m.name)).toEqual(['受理']);
    expect(t.text.startsWith('受理已超时')).toBe(true);
    expect(t.text.split(' · ').filter((p) => p === '受理已超时')).toHaveLength(1);
  });

  test('没有计时也没有错过：空；评价期不算超时', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') }).do(wang, ACCEPT, cst('2026-03-02 09:30'));
    expect(caseTime(caseClocks(s.case), cst('2026-03-02 10:00'))).toMatchObject({ late: false, everLate: false });
    const resolvedLate = caseTime(
      { missed: [], running: { clock: 'rateBy', name: '评价', at: cstIso('2026-03-09 10:00') } },
      cst('2026-03-10 10:00'),
    );
    expect(resolvedLate.late).toBe(false);
    expect(caseTime({ missed: [] }, cst('2026-03-10 10:00'))).toEqual({ missed: [], late: false, everLate: false, text: '' });
  });

  test('早先只记下 overdueFor 的诉求：显示为「办理已超时」', () => {
    const s = Story.submit({ at: cst('2026-03-02 09:00') });
    const legacy = { ...s.case, overdue: true, overdueFor: cstIso('2026-03-03 09:00') };
    delete (legacy as { missed?: unknown }).missed;
    expect(caseClocks(legacy).missed).toEqual([{ name: '办理', at: cstIso('2026-03-03 09:00') }]);
  });

  test.each([
    [7 * 86_400_000, '7天'],
    [2 * 86_400_000 + 3 * 3_600_000, '2天3小时'],
    [3 * 3_600_000 + 20 * 60_000, '3小时20分钟'],
    [25 * 60_000, '25分钟'],
    [30_000, '不到1分钟'],
  ])('spanText(%i) = %s', (ms, text) => expect(spanText(ms)).toBe(text));
});
