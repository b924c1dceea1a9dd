/**
 * The store on the WeChat cloud database (the `cloud.database()` of wx-server-sdk), injected as
 * `CloudDb` — wx-server-sdk is never imported here: it fails to load outside the cloud, and the
 * tests run this adapter against `tests/support/fake-cloud-db.ts`.
 *
 * What the cloud database allows shapes the layout:
 * - a query returns at most 100 documents, so every read that may need more pages by key;
 * - a transaction may only get, set, update and remove single documents — no queries — so
 *   everything `commit` must check is a document read by id: the request key has its own document
 *   (`case_requests/keyId(<requestKey>)`), the version compare-and-set reads the case document,
 *   the counters are documents per row and shard (`tallies/keyId(<row>#<shard>)`), notices are
 *   outbox documents keyed by notice key. Two transactions writing the same document conflict, the
 *   later one at once, even before the first commits; `transact` retries, and the retry reads the
 *   new version and fails the compare-and-set;
 * - `doc(id).get()` rejects when the document does not exist (inside a transaction it may answer
 *   `{ data: null }` instead);
 * - an `_id` holds letters, digits, `-` and `_` only (`CLOUD_ID_RULE`).
 *
 * A case document holds the case whole under `case`, with the fields the lists filter and sort on
 * copied to the top level (see `CLOUD_INDEXES` for the indexes the console needs).
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { OPEN_STATUSES, type Case, type CaseEvent } from '../../core/model';
import { fail, ok, type Result } from '../../core/errors';
import { textsWaitingOf } from '../../core/public-text';
import { TALLY_KEYS, addTally, isZeroTally, type CaseTally } from '../../core/metrics';
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
  InvalidRecordError,
  StoredRecordError,
  assertRecord,
  caseEventSchema,
  caseSchema,
  inboxMessageSchema,
  matchesWhere,
  outboxItemSchema,
  parseStored,
  parseTallyRow,
  refSchemas,
} from './schemas';
import {
  DEFAULT_ORDER,
  InvalidQueryError,
  checkChangeShape,
  checkEventsAgainst,
  checkLimit,
  decodeCursor,
  departmentOf,
  dueKeyOf,
  encodeCursor,
  eventsByCase,
  isDescending,
  tallyMoves,
  tallyRowId,
  tallyRowKeyOf,
  type TallyRowKey,
} from './cursor';

// ——— the part of the wx-server-sdk database API this adapter uses ———

/** A stored document as the SDK returns it. */
export type CloudDoc = Record<string, unknown>;

/** The values `db.command` builds; opaque to this adapter. */
export type CloudOperand = object;

export interface CloudCommand {
  eq(value: unknown): CloudOperand;
  neq(value: unknown): CloudOperand;
  in(values: unknown[]): CloudOperand;
  gt(value: unknown): CloudOperand;
  gte(value: unknown): CloudOperand;
  lt(value: unknown): CloudOperand;
  lte(value: unknown): CloudOperand;
  exists(present: boolean): CloudOperand;
  and(conditions: object[]): CloudOperand;
  or(conditions: object[]): CloudOperand;
  inc(n: number): CloudOperand;
}

export interface CloudDocRef {
  /** Rejects when the document does not exist. */
  get(): Promise<{ data: CloudDoc | null }>;
  /** Creates or replaces the document; `data` must not hold `_id` or update operators. */
  set(options: { data: object }): Promise<unknown>;
  /** Merges `data` into an existing document (`_.inc` allowed). */
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<unknown>;
}

export interface CloudQuery {
  where(condition: object): CloudQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): CloudQuery;
  skip(n: number): CloudQuery;
  limit(n: number): CloudQuery;
  /** At most 100 documents per call. */
  get(): Promise<{ data: CloudDoc[] }>;
  count(): Promise<{ total: number }>;
  /** Updates every matching document; each document's match-and-update is atomic. */
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocRef;
}

export interface CloudTransaction {
  collection(name: string): { doc(id: string): CloudDocRef };
}

export interface CloudDb {
  collection(name: string): CloudCollection;
  readonly command: CloudCommand;
  runTransaction<T>(run: (transaction: CloudTransaction) => Promise<T>, retries?: number): Promise<T>;
}

// ——— document ids ———

/**
 * The characters a document `_id` may hold: those of the database's own generated ids (letters,
 * digits, `-`, `_`), and a length well inside what it stores (docs/decisions.md).
 */
export const CLOUD_ID_RULE = /^[A-Za-z0-9_-]{1,64}$/;

const ID_RULE_MESSAGE = '编号只能由字母、数字、- 和 _ 组成，且不超过 64 个字符';

/**
 * The `_id` of a document found by a composite key (a request key, a notice key, a counter row …),
 * which may hold `:`, `|`, `%` and run long: `k` and the SHA-256 of the key in base64url, 44
 * characters. The key itself is kept in the document's fields.
 */
export function keyId(key: string): string {
  return `k${createHash('sha256').update(key, 'utf8').digest('base64url')}`;
}

/** The `_id` of a timeline event: case ids are made of letters and digits, `seq` of digits. */
export function eventId(caseId: string, seq: number): string {
  const id = `${caseId}_${seq}`;
  return CLOUD_ID_RULE.test(id) ? id : keyId(`${caseId}:${seq}`);
}

