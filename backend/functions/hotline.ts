/**
 * 12345 工单 in and out, actions of `intake` for community and street admins: `hotlinePreview`
 * (read an uploaded sheet, check every row, match addresses), `hotlineCommit` (file the good rows
 * as 代登记, channel hotline, once per 工单号) and `hotlineExport` (the results in the same layout
 * with 办理结果, 办结时间, 回访结果, to report back to the hotline).
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import { HOTLINE_COLUMN_NAMES, HOTLINE_COLUMNS, MAX_IMPORT_ROWS, type HotlineRow, type SheetCell } from '../../core/hotline-sheet';
import { formatLocal } from '../../core/case-builder';
import { chinesePeriod, exportFileName } from '../../core/ledgers';
import { maskPersonName, maskPhone } from '../../core/masking';
import { periodRange } from '../../core/metrics';
import { RATING_NAMES, STATUS_NAMES, type Case } from '../../core/model';
import { localDateOf } from '../../core/working-days';
import { fileTicket, importScope, previewRows, type CommitLine, type ImportScope, type PreviewRow } from '../services/hotline-import';
import { listImports, recordImport } from '../services/hotline-history';
import { readSheetCells } from '../services/hotline-sheet-read';
import { buildWorkbook, type LedgerTable } from '../services/ledger-export';
import { id, period } from '../validation';
import { loadAll } from './admin/scope';
import { action, type AuthedCall } from './define';

/** An uploaded sheet: the host's upload id or a cloud file id (checked against the caller by `readUpload`). */
const fileId = z.string().min(8).max(300);

async function readRows(call: AuthedCall, file: string, scope: ImportScope): Promise<Result<PreviewRow[]>> {
  const { deps, actor, dir } = call;
  if (!deps.readUpload) return fail('INTERNAL', '当前环境不支持导入文件');
  const bytes = await deps.readUpload(file, actor.openid);
  if (!(bytes instanceof Uint8Array)) return fail(bytes.code, bytes.message);
  const cells = await readSheetCells(bytes, MAX_IMPORT_ROWS + 50);
  if (!cells.ok) return cells;
  return previewRows(deps, dir, scope, cells.value.rows as SheetCell[][], call.now);
}

/** What the preview table shows of a row: the sheet's values, its status, errors, and where it goes. */
function previewLine(r: PreviewRow) {
  return {
    line: r.line,
    status: r.status,
    statusName: r.statusName,
    errors: r.errors,
    ...(r.row
      ? {
          ticketNo: r.row.ticketNo,
          content: r.row.content,
          address: r.row.address,
          contactName: r.row.contactName,
          contactPhone: r.row.contactPhone,
          dispatchedAt: r.row.dispatchedAt,
          dueBy: r.dueBy ?? r.row.dueBy,
          ...(r.dueNote ? { dueNote: r.dueNote } : {}),
        }
      : {}),
    matchKind: r.match?.kind,
    matchHow: r.match?.kind === 'building' ? r.match.how : undefined,
    matchNote: r.match?.kind === 'none' ? r.match.reason : undefined,
    placeName: r.placeName,
    gridId: r.match && r.match.kind !== 'none' ? r.match.gridId : undefined,
    categoryId: r.categoryId,
    sheetCategory: r.unknownCategory,
    caseId: r.caseId,
    caseNo: r.caseNo,
  };
}

const scopeInput = { communityId: id.optional() };
/** Imports listed per page of the history. */
export const IMPORT_PAGE_SIZE = 10;

