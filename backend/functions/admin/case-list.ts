/**
 * The admin's case list, part of the `admin` function (issue #18): the search that `listCases`
 * adds to its filters (a case number, words of the description, the reporter's phone, the
 * handler; sorted by time left or overdue first), and the bulk actions on cases selected in it —
 * reassign with a reason, remind, export. A bulk action checks that every case is in the caller's
 * scope (and, to reassign, of the member's community) before it writes anything, then applies the
 * change case by case and reports each.
 */
import * as z from 'zod';
import { caseNumberMonth, parseCaseNumber } from '../../../core/case-number';
import { INTAKE_CHANNEL_NAMES, INTAKE_CHANNELS, intakeChannelOf, type IntakeChannel } from '../../../core/intake';
import { fail, ok, type Result } from '../../../core/errors';
import { chinesePeriod, exportFileName } from '../../../core/ledgers';
import type { Command } from '../../../core/case-lifecycle';
import { isOpen, OPEN_STATUSES, type Case, type Member } from '../../../core/model';
import { localDateOf } from '../../../core/working-days';
import { applyCommand } from '../../services/case-service';
import { buildWorkbook, caseLedgerTable, type LedgerNames } from '../../services/ledger-export';
import type { CaseQuery } from '../../store/store.port';
import { id, requiredText, text } from '../../validation';
import { ADMINS, caseFilter, inCommunity, inScope, scopeName, staffAction, type AdminCall } from './scope';

// ——— the search ———

/** The search fields `admin.listCases` accepts besides its filters. */
export const CASE_SEARCH_INPUT = {
  /** One box: a case number (2612-0042), a phone number, or words of the description. */
  q: z.string().trim().min(1).max(50).optional(),
  /** Cases held by this member. */
  handlerId: id.optional(),
  /** 最新在前 (default), 剩余时间少的在前 (open cases), 已超时 (open cases past their clock). */
  sort: z.enum(['newest', 'time_left', 'overdue']).optional(),
  /** The channel it came by: 小程序, 巡查, 走访 or a 代登记's (core/intake.ts). */
  channel: z.enum(INTAKE_CHANNELS).optional(),
};

export interface CaseSearchInput {
  q?: string;
  handlerId?: string;
  sort?: 'newest' | 'time_left' | 'overdue';
  channel?: IntakeChannel;
}

/** A phone as people type it: digits with spaces or dashes, a mobile or a landline with its area code. */
export function phoneQuery(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (/^0\d{9,11}$/.test(digits)) return text.includes('-') ? text.replace(/\s/g, '') : digits;
  return undefined;
}

/** How the search box is read: a case number first, then a phone, else words. */
export function readSearch(q: string): { caseNo: string } | { phone: string } | { words: string } {
  const no = parseCaseNumber(q);
  if (no) return { caseNo: no };
  const phone = phoneQuery(q);
  if (phone) return { phone };
  return { words: q };
}

/**
 * Adds the search to a list query (changing it in place): a number searches its month along the
 * scope's newest-first index, a phone and words are matched along the scope's index, a handler
 * must be a member of a community in scope. Sorting by time left or overdue keeps open cases only.
 */
export async function applyCaseSearch(q: CaseQuery, input: CaseSearchInput, call: AdminCall): Promise<Result<'empty' | 'ok'>> {
  if (input.q !== undefined) {
    const read = readSearch(input.q);
    if ('caseNo' in read) {
      const month = caseNumberMonth(read.caseNo);
      q.caseNo = read.caseNo;
      q.createdFrom = q.createdFrom && q.createdFrom > month.from ? q.createdFrom : month.from;
      q.createdTo = q.createdTo && q.createdTo < month.to ? q.createdTo : month.to;
      if (q.createdFrom >= q.createdTo) return ok('empty');
    } else if ('phone' in read) q.reporterPhone = read.phone;
    else q.text = read.words;
  }
  if (input.handlerId !== undefined) {
    const m = await call.deps.store.getRef('members', input.handlerId);
    if (!m || !inCommunity(call.scope, call.dir, m.communityId)) return fail('MEMBER.NOT_FOUND', '办理人不存在或不在您的管辖范围');
    q.holderMemberId = m.id;
  }
  if (input.channel !== undefined) q.channel = input.channel;
  if (input.sort === 'time_left' || input.sort === 'overdue') {
    const statuses = (q.statuses ?? [...OPEN_STATUSES]).filter(isOpen);
    if (statuses.length === 0) return ok('empty');
    q.statuses = statuses;
    q.order = 'deadline_asc';
    if (input.sort === 'overdue') q.overdueAt = call.now.toISOString();
  }
  return ok('ok');
}

/** The channel a list card shows. */
export function channelView(c: Case): { channel: IntakeChannel; channelName: string } {
  const channel = intakeChannelOf(c);
  return { channel, channelName: INTAKE_CHANNEL_NAMES[channel] };
}

// ——— bulk actions ———

/** The most cases one bulk action takes. */
export const BULK_MAX = 50;

const selection = (max: number) =>
  z
    .array(id)
    .min(1)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, { message: '中有重复' });
const caseIds = selection(BULK_MAX);
/** An export takes more: it writes nothing. */
export const EXPORT_MAX = 200;

