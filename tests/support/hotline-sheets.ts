/** 12345 工单 sheets for tests: .xlsx written with ExcelJS, CSV as UTF-8 (with or without a BOM) or GB18030. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type SheetRow = (string | number | Date | null)[];

export const HOTLINE_HEADER = ['工单号', '诉求内容', '地址', '联系人', '电话', '派单时间', '办理时限'];

/** A good 工单 row; `n` makes its 工单号. */
export function ticketRow(
  n: number,
  over: Partial<Record<'ticketNo' | 'content' | 'address' | 'name' | 'phone' | 'dispatched' | 'due', string>> = {},
): SheetRow {
  return [
    over.ticketNo ?? `GD2612${String(n).padStart(4, '0')}`,
    over.content ?? `第${n}号工单：楼道灯坏了，晚上看不见路`,
    over.address ?? '渝园社区2栋3单元',
    over.name ?? '周大爷',
    over.phone ?? '13877776666',
    over.dispatched ?? '2026-11-23 09:00',
    over.due ?? '2026-11-24 18:00',
  ];
}

export async function xlsxBytes(rows: SheetRow[], opts: { title?: string } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  if (opts.title) ws.addRow([opts.title]);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const csvText = (rows: SheetRow[]): string =>
  rows.map((r) => r.map((v) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`)).join(',')).join('\r\n') + '\r\n';

export function csvBytes(rows: SheetRow[], encoding: 'utf8' | 'utf8-bom' | 'gb18030' = 'utf8'): Uint8Array {
  const text = csvText(rows);
  if (encoding === 'gb18030') return new Uint8Array(iconv.encode(text, 'gb18030'));
  return new TextEncoder().encode(encoding === 'utf8-bom' ? `\uFEFF${text}` : text);
}
