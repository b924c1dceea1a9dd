/**
 * The reporter's reminders and supplements are bounded per case and per China-local day: a
 * reminder once a day and only once the policy's reminder share of the running limit has passed,
 * supplements a few a day. Staff are not bounded. A refusal changes nothing.
 */
import { RESIDENT_DAILY, transition } from './case-lifecycle';
import { COMMUNITY_ADMIN, REPORTER, Story, ctxAt, cst, hoursAfter } from './test-support';

/** Submitted Monday 09:00 (China time); 三日办结: the 24-hour response clock reaches 80 % at 04:12 Tuesday. */
const T0 = cst('2026-03-02 09:00');
const submitted = () => Story.submit({ at: T0 });

describe('居民催办：时限过八成后才能催，每天一次', () => {
  it('未到提醒比例时催办被拒，说明何时可以催办，诉求不变', () => {
    const s = submitted();
    const r = transition(s.case, { action: 'remind' }, REPORTER, ctxAt(hoursAfter(T0, 2)));
    expect(r.ok ? 'ok' : r.error.code).toBe('CASE.TOO_EARLY');
    expect(r.ok ? '' : r.error.message).toMatch(/2026-03-03 04:12后才能催办/);
  });

  it('过了提醒比例可以催办一次；同一天再催被拒；第二天可以再催', () => {
    const s = submitted();
    const at = cst('2026-03-03 05:00');
    s.do(REPORTER, { action: 'remind' }, at);
    expect(s.case.residentActs).toEqual({ day: '2026-03-03', reminds: 1, supplements: 0 });
    const again = s.try(REPORTER, { action: 'remind' }, cst('2026-03-03 23:59'));
    expect(again.ok ? 'ok' : again.error.code).toBe('RATE.LIMITED');
    expect(again.ok ? '' : again.error.message).toMatch(/今天已经催办过了/);
    expect(s.actions.filter((a) => a === 'remind')).toHaveLength(1);
    // The next China-local day starts at 16:00 UTC: a new day, a new reminder.
    s.do(REPORTER, { action: 'remind' }, cst('2026-03-04 00:01'));
    expect(s.actions.filter((a) => a === 'remind')).toHaveLength(2);
  });

  it('社区管理员催办不受限制', () => {
    const s = submitted();
    for (let i = 0; i < 3; i++) s.do(COMMUNITY_ADMIN, { action: 'remind', note: '请尽快' }, hoursAfter(T0, 1 + i));
    expect(s.actions.filter((a) => a === 'remind')).toHaveLength(3);
    expect(s.case.residentActs).toBeUndefined();
  });
});

describe('居民补充：每件诉求每天最多几次', () => {
  it(`一天最多补充${RESIDENT_DAILY.supplements}次，之后被拒且不写入；第二天可以继续`, () => {
    const s = submitted();
    for (let i = 0; i < RESIDENT_DAILY.supplements; i++)
      s.do(REPORTER, { action: 'supplement', note: `补充说明第${i + 1}次` }, hoursAfter(T0, 1 + i));
    const before = JSON.stringify(s.case);
    const r = s.try(REPORTER, { action: 'supplement', note: '再补充一次' }, hoursAfter(T0, 10));
    expect(r.ok ? 'ok' : r.error.code).toBe('RATE.LIMITED');
    expect(r.ok ? '' : r.error.message).toMatch(/每天最多补充3次/);
    expect(JSON.stringify(s.case)).toBe(before);
    s.do(REPORTER, { action: 'supplement', note: '第二天的补充' }, cst('2026-03-03 08:00'));
    expect(s.actions.filter((a) => a === 'supplement')).toHaveLength(RESIDENT_DAILY.supplements + 1);
  });

  it('催办与补充分别计数', () => {
    const s = submitted();
    const at = cst('2026-03-03 05:00');
    s.do(REPORTER, { action: 'remind' }, at);
    s.do(REPORTER, { action: 'supplement', note: '二楼也不亮' }, at);
    expect(s.case.residentActs).toEqual({ day: '2026-03-03', reminds: 1, supplements: 1 });
  });
});
