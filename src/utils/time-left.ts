/**
 * How long until a deadline, and how long a case took, in words an older resident reads at a
 * glance: `还剩 2天3小时`, `已超时 5小时`, `用时 1天2小时`. The clock comes in as an argument.
 */

import { spanText } from '../../core/case-time';

const HOUR = 60 * 60_000;

/** The span wording is the core's, so every view words a span alike. */
export { spanText };

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
