/**
 * What is measured. Every figure is built from a per-case tally, so that the same numbers come
 * out whether they are summed from stored counters (the board) or from the cases themselves
 * (assessment).
 */
import type { Case } from './model';

export const TALLY_KEYS = [
  'received',
  'open',
  'closed',
  'rejected',
  'withdrawn',
  'merged',
  'overdue',
  'respondDue',
  'respondOnTime',
  'resolveDue',
  'resolveOnTime',
  'resolved',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'rework',
  'supervised',
  'escalated',
] as const;
export type TallyKey = (typeof TALLY_KEYS)[number];
export type CaseTally = Record<TallyKey, number>;

export const emptyTally = (): CaseTally =>
  Object.fromEntries(TALLY_KEYS.map((k) => [k, 0])) as CaseTally;

/**
 * The contribution of one case, from its stored state alone (no clock: the timer marks lateness
 * as an event, so a case whose limit has not yet passed is never counted late).
 *
 * - received: every case except those merged into another (a duplicate is not a new demand).
 * - respondDue: accepted, or late on its response limit; respondOnTime: accepted within it.
 * - resolveDue: resolved, or late on its resolution limit; resolveOnTime: resolved within it.
 * - resolved: the handler reported a result (status resolved or closed with a result).
 * - rated: the reporter rated (auto-close without a rating is not rated).
 */
export function tallyCase(c: Case): CaseTally {
  const t = emptyTally();
  if (c.status === 'merged') {
    t.merged = 1;
    return t;
  }
  t.received = 1;
  const open = c.status === 'pending' || c.status === 'assigned' || c.status === 'processing' || c.status === 'escalated';
  if (open || c.status === 'resolved') t.open = 1;
  if (c.status === 'closed') t.closed = 1;
  if (c.status === 'rejected') t.rejected = 1;
  if (c.status === 'withdrawn') t.withdrawn = 1;
  if (c.overdue) t.overdue = 1;
  if (c.status === 'escalated' || c.escalation) t.escalated = 1;
  const lateOn = (name: 'respondBy' | 'resolveBy'): boolean =>
    c.overdueFor !== undefined && c.overdueFor === c.deadlines[name];
  if (c.acceptedAt) {
    t.respondDue = 1;
    if (c.respondedOnTime) t.respondOnTime = 1;
  } else if (c.status === 'assigned' && lateOn('respondBy')) {
    t.respondDue = 1;
  }
  const hasResult = (c.status === 'resolved' || c.status === 'closed') && c.result !== undefined;
  if (hasResult) {
    t.resolved = 1;
    t.resolveDue = 1;
    if (c.resolvedOnTime) t.resolveOnTime = 1;
  } else if (open && lateOn('resolveBy')) {
    t.resolveDue = 1;
  }
  if (c.rating && !c.rating.auto) {
    t.rated = 1;
    if (c.rating.value === 'satisfied') t.satisfied = 1;
    if (c.rating.value === 'basically_satisfied') t.basicallySatisfied = 1;
    if (c.rating.value === 'unsatisfied') t.unsatisfied = 1;
  }
  t.rework = c.reworkCount;
  if (c.supervised) t.supervised = 1;
  return t;
}

export function addTally(a: CaseTally, b: CaseTally, sign: 1 | -1 = 1): CaseTally {
  const out = emptyTally();
  for (const k of TALLY_KEYS) out[k] = a[k] + sign * b[k];
  return out;
}

export const diffTally = (after: CaseTally, before: CaseTally): CaseTally => addTally(after, before, -1);
export const isZeroTally = (t: CaseTally): boolean => TALLY_KEYS.every((k) => t[k] === 0);
