/**
 * 12345工单导入导出（管理页）：社区书记从「管理」进入「12345工单」，选一个 GBK 编码的 CSV（热线系统
 * 常见的导出格式）→ 预览逐行显示 新建 / 错误（按列说明）和地址匹配到的楼栋，地址未匹配的一行须选网格
 * → 导入 → 案件列表里出现这些诉求，案件页写明「代登记·12345热线 工单号」；再导入同一文件，每行都是
 * 「已导入(重复工单号)」，不再登记；最后导出本月的办理结果表，列与导入表一致并加 办理结果、办结时间、回访结果。
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { visible } from './support/browser';
import { describe1, LARGE_RULES, measure } from './support/measure';
import { apiAs, onOwnHost, openAs, tap, waitText } from './staff-support';
import { csvBytes, HOTLINE_HEADER, ticketRow } from '../support/hotline-sheets';

/** Every line of the first sheet of an .xlsx, as text. */
async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const all: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => all.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return all;
}

/** `YYYY-MM-DD` China-local, `days` from today. */
const localDay = (days: number): string => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

test('社区书记导入12345工单表格，预览、选网格、导入，重复导入不重登，导出办理结果', () =>
  onOwnHost(async ({ host, browse }) => {
    const rows = [
      HOTLINE_HEADER,
      ticketRow(1, {
        ticketNo: 'E2E-HL-0001',
        content: '渝园2栋楼道灯坏了，晚上看不见路',
        dispatched: `${localDay(0)} 09:00`,
        due: localDay(10),
      }),
      ticketRow(2, {
        ticketNo: 'E2E-HL-0002',
        content: '小区东门外垃圾堆放多日无人清运',
        address: '双福大道188号旁',
        dispatched: `${localDay(0)} 09:05`,
        due: localDay(10),
      }),
      ticketRow(3, { ticketNo: 'E2E-HL-0003', content: '噪音扰民', phone: '12345', due: localDay(10) }),
    ];
    const sheet = Buffer.from(csvBytes(rows, 'gb18030'));
    const adminApi = await apiAs(host, 'demo-admin-1');

    const { page, screenshot } = await browse('hotline-import');
    await openAs(page, host, 'demo-admin-1', '/pages/workbench/index');
    await tap(visible(page, 'entry-hotline'));
    await visible(page, 'page-hotline').waitFor();

    // ——— pick the sheet: the preview, row by row ———
    const choose = async () => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(visible(page, 'hotline-choose'))]);
      await chooser.setFiles({ name: '12345工单.csv', mimeType: 'text/csv', buffer: sheet });
      await visible(page, 'hotline-preview').waitFor();
    };
    await choose();
    await waitText(page, 'hotline-status-2', '新建');
    await waitText(page, 'hotline-row-2', '匹配到：渝园社区第一网格 2栋');
    await waitText(page, 'hotline-status-3', '新建');
    await waitText(page, 'hotline-row-3', '地址未匹配到本辖区楼栋，请选择网格');
    await waitText(page, 'hotline-status-4', '错误');
    await waitText(page, 'hotline-row-error-4', '诉求内容：诉求内容至少5个字');
    await screenshot('hotline-preview');

    // Importing before the unmatched row has its grid (and a category) is refused, and files nothing.
    await tap(visible(page, 'hotline-category-cat-02'));
    await tap(visible(page, 'hotline-commit'));
    await waitText(page, 'hotline-error', '还有1条工单的地址未匹配，请为它们选择网格');
    const before = await adminApi.call<{ items: { description: string }[] }>('admin', 'listCases', {});
    expect(before.items.some((i) => i.description.startsWith('渝园2栋楼道灯'))).toBe(false);

    await tap(visible(page, 'hotline-grid-3-sf-yuyuan-g2'));
    await tap(visible(page, 'hotline-commit'));
    await waitText(page, 'hotline-result', '导入完成：新登记 2 条，已登记过 0 条');
    await waitText(page, 'hotline-status-2', '已导入(重复工单号)');
    await screenshot('hotline-imported');

    // ——— the admin's case list has them; the case says where it came from ———
    await tap(visible(page, 'hotline-open-cases'));
    await visible(page, 'page-admin-cases').waitFor();
    const card = (text: string) => page.locator('[data-testid="staff-task-card"]').filter({ visible: true, hasText: text }).first();
    await card('渝园2栋楼道灯坏了').waitFor();
    await card('小区东门外垃圾堆放').waitFor();
    await screenshot('hotline-cases');
    await tap(card('渝园2栋楼道灯坏了').locator('[data-testid="staff-task-open"]'));
    await visible(page, 'page-admin-case').waitFor();
    await waitText(page, 'case-source', '代登记·12345热线 E2E-HL-0001');
    await waitText(page, 'case-contact-name', '周大爷');

    // ——— the same file again: every good row already imported, nothing filed twice ———
    await page.goto(`${host.url}/#/pages-admin/hotline/index`);
    await visible(page, 'page-hotline').waitFor();
    await choose();
    await waitText(page, 'hotline-status-2', '已导入(重复工单号)');
    await waitText(page, 'hotline-status-3', '已导入(重复工单号)');
    await expect(page.locator('[data-testid="hotline-commit"]').count()).resolves.toBe(0);
    const after = await adminApi.call<{ items: { description: string }[] }>('admin', 'listCases', {});
    expect(after.items.filter((i) => i.description.startsWith('渝园2栋楼道灯坏了'))).toHaveLength(1);

    // ——— the reply to the hotline: the same layout and what was done ———
    const [download] = await Promise.all([page.waitForEvent('download'), tap(visible(page, 'hotline-export-xlsx'))]);
    expect(download.suggestedFilename()).toMatch(/^渝园社区_12345工单回复_\d{4}年\d{1,2}月\.xlsx$/);
    const reply = await sheetRows(readFileSync(await download.path()));
    expect(reply[0]).toEqual(['工单号', '诉求内容', '地址', '联系人', '电话', '派单时间', '办理时限', '办理结果', '办结时间', '回访结果']);
    expect(
      reply
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['E2E-HL-0001', 'E2E-HL-0002']);
    expect(reply.find((r) => r[0] === 'E2E-HL-0001')!.slice(2, 5)).toEqual(['渝园社区2栋3单元', '周大爷', '13877776666']);
    await waitText(page, 'hotline-export-note', '已导出 2 条');
    await screenshot('hotline-exported');
  }));

