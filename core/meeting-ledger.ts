/**
 * The 院坝会 / 议事日 ledger (台账): one row per meeting of a month or a quarter, in words — when,
 * what kind, where, the topic, attendance, the roles present, the decisions, the issues raised and
 * the cases they became. Who raised an issue is never in it: the ledger leaves the office as a
 * file. Pure: the case numbers are passed in.
 */
import { MEETING_KIND_NAMES, type Meeting } from './meetings';
import { ROLE_NAMES } from './model';

export const MEETING_LEDGER_COLUMNS: ReadonlyArray<{ label: string; width: number }> = [
  { label: '会议日期', width: 12 },
  { label: '会议类型', width: 10 },
  { label: '社区', width: 12 },
  { label: '网格', width: 12 },
  { label: '地点', width: 16 },
  { label: '议题', width: 24 },
  { label: '参会人数', width: 10 },
  { label: '出席角色', width: 24 },
  { label: '议定事项', width: 36 },
  { label: '群众反映的问题', width: 40 },
  { label: '转为诉求数', width: 10 },
  { label: '诉求编号', width: 24 },
];

export interface MeetingLedgerNames {
  community(id: string): string;
  grid(id: string): string;
  /** The number a case is known by (its 编号, else its id); absent when the case is gone. */
  caseNo(id: string): string | undefined;
}

/** The rows, by date then community; issues numbered 1. 2. …, without who raised them. */
export function meetingLedgerRows(meetings: readonly Meeting[], names: MeetingLedgerNames): (string | number)[][] {
  return [...meetings]
    .sort(
      (a, b) => a.heldOn.localeCompare(b.heldOn) || a.communityId.localeCompare(b.communityId) || a.createdAt.localeCompare(b.createdAt),
    )
    .map((m) => {
      const caseNos = m.issues.flatMap((i) => (i.caseId ? [names.caseNo(i.caseId) ?? i.caseId] : []));
      return [
        m.heldOn,
        MEETING_KIND_NAMES[m.kind],
        names.community(m.communityId),
        m.gridId ? names.grid(m.gridId) : '全社区',
        m.place,
        m.topic,
        m.attendance,
        m.rolesPresent.map((r) => ROLE_NAMES[r]).join('、'),
        m.decisions,
        m.issues.map((i, n) => `${n + 1}. ${i.text}`).join('\n'),
        caseNos.length,
        caseNos.join('、'),
      ];
    });
}
