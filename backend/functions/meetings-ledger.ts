/**
 * The 院坝会 / 议事日 ledger (.xlsx) of a month or a quarter, in the `community` function, for the
 * community and street admins (members record meetings but do not export them). One row per
 * meeting (core/meeting-ledger.ts); who raised an issue is never written. The xlsx writer loads on
 * the first export only.
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import { chinesePeriod, exportFileName } from '../../core/ledgers';
import { ledgerMonths } from '../../core/ledger-periods';
import { MEETING_LEDGER_COLUMNS, meetingLedgerRows } from '../../core/meeting-ledger';
import { meetingAccess } from '../../core/meetings';
import { localDateOf } from '../../core/working-days';
import { buildWorkbook, type LedgerTable } from '../services/ledger-export';
import type { Directory } from '../services/directory';
import { id } from '../validation';
import { action } from './define';
import type { Actor } from '../../core/model';

/** The communities whose ledger the caller exports: one asked for, or all their admin grants reach. */
function ledgerCommunities(actor: Actor, dir: Directory, communityId?: string): Result<string[]> {
  const all = [...dir.communities.values()].filter((c) => meetingAccess(actor, { streetId: c.streetId, communityId: c.id }) === 'admin');
  if (all.length === 0) return fail('AUTH.FORBIDDEN', '仅社区或街道管理员可以导出院坝会台账');
  if (communityId === undefined) return ok(all.map((c) => c.id));
  if (!all.some((c) => c.id === communityId)) return fail('AUTH.FORBIDDEN', '只能导出本社区（街道）的院坝会台账');
  return ok([communityId]);
}

export const meetingLedgerActions = {
  /** The meetings of a month (default: this one) or a quarter, as an .xlsx ledger. */
  meetingLedger: action({
    auth: 'user',
    input: z.strictObject({
      communityId: id.optional(),
      period: z.string().max(7).optional(),
    }),
    run: async (input, call) => {
      const { deps, dir, actor, now } = call;
      if (!deps.saveExport) return fail('INTERNAL', '当前环境不支持导出文件');
      const communities = ledgerCommunities(actor, dir, input.communityId);
      if (!communities.ok) return communities;
      const today = localDateOf(now);
      const period = input.period ?? today.slice(0, 7);
      const months = ledgerMonths(period);
      if (!months.ok) return months;
      const lists = await Promise.all(communities.value.map((cid) => deps.store.listRef('meetings', { communityId: cid })));
      const meetings = lists.flat().filter((m) => months.value.includes(m.heldOn.slice(0, 7)));
      const caseIds = meetings.flatMap((m) => m.issues.flatMap((i) => (i.caseId ? [i.caseId] : [])));
      const cases = await Promise.all(caseIds.map((cid) => deps.store.getCase(cid)));
      const caseNo = new Map(cases.flatMap((c) => (c ? [[c.id, c.no ?? c.id] as const] : [])));
      const rows = meetingLedgerRows(meetings, {
        community: (cid) => dir.communities.get(cid)?.name ?? cid,
        grid: (gid) => dir.grids.get(gid)?.name ?? gid,
        caseNo: (cid) => caseNo.get(cid),
      });
      const first = dir.communities.get(communities.value[0]!);
      const where = communities.value.length === 1 ? (first?.name ?? '') : ((first && dir.streets.get(first.streetId)?.name) ?? '全街道');
      const when = chinesePeriod(period);
      const table: LedgerTable = {
        sheetName: '院坝会台账',
        title: `${where} 院坝会（议事日）台账（${when}） 导出于 ${today}`,
        columns: [...MEETING_LEDGER_COLUMNS],
        rows,
      };
      const bytes = await buildWorkbook(table);
      const fileName = exportFileName({ scope: where, what: '院坝会台账', when });
      const saved = await deps.saveExport(fileName, bytes, actor.openid);
      return ok({ ...saved, fileName, rowCount: rows.length, sheetName: table.sheetName });
    },
  }),
};
