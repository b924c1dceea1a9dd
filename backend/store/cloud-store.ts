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
 *
 * This class is the port; the work is in `cloud/`: the SDK surface, ids and collections
 * (`api.ts`), the indexes (`indexes.ts`), shared reads and retries (`access.ts`), the case commit
 * and its sharded counters (`commit.ts`), and the outbox, inbox and quotas (`notifications.ts`).
 */
import { OPEN_STATUSES, type Case, type CaseEvent } from '../../core/model';
import type { Result } from '../../core/errors';
import { addTally, isZeroTally } from '../../core/metrics';
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
import { InvalidRecordError, StoredRecordError, assertRecord, caseEventSchema, matchesWhere, parseStored, refSchemas } from './schemas';
import { DEFAULT_ORDER, InvalidQueryError, checkLimit, decodeCursor, encodeCursor, isDescending, tallyRowId } from './cursor';
import { CLOUD_COLLECTIONS, CLOUD_ID_RULE, ID_RULE_MESSAGE, keyId, type CloudDb, type CloudCommand, type CloudDoc } from './cloud/api';
import { CloudAccess, EQUAL_FILTERS, defined, strip } from './cloud/access';
import { commitChange } from './cloud/commit';
import * as notifications from './cloud/notifications';
import * as caseNumbers from './cloud/case-numbers';

