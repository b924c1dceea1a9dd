/** 走访关爱 ledgers (.xlsx) of the register and the visits, for the community and street admins. */
import * as z from 'zod';
import { CARE_GROUP_NAMES, VISIT_STATE_NAMES, visitDue } from '../../core/care-visits';
import { fail, ok } from '../../core/errors';
import { ROLE_NAMES } from '../../core/model';
import { localDateOf } from '../../core/working-days';
import { buildWorkbook, type LedgerTable } from '../services/ledger-export';
import { id } from '../validation';
import { intervalsOf, keptCommunities, registeredOn } from './care';
import { action } from './define';

export const careLedgerActions = {
  /** The register or the visits of a year, as an .xlsx ledger. */
  careLedger: action({
    auth: 'user',
    input: z.strictObject({
      kind: z.enum(['register', 'visits']),
      communityId: id.optional(),
      year: z
        .string()
        .regex(/^\d{4}$/)
        .optional(),
    }),
    run: async (input, call) => {
      if (!call.deps.saveExport) return fail('INTERNAL', '当前环境不支持导出文件');
      const communities = keptCommunities(call.actor, call.dir, input.communityId);
      if (!communities.ok) return communities;
      const today = localDateOf(call.now);
      const year = input.year ?? today.slice(0, 4);
      const rows: (string | number)[][] = [];
      const gridName = (gid: string) => call.dir.grids.get(gid)?.name ?? gid;
      for (const cid of communities.value) {
        const communityName = call.dir.communities.get(cid)?.name ?? cid;
        const [subjects, members, intervals] = await Promise.all([
          call.deps.store.listRef('careSubjects', { communityId: cid }),
          call.deps.store.listRef('members', { communityId: cid }),
          intervalsOf(call.deps.store, cid),
        ]);
        const memberName = new Map(members.map((m) => [m.id, `${m.name}（${ROLE_NAMES[m.role]}）`]));
        if (input.kind === 'register') {
          for (const s of subjects.sort((a, b) => a.gridId.localeCompare(b.gridId) || a.name.localeCompare(b.name, 'zh'))) {
            const due = visitDue(s, registeredOn(s), today, intervals);
            rows.push([
              communityName,
              gridName(s.gridId),
              s.name,
              s.groups.map((g) => CARE_GROUP_NAMES[g]).join('、'),
              s.address,
              s.phone ?? '',
              memberName.get(s.memberId) ?? '',
              s.lastVisitOn ?? '未走访',
              due.dueOn,
              s.active ? VISIT_STATE_NAMES[due.state] : '已停止关爱',
              s.notes ?? '',
            ]);
          }
        } else {
          const names = new Map(subjects.map((s) => [s.id, s.name]));
          const visits = (await call.deps.store.listRef('careVisits', { communityId: cid })).filter((v) => v.visitedOn.startsWith(year));
          for (const v of visits.sort((a, b) => a.visitedOn.localeCompare(b.visitedOn))) {
            rows.push([
              v.visitedOn,
              communityName,
              gridName(v.gridId),
              names.get(v.subjectId) ?? '',
              v.visitorName,
              v.found,
              v.needs.map((n) => n.text).join('；'),
              v.needs.flatMap((n) => (n.caseId ? [n.caseId] : [])).join('、'),
            ]);
          }
        }
      }
      const where = communities.value.length === 1 ? (call.dir.communities.get(communities.value[0]!)?.name ?? '') : '全街道';
      const table: LedgerTable =
        input.kind === 'register'
          ? {
              sheetName: '走访关爱名册',
              title: `${where} 走访关爱名册 导出于 ${today}`,
              columns: ['社区', '网格', '姓名', '类别', '住址', '电话', '走访成员', '上次走访', '下次应访', '状态', '备注'].map(
                (label) => ({
                  label,
                }),
              ),
              rows,
            }
          : {
              sheetName: '走访记录',
              title: `${where} 走访记录（${year}年） 导出于 ${today}`,
              columns: ['走访日期', '社区', '网格', '走访对象', '走访人', '走访情况', '需求', '转为诉求'].map((label) => ({ label })),
              rows,
            };
      const bytes = await buildWorkbook(table);
      const fileName = `care-${input.kind}-${input.communityId ?? 'all'}-${input.kind === 'visits' ? year : today}.xlsx`;
      const saved = await call.deps.saveExport(fileName, bytes, call.actor.openid);
      return ok({ ...saved, fileName, rowCount: rows.length, sheetName: table.sheetName });
    },
  }),
};
