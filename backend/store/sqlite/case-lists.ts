/**
 * Case lists and counts on SQLite: which index a list reads (`planList`), the statements that read
 * it by key (never OFFSET), and the lazy merge of one ordered stream per status or visibility.
 */
import { CASE_STATUSES } from '../../../core/model';
import type { CaseFilter, CaseOrder, CaseQuery } from '../store.port';
import { compareInOrder, isDescending, type CursorPosition } from '../cursor';
import type { CASE_COLUMNS } from './schema';
import type { Row, Sql } from './sql';

/** Plain-value filters of `CaseQuery` and the column each compares. */
const EQUAL_FILTERS = [
  ['communityId', 'community_id'],
  ['streetId', 'street_id'],
  ['gridId', 'grid_id'],
  ['holderOpenid', 'holder_openid'],
  ['reporterOpenid', 'reporter_openid'],
  ['departmentId', 'department_id'],
  ['categoryId', 'category_id'],
  ['buildingId', 'building_id'],
  ['severity', 'severity'],
  ['caseNo', 'case_no'],
  ['holderMemberId', 'holder_member_id'],
] as const satisfies readonly (readonly [keyof CaseQuery, (typeof CASE_COLUMNS)[number]])[];

export interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * Merges ordered streams (one per status for split plans) lazily: each stream is stepped only
 * when its head is taken, so the page costs about `take` index entries whatever the number of
 * streams — a status with few matches is not scanned to its end.
 */
export function mergeStreams(sql: Sql, parts: SqlPart[], order: CaseOrder, take: number): { key: string; id: string }[] {
  // Each stream needs its own statement (a statement runs one iteration at a time).
  const streams = parts.map((p, i) => sql.stmt(`${p.sql} /* stream ${i} */`).iterate(...p.params) as IterableIterator<Row>);
  const step = (s: IterableIterator<Row>): { key: string; id: string } | undefined => {
    const r = s.next();
    return r.done ? undefined : { key: String(r.value.k), id: String(r.value.id) };
  };
  try {
    const heads = streams.map(step);
    const out: { key: string; id: string }[] = [];
    while (out.length < take) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        if (h && (best < 0 || compareInOrder(order, h, heads[best]!) < 0)) best = i;
      }
      if (best < 0) break;
      out.push(heads[best]!);
      heads[best] = step(streams[best]);
    }
    return out;
  } finally {
    for (const s of streams) s.return?.();
  }
}

/** The statements of one page of a list: one per stream of its plan. */
export function listSql(query: CaseQuery, order: CaseOrder, after: CursorPosition | undefined, take: number): SqlPart[] {
  const plan = planList(query, order);
  const requested = query.statuses === undefined ? undefined : [...new Set(query.statuses)];
  if (requested?.length === 0) return [];
  // Stream conditions: one per status (all of them when none is asked for), or per visibility.
  const streams: { clause?: string; param?: unknown }[] =
    plan.split === 'status'
      ? (requested ?? [...CASE_STATUSES]).map((st) => ({ clause: 'status = ?', param: st }))
      : plan.split === 'public'
        ? [0, 1].map((v) => ({ clause: 'is_public = ?', param: v }))
        : [{}];
  const base = filterSql({ ...query, statuses: plan.split === 'status' ? undefined : requested });
  const sortCol = order === 'created_desc' ? 'created_at' : 'due_at';
  const dir = isDescending(order) ? 'DESC' : 'ASC';
  const keyset = after ? [`(${sortCol}, id) ${isDescending(order) ? '<' : '>'} (?, ?)`] : [];
  // Streams read the sort key and id only, which the chosen index usually covers.
  return streams.map((st) => {
    const where = [...base.clauses, ...(st.clause ? [st.clause] : []), ...keyset];
    const params = [...base.params, ...(st.clause ? [st.param] : []), ...(after ? [after.key, after.id] : [])];
    return {
      sql:
        `SELECT id, ${sortCol} AS k FROM cases INDEXED BY ${plan.index}` +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ` ORDER BY ${sortCol} ${dir}, id ${dir} LIMIT ${take}`,
      params,
    };
  });
}