test('长辈版：预览表（状态、按列的错误、选网格）达到适老化指标', () =>
  onOwnHost(async ({ host, browse }) => {
    const sheet = Buffer.from(
      csvBytes([
        HOTLINE_HEADER,
        ticketRow(1, { ticketNo: 'E2E-HL-0101', due: localDay(10), dispatched: `${localDay(0)} 09:00` }),
        ticketRow(2, { ticketNo: 'E2E-HL-0102', address: '双福大道188号旁', due: localDay(10), dispatched: `${localDay(0)} 09:00` }),
        ticketRow(3, { ticketNo: 'E2E-HL-0103', content: '噪音扰民', phone: '12345' }),
      ]),
    );
    const { page, screenshot } = await browse('hotline-elder');
    await page.goto(`${host.url}/#/pages/index/index`);
    await page.evaluate(`localStorage.setItem('wy.largeText', JSON.stringify({ data: true }))`);
    await page.reload();
    await openAs(page, host, 'demo-admin-1', '/pages-admin/hotline/index');
    await visible(page, 'page-hotline').waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(visible(page, 'hotline-choose'))]);
    await chooser.setFiles({ name: '工单.csv', mimeType: 'text/csv', buffer: sheet });
    await visible(page, 'hotline-grid-3-sf-yuyuan-g1').waitFor();
    await waitText(page, 'hotline-row-error-4', '电话：');
    await page.waitForTimeout(600);
    const m = await measure(page, LARGE_RULES);
    await screenshot('hotline-elder-preview');
    expect(m.violations.map(describe1)).toEqual([]);
    expect(m.smallestFontPx).toBeGreaterThanOrEqual(18);
  }));