// ——— collections and indexes ———

/** Every collection the adapter uses; reference documents live in one collection per kind. */
export const CLOUD_COLLECTIONS = {
  /** `_id` = case id. */
  cases: 'cases',
  /** `_id` = `${caseId}_${seq}`. */
  caseEvents: 'case_events',
  /** `_id` = `keyId(request key)` (`<openid>:<requestId>`): makes a retried create find the first case. */
  caseRequests: 'case_requests',
  /** `_id` = `keyId(notice key)`. */
  outbox: 'outbox',
  /** `_id` = `keyId(message id)` (the notice key). */
  inbox: 'inbox_messages',
  /** `_id` = `keyId(`${openid}:${templateKey}`)`. */
  subscriptionQuotas: 'subscription_quotas',
  /**
   * `_id` = `keyId(`${row key}#${shard}`)` (row key: community|grid|month|category, each
   * URI-encoded): each row of the board counters is split over up to `TALLY_SHARDS` documents.
   */
  tallies: 'tallies',
  refs: Object.fromEntries(REF_KINDS.map((k) => [k, k])) as { [K in RefKind]: K },
} as const;

export interface CloudIndex {
  collection: string;
  name: string;
  fields: [field: string, direction: 'asc' | 'desc'][];
  unique?: boolean;
  /** The queries that read it. */
  uses: string[];
}

/** The WeChat cloud database allows at most this many indexes per collection (besides `_id`). */
export const MAX_INDEXES_PER_COLLECTION = 10;

/**
 * The indexes to create in the cloud console (数据库 → 索引管理). `_id` is indexed by the database
 * itself. The database allows ten per collection, so `cases` has the ten its queries need most;
 * `uses` names the queries each one serves. A query may use an index whose leading fields it
 * filters on and match the rest of its conditions while reading along it: a status filter on a
 * `…_created` index, a category or severity filter on any of them.
 */
