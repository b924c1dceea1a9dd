/**
 * The store on SQLite (better-sqlite3) for the local host.
 *
 * Durability: WAL, and no write is acknowledged before the WAL file holding it is flushed to disk
 * (`sqlite/wal-sync.ts`), so a commit the caller saw acknowledged survives a power cut. The flush
 * runs on the thread pool rather than inside COMMIT (`synchronous = NORMAL` plus our own
 * fdatasync, which acknowledges exactly what FULL would), so the event loop keeps working during it.
 * better-sqlite3 is synchronous, so two calls in the same process never interleave; case commits
 * are grouped (see `commit`) so that concurrent ones share one fsync. Writes take the write lock up
 * front (`BEGIN IMMEDIATE`) so that another process cannot slip in between a read and the write
 * that depends on it.
 *
 * Cases are stored whole as JSON, with the fields the lists filter and sort on copied into indexed
 * columns. Lists page by key (sort key, id) — never OFFSET — with one index per list shape.
 *
 * This class is the port; the work is in `sqlite/`: the schema and migrations (`schema.ts`), list
 * planning (`case-lists.ts`), case writes and counters (`case-writes.ts`), and the outbox, inbox
 * and subscription quotas (`notifications.ts`).
 */
import Database from 'better-sqlite3';
import type { Case, CaseEvent } from '../../core/model';
import { fail, ok, type Result } from '../../core/errors';
import { isZeroTally } from '../../core/metrics';
import type {
  CaseChange,
  CaseFilter,
  CasePage,
  CaseQuery,
  InboxMessage,
  OutboxItem,
  OutboxStatus,
  DeliveryChannel,
  Store,
  TallyQuery,
  TallyRow,
} from './store.port';
import { REF_KINDS, type RefDocs, type RefKind } from './ref-docs';
import { assertRecord, caseEventSchema, parseStoredJson, refSchemas, parseTallyRow, matchesWhere } from './schemas';
import { DEFAULT_ORDER, InvalidQueryError, checkChangeShape, checkLimit, decodeCursor, encodeCursor } from './cursor';
import {
  CASE_COLUMNS,
  MIGRATIONS,
  TALLY_COLUMNS,
  migrate,
  rebuildSetAsideIndexes,
  setIndexesAside,
  syncTallyColumns,
} from './sqlite/schema';
import { WalSync } from './sqlite/wal-sync';
import { Checkpointer, WAL_BOUND_PAGES } from './sqlite/checkpointer';
import { skipsImportCheck } from './built-change';
import { RefCache } from './sqlite/ref-cache';
import { Sql, isSqliteConstraint, parseCase, type Row } from './sqlite/sql';
import { countSql, listSql, mergeStreams } from './sqlite/case-lists';
import { applyChange, insertImport, rebuildTallies, writeGroup, type GroupOutcome, type ImportItem } from './sqlite/case-writes';
import * as notifications from './sqlite/notifications';
import { checkImportItems, insertImportRows, rowsShapeOk, withIndexBuildSettings, type ImportRows } from './sqlite/bulk-import';

export { planList } from './sqlite/case-lists';
export type { ImportItem } from './sqlite/case-writes';

export class SqliteStore implements Store {
  /** The schema version this code writes (`PRAGMA user_version` after migrations). */
  static readonly SCHEMA_VERSION = MIGRATIONS.length;

  private readonly sql: Sql;
  /** Cases imported since the WAL was last checkpointed (see `importCases`). */
  private importedSinceCheckpoint = 0;
  /** A group's WAL flush is under way: new cases wait for it to end (see `flushCommits`). */
  private groupFlushing = false;
  /**
   * Group commits so far, the new cases they wrote, the groups written a second time with a
   * savepoint per change because one was refused, and WAL flushes (for the bench's figures).
   */
  readonly groupStats = { groups: 0, changes: 0, retried: 0 };
  get walFlushes(): number {
    return this.wal.flushes;
  }
  /** SQL statements run so far through the prepared-statement cache (for the bench's figures). */
  get statementsUsed(): number {
    return this.sql.used;
  }
  /** Case changes waiting for the next group commit (see `commit`). */
  private queued: { change: CaseChange; resolve: (r: Result<void>) => void; reject: (e: unknown) => void }[] = [];

