import { followUpCheckAt, followUpReminder, followUpSchedule, ledgerRow } from './ledgers';
import { REPORTER, RESOLVE, Story, ZHANG, actorOf, cst, must, SYSTEM } from './test-support';

/** A neighbour dispute settled (rated 满意) on 2026-03-15 16:00 China time. */
function settled(major = false): Story {
  const holder = actorOf(ZHANG);
  const s = Story.submit({ at: cst('2026-03-10 09:00'), category: '邻里纠纷', severity: major ? 'major' : 'simple' });
  return s
    .do(holder, { action: 'accept' }, cst('2026-03-10 10:00'))
    .do(holder, RESOLVE, cst('2026-03-12 10:00'))
    .do(REPORTER, { action: 'rate', rating: 'satisfied' }, cst('2026-03-15 16:00'));
}

describe('矛盾纠纷回访提醒', () => {
  it.each([
    // [now, due date, due?, missed]
    ['2026-04-14 23:00', '2026-04-15', false, 0],
    ['2026-04-15 08:00', '2026-04-15', true, 0],
    ['2026-05-20 08:00', '2026-05-15', true, 1],
    ['2026-07-16 08:00', '2026-07-15', true, 3],
  ] as const)('ordinary dispute at %s: due on %s (due %s, missed %i)', (now, dueOn, due, missed) => {
    expect(followUpSchedule(settled().case, cst(now))).toMatchObject({ dueOn, due, missed });
  });

  it('a major dispute every 15 days', () => {
    expect(followUpSchedule(settled(true).case, cst('2026-04-01 08:00'))).toMatchObject({ dueOn: '2026-03-30', due: true, missed: 0 });
  });

  it('the closed dispute is looked at on its due day; the timer reminds the holder once per due date', () => {
    const s = settled();
    expect(s.case.status).toBe('closed');
    // Closing set the next check to the start of the first due day.
    expect(s.case.nextCheckAt).toBe(cst('2026-04-15 00:00').toISOString());
    expect(followUpCheckAt(s.case, cst('2026-04-01 00:00'))).toBe(cst('2026-04-15 00:00').toISOString());
    const early = s.fork().try(SYSTEM, { action: 'follow_up_remind' }, cst('2026-04-14 12:00'));
    expect(early.ok ? 'ok' : early.error.code).toBe('CASE.INVALID_TRANSITION');

    const r = must(s.try(SYSTEM, { action: 'follow_up_remind' }, cst('2026-04-15 08:00')));
    expect(r.events).toEqual([expect.objectContaining({ action: 'ledger', note: '回访提醒：矛盾纠纷已化解，应于2026-04-15回访' })]);
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'task_reminder', recipientOpenid: s.case.holder!.openid })]);
    expect(s.case.ledger?.followUpRemindedFor).toBe('2026-04-15');
    // Once reminded, the next look is the next due day; a second reminder for the same date is refused.
    expect(s.case.nextCheckAt).toBe(cst('2026-05-15 00:00').toISOString());
    expect(followUpReminder(s.case, cst('2026-04-20 08:00'))).toBeUndefined();

    // No visit by the next due date: reminded again, the missed visit named, and marked on the ledger.
    const again = must(s.try(SYSTEM, { action: 'follow_up_remind' }, cst('2026-05-15 09:00')));
    expect(again.events[0]!.note).toBe('回访提醒：矛盾纠纷已化解，应于2026-05-15回访（已逾期1次未回访）');
    expect(ledgerRow(s.case, cst('2026-05-16 09:00'))).toMatchObject({ followUp: '已逾期1次未回访', nextFollowUpOn: '2026-05-15' });
  });

  it('a visit recorded restarts the schedule from it', () => {
    const s = settled();
    s.do(actorOf(ZHANG), { action: 'ledger', entry: { kind: 'follow_up', note: '双方相处融洽，没有再起争执' } }, cst('2026-04-16 10:00'));
    expect(followUpSchedule(s.case, cst('2026-04-20 08:00'))).toMatchObject({ dueOn: '2026-05-16', due: false, missed: 0 });
    expect(s.case.nextCheckAt).toBe(cst('2026-05-16 00:00').toISOString());
  });
});
