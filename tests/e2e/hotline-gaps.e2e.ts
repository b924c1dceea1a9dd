/**
 * 12345工单导入（续）：表格的办理时限写成「3个工作日」时，预览写明自派单时间起算；写成「尽快」时提示
 * 无法识别、按规定时限办理；诉求类别写了本街道没有的类别，预览标出「类别“xxx”本街道没有，将按“yyy”登记」，
 * 管理员可为这一行改选类别，导入后诉求按所示类别登记；页面下方的导入记录列出这次导入（文件名、导入人、
 * 导入/跳过/未导入条数）。
 */
import { visible } from './support/browser';
import { apiAs, onOwnHost, openAs, tap, waitText } from './staff-support';
import { csvBytes, HOTLINE_HEADER, ticketRow } from '../support/hotline-sheets';

/** `YYYY-MM-DD` China-local, `days` from today. */
const localDay = (days: number): string => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

test('办理时限写成时长、类别本街道没有：预览逐行说明，按所示登记，导入记录可查', () =>
  onOwnHost(async ({ host, browse }) => {
    const dispatched = `${localDay(0)} 09:00`;
    const sheet = Buffer.from(
      csvBytes([
        [...HOTLINE_HEADER, '诉求类别'],
        [
          ...ticketRow(1, { ticketNo: 'E2E-HG-0001', content: '渝园2栋楼道灯坏了，晚上看不见路', dispatched, due: '3个工作日' }),
          '飞碟降落',
        ],
        [...ticketRow(2, { ticketNo: 'E2E-HG-0002', content: '渝园2栋门口井盖松动有响声', dispatched, due: '尽快' }), '设施维修'],
      ]),
    );
    const adminApi = await apiAs(host, 'demo-admin-1');
    const { page, screenshot } = await browse('hotline-gaps');
    await openAs(page, host, 'demo-admin-1', '/pages-admin/hotline/index');
    await visible(page, 'page-hotline').waitFor();
    await waitText(page, 'hotline-history', '还没有导入过12345工单');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(visible(page, 'hotline-choose'))]);
    await chooser.setFiles({ name: '12月工单.csv', mimeType: 'text/csv', buffer: sheet });
    await visible(page, 'hotline-preview').waitFor();
    await waitText(page, 'hotline-due-2', '办理时限3个工作日，自派单时间起算');
    await waitText(page, 'hotline-due-3', '办理时限“尽快”无法识别，将按本社区规定时限办理');
    await waitText(page, 'hotline-status-3', '新建');

    // The unknown category: first no default, then the default, then a pick for that row.
    await waitText(page, 'hotline-category-note-2', '类别“飞碟降落”本街道没有，请选择类别');
    await tap(visible(page, 'hotline-category-cat-01'));
    await waitText(page, 'hotline-category-note-2', '类别“飞碟降落”本街道没有，将按“设施维修”登记');
    await tap(visible(page, 'hotline-row-category-2-cat-02'));
    await waitText(page, 'hotline-category-note-2', '类别“飞碟降落”本街道没有，将按“环境卫生”登记');
    await screenshot('hotline-gaps-preview');

    await tap(visible(page, 'hotline-commit'));
    await waitText(page, 'hotline-result', '导入完成：新登记 2 条');
    const list = await adminApi.call<{ items: { id: string; description: string }[] }>('admin', 'listCases', {});
    const caseOf = async (start: string) => {
      const item = list.items.find((i) => i.description.startsWith(start))!;
      return (await adminApi.call<{ case: { categoryId: string; categoryName: string } }>('admin', 'getCase', { caseId: item.id })).case;
    };
    expect((await caseOf('渝园2栋楼道灯坏了')).categoryName).toBe('环境卫生');
    expect((await caseOf('渝园2栋门口井盖')).categoryName).toBe('设施维修');

    // The history lists the import (the file itself is not offered again).
    await waitText(page, 'hotline-history-row', '12月工单.csv');
    await waitText(page, 'hotline-history-counts', '导入 2 条，跳过（已登记）0 条，未导入 0 条');
    await screenshot('hotline-gaps-history');
  }));