  /** Reference documents read and validated once (see `sqlite/ref-cache.ts`). */
  private readonly refs: RefCache;
  /** Flushes the WAL before a write is acknowledged. */
  private readonly wal: WalSync;
  /** Checkpoints the WAL on a worker thread (files only; see `sqlite/checkpointer.ts`). */
  private checkpoints: Checkpointer | undefined;

  private constructor(private readonly db: Database.Database) {
    this.sql = new Sql(db);
    const dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.refs = new RefCache(() => dataVersion.get() as number);
    this.wal = new WalSync(db.memory ? undefined : `${db.name}-wal`);
  }

  /** The worker that checkpoints the WAL; undefined in memory. */
  get checkpointer(): Checkpointer | undefined {
    return this.checkpoints;
  }

  /** Opens (creating and migrating as needed) the database in `file`; `':memory:'` for tests. */
  static open(file: string): SqliteStore {
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      // NORMAL: SQLite syncs around checkpoints; each write's own flush is `WalSync` (module comment).
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('temp_store = MEMORY');
      db.pragma('cache_size = -131072'); // 128 MiB: the hot index pages of a million cases
      db.pragma('journal_size_limit = 67108864'); // the WAL shrinks back after a bulk import
      const store = new SqliteStore(db);
      migrate(db);
      if (syncTallyColumns(db)) store.rebuildTallies();
      rebuildSetAsideIndexes(db); // a bulk import that stopped half way left some out
      if (!db.memory) {
        // The worker checkpoints; the writer itself only past the bound (a stalled worker).
        db.pragma(`wal_autocheckpoint = ${WAL_BOUND_PAGES}`);
        store.checkpoints = new Checkpointer(db.name);
      }
      // No ANALYZE / PRAGMA optimize: lists name their index (planList), and sampled statistics
      // misled the planner at a million cases.
      return store;
    } catch (e) {
      db.close();
      throw e;
    }
  }

  /** The schema version of the open file. */
  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** The connection's durability settings, for a health check: WAL, FULL sync, foreign keys, busy timeout. */
  connectionSettings(): {
    journalMode: string;
    synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
    /** Each write's WAL frames are flushed before it is acknowledged (`WalSync`); false in memory. */
    flushedBeforeAck: boolean;
    foreignKeys: boolean;
    busyTimeoutMs: number;
    /** The WAL size (pages) at which a commit checkpoints itself; the worker checkpoints long before. */
    walAutocheckpointPages: number;
  } {
    const sync = this.db.pragma('synchronous', { simple: true }) as number;
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[sync] ?? 'OFF',
      flushedBeforeAck: !this.db.memory,
      foreignKeys: this.db.pragma('foreign_keys', { simple: true }) === 1,
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
      walAutocheckpointPages: Number(this.db.pragma('wal_autocheckpoint', { simple: true })),
    };
  }

  private stmt(sql: string): Database.Statement {
    return this.sql.stmt(sql);
  }

  // ——— reference data ———

  async getRef<K extends RefKind>(kind: K, id: string): Promise<RefDocs[K] | undefined> {
    const schema = refSchemaOf(kind);
    const kept = this.refs.get(kind, id) as RefDocs[K] | undefined;
    if (kept !== undefined) return kept;
    const row = this.stmt('SELECT json FROM refs WHERE kind = ? AND id = ?').get(kind, id) as Row | undefined;
    return row ? this.refs.keep(kind, id, parseStoredJson(schema, row.json, `refs/${kind}/${id}`)) : undefined;
  }

  async listRef<K extends RefKind>(kind: K, where?: Partial<RefDocs[K]>): Promise<RefDocs[K][]> {
    const schema = refSchemaOf(kind);
    if (this.refs.listed(kind)) {
      const kept = this.refs.list<RefDocs[K]>(kind, (doc) => matchesWhere(doc, where));
      if (kept) return kept;
      const rows = this.stmt('SELECT id, json FROM refs WHERE kind = ? ORDER BY id').all(kind) as Row[];
      this.refs.keepList(
        kind,
        rows.map((r) => parseStoredJson(schema, r.json, `refs/${kind}/${String(r.id)}`)),
      );
      return this.refs.list<RefDocs[K]>(kind, (doc) => matchesWhere(doc, where)) ?? [];
    }
    const conditions = Object.entries(where ?? {}).filter(([, v]) => v !== undefined);
    // Narrow in SQL on plain top-level values; the exact comparison is made below on parsed docs.
    const sqlFilters = conditions.filter(
      ([k, v]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && ['string', 'number', 'boolean'].includes(typeof v),
    );
    const sql =
      'SELECT id, json FROM refs WHERE kind = ?' + sqlFilters.map(() => ' AND json_extract(json, ?) = ?').join('') + ' ORDER BY id';
    const params: unknown[] = [kind];
    for (const [k, v] of sqlFilters) params.push(`$.${k}`, typeof v === 'boolean' ? (v ? 1 : 0) : v);
    const rows = this.stmt(sql).all(...params) as Row[];
    return rows.map((r) => parseStoredJson(schema, r.json, `refs/${kind}/${String(r.id)}`)).filter((doc) => matchesWhere(doc, where));
  }

  async putRef<K extends RefKind>(kind: K, doc: RefDocs[K]): Promise<void> {
    const schema = refSchemaOf(kind);
    assertRecord(schema, doc, `refs/${kind}/${String((doc as { id?: unknown }).id)}`);
    this.stmt('INSERT INTO refs (kind, id, json) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET json = excluded.json').run(
      kind,
      doc.id,
      JSON.stringify(doc),
    );
    this.refs.forget(kind);
    await this.wal.durable();
  }

  async createRef<K extends RefKind>(kind: K, doc: RefDocs[K]): Promise<boolean> {
    const schema = refSchemaOf(kind);
    assertRecord(schema, doc, `refs/${kind}/${String((doc as { id?: unknown }).id)}`);
    const r = this.stmt('INSERT INTO refs (kind, id, json) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO NOTHING').run(
      kind,
      doc.id,
      JSON.stringify(doc),
    );
    return r.changes === 1;
  }

  // ——— cases ———

  async getCase(id: string): Promise<Case | undefined> {
    return this.readCase(id);
  }

  private readCase(id: string): Case | undefined {
    const row = this.stmt('SELECT json FROM cases WHERE id = ?').get(id) as Row | undefined;
    return row ? parseCase(id, row.json) : undefined;
  }

  async findCaseIdByRequest(requestKey: string): Promise<string | undefined> {
    const row = this.stmt('SELECT id FROM cases WHERE request_key = ?').get(requestKey) as Row | undefined;
    return row ? String(row.id) : undefined;
  }

  async listCases(query: CaseQuery): Promise<CasePage> {
    const limit = checkLimit(query);
    const order = query.order ?? DEFAULT_ORDER;
    const after = query.cursor ? decodeCursor(query.cursor, order) : undefined;
    const parts = listSql(query, order, after, limit + 1);
    const keys = mergeStreams(this.sql, parts, order, limit + 1);
    const page = keys.slice(0, limit);
    // Only the cases of the page are read whole: the streams above read index entries only.
    const json = new Map<string, unknown>();
    for (let i = 0; i < page.length; i += 500) {
      const ids = page.slice(i, i + 500).map((k) => k.id);
      const rows = this.stmt(`SELECT id, json FROM cases WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as Row[];
      for (const r of rows) json.set(String(r.id), r.json);
    }
    const items = page.map((k) => parseCase(k.id, json.get(k.id)));
    const last = page[page.length - 1];
    return keys.length > limit && last ? { items, nextCursor: encodeCursor({ order, key: last.key, id: last.id }) } : { items };
  }

  /** The query plans (`EXPLAIN QUERY PLAN` details) of the statements `listCases(query)` runs. */
  explainListCases(query: CaseQuery): string[][] {
    const order = query.order ?? DEFAULT_ORDER;
    const after = query.cursor ? decodeCursor(query.cursor, order) : undefined;
    return listSql(query, order, after, checkLimit(query) + 1).map((p) =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${p.sql}`).all(...p.params) as { detail: string }[]).map((r) => r.detail),
    );
  }

  async countCases(query: CaseFilter, cap?: number): Promise<number> {
    const { sql, params } = countSql(query, cap);
    return Number((this.stmt(sql).get(...params) as Row).n);
  }

  /** The query plan (`EXPLAIN QUERY PLAN` details) of the statement `countCases(query)` runs. */
  explainCountCases(query: CaseFilter, cap?: number): string[] {
    const { sql, params } = countSql(query, cap);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  }

  async getTimeline(caseId: string): Promise<CaseEvent[]> {
    const rows = this.stmt('SELECT seq, json FROM events WHERE case_id = ? ORDER BY seq').all(caseId) as Row[];
    return rows.map((r) => parseStoredJson(caseEventSchema, r.json, `events/${caseId}:${String(r.seq)}`));
  }

  async openWorkByMember(gridId: string): Promise<Record<string, number>> {
    const rows = this.stmt('SELECT member_id AS member, open AS n FROM member_load WHERE grid_id = ? AND open > 0').all(gridId) as Row[];
    return Object.fromEntries(rows.map((r) => [String(r.member), Number(r.n)]));
  }

  async listDueCases(now: string, limit: number): Promise<Case[]> {
    const rows = this.stmt(
      `SELECT id, json FROM cases WHERE next_check_at IS NOT NULL AND next_check_at <= ?
       ORDER BY next_check_at, id LIMIT ?`,
    ).all(now, Math.max(0, Math.floor(limit))) as Row[];
    return rows.map((r) => parseCase(String(r.id), r.json));
  }

  async lastCaseNumber(scope: string): Promise<number> {
    const row = this.stmt('SELECT last FROM case_numbers WHERE scope = ?').get(scope) as Row | undefined;
    return row ? Number(row.last) : 0;
  }

  async claimCaseNumbers(scope: string, count: number): Promise<Result<{ first: number }>> {
    if (!Number.isSafeInteger(count) || count < 1) throw new InvalidQueryError(`claimCaseNumbers: bad count ${count}`);
    // One statement, atomic in SQLite: every process that opens the file takes its own numbers.
    const row = this.stmt(
      'INSERT INTO case_numbers (scope, last) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET last = last + excluded.last RETURNING last',
    ).get(scope, count) as Row;
    return ok({ first: Number(row.last) - count + 1 });
  }

  async listUnnumberedCases(limit: number): Promise<Case[]> {
    // Every case the file held when numbers came was numbered by its migration; this finds none
    // unless a case was written without one since (the backfill then numbers it).
    const rows = this.stmt('SELECT id, json FROM cases WHERE case_no IS NULL ORDER BY created_at, id LIMIT ?').all(
      Math.max(0, Math.floor(limit)),
    ) as Row[];
    return rows.map((r) => parseCase(String(r.id), r.json));
  }

  async countCasesByReporterSince(openid: string, since: string, cap?: number): Promise<number> {
    // A plain count of the index range, capped after: the range is one person's cases since the
    // start of a day, which the daily limit keeps short, and a LIMIT needs a subquery that costs a
    // submit more than the count it saves (about 10 µs against 4).
    const row = this.stmt('SELECT COUNT(*) AS n FROM cases WHERE reporter_openid = ? AND created_at >= ?').get(openid, since) as Row;
    const n = Number(row.n);
    return cap === undefined ? n : Math.min(n, Math.max(0, Math.floor(cap)));
  }

  /**
   * New cases are group-committed: those that arrive while one event-loop turn runs are written in
   * one transaction (a refused one is left out alone: see `writeGroup` in `sqlite/case-writes.ts`), so they share one
   * fsync. Every promise settles after that transaction is durable, so an acknowledgement still
   * means the case survives a crash or a power cut. Updates commit at once, as before: a handler
   * reads a case and writes it back with no other request in between, which keeps version
   * conflicts (「案件已被他人更新」) as rare as they can be.
   */
  async commit(change: CaseChange): Promise<Result<void>> {
    const shape = checkChangeShape(change);
    if (!shape.ok) return shape;
    if (change.updates.length > 0) {
      const r = applyChange(this.sql, change);
      await this.wal.durable();
      return r;
    }
    return new Promise((resolve, reject) => {
      this.queued.push({ change, resolve, reject });
      // While the previous group's flush is on the disk, new cases gather for the next group.
      if (this.queued.length === 1 && !this.groupFlushing) setImmediate(() => this.flushCommits());
    });
  }

  /** Writes every queued change; see `commit`. */
  private flushCommits(): void {
    const batch = this.queued.splice(0);
    if (batch.length === 0 || !this.db.open) {
      for (const item of batch) item.reject(new Error('数据库已关闭'));
      return;
    }
    let outcomes: GroupOutcome[];
    this.groupStats.groups++;
    this.groupStats.changes += batch.length;
    try {
      const written = writeGroup(
        this.sql,
        batch.map((item) => item.change),
      );
      if (written.retried) this.groupStats.retried++;
      outcomes = written.outcomes;
    } catch (e) {
      for (const item of batch) item.reject(e);
      return;
    }
    // Answered once the batch is on disk. Meanwhile the next requests are parsed and routed, and
    // the cases they file wait in the queue: they are committed together when this flush ends,
    // so a busy host writes each index page once per flush rather than once per event-loop turn.
    this.groupFlushing = true;
    const next = () => {
      this.groupFlushing = false;
      if (this.queued.length > 0) setImmediate(() => this.flushCommits());
    };
    this.wal.durable().then(
      () => {
        next();
        batch.forEach((item, i) => {
          const o = outcomes[i]!;
          if ('result' in o) item.resolve(o.result);
          else item.reject(o.thrown);
        });
      },
      (e: unknown) => {
        next();
        batch.forEach((item) => item.reject(e));
      },
    );
  }

  /**
   * Before a large import (a million cases): sets the list indexes aside — every non-unique index
   * of cases and events; the keys and unique indexes that catch duplicates stay — so rows go in
   * without updating a dozen B-trees each, and `endBulkImport` builds each index once, sorted.
   * Lists that name an index fail until then; a process that dies in between gets them back the
   * next time the file is opened.
   */
  beginBulkImport(): void {
    this.checkpoints?.pause(); // `importCases` asks for one every ~50 000 cases instead
    setIndexesAside(this.db);
    this.sql.forgetStatements(); // prepared lists name indexes that are gone for now
  }

  /** After a bulk import: builds the indexes `beginBulkImport` set aside. */
  endBulkImport(): void {
    this.checkpoints?.resume(); // copies each index built while the next one is built
    if (withIndexBuildSettings(this.db, () => rebuildSetAsideIndexes(this.db))) this.sql.forgetStatements();
  }

  /**
   * Bulk insert for seeding and benchmarks: every case with its events in one transaction (call it
   * with batches of about 10 000), counters included. Records are validated like `commit` does; a
   * case id or request key already stored fails the whole batch with `CASE.CONFLICT`.
   */
  async importCases(items: ImportItem[]): Promise<Result<{ cases: number; events: number }>> {
    const checked = checkImportItems(items, !skipsImportCheck(items));
    if (!checked.ok) return checked;
    return this.writeImport(items.length, () => insertImport(this.sql, items));
  }

  /**
   * The same as `importCases` for a batch already checked and turned into rows by `importRowsOf`
   * (`sqlite/bulk-import.ts`), typically on a worker thread while the previous batch is written
   * here. Only rows of that shape are taken; SQLite's keys still refuse a case id or event stored
   * before (`CASE.CONFLICT`, the whole batch left out).
   */
  async importRows(rows: ImportRows): Promise<Result<{ cases: number; events: number }>> {
    if (!rowsShapeOk(rows)) return fail('INTERNAL', '导入数据格式不正确：行的列数不对');
    return this.writeImport(rows.caseValues.length / CASE_COLUMNS.length, () => insertImportRows(this.sql, rows));
  }

  private async writeImport(cases: number, insert: () => number): Promise<Result<{ cases: number; events: number }>> {
    const run = this.db.transaction(insert);
    // Every event was checked above to belong to its own case, so the per-row foreign key lookup
    // is skipped (the pragma only takes effect outside a transaction). No commit checkpoints: the
    // WAL is checkpointed every ~50 000 cases, so index pages several batches touch are copied
    // once, and on a file by the worker (`sqlite/checkpointer.ts`) on the other core while the next
    // batches go in. Durability is the same: each batch is in the flushed WAL when this returns. Batches marked `builtImport` (the
    // core's records) skip the per-record zod pass; the checks of ids and timelines stay.
    this.db.pragma('foreign_keys = OFF');
    this.db.pragma('wal_autocheckpoint = 0');
    try {
      const events = run.immediate();
      await this.wal.durable();
      this.importedSinceCheckpoint += cases;
      if (this.importedSinceCheckpoint >= 50_000) {
        // On a file the worker copies the WAL on the other core while the next batches go in.
        if (this.checkpoints) this.checkpoints.now();
        else this.db.pragma('wal_checkpoint(PASSIVE)');
        this.importedSinceCheckpoint = 0;
      }
      return ok({ cases, events });
    } catch (e) {
      if (isSqliteConstraint(e)) return fail('CASE.CONFLICT', '导入的案件编号、请求号或事件已存在', { constraint: e.message });
      throw e;
    } finally {
      this.db.pragma(`wal_autocheckpoint = ${this.db.memory ? 1000 : WAL_BOUND_PAGES}`);
      this.db.pragma('foreign_keys = ON');
    }
  }

  /** Recomputes every board counter from the stored cases (repair, or after a new tally key). */
  rebuildTallies(): number {
    return rebuildTallies(this.sql);
  }

  // ——— board counters ———

  async readTallies(query: TallyQuery): Promise<TallyRow[]> {
    const clauses = ['month >= ?', 'month <= ?'];
    const params: unknown[] = [query.fromMonth, query.toMonth];
    if (query.communityId !== undefined) {
      clauses.push('community_id = ?');
      params.push(query.communityId);
    }
    if (query.gridId !== undefined) {
      clauses.push('grid_id = ?');
      params.push(query.gridId);
    }
    const rows = this.stmt(
      `SELECT community_id, grid_id, month, category_id, ${TALLY_COLUMNS.join(', ')} FROM tallies
       WHERE ${clauses.join(' AND ')} ORDER BY month, community_id, grid_id, category_id`,
    ).all(...params) as Row[];
    // Rows a case moved away from are left at zero: they say nothing, so they are not returned.
    const out = rows.map((r) =>
      parseTallyRow(
        [r.community_id, r.grid_id, r.month, r.category_id],
        TALLY_COLUMNS.map((c) => r[c]),
        `tallies/${String(r.community_id)}|${String(r.grid_id)}|${String(r.month)}|${String(r.category_id)}`,
      ),
    );
    return out.filter((r) => !isZeroTally(r.tally));
  }

  // ——— notifications ———

  async claimOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxItem[]> {
    const r = notifications.claimOutbox(this.sql, now, limit, leaseMs);
    await this.wal.durable();
    return r;
  }

  async claimDelivery(noticeKey: string, channel: DeliveryChannel, until: string): Promise<boolean> {
    const r = notifications.claimDelivery(this.sql, noticeKey, channel, until);
    await this.wal.durable();
    return r;
  }

  async saveOutbox(item: OutboxItem): Promise<void> {
    notifications.saveOutbox(this.sql, item);
    await this.wal.durable();
  }

  async listOutbox(status?: OutboxStatus): Promise<OutboxItem[]> {
    return notifications.listOutbox(this.sql, status);
  }

  async addInboxMessage(msg: InboxMessage): Promise<void> {
    notifications.addInboxMessage(this.sql, msg);
    await this.wal.durable();
  }

  async listInbox(openid: string, limit: number, before?: string): Promise<InboxMessage[]> {
    return notifications.listInbox(this.sql, openid, limit, before);
  }

  async countUnread(openid: string): Promise<number> {
    return notifications.countUnread(this.sql, openid);
  }

  async markRead(openid: string, ids: string[] | 'all'): Promise<number> {
    const r = notifications.markRead(this.sql, openid, ids);
    await this.wal.durable();
    return r;
  }

  async addSubscriptionQuota(openid: string, templateKey: string, count: number): Promise<void> {
    notifications.addSubscriptionQuota(this.sql, openid, templateKey, count);
    await this.wal.durable();
  }

  async takeSubscriptionQuota(openid: string, templateKey: string): Promise<boolean> {
    const r = notifications.takeSubscriptionQuota(this.sql, openid, templateKey);
    await this.wal.durable();
    return r;
  }

  async clearSubscriptionQuota(openid: string, templateKey: string): Promise<void> {
    notifications.clearSubscriptionQuota(this.sql, openid, templateKey);
    await this.wal.durable();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flushCommits(); // nothing queued is dropped
    await this.wal.durable();
    await this.wal.close();
    await this.checkpointer?.stop(); // its connection first: the last to close checkpoints and removes the WAL
    this.db.close();
  }
}

function refSchemaOf<K extends RefKind>(kind: K): (typeof refSchemas)[K] {
  if (!REF_KINDS.includes(kind)) throw new InvalidQueryError(`未知的资料类型：${String(kind)}`);
  return refSchemas[kind];
}
