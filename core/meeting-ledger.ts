/**
 * The 院坝会 / 议事日 ledger (台账): one row per meeting of a month or a quarter, in words — when,
 * what kind, where, the topic, attendance, the roles present, the decisions, the issues raised and
 * the cases they became. Who raised an issue is never in it: the ledger leaves the office as a
 * file. Pure: the case numbers are passed in.
 */
import { fail, ok, type Result } from './errors';
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

/** A month (2026-12) or a quarter (2026-Q4). */
export const LEDGER_PERIOD = /^\d{4}-(?:0[1-9]|1[0-2]|Q[1-4])$/;

/** The months (YYYY-MM) of a month or a quarter, or the Chinese refusal. */
export function ledgerMonths(period: string): Result<string[]> {
  if (!LEDGER_PERIOD.test(period)) return fail('INPUT.INVALID', '台账周期须为月份（如2026-12）或季度（如2026-Q4）');
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!q) return ok([period]);
  const first = (Number(q[2]) - 1) * 3 + 1;
  return ok([first, first + 1, first + 2].map((m) => `${q[1]}-${String(m).padStart(2, '0')}`));
}

/** This month, last month, this quarter and last quarter, as the ledger's periods (2026-12, 2026-Q4). */
export function ledgerPeriods(today: string): { value: string; label: string }[] {
  const k = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  const month = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  const quarter = (n: number) => `${Math.floor(n / 12)}-Q${Math.floor((n % 12) / 3) + 1}`;
  const thisQuarterStart = k - (k % 3);
  return [
    { value: month(k), label: '本月' },
    { value: month(k - 1), label: '上月' },
    { value: quarter(k), label: '本季度' },
    { value: quarter(thisQuarterStart - 1), label: '上季度' },
  ];
}

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
