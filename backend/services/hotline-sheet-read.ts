/**
 * Reads the bytes of an uploaded 12345 工单 sheet into cells: `.xlsx` (a zip) with ExcelJS, CSV as
 * text — UTF-8 (with or without a BOM) or, failing that, GB18030, which is what many hotline systems
 * and Excel on Chinese Windows write — parsed with ExcelJS's CSV reader. Anything else is refused
 * with a Chinese message. ExcelJS is loaded on the first import only: in the cloud it is a
 * dependency of the `intake` function's package.json (installed at deploy), not in the bundle.
 */
import { Readable } from 'node:stream';
import { fail, ok, type Result } from '../../core/errors';
import type { SheetCell } from '../../core/hotline-sheet';

/** The largest sheet one import takes. */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024;

export type SheetKind = 'xlsx' | 'csv';

const startsWith = (b: Uint8Array, sig: number[]): boolean => sig.every((v, i) => b[i] === v);

/** What a file is, from its first bytes: an .xlsx (zip), a CSV (text), or neither (with why). */
export function sniffSheet(bytes: Uint8Array): Result<SheetKind> {
  if (bytes.length === 0) return fail('FILE.INVALID', '文件是空的，请选择12345工单表格（.xlsx 或 .csv）');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return ok('xlsx');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    return fail('FILE.INVALID', '暂不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 .csv 后再导入');
  // Text has no NUL bytes (UTF-16 is refused here too: hotline systems do not write it).
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return fail('FILE.INVALID', '这不是表格文件，请选择12345工单表格（.xlsx 或 .csv）');
  return ok('csv');
}

/** CSV bytes as text: UTF-8 when they are valid UTF-8 (a BOM is dropped), else GB18030 (GBK). */
export function decodeCsv(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

type ExcelCell = { value?: unknown; text?: string } | undefined;

/** A cell value of ExcelJS as text, number or date: formulas by their result, rich text and links by their text. */
function plain(v: unknown): SheetCell {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ('result' in o) return plain(o.result);
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if (typeof o.text === 'string') return o.text;
    if (o.error !== undefined) return undefined;
  }
  return String(v);
}

interface SheetLike {
  rowCount: number;
  getRow(n: number): { cellCount: number; getCell(c: number): ExcelCell };
}

function cellsOf(sheet: SheetLike, maxRows: number): SheetCell[][] {
  const rows: SheetCell[][] = [];
  for (let r = 1; r <= Math.min(sheet.rowCount, maxRows); r++) {
    const row = sheet.getRow(r);
    const cells: SheetCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(plain(row.getCell(c)?.value));
    rows.push(cells);
  }
  return rows;
}

/**
 * The cells of the sheet's first worksheet (at most `maxRows` rows: a row count over the limit is
 * caught by the caller from what is read). Refuses a file too large, not a spreadsheet, or damaged.
 */
export async function readSheetCells(bytes: Uint8Array, maxRows = 2000): Promise<Result<{ kind: SheetKind; rows: SheetCell[][] }>> {
  if (bytes.length > MAX_SHEET_BYTES)
    return fail('INPUT.TOO_LARGE', `表格文件不能超过${MAX_SHEET_BYTES / 1024 / 1024}MB，请拆分后分批导入`);
  const kind = sniffSheet(bytes);
  if (!kind.ok) return kind;
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    if (kind.value === 'xlsx') {
      await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      if (!sheet) return fail('FILE.INVALID', '表格里没有工作表');
      return ok({ kind: 'xlsx', rows: cellsOf(sheet as unknown as SheetLike, maxRows) });
    }
    // Every CSV field stays text: a phone keeps its leading 0, a 工单号 its digits.
    const sheet = await wb.csv.read(Readable.from([decodeCsv(bytes)]), { map: (v: string) => v });
    return ok({ kind: 'csv', rows: cellsOf(sheet as unknown as SheetLike, maxRows) });
  } catch {
    return fail('FILE.INVALID', '无法读取该文件：请确认是12345工单表格（.xlsx 或 .csv），没有损坏或加密');
  }
}
