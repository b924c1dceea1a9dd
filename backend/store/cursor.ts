/**
 * Keys derived from a case, shared by both adapters so that they page, sort and count alike:
 * the sort keys of the case lists, the opaque page cursor, the board-counter row a case counts in,
 * and the checks every `commit` makes before it writes anything.
 */
import type { Case, CaseEvent } from '../../core/model';
import { fail, ok, type Result } from '../../core/errors';
import { TALLY_KEYS, addTally, emptyTally, isZeroTally, tallyCase, type CaseTally } from '../../core/metrics';
import { localDateOf } from '../../core/working-days';
import type { CaseChange, CaseOrder, CaseQuery } from './store.port';
import { caseEventSchema, caseSchema, checkRecord, noticeSchema } from './schemas';
import { skipsRecordCheck } from './built-change';

/**
 * The deadline sort key of a case without a running clock. `~` sorts after every ISO instant, so
 * such cases come last in `deadline_asc` and never match `overdueAt` (`due ≤ overdueAt`).
 */
export const NO_DEADLINE = '~';

export const dueKeyOf = (c: Case): string => c.dueAt ?? NO_DEADLINE;

/** The department a case is listed under: the one called now, else the last one that was (it follows the outcome). */
export const departmentOf = (c: Case): string | undefined => c.escalation?.departmentId ?? c.calledDepartment?.id;

export const DEFAULT_ORDER: CaseOrder = 'created_desc';

/** The sort key of a case in a list order; ties are broken by case id in the same direction. */
export function sortKeyOf(c: Case, order: CaseOrder): string {
  return order === 'created_desc' ? c.createdAt : dueKeyOf(c);
}

export const isDescending = (order: CaseOrder): boolean => order === 'created_desc';

/** Where the previous page ended: the last item's sort key and id, in the order it was read. */
export interface CursorPosition {
  order: CaseOrder;
  key: string;
  id: string;
}

/**
 * A query the store cannot run (a cursor that is not one of ours, or from another order). The
 * port's `listCases` returns a page, not a Result, so this is thrown; the edge answers 400.
 */
export class InvalidQueryError extends Error {
  readonly code = 'INPUT.INVALID' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}

export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(JSON.stringify([pos.order === 'created_desc' ? 'c' : 'd', pos.key, pos.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, order: CaseOrder): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidQueryError('分页参数无效，请从第一页重新加载');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    (parsed[0] !== 'c' && parsed[0] !== 'd') ||
    typeof parsed[1] !== 'string' ||
    typeof parsed[2] !== 'string'
  )
    throw new InvalidQueryError('分页参数无效，请从第一页重新加载');
  const cursorOrder: CaseOrder = parsed[0] === 'c' ? 'created_desc' : 'deadline_asc';
  if (cursorOrder !== order) throw new InvalidQueryError('分页参数与排序方式不一致，请从第一页重新加载');
  return { order, key: parsed[1], id: parsed[2] };
}

/** Compares two cases in a list order (negative: `a` comes first). */
export function compareInOrder(order: CaseOrder, a: { key: string; id: string }, b: { key: string; id: string }): number {
  const cmp = a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return isDescending(order) ? -cmp : cmp;
}

export function checkLimit(query: Pick<CaseQuery, 'limit'>): number {
  if (!Number.isInteger(query.limit) || query.limit < 1) throw new InvalidQueryError('每页条数必须是正整数');
  return Math.min(query.limit, 1000);
}

// ——— board counters ———

/** The board-counter row a case counts in: its grid, China-local month of submission and category. */
export interface TallyRowKey {
  communityId: string;
  gridId: string;
  month: string;
  categoryId: string;
}

export function tallyRowKeyOf(c: Case): TallyRowKey {
  return {
    communityId: c.place.communityId,
    gridId: c.place.gridId,
    month: localDateOf(new Date(c.createdAt)).slice(0, 7),
    categoryId: c.categoryId,
  };
}

/** One string per row key (each part URI-encoded so that no separator can appear inside a part). */
export const tallyRowId = (k: TallyRowKey): string => [k.communityId, k.gridId, k.month, k.categoryId].map(encodeURIComponent).join('|');

/**
 * What a change does to the counters: minus the old contribution at the old row, plus the new one
 * at the new row (a case moved to another grid or category moves its counts). Zero rows are dropped.
 */
