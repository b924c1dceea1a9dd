/**
 * The storage port. Two adapters implement it: SQLite for the local host
 * (`sqlite-store.ts`) and the WeChat cloud database (`cloud-store.ts`). One contract test suite
 * (`tests/contract/store.contract.ts`) runs against both.
 *
 * Every write to cases goes through `commit`: the case changes, their timeline events, their
 * notices (the outbox) and the board counters are written together or not at all, and an update
 * only applies when the stored version is still the one the change was computed from.
 */
import type { IntakeChannel } from '../../core/intake';
import type { Case, CaseEvent, CaseStatus, Notice, Severity } from '../../core/model';
import type { Result } from '../../core/errors';
import type { RefDocs, RefKind } from './ref-docs';
import type { CaseTally } from '../../core/metrics';

export interface CaseChange {
  /** New cases. `requestKey` (`<openid>:<requestId>`) is unique: a retried create finds the first. */
  creates: { case: Case; requestKey?: string }[];
  /** Updated cases with the version they were computed from (compare-and-set). */
  updates: { expectedVersion: number; case: Case }[];
  /** Timeline events; (caseId, seq) is unique and the timeline is append-only. */
  events: CaseEvent[];
  /** Notices to deliver; `key` is unique so a notice is queued once. */
  notices: Notice[];
}

export type CaseOrder = 'created_desc' | 'deadline_asc';

export interface CaseQuery {
  communityId?: string;
  streetId?: string;
  gridId?: string;
  holderOpenid?: string;
  reporterOpenid?: string;
  departmentId?: string;
  statuses?: CaseStatus[];
  categoryId?: string;
  buildingId?: string;
  severity?: Severity;
  /** Only cases whose running deadline has passed (`deadline_at` ≤ `overdueAt`). */
  overdueAt?: string;
  isPublic?: boolean;
  /** Only public cases with free texts waiting for review (审核后公开; `textsWaitingOf`). */
  textsWaiting?: true;
  createdFrom?: string;
  createdTo?: string;
  // ——— the admin's search (issue #18): a number, words, a phone, a handler ———
  /** The case number (`2612-0042`); give its month as `createdFrom`/`createdTo` too, so the cloud reads one month. */
  caseNo?: string;
  /** Words the description contains (any case); matched while reading along the scope's index. */
  text?: string;
  /** The reporter's contact phone, exactly; matched along the scope's index. */
  reporterPhone?: string;
  /** The member holding the case (by member id). */
  holderMemberId?: string;
  /** The channel it came by (core/intake.ts `intakeChannelOf`: app, patrol or the origin's); matched along the scope's index. */
  channel?: IntakeChannel;
  // ——— end of the admin's search ———
  order?: CaseOrder;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  limit: number;
}

/** What a case list is filtered by, without its paging. */
export type CaseFilter = Omit<CaseQuery, 'cursor' | 'limit' | 'order'>;

export interface CasePage {
  items: Case[];
  nextCursor?: string;
}

/** A row of the board counters: the tally of the cases of one grid, month and category. */
export interface TallyRow {
  communityId: string;
  gridId: string;
  /** China-local month of submission, `YYYY-MM`. */
  month: string;
  categoryId: string;
  tally: CaseTally;
}

export interface TallyQuery {
  communityId?: string;
  gridId?: string;
  fromMonth: string;
  toMonth: string;
}

export type OutboxStatus = 'queued' | 'sent' | 'failed';

export interface OutboxItem {
  notice: Notice;
  status: OutboxStatus;
  attempts: number;
  /** Not before this time may it be tried again (backoff). */
  nextAttemptAt: string;
  /**
   * Channels already done, so a retry never sends twice: `subscribe` and `inbox`. `unknown`: a
   * send was claimed and never recorded (the sender died in between); it is not tried again.
   */
  done: { subscribe?: 'sent' | 'skipped' | 'undeliverable' | 'unknown'; inbox?: boolean };
  /** A send claimed with `claimDelivery` and not yet recorded, with the end of its lease. */
  sending?: { channel: DeliveryChannel; until: string };
  lastError?: string;
}

/** The channels delivered at most once (the in-app message is idempotent by its id). */
export type DeliveryChannel = 'subscribe';

