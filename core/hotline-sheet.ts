/**
 * 12345 工单 spreadsheets, the pure part: which column is which (header variants, any order, title
 * rows above), each row checked with a Chinese message per column, the 地址 matched to a building
 * or grid of the street, and the dates read as China-local times. The bytes are read elsewhere
 * (backend/services/hotline-sheet-read.ts); this file sees only cells.
 */
import * as z from 'zod';
import { fail, ok, type Result } from './errors';
import { TICKET_NO_RE, MAX_CONTACT_NAME } from './intake';
import { chineseNumber } from './place-names';
import { parseDueDuration, type DueDuration } from './hotline-due';

/** A cell as a reader gives it: text, a number, a date (wall clock in its UTC fields), or nothing. */
export type SheetCell = string | number | boolean | Date | null | undefined;

export const HOTLINE_COLUMNS = ['ticketNo', 'content', 'address', 'contactName', 'contactPhone', 'dispatchedAt', 'dueBy'] as const;
export type HotlineColumn = (typeof HOTLINE_COLUMNS)[number];
/** The optional column naming the category (诉求类别), matched to the street's categories by name. */
export type SheetColumn = HotlineColumn | 'category';

/** The usual layout of a 12345 工单 sheet, and the names the export writes. */
export const HOTLINE_COLUMN_NAMES: Record<SheetColumn, string> = {
  ticketNo: '工单号',
  content: '诉求内容',
  address: '地址',
  contactName: '联系人',
  contactPhone: '电话',
  dispatchedAt: '派单时间',
  dueBy: '办理时限',
  category: '诉求类别',
};

/** Header names seen in hotline systems' exports, after `normalHeader`. */
const HEADER_ALIASES: Record<SheetColumn, readonly string[]> = {
  ticketNo: ['工单号', '工单编号', '工单号码', '受理编号', '受理号', '单号', '编号'],
  content: ['诉求内容', '诉求描述', '诉求', '来电内容', '反映内容', '反映问题', '问题描述', '工单内容', '内容'],
  address: ['地址', '诉求地址', '事发地址', '发生地址', '详细地址', '事发地点', '问题地址', '地点'],
  contactName: ['联系人', '联系人姓名', '来电人', '来电人姓名', '诉求人', '市民姓名', '姓名'],
  contactPhone: ['电话', '联系电话', '来电号码', '来电电话', '电话号码', '手机', '手机号', '手机号码', '联系方式'],
  dispatchedAt: ['派单时间', '派发时间', '交办时间', '转办时间', '下派时间', '受理时间', '登记时间'],
  dueBy: ['办理时限', '办结时限', '办理期限', '办结期限', '要求办结时间', '截止时间', '时限'],
  category: ['诉求类别', '诉求分类', '问题类别', '问题分类', '类别', '分类'],
};
const REQUIRED_COLUMNS: readonly HotlineColumn[] = ['ticketNo', 'content', 'contactName', 'contactPhone'];

/** Header text without spaces, marks of a required field (`*`, `（必填）`) or a trailing colon. */
export function normalHeader(s: string): string {
  return s
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊:：]/g, '')
    .toLowerCase();
}

export type ColumnMap = Partial<Record<SheetColumn, number>>;

/** How many rows above the header a sheet may have (a title, a date line). */
const HEADER_SEARCH_ROWS = 5;

/**
 * Finds the header row among the first rows and which column is which. Refuses a sheet that lacks
 * a required column, naming what is missing.
 */
export function findHeader(rows: readonly SheetCell[][]): Result<{ headerRow: number; columns: ColumnMap }> {
  let best: { headerRow: number; columns: ColumnMap; found: number } | undefined;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const columns: ColumnMap = {};
    (rows[r] ?? []).forEach((cell, i) => {
      const h = normalHeader(cellText(cell));
      if (!h) return;
      const col = (Object.keys(HEADER_ALIASES) as SheetColumn[]).find((k) => HEADER_ALIASES[k].includes(h));
      if (col && columns[col] === undefined) columns[col] = i;
    });
    const found = Object.keys(columns).length;
    if (!best || found > best.found) best = { headerRow: r, columns, found };
  }
  if (!best || best.found === 0)
    return fail('FILE.INVALID', '没有找到表头：第一行应为 工单号、诉求内容、地址、联系人、电话、派单时间、办理时限 等列名');
  const missing = REQUIRED_COLUMNS.filter((c) => best.columns[c] === undefined);
  if (missing.length) return fail('FILE.INVALID', `表格缺少必需的列：${missing.map((c) => HOTLINE_COLUMN_NAMES[c]).join('、')}`);
  return ok({ headerRow: best.headerRow, columns: best.columns });
}

