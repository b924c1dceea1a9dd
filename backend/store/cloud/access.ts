/**
 * What the cloud store's modules share: the case document and its fields, errors and retries, and
 * `CloudAccess` — transactions retried on conflict, documents read by id, queries paged by key.
 */
import { TALLY_KEYS } from '../../../core/metrics';
import type { Case } from '../../../core/model';
import type { Result } from '../../../core/errors';
import { textsWaitingOf } from '../../../core/public-text';
import type { CaseQuery, OutboxItem, TallyRow } from '../store.port';
import { InvalidRecordError, StoredRecordError, caseSchema, outboxItemSchema, parseStored, parseTallyRow } from '../schemas';
import { departmentOf, dueKeyOf } from '../cursor';
import type { CloudCommand, CloudDb, CloudDoc, CloudDocRef, CloudQuery, CloudTransaction } from './api';

/** The top-level fields of a case document (the case itself is under `case`). */
export interface CaseDocFields {
  streetId: string;
  /** The case number (`2612-0042`), searched within its month along a `…_created` index. */
  caseNo?: string;
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
export function defined<T extends object>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

export function caseDoc(c: Case): CaseDocFields {
  return defined({
    streetId: c.place.streetId,
    caseNo: c.no,
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
export const EQUAL_FILTERS = [
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
  ['caseNo', 'caseNo'],
  ['holderMemberId', 'holderMemberId'],
  ['reporterPhone', 'case.contactPhone'],
] as const satisfies readonly (readonly [keyof CaseQuery, keyof CaseDocFields | 'case.contactPhone'])[];

/** The database refuses more per read. */
export const PAGE = 100;

export const CONFLICT_MESSAGE = '案件已被他人更新，请刷新后重试';
export const BUSY_MESSAGE = '同时提交的人较多，请稍后重试';

export const errorText = (e: unknown): string => {
  if (typeof e === 'string') return e;
  const o = e as { errMsg?: unknown; message?: unknown; code?: unknown } | null;
  return [o?.errMsg, o?.message, o?.code].filter((x) => typeof x === 'string').join(' ');
};
export const isMissingDoc = (e: unknown): boolean => /does not exist|DOCUMENT_NOT_EXIST|not found/i.test(errorText(e));
export const isConflict = (e: unknown): boolean => /TRANSACTION_CONFLICT|WriteConflict|E11000|duplicate key/i.test(errorText(e));

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
export class Rollback {
  constructor(readonly result: Result<never>) {}
}

export function abortIfFailed(r: Result<void>): void {
  if (!r.ok) throw new Rollback(r);
}

/** A document without the database's `_id` (and any other listed bookkeeping fields). */
export function strip(doc: CloudDoc, ...extra: string[]): CloudDoc {
  const out: CloudDoc = { ...doc };
  delete out._id;
  for (const k of extra) delete out[k];
  return out;
}

export function outboxDoc(item: OutboxItem): CloudDoc {
  // `at` (the notice's time) is copied to the top level to list the outbox in order.
  return defined({ ...item, at: item.notice.at });
}

/** The database with the reads and the transaction runner every part of the store uses. */
export class CloudAccess {
  readonly _: CloudCommand;

  constructor(readonly db: CloudDb) {
    this._ = db.command;
  }

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
  async transact<T>(run: (t: CloudTransaction, attempt: number) => Promise<T>): Promise<T> {
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

  async getDoc(ref: CloudDocRef): Promise<CloudDoc | undefined> {
    try {
      const r = await ref.get();
      return r.data ?? undefined;
    } catch (e) {
      if (isMissingDoc(e)) return undefined;
      throw e;
    }
  }

  where(collection: string, conds: object[]): CloudQuery {
    const q = this.db.collection(collection);
    if (conds.length === 0) return q;
    return q.where(conds.length === 1 ? conds[0] : this._.and(conds));
  }

  /**
   * Up to `take` documents in the order of (`field`, `_id`), starting after `after`, read in pages of
   * at most 100 by key (no skip: skipping costs the database every skipped document).
   */
  async fetchOrdered(
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

  fetchAll(collection: string, conds: object[]): Promise<CloudDoc[]> {
    return this.fetchOrdered(collection, conds, '_id', 'asc', Number.POSITIVE_INFINITY);
  }

  parseCaseDoc(doc: CloudDoc, id = String(doc._id)): Case {
    const c = parseStored(caseSchema, doc.case, `cases/${id}`);
    if (c.id !== id) throw new StoredRecordError(`cases/${id}`, [`case.id: 记录中的编号为 ${c.id}`]);
    if (doc.version !== c.version)
      throw new StoredRecordError(`cases/${id}`, [`version: 文档为 ${String(doc.version)}，案件为 ${c.version}`]);
    return c;
  }

  parseTallyDoc(doc: CloudDoc): TallyRow {
    const record = `tallies/${String(doc._id)}`;
    const tally = doc.tally;
    if (typeof tally !== 'object' || tally === null) throw new StoredRecordError(record, ['tally: 应为对象']);
    // A key added to TALLY_KEYS after a row was written reads as 0 in that row.
    const counts = TALLY_KEYS.map((k) => (tally as Record<string, unknown>)[k] ?? 0);
    return parseTallyRow([doc.communityId, doc.gridId, doc.month, doc.categoryId], counts, record);
  }

  parseOutboxDoc(doc: CloudDoc): OutboxItem {
    return parseStored(outboxItemSchema, strip(doc, 'at'), `outbox/${String(doc._id)}`);
  }
}