function filterSql(q: CaseFilter): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const [field, col] of EQUAL_FILTERS) {
    const v = q[field];
    if (v !== undefined) {
      clauses.push(`${col} = ?`);
      params.push(v);
    }
  }
  // A literal, so that the partial index of the review list applies.
  if (q.textsWaiting) clauses.push('texts_waiting = 1');
  if (q.isPublic !== undefined) {
    clauses.push('is_public = ?');
    params.push(q.isPublic ? 1 : 0);
  }
  if (q.createdFrom !== undefined) {
    clauses.push('created_at >= ?');
    params.push(q.createdFrom);
  }
  if (q.createdTo !== undefined) {
    clauses.push('created_at < ?');
    params.push(q.createdTo);
  }
  if (q.overdueAt !== undefined) {
    clauses.push('due_at <= ?');
    params.push(q.overdueAt);
  }
  // The admin's search: matched on the rows the scope's index reads (a community's cases).
  if (q.text !== undefined) {
    clauses.push(`json_extract(json, '$.description') LIKE ? ESCAPE '\\'`);
    params.push(`%${q.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  }
  if (q.reporterPhone !== undefined) {
    clauses.push(`json_extract(json, '$.contactPhone') = ?`);
    params.push(q.reporterPhone);
  }
  // The channel as `intakeChannelOf` reads it: the origin's, else a patrol report, else the app.
  if (q.channel === 'app') clauses.push(`json_extract(json, '$.origin') IS NULL AND json_extract(json, '$.source') <> 'patrol'`);
  else if (q.channel === 'patrol') clauses.push(`json_extract(json, '$.origin') IS NULL AND json_extract(json, '$.source') = 'patrol'`);
  else if (q.channel !== undefined) {
    clauses.push(`json_extract(json, '$.origin.channel') = ?`);
    params.push(q.channel);
  }
  if (q.statuses !== undefined) {
    const statuses = [...new Set(q.statuses)];
    clauses.push(statuses.length ? `status IN (${statuses.map(() => '?').join(', ')})` : '0');
    params.push(...statuses);
  }
  return { clauses, params };
}

/** The statement `countCases` runs; with `cap`, counting stops there. */
export function countSql(query: CaseFilter, cap: number | undefined): SqlPart {
  const { clauses, params } = filterSql(query);
  const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
  if (cap === undefined) return { sql: `SELECT COUNT(*) AS n FROM cases${where}`, params };
  const n = Math.max(0, Math.floor(cap));
  return { sql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM cases${where} LIMIT ${n})`, params };
}

/**
 * Which index a list reads, chosen here rather than by SQLite's planner: with a LIMIT the planner
 * likes any index that avoids sorting, and at a million cases it picked "all cases of a status,
 * newest first" for a member's finished tasks (a scan of 700 000 rows) over the member's own
 * index. The most selective scope given wins: reporter, holder, department, grid, community, then
 * the whole street; the board (`isPublic`) reads its own indexes.
 *
 * A `split` plan reads one ordered stream per value of a column (each status asked for; or public
 * and not public) and merges them lazily. With statuses given, the status streams bound the work
 * by the size of those statuses even when another filter (category, …) is sparse; without, one
 * time-ordered index is read, which stops as soon as the page is full.
 */
export function planList(q: CaseFilter, order: CaseOrder): { index: string; split?: 'status' | 'public' } {
  const byStatus = q.statuses !== undefined;
  const created = order === 'created_desc';
  // The review list is small at any size: public cases with texts waiting.
  // A case number names one case (or one per street).
  if (q.caseNo !== undefined) return { index: 'cases_no' };
  if (q.textsWaiting) return { index: 'cases_texts_waiting' };
  if (q.reporterOpenid !== undefined) return { index: 'cases_reporter' };
  if (q.holderOpenid !== undefined) return byStatus ? { index: 'cases_holder', split: 'status' } : { index: 'cases_holder' };
  if (q.departmentId !== undefined) return byStatus ? { index: 'cases_department', split: 'status' } : { index: 'cases_department' };
  // A category narrows a grid or a community the most: read only its entries, status by status.
  if (q.categoryId !== undefined && q.gridId !== undefined) return { index: 'cases_grid_category', split: 'status' };
  // A grid holds a few thousand cases: reading it status by status is always short.
  if (q.gridId !== undefined) return { index: 'cases_grid_status', split: 'status' };
  if (q.categoryId !== undefined && q.communityId !== undefined && created) return { index: 'cases_community_category', split: 'status' };
  if (q.communityId !== undefined) {
    if (!created) return { index: 'cases_community_status_due', split: 'status' };
    if (q.isPublic !== undefined) return { index: 'cases_community_public' };
    return byStatus ? { index: 'cases_community_status', split: 'status' } : { index: 'cases_community' };
  }
  if (!created) return { index: 'cases_due' };
  if (q.isPublic !== undefined) return { index: 'cases_public' };
  // Every case newest first: the board index read twice (public, not public) and merged.
  return byStatus ? { index: 'cases_status', split: 'status' } : { index: 'cases_public', split: 'public' };
}
