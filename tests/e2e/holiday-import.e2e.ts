/**
 * 节假日导入：街道管理员在「管理」首页看到下一年节假日未导入的提醒，点进「配置 → 节假日」，
 * 粘贴损坏的通知被指出哪一项，粘贴完整的通知后核对年历、确认保存；提醒随之消失，新年份算作已有数据。
 *
 * The notice used here is generated for the test (dates chosen to be valid for any year), not a
 * real State Council schedule: the product ships the import, never a guessed year.
 */
import { byTestId, typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, tap, until, waitText } from './staff-support';

const pad = (n: number): string => String(n).padStart(2, '0');

/** A notice in the published form for `year`: 元旦 on 1 January, 春节 10–16 February, one Saturday worked. */
function testNotice(year: number): { text: string; off: string[]; work: string } {
  let saturday = 1;
  while (new Date(Date.UTC(year, 1, saturday)).getUTCDay() !== 6) saturday++;
  const off = [`${year}-01-01`, ...[10, 11, 12, 13, 14, 15, 16].map((d) => `${year}-02-${pad(d)}`)];
  const text = [
    `国务院办公厅关于${year}年部分节假日安排的通知`,
    '一、元旦：1月1日放假，共1天。',
    `二、春节：2月10日至16日放假调休，共7天。2月${saturday}日（周六）上班。`,
  ].join('\n');
  return { text, off, work: `${year}-02-${pad(saturday)}` };
}

interface HolidayList {
  coveredYears: number[];
  warning?: string;
  items: { date: string; workday: boolean; source?: string }[];
}

test('街道管理员按提醒导入下一年的节假日安排', () =>
  onOwnHost(async ({ host, browse }) => {
    const street = await apiAs(host, 'demo-street-admin');
    const before = await street.call<HolidayList>('admin', 'listHolidays');
    const dash = await street.call<{ calendarWarning?: string }>('admin', 'dashboard');
    // The warning follows the date: from 1 November while next year has no data.
    const year = Number(/(\d{4})年/.exec(before.warning ?? '')?.[1] ?? new Date().getFullYear() + 1);
    const notice = testNotice(year);

    const session = await browse('holiday-import');
    const { page, screenshot } = session;
    await openAs(page, host, 'demo-street-admin', '/pages/workbench/index');
    await visible(page, 'admin-desk').waitFor();
    if (dash.calendarWarning) {
      await waitText(page, 'calendar-warning', `${year}年的法定节假日安排尚未导入`);
      await screenshot('calendar-warning');
      await tap(visible(page, 'calendar-warning'));
    } else {
      await page.goto(`${host.url}/#/pages-admin/config/index`);
    }
    await visible(page, 'page-config').waitFor();
    await tap(visible(page, 'config-section-holidays'));
    await visible(page, 'holiday-import').waitFor();
    if (before.warning) await waitText(page, 'holiday-warning', before.warning);
    await tap(visible(page, `holiday-import-year-${year}`));

    // ——— damaged text: the item at fault is named, nothing is saved ———
    await typeInto(page, 'holiday-import-text', notice.text.replace('共7天', '共5天'));
    await tap(visible(page, 'holiday-import-preview'));
    await waitText(page, 'holiday-import-error', '“二、春节”一项无法识别：写明共5天');
    await screenshot('holiday-import-refused');
    expect((await street.call<HolidayList>('admin', 'listHolidays')).items.some((h) => h.date.startsWith(`${year}-`))).toBe(false);

    // ——— the notice as published: a year calendar to check, then saved ———
    await typeInto(page, 'holiday-import-text', notice.text);
    await tap(visible(page, 'holiday-import-preview'));
    const calendar = visible(page, 'holiday-calendar');
    await calendar.waitFor();
    for (const d of notice.off) await expect(calendar.locator(`[data-date="${d}"]`).getAttribute('data-kind')).resolves.toBe('off');
    await expect(calendar.locator(`[data-date="${notice.work}"]`).getAttribute('data-kind')).resolves.toBe('work');
    await expect(byTestId(calendar, 'holiday-month').count()).resolves.toBe(12);
    await screenshot('holiday-import-preview');
    await tap(visible(page, 'holiday-import-confirm'));
    await waitText(page, 'holiday-import-saved', `已导入${year}年节假日安排：9天（元旦、春节）`);
    await screenshot('holiday-import-saved');

    const after = await street.call<HolidayList>('admin', 'listHolidays');
    expect(after.coveredYears).toContain(year);
    expect(after.items.filter((h) => h.date.startsWith(`${year}-`) && h.source === 'notice')).toHaveLength(9);
    // The year this warning named has data now: neither the config page nor the desk names it.
    expect(after.warning ?? '').not.toContain(`${year}年`);
    expect((await street.call<{ calendarWarning?: string }>('admin', 'dashboard')).calendarWarning ?? '').not.toContain(`${year}年`);
    if (!after.warning) await until('配置页的提醒消失', async () => (await page.locator('[data-testid="holiday-warning"]').count()) === 0);
    await page.goto(`${host.url}/#/pages/workbench/index`);
    await page.reload();
    await visible(page, 'admin-scope').waitFor();
    await expect(page.locator('[data-testid="calendar-warning"]').count()).resolves.toBe(0);
    await screenshot('desk-without-warning');
  }));