export interface InboxMessage {
  id: string;
  openid: string;
  caseId: string;
  /** The case's number (`2612-0042`). */
  caseNo?: string;
  kind: string;
  title: string;
  body: string;
  at: string;
  read: boolean;
}

export interface Store {
  // ——— reference data (small collections: places, categories, policies, people) ———
  getRef<K extends RefKind>(kind: K, id: string): Promise<RefDocs[K] | undefined>;
  /** All documents of a kind whose fields equal those in `where` (top-level fields only). */
  listRef<K extends RefKind>(kind: K, where?: Partial<RefDocs[K]>): Promise<RefDocs[K][]>;
  putRef<K extends RefKind>(kind: K, doc: RefDocs[K]): Promise<void>;
  /**
   * Stores a document only if none with its id exists: true for the one caller that created it,
   * false for every other (also under concurrent calls). A ballot or a survey answer is written so.
   */
  createRef<K extends RefKind>(kind: K, doc: RefDocs[K]): Promise<boolean>;

  // ——— cases ———
  getCase(id: string): Promise<Case | undefined>;
  findCaseIdByRequest(requestKey: string): Promise<string | undefined>;
  listCases(query: CaseQuery): Promise<CasePage>;
  /** How many cases match; with `cap`, counting stops there (the answer is at most `cap`), so a count stays cheap at any size. */
  countCases(query: CaseFilter, cap?: number): Promise<number>;
  getTimeline(caseId: string): Promise<CaseEvent[]>;
  /** Open cases held by each member of a grid, by member id. */
  openWorkByMember(gridId: string): Promise<Record<string, number>>;
  /** Cases whose clock must be looked at by `now` (their `nextCheckAt` has come). */
  listDueCases(now: string, limit: number): Promise<Case[]>;
  /** Cases a reporter filed since a time (for per-user limits); with `cap`, counting stops there. */
  countCasesByReporterSince(openid: string, since: string, cap?: number): Promise<number>;
  commit(change: CaseChange): Promise<Result<void>>;

  // ——— case numbers (`core/case-number.ts`): one counter per street and month ———
  /** The last number given in a scope (`streetId|YYMM`); 0 when none yet. */
  lastCaseNumber(scope: string): Promise<number>;
  /**
   * Takes `count` numbers of a scope at once, each given once whoever else takes numbers at the
   * same time (another process too), and answers the first. `seen` is what the caller believes the
   * last number to be: right, it saves a read; wrong, the adapter reads and tries again.
   * `CASE.BUSY` when the counter stayed contended through every try.
   */
  claimCaseNumbers(scope: string, count: number, seen?: number): Promise<Result<{ first: number }>>;
  /** Cases without a number (filed before numbers existed), oldest first (`createdAt`, then id); for the backfill. */
  listUnnumberedCases(limit: number): Promise<Case[]>;

  // ——— board counters, kept by `commit` from `tallyCase(before)` → `tallyCase(after)` ———
  readTallies(query: TallyQuery): Promise<TallyRow[]>;

  // ——— notifications ———
  /** Queued items due by `now`, leased for `leaseMs` so that two dispatchers never take the same one. */
  claimOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxItem[]>;
  /**
   * Claims a channel of an item before sending on it, leased until `until`: true for one caller;
   * false when the channel is done or claimed already — by anyone, lease ended or not, so a send
   * is never repeated — or the item does not exist. Only `saveOutbox` (recording the outcome) clears it.
   */
  claimDelivery(noticeKey: string, channel: DeliveryChannel, until: string): Promise<boolean>;
  saveOutbox(item: OutboxItem): Promise<void>;
  listOutbox(status?: OutboxStatus): Promise<OutboxItem[]>;
  addInboxMessage(msg: InboxMessage): Promise<void>;
  listInbox(openid: string, limit: number, before?: string): Promise<InboxMessage[]>;
  countUnread(openid: string): Promise<number>;
  markRead(openid: string, ids: string[] | 'all'): Promise<number>;
  /** Subscribe-message quota a user granted, by template kind (each grant is one message). */
  addSubscriptionQuota(openid: string, templateKey: string, count: number): Promise<void>;
  /** Takes one unit of quota; false when none is left. */
  takeSubscriptionQuota(openid: string, templateKey: string): Promise<boolean>;
  clearSubscriptionQuota(openid: string, templateKey: string): Promise<void>;

  close(): Promise<void>;
}