/** A cell as text: numbers without exponent or trailing `.0`, dates as `YYYY-MM-DD HH:mm`. */
export function cellText(cell: SheetCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 16).replace('T', ' ');
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  return String(cell).trim();
}

const CST_MS = 8 * 3_600_000;
/** Excel's day 0 (1899-12-30) as a Unix day number offset: serial 25569 is 1970-01-01. */
const EXCEL_EPOCH_SERIAL = 25569;
const FULL_WIDTH = /[０-９：－／．]/g;

/**
 * A China-local date or date-time as an instant (ISO). Accepts a date cell (wall clock in UTC
 * fields, as spreadsheet readers give it), an Excel serial number, or text such as
 * `2026-12-01 09:30`, `2026/12/1 9:30:00`, `2026年12月1日 9时30分`. A date alone means the start of
 * that day, or its end (23:59:59) with `endOfDay` (a 办理时限 given as a day). Undefined when empty;
 * `null` when it cannot be read.
 */
export function localDateTime(cell: SheetCell, endOfDay = false): string | null | undefined {
  if (cell === null || cell === undefined || cell === '') return undefined;
  let wall: number | undefined;
  let dateOnly = false;
  if (cell instanceof Date) {
    wall = cell.getTime();
    dateOnly = wall % 86_400_000 === 0;
  } else if (typeof cell === 'number') {
    if (cell < 1 || cell > 2_958_465) return null;
    wall = Math.round((cell - EXCEL_EPOCH_SERIAL) * 86_400_000);
    dateOnly = Number.isInteger(cell);
  } else if (typeof cell === 'string') {
    const s = cell.trim().replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
    if (!s) return undefined;
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})秒?)?分?)?$/.exec(s);
    if (!m) return null;
    const [y, mo, d, h, mi, sec] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
    if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || (h ?? 0) > 23 || (mi ?? 0) > 59 || (sec ?? 0) > 59) return null;
    wall = Date.UTC(y!, mo! - 1, d!, h ?? 0, mi ?? 0, sec ?? 0);
    if (new Date(wall).getUTCDate() !== d) return null;
    dateOnly = h === undefined;
  } else return null;
  if (wall === undefined || Number.isNaN(wall)) return null;
  if (dateOnly && endOfDay) wall += 86_400_000 - 1000;
  return new Date(wall - CST_MS).toISOString();
}

/** A phone as people write it (spaces, `+86`, full-width digits) in the form the functions accept. */
export function normalPhone(raw: string): string {
  const s = raw.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000()（）]/g, '');
  const m = /^(?:\+?86-?)?(1[3-9]\d{9})$/.exec(s);
  return m ? m[1]! : s;
}
const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Whether an ISO instant was read (`localDateTime` answers null for an unreadable one). */
const dateField = (name: string, endOfDay: boolean) =>
  z.custom<SheetCell>().transform((cell, ctx) => {
    const at = localDateTime(cell, endOfDay);
    if (at === null) {
      ctx.addIssue({ code: 'custom', message: `${name}无法识别，请写成 2026-12-01 09:30 这样的日期时间` });
      return z.NEVER;
    }
    return at;
  });

/**
 * The 办理时限: a date (the end of that day when no time is given), a duration (「5个工作日」) to be
 * counted from the 派单 time, or something else, kept as written so that the preview can say it was
 * not understood and the policy's limit applies. Never an error of the row.
 */
