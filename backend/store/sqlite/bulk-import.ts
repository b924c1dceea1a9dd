/**
 * The bulk import's rows, built apart from their insertion. `importRowsOf` checks a batch of import
 * items (the same checks as `SqliteStore.importCases`) and turns it into the flat column values of
 * its cases and events and the sums of its counter rows: the JSON texts, the derived columns and the
 * tallies — most of a batch's CPU outside SQLite. It touches no database, so a seeding run calls
 * it on a worker thread while the main thread inserts the previous batch (`importRows`), which then
 * only binds values to statements prepared once, `CASES_PER_STATEMENT` rows each.
 */
import type { CaseEvent } from '../../../core/model';
import { fail, ok, type Result } from '../../../core/errors';
import { TALLY_KEYS, emptyTally, tallyCase, type CaseTally } from '../../../core/metrics';
import { caseEventSchema, caseSchema, checkRecord } from '../schemas';
import { checkEventsAgainst, tallyRowId, tallyRowKeyOf, type TallyRowKey } from '../cursor';
import { CASE_COLUMNS, caseValues } from './schema';
import { addTally, type ImportItem } from './case-writes';
import type { Sql } from './sql';

/** Rows per multi-row INSERT (cases: 21 values each; events: 4). */
export const CASES_PER_STATEMENT = 50;
export const EVENTS_PER_STATEMENT = 200;
const EVENT_COLUMNS = ['case_id', 'seq', 'at', 'json'] as const;

/** A checked batch as column values: `CASE_COLUMNS` per case, then `case_id, seq, at, json` per event. */
export interface ImportRows {
  caseValues: unknown[];
  eventValues: unknown[];
  tallies: { key: TallyRowKey; delta: CaseTally }[];
}

/** The checks `importCases` runs on a batch before writing it; `checkRecords`: the per-record zod pass too. */
export function checkImportItems(items: readonly ImportItem[], checkRecords: boolean): Result<void> {
  for (const it of items) {
    const issues = checkRecords
      ? (checkRecord(caseSchema, it.case) ?? it.events.map((e) => checkRecord(caseEventSchema, e)).find(Boolean))
      : undefined;
    if (issues) return fail('INTERNAL', `导入数据格式不正确：案件 ${String(it.case?.id)}`, issues);
    if (it.events.some((e) => e.caseId !== it.case.id))
      return fail('INTERNAL', `导入数据格式不正确：案件 ${it.case.id} 的事件属于其他案件`);
    const seqs = checkEventsAgainst(it.case.id, 0, it.case, it.events);
    if (!seqs.ok) return seqs;
  }
  return ok(undefined);
}

/** Checks a batch and builds its rows (no database: any thread may call it). */
export function importRowsOf(items: readonly ImportItem[], checkRecords: boolean): Result<ImportRows> {
  const checked = checkImportItems(items, checkRecords);
  if (!checked.ok) return checked;
  const caseRows: unknown[] = [];
  const eventRows: unknown[] = [];
  const sums = new Map<string, { key: TallyRowKey; delta: CaseTally }>();
  for (const it of items) {
    const values = caseValues(it.case, it.requestKey ?? null);
    for (const v of values) caseRows.push(v);
    for (const e of it.events) eventRows.push(e.caseId, e.seq, e.at, JSON.stringify(e satisfies CaseEvent));
    const key = tallyRowKeyOf(it.case);
    const id = tallyRowId(key);
    let row = sums.get(id);
    if (!row) {
      row = { key, delta: emptyTally() };
      sums.set(id, row);
    }
    const t = tallyCase(it.case);
    for (const k of TALLY_KEYS) row.delta[k] += t[k];
  }
  return ok({ caseValues: caseRows, eventValues: eventRows, tallies: [...sums.values()] });
}

/** Whether `rows` has the shape `importRowsOf` builds (it may have crossed a thread boundary). */
export function rowsShapeOk(rows: ImportRows): boolean {
  return (
    Array.isArray(rows?.caseValues) &&
    Array.isArray(rows.eventValues) &&
    Array.isArray(rows.tallies) &&
    rows.caseValues.length % CASE_COLUMNS.length === 0 &&
    rows.eventValues.length % EVENT_COLUMNS.length === 0
  );
}

/** Writes built rows in the caller's transaction, in statements of many rows; the number of events. */
export function insertImportRows(sql: Sql, rows: ImportRows): number {
  insertMany(sql, 'cases', CASE_COLUMNS, CASES_PER_STATEMENT, rows.caseValues);
  insertMany(sql, 'events', EVENT_COLUMNS, EVENTS_PER_STATEMENT, rows.eventValues);
  for (const s of rows.tallies) addTally(sql, s.key, s.delta);
  return rows.eventValues.length / EVENT_COLUMNS.length;
}

function insertMany(sql: Sql, table: string, columns: readonly string[], perStatement: number, values: readonly unknown[]): void {
  const width = columns.length;
  const rows = values.length / width;
  const statementOf = (n: number) =>
    sql.stmt(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: n }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
    );
  const full = statementOf(perStatement);
  let at = 0;
  for (; at + perStatement <= rows; at += perStatement) full.run(values.slice(at * width, (at + perStatement) * width));
  if (at < rows) statementOf(rows - at).run(values.slice(at * width));
}

/**
 * Runs `build` (the index builds at the end of a bulk import) with settings for sorting a million
 * rows fifteen times: SQLite's sorter on helper threads, the file mapped instead of read page by
 * page, and a larger page cache. Each is a read or memory setting — none changes what is written or
 * when it is synced — and each is put back as it was afterwards, whatever happens.
 */
export function withIndexBuildSettings<T>(db: Sql['db'], build: () => T): T {
  const settings = { threads: '2', mmap_size: String(0x7fff0000), cache_size: '-524288' } as const;
  const before = Object.fromEntries(Object.keys(settings).map((k) => [k, String(db.pragma(k, { simple: true }))]));
  try {
    for (const [k, v] of Object.entries(settings)) db.pragma(`${k} = ${v}`);
    return build();
  } finally {
    for (const [k, v] of Object.entries(before)) db.pragma(`${k} = ${v}`);
  }
}
