/** Exports of `admin`: the ledgers (诉求、矛盾纠纷、隐患台账, 考核统计) and the weekly report as spreadsheets. */
import * as z from 'zod';
import { fail, ok, type Result } from '../../../core/errors';
import { periodRange } from '../../../core/metrics';
import { chinesePeriod, exportFileName } from '../../../core/ledgers';
import { localDateOf } from '../../../core/working-days';
import { caseTime } from '../../../core/case-time';
import {
  assessmentTable,
  buildWorkbook,
  caseLedgerTable,
  disputeLedgerTable,
  hazardLedgerTable,
  type LedgerNames,
  type LedgerTable,
} from '../../services/ledger-export';
import { id, localDate, period } from '../../validation';
import { ADMINS, staffAction, caseFilter, scopeName, loadAll, type AdminCall } from './scope';
import { computeStats, GROUP_NAMES, weeklyReport } from './reports';

/** What an exported ledger is called in its file name. */
const LEDGER_FILE_WHAT = { cases: '诉求台账', disputes: '矛盾纠纷台账', hazards: '隐患台账', assessment: '考核统计' } as const;

const exportLedgerInput = z.strictObject({
  kind: z.enum(['cases', 'disputes', 'hazards', 'assessment']),
  period: period.optional(),
  communityId: id.optional(),
  groupBy: z.enum(['member', 'grid', 'community']).optional(),
});

export async function exportLedger(input: z.infer<typeof exportLedgerInput>, call: AdminCall) {
  const { deps, dir, scope, now, actor } = call;
  if (!deps.saveExport) return fail('INTERNAL', '当前环境不支持导出文件');
  const filter = caseFilter(scope, dir, input.communityId);
  if (!filter.ok) return filter;
  const month = localDateOf(now).slice(0, 7);
  // Disputes and hazards are running ledgers: without a period they list everything on record.
  const p = input.period ?? (input.kind === 'disputes' || input.kind === 'hazards' ? undefined : month);
  const where = scopeName(dir, filter.value);
  const names: LedgerNames = {
    community: (cid) => dir.communities.get(cid)?.name ?? cid,
    grid: (gid) => dir.grids.get(gid)?.name ?? gid,
    building: (bid) => dir.buildings.get(bid)?.name ?? bid,
  };
  const titled = (what: string) => `${where} ${what}（${p ?? '全部'}） 导出于 ${localDateOf(now)}`;
  let table: LedgerTable;
  if (input.kind === 'assessment') {
    const groupBy = input.groupBy ?? 'grid';
    const stats = await computeStats(call, { communityId: input.communityId, period: p!, groupBy });
    if (!stats.ok) return stats;
    table = assessmentTable(
      stats.value.units.map((v, i) => ({
        unit: stats.value.ranking.units[i]!,
        flagLabel: stats.value.flagApplies ? v.verdict.label : v.flag.label,
        rectification: v.rectification,
        combined: v.annual?.combined,
        care: v.care,
        score: v.score,
      })),
      titled(`${GROUP_NAMES[groupBy]}考核统计`),
    );
  } else {
    const range = p ? periodRange(p) : undefined;
    const cases = await loadAll(deps.store, { ...filter.value, ...(range ? { createdFrom: range.from, createdTo: range.to } : {}) });
    table =
      input.kind === 'cases'
        ? caseLedgerTable(cases, names, now, titled('诉求台账'), { maskContacts: !filter.value.communityId })
        : input.kind === 'disputes'
          ? disputeLedgerTable(cases, names, now, titled('矛盾纠纷台账'))
          : hazardLedgerTable(cases, names, now, titled('隐患台账'));
  }
  const bytes = await buildWorkbook(table);
  const fileName = exportFileName({
    scope: where,
    what: LEDGER_FILE_WHAT[input.kind],
    when: p ? chinesePeriod(p) : `截至${chinesePeriod(localDateOf(now))}`,
  });
  const saved = await deps.saveExport(fileName, bytes, actor.openid);
  return ok({ ...saved, fileName, rowCount: table.rows.length, sheetName: table.sheetName });
}

const exportWeeklyReportInput = z.strictObject({ weekOf: localDate.optional(), communityId: id.optional() });

/** The weekly report as a spreadsheet, for the office's files and the street's meeting. */
export async function exportWeeklyReport(
  input: z.infer<typeof exportWeeklyReportInput>,
  call: AdminCall,
): Promise<Result<{ fileId?: string; url?: string; fileName: string; rowCount: number; sheetName: string }>> {
  if (!call.deps.saveExport) return fail('INTERNAL', '当前环境不支持导出文件');
  // The same figures the page shows: the report action itself computes them.
  const r = await weeklyReport(input, call);
  if (!r.ok) return r;
  const w = r.value;
  const rows: (string | number)[][] = [
    ['本周新增', '—', w.counts.new],
    ['本周办结', '—', w.counts.closed],
    ['本周超时', '—', w.counts.overdue],
    ['巡查上报', '—', w.counts.patrol],
    ...w.topCategories.map((t) => ['高频问题', t.categoryName, t.count]),
    ...w.hotSpots.grids.map((g) => ['热点网格', g.gridName, g.count]),
    ...w.hotSpots.gridCategories.map((g) => ['热点问题', `${g.gridName}「${g.categoryName}」`, g.count]),
    ...w.blindSpots.noPatrol.map((g) => ['盲点：无巡查上报', g.gridName, '—']),
    ...w.blindSpots.noCases.map((g) => ['盲点：无诉求', g.gridName, '—']),
    ...w.overdueCases.map((c) => [
      '超时诉求',
      `${c.id} ${c.placeName} ${c.categoryName}（${c.statusName}）`,
      caseTime(c.clocks, call.now).text,
    ]),
    ...w.summary.map((line) => ['小结', line, '—']),
  ];
  const table: LedgerTable = {
    sheetName: '周报',
    title: `${w.scopeName} 治理周报（${w.weekStart} 至 ${w.weekEnd}）`,
    columns: [
      { label: '项目', width: 16 },
      { label: '内容', width: 48 },
      { label: '数量', width: 8 },
    ],
    rows,
  };
  const bytes = await buildWorkbook(table);
  const fileName = exportFileName({ scope: w.scopeName, what: '治理周报', when: `${chinesePeriod(w.weekStart)}起` });
  const saved = await call.deps.saveExport(fileName, bytes, call.actor.openid);
  return ok({ ...saved, fileName, rowCount: rows.length, sheetName: table.sheetName });
}

export const exportActions = {
  exportLedger: staffAction(ADMINS, exportLedgerInput, exportLedger),
  exportWeeklyReport: staffAction(ADMINS, exportWeeklyReportInput, exportWeeklyReport),
};
