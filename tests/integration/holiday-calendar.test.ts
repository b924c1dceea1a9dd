/**
 * A fake clock across 2026-12 → 2027-03 on the demo street: the package (chinese-days 1.5.7) ends
 * with 2026, so from 1 November 2026 the street admin is warned on the 管理 home, in the message
 * centre once a week and by the timer, and a working-day deadline in 2027 is marked; importing a
 * 2027 notice puts the deadline right and ends every warning.
 *
 * The 2027 notice below is MADE UP for this test (its dates are not the State Council's): the
 * product ships the import, never a guessed 2027.
 */
import { runTimerTick } from '../../backend/functions/timer';
import { member } from '../../backend/functions/member';
import { invalidateDirectory } from '../../backend/services/directory';
import { cst } from '../../core/test-support';
import { NOW, P, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

const FAKE_2027_NOTICE = `一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。5月8日（周六）上班。
五、端午节：6月12日（周六）至14日（周一）放假，共3天。
六、中秋节：9月15日（周三）至17日（周五）放假，共3天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。10月9日（周六）上班。`;

let clock = new Date(NOW.getTime());
let w: AdminWorld;
const setClock = (at: Date): void => {
  clock = at;
  invalidateDirectory(w.store);
};

// Seeding the admin world takes a few seconds; on a busy machine more than jest's default 5 s.
beforeAll(async () => {
  w = await openAdminWorld(() => new Date(clock.getTime()));
}, 30_000);
afterAll(async () => w?.close());

type Dash = { calendarWarning?: string };
type Card = { id: string; dueAt?: string; dueNote?: string };

async function streetInbox(): Promise<{ kind: string; title: string }[]> {
  return (await w.store.listInbox(P.streetAdmin, 100)).filter((m) => m.kind === 'calendar_warning');
}

/** A report in 渝园社区, accepted by its holder at the current clock time. */
async function acceptedCase(): Promise<string> {
  const c = await w.submit();
  const openid = `demo-11-${c.holder!.role.replace(/_/g, '-')}`;
  data(await member.handle({ action: 'acceptCase', caseId: c.id }, openid, w.deps));
  return c.id;
}

async function card(caseId: string): Promise<Card> {
  return data<{ case: Card }>(await w.admin(P.streetAdmin, 'getCase', { caseId })).case;
}

describe('2027年节假日数据：提醒与导入', () => {
  test('10月31日尚无提醒；11月1日起街道管理员首页出现提醒，社区管理员不显示', async () => {
    setClock(cst('2026-10-31 10:00'));
    expect(data<Dash>(await w.admin(P.streetAdmin, 'dashboard', {})).calendarWarning).toBeUndefined();
    expect((await runTimerTick(w.deps)).calendarWarning).toBeUndefined();
    setClock(cst('2026-11-01 00:05'));
    expect(data<Dash>(await w.admin(P.streetAdmin, 'dashboard', {})).calendarWarning).toMatch(/2027年的法定节假日安排尚未导入/);
    expect(data<Dash>(await w.admin(P.communityAdmin, 'dashboard', {})).calendarWarning).toBeUndefined();
  });

  test('定时任务记录提醒，并每周给街道管理员发一条站内消息（同一周不重复）', async () => {
    setClock(cst('2026-12-07 09:00'));
    const report = await runTimerTick(w.deps);
    expect(report.calendarWarning).toMatch(/2027年/);
    const before = (await streetInbox()).length;
    expect(before).toBeGreaterThanOrEqual(1);
    setClock(cst('2026-12-09 09:00')); // same week (weeks count from 1 November)
    await runTimerTick(w.deps);
    expect(await streetInbox()).toHaveLength(before);
    setClock(cst('2026-12-14 09:00')); // the next week
    await runTimerTick(w.deps);
    const after = await streetInbox();
    expect(after).toHaveLength(before + 1);
    expect(after[0]!.title).toBe('2027年节假日安排未导入');
    // Only street admins get it.
    expect((await w.store.listInbox(P.communityAdmin, 100)).some((m) => m.kind === 'calendar_warning')).toBe(false);
    // Through the outbox like any notice (so a subscribe message goes where one is configured), once per week.
    const queued = (await w.store.listOutbox()).filter((o) => o.notice.kind === 'calendar_warning');
    expect(queued.map((o) => o.notice.recipientOpenid)).toEqual([P.streetAdmin, P.streetAdmin]);
    expect(queued.every((o) => o.done.inbox === true && o.notice.caseId === '')).toBe(true);
  });

  test('未导入时，2027年春节前受理的诉求按平常周计算并标注「期限可能不准」', async () => {
    setClock(cst('2027-02-05 10:00')); // Friday
    const id = await acceptedCase();
    const c = await card(id);
    // 3 working days counted straight across 春节, as the package knows no 2027.
    expect(c.dueAt).toBe(cst('2027-02-11 00:00').toISOString());
    expect(c.dueNote).toBe('节假日数据未导入，期限可能不准');
    // The 2027 warning also holds inside 2027 itself.
    expect(data<Dash>(await w.admin(P.streetAdmin, 'dashboard', {})).calendarWarning).toMatch(
      /2027年的法定节假日安排尚未导入，工作日期限会把节假日算作工作日/,
    );
  });

  test('预览不写入；损坏的文本说明哪一项；社区管理员不能导入', async () => {
    const preview = data<{ days: { date: string; workday: boolean; name: string }[]; festivals: string[] }>(
      await w.admin(P.streetAdmin, 'previewHolidayNotice', { year: 2027, text: FAKE_2027_NOTICE }),
    );
    expect(preview.festivals).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(preview.days.filter((d) => d.workday).map((d) => d.date)).toEqual(['2027-02-20', '2027-05-08', '2027-10-09']);
    expect((await w.store.listRef('holidays')).some((h) => h.date.startsWith('2027-02'))).toBe(false);

    const bad = await w.admin(P.streetAdmin, 'importHolidayNotice', { year: 2027, text: FAKE_2027_NOTICE.replace('共9天', '共6天') });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/“二、春节”一项无法识别/);
    expect(outcome(await w.admin(P.communityAdmin, 'importHolidayNotice', { year: 2027, text: FAKE_2027_NOTICE }))).toBe('AUTH.FORBIDDEN');
    expect(outcome(await w.admin(P.streetAdmin, 'importHolidayNotice', { year: 1999, text: FAKE_2027_NOTICE }))).toBe('INPUT.INVALID');
    expect((await w.store.listRef('holidays')).some((h) => h.date.startsWith('2027-02'))).toBe(false);
  });

  test('导入后：新受理的期限跳过春节，提醒从首页、定时任务与消息中消失', async () => {
    setClock(cst('2027-02-05 11:00'));
    const saved = data<{ saved: number }>(await w.admin(P.streetAdmin, 'importHolidayNotice', { year: 2027, text: FAKE_2027_NOTICE }));
    expect(saved.saved).toBe(36);
    const id = await acceptedCase();
    const c = await card(id);
    // 02-06 … 02-14 off; 02-15, 02-16, 02-17 are the three working days.
    expect(c.dueAt).toBe(cst('2027-02-18 00:00').toISOString());
    expect(c.dueNote).toBeUndefined();
    expect(data<Dash>(await w.admin(P.streetAdmin, 'dashboard', {})).calendarWarning).toBeUndefined();
    const list = data<{ coveredYears: number[]; warning?: string }>(await w.admin(P.communityAdmin, 'listHolidays', {}));
    expect(list.coveredYears).toContain(2027);
    expect(list.warning).toBeUndefined();

    const messages = (await streetInbox()).length;
    setClock(cst('2027-03-01 09:00'));
    expect((await runTimerTick(w.deps)).calendarWarning).toBeUndefined();
    expect(await streetInbox()).toHaveLength(messages);
  });

  test('重新导入更正后的通知：上次导入多出的日期恢复为平常周', async () => {
    const corrected = FAKE_2027_NOTICE.replace('2月20日（周六）上班', '2月5日（周五）至5日放假，共1天').replace(
      /二、春节：[^\n]*/,
      '二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月21日（周日）上班。',
    );
    data(await w.admin(P.streetAdmin, 'importHolidayNotice', { year: 2027, text: corrected }));
    const byDate = new Map((await w.store.listRef('holidays')).map((h) => [h.date, h]));
    expect(byDate.get('2027-02-21')).toMatchObject({ workday: true, source: 'notice' });
    // 2027-02-20 (a Saturday) is no longer a make-up day.
    expect(byDate.get('2027-02-20')).toMatchObject({ workday: false, source: 'notice' });
  });

  test('按区间设置：街道设置的日期优先于内置数据；区间有上限、结束不能早于开始', async () => {
    setClock(cst('2027-03-01 09:00'));
    // 2026-10-08 is a working day in the package; the street closes 10-08 … 10-09.
    const r = data<{ saved: number }>(
      await w.admin(P.streetAdmin, 'setHolidayRange', { from: '2026-10-08', to: '2026-10-09', workday: false, note: '街道停电检修' }),
    );
    expect(r.saved).toBe(2);
    const byDate = new Map((await w.store.listRef('holidays')).map((h) => [h.date, h]));
    expect(byDate.get('2026-10-09')).toMatchObject({ workday: false, note: '街道停电检修', source: 'manual' });
    expect(
      outcome(await w.admin(P.streetAdmin, 'setHolidayRange', { from: '2027-03-10', to: '2027-03-01', workday: false, note: '' })),
    ).toBe('INPUT.INVALID');
    expect(
      outcome(await w.admin(P.streetAdmin, 'setHolidayRange', { from: '2027-01-01', to: '2027-12-31', workday: false, note: '' })),
    ).toBe('INPUT.INVALID');
    expect(
      outcome(await w.admin(P.communityAdmin, 'setHolidayRange', { from: '2027-03-01', to: '2027-03-02', workday: false, note: '' })),
    ).toBe('AUTH.FORBIDDEN');
  });
});

describe('延长期限', () => {
  test('管理员延长正在计时的期限须写理由，时间线写明；理由为空时不改动', async () => {
    setClock(cst('2027-03-01 09:00')); // Monday
    const id = await acceptedCase();
    const before = await card(id);
    expect(before.dueAt).toBe(cst('2027-03-05 00:00').toISOString());
    expect(outcome(await w.admin(P.communityAdmin, 'grantTime', { caseId: id, amount: 2, unit: 'workdays', reason: '  ' }))).toBe(
      'INPUT.INVALID',
    );
    expect((await card(id)).dueAt).toBe(before.dueAt);
    data(await w.admin(P.communityAdmin, 'grantTime', { caseId: id, amount: 2, unit: 'workdays', reason: '等待配件到货' }));
    const after = data<{ case: Card; timeline: { action: string; note?: string }[] }>(
      await w.admin(P.streetAdmin, 'getCase', { caseId: id }),
    );
    expect(after.case.dueAt).toBe(cst('2027-03-09 00:00').toISOString());
    expect(after.timeline.at(-1)).toMatchObject({ action: 'grant_time', note: '办结期限延长2个工作日，至2027-03-09 00:00：等待配件到货' });
  });
});
