/**
 * The store on SQLite (better-sqlite3) for the local host.
 *
 * Durability: WAL with `synchronous = FULL`, so a commit the caller saw acknowledged survives a
 * power cut (NORMAL may lose the last transactions on power loss — not acceptable here).
 * better-sqlite3 is synchronous, so two calls in the same process never interleave; case commits
 * are grouped (see `commit`) so that concurrent ones share one fsync. Writes take the write lock up
 * front (`BEGIN IMMEDIATE`) so that another process cannot slip in between a read and the write
 * that depends on it.
 *
 * Cases are stored whole as JSON, with the fields the lists filter and sort on copied into indexed
 * columns. Lists page by key (sort key, id) — never OFFSET — with one index per list shape.
 */
import Database from 'better-sqlite3';
import type { Case, CaseEvent } from '../../core/model';
import { CASE_STATUSES } from '../../core/model';
import { fail, ok, type Result } from '../../core/errors';
import { textsWaitingOf } from '../../core/public-text';
import { TALLY_KEYS, emptyTally, isZeroTally, tallyCase, type CaseTally } from '../../core/metrics';
import type {
  CaseChange,
  CaseFilter,
  CaseOrder,
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
import {
  assertRecord,
  caseEventSchema,
  caseSchema,
  checkRecord,
  inboxMessageSchema,
  outboxItemSchema,
  parseStoredJson,
  refSchemas,
  parseTallyRow,
  InvalidRecordError,
  StoredRecordError,
  matchesWhere,
} from './schemas';
import {
  DEFAULT_ORDER,
  InvalidQueryError,
  checkChangeShape,
  checkEventsAgainst,
  checkLimit,
  compareInOrder,
  decodeCursor,
  departmentOf,
  dueKeyOf,
  encodeCursor,
  eventsByCase,
  isDescending,
  tallyColumnOf,
  tallyMoves,
  tallyRowId,
  tallyRowKeyOf,
  type CursorPosition,
  type TallyRowKey,
} from './cursor';

type Db = Database.Database;
type Row = Record<string, unknown>;

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Never edit one
 * that has shipped: add the next. The tallies' count columns are not here: they follow `TALLY_KEYS`
 * (see `syncTallyColumns`).
 */
const MIGRATIONS: readonly string[] = [
  // 1 — the initial schema.
  `
  CREATE TABLE cases (
    id               TEXT PRIMARY KEY,
    version          INTEGER NOT NULL,
    street_id        TEXT NOT NULL,
    community_id     TEXT NOT NULL,
    grid_id          TEXT NOT NULL,
    building_id      TEXT,
    category_id      TEXT NOT NULL,
    status           TEXT NOT NULL,
    severity         TEXT NOT NULL,
    holder_openid    TEXT,
    holder_member_id TEXT,
    reporter_openid  TEXT NOT NULL,
    department_id    TEXT,
    is_public        INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    -- The running deadline, or '~' when no clock runs (sorts last, never overdue).
    due_at           TEXT NOT NULL,
    next_check_at    TEXT,
    request_key      TEXT,
    json             TEXT NOT NULL
  );
  -- A retried create finds the first case; imported cases have no request key.
  CREATE UNIQUE INDEX cases_request ON cases (request_key) WHERE request_key IS NOT NULL;
  -- One index per list shape (see planList). Every case newest first is read from the board index
  -- (public and not public, merged), which spares a (created_at) index on every write.
  -- resident: my cases, newest first
  CREATE INDEX cases_reporter ON cases (reporter_openid, created_at, id);
  -- member: my tasks by status, nearest deadline first
  -- (created_at rides along so that finished tasks, newest first, sort from the index alone)
  CREATE INDEX cases_holder ON cases (holder_openid, status, due_at, id, created_at);
  -- admin: a community's cases, all or by status, newest first or nearest deadline first
  CREATE INDEX cases_community ON cases (community_id, created_at, id);
  CREATE INDEX cases_community_status ON cases (community_id, status, created_at, id);
  CREATE INDEX cases_community_status_due ON cases (community_id, status, due_at, id);
  -- a grid's cases by status (and the open work of its members, for routing)
  CREATE INDEX cases_grid_status ON cases (grid_id, status, created_at, id);
  -- board: public cases, all communities or one
  CREATE INDEX cases_public ON cases (is_public, created_at, id);
  CREATE INDEX cases_community_public ON cases (community_id, is_public, created_at, id);
  -- street: every case by status; the nearest deadlines (overdue: due_at <= now)
  CREATE INDEX cases_status ON cases (status, created_at, id);
  CREATE INDEX cases_due ON cases (due_at, id);
  -- departments called by a whistle; the timer
  CREATE INDEX cases_department ON cases (department_id, status, created_at, id) WHERE department_id IS NOT NULL;
  CREATE INDEX cases_next_check ON cases (next_check_at, id) WHERE next_check_at IS NOT NULL;

  CREATE TABLE events (
    case_id TEXT NOT NULL REFERENCES cases (id),
    seq     INTEGER NOT NULL,
    at      TEXT NOT NULL,
    json    TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
  ) WITHOUT ROWID;
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;
  CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;

  CREATE TABLE outbox (
    key             TEXT PRIMARY KEY,
    status          TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    at              TEXT NOT NULL,
    json            TEXT NOT NULL
  );
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at, key);
  CREATE INDEX outbox_at ON outbox (at, key);

  CREATE TABLE inbox (
    id     TEXT PRIMARY KEY,
    openid TEXT NOT NULL,
    at     TEXT NOT NULL,
    read   INTEGER NOT NULL,
    json   TEXT NOT NULL
  );
  CREATE INDEX inbox_openid ON inbox (openid, at, id);
  CREATE INDEX inbox_unread ON inbox (openid) WHERE read = 0;

  CREATE TABLE subscription_quotas (
    openid       TEXT NOT NULL,
    template_key TEXT NOT NULL,
    count        INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (openid, template_key)
  ) WITHOUT ROWID;

  CREATE TABLE tallies (
    community_id TEXT NOT NULL,
    grid_id      TEXT NOT NULL,
    month        TEXT NOT NULL,
    category_id  TEXT NOT NULL,
    PRIMARY KEY (community_id, grid_id, month, category_id)
  ) WITHOUT ROWID;
  CREATE INDEX tallies_month ON tallies (month);

  CREATE TABLE refs (
    kind TEXT NOT NULL,
    id   TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  ) WITHOUT ROWID;
  `,
  // 2 — open work per member, kept by triggers so routing reads one small row per member
  // instead of counting a grid's open cases on every submit.
  `
  CREATE TABLE member_load (
    grid_id   TEXT NOT NULL,
    member_id TEXT NOT NULL,
    open      INTEGER NOT NULL,
    PRIMARY KEY (grid_id, member_id)
  ) WITHOUT ROWID;
  INSERT INTO member_load (grid_id, member_id, open)
    SELECT grid_id, holder_member_id, COUNT(*) FROM cases
    WHERE holder_member_id IS NOT NULL AND status IN ('pending', 'assigned', 'processing', 'escalated')
    GROUP BY grid_id, holder_member_id;
  CREATE TRIGGER member_load_insert AFTER INSERT ON cases
    WHEN NEW.holder_member_id IS NOT NULL AND NEW.status IN ('pending', 'assigned', 'processing', 'escalated')
  BEGIN
    INSERT INTO member_load (grid_id, member_id, open) VALUES (NEW.grid_id, NEW.holder_member_id, 1)
      ON CONFLICT (grid_id, member_id) DO UPDATE SET open = open + 1;
  END;
  CREATE TRIGGER member_load_update_old AFTER UPDATE OF status, holder_member_id, grid_id ON cases
    WHEN OLD.holder_member_id IS NOT NULL AND OLD.status IN ('pending', 'assigned', 'processing', 'escalated')
  BEGIN
    UPDATE member_load SET open = open - 1 WHERE grid_id = OLD.grid_id AND member_id = OLD.holder_member_id;
  END;
  CREATE TRIGGER member_load_update_new AFTER UPDATE OF status, holder_member_id, grid_id ON cases
    WHEN NEW.holder_member_id IS NOT NULL AND NEW.status IN ('pending', 'assigned', 'processing', 'escalated')
  BEGIN
    INSERT INTO member_load (grid_id, member_id, open) VALUES (NEW.grid_id, NEW.holder_member_id, 1)
      ON CONFLICT (grid_id, member_id) DO UPDATE SET open = open + 1;
  END;
  CREATE TRIGGER member_load_delete AFTER DELETE ON cases
    WHEN OLD.holder_member_id IS NOT NULL AND OLD.status IN ('pending', 'assigned', 'processing', 'escalated')
  BEGIN
    UPDATE member_load SET open = open - 1 WHERE grid_id = OLD.grid_id AND member_id = OLD.holder_member_id;
  END;
  `,
  // 3 — the admin's case list filtered by category, in a grid or a community: the category is read
  // from the index, so neither the page nor its count (「共 N 件」) looks at rows of other categories.
  `
  CREATE INDEX cases_grid_category ON cases (grid_id, category_id, status, created_at, id);
  CREATE INDEX cases_community_category ON cases (community_id, category_id, status, created_at, id);
  `,
  // 4 — the list indexes set aside during a bulk import (see \`beginBulkImport\`), to be rebuilt.
  `
  CREATE TABLE set_aside_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL);
  `,
  // 5 — the review list of public texts (审核后公开): public cases with texts waiting. A case
  // stored before review existed is listed once; reviewing it sets the flag from its own texts.
  `
  ALTER TABLE cases ADD COLUMN texts_waiting INTEGER NOT NULL DEFAULT 0;
  UPDATE cases SET texts_waiting = 1 WHERE is_public = 1 AND status <> 'merged';
  CREATE INDEX cases_texts_waiting ON cases (created_at, id) WHERE texts_waiting = 1;
  `,
];

const CASE_COLUMNS = [
  'id',
  'version',
  'street_id',
  'community_id',
  'grid_id',
  'building_id',
  'category_id',
  'status',
  'severity',
  'holder_openid',
  'holder_member_id',
  'reporter_openid',
  'department_id',
  'is_public',
  'created_at',
  'due_at',
  'next_check_at',
  'request_key',
  'json',
  'texts_waiting',
] as const;

const TALLY_COLUMNS = TALLY_KEYS.map(tallyColumnOf);

/** Thrown inside a transaction to roll it back and hand a Result to the caller. */
class Rollback {
  constructor(readonly result: Result<never>) {}
}

const CONFLICT_MESSAGE = '案件已被他人更新，请刷新后重试';

/** A case as the values of `CASE_COLUMNS`, in that order. */
function caseValues(c: Case, requestKey: string | null): unknown[] {
  return [
    c.id,
    c.version,
    c.place.streetId,
    c.place.communityId,
    c.place.gridId,
    c.place.buildingId ?? null,
    c.categoryId,
    c.status,
    c.severity,
    c.holder?.openid ?? null,
    c.holder?.memberId ?? null,
    c.reporter.openid,
    departmentOf(c) ?? null,
    c.isPublic ? 1 : 0,
    c.createdAt,
    dueKeyOf(c),
    c.nextCheckAt ?? null,
    requestKey,
    JSON.stringify(c),
    textsWaitingOf(c) ? 1 : 0,
  ];
}

/** Columns an update rewrites (all but the id and the request key), in `CASE_COLUMNS` order. */
const UPDATED_COLUMNS = CASE_COLUMNS.filter((k) => k !== 'id' && k !== 'request_key');

const isSqliteConstraint = (e: unknown): e is { code: string; message: string } =>
  typeof e === 'object' && e !== null && String((e as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT');

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
] as const satisfies readonly (readonly [keyof CaseQuery, (typeof CASE_COLUMNS)[number]])[];

interface SqlPart {
  sql: string;
  params: unknown[];
}

export interface ImportItem {
  case: Case;
  events: CaseEvent[];
  requestKey?: string;
}

export class SqliteStore implements Store {
  /** The schema version this code writes (`PRAGMA user_version` after migrations). */
  static readonly SCHEMA_VERSION = MIGRATIONS.length;

  private readonly statements = new Map<string, Database.Statement>();
  /** Cases imported since the WAL was last checkpointed (see `importCases`). */
  private importedSinceCheckpoint = 0;
  /** Case changes waiting for the next group commit (see `commit`). */
  private queued: { change: CaseChange; resolve: (r: Result<void>) => void; reject: (e: unknown) => void }[] = [];

  private constructor(private readonly db: Db) {}

  /** Opens (creating and migrating as needed) the database in `file`; `':memory:'` for tests. */
  static open(file: string): SqliteStore {
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      // FULL: an acknowledged commit is on disk, power cut or not (see the module comment).
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('temp_store = MEMORY');
      db.pragma('cache_size = -131072'); // 128 MiB: the hot index pages of a million cases
      db.pragma('journal_size_limit = 67108864'); // the WAL shrinks back after a bulk import
      const store = new SqliteStore(db);
      store.migrate();
      store.syncTallyColumns();
      store.rebuildSetAsideIndexes(); // a bulk import that stopped half way left some out
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
    foreignKeys: boolean;
    busyTimeoutMs: number;
  } {
    const sync = this.db.pragma('synchronous', { simple: true }) as number;
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[sync] ?? 'OFF',
      foreignKeys: this.db.pragma('foreign_keys', { simple: true }) === 1,
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  private migrate(): void {
    const current = this.schemaVersion();
    if (current > MIGRATIONS.length) throw new Error(`数据库版本 ${current} 高于程序支持的版本 ${MIGRATIONS.length}，请升级程序后再打开`);
    for (let v = current; v < MIGRATIONS.length; v++) {
      const step = MIGRATIONS[v];
      this.db
        .transaction(() => {
          // Another process opening the same file may have run this step while we waited for the lock.
          if (this.schemaVersion() > v) return;
          this.db.exec(step);
          this.db.pragma(`user_version = ${v + 1}`);
        })
        .immediate();
    }
  }

  /**
   * One INTEGER column per `TALLY_KEYS` entry. A key added to the metrics gets its column here and
   * the counters are rebuilt from the cases, since old rows never counted it.
   */
  private syncTallyColumns(): void {
    const missing = (): string[] => {
      const have = new Set((this.db.pragma('table_info(tallies)') as { name: string }[]).map((c) => c.name));
      return TALLY_COLUMNS.filter((c) => !have.has(c));
    };
    if (missing().length === 0) return;
    const added = this.db
      .transaction((): number => {
        const cols = missing(); // again under the write lock: another process may have added them
        for (const col of cols) this.db.exec(`ALTER TABLE tallies ADD COLUMN ${col} INTEGER NOT NULL DEFAULT 0`);
        return cols.length;
      })
      .immediate();
    if (added > 0 && (this.db.prepare('SELECT EXISTS (SELECT 1 FROM cases) AS any').get() as { any: number }).any === 1)
      this.rebuildTallies();
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  // ——— reference data ———

  async getRef<K extends RefKind>(kind: K, id: string): Promise<RefDocs[K] | undefined> {
    const schema = refSchemaOf(kind);
    const row = this.stmt('SELECT json FROM refs WHERE kind = ? AND id = ?').get(kind, id) as Row | undefined;
    return row ? parseStoredJson(schema, row.json, `refs/${kind}/${id}`) : undefined;
  }

  async listRef<K extends RefKind>(kind: K, where?: Partial<RefDocs[K]>): Promise<RefDocs[K][]> {
    const schema = refSchemaOf(kind);
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
  }

  // ——— cases ———

  async getCase(id: string): Promise<Case | undefined> {
    return this.readCase(id);
  }

  private readCase(id: string): Case | undefined {
    const row = this.stmt('SELECT json FROM cases WHERE id = ?').get(id) as Row | undefined;
    return row ? this.parseCase(id, row.json) : undefined;
  }

  private parseCase(id: string, json: unknown): Case {
    const c = parseStoredJson(caseSchema, json, `cases/${id}`);
    if (c.id !== id) throw new StoredRecordError(`cases/${id}`, [`id: 记录中的编号为 ${c.id}`]);
    return c;
  }

  async findCaseIdByRequest(requestKey: string): Promise<string | undefined> {
    const row = this.stmt('SELECT id FROM cases WHERE request_key = ?').get(requestKey) as Row | undefined;
    return row ? String(row.id) : undefined;
  }

  async listCases(query: CaseQuery): Promise<CasePage> {
    const limit = checkLimit(query);
    const order = query.order ?? DEFAULT_ORDER;
    const after = query.cursor ? decodeCursor(query.cursor, order) : undefined;
    const parts = this.listSql(query, order, after, limit + 1);
    const keys = this.mergeStreams(parts, order, limit + 1);
    const page = keys.slice(0, limit);
    // Only the cases of the page are read whole: the streams above read index entries only.
    const json = new Map<string, unknown>();
    for (let i = 0; i < page.length; i += 500) {
      const ids = page.slice(i, i + 500).map((k) => k.id);
      const rows = this.stmt(`SELECT id, json FROM cases WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as Row[];
      for (const r of rows) json.set(String(r.id), r.json);
    }
    const items = page.map((k) => this.parseCase(k.id, json.get(k.id)));
    const last = page[page.length - 1];
    return keys.length > limit && last ? { items, nextCursor: encodeCursor({ order, key: last.key, id: last.id }) } : { items };
  }

  /**
   * Merges ordered streams (one per status for split plans) lazily: each stream is stepped only
   * when its head is taken, so the page costs about `take` index entries whatever the number of
   * streams — a status with few matches is not scanned to its end.
   */
  private mergeStreams(parts: SqlPart[], order: CaseOrder, take: number): { key: string; id: string }[] {
    // Each stream needs its own statement (a statement runs one iteration at a time).
    const streams = parts.map((p, i) => this.stmt(`${p.sql} /* stream ${i} */`).iterate(...p.params) as IterableIterator<Row>);
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

  /** The query plans (`EXPLAIN QUERY PLAN` details) of the statements `listCases(query)` runs. */
  explainListCases(query: CaseQuery): string[][] {
    const order = query.order ?? DEFAULT_ORDER;
    const after = query.cursor ? decodeCursor(query.cursor, order) : undefined;
    return this.listSql(query, order, after, checkLimit(query) + 1).map((p) =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${p.sql}`).all(...p.params) as { detail: string }[]).map((r) => r.detail),
    );
  }

  private listSql(query: CaseQuery, order: CaseOrder, after: CursorPosition | undefined, take: number): SqlPart[] {
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
    const base = this.filterSql({ ...query, statuses: plan.split === 'status' ? undefined : requested });
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

  private filterSql(q: CaseFilter): { clauses: string[]; params: unknown[] } {
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
    if (q.statuses !== undefined) {
      const statuses = [...new Set(q.statuses)];
      clauses.push(statuses.length ? `status IN (${statuses.map(() => '?').join(', ')})` : '0');
      params.push(...statuses);
    }
    return { clauses, params };
  }

  async countCases(query: CaseFilter, cap?: number): Promise<number> {
    const { sql, params } = this.countSql(query, cap);
    return Number((this.stmt(sql).get(...params) as Row).n);
  }

  /** The query plan (`EXPLAIN QUERY PLAN` details) of the statement `countCases(query)` runs. */
  explainCountCases(query: CaseFilter, cap?: number): string[] {
    const { sql, params } = this.countSql(query, cap);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  }

  private countSql(query: CaseFilter, cap: number | undefined): { sql: string; params: unknown[] } {
    const { clauses, params } = this.filterSql(query);
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
    if (cap === undefined) return { sql: `SELECT COUNT(*) AS n FROM cases${where}`, params };
    const n = Math.max(0, Math.floor(cap));
    return { sql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM cases${where} LIMIT ${n})`, params };
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
    return rows.map((r) => this.parseCase(String(r.id), r.json));
  }

  async countCasesByReporterSince(openid: string, since: string): Promise<number> {
    const row = this.stmt('SELECT COUNT(*) AS n FROM cases WHERE reporter_openid = ? AND created_at >= ?').get(openid, since) as Row;
    return Number(row.n);
  }

  /**
   * New cases are group-committed: those that arrive while one event-loop turn runs are written in
   * one transaction, each in its own savepoint (a refused one rolls back alone), so they share one
   * fsync. Every promise settles after that transaction is durable, so an acknowledgement still
   * means the case survives a crash or a power cut. Updates commit at once, as before: a handler
   * reads a case and writes it back with no other request in between, which keeps version
   * conflicts (「案件已被他人更新」) as rare as they can be.
   */
  async commit(change: CaseChange): Promise<Result<void>> {
    const shape = checkChangeShape(change);
    if (!shape.ok) return shape;
    if (change.updates.length > 0) return this.applyChange(change);
    return new Promise((resolve, reject) => {
      this.queued.push({ change, resolve, reject });
      if (this.queued.length === 1) setImmediate(() => this.flushCommits());
    });
  }

  /** Writes every queued change; see `commit`. */
  private flushCommits(): void {
    const batch = this.queued.splice(0);
    if (batch.length === 0 || !this.db.open) {
      for (const item of batch) item.reject(new Error('数据库已关闭'));
      return;
    }
    const outcomes: ({ result: Result<void> } | { thrown: unknown })[] = [];
    try {
      this.db
        .transaction(() => {
          for (const { change } of batch) {
            try {
              outcomes.push({ result: this.applyChange(change) });
            } catch (e) {
              outcomes.push({ thrown: e }); // its savepoint is rolled back; the others still commit
            }
          }
        })
        .immediate();
    } catch (e) {
      for (const item of batch) item.reject(e);
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if ('result' in o) item.resolve(o.result);
      else item.reject(o.thrown);
    });
  }

  /** One change in its own transaction, or in a savepoint of the group commit's. */
  private applyChange(change: CaseChange): Result<void> {
    const events = eventsByCase(change.events);
    const run = this.db.transaction((): void => {
      const pairs: { before?: Case; after: Case }[] = [];
      for (const { case: c, requestKey } of change.creates) {
        if (requestKey !== undefined) {
          const existing = this.stmt('SELECT id FROM cases WHERE request_key = ?').get(requestKey) as Row | undefined;
          if (existing)
            throw new Rollback(
              fail('CASE.CONFLICT', '该诉求已提交，请勿重复提交', { reason: 'duplicate_request', requestKey, caseId: String(existing.id) }),
            );
        }
        if (this.stmt('SELECT 1 FROM cases WHERE id = ?').get(c.id))
          throw new Rollback(fail('CASE.CONFLICT', '案件编号已存在，请重试', { reason: 'duplicate_id', caseId: c.id }));
        abortIfFailed(checkEventsAgainst(c.id, 0, c, events.get(c.id) ?? []));
        this.insertCase(c, requestKey ?? null);
        pairs.push({ after: c });
      }
      for (const { case: c, expectedVersion } of change.updates) {
        const row = this.stmt('SELECT version, json FROM cases WHERE id = ?').get(c.id) as Row | undefined;
        if (!row) throw new Rollback(fail('CASE.NOT_FOUND', '案件不存在', { caseId: c.id }));
        if (Number(row.version) !== expectedVersion)
          throw new Rollback(
            fail('CASE.CONFLICT', CONFLICT_MESSAGE, { caseId: c.id, expectedVersion, storedVersion: Number(row.version) }),
          );
        const before = this.parseCase(c.id, row.json);
        abortIfFailed(checkEventsAgainst(c.id, before.lastSeq, c, events.get(c.id) ?? []));
        const values = caseValues(c, null);
        const changed = this.stmt(`UPDATE cases SET ${UPDATED_COLUMNS.map((k) => `${k} = ?`).join(', ')} WHERE id = ? AND version = ?`).run(
          ...UPDATED_COLUMNS.map((k) => values[CASE_COLUMNS.indexOf(k)]),
          c.id,
          expectedVersion,
        ).changes;
        if (changed !== 1) throw new Rollback(fail('CASE.CONFLICT', CONFLICT_MESSAGE, { caseId: c.id, expectedVersion }));
        pairs.push({ before, after: c });
      }
      this.insertEvents(change.events);
      const enqueue = this.stmt(
        'INSERT INTO outbox (key, status, next_attempt_at, at, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
      );
      for (const n of change.notices) {
        const item: OutboxItem = { notice: n, status: 'queued', attempts: 0, nextAttemptAt: n.at, done: {} };
        enqueue.run(n.key, item.status, item.nextAttemptAt, n.at, JSON.stringify(item));
      }
      for (const m of tallyMoves(pairs)) this.addTally(m.key, m.delta);
    });
    try {
      run.immediate();
      return ok(undefined);
    } catch (e) {
      if (e instanceof Rollback) return e.result;
      if (e instanceof StoredRecordError) return fail('INTERNAL', e.message, { record: e.record, issues: e.issues });
      if (isSqliteConstraint(e)) return fail('CASE.CONFLICT', CONFLICT_MESSAGE, { constraint: e.message });
      throw e;
    }
  }

  private insertCase(c: Case, requestKey: string | null): void {
    this.stmt(`INSERT INTO cases (${CASE_COLUMNS.join(', ')}) VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`).run(
      ...caseValues(c, requestKey),
    );
  }

  /** Events in statements of up to 8 rows (one statement per row costs more than the row). */
  private insertEvents(events: readonly CaseEvent[]): void {
    for (let i = 0; i < events.length; i += 8) {
      const chunk = events.slice(i, i + 8);
      const params: unknown[] = [];
      for (const e of chunk) params.push(e.caseId, e.seq, e.at, JSON.stringify(e));
      this.stmt(`INSERT INTO events (case_id, seq, at, json) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`).run(...params);
    }
  }

  private addTally(key: TallyRowKey, delta: CaseTally): void {
    this.stmt(
      `INSERT INTO tallies (community_id, grid_id, month, category_id, ${TALLY_COLUMNS.join(', ')})
       VALUES (?, ?, ?, ?, ${TALLY_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (community_id, grid_id, month, category_id) DO UPDATE SET
       ${TALLY_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
    ).run(key.communityId, key.gridId, key.month, key.categoryId, ...TALLY_KEYS.map((k) => delta[k]));
  }

  /**
   * Before a large import (a million cases): sets the list indexes aside — every non-unique index
   * of cases and events; the keys and unique indexes that catch duplicates stay — so rows go in
   * without updating a dozen B-trees each, and `endBulkImport` builds each index once, sorted.
   * Lists that name an index fail until then; a process that dies in between gets them back the
   * next time the file is opened.
   */
  beginBulkImport(): void {
    this.db
      .transaction(() => {
        const indexes = this.db
          .prepare(
            `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases', 'events')
             AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
          )
          .all() as { name: string; sql: string }[];
        const keep = this.db.prepare('INSERT INTO set_aside_indexes (name, sql) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
        for (const ix of indexes) {
          keep.run(ix.name, ix.sql);
          this.db.exec(`DROP INDEX ${ix.name}`);
        }
      })
      .immediate();
    this.statements.clear(); // prepared lists name indexes that are gone for now
  }

  /** After a bulk import: builds the indexes `beginBulkImport` set aside. */
  endBulkImport(): void {
    this.rebuildSetAsideIndexes();
  }

  private rebuildSetAsideIndexes(): void {
    const rows = this.db.prepare('SELECT name, sql FROM set_aside_indexes').all() as { name: string; sql: string }[];
    if (rows.length === 0) return;
    this.db
      .transaction(() => {
        for (const ix of rows) {
          const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(ix.name);
          if (!exists) this.db.exec(ix.sql);
        }
        this.db.exec('DELETE FROM set_aside_indexes');
      })
      .immediate();
    this.statements.clear();
  }

  /**
   * Bulk insert for seeding and benchmarks: every case with its events in one transaction (call it
   * with batches of about 10 000), counters included. Records are validated like `commit` does; a
   * case id or request key already stored fails the whole batch with `CASE.CONFLICT`.
   */
  async importCases(items: ImportItem[]): Promise<Result<{ cases: number; events: number }>> {
    for (const it of items) {
      const issues = checkRecord(caseSchema, it.case) ?? it.events.map((e) => checkRecord(caseEventSchema, e)).find(Boolean);
      if (issues) return fail('INTERNAL', `导入数据格式不正确：案件 ${String(it.case?.id)}`, issues);
      if (it.events.some((e) => e.caseId !== it.case.id))
        return fail('INTERNAL', `导入数据格式不正确：案件 ${it.case.id} 的事件属于其他案件`);
      const seqs = checkEventsAgainst(it.case.id, 0, it.case, it.events);
      if (!seqs.ok) return seqs;
    }
    const run = this.db.transaction((): number => {
      const sums = new Map<string, { key: TallyRowKey; delta: CaseTally }>();
      let eventCount = 0;
      for (const it of items) {
        this.insertCase(it.case, it.requestKey ?? null);
        this.insertEvents(it.events);
        eventCount += it.events.length;
        addInto(sums, it.case);
      }
      for (const s of sums.values()) this.addTally(s.key, s.delta);
      return eventCount;
    });
    // Every event was checked above to belong to its own case, so the per-row foreign key lookup
    // is skipped (the pragma only takes effect outside a transaction). The WAL is checkpointed every
    // ~50 000 cases instead of after every batch: index pages touched by several batches are then
    // copied into the database once — a fifth less time at a million cases. Durability is the same:
    // each batch is in the synced WAL when this returns.
    this.db.pragma('foreign_keys = OFF');
    this.db.pragma('wal_autocheckpoint = 0');
    try {
      const events = run.immediate();
      this.importedSinceCheckpoint += items.length;
      if (this.importedSinceCheckpoint >= 50_000) {
        this.db.pragma('wal_checkpoint(PASSIVE)');
        this.importedSinceCheckpoint = 0;
      }
      return ok({ cases: items.length, events });
    } catch (e) {
      if (isSqliteConstraint(e)) return fail('CASE.CONFLICT', '导入的案件编号、请求号或事件已存在', { constraint: e.message });
      throw e;
    } finally {
      this.db.pragma('wal_autocheckpoint = 1000');
      this.db.pragma('foreign_keys = ON');
    }
  }

  /** Recomputes every board counter from the stored cases (repair, or after a new tally key). */
  rebuildTallies(): number {
    return this.db
      .transaction((): number => {
        this.db.exec('DELETE FROM tallies');
        const sums = new Map<string, { key: TallyRowKey; delta: CaseTally }>();
        for (const r of this.db.prepare('SELECT id, json FROM cases').iterate() as Iterable<Row>) {
          addInto(sums, this.parseCase(String(r.id), r.json));
        }
        for (const s of sums.values()) this.addTally(s.key, s.delta);
        return sums.size;
      })
      .immediate();
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
    const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    return this.db
      .transaction((): OutboxItem[] => {
        const rows = this.stmt(
          `SELECT key, json FROM outbox WHERE status = 'queued' AND next_attempt_at <= ?
           ORDER BY next_attempt_at, key LIMIT ?`,
        ).all(now, Math.max(0, Math.floor(limit))) as Row[];
        const lease = this.stmt('UPDATE outbox SET next_attempt_at = ?, json = ? WHERE key = ?');
        return rows.map((r) => {
          const item = { ...parseStoredJson(outboxItemSchema, r.json, `outbox/${String(r.key)}`), nextAttemptAt: leaseUntil };
          lease.run(leaseUntil, JSON.stringify(item), r.key);
          return item;
        });
      })
      .immediate();
  }

  async claimDelivery(noticeKey: string, channel: DeliveryChannel, until: string): Promise<boolean> {
    return this.db
      .transaction((): boolean => {
        const row = this.stmt('SELECT key, json FROM outbox WHERE key = ?').get(noticeKey) as Row | undefined;
        if (!row) return false;
        const item = parseStoredJson(outboxItemSchema, row.json, `outbox/${String(row.key)}`);
        if (item.done[channel] !== undefined || item.sending) return false;
        const claimed: OutboxItem = { ...item, sending: { channel, until } };
        this.stmt('UPDATE outbox SET json = ? WHERE key = ?').run(JSON.stringify(claimed), noticeKey);
        return true;
      })
      .immediate();
  }

  async saveOutbox(item: OutboxItem): Promise<void> {
    assertRecord(outboxItemSchema, item, `outbox/${String(item?.notice?.key)}`);
    this.stmt(
      `INSERT INTO outbox (key, status, next_attempt_at, at, json) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET status = excluded.status, next_attempt_at = excluded.next_attempt_at, json = excluded.json`,
    ).run(item.notice.key, item.status, item.nextAttemptAt, item.notice.at, JSON.stringify(item));
  }

  async listOutbox(status?: OutboxStatus): Promise<OutboxItem[]> {
    const rows = (
      status === undefined
        ? this.stmt('SELECT key, json FROM outbox ORDER BY at, key').all()
        : this.stmt('SELECT key, json FROM outbox WHERE status = ? ORDER BY at, key').all(status)
    ) as Row[];
    return rows.map((r) => parseStoredJson(outboxItemSchema, r.json, `outbox/${String(r.key)}`));
  }

  async addInboxMessage(msg: InboxMessage): Promise<void> {
    assertRecord(inboxMessageSchema, msg, `inbox/${String(msg?.id)}`);
    // A retried delivery adds the same message again: the first one stays.
    this.stmt('INSERT INTO inbox (id, openid, at, read, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
      msg.id,
      msg.openid,
      msg.at,
      msg.read ? 1 : 0,
      JSON.stringify(msg),
    );
  }

  async listInbox(openid: string, limit: number, before?: string): Promise<InboxMessage[]> {
    const take = Math.max(0, Math.floor(limit));
    const rows = (
      before === undefined
        ? this.stmt('SELECT id, json FROM inbox WHERE openid = ? ORDER BY at DESC, id DESC LIMIT ?').all(openid, take)
        : this.stmt('SELECT id, json FROM inbox WHERE openid = ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?').all(openid, before, take)
    ) as Row[];
    return rows.map((r) => parseStoredJson(inboxMessageSchema, r.json, `inbox/${String(r.id)}`));
  }

  async countUnread(openid: string): Promise<number> {
    return Number((this.stmt('SELECT COUNT(*) AS n FROM inbox WHERE openid = ? AND read = 0').get(openid) as Row).n);
  }

  async markRead(openid: string, ids: string[] | 'all'): Promise<number> {
    const set = `UPDATE inbox SET read = 1, json = json_set(json, '$.read', json('true')) WHERE openid = ? AND read = 0`;
    if (ids === 'all') return this.stmt(set).run(openid).changes;
    const unique = [...new Set(ids)];
    return this.db.transaction((): number => {
      let changed = 0;
      for (let i = 0; i < unique.length; i += 500) {
        const chunk = unique.slice(i, i + 500);
        changed += this.stmt(`${set} AND id IN (${chunk.map(() => '?').join(', ')})`).run(openid, ...chunk).changes;
      }
      return changed;
    })();
  }

  async addSubscriptionQuota(openid: string, templateKey: string, count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 0)
      throw new InvalidRecordError(`subscription_quotas/${openid}:${templateKey}`, [`count: 应为非负整数，实为 ${count}`]);
    if (count === 0) return;
    this.stmt(
      `INSERT INTO subscription_quotas (openid, template_key, count) VALUES (?, ?, ?)
       ON CONFLICT (openid, template_key) DO UPDATE SET count = count + excluded.count`,
    ).run(openid, templateKey, count);
  }

  async takeSubscriptionQuota(openid: string, templateKey: string): Promise<boolean> {
    return (
      this.stmt('UPDATE subscription_quotas SET count = count - 1 WHERE openid = ? AND template_key = ? AND count > 0').run(
        openid,
        templateKey,
      ).changes === 1
    );
  }

  async clearSubscriptionQuota(openid: string, templateKey: string): Promise<void> {
    this.stmt('DELETE FROM subscription_quotas WHERE openid = ? AND template_key = ?').run(openid, templateKey);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flushCommits(); // nothing queued is dropped
    this.db.close();
  }
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

function abortIfFailed(r: Result<void>): void {
  if (!r.ok) throw new Rollback(r);
}

function refSchemaOf<K extends RefKind>(kind: K): (typeof refSchemas)[K] {
  if (!REF_KINDS.includes(kind)) throw new InvalidQueryError(`未知的资料类型：${String(kind)}`);
  return refSchemas[kind];
}