export * from './cloud/api';
export * from './cloud/indexes';
export { TALLY_SHARDS } from './cloud/commit';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class CloudStore implements Store {
  private readonly _: CloudCommand;
  private readonly cloud: CloudAccess;

  constructor(private readonly db: CloudDb) {
    this._ = db.command;
    this.cloud = new CloudAccess(db);
  }

  // ——— reference data ———

  async getRef<K extends RefKind>(kind: K, id: string): Promise<RefDocs[K] | undefined> {
    const schema = refSchemaOf(kind);
    const doc = await this.cloud.getDoc(this.db.collection(CLOUD_COLLECTIONS.refs[kind]).doc(id));
    return doc ? parseStored(schema, strip(doc), `${kind}/${id}`) : undefined;
  }

  async listRef<K extends RefKind>(kind: K, where?: Partial<RefDocs[K]>): Promise<RefDocs[K][]> {
    const schema = refSchemaOf(kind);
    // Narrow in the database on plain values; the exact comparison is made on the parsed documents.
    const conds = Object.entries(where ?? {})
      .filter(([k, v]) => /^[A-Za-z][A-Za-z0-9_]*$/.test(k) && ['string', 'number', 'boolean'].includes(typeof v))
      .map(([k, v]) => ({ [k]: v }));
    const docs = await this.cloud.fetchAll(CLOUD_COLLECTIONS.refs[kind], conds);
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

  async createRef<K extends RefKind>(kind: K, doc: RefDocs[K]): Promise<boolean> {
    const schema = refSchemaOf(kind);
    assertRecord(schema, doc, `${kind}/${String((doc as { id?: unknown }).id)}`);
    if (!CLOUD_ID_RULE.test(doc.id)) throw new InvalidRecordError(`${kind}/${doc.id}`, [ID_RULE_MESSAGE]);
    // Read and write in one transaction: of writers racing on one id the first commits and every
    // other aborts; `transact` runs them again, and their new run finds the document.
    return this.cloud.transact(async (t) => {
      const ref = t.collection(CLOUD_COLLECTIONS.refs[kind]).doc(doc.id);
      if (await this.cloud.getDoc(ref)) return false;
      await ref.set({ data: defined(strip(doc as unknown as CloudDoc)) });
      return true;
    });
  }

  // ——— cases ———

  async getCase(id: string): Promise<Case | undefined> {
    const doc = await this.cloud.getDoc(this.db.collection(CLOUD_COLLECTIONS.cases).doc(id));
    return doc ? this.cloud.parseCaseDoc(doc, id) : undefined;
  }

  async findCaseIdByRequest(requestKey: string): Promise<string | undefined> {
    const doc = await this.cloud.getDoc(this.db.collection(CLOUD_COLLECTIONS.caseRequests).doc(keyId(requestKey)));
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
    if (q.text !== undefined) conds.push({ 'case.description': this.db.RegExp({ regexp: escapeRegExp(q.text), options: 'i' }) });
    // The channel as `intakeChannelOf` reads it: the origin's, else a patrol report, else the app.
    if (q.channel === 'app') conds.push({ 'case.origin': this._.exists(false), 'case.source': this._.neq('patrol') });
    else if (q.channel === 'patrol') conds.push({ 'case.origin': this._.exists(false), 'case.source': 'patrol' });
    else if (q.channel !== undefined) conds.push({ 'case.origin.channel': q.channel });
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
    const docs = await this.cloud.fetchOrdered(
      CLOUD_COLLECTIONS.cases,
      conds,
      field,
      isDescending(order) ? 'desc' : 'asc',
      limit + 1,
      after ? { key: after.key, id: after.id } : undefined,
    );
    const items = docs.slice(0, limit).map((d) => this.cloud.parseCaseDoc(d));
    const last = docs[limit - 1];
    return docs.length > limit && last
      ? { items, nextCursor: encodeCursor({ order, key: String(last[field]), id: String(last._id) }) }
      : { items };
  }

  async countCases(query: CaseFilter, cap?: number): Promise<number> {
    const conds = this.caseConds(query);
    if (!conds) return 0;
    // The cloud database counts on the server from its indexes; the cap only bounds the answer.
    const total = (await this.cloud.where(CLOUD_COLLECTIONS.cases, conds).count()).total;
    return cap === undefined ? total : Math.min(total, Math.max(0, Math.floor(cap)));
  }

  async getTimeline(caseId: string): Promise<CaseEvent[]> {
    const docs = await this.cloud.fetchOrdered(CLOUD_COLLECTIONS.caseEvents, [{ caseId }], 'seq', 'asc', Number.POSITIVE_INFINITY);
    return docs.map((d) => parseStored(caseEventSchema, strip(d), `case_events/${String(d._id)}`));
  }

  async openWorkByMember(gridId: string): Promise<Record<string, number>> {
    const docs = await this.cloud.fetchAll(CLOUD_COLLECTIONS.cases, [{ gridId, status: this._.in([...OPEN_STATUSES]) }]);
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
    const docs = await this.cloud.fetchOrdered(CLOUD_COLLECTIONS.cases, [{ nextCheckAt: this._.lte(now) }], 'nextCheckAt', 'asc', take);
    return docs.map((d) => this.cloud.parseCaseDoc(d));
  }

  lastCaseNumber(scope: string): Promise<number> {
    return caseNumbers.lastCaseNumber(this.cloud, scope);
  }

  claimCaseNumbers(scope: string, count: number, seen?: number): Promise<Result<{ first: number }>> {
    return caseNumbers.claimCaseNumbers(this.cloud, scope, count, seen);
  }

  async listUnnumberedCases(limit: number): Promise<Case[]> {
    const take = Math.max(0, Math.floor(limit));
    if (take === 0) return [];
    // Along the `created` index from its old end: the unnumbered cases are the oldest.
    const docs = await this.cloud.fetchOrdered(CLOUD_COLLECTIONS.cases, [{ caseNo: this._.exists(false) }], 'createdAt', 'asc', take);
    return docs.map((d) => this.cloud.parseCaseDoc(d));
  }

  async countCasesByReporterSince(openid: string, since: string, cap?: number): Promise<number> {
    // The cloud's count is one round trip whatever it counts; `cap` only bounds the answer.
    const n = (await this.cloud.where(CLOUD_COLLECTIONS.cases, [{ reporterOpenid: openid }, { createdAt: this._.gte(since) }]).count())
      .total;
    return cap === undefined ? n : Math.min(n, cap);
  }

  async commit(change: CaseChange): Promise<Result<void>> {
    return commitChange(this.cloud, change);
  }

  // ——— board counters ———

  async readTallies(query: TallyQuery): Promise<TallyRow[]> {
    const conds: object[] = [{ month: this._.gte(query.fromMonth) }, { month: this._.lte(query.toMonth) }];
    if (query.communityId !== undefined) conds.push({ communityId: query.communityId });
    if (query.gridId !== undefined) conds.push({ gridId: query.gridId });
    // A row is the sum of its shards.
    const byRow = new Map<string, TallyRow>();
    for (const d of await this.cloud.fetchAll(CLOUD_COLLECTIONS.tallies, conds)) {
      const part = this.cloud.parseTallyDoc(d);
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

  claimOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxItem[]> {
    return notifications.claimOutbox(this.cloud, now, limit, leaseMs);
  }

  claimDelivery(noticeKey: string, channel: DeliveryChannel, until: string): Promise<boolean> {
    return notifications.claimDelivery(this.cloud, noticeKey, channel, until);
  }

  saveOutbox(item: OutboxItem): Promise<void> {
    return notifications.saveOutbox(this.cloud, item);
  }

  listOutbox(status?: OutboxStatus): Promise<OutboxItem[]> {
    return notifications.listOutbox(this.cloud, status);
  }

  addInboxMessage(msg: InboxMessage): Promise<void> {
    return notifications.addInboxMessage(this.cloud, msg);
  }

  listInbox(openid: string, limit: number, before?: string): Promise<InboxMessage[]> {
    return notifications.listInbox(this.cloud, openid, limit, before);
  }

  countUnread(openid: string): Promise<number> {
    return notifications.countUnread(this.cloud, openid);
  }

  markRead(openid: string, ids: string[] | 'all'): Promise<number> {
    return notifications.markRead(this.cloud, openid, ids);
  }

  addSubscriptionQuota(openid: string, templateKey: string, count: number): Promise<void> {
    return notifications.addSubscriptionQuota(this.cloud, openid, templateKey, count);
  }

  takeSubscriptionQuota(openid: string, templateKey: string): Promise<boolean> {
    return notifications.takeSubscriptionQuota(this.cloud, openid, templateKey);
  }

  clearSubscriptionQuota(openid: string, templateKey: string): Promise<void> {
    return notifications.clearSubscriptionQuota(this.cloud, openid, templateKey);
  }

  async close(): Promise<void> {
    // The cloud database has no connection to close.
  }
}

function refSchemaOf<K extends RefKind>(kind: K): (typeof refSchemas)[K] {
  if (!REF_KINDS.includes(kind)) throw new InvalidQueryError(`未知的资料类型：${String(kind)}`);
  return refSchemas[kind];
}
