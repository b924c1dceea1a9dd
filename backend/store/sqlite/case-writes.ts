/**
 * Case writes on SQLite: one change (cases compared-and-set, timeline, outbox, board counters) in
 * a transaction or a savepoint, the bulk import, and the counters rebuilt from the cases.
 */
import type { Case, CaseEvent } from '../../../core/model';
import { fail, ok, type Result } from '../../../core/errors';
import { TALLY_KEYS, emptyTally, tallyCase, type CaseTally } from '../../../core/metrics';
import type { CaseChange, OutboxItem } from '../store.port';
import { StoredRecordError } from '../schemas';
import { checkEventsAgainst, eventsByCase, tallyMoves, tallyRowId, tallyRowKeyOf, type TallyRowKey } from '../cursor';
import { CASE_COLUMNS, TALLY_COLUMNS, UPDATED_COLUMNS, caseValues } from './schema';
import { Rollback, abortIfFailed, isSqliteConstraint, parseCase, type Row, type Sql } from './sql';

const CONFLICT_MESSAGE = '案件已被他人更新，请刷新后重试';

// The statements' texts, built once: the prepared-statement cache is keyed by the text, and
// building a long text on every write (and hashing it to find the statement) is measurable.
const INSERT_CASE = `INSERT INTO cases (${CASE_COLUMNS.join(', ')}) VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`;
const UPDATE_CASE = `UPDATE cases SET ${UPDATED_COLUMNS.map((k) => `${k} = ?`).join(', ')} WHERE id = ? AND version = ?`;
const UPDATED_INDEXES = UPDATED_COLUMNS.map((k) => CASE_COLUMNS.indexOf(k));
/** `INSERT_EVENTS[n]`: n rows of events in one statement (1 ≤ n ≤ EVENTS_PER_STATEMENT). */
const EVENTS_PER_STATEMENT = 8;
const INSERT_EVENTS = Array.from(
  { length: EVENTS_PER_STATEMENT + 1 },
  (_, n) => `INSERT INTO events (case_id, seq, at, json) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?)').join(', ')}`,
);
const ADD_TALLY = `INSERT INTO tallies (community_id, grid_id, month, category_id, ${TALLY_COLUMNS.join(', ')})
       VALUES (?, ?, ?, ?, ${TALLY_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (community_id, grid_id, month, category_id) DO UPDATE SET
       ${TALLY_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/**
 * One change in its own transaction, or in a savepoint of the caller's (the group commit's
 * fallback: a refused change rolls back alone).
 */
export function applyChange(sql: Sql, change: CaseChange): Result<void> {
  try {
    transactionOf(sql)(change);
    return ok(undefined);
  } catch (e) {
    return failureOf(e);
  }
}

/** How one change of a group commit went: its Result, or what it threw. */
export type GroupOutcome = { result: Result<void> } | { thrown: unknown };

/**
 * Writes a group's changes in one transaction and says how each went. First with no savepoints,
 * which is how nearly every group goes; if a change is refused (a repeated request, a conflict)
 * or throws, that attempt is rolled back whole and the group is written again with a savepoint
 * per change, so that only the refused one is left out (`retried`). Throws only when the
 * transaction itself fails (then no change is written).
 */
export function writeGroup(sql: Sql, changes: readonly CaseChange[]): { outcomes: GroupOutcome[]; retried: boolean } {
  try {
    sql.db.transaction(() => changes.forEach((change) => writeChange(sql, change))).immediate();
    return { outcomes: changes.map(() => ({ result: ok(undefined) })), retried: false };
  } catch {
    // Written again below, a savepoint each: that says which change was refused, and why.
  }
  const outcomes: GroupOutcome[] = [];
  sql.db
    .transaction(() => {
      for (const change of changes) {
        try {
          outcomes.push({ result: applyChange(sql, change) });
        } catch (e) {
          outcomes.push({ thrown: e }); // its savepoint is rolled back; the others still commit
        }
      }
    })
    .immediate();
  return { outcomes, retried: true };
}

/** The Result a refused change answers with; rethrows what is not a refusal. */
export function failureOf(e: unknown): Result<never> {
  if (e instanceof Rollback) return e.result;
  if (e instanceof StoredRecordError) return fail('INTERNAL', e.message, { record: e.record, issues: e.issues });
  if (isSqliteConstraint(e)) return fail('CASE.CONFLICT', CONFLICT_MESSAGE, { constraint: e.message });
  throw e;
}

/** Each connection's change transaction, made once (making one builds four wrapper functions). */
const transactions = new WeakMap<Sql, (change: CaseChange) => void>();
function transactionOf(sql: Sql): (change: CaseChange) => void {
  let tx = transactions.get(sql);
  if (!tx) {
    const t = sql.db.transaction((change: CaseChange) => writeChange(sql, change));
    // Its own transaction takes the write lock at once; inside another it is a savepoint.
    tx = (change) => (sql.db.inTransaction ? t(change) : t.immediate(change));
    transactions.set(sql, tx);
  }
  return tx;
}

/**
 * One change written into the caller's transaction with no savepoint of its own: it throws when
 * refused, having maybe written part of itself, so the caller must roll the whole transaction
 * back (`failureOf` then says why). The group commit writes this way first, since a savepoint
 * per change costs about 7 % of a submit and refusals are rare.
 */
function writeChange(sql: Sql, change: CaseChange): void {
  const events = eventsByCase(change.events);
  const pairs: { before?: Case; after: Case }[] = [];
  for (const { case: c, requestKey } of change.creates) {
    if (requestKey !== undefined) {
      const existing = sql.stmt('SELECT id FROM cases WHERE request_key = ?').get(requestKey) as Row | undefined;
      if (existing)
        throw new Rollback(
          fail('CASE.CONFLICT', '该诉求已提交，请勿重复提交', { reason: 'duplicate_request', requestKey, caseId: String(existing.id) }),
        );
    }
    if (sql.stmt('SELECT 1 FROM cases WHERE id = ?').get(c.id))
      throw new Rollback(fail('CASE.CONFLICT', '案件编号已存在，请重试', { reason: 'duplicate_id', caseId: c.id }));
    abortIfFailed(checkEventsAgainst(c.id, 0, c, events.get(c.id) ?? []));
    insertCase(sql, c, requestKey ?? null);
    pairs.push({ after: c });
  }
  for (const { case: c, expectedVersion } of change.updates) {
    const row = sql.stmt('SELECT version, json FROM cases WHERE id = ?').get(c.id) as Row | undefined;
    if (!row) throw new Rollback(fail('CASE.NOT_FOUND', '案件不存在', { caseId: c.id }));
    if (Number(row.version) !== expectedVersion)
      throw new Rollback(fail('CASE.CONFLICT', CONFLICT_MESSAGE, { caseId: c.id, expectedVersion, storedVersion: Number(row.version) }));
    const before = parseCase(c.id, row.json);
    abortIfFailed(checkEventsAgainst(c.id, before.lastSeq, c, events.get(c.id) ?? []));
    const values = caseValues(c, null);
    const changed = sql.stmt(UPDATE_CASE).run(...UPDATED_INDEXES.map((i) => values[i]), c.id, expectedVersion).changes;
    if (changed !== 1) throw new Rollback(fail('CASE.CONFLICT', CONFLICT_MESSAGE, { caseId: c.id, expectedVersion }));
    pairs.push({ before, after: c });
  }
  insertEvents(sql, change.events);
  const enqueue = sql.stmt(
    'INSERT INTO outbox (key, status, next_attempt_at, at, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
  );
  for (const n of change.notices) {
    const item: OutboxItem = { notice: n, status: 'queued', attempts: 0, nextAttemptAt: n.at, done: {} };
    enqueue.run(n.key, item.status, item.nextAttemptAt, n.at, JSON.stringify(item));
  }
  for (const m of tallyMoves(pairs)) addTally(sql, m.key, m.delta);
}

export function insertCase(sql: Sql, c: Case, requestKey: string | null): void {
  sql.stmt(INSERT_CASE).run(...caseValues(c, requestKey));
}

/** Events in statements of up to 8 rows (one statement per row costs more than the row). */
export function insertEvents(sql: Sql, events: readonly CaseEvent[]): void {
  for (let i = 0; i < events.length; i += EVENTS_PER_STATEMENT) {
    const chunk = events.slice(i, i + EVENTS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const e of chunk) params.push(e.caseId, e.seq, e.at, JSON.stringify(e));
    sql.stmt(INSERT_EVENTS[chunk.length]!).run(...params);
  }
}

export function addTally(sql: Sql, key: TallyRowKey, delta: CaseTally): void {
  sql.stmt(ADD_TALLY).run(key.communityId, key.gridId, key.month, key.categoryId, ...TALLY_KEYS.map((k) => delta[k]));
}

export interface ImportItem {
  case: Case;
  events: CaseEvent[];
  requestKey?: string;
}

/** Writes checked import items (see `SqliteStore.importCases`) in the caller's transaction; the number of events. */
export function insertImport(sql: Sql, items: readonly ImportItem[]): number {
  const sums = new Map<string, { key: TallyRowKey; delta: CaseTally }>();
  let eventCount = 0;
  for (const it of items) {
    insertCase(sql, it.case, it.requestKey ?? null);
    insertEvents(sql, it.events);
    eventCount += it.events.length;
    addInto(sums, it.case);
  }
  for (const s of sums.values()) addTally(sql, s.key, s.delta);
  return eventCount;
}

/** Recomputes every board counter from the stored cases, in one transaction; the number of rows. */
export function rebuildTallies(sql: Sql): number {
  return sql.db
    .transaction((): number => {
      sql.db.exec('DELETE FROM tallies');
      const sums = new Map<string, { key: TallyRowKey; delta: CaseTally }>();
      for (const r of sql.db.prepare('SELECT id, json FROM cases').iterate() as Iterable<Row>) {
        addInto(sums, parseCase(String(r.id), r.json));
      }
      for (const s of sums.values()) addTally(sql, s.key, s.delta);
      return sums.size;
    })
    .immediate();
}

/** Adds a case's tally to the running sums of its counter row. */
function addInto(sums: Map<string, { key: TallyRowKey; delta: CaseTally }>, c: Case): void {
  const key = tallyRowKeyOf(c);
  const id = tallyRowId(key);
  let row = sums.get(id);
  if (!row) {
    row = { key, delta: emptyTally() };
    sums.set(id, row);
  }
  const t = tallyCase(c);
  for (const k of TALLY_KEYS) row.delta[k] += t[k];
}
