/**
 * The part of the wx-server-sdk database API the cloud store uses (injected: wx-server-sdk is never
 * imported by the store), the rules of document ids, and the collections.
 */
import { createHash } from 'node:crypto';
import { REF_KINDS, type RefKind } from '../ref-docs';

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
  /** `db.RegExp`: a regular-expression match in a query. */
  RegExp(o: { regexp: string; options?: string }): unknown;
  runTransaction<T>(run: (transaction: CloudTransaction) => Promise<T>, retries?: number): Promise<T>;
}

// ——— document ids ———

/**
 * The characters a document `_id` may hold: those of the database's own generated ids (letters,
 * digits, `-`, `_`), and a length well inside what it stores (docs/decisions.md).
 */
export const CLOUD_ID_RULE = /^[A-Za-z0-9_-]{1,64}$/;

export const ID_RULE_MESSAGE = '编号只能由字母、数字、- 和 _ 组成，且不超过 64 个字符';

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
  /** `_id` = `keyId(scope)` (`streetId|YYMM`): the last case number given in a street and month. */
  caseNumbers: 'case_numbers',
  refs: Object.fromEntries(REF_KINDS.map((k) => [k, k])) as { [K in RefKind]: K },
} as const;
