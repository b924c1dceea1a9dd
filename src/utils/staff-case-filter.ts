/**
 * The admin case list's filters: what the chips hold, the `admin.listCases` query they make, and
 * the URL parameters a dashboard tile opens the list with. Pure: `now` is passed in.
 */

import type { Input } from '../../backend/contract';
import { INTAKE_CHANNEL_NAMES, INTAKE_CHANNELS, type IntakeChannel } from '../../core/intake';
import { CASE_STATUSES, FINAL_STATUSES, OPEN_STATUSES, SEVERITIES, SEVERITY_NAMES, type CaseStatus, type Severity } from '../../core/model';

/** The core's lists: the codes the server knows. */
export const CASE_STATUS_CODES = CASE_STATUSES;
export type StaffCaseStatus = CaseStatus;
export const OPEN_STATUS_CODES: readonly StaffCaseStatus[] = OPEN_STATUSES;
export const FINAL_STATUS_CODES: readonly StaffCaseStatus[] = FINAL_STATUSES;

/** A status chip: one status, or the groups people think in. */
export type StatusChoice = 'all' | 'open' | 'final' | StaffCaseStatus;
export type DateChoice = 'all' | 'today' | '7d' | '30d' | 'month';
export type SeverityCode = Severity;

export interface CaseFilter {
  status: StatusChoice;
  communityId?: string;
  gridId?: string;
  categoryId?: string;
  severity?: SeverityCode;
  overdue: boolean;
  date: DateChoice;
  /** The search box: a case number, a phone or words (the server reads which). */
  q?: string;
  /** Cases held by this member. */
  handlerId?: string;
  /** 剩余时间少的在前 (open cases by their running clock) instead of the newest first. */
  sort?: 'time_left';
  /** The channel it came by: 小程序, 巡查, 走访, 来电, 来访, 院坝会, 意见箱, 12345热线. */
  channel?: IntakeChannel;
}

export const EMPTY_FILTER: CaseFilter = { status: 'open', overdue: false, date: 'all' };

/** The fields of `admin.listCases` a filter sets (cursor and limit are the page's business): the server's own input. */
export type CaseListQuery = Omit<Input<'admin', 'listCases'>, 'cursor' | 'limit'>;

export const STATUS_CHOICES: ReadonlyArray<{ value: StatusChoice; label: string }> = [
  { value: 'open', label: '办理中' },
  { value: 'pending', label: '待派单' },
  { value: 'assigned', label: '待受理' },
  { value: 'processing', label: '处理中' },
  { value: 'escalated', label: '已吹哨' },
  { value: 'resolved', label: '待评价' },
  { value: 'closed', label: '已办结' },
  { value: 'final', label: '已结束' },
  { value: 'all', label: '全部' },
];

/** The channel chips, named by the core's labels. */
export const CHANNEL_CHOICES: ReadonlyArray<{ value: IntakeChannel; label: string }> = INTAKE_CHANNELS.map((value) => ({
  value,
  label: INTAKE_CHANNEL_NAMES[value],
}));

export const DATE_CHOICES: ReadonlyArray<{ value: DateChoice; label: string }> = [
  { value: 'all', label: '不限时间' },
  { value: 'today', label: '今天' },
  { value: '7d', label: '近7天' },
  { value: '30d', label: '近30天' },
  { value: 'month', label: '本月' },
];

export const SEVERITY_CHOICES: ReadonlyArray<{ value: SeverityCode; label: string }> = SEVERITIES.map((value) => ({
  value,
  label: SEVERITY_NAMES[value],
}));

