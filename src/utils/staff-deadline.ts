/**
 * Deadlines as a member on the move reads them: how long is left (or how late it is), how urgent
 * that is, and the task list in the order to work it. Pure: `now` is passed in.
 */

import { caseTime, spanText, type CaseClocks } from '../../core/case-time';

export type Urgency = 'overdue' | 'soon' | 'normal' | 'none';

/** The fields of a task card the deadline helpers read. */
export interface DeadlineCard {
  id: string;
  status: string;
  createdAt: string;
  dueAt?: string;
  /** Ever late on any deadline (the server's flag). */
  overdue?: boolean;
  /** Missed and running clocks from the server (`caseClocks`); when present they decide. */
  clocks?: CaseClocks;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Within this much of the deadline a task turns orange. */
const SOON_MS = 2 * HOUR;
/** …or within this share of its whole window, for short limits such as 5341's 30 minutes. */
const SOON_SHARE = 0.25;

/** Statuses whose clock still runs for the member: late or not, they are waiting for someone. */
const RUNNING = new Set(['pending', 'assigned', 'processing', 'escalated']);

export { spanText };

export function urgencyOf(card: DeadlineCard, now: Date): Urgency {
  const dueAt = card.clocks ? card.clocks.running?.at : card.dueAt;
  if (!dueAt || !RUNNING.has(card.status)) return 'none';
  const due = Date.parse(dueAt);
  if (!Number.isFinite(due)) return 'none';
  const left = due - now.getTime();
  if (left <= 0) return 'overdue';
  const window = due - Date.parse(card.createdAt);
  if (left <= SOON_MS || (window > 0 && left <= window * SOON_SHARE)) return 'soon';
  return 'normal';
}

export interface Countdown {
  urgency: Urgency;
  /** 剩 2小时15分 / 已超时 3小时 / empty when no clock runs. */
  text: string;
}

export function countdown(card: DeadlineCard, now: Date): Countdown {
  const urgency = urgencyOf(card, now);
  // With the server's clocks, the one truth: 「上报街道已超时 · 方案期限还剩7天」.
  // A case that is done still says which clock it missed (办结已超时), in place of a countdown.
  if (card.clocks) return { urgency, text: caseTime(card.clocks, now).text };
  if (urgency === 'none') return { urgency, text: '' };
  const left = Date.parse(card.dueAt!) - now.getTime();
  return { urgency, text: left <= 0 ? `已超时 ${spanText(left)}` : `剩 ${spanText(left)}` };
}

const RANK: Record<Urgency, number> = { overdue: 0, soon: 1, normal: 2, none: 3 };

/**
 * The order to work tasks in: late ones first (the latest of them first), then by the deadline
 * that comes next, then the tasks without a running clock, oldest first. Stable for equal keys.
 */
export function sortByUrgency<T extends DeadlineCard>(cards: readonly T[], now: Date): T[] {
  const key = (c: T) => {
    const u = urgencyOf(c, now);
    // The running clock of `caseTime` when the server sent it (the same truth as the countdown).
    const dueAt = c.clocks ? c.clocks.running?.at : c.dueAt;
    const due = dueAt ? Date.parse(dueAt) : Number.POSITIVE_INFINITY;
    return { rank: RANK[u], due: u === 'none' ? Date.parse(c.createdAt) : due };
  };
  return cards
    .map((c, i) => ({ c, i, k: key(c) }))
    .sort((a, b) => a.k.rank - b.k.rank || a.k.due - b.k.due || a.i - b.i)
    .map((x) => x.c);
}

/** Adds the next page to a list already shown, dropping duplicates (a task may move between pages). */
export function mergePage<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(shown.map((c) => c.id));
  return [...shown, ...page.filter((c) => !seen.has(c.id))];
}