export const hotlineActions = {
  /** Reads an uploaded 工单 sheet and answers every row's status, errors and place; files nothing. */
  hotlinePreview: action({
    auth: 'user',
    input: z.strictObject({ fileId, ...scopeInput }),
    run: async (input, call) => {
      const scope = importScope(call.actor, call.dir, input.communityId);
      if (!scope.ok) return scope;
      const rows = await readRows(call, input.fileId, scope.value);
      if (!rows.ok) return rows;
      const count = (s: PreviewRow['status']) => rows.value.filter((r) => r.status === s).length;
      const grids = [...call.dir.grids.values()]
        .filter((g) => g.active && scope.value.communityIds.includes(g.communityId))
        .map((g) => ({ id: g.id, name: g.name, communityName: call.dir.communities.get(g.communityId)?.name ?? '' }));
      const categories = [...call.dir.categories.values()].filter((c) => c.active).sort((a, b) => a.order - b.order);
      return ok({
        rows: rows.value.map(previewLine),
        counts: {
          total: rows.value.length,
          new: count('new'),
          imported: count('imported'),
          error: count('error'),
          needGrid: rows.value.filter((r) => r.status === 'new' && r.match?.kind === 'none').length,
        },
        grids,
        categories: categories.map((c) => ({ id: c.id, name: c.name })),
      });
    },
  }),

  /**
   * Files the sheet's good rows (those named in `tickets`, else all): read again from the file, so
   * what is filed is what the file says. Rows already filed answer their case; a row whose address
   * matched nothing needs its grid in `grids`. A 工单 is filed once however often, or however many
   * imports at once, it comes.
   */
  hotlineCommit: action({
    auth: 'user',
    input: z.strictObject({
      fileId,
      ...scopeInput,
      categoryId: id,
      grids: z.record(z.string().max(40), id).optional(),
      /** The category per 工单号 for rows whose 诉求类别 the street does not have (as the preview showed it). */
      categories: z.record(z.string().max(40), id).optional(),
      tickets: z.array(z.string().max(40)).min(1).max(100).optional(),
      /** The page's id of this import and the sheet's name, for the import history (all parts share them). */
      importId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,64}$/, '导入编号格式不正确')
        .optional(),
      fileName: z.string().max(120).optional(),
    }),
    run: async (input, call) => {
      const scope = importScope(call.actor, call.dir, input.communityId);
      if (!scope.ok) return scope;
      const category = call.dir.categories.get(input.categoryId);
      if (!category || !category.active) return fail('CATEGORY.NOT_FOUND', '请选择有效的问题类别');
      const rows = await readRows(call, input.fileId, scope.value);
      if (!rows.ok) return rows;
      const wanted = input.tickets ? new Set(input.tickets) : undefined;
      const lines: CommitLine[] = [];
      // One at a time: each 工单 draws the next case number of the street.
      for (const r of rows.value) {
        if (!r.row || r.status === 'error' || (wanted && !wanted.has(r.row.ticketNo))) continue;
        if (r.status === 'imported') {
          lines.push({
            line: r.line,
            ticketNo: r.row.ticketNo,
            outcome: 'existing',
            ...(r.caseId ? { caseId: r.caseId } : {}),
            ...(r.caseNo ? { caseNo: r.caseNo } : {}),
          });
          continue;
        }
        const grid = input.grids?.[r.row.ticketNo];
        const chosen = input.categories?.[r.row.ticketNo];
        lines.push(
          await fileTicket(call.deps, call.dir, call.actor, call.now, scope.value, r as PreviewRow & { row: HotlineRow }, {
            categoryId: (r.unknownCategory && chosen) || input.categoryId,
            ...(grid ? { gridId: grid } : {}),
          }),
        );
      }
      const count = (o: CommitLine['outcome']) => lines.filter((l) => l.outcome === o).length;
      const invalid = rows.value.filter((r) => r.status === 'error').length;
      if (input.importId)
        await recordImport(
          call.deps.store,
          { id: input.importId, scope: scope.value, fileName: input.fileName ?? '', actor: call.actor, now: call.now },
          { imported: count('created'), skipped: count('existing'), refused: count('error'), invalid },
        );
      return ok({ lines, created: count('created'), existing: count('existing'), failed: count('error'), skipped: invalid });
    },
  }),

  /** The import history of the caller's street (or community), newest first, a page at a time. */
  hotlineImports: action({
    auth: 'user',
    input: z.strictObject({ ...scopeInput, page: z.number().int().min(1).max(10_000).optional() }),
    run: async (input, call) => {
      const scope = importScope(call.actor, call.dir, input.communityId);
      if (!scope.ok) return scope;
      const r = await listImports(call.deps.store, scope.value, input.page ?? 1, IMPORT_PAGE_SIZE);
      return ok({
        ...r,
        items: r.items.map((h) => ({
          id: h.id,
          fileName: h.fileName,
          byName: h.by.name,
          at: formatLocal(h.at),
          communityName: h.communityId ? (call.dir.communities.get(h.communityId)?.name ?? '') : '',
          imported: h.imported,
          skipped: h.skipped,
          refused: h.refused + h.invalid,
        })),
      });
    },
  }),

  /** The period's 12345 工单 with their results, in the hotline's layout (.xlsx, or .csv). */
  hotlineExport: action({
    auth: 'user',
    input: z.strictObject({ ...scopeInput, period: period.optional(), format: z.enum(['xlsx', 'csv']).optional() }),
    run: async (input, call) => {
      const { deps, dir, actor, now } = call;
      if (!deps.saveExport) return fail('INTERNAL', '当前环境不支持导出文件');
      const scope = importScope(actor, dir, input.communityId);
      if (!scope.ok) return scope;
      const p = input.period ?? localDateOf(now).slice(0, 7);
      const range = periodRange(p);
      const filter =
        scope.value.communityIds.length === 1 ? { communityId: scope.value.communityIds[0]! } : { streetId: scope.value.streetId };
      const cases = (await loadAll(deps.store, { ...filter, createdFrom: range.from, createdTo: range.to }))
        .filter((c) => c.origin?.channel === 'hotline')
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
      // A street-wide file leaves the community: names and phones masked, as in the street's ledgers.
      const table = hotlineTable(cases, { mask: !('communityId' in filter) });
      const format = input.format ?? 'xlsx';
      const bytes = format === 'csv' ? csvBytes(table) : await buildWorkbook(table);
      const fileName = exportFileName({ scope: scope.value.name, what: '12345工单回复', when: chinesePeriod(p) }, format);
      const saved = await deps.saveExport(fileName, bytes, actor.openid);
      return ok({ ...saved, fileName, rowCount: table.rows.length });
    },
  }),
};