export interface BulkItem {
  caseId: string;
  no?: string;
  ok: boolean;
  /** Why it was not done (a Chinese message), when not. */
  message?: string;
  code?: string;
}

export interface BulkReport {
  results: BulkItem[];
  done: number;
  failed: number;
}

/** Every selected case, read at once, each in scope — or the refusal naming those that are not; nothing is written either way. */
async function loadSelected(call: AdminCall, ids: string[]): Promise<Result<Case[]>> {
  const cases = await Promise.all(ids.map((i) => call.deps.store.getCase(i)));
  const check = inScope(call.scope);
  const refused = ids.filter((_, i) => {
    const c = cases[i];
    return !c || !check(c).ok;
  });
  if (refused.length > 0)
    return fail('CASE.NOT_FOUND', `所选诉求中有${refused.length}件不存在或不在您的管辖范围，未作任何更改`, { caseIds: refused });
  return ok(cases as Case[]);
}

/** Applies one command to each case in turn and reports each (a case changed meanwhile is read again). */
async function applyEach(call: AdminCall, cases: Case[], command: (c: Case) => Result<Command>): Promise<BulkReport> {
  const results: BulkItem[] = [];
  for (const c of cases) {
    const r = await applyCommand(call.deps, call.dir, c.id, call.actor, command, call.now, {
      check: inScope(call.scope),
      current: c,
      retryOnConflict: true,
    });
    results.push(
      r.ok
        ? { caseId: c.id, ...(c.no ? { no: c.no } : {}), ok: true }
        : { caseId: c.id, ...(c.no ? { no: c.no } : {}), ok: false, code: r.error.code, message: r.error.message },
    );
  }
  const done = results.filter((x) => x.ok).length;
  return { results, done, failed: results.length - done };
}

const adminAction = <S extends z.ZodType, O>(input: S, run: (input: z.infer<S>, call: AdminCall) => Promise<Result<O>>) =>
  staffAction(ADMINS, input, run);

export const caseListActions = {
  /**
   * 批量改派: to one member, with a reason the timeline keeps. Every case must be in scope and of
   * the member's community before anything is written; `confirmed` says the admin confirmed once.
   */
  bulkReassign: adminAction(
    z.strictObject({ caseIds, memberId: id, reason: requiredText(200, 2), confirmed: z.literal(true) }),
    async (input, call): Promise<Result<BulkReport>> => {
      const member: Member | undefined = await call.deps.store.getRef('members', input.memberId);
      if (!member || !inCommunity(call.scope, call.dir, member.communityId))
        return fail('MEMBER.NOT_FOUND', '成员不存在或不在您的管辖范围');
      if (!member.active) return fail('CASE.NO_MEMBER', '该成员已停用，不能派单');
      const selected = await loadSelected(call, input.caseIds);
      if (!selected.ok) return selected;
      const elsewhere = selected.value.filter((c) => c.place.communityId !== member.communityId);
      if (elsewhere.length > 0)
        return fail('MEMBER.NOT_FOUND', `所选诉求中有${elsewhere.length}件不在${member.name}所在社区，未作任何更改`, {
          caseIds: elsewhere.map((c) => c.id),
        });
      const note = `改派：${input.reason.trim()}`;
      return ok(await applyEach(call, selected.value, () => ok({ action: 'assign', member, note })));
    },
  ),

  /** 批量催办: the holder of each case gets a reminder (in the timeline and as a message). */
  bulkRemind: adminAction(z.strictObject({ caseIds, note: text(100).optional() }), async (input, call): Promise<Result<BulkReport>> => {
    const selected = await loadSelected(call, input.caseIds);
    if (!selected.ok) return selected;
    const note = input.note?.trim();
    return ok(await applyEach(call, selected.value, () => ok({ action: 'remind', ...(note ? { note } : {}) })));
  }),

  /** 导出所选: the selected cases as a 诉求台账 workbook. */
  exportSelected: adminAction(
    z.strictObject({ caseIds: selection(EXPORT_MAX) }),
    async (input, call): Promise<Result<{ fileId?: string; url?: string; fileName: string; rowCount: number }>> => {
      const { deps, dir, scope, now, actor } = call;
      if (!deps.saveExport) return fail('INTERNAL', '当前环境不支持导出文件');
      const selected = await loadSelected(call, input.caseIds);
      if (!selected.ok) return selected;
      const filter = caseFilter(scope, dir);
      const where = filter.ok ? scopeName(dir, filter.value) : '';
      const names: LedgerNames = {
        community: (cid) => dir.communities.get(cid)?.name ?? cid,
        grid: (gid) => dir.grids.get(gid)?.name ?? gid,
        building: (bid) => dir.buildings.get(bid)?.name ?? bid,
      };
      const today = localDateOf(now);
      const table = caseLedgerTable(selected.value, names, now, `${where} 诉求台账（所选${selected.value.length}件） 导出于 ${today}`);
      const bytes = await buildWorkbook(table);
      const fileName = exportFileName({ scope: where, what: '诉求台账', when: `所选${selected.value.length}件_${chinesePeriod(today)}` });
      const saved = await deps.saveExport(fileName, bytes, actor.openid);
      return ok({ ...saved, fileName, rowCount: table.rows.length });
    },
  ),
};
