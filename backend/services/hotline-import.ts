/**
 * 12345 工单 in batches: who may import for which places, the preview of a sheet (each row new,
 * already imported, or wrong, with where it goes), and filing its rows through the same path as
 * 代登记 (`proxy_submit`, channel `hotline`, one case per 工单号 in a street).
 */
import { fail, ok, type Result } from '../../core/errors';
import {
  matchAddress,
  parseHotlineRows,
  type AddressMatch,
  type CellError,
  type HotlineRow,
  type ParsedRow,
  type PlaceNames,
  type SheetCell,
} from '../../core/hotline-sheet';
import { formatLocal } from '../../core/case-builder';
import { dueDurationText, dueFromDuration } from '../../core/hotline-due';
import type { Actor, Case, Category } from '../../core/model';
import type { WorkCalendar } from '../../core/working-days';
import type { Deps } from '../deps';
import { createCase, routeNewCase } from './case-service';
import type { Directory } from './directory';

/** The request key of a 12345 工单: one case per 工单号 in a street, whoever files or imports it. */
export const ticketKey = (streetId: string, ticket: string): string => `12345:${streetId}:${ticket}`;

/** The places an admin imports for: their community, or their street (or one community of it). */
export interface ImportScope {
  streetId: string;
  communityIds: string[];
  /** What the export's file name calls it (渝园社区, 双福街道). */
  name: string;
}

export function importScope(actor: Actor, dir: Directory, communityId?: string): Result<ImportScope> {
  const community = actor.grants.find((g) => g.role === 'community_admin' && (!communityId || g.communityId === communityId));
  if (community?.communityId) {
    const c = dir.communities.get(community.communityId);
    if (c) return ok({ streetId: c.streetId, communityIds: [c.id], name: c.name });
  }
  const street = actor.grants.find(
    (g) => g.role === 'street_admin' && (!communityId || dir.communities.get(communityId)?.streetId === g.streetId),
  );
  if (street?.streetId) {
    const ids = communityId
      ? [communityId]
      : [...dir.communities.values()].filter((c) => c.streetId === street.streetId && c.active).map((c) => c.id);
    const name = communityId ? dir.communities.get(communityId)?.name : dir.streets.get(street.streetId)?.name;
    return ok({ streetId: street.streetId, communityIds: ids, name: name ?? street.streetId });
  }
  if (communityId && actor.grants.some((g) => g.role === 'community_admin' || g.role === 'street_admin'))
    return fail('AUTH.FORBIDDEN', '该社区不在您的管辖范围');
  return fail('AUTH.FORBIDDEN', '只有社区或街道管理员可以导入、导出12345工单');
}

export function placesOf(dir: Directory, scope: ImportScope): PlaceNames {
  const inScope = new Set(scope.communityIds);
  return {
    communities: [...dir.communities.values()].filter((c) => inScope.has(c.id)),
    elsewhere: [...dir.communities.values()].filter((c) => c.streetId === scope.streetId && !inScope.has(c.id)).map((c) => c.name),
    grids: [...dir.grids.values()].filter((g) => g.active && inScope.has(g.communityId)),
    buildings: [...dir.buildings.values()].filter((b) => b.active && inScope.has(b.communityId)),
  };
}

export type RowStatus = 'new' | 'imported' | 'error';
export const ROW_STATUS_NAMES: Record<RowStatus, string> = { new: '新建', imported: '已导入(重复工单号)', error: '错误' };

export interface PreviewRow {
  line: number;
  status: RowStatus;
  statusName: string;
  errors: CellError[];
  row?: HotlineRow;
  /** Where the row goes by its address; `none` leaves the choice of a grid to the admin. */
  match?: AddressMatch;
  placeName?: string;
  /** The category named in the sheet, when it is one of the street's. */
  categoryId?: string;
  /** The category the sheet names when the street has none of that name: the admin's choice applies. */
  unknownCategory?: string;
  /** The 办理时限 as an instant: the sheet's date, or its duration counted from the 派单 time. */
  dueBy?: string;
  /** How the 办理时限 was read, when it was not a plain date (a duration, or not understood). */
  dueNote?: string;
  /** The case already filed for this 工单号. */
  caseId?: string;
  caseNo?: string;
}

function placeName(dir: Directory, m: AddressMatch): string | undefined {
  if (m.kind === 'none') return undefined;
  const community = dir.communities.get(m.communityId)?.name ?? '';
  const grid = dir.grids.get(m.gridId)?.name ?? '';
  return m.kind === 'building' ? `${community}${grid} ${dir.buildings.get(m.buildingId)?.name ?? ''}` : `${community}${grid}`;
}

const categoryNamed = (dir: Directory, name: string): Category | undefined =>
  name ? [...dir.categories.values()].find((c) => c.active && c.name === name) : undefined;

/** What a row says of a 办理时限 that is neither a date nor a duration. */
const UNREAD_DUE = (text: string) => `办理时限“${text}”无法识别，将按本社区规定时限办理`;

/**
 * The 办理时限 of a row as an instant, and what the preview says of it: a date as written; a
 * duration counted from the 派单 time (or from `now`, the import, when the sheet gives none);
 * anything else is not understood and leaves the policy's limit to apply.
 */