/** China-local calendar date (YYYY-MM-DD) of an instant, whatever the device's time zone. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A China-local date moved by whole days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function toListQuery(f: CaseFilter, now: Date): CaseListQuery {
  const q: CaseListQuery = {};
  if (f.status === 'open') q.statuses = [...OPEN_STATUS_CODES];
  else if (f.status === 'final') q.statuses = [...FINAL_STATUS_CODES];
  else if (f.status !== 'all') q.status = f.status;
  if (f.communityId) q.communityId = f.communityId;
  if (f.gridId) q.gridId = f.gridId;
  if (f.categoryId) q.categoryId = f.categoryId;
  if (f.severity) q.severity = f.severity;
  if (f.overdue) q.overdue = true;
  const words = f.q?.trim();
  if (words) q.q = words;
  if (f.handlerId) q.handlerId = f.handlerId;
  if (f.sort) q.sort = f.sort;
  if (f.channel) q.channel = f.channel;
  const today = chinaDate(now);
  // The server reads a bare date as a whole China-local day: `to` includes today.
  if (f.date === 'today') q.from = today;
  else if (f.date === '7d') q.from = addDays(today, -6);
  else if (f.date === '30d') q.from = addDays(today, -29);
  else if (f.date === 'month') q.from = `${today.slice(0, 8)}01`;
  if (q.from) q.to = today;
  return q;
}

const STATUS_VALUES = new Set<string>(['all', 'open', 'final', ...CASE_STATUS_CODES]);
const DATE_VALUES = new Set<string>(DATE_CHOICES.map((d) => d.value));
const SEVERITY_VALUES = new Set<string>(SEVERITY_CHOICES.map((s) => s.value));
const ID = /^[A-Za-z0-9_:.-]{1,64}$/;

/** A filter from page parameters (`?status=pending&overdue=1`); anything unknown is left out. */
export function filterFromParams(params: Record<string, string | undefined>): CaseFilter {
  const get = (k: string): string | undefined => {
    const v = params[k];
    return v === undefined || v === '' ? undefined : decodeURIComponent(v);
  };
  const f: CaseFilter = { ...EMPTY_FILTER };
  const status = get('status');
  if (status && STATUS_VALUES.has(status)) f.status = status as StatusChoice;
  const overdue = get('overdue');
  if (overdue === '1' || overdue === 'true') {
    f.overdue = true;
    if (!status) f.status = 'open';
  }
  const date = get('date');
  if (date && DATE_VALUES.has(date)) f.date = date as DateChoice;
  const severity = get('severity');
  if (severity && SEVERITY_VALUES.has(severity)) f.severity = severity as SeverityCode;
  for (const k of ['communityId', 'gridId', 'categoryId', 'handlerId'] as const) {
    const v = get(k);
    if (v && ID.test(v)) f[k] = v;
  }
  const q = get('q')?.trim();
  if (q) f.q = q.slice(0, 50);
  if (get('sort') === 'time_left') f.sort = 'time_left';
  const channel = get('channel');
  if (channel && (INTAKE_CHANNELS as readonly string[]).includes(channel)) f.channel = channel as IntakeChannel;
  return f;
}

/** The page parameters that reopen a filter (the inverse of `filterFromParams`). */
export function filterToParams(f: CaseFilter): string {
  const parts: string[] = [`status=${f.status}`];
  if (f.overdue) parts.push('overdue=1');
  if (f.date !== 'all') parts.push(`date=${f.date}`);
  if (f.severity) parts.push(`severity=${f.severity}`);
  for (const k of ['communityId', 'gridId', 'categoryId', 'handlerId', 'q'] as const)
    if (f[k]) parts.push(`${k}=${encodeURIComponent(f[k]!)}`);
  if (f.sort) parts.push(`sort=${f.sort}`);
  if (f.channel) parts.push(`channel=${f.channel}`);
  return parts.join('&');
}

/** How many filters beyond the status are set (shown on the 筛选 button). */
export function extraFilterCount(f: CaseFilter): number {
  return [
    f.communityId,
    f.gridId,
    f.categoryId,
    f.handlerId,
    f.severity,
    f.channel,
    f.overdue ? 'x' : undefined,
    f.date !== 'all' ? f.date : undefined,
  ].filter(Boolean).length;
}