export const CLOUD_INDEXES: readonly CloudIndex[] = [
  {
    collection: 'cases',
    name: 'reporter_created',
    fields: [
      ['reporterOpenid', 'asc'],
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: ['resident.myCases (listCases reporterOpenid, created_desc)', 'countCasesByReporterSince (daily submit limit)'],
  },
  {
    collection: 'cases',
    name: 'holder_status_due',
    fields: [
      ['holderOpenid', 'asc'],
      ['status', 'asc'],
      ['dueKey', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['member.myTasks (holderOpenid + statuses, deadline_asc; the done tabs read the same prefix newest first)'],
  },
  {
    collection: 'cases',
    name: 'community_created',
    fields: [
      ['communityId', 'asc'],
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: [
      'admin.listCases of a community admin (communityId, created_desc, with status / category / severity / time filters)',
      'admin.dashboard: today’s new cases, the pending list',
      'board.listCases with a community',
      'admin exports of a community (loadAll)',
      'admin.reviewQueue / reviewCount of a community (textsWaiting matched along it: waiting texts are the newest)',
    ],
  },
  {
    collection: 'cases',
    name: 'community_status_due',
    fields: [
      ['communityId', 'asc'],
      ['status', 'asc'],
      ['dueKey', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['admin.dashboard of a community: pending and overdue counts, the overdue list', 'admin.listCases overdue (deadline_asc)'],
  },
  {
    collection: 'cases',
    name: 'grid_status_created',
    fields: [
      ['gridId', 'asc'],
      ['status', 'asc'],
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: [
      'openWorkByMember (routing: gridId + open statuses)',
      'admin: open cases of a grid, passing a stopped member’s tasks on',
      'admin.listCases / board.listCases with a grid',
    ],
  },
  {
    collection: 'cases',
    name: 'department_status_created',
    fields: [
      ['departmentId', 'asc'],
      ['status', 'asc'],
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: ['admin.listCases / dashboard of a department'],
  },
  {
    collection: 'cases',
    name: 'created',
    fields: [
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: [
      'admin.listCases / dashboard / exports of the street admin (one street per environment: streetId is matched along it)',
      'admin.reviewQueue / reviewCount of the street admin (textsWaiting matched along it)',
    ],
  },
  {
    collection: 'cases',
    name: 'status_due',
    fields: [
      ['status', 'asc'],
      ['dueKey', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['the street admin’s overdue list and counts (statuses + dueKey ≤ now, deadline_asc)', 'pending counts of the street'],
  },
  {
    collection: 'cases',
    name: 'public_created',
    fields: [
      ['isPublic', 'asc'],
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: ['board.listCases of the whole street', 'resident.findSimilar (public open cases of a building and category, 5 newest)'],
  },
  {
    collection: 'cases',
    name: 'next_check',
    fields: [
      ['nextCheckAt', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['listDueCases (the timer)'],
  },
  {
    collection: 'case_events',
    name: 'case_seq',
    fields: [
      ['caseId', 'asc'],
      ['seq', 'asc'],
    ],
    unique: true,
    uses: ['getTimeline'],
  },
  {
    collection: 'outbox',
    name: 'status_next_attempt',
    fields: [
      ['status', 'asc'],
      ['nextAttemptAt', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['claimOutbox (the dispatcher)'],
  },
  {
    collection: 'outbox',
    name: 'status_at',
    fields: [
      ['status', 'asc'],
      ['at', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['listOutbox'],
  },
  {
    collection: 'inbox_messages',
    name: 'openid_at',
    fields: [
      ['openid', 'asc'],
      ['at', 'desc'],
      ['_id', 'desc'],
    ],
    uses: ['listInbox'],
  },
  {
    collection: 'inbox_messages',
    name: 'openid_read',
    fields: [
      ['openid', 'asc'],
      ['read', 'asc'],
    ],
    uses: ['countUnread', 'markRead'],
  },
  {
    collection: 'tallies',
    name: 'month_community_grid',
    fields: [
      ['month', 'asc'],
      ['communityId', 'asc'],
      ['gridId', 'asc'],
    ],
    uses: ['readTallies (the board and the assessment)'],
  },
];

// ——— documents ———

/** The top-level fields of a case document (the case itself is under `case`). */
interface CaseDocFields {
  streetId: string;
  communityId: string;
  gridId: string;
  buildingId?: string;
  categoryId: string;
  status: string;
  severity: string;
  holderOpenid?: string;
  holderMemberId?: string;
  reporterOpenid: string;
  departmentId?: string;
  isPublic: boolean;
  /** Public, not merged, with texts waiting for review (the review list). */
  textsWaiting: boolean;
  createdAt: string;
  /** The running deadline, or `NO_DEADLINE` ('~'): sorts last and never counts as overdue. */
  dueKey: string;
  nextCheckAt?: string;
  version: number;
  case: Case;
}

/** Without undefined fields: the database has no undefined, and a removed field must disappear. */
function defined<T extends object>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

function caseDoc(c: Case): CaseDocFields {
  return defined({
    streetId: c.place.streetId,
    communityId: c.place.communityId,
    gridId: c.place.gridId,
    buildingId: c.place.buildingId,
    categoryId: c.categoryId,
    status: c.status,
    severity: c.severity,
    holderOpenid: c.holder?.openid,
    holderMemberId: c.holder?.memberId,
    reporterOpenid: c.reporter.openid,
    departmentId: departmentOf(c),
    isPublic: c.isPublic,
    textsWaiting: textsWaitingOf(c),
    createdAt: c.createdAt,
    dueKey: dueKeyOf(c),
    nextCheckAt: c.nextCheckAt,
    version: c.version,
    case: c,
  });
}

/** Query fields of `CaseQuery` and the document field each compares. */
const EQUAL_FILTERS = [
  ['communityId', 'communityId'],
  ['streetId', 'streetId'],
  ['gridId', 'gridId'],
  ['holderOpenid', 'holderOpenid'],
  ['reporterOpenid', 'reporterOpenid'],
  ['departmentId', 'departmentId'],
  ['categoryId', 'categoryId'],
  ['buildingId', 'buildingId'],
  ['severity', 'severity'],
  ['isPublic', 'isPublic'],
] as const satisfies readonly (readonly [keyof CaseQuery, keyof CaseDocFields])[];

/**
 * Each board-counter row may be kept in up to this many documents: a change writes the first, and
 * a change retried after a collision one at random, so that submits arriving together in one grid,
 * month and category spread over them (the database aborts the later of two transactions writing
 * one document); a quiet row stays one document. The board sums them.
 */
export const TALLY_SHARDS = 8;
/**
 * The shard a change's counts go to. Any shard will do (the board sums them): the first run takes
 * the first, so that a row written by one change at a time stays one document (the board reads
 * fewer), and a run after a failure one at random, so that the writers that collided spread over
 * the others instead of colliding again.
 */
const tallyShardOf = (run: number): number => (run === 0 ? 0 : Math.floor(Math.random() * TALLY_SHARDS));

/** The database refuses more per read. */
const PAGE = 100;

const CONFLICT_MESSAGE = '案件已被他人更新，请刷新后重试';
const BUSY_MESSAGE = '同时提交的人较多，请稍后重试';

const errorText = (e: unknown): string => {
  if (typeof e === 'string') return e;
  const o = e as { errMsg?: unknown; message?: unknown; code?: unknown } | null;
  return [o?.errMsg, o?.message, o?.code].filter((x) => typeof x === 'string').join(' ');
};
const isMissingDoc = (e: unknown): boolean => /does not exist|DOCUMENT_NOT_EXIST|not found/i.test(errorText(e));
const isConflict = (e: unknown): boolean => /TRANSACTION_CONFLICT|WriteConflict|E11000|duplicate key/i.test(errorText(e));

/**
 * How many times `transact` calls `runTransaction` (which itself runs the function up to three
 * times, on the conflicts it recognises), the base of the randomised wait between calls, and its
 * cap: a burst of writers on one document keeps spreading out without a caller waiting long.
 */
const TRANSACT_CALLS = 8;
/** About one transaction's time in the cloud (a few round trips), so that retried writers spread out. */
const TRANSACT_BACKOFF_MS = 50;
const TRANSACT_BACKOFF_CAP_MS = 800;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown inside a transaction to roll it back and hand a Result to the caller. */
class Rollback {
  constructor(readonly result: Result<never>) {}
}

function abortIfFailed(r: Result<void>): void {
  if (!r.ok) throw new Rollback(r);
}

/** A document without the database's `_id` (and any other listed bookkeeping fields). */
function strip(doc: CloudDoc, ...extra: string[]): CloudDoc {
  const out: CloudDoc = { ...doc };
  delete out._id;
  for (const k of extra) delete out[k];
  return out;
}

export class CloudStore implements Store {
  private readonly _: CloudCommand;

  constructor(private readonly db: CloudDb) {
    this._ = db.command;
  }

  // ——— small helpers ———

  /**
   * Runs a transaction until it commits or refuses. The database (MongoDB underneath) aborts a
   * transaction that writes a document another one has written first, committed or not, and does
   * not always say so with the conflict code; the SDK retries only what carries it, three runs in
   * all. So every failure but our own refusals is tried again here, after a randomised wait that
   * spreads writers of one hot document (a board counter) apart: a transaction commits all or
   * nothing, and each run reads afresh, so a run after a real conflict fails its compare-and-set
   * and ends as `CASE.CONFLICT`. `run` gets the call's number so that it can tell a commit that
   * landed from one that did not when the answer was lost.
   */
  private async transact<T>(run: (t: CloudTransaction, attempt: number) => Promise<T>): Promise<T> {
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        const n = attempt;
        return await this.db.runTransaction((t) => run(t, n));
      } catch (e) {
        if (e instanceof Rollback || e instanceof StoredRecordError || e instanceof InvalidRecordError || attempt >= TRANSACT_CALLS)
          throw e;
        await sleep(Math.random() * Math.min(TRANSACT_BACKOFF_MS * 2 ** attempt, TRANSACT_BACKOFF_CAP_MS));
      }
    }
  }

  /**
   * Whether the change is stored exactly as it writes it — every case and its last new event — so
   * that an earlier run committed it. (Two racers computing the same case differ in their events.)
   */
  private async alreadyCommitted(t: CloudTransaction, change: CaseChange): Promise<boolean> {
    const cases = [...change.creates.map((x) => x.case), ...change.updates.map((x) => x.case)];
    if (cases.length === 0) return false;
    const same = (stored: CloudDoc | undefined, mine: object, ...extra: string[]) =>
      stored !== undefined && isDeepStrictEqual(defined(strip(stored, ...extra)), defined(mine));
    for (const c of cases) {
      const doc = await this.getDoc(t.collection(CLOUD_COLLECTIONS.cases).doc(c.id));
      if (!doc || !same(doc.case as CloudDoc, c)) return false;
      const last = change.events.find((e) => e.caseId === c.id && e.seq === c.lastSeq);
      if (last && !same(await this.getDoc(t.collection(CLOUD_COLLECTIONS.caseEvents).doc(eventId(c.id, last.seq))), last)) return false;
    }
    return true;
  }

  private async getDoc(ref: CloudDocRef): Promise<CloudDoc | undefined> {
    try {
      const r = await ref.get();
      return r.data ?? undefined;
    } catch (e) {
      if (isMissingDoc(e)) return undefined;
      throw e;
    }
  }

  private where(collection: string, conds: object[]): CloudQuery {
    const q = this.db.collection(collection);
    if (conds.length === 0) return q;
    return q.where(conds.length === 1 ? conds[0] : this._.and(conds));
  }

  /**
   * Up to `take` documents in the order of (`field`, `_id`), starting after `after`, read in pages of
   * at most 100 by key (no skip: skipping costs the database every skipped document).
   */
  private async fetchOrdered(
    collection: string,
    conds: object[],
    field: string,
    direction: 'asc' | 'desc',
    take: number,
    after?: { key: unknown; id: string },
  ): Promise<CloudDoc[]> {
    const out: CloudDoc[] = [];
    let from = after;
    const beyond = (v: unknown) => (direction === 'desc' ? this._.lt(v) : this._.gt(v));
    while (out.length < take) {
      const n = Math.min(PAGE, take - out.length);
      const keyset = !from
        ? []
        : field === '_id'
          ? [{ _id: beyond(from.id) }]
          : [this._.or([{ [field]: beyond(from.key) }, { [field]: this._.eq(from.key), _id: beyond(from.id) }])];
      const q = this.where(collection, [...conds, ...keyset]);
      const ordered = field === '_id' ? q.orderBy('_id', direction) : q.orderBy(field, direction).orderBy('_id', direction);
      const { data } = await ordered.limit(n).get();
      out.push(...data);
      if (data.length < n) break;
      const last = data[data.length - 1];
      from = { key: last[field], id: String(last._id) };
    }
    return out;
  }

  private fetchAll(collection: string, conds: object[]): Promise<CloudDoc[]> {
    return this.fetchOrdered(collection, conds, '_id', 'asc', Number.POSITIVE_INFINITY);
  }

  private parseCaseDoc(doc: CloudDoc, id = String(doc._id)): Case {
    const c = parseStored(caseSchema, doc.case, `cases/${id}`);
    if (c.id !== id) throw new StoredRecordError(`cases/${id}`, [`case.id: 记录中的编号为 ${c.id}`]);
    if (doc.version !== c.version)
      throw new StoredRecordError(`cases/${id}`, [`version: 文档为 ${String(doc.version)}，案件为 ${c.version}`]);
    return c;
  }

  // ——— reference data ———

  async getRef<K extends RefKind>(kind: K, id: string): Promise<RefDocs[K] | undefined> {
    const schema = refSchemaOf(kind);
    const doc = await this.getDoc(this.db.collection(CLOUD_COLLECTIONS.refs[kind]).doc(id));
    return doc ? parseStored(schema, strip(doc), `${kind}/${id}`) : undefined;
  }

  async listRef<K extends RefKind>(kind: K, where?: Partial<RefDocs[K]>): Promise<RefDocs[K][]> {
    const schema = refSchemaOf(kind);
    // Narrow in the database on plain values; the exact comparison is made on the parsed documents.
    const conds = Object.entries(where ?? {})
      .filter(([k, v]) => /^[A-Za-z][A-Za-z0-9_]*$/.test(k) && ['string', 'number', 'boolean'].includes(typeof v))
      .map(([k, v]) => ({ [k]: v }));
    const docs = await this.fetchAll(CLOUD_COLLECTIONS.refs[kind], conds);
    return docs
      .map((d) => parseStored(schema, strip(d), `${kind}/${String(d._id)}`))
      .filter((d) => matchesWhere(d, where))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async putRef<K extends RefKind>(kind: K, doc: RefDocs[K]): Promise<void> {
    const schema = refSchemaOf(kind);
    assertRecord(schema, doc, `${kind}/${String((doc as { id?: unknown }).id)}`);
    if (!CLOUD_ID_RULE.test(doc.id)) throw new InvalidRecordError(`${kind}/${doc.id}`, [ID_RULE_MESSAGE]);
    await this.db
      .collection(CLOUD_COLLECTIONS.refs[kind])
      .doc(doc.id)
      .set({ data: defined(strip(doc as unknown as CloudDoc)) });
  }

  // ——— cases ———

  async getCase(id: string): Promise<Case | undefined> {
    const doc = await this.getDoc(this.db.collection(CLOUD_COLLECTIONS.cases).doc(id));
    return doc ? this.parseCaseDoc(doc, id) : undefined;
  }

  async findCaseIdByRequest(requestKey: string): Promise<string | undefined> {
    const doc = await this.getDoc(this.db.collection(CLOUD_COLLECTIONS.caseRequests).doc(keyId(requestKey)));
    if (!doc) return undefined;
    if (typeof doc.caseId !== 'string') throw new StoredRecordError(`case_requests/${requestKey}`, ['caseId: 应为字符串']);
    return doc.caseId;
  }

  /** The conditions of a filter, or undefined when nothing can match (an empty status list). */
  private caseConds(q: CaseFilter): object[] | undefined {
    const conds: object[] = [];
    for (const [field, docField] of EQUAL_FILTERS) {
      const v = q[field];
      if (v !== undefined) conds.push({ [docField]: v });
    }
    if (q.statuses !== undefined) {
      const statuses = [...new Set(q.statuses)];
      if (statuses.length === 0) return undefined;
      conds.push({ status: statuses.length === 1 ? statuses[0] : this._.in(statuses) });
    }
    if (q.textsWaiting) conds.push({ textsWaiting: true });
    if (q.createdFrom !== undefined) conds.push({ createdAt: this._.gte(q.createdFrom) });
    if (q.createdTo !== undefined) conds.push({ createdAt: this._.lt(q.createdTo) });
    if (q.overdueAt !== undefined) conds.push({ dueKey: this._.lte(q.overdueAt) });
    return conds;
  }

  async listCases(query: CaseQuery): Promise<CasePage> {
    const limit = checkLimit(query);
    const order: CaseOrder = query.order ?? DEFAULT_ORDER;
    const after = query.cursor ? decodeCursor(query.cursor, order) : undefined;
    const conds = this.caseConds(query);
    if (!conds) return { items: [] };
    const field = order === 'created_desc' ? 'createdAt' : 'dueKey';
    const docs = await this.fetchOrdered(
      CLOUD_COLLECTIONS.cases,
      conds,
      field,
      isDescending(order) ? 'desc' : 'asc',
      limit + 1,
      after ? { key: after.key, id: after.id } : undefined,
    );
    const items = docs.slice(0, limit).map((d) => this.parseCaseDoc(d));
    const last = docs[limit - 1];
    return docs.length > limit && last
      ? { items, nextCursor: encodeCursor({ order, key: String(last[field]), id: String(last._id) }) }
      : { items };
  }

  async countCases(query: CaseFilter, cap?: number): Promise<number> {
    const conds = this.caseConds(query);
    if (!conds) return 0;
    // The cloud database counts on the server from its indexes; the cap only bounds the answer.
    const total = (await this.where(CLOUD_COLLECTIONS.cases, conds).count()).total;
    return cap === undefined ? total : Math.min(total, Math.max(0, Math.floor(cap)));
  }

  async getTimeline(caseId: string): Promise<CaseEvent[]> {
    const docs = await this.fetchOrdered(CLOUD_COLLECTIONS.caseEvents, [{ caseId }], 'seq', 'asc', Number.POSITIVE_INFINITY);
    return docs.map((d) => parseStored(caseEventSchema, strip(d), `case_events/${String(d._id)}`));
  }

  async openWorkByMember(gridId: string): Promise<Record<string, number>> {
    const docs = await this.fetchAll(CLOUD_COLLECTIONS.cases, [{ gridId, status: this._.in([...OPEN_STATUSES]) }]);
    const out: Record<string, number> = {};
    for (const d of docs) {
      const member = d.holderMemberId;
      if (typeof member === 'string') out[member] = (out[member] ?? 0) + 1;
    }
    return out;
  }

  async listDueCases(now: string, limit: number): Promise<Case[]> {
    const take = Math.max(0, Math.floor(limit));
    if (take === 0) return [];
    const docs = await this.fetchOrdered(CLOUD_COLLECTIONS.cases, [{ nextCheckAt: this._.lte(now) }], 'nextCheckAt', 'asc', take);
    return docs.map((d) => this.parseCaseDoc(d));
  }

  async countCasesByReporterSince(openid: string, since: string): Promise<number> {
    return (await this.where(CLOUD_COLLECTIONS.cases, [{ reporterOpenid: openid }, { createdAt: this._.gte(since) }]).count()).total;
  }

  async commit(change: CaseChange): Promise<Result<void>> {
    const shape = checkChangeShape(change);
    if (!shape.ok) return shape;
    for (const { case: c } of change.creates)
      if (!CLOUD_ID_RULE.test(c.id)) return fail('INTERNAL', `案件编号 ${c.id} ${ID_RULE_MESSAGE}`, { caseId: c.id });
    const events = eventsByCase(change.events);
    const C = CLOUD_COLLECTIONS;
    let runs = 0;
    try {
      await this.transact(async (t, attempt) => {
        // A run after an ambiguous failure first looks whether an earlier run committed after all.
        if (attempt > 1 && (await this.alreadyCommitted(t, change))) return;
        // Every read at once (one round trip), then the checks; nothing is written unless every check passes.
        const creates = change.creates.map(({ case: c, requestKey }) => ({
          c,
          requestKey,
          request: requestKey === undefined ? undefined : this.getDoc(t.collection(C.caseRequests).doc(keyId(requestKey))),
          stored: this.getDoc(t.collection(C.cases).doc(c.id)),
        }));
        const updates = change.updates.map(({ case: c, expectedVersion }) => ({
          c,
          expectedVersion,
          stored: this.getDoc(t.collection(C.cases).doc(c.id)),
        }));
        const outboxReads = change.notices.map((n) => ({ n, stored: this.getDoc(t.collection(C.outbox).doc(keyId(n.key))) }));
        // The counter row of each case as written is read with the rest; a row only the stored case
        // names (a case moved to another grid or category) is read after it.
        const shard = tallyShardOf(runs++);
        const rowIds = new Map<string, Promise<CloudDoc | undefined>>();
        const counterRead = (key: TallyRowKey): Promise<CloudDoc | undefined> => {
          const id = keyId(`${tallyRowId(key)}#${shard}`);
          let p = rowIds.get(id);
          if (!p) rowIds.set(id, (p = this.getDoc(t.collection(C.tallies).doc(id))));
          return p;
        };
        const reads: (Promise<unknown> | undefined)[] = [
          ...creates.flatMap((x) => [x.request, x.stored]),
          ...updates.map((x) => x.stored),
          ...outboxReads.map((x) => x.stored),
          ...[...change.creates, ...change.updates].map((x) => counterRead(tallyRowKeyOf(x.case))),
        ];
        // Settle every read before deciding, so that no read is left running when the run ends.
        const settled = await Promise.allSettled(reads);
        const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;

        const pairs: { before?: Case; after: Case }[] = [];
        for (const { c, requestKey, request, stored } of creates) {
          const existing = await request;
          if (existing)
            throw new Rollback(
              fail('CASE.CONFLICT', '该诉求已提交，请勿重复提交', { reason: 'duplicate_request', requestKey, caseId: existing.caseId }),
            );
          if (await stored) throw new Rollback(fail('CASE.CONFLICT', '案件编号已存在，请重试', { reason: 'duplicate_id', caseId: c.id }));
          abortIfFailed(checkEventsAgainst(c.id, 0, c, events.get(c.id) ?? []));
          pairs.push({ after: c });
        }
        for (const { c, expectedVersion, stored } of updates) {
          const doc = await stored;
          if (!doc) throw new Rollback(fail('CASE.NOT_FOUND', '案件不存在', { caseId: c.id }));
          const before = this.parseCaseDoc(doc, c.id);
          if (before.version !== expectedVersion)
            throw new Rollback(fail('CASE.CONFLICT', CONFLICT_MESSAGE, { caseId: c.id, expectedVersion, storedVersion: before.version }));
          abortIfFailed(checkEventsAgainst(c.id, before.lastSeq, c, events.get(c.id) ?? []));
          pairs.push({ before, after: c });
        }
        const fresh: OutboxItem[] = [];
        for (const { n, stored } of outboxReads)
          if (!(await stored)) fresh.push({ notice: n, status: 'queued', attempts: 0, nextAttemptAt: n.at, done: {} });
        const moves = tallyMoves(pairs);
        const rows = moves.map((m) => ({ m, stored: counterRead(m.key) }));
        const rowsSettled = await Promise.allSettled(rows.map((r) => r.stored));
        const rowFailed = rowsSettled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (rowFailed) throw rowFailed.reason;
        const counters: { id: string; key: TallyRowKey; tally: CaseTally }[] = [];
        for (const { m, stored: p } of rows) {
          const id = keyId(`${tallyRowId(m.key)}#${shard}`);
          const doc = await p;
          const stored = doc ? this.parseTallyDoc(doc).tally : undefined;
          counters.push({ id, key: m.key, tally: stored ? addTally(stored, m.delta) : m.delta });
        }

        // Every write at once: one round trip.
        const writes: Promise<unknown>[] = [];
        for (const { case: c, requestKey } of change.creates) {
          if (requestKey !== undefined)
            writes.push(
              t
                .collection(C.caseRequests)
                .doc(keyId(requestKey))
                .set({ data: { requestKey, caseId: c.id, at: c.createdAt } }),
            );
          writes.push(
            t
              .collection(C.cases)
              .doc(c.id)
              .set({ data: caseDoc(c) }),
          );
        }
        for (const { case: c } of change.updates)
          writes.push(
            t
              .collection(C.cases)
              .doc(c.id)
              .set({ data: caseDoc(c) }),
          );
        for (const e of change.events)
          writes.push(
            t
              .collection(C.caseEvents)
              .doc(eventId(e.caseId, e.seq))
              .set({ data: defined(e) }),
          );
        for (const item of fresh)
          writes.push(
            t
              .collection(C.outbox)
              .doc(keyId(item.notice.key))
              .set({ data: outboxDoc(item) }),
          );
        for (const r of counters)
          writes.push(
            t
              .collection(C.tallies)
              .doc(r.id)
              .set({ data: { ...r.key, shard, tally: r.tally } }),
          );
        const written = await Promise.allSettled(writes);
        const writeFailed = written.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (writeFailed) throw writeFailed.reason;
      });
      return ok(undefined);
    } catch (e) {
      if (e instanceof Rollback) return e.result;
      // Still conflicting after every try: others kept writing the same documents (a board counter).
      if (isConflict(e))
        return change.updates.length === 0
          ? fail('CASE.CONFLICT', BUSY_MESSAGE, { reason: 'busy', cause: errorText(e) })
          : fail('CASE.CONFLICT', CONFLICT_MESSAGE, { cause: errorText(e) });
      if (e instanceof StoredRecordError) return fail('INTERNAL', e.message, { record: e.record, issues: e.issues });
      return fail('INTERNAL', '保存失败，请稍后重试', { cause: errorText(e) });
    }
  }

  // ——— board counters ———

  private parseTallyDoc(doc: CloudDoc): TallyRow {
    const record = `tallies/${String(doc._id)}`;
    const tally = doc.tally;
    if (typeof tally !== 'object' || tally === null) throw new StoredRecordError(record, ['tally: 应为对象']);
    // A key added to TALLY_KEYS after a row was written reads as 0 in that row.
    const counts = TALLY_KEYS.map((k) => (tally as Record<string, unknown>)[k] ?? 0);
    return parseTallyRow([doc.communityId, doc.gridId, doc.month, doc.categoryId], counts, record);
  }

  async readTallies(query: TallyQuery): Promise<TallyRow[]> {
    const conds: object[] = [{ month: this._.gte(query.fromMonth) }, { month: this._.lte(query.toMonth) }];
    if (query.communityId !== undefined) conds.push({ communityId: query.communityId });
    if (query.gridId !== undefined) conds.push({ gridId: query.gridId });
    // A row is the sum of its shards.
    const byRow = new Map<string, TallyRow>();
    for (const d of await this.fetchAll(CLOUD_COLLECTIONS.tallies, conds)) {
      const part = this.parseTallyDoc(d);
      const id = tallyRowId(part);
      const seen = byRow.get(id);
      byRow.set(id, seen ? { ...seen, tally: addTally(seen.tally, part.tally) } : part);
    }
    const rows = [...byRow.values()];
    const sortKey = (r: TallyRow) => [r.month, r.communityId, r.gridId, r.categoryId];
    return rows
      .filter((r) => !isZeroTally(r.tally))
      .sort((a, b) => {
        const ka = sortKey(a);
        const kb = sortKey(b);
        for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
        return 0;
      });
  }

  // ——— notifications ———

  private parseOutboxDoc(doc: CloudDoc): OutboxItem {
    return parseStored(outboxItemSchema, strip(doc, 'at'), `outbox/${String(doc._id)}`);
  }

  async claimOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxItem[]> {
    const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    const want = Math.max(0, Math.floor(limit));
    const claimed: OutboxItem[] = [];
    const due = () => [{ status: 'queued' }, { nextAttemptAt: this._.lte(now) }];
    // Another dispatcher may take some candidates first; look again until enough or none are left.
    for (let round = 0; round < 10 && claimed.length < want; round++) {
      const candidates = await this.fetchOrdered(CLOUD_COLLECTIONS.outbox, due(), 'nextAttemptAt', 'asc', want - claimed.length);
      if (candidates.length === 0) break;
      // Each candidate claimed on its own, all at once (two round trips for the lot).
      const taken = await Promise.all(
        candidates.map(async (c) => {
          // Compare-and-set on one document: only one dispatcher's update matches.
          const r = await this.where(CLOUD_COLLECTIONS.outbox, [{ _id: c._id }, ...due()]).update({ data: { nextAttemptAt: leaseUntil } });
          if (r.stats.updated !== 1) return undefined;
          const doc = await this.getDoc(this.db.collection(CLOUD_COLLECTIONS.outbox).doc(String(c._id)));
          if (!doc) return undefined;
          const item = this.parseOutboxDoc(doc);
          return item.nextAttemptAt === leaseUntil ? item : undefined;
        }),
      );
      for (const item of taken) if (item) claimed.push(item);
    }
    return claimed;
  }

  async claimDelivery(noticeKey: string, channel: DeliveryChannel, until: string): Promise<boolean> {
    // One conditional update, atomic on the document: only one caller's matches.
    const r = await this.where(CLOUD_COLLECTIONS.outbox, [
      { _id: keyId(noticeKey), [`done.${channel}`]: this._.exists(false), sending: this._.exists(false) },
    ]).update({ data: { sending: { channel, until } } });
    return r.stats.updated === 1;
  }

  async saveOutbox(item: OutboxItem): Promise<void> {
    assertRecord(outboxItemSchema, item, `outbox/${String(item?.notice?.key)}`);
    await this.db
      .collection(CLOUD_COLLECTIONS.outbox)
      .doc(keyId(item.notice.key))
      .set({ data: outboxDoc(item) });
  }

  async listOutbox(status?: OutboxStatus): Promise<OutboxItem[]> {
    const docs = await this.fetchOrdered(
      CLOUD_COLLECTIONS.outbox,
      status === undefined ? [] : [{ status }],
      'at',
      'asc',
      Number.POSITIVE_INFINITY,
    );
    return docs.map((d) => this.parseOutboxDoc(d));
  }

  async addInboxMessage(msg: InboxMessage): Promise<void> {
    assertRecord(inboxMessageSchema, msg, `inbox_messages/${String(msg?.id)}`);
    // A retried delivery adds the same message again: the first one stays.
    await this.transact(async (t) => {
      const ref = t.collection(CLOUD_COLLECTIONS.inbox).doc(keyId(msg.id));
      if (!(await this.getDoc(ref))) await ref.set({ data: defined(strip(msg as unknown as CloudDoc)) });
    });
  }

  async listInbox(openid: string, limit: number, before?: string): Promise<InboxMessage[]> {
    const take = Math.max(0, Math.floor(limit));
    if (take === 0) return [];
    const conds: object[] = [{ openid }];
    if (before !== undefined) conds.push({ at: this._.lt(before) });
    const docs = await this.fetchOrdered(CLOUD_COLLECTIONS.inbox, conds, 'at', 'desc', take);
    return docs.map((d) => parseStored(inboxMessageSchema, strip(d), `inbox_messages/${String(d._id)}`));
  }

  async countUnread(openid: string): Promise<number> {
    return (await this.where(CLOUD_COLLECTIONS.inbox, [{ openid, read: false }]).count()).total;
  }

  async markRead(openid: string, ids: string[] | 'all'): Promise<number> {
    if (ids === 'all')
      return (await this.where(CLOUD_COLLECTIONS.inbox, [{ openid, read: false }]).update({ data: { read: true } })).stats.updated;
    const unique = [...new Set(ids)].map(keyId);
    let changed = 0;
    for (let i = 0; i < unique.length; i += PAGE) {
      const chunk = unique.slice(i, i + PAGE);
      const r = await this.where(CLOUD_COLLECTIONS.inbox, [{ openid, read: false, _id: this._.in(chunk) }]).update({
        data: { read: true },
      });
      changed += r.stats.updated;
    }
    return changed;
  }

  async addSubscriptionQuota(openid: string, templateKey: string, count: number): Promise<void> {
    const id = `${openid}:${templateKey}`;
    if (!Number.isInteger(count) || count < 0)
      throw new InvalidRecordError(`subscription_quotas/${id}`, [`count: 应为非负整数，实为 ${count}`]);
    if (count === 0) return;
    await this.transact(async (t) => {
      const ref = t.collection(CLOUD_COLLECTIONS.subscriptionQuotas).doc(keyId(id));
      const doc = await this.getDoc(ref);
      const before = doc === undefined ? 0 : doc.count;
      if (typeof before !== 'number' || !Number.isInteger(before) || before < 0)
        throw new StoredRecordError(`subscription_quotas/${id}`, ['count: 应为非负整数']);
      await ref.set({ data: { openid, templateKey, count: before + count } });
    });
  }

  async takeSubscriptionQuota(openid: string, templateKey: string): Promise<boolean> {
    const r = await this.where(CLOUD_COLLECTIONS.subscriptionQuotas, [
      { _id: keyId(`${openid}:${templateKey}`), count: this._.gt(0) },
    ]).update({
      data: { count: this._.inc(-1) },
    });
    return r.stats.updated === 1;
  }

  async clearSubscriptionQuota(openid: string, templateKey: string): Promise<void> {
    try {
      await this.db
        .collection(CLOUD_COLLECTIONS.subscriptionQuotas)
        .doc(keyId(`${openid}:${templateKey}`))
        .remove();
    } catch (e) {
      if (!isMissingDoc(e)) throw e;
    }
  }

  async close(): Promise<void> {
    // The cloud database has no connection to close.
  }
}

function outboxDoc(item: OutboxItem): CloudDoc {
  // `at` (the notice's time) is copied to the top level to list the outbox in order.
  return defined({ ...item, at: item.notice.at });
}

function refSchemaOf<K extends RefKind>(kind: K): (typeof refSchemas)[K] {
  if (!REF_KINDS.includes(kind)) throw new InvalidQueryError(`未知的资料类型：${String(kind)}`);
  return refSchemas[kind];
}