export function resolveDue(row: HotlineRow, calendar: WorkCalendar, now: Date): { dueBy?: string; dueNote?: string } {
  if (row.dueBy) return { dueBy: row.dueBy };
  if (row.dueUnread !== undefined) return { dueNote: UNREAD_DUE(row.dueUnread) };
  if (!row.dueIn) return {};
  const from = row.dispatchedAt ? new Date(row.dispatchedAt) : now;
  const at = dueFromDuration(row.dueIn, from, calendar).toISOString();
  const text = dueDurationText(row.dueIn);
  const counted = row.dispatchedAt ? '自派单时间起算' : '表格没有派单时间，自导入时起算';
  return { dueBy: at, dueNote: `办理时限${text}，${counted}，至 ${formatLocal(at)}` };
}

/** Every row of a sheet's cells, with its status against what is on record. */
export async function previewRows(
  deps: Deps,
  dir: Directory,
  scope: ImportScope,
  cells: SheetCell[][],
  now: Date,
): Promise<Result<PreviewRow[]>> {
  const parsed = parseHotlineRows(cells);
  if (!parsed.ok) return parsed;
  const places = placesOf(dir, scope);
  const filed = await Promise.all(
    parsed.value.map((p: ParsedRow) =>
      p.row && p.errors.length === 0 ? deps.store.findCaseIdByRequest(ticketKey(scope.streetId, p.row.ticketNo)) : undefined,
    ),
  );
  const cases = await Promise.all(filed.map((id) => (id ? deps.store.getCase(id) : undefined)));
  return ok(
    parsed.value.map((p, i): PreviewRow => {
      if (!p.row || p.errors.length)
        return { line: p.line, status: 'error', statusName: ROW_STATUS_NAMES.error, errors: p.errors, ...(p.row ? { row: p.row } : {}) };
      const c: Case | undefined = cases[i];
      if (c)
        return {
          line: p.line,
          status: 'imported',
          statusName: ROW_STATUS_NAMES.imported,
          errors: [],
          row: p.row,
          caseId: c.id,
          ...(c.no ? { caseNo: c.no } : {}),
        };
      const match = matchAddress(p.row.address, places);
      const category = categoryNamed(dir, p.row.category);
      const name = placeName(dir, match);
      const due = resolveDue(p.row, dir.calendar, now);
      return {
        line: p.line,
        status: 'new',
        statusName: ROW_STATUS_NAMES.new,
        errors: [],
        row: p.row,
        match,
        ...(name ? { placeName: name } : {}),
        ...(category ? { categoryId: category.id } : p.row.category ? { unknownCategory: p.row.category } : {}),
        ...due,
      };
    }),
  );
}

export type CommitOutcome = 'created' | 'existing' | 'error';
export interface CommitLine {
  line: number;
  ticketNo: string;
  outcome: CommitOutcome;
  caseId?: string;
  caseNo?: string;
  message?: string;
}

/**
 * Files one previewed row as a 代登记 of channel hotline, keyed by its 工单号 in the street: a
 * second import (or a concurrent one) answers the case already filed instead of filing again.
 */
export async function fileTicket(
  deps: Deps,
  dir: Directory,
  actor: Actor,
  now: Date,
  scope: ImportScope,
  r: PreviewRow & { row: HotlineRow },
  choice: { gridId?: string; categoryId: string },
): Promise<CommitLine> {
  const base = { line: r.line, ticketNo: r.row.ticketNo };
  const m = r.match;
  const grid = m && m.kind !== 'none' ? dir.grids.get(m.gridId) : choice.gridId ? dir.grids.get(choice.gridId) : undefined;
  if (!grid || !grid.active || !scope.communityIds.includes(grid.communityId))
    return { ...base, outcome: 'error', message: choice.gridId ? '所选网格不在您的管辖范围' : '地址未匹配到楼栋，请选择网格' };
  const category = dir.categories.get(r.categoryId ?? choice.categoryId);
  if (!category || !category.active) return { ...base, outcome: 'error', message: '请选择有效的问题类别' };
  const place = {
    streetId: grid.streetId,
    communityId: grid.communityId,
    gridId: grid.id,
    ...(m?.kind === 'building' ? { buildingId: m.buildingId } : {}),
  };
  const requestKey = ticketKey(scope.streetId, r.row.ticketNo);
  const [replay, route] = await Promise.all([deps.store.findCaseIdByRequest(requestKey), routeNewCase(deps.store, dir, place, category)]);
  const origin = {
    channel: 'hotline' as const,
    refId: r.row.ticketNo,
    ...(r.row.address ? { address: r.row.address } : {}),
    ...(r.row.dispatchedAt ? { dispatchedAt: r.row.dispatchedAt } : {}),
    ...(r.dueBy ? { dueBy: r.dueBy } : {}),
  };
  const created = await createCase(
    deps,
    dir,
    {
      place,
      category,
      description: r.row.content,
      photos: [],
      // A 工单 is the hotline's, not a resident's post: it is never public unless staff make it so.
      isPublic: false,
      contactName: r.row.contactName,
      contactPhone: r.row.contactPhone,
      origin,
    },
    { action: 'proxy_submit', route },
    actor,
    now,
    requestKey,
    { caseId: replay },
  );
  if (!created.ok) return { ...base, outcome: 'error', message: created.error.message };
  const c = created.value.result.case;
  // The same 工单号 filed by another community of the street: say so, show nothing of it.
  if (!scope.communityIds.includes(c.place.communityId)) return { ...base, outcome: 'existing', message: '该工单号已由本街道其他社区登记' };
  return { ...base, outcome: created.value.replayed ? 'existing' : 'created', caseId: c.id, ...(c.no ? { caseNo: c.no } : {}) };
}
