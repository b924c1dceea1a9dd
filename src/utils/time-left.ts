/**
 * How long until a deadline, and how long a case took, in words an older resident reads at a
 * glance: `还剩 2天3小时`, `已超时 5小时`, `用时 1天2小时`. The clock comes in as an argument.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span in the two largest units that matter: `2天3小时`, `3小时20分钟`, `25分钟`, `不到1分钟`. */
export function spanText(ms: number): string {
  const abs = Math.max(0, Math.abs(ms));
  if (abs < MINUTE) return '不到1分钟';
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return minutes > 0 ? `${hours}小时${minutes}分钟` : `${hours}小时`;
  return `${minutes}分钟`;
}

export interface TimeLeft {
  text: string;
  overdue: boolean;
  /** Less than a quarter of a day left: shown in a warning colour. */
  urgent: boolean;
}

/** `还剩 2天3小时` before the deadline, `已超时 5小时` after it; undefined without a valid time. */
export function timeLeft(dueAt: string | undefined, now: Date): TimeLeft | undefined {
  const due = dueAt ? Date.parse(dueAt) : NaN;
  if (Number.isNaN(due)) return undefined;
  const ms = due - now.getTime();
  if (ms < 0) return { text: `已超时 ${spanText(ms)}`, overdue: true, urgent: true };
  return { text: `还剩 ${spanText(ms)}`, overdue: false, urgent: ms < 6 * HOUR };
}

/** `用时 1天2小时` from submission to the result; undefined when either end is missing. */
export function timeTaken(from: string | undefined, to: string | undefined): string | undefined {
  const a = from ? Date.parse(from) : NaN;
  const b = to ? Date.parse(to) : NaN;
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return undefined;
  return `用时 ${spanText(b - a)}`;
}