export type DueCell = { at: string } | { duration: DueDuration } | { unreadable: string } | undefined;
const dueField = z.custom<SheetCell>().transform((cell): DueCell => {
  const at = localDateTime(cell, true);
  if (at) return { at };
  if (at === undefined) return undefined;
  const text = cellText(cell);
  const duration = parseDueDuration(text);
  return duration ? { duration } : { unreadable: text };
});

const textField = (name: string, max: number, min = 1) =>
  z.custom<SheetCell>().transform((cell, ctx) => {
    const s = cellText(cell);
    const n = Array.from(s).length;
    if (n < min) ctx.addIssue({ code: 'custom', message: min <= 1 ? `${name}不能为空` : `${name}至少${min}个字` });
    else if (n > max) ctx.addIssue({ code: 'custom', message: `${name}不能超过${max}字` });
    return s;
  });

/** One row of a 工单 sheet, each column with its own Chinese message. */
const rowSchema = z
  .object({
    ticketNo: textField('工单号', 40).refine((s) => s === '' || TICKET_NO_RE.test(s), '工单号只能包含字母、数字和短横线，4至40位'),
    content: textField('诉求内容', 500, 5),
    address: textField('地址', 200, 0),
    contactName: textField('联系人', MAX_CONTACT_NAME),
    contactPhone: textField('电话', 20)
      .transform(normalPhone)
      .refine((s) => s === '' || PHONE_RE.test(s), '电话格式不正确：手机号11位，座机如023-12345678'),
    dispatchedAt: dateField('派单时间', false),
    dueBy: dueField,
    category: textField('诉求类别', 20, 0),
  })
  .superRefine((r, ctx) => {
    if (r.dispatchedAt && r.dueBy && 'at' in r.dueBy && r.dueBy.at <= r.dispatchedAt)
      ctx.addIssue({ code: 'custom', path: ['dueBy'], message: '办理时限应晚于派单时间' });
  })
  .transform(({ dueBy, ...r }) => ({
    ...r,
    /** The 办理时限 as a date. */
    dueBy: dueBy && 'at' in dueBy ? dueBy.at : undefined,
    /** The 办理时限 as a duration, to be counted from the 派单 time. */
    dueIn: dueBy && 'duration' in dueBy ? dueBy.duration : undefined,
    /** The 办理时限 as written when it is neither. */
    dueUnread: dueBy && 'unreadable' in dueBy ? dueBy.unreadable : undefined,
  }));

export type HotlineRow = z.infer<typeof rowSchema>;
export interface CellError {
  column: SheetColumn;
  columnName: string;
  message: string;
}
export interface ParsedRow {
  /** The row's number as the spreadsheet shows it (1-based, counting the header and title rows). */
  line: number;
  row?: HotlineRow;
  errors: CellError[];
}

/** The most rows one import takes. */
export const MAX_IMPORT_ROWS = 500;

/**
 * Every data row of a sheet, checked: blank rows are skipped; a 工单号 seen earlier in the same
 * file is an error on the later row. Refuses a sheet without its header or with too many rows.
 */
export function parseHotlineRows(rows: readonly SheetCell[][]): Result<ParsedRow[]> {
  const header = findHeader(rows);
  if (!header.ok) return header;
  const { headerRow, columns } = header.value;
  const out: ParsedRow[] = [];
  const seen = new Map<string, number>();
  for (let r = headerRow + 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (cells.every((c) => cellText(c) === '')) continue;
    if (out.length >= MAX_IMPORT_ROWS) return fail('INPUT.TOO_LARGE', `一次最多导入${MAX_IMPORT_ROWS}条工单，请把表格拆分后分批导入`);
    const raw = Object.fromEntries(
      (Object.keys(HOTLINE_COLUMN_NAMES) as SheetColumn[]).map((k) => [k, columns[k] === undefined ? undefined : cells[columns[k]!]]),
    );
    const parsed = rowSchema.safeParse(raw);
    const line = r + 1;
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i): CellError => {
        const column = i.path[0] as SheetColumn;
        return { column, columnName: HOTLINE_COLUMN_NAMES[column], message: i.message };
      });
      out.push({ line, errors });
      continue;
    }
    const first = seen.get(parsed.data.ticketNo);
    if (first !== undefined) {
      out.push({
        line,
        row: parsed.data,
        errors: [{ column: 'ticketNo', columnName: '工单号', message: `工单号与第${first}行重复` }],
      });
      continue;
    }
    seen.set(parsed.data.ticketNo, line);
    out.push({ line, row: parsed.data, errors: [] });
  }
  if (out.length === 0) return fail('FILE.INVALID', '表格里没有工单：表头下面没有数据行');
  return ok(out);
}

