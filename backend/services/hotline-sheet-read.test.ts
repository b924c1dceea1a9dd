import { csvBytes, HOTLINE_HEADER, ticketRow, xlsxBytes } from '../../tests/support/hotline-sheets';
import { decodeCsv, MAX_SHEET_BYTES, readSheetCells, sniffSheet } from './hotline-sheet-read';
import { parseHotlineRows } from '../../core/hotline-sheet';

const rows = [HOTLINE_HEADER, ticketRow(1), ticketRow(2, { phone: '023-61234567' })];

async function parsed(bytes: Uint8Array) {
  const cells = await readSheetCells(bytes);
  if (!cells.ok) throw new Error(cells.error.message);
  const p = parseHotlineRows(cells.value.rows);
  if (!p.ok) throw new Error(p.error.message);
  return { kind: cells.value.kind, rows: p.value };
}

describe('reading a 工单 sheet', () => {
  it.each([
    ['xlsx', () => xlsxBytes(rows)],
    ['xlsx with a title row', () => xlsxBytes(rows, { title: '双福街道12345工单' })],
    ['UTF-8 CSV', async () => csvBytes(rows)],
    ['UTF-8 CSV with a BOM', async () => csvBytes(rows, 'utf8-bom')],
    ['GB18030 CSV', async () => csvBytes(rows, 'gb18030')],
  ])('%s', async (_name, make) => {
    const r = await parsed(await make());
    expect(r.rows.map((x) => x.errors)).toEqual([[], []]);
    expect(r.rows.map((x) => [x.row!.ticketNo, x.row!.contactName, x.row!.contactPhone, x.row!.address])).toEqual([
      ['GD26120001', '周大爷', '13877776666', '渝园社区2栋3单元'],
      // A landline keeps its leading 0 (CSV fields stay text).
      ['GD26120002', '周大爷', '023-61234567', '渝园社区2栋3单元'],
    ]);
    expect(r.rows[0]!.row!.dueBy).toBe('2026-11-24T10:00:00.000Z');
  });

  it('reads date cells and numbers of an .xlsx as the sheet shows them', async () => {
    const r = await parsed(
      await xlsxBytes([
        HOTLINE_HEADER,
        [
          20261201001,
          '小区门口垃圾没人清运',
          '',
          '李女士',
          13877776666,
          new Date(Date.UTC(2026, 11, 1, 9, 30)),
          new Date(Date.UTC(2026, 11, 4)),
        ],
      ]),
    );
    expect(r.rows[0]!.row).toMatchObject({
      ticketNo: '20261201001',
      contactPhone: '13877776666',
      dispatchedAt: '2026-12-01T01:30:00.000Z',
      dueBy: '2026-12-04T15:59:59.000Z',
    });
  });

  it('decodes GB18030 only when the bytes are not UTF-8', () => {
    expect(decodeCsv(csvBytes([['工单号']], 'gb18030'))).toBe('"工单号"\r\n');
    expect(decodeCsv(csvBytes([['工单号']], 'utf8-bom'))).toBe('"工单号"\r\n');
  });

  it('refuses what is not a spreadsheet, an old .xls, a damaged .xlsx and a file too large', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(sniffSheet(png)).toEqual({
      ok: false,
      error: { code: 'FILE.INVALID', message: '这不是表格文件，请选择12345工单表格（.xlsx 或 .csv）' },
    });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(sniffSheet(xls).ok ? 'ok' : (sniffSheet(xls) as { error: { message: string } }).error.message).toContain('另存为 .xlsx 或 .csv');
    const broken = (await xlsxBytes(rows)).slice(0, 200);
    const r = await readSheetCells(broken);
    expect(r.ok ? 'ok' : r.error.message).toBe('无法读取该文件：请确认是12345工单表格（.xlsx 或 .csv），没有损坏或加密');
    const big = await readSheetCells(new Uint8Array(MAX_SHEET_BYTES + 1).fill(0x41));
    expect(big.ok ? 'ok' : big.error).toEqual({ code: 'INPUT.TOO_LARGE', message: '表格文件不能超过2MB，请拆分后分批导入' });
  });
});
