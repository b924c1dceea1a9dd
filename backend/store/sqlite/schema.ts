/**
 * The SQLite schema: the migrations, the case columns and how a case fills them, and the schema
 * steps run when a file is opened (migrations, the counters' columns, indexes a bulk import set aside).
 */
import type { Case } from '../../../core/model';
import { textsWaitingOf } from '../../../core/public-text';
import { TALLY_KEYS } from '../../../core/metrics';
import { departmentOf, dueKeyOf, tallyColumnOf } from '../cursor';
import type { Db } from './sql';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Never edit one
 * that has shipped: add the next. The tallies' count columns are not here: they follow `TALLY_KEYS`
 * (see `syncTallyColumns`).
 */
export const MIGRATIONS: readonly string[] = [
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
  // 6 — case numbers people can say (\`core/case-number.ts\`): one counter per street and China-local
  // month; the cases stored before get theirs in order of creation; searched by number.
  `
  ALTER TABLE cases ADD COLUMN case_no TEXT;
  CREATE TABLE case_numbers (scope TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;
  UPDATE cases SET case_no = n.yymm || '-' || printf('%04d', n.seq)
    FROM (
      SELECT id, substr(strftime('%Y%m', created_at, '+8 hours'), 3) AS yymm,
        ROW_NUMBER() OVER (PARTITION BY street_id, strftime('%Y%m', created_at, '+8 hours') ORDER BY created_at, id) AS seq
      FROM cases
    ) AS n
    WHERE cases.id = n.id;
  UPDATE cases SET json = json_set(json, '$.no', case_no) WHERE case_no IS NOT NULL;
  INSERT INTO case_numbers (scope, last)
    SELECT street_id || '|' || substr(case_no, 1, 4), COUNT(*) FROM cases WHERE case_no IS NOT NULL GROUP BY 1;
  CREATE INDEX cases_no ON cases (case_no, street_id);
  `,
];

export const CASE_COLUMNS = [
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
  'case_no',
] as const;

export const TALLY_COLUMNS = TALLY_KEYS.map(tallyColumnOf);

/** A case as the values of `CASE_COLUMNS`, in that order. */
export function caseValues(c: Case, requestKey: string | null): unknown[] {
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
    c.no ?? null,
  ];
}

/** Columns an update rewrites (all but the id and the request key), in `CASE_COLUMNS` order. */
export const UPDATED_COLUMNS = CASE_COLUMNS.filter((k) => k !== 'id' && k !== 'request_key');

const schemaVersionOf = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

/** Runs the migrations the file has not had yet, each in its own transaction. */
export function migrate(db: Db): void {
  const current = schemaVersionOf(db);
  if (current > MIGRATIONS.length) throw new Error(`数据库版本 ${current} 高于程序支持的版本 ${MIGRATIONS.length}，请升级程序后再打开`);
  for (let v = current; v < MIGRATIONS.length; v++) {
    const step = MIGRATIONS[v];
    db.transaction(() => {
      // Another process opening the same file may have run this step while we waited for the lock.
      if (schemaVersionOf(db) > v) return;
      db.exec(step);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

/**
 * One INTEGER column per `TALLY_KEYS` entry. A key added to the metrics gets its column here; true
 * when the counters must then be rebuilt from the cases, since old rows never counted it.
 */
export function syncTallyColumns(db: Db): boolean {
  const missing = (): string[] => {
    const have = new Set((db.pragma('table_info(tallies)') as { name: string }[]).map((c) => c.name));
    return TALLY_COLUMNS.filter((c) => !have.has(c));
  };
  if (missing().length === 0) return false;
  const added = db
    .transaction((): number => {
      const cols = missing(); // again under the write lock: another process may have added them
      for (const col of cols) db.exec(`ALTER TABLE tallies ADD COLUMN ${col} INTEGER NOT NULL DEFAULT 0`);
      return cols.length;
    })
    .immediate();
  return added > 0 && (db.prepare('SELECT EXISTS (SELECT 1 FROM cases) AS any').get() as { any: number }).any === 1;
}

/**
 * Sets the list indexes aside before a bulk import: every non-unique index of cases and events
 * (the keys and unique indexes that catch duplicates stay). See `SqliteStore.beginBulkImport`.
 */
export function setIndexesAside(db: Db): void {
  db.transaction(() => {
    const indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases', 'events')
         AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
      )
      .all() as { name: string; sql: string }[];
    const keep = db.prepare('INSERT INTO set_aside_indexes (name, sql) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
    for (const ix of indexes) {
      keep.run(ix.name, ix.sql);
      db.exec(`DROP INDEX ${ix.name}`);
    }
  }).immediate();
}

/** Builds the indexes `setIndexesAside` set aside; false when there were none. */
export function rebuildSetAsideIndexes(db: Db): boolean {
  const rows = db.prepare('SELECT name, sql FROM set_aside_indexes').all() as { name: string; sql: string }[];
  if (rows.length === 0) return false;
  db.transaction(() => {
    for (const ix of rows) {
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(ix.name);
      if (!exists) db.exec(ix.sql);
    }
    db.exec('DELETE FROM set_aside_indexes');
  }).immediate();
  return true;
}