// ——— 地址 → building or grid ———

export interface PlaceNames {
  communities: readonly { id: string; name: string }[];
  /** The street's other communities, by name: an address naming one of them is not matched here. */
  elsewhere?: readonly string[];
  grids: readonly { id: string; communityId: string; name: string }[];
  buildings: readonly { id: string; communityId: string; gridId: string; name: string }[];
}

export type AddressMatch =
  | { kind: 'building'; buildingId: string; gridId: string; communityId: string; how: 'exact' | 'fuzzy' }
  | { kind: 'grid'; gridId: string; communityId: string }
  | { kind: 'none'; reason: string };

const BUILDING_NO = /(\d+|[零〇一二两三四五六七八九十]+)\s*(?:栋|幢|号楼|座)/g;
const numberOf = (s: string): number | undefined => (/^\d+$/.test(s) ? Number(s) : chineseNumber(s));
const half = (s: string): string => s.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
/** A community named in full (渝园社区) or without its suffix (渝园). */
const namesCommunity = (address: string, name: string): boolean =>
  address.includes(name) || (name.length > 3 && /社区$|村$/.test(name) && address.includes(name.replace(/社区$|村$/, '')));

/**
 * Where an address is, among the places the importer may file for: the community it names (or all
 * of them), then a building whose number it names (`3栋`, `三幢`, `3号楼` are one building), else a
 * grid it names. `exact` when the building's own name is in the address as written; `fuzzy` when
 * only its number matches. Two buildings that fit, or none, leave the choice to the admin.
 */
export function matchAddress(addressRaw: string, places: PlaceNames): AddressMatch {
  const address = half(addressRaw).replace(/\s+/g, '');
  if (!address) return { kind: 'none', reason: '没有地址，请选择网格' };
  const named = places.communities.filter((c) => namesCommunity(address, c.name));
  const other = named.length ? undefined : places.elsewhere?.find((n) => namesCommunity(address, n));
  if (other) return { kind: 'none', reason: `地址属于${other}，不在您的管辖范围，请核对或选择网格` };
  const inScope = new Set((named.length ? named : places.communities).map((c) => c.id));
  const numbers = [...address.matchAll(BUILDING_NO)].map((m) => numberOf(m[1]!)).filter((n): n is number => n !== undefined);
  const candidates = places.buildings.filter((b) => {
    if (!inScope.has(b.communityId)) return false;
    const own = [...half(b.name).matchAll(BUILDING_NO)].map((m) => numberOf(m[1]!));
    return address.includes(half(b.name)) || (own.length > 0 && own.every((n) => n !== undefined && numbers.includes(n)));
  });
  // `13栋` contains `3栋`: a literal hit counts only where no digit comes right before it.
  const literal = candidates.filter((b) => new RegExp(`(^|[^0-9])${escapeRe(half(b.name))}`).test(address));
  const pool = literal.length ? literal : candidates.filter((b) => [...half(b.name).matchAll(BUILDING_NO)].length > 0);
  if (pool.length === 1) {
    const b = pool[0]!;
    return { kind: 'building', buildingId: b.id, gridId: b.gridId, communityId: b.communityId, how: literal.length ? 'exact' : 'fuzzy' };
  }
  const grids = places.grids.filter((g) => inScope.has(g.communityId) && address.includes(half(g.name)));
  if (pool.length === 0 && grids.length === 1) return { kind: 'grid', gridId: grids[0]!.id, communityId: grids[0]!.communityId };
  if (pool.length > 1) return { kind: 'none', reason: `地址对应多个楼栋（${pool.length}处），请选择网格` };
  return { kind: 'none', reason: '地址未匹配到本辖区楼栋，请选择网格' };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