export function tallyMoves(pairs: { before?: Case; after: Case }[]): { key: TallyRowKey; delta: CaseTally }[] {
  const rows = new Map<string, { key: TallyRowKey; delta: CaseTally }>();
  const add = (c: Case, sign: 1 | -1): void => {
    const key = tallyRowKeyOf(c);
    const id = tallyRowId(key);
    const row = rows.get(id) ?? { key, delta: emptyTally() };
    row.delta = addTally(row.delta, tallyCase(c), sign);
    rows.set(id, row);
  };
  for (const p of pairs) {
    if (p.before) add(p.before, -1);
    add(p.after, 1);
  }
  return [...rows.values()].filter((r) => !isZeroTally(r.delta));
}

export const tallyColumnOf = (k: (typeof TALLY_KEYS)[number]): string => 't_' + k.replace(/[A-Z]/g, (ch) => '_' + ch.toLowerCase());

// ——— commit checks ———

const invalid = (detail: string, details?: unknown): Result<never> => fail('INTERNAL', `案件变更无效：${detail}`, details);

/**
 * The checks of a change that need no stored data: at most one write per case, versions that grow
 * by one, and events that belong to a written case. The adapters then check each case against its
 * stored row (version, `lastSeq`) inside their transaction with `checkEventsAgainst`.
 */
export function checkChangeShape(change: CaseChange): Result<void> {
  const records = checkChangeRecords(change);
  if (!records.ok) return records;
  const written = new Set<string>();
  for (const c of change.creates) {
    if (written.has(c.case.id)) return invalid(`同一变更中重复写入案件 ${c.case.id}`);
    written.add(c.case.id);
  }
  for (const u of change.updates) {
    if (written.has(u.case.id)) return invalid(`同一变更中重复写入案件 ${u.case.id}`);
    written.add(u.case.id);
    if (u.case.version !== u.expectedVersion + 1)
      return invalid(`案件 ${u.case.id} 的新版本号应为 ${u.expectedVersion + 1}，实为 ${u.case.version}`);
  }
  for (const e of change.events) if (!written.has(e.caseId)) return invalid(`事件 ${e.caseId}:${e.seq} 所属案件不在本次变更中`);
  const keys = new Set<string>();
  for (const c of change.creates) {
    if (c.requestKey === undefined) continue;
    if (keys.has(c.requestKey)) return invalid(`同一变更中重复的请求号 ${c.requestKey}`);
    keys.add(c.requestKey);
  }
  return ok(undefined);
}

/** Each record of a change against its schema, unless the core just built them (`built-change.ts`). */
function checkChangeRecords(change: CaseChange): Result<void> {
  if (skipsRecordCheck(change)) return ok(undefined);
  for (const c of [...change.creates, ...change.updates]) {
    const issues = checkRecord(caseSchema, c.case);
    if (issues) return invalid(`案件 ${String(c.case?.id)} 的格式不正确`, issues);
  }
  for (const e of change.events) {
    const issues = checkRecord(caseEventSchema, e);
    if (issues) return invalid(`事件 ${String(e?.caseId)}:${String(e?.seq)} 的格式不正确`, issues);
  }
  for (const n of change.notices) {
    const issues = checkRecord(noticeSchema, n);
    if (issues) return invalid(`通知 ${String(n?.key)} 的格式不正确`, issues);
  }
  return ok(undefined);
}

/**
 * The events of one case must continue its timeline: `previousLastSeq + 1, + 2, …` without gaps,
 * ending at the new case's `lastSeq` (no events: `lastSeq` unchanged).
 */
export function checkEventsAgainst(caseId: string, previousLastSeq: number, next: Case, events: CaseEvent[]): Result<void> {
  const seqs = events.map((e) => e.seq).sort((a, b) => a - b);
  for (let i = 0; i < seqs.length; i++)
    if (seqs[i] !== previousLastSeq + 1 + i)
      return invalid(`案件 ${caseId} 的事件序号应从 ${previousLastSeq + 1} 起连续，实为 ${seqs.join(',')}`);
  const expectedLast = previousLastSeq + seqs.length;
  if (next.lastSeq !== expectedLast) return invalid(`案件 ${caseId} 的 lastSeq 应为 ${expectedLast}，实为 ${next.lastSeq}`);
  return ok(undefined);
}

/** Events grouped by case id. */
export function eventsByCase(events: CaseEvent[]): Map<string, CaseEvent[]> {
  const out = new Map<string, CaseEvent[]>();
  for (const e of events) {
    const list = out.get(e.caseId) ?? [];
    list.push(e);
    out.set(e.caseId, list);
  }
  return out;
}
