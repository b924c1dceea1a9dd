/**
 * One truth for time. For a case at a moment: which clocks were missed (for the assessment, for
 * good) and which clock runs now, with how long is left. Every view — cards, case pages, the home
 * tiles, the weekly report, the board, exports — says what this says, so a case escalated after
 * missing the street's 24 hours reads 「上报街道已超时 · 方案期限还剩7天」 everywhere, never
 * 「已超时」 in one place and 「剩 7天」 in another.
 *
 * Split in two so the app can tick without asking the server: `caseClocks` reads the case (no
 * clock); `caseTime` adds the moment.
 */
import type { Case, CaseDeadlines } from './model';
import { runningDeadline } from './time-policy';

export type ClockName = keyof CaseDeadlines;

/** A clock and its deadline, with the name people use for it. */
export interface ClockMark {
  /** Absent for a case marked late before clocks were named (only `overdueFor` was kept). */
  clock?: ClockName;
  name: string;
  at: string;
}

/** What the case says about its clocks, independent of the moment. */
export interface CaseClocks {
  /** Clocks the timer marked late, oldest first: they stay missed (the assessment counts them). */
  missed: ClockMark[];
  /** The clock that runs now, if any (the same one `dueAt` holds). */
  running?: ClockMark;
}

export interface CaseTime extends CaseClocks {
  running?: ClockMark & { leftMs: number; late: boolean };
  /** The running clock has passed: what 超时 tiles, lists and filters count. Never for the rating window. */
  late: boolean;
  /** Late now or missed a clock before. */
  everLate: boolean;
  /** One line for every view: 「上报街道已超时 · 方案期限还剩7天」; empty when nothing runs or was missed. */
  text: string;
}

/** The name of a clock in a case's situation: the street's resolution clock is its 方案 (plan) deadline. */
export function clockName(c: Pick<Case, 'status' | 'escalation'>, clock: ClockName): string {
  switch (clock) {
    case 'respondBy':
      return '受理';
    case 'resolveBy':
      return c.status === 'escalated' && c.escalation && c.escalation.level !== 'community' ? '方案' : '办结';
    case 'escalateBy':
      return '上报街道';
    case 'reportBy':
      return '部门报到';
    case 'rateBy':
      return '评价';
  }
}

export function caseClocks(c: Case): CaseClocks {
  const missed: ClockMark[] = c.missed
    ? c.missed.map((m) => ({ ...m }))
    : c.overdue && c.overdueFor
      ? [{ name: '办理', at: c.overdueFor }]
      : [];
  const r = runningDeadline(c);
  return r ? { missed, running: { clock: r.name, name: clockName(c, r.name), at: r.at } } : { missed };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span in its two largest units: `7天`, `2天3小时`, `3小时20分钟`, `25分钟`, `不到1分钟`. */
export function spanText(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return '不到1分钟';
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return minutes > 0 ? `${hours}小时${minutes}分钟` : `${hours}小时`;
  return `${minutes}分钟`;
}

const sameMark = (a: ClockMark, b: ClockMark): boolean => a.at === b.at && (a.clock === undefined || a.clock === b.clock);

export function caseTime(clocks: CaseClocks, now: Date): CaseTime {
  const r = clocks.running;
  const leftMs = r ? Date.parse(r.at) - now.getTime() : 0;
  const running = r ? { ...r, leftMs, late: r.clock !== 'rateBy' && leftMs <= 0 } : undefined;
  const late = running?.late ?? false;
  const parts = clocks.missed.filter((m) => !(running && sameMark(m, running))).map((m) => `${m.name}已超时`);
  if (running) {
    if (running.late) parts.push(`${running.name}已超时`);
    else if (running.clock === 'rateBy') parts.push(`评价期还剩${spanText(leftMs)}`);
    else parts.push(`${running.name}期限还剩${spanText(leftMs)}`);
  }
  return {
    missed: clocks.missed,
    ...(running ? { running } : {}),
    late,
    everLate: late || clocks.missed.length > 0,
    text: parts.join(' · '),
  };
}