/** The columns of the reply: the import's layout, then what was done. */
export const HOTLINE_EXPORT_COLUMNS = [...HOTLINE_COLUMNS.map((c) => HOTLINE_COLUMN_NAMES[c]), '办理结果', '办结时间', '回访结果'] as const;

/** 回访结果: the 电话回访 (with who called), the resident's own rating, or closed unrated. */
export function followUpCell(c: Case): string {
  const r = c.rating;
  if (!r) return '';
  if (r.phone) return `电话回访：${RATING_NAMES[r.value]}（${r.phone.name}）`;
  if (r.auto) return '未评价（到期自动办结）';
  return `群众评价：${RATING_NAMES[r.value]}`;
}

export function hotlineTable(cases: readonly Case[], opts: { mask: boolean }): LedgerTable {
  const widths = [18, 40, 24, 10, 14, 17, 17, 40, 17, 24];
  return {
    sheetName: '12345工单回复',
    columns: HOTLINE_EXPORT_COLUMNS.map((label, i) => ({ label, width: widths[i] })),
    rows: cases.map((c) => {
      const name = c.contactName ?? '';
      const phone = c.contactPhone ?? '';
      return [
        c.origin?.refId ?? '',
        c.description,
        c.origin?.address ?? '',
        opts.mask && name ? maskPersonName(name) : name,
        opts.mask && phone ? maskPhone(phone) : phone,
        c.origin?.dispatchedAt ? formatLocal(c.origin.dispatchedAt) : '',
        c.origin?.dueBy ? formatLocal(c.origin.dueBy) : '',
        c.result ?? STATUS_NAMES[c.status],
        c.resolvedAt ? formatLocal(c.resolvedAt) : '',
        followUpCell(c),
      ];
    }),
  };
}

/** The table as CSV (RFC 4180 quoting), UTF-8 with a BOM so that Excel reads the Chinese right. */
export function csvBytes(table: LedgerTable): Uint8Array {
  const quote = (v: string | number): string => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [table.columns.map((c) => quote(c.label)), ...table.rows.map((r) => r.map(quote))].map((l) => l.join(','));
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}
