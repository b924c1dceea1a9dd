/**
 * An in-memory stand-in for the WeChat cloud database (`cloud.database()` of wx-server-sdk), the
 * subset `CloudStore` uses, behaving like the real one where it matters to the store:
 *
 * - `doc(id).get()` rejects when the document is missing (`document with _id … does not exist`);
 * - `get()` returns at most 100 documents (the server SDK's default, used here as the cap);
 * - `set`/`update` refuse `_id` in their data, `set` refuses update operators, `update` merges
 *   nested objects field by field and applies `_.inc`;
 * - transactions allow only document reads and writes, see their own writes, and commit all or
 *   nothing. Like MongoDB, under the cloud database, the first writer of a document wins: a write to
 *   a document another transaction has written and not yet committed, or committed since this one
 *   began, is a conflict. `runTransaction` runs the function at most three times in all (the SDK's
 *   default), retrying only a conflict that carries `DATABASE_TRANSACTION_CONFLICT`; every other
 *   conflict arrives without that code (the database reports some as a bare abort), so the caller
 *   must not rely on the text to recognise one;
 * - inside a transaction `doc(id).get()` of a missing document answers `{ data: null }` every other
 *   time instead of rejecting (both happen);
 * - a document's `_id` holds only letters, digits, `-` and `_`, at most 64 of them: the characters the
 *   database's own ids use (see docs/decisions.md);
 * - with `latencyMs`, every call to the database is one round trip of that latency: not slept, but
 *   counted (`roundTrips`) and run on a modelled clock (`modelledMs()`): a call issued at modelled
 *   time t answers at t + latency, and calls in flight together (`Promise.all`) overlap, so the
 *   clock measures the time a sequence of calls would take in the cloud — the sequential round
 *   trips times the latency — without waiting for it;
 * - `where` conditions are translated from `db.command` to Mongo operators and run by mingo.
 *
 * Documents are copied in and out, so nobody can change stored data by holding a reference.
 */
import { Query } from 'mingo';
import type { CloudCollection, CloudCommand, CloudDb, CloudDocRef, CloudQuery, CloudTransaction } from '../../backend/store/cloud-store';

type Doc = Record<string, unknown> & { _id: string };

/** A `db.command` value: a field operator (`gt`, `in`, …), a logic one (`and`, `or`) or `inc`. */
class Cmd {
  constructor(
    readonly op: string,
    readonly arg: unknown,
  ) {}
}

const MAX_GET = 100;

function sdkError(api: string, errMsg: string, code?: string): Error & { errCode: number; errMsg: string; code?: string } {
  const e = new Error(`errCode: -1 | errMsg: ${api}:fail ${errMsg}`) as Error & { errCode: number; errMsg: string; code?: string };
  e.errCode = -1;
  e.errMsg = `${api}:fail ${errMsg}`;
  if (code) e.code = code;
  return e;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Cmd) && !(v instanceof Date);

function logicArgs(args: unknown[]): unknown[] {
  return args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
}

export function makeFakeCommand(): CloudCommand {
  const field = (op: string) => (v: unknown) => new Cmd(op, v);
  return {
    eq: field('eq'),
    neq: field('neq'),
    in: field('in'),
    nin: field('nin'),
    gt: field('gt'),
    gte: field('gte'),
    lt: field('lt'),
    lte: field('lte'),
    exists: field('exists'),
    and: (...args: unknown[]) => new Cmd('and', logicArgs(args)),
    or: (...args: unknown[]) => new Cmd('or', logicArgs(args)),
    inc: (n: number) => new Cmd('inc', n),
  } as unknown as CloudCommand;
}

const FIELD_OPS: Record<string, string> = {
  eq: '$eq',
  neq: '$ne',
  in: '$in',
  nin: '$nin',
  gt: '$gt',
  gte: '$gte',
  lt: '$lt',
  lte: '$lte',
  exists: '$exists',
};

function checkDefined(value: unknown, where: string): void {
  if (value === undefined) throw sdkError('collection.where', `${where}: undefined is not a valid value`);
}

/** A field-level condition value to a Mongo one. */
function fieldCondition(path: string, v: unknown): Record<string, unknown> {
  if (v instanceof Cmd) {
    if (v.op === 'and' || v.op === 'or') return { [`$${v.op}`]: (v.arg as unknown[]).map((x) => fieldCondition(path, x)) };
    if (v.op === 'regex') {
      const r = v.arg as { regexp: string; options?: string };
      return { [path]: { $regex: r.regexp, $options: r.options ?? '' } };
    }
    const op = FIELD_OPS[v.op];
    if (!op) throw sdkError('collection.where', `operator ${v.op} cannot be used in a query`);
    checkDefined(v.arg, path);
    return { [path]: { [op]: v.arg } };
  }
  checkDefined(v, path);
  // The cloud database matches a nested object field by field, unlike Mongo's whole-document match.
  if (isPlainObject(v)) {
    const parts = Object.entries(v).map(([k, x]) => fieldCondition(`${path}.${k}`, x));
    return parts.length === 1 ? parts[0] : { $and: parts };
  }
  return { [path]: { $eq: v } };
}

/** A `where` argument (an object of field conditions, or `_.and` / `_.or` of such) to Mongo. */
export function toMongoQuery(cond: unknown): Record<string, unknown> {
  if (cond instanceof Cmd) {
    if (cond.op !== 'and' && cond.op !== 'or') throw sdkError('collection.where', `operator ${cond.op} needs a field`);
    return { [`$${cond.op}`]: (cond.arg as unknown[]).map(toMongoQuery) };
  }
  if (!isPlainObject(cond)) throw sdkError('collection.where', 'query must be an object');
  const parts = Object.entries(cond).map(([k, v]) => fieldCondition(k, v));
  if (parts.length === 0) return {};
  return parts.length === 1 ? parts[0] : { $and: parts };
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function checkSetData(api: string, data: unknown): Record<string, unknown> {
  if (!isPlainObject(data) || Object.keys(data).length === 0) throw sdkError(api, '参数必需是非空对象');
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw sdkError(api, '不能更新_id的值');
  const walk = (v: unknown, path: string): void => {
    if (v === undefined) throw sdkError(api, `${path}: undefined is not a valid value`);
    if (v instanceof Cmd) throw sdkError(api, 'update operator complicit');
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  for (const [k, v] of Object.entries(data)) walk(v, k);
  return data;
}

/** `update` semantics: nested plain objects merge field by field; `_.inc` adds. */
function applyUpdate(api: string, doc: Doc, data: unknown): Doc {
  if (!isPlainObject(data) || Object.keys(data).length === 0) throw sdkError(api, '参数必需是非空对象');
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw sdkError(api, '不能更新_id的值');
  const out = clone(doc) as Record<string, unknown>;
  const apply = (target: Record<string, unknown>, patch: Record<string, unknown>, path: string): void => {
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) throw sdkError(api, `${path}${k}: undefined is not a valid value`);
      if (v instanceof Cmd) {
        if (v.op !== 'inc') throw sdkError(api, `operator ${v.op} is not supported in an update`);
        const before = target[k] ?? 0;
        if (typeof before !== 'number') throw sdkError(api, `${path}${k} is not a number`);
        target[k] = before + (v.arg as number);
      } else if (isPlainObject(v)) {
        const inner = isPlainObject(target[k]) ? (target[k] as Record<string, unknown>) : {};
        target[k] = inner;
        apply(inner, v, `${path}${k}.`);
      } else {
        target[k] = clone(v);
      }
    }
  };
  apply(out, data, '');
  return out as Doc;
}

interface Stored {
  doc: Doc;
  /** The commit clock when the document was last written. */
  rev: number;
}

export interface FakeCloudDbOptions {
  /** Called before every operation; a test may throw from it to simulate a failure. */
  beforeOperation?: (op: string, collection: string) => void;
  /** The modelled time of one round trip to the database, in ms (default 0). */
  latencyMs?: number;
  /** Which conflicts lack the conflict code: every other one (default), none or all. */
  uncodedConflicts?: 'alternate' | 'none' | 'all';
}

/** The `_id` characters the cloud database's own ids use, and a length it surely allows. */
export const DOC_ID_RULE = /^[A-Za-z0-9_-]{1,64}$/;

/** How many times `runTransaction` runs its function at most, as the SDK's default. */
export const TRANSACTION_RUNS = 3;

export class FakeCloudDb implements CloudDb {
  readonly command: CloudCommand = makeFakeCommand();
  /** `db.RegExp`: the SDK takes `regexp` as a pattern string and `options` as flags (`i`, `m`, `s`). */
  RegExp(o: { regexp: string; options?: string }): unknown {
    if (typeof o?.regexp !== 'string') throw sdkError('db.RegExp', 'regexp must be a string');
    return new Cmd('regex', o);
  }
  private readonly collections = new Map<string, Map<string, Stored>>();
  /** Removed documents keep their revision, so a transaction that read "missing" sees the insert. */
  private readonly tombstones = new Map<string, number>();
  private clock = 0;
  /** Transactions begun and not yet committed or abandoned. */
  private readonly open = new Set<FakeTransaction>();
  /** Operations performed, by kind, for tests that look at how the store talks to the database. */
  readonly stats = { get: 0, query: 0, write: 0, transactions: 0, conflicts: 0, uncodedConflicts: 0, roundTrips: 0, missingAsNull: 0 };

  /** The modelled clock (ms) and the calls waiting on it for their answer, with latency. */
  private modelledNow = 0;
  private waiting: { at: number; resolve: () => void }[] = [];
  private flushScheduled = false;

  constructor(private readonly options: FakeCloudDbOptions = {}) {}

  collection(name: string): CloudCollection {
    return new FakeCollection(this, name, {});
  }

  /**
   * The modelled time so far: calls made one after another add a latency each, calls in flight
   * together one latency in all. Without latency, 0.
   */
  modelledMs(): number {
    return this.modelledNow;
  }

  /** The sequential round trips so far: the modelled time in latencies (0 without latency). */
  sequentialRoundTrips(): number {
    const latency = this.options.latencyMs ?? 0;
    return latency > 0 ? Math.round(this.modelledNow / latency) : 0;
  }

  /**
   * Waits for one round trip's answer. Without latency, a turn of the event loop. With it, the call
   * answers at the modelled now + latency: when nothing else can run (a turn of the event loop),
   * the clock moves to the earliest answer due and every call due then answers together.
   */
  roundTrip(): Promise<void> {
    const latency = this.options.latencyMs ?? 0;
    if (latency <= 0) return tick();
    return new Promise((resolve) => {
      this.waiting.push({ at: this.modelledNow + latency, resolve });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.waiting.length === 0) return;
      const at = Math.min(...this.waiting.map((w) => w.at));
      this.modelledNow = at;
      const due = this.waiting.filter((w) => w.at === at);
      this.waiting = this.waiting.filter((w) => w.at !== at);
      for (const w of due) w.resolve();
      if (this.waiting.length > 0) this.scheduleFlush();
    });
  }

  async runTransaction<T>(run: (t: CloudTransaction) => Promise<T>, times = TRANSACTION_RUNS): Promise<T> {
    const runs = Math.min(Math.max(1, Math.floor(times)), TRANSACTION_RUNS);
    for (let attempt = 1; ; attempt++) {
      this.stats.transactions++;
      const tx = new FakeTransaction(this, this.clock);
      this.open.add(tx);
      try {
        const result = await run(tx);
        await this.roundTrip();
        this.before('transaction.commit', '');
        this.commitTransaction(tx);
        return result;
      } catch (e) {
        if ((e as { code?: unknown })?.code === 'DATABASE_TRANSACTION_CONFLICT' && attempt < runs) continue;
        throw e;
      } finally {
        this.open.delete(tx);
      }
    }
  }

  // ——— for tests ———

  /** A stored document as it is (a copy), or undefined. */
  peek(collection: string, id: string): Doc | undefined {
    const s = this.coll(collection).get(id);
    return s ? clone(s.doc) : undefined;
  }

  /** Writes a document as it is, bypassing every check (to plant a corrupt record). */
  poke(collection: string, doc: Doc): void {
    this.coll(collection).set(doc._id, { doc: clone(doc), rev: ++this.clock });
  }

  /** Every document of a collection (copies). */
  dump(collection: string): Doc[] {
    return [...this.coll(collection).values()].map((s) => clone(s.doc));
  }

  // ——— internals shared by the fake's classes ———

  coll(name: string): Map<string, Stored> {
    let c = this.collections.get(name);
    if (!c) {
      c = new Map();
      this.collections.set(name, c);
    }
    return c;
  }

  before(op: string, collection: string): void {
    this.stats.roundTrips++;
    this.options.beforeOperation?.(op, collection);
  }

  checkDocId(api: string, id: string): void {
    if (!DOC_ID_RULE.test(id)) throw sdkError(api, `invalid _id ${JSON.stringify(id)}: only letters, digits, - and _ (at most 64)`);
  }

  /** Whether this read of a missing document inside a transaction answers `{ data: null }`. */
  missingAsNull(): boolean {
    this.stats.missingAsNull++;
    return this.stats.missingAsNull % 2 === 0;
  }

  private conflict(): Error {
    this.stats.conflicts++;
    const mode = this.options.uncodedConflicts ?? 'alternate';
    if (mode === 'all' || (mode === 'alternate' && this.stats.conflicts % 2 === 0)) {
      this.stats.uncodedConflicts++;
      return sdkError('runTransaction', 'Transaction has been aborted');
    }
    return sdkError('transaction', 'database transaction conflict', 'DATABASE_TRANSACTION_CONFLICT');
  }

  revisionOf(collection: string, id: string): number {
    return this.coll(collection).get(id)?.rev ?? this.tombstones.get(`${collection}/${id}`) ?? 0;
  }

  write(collection: string, id: string, doc: Doc | undefined): void {
    this.stats.write++;
    const rev = ++this.clock;
    if (doc) this.coll(collection).set(id, { doc: clone(doc), rev });
    else {
      this.coll(collection).delete(id);
      this.tombstones.set(`${collection}/${id}`, rev);
    }
  }

  find(collection: string, cond: unknown): Doc[] {
    this.stats.query++;
    const docs = [...this.coll(collection).values()].map((s) => s.doc);
    if (cond === undefined) return docs;
    return new Query(toMongoQuery(cond)).find<Doc>(docs).all() as Doc[];
  }

  checkNoConflict(tx: FakeTransaction, collection: string, id: string): void {
    if (this.revisionOf(collection, id) > tx.startClock) throw this.conflict();
    // First writer wins also against a transaction that has not committed yet.
    const key = txKey(collection, id);
    for (const other of this.open) if (other !== tx && other.writes.has(key)) throw this.conflict();
  }

  private commitTransaction(tx: FakeTransaction): void {
    // First committer wins: every document this transaction writes must be as it found it.
    for (const key of tx.writes.keys()) {
      const [collection, id] = splitKey(key);
      this.checkNoConflict(tx, collection, id);
    }
    for (const [key, doc] of tx.writes) {
      const [collection, id] = splitKey(key);
      this.write(collection, id, doc);
    }
  }
}

const txKey = (collection: string, id: string): string => `${collection}\u0000${id}`;
const splitKey = (key: string): [string, string] => {
  const i = key.indexOf('\u0000');
  return [key.slice(0, i), key.slice(i + 1)];
};

/** Lets other async work run between operations, as the network would. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class FakeQuery implements CloudQuery {
  constructor(
    protected readonly db: FakeCloudDb,
    protected readonly name: string,
    protected readonly spec: { cond?: unknown; order?: [string, 1 | -1][]; skip?: number; limit?: number },
  ) {}

  where(cond: object): CloudQuery {
    toMongoQuery(cond); // fail early on a malformed condition, like the SDK's validation
    return new FakeQuery(this.db, this.name, { ...this.spec, cond });
  }

  orderBy(field: string, direction: 'asc' | 'desc'): CloudQuery {
    if (direction !== 'asc' && direction !== 'desc') throw sdkError('collection.orderBy', `invalid direction ${String(direction)}`);
    return new FakeQuery(this.db, this.name, { ...this.spec, order: [...(this.spec.order ?? []), [field, direction === 'asc' ? 1 : -1]] });
  }

  skip(n: number): CloudQuery {
    return new FakeQuery(this.db, this.name, { ...this.spec, skip: n });
  }

  limit(n: number): CloudQuery {
    if (!Number.isInteger(n) || n < 1) throw sdkError('collection.limit', `limit must be a positive integer`);
    return new FakeQuery(this.db, this.name, { ...this.spec, limit: n });
  }

  async get(): Promise<{ data: Record<string, unknown>[] }> {
    await this.db.roundTrip();
    this.db.before('get', this.name);
    let docs = this.db.find(this.name, this.spec.cond);
    if (this.spec.order?.length) {
      const sort = Object.fromEntries(this.spec.order);
      docs = new Query({}).find<Doc>(docs).sort(sort).all() as Doc[];
    }
    const from = this.spec.skip ?? 0;
    const take = Math.min(this.spec.limit ?? MAX_GET, MAX_GET);
    return { data: docs.slice(from, from + take).map(clone) };
  }

  async count(): Promise<{ total: number }> {
    await this.db.roundTrip();
    this.db.before('count', this.name);
    return { total: this.db.find(this.name, this.spec.cond).length };
  }

  async update(options: { data: object }): Promise<{ stats: { updated: number } }> {
    await this.db.roundTrip();
    this.db.before('update', this.name);
    const matches = this.db.find(this.name, this.spec.cond);
    const updated = matches.map((d) => applyUpdate('collection.update', d, options.data));
    for (const d of updated) this.db.write(this.name, d._id, d);
    return { stats: { updated: updated.length } };
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    await this.db.roundTrip();
    this.db.before('remove', this.name);
    const matches = this.db.find(this.name, this.spec.cond);
    for (const d of matches) this.db.write(this.name, d._id, undefined);
    return { stats: { removed: matches.length } };
  }
}

class FakeCollection extends FakeQuery implements CloudCollection {
  doc(id: string): CloudDocRef {
    return new FakeDocRef(this.db, this.name, id);
  }
}

class FakeDocRef implements CloudDocRef {
  constructor(
    private readonly db: FakeCloudDb,
    private readonly name: string,
    private readonly id: string,
  ) {}

  async get(): Promise<{ data: Record<string, unknown> }> {
    await this.db.roundTrip();
    this.db.before('doc.get', this.name);
    this.db.stats.get++;
    const s = this.db.coll(this.name).get(this.id);
    if (!s) throw sdkError('document.get', `document with _id ${this.id} does not exist`);
    return { data: clone(s.doc) };
  }

  async set(options: { data: object }): Promise<{ _id: string; stats: { updated: number; created: number } }> {
    await this.db.roundTrip();
    this.db.before('doc.set', this.name);
    this.db.checkDocId('document.set', this.id);
    const data = checkSetData('document.set', options.data);
    const existed = this.db.coll(this.name).has(this.id);
    this.db.write(this.name, this.id, { ...clone(data), _id: this.id });
    return { _id: this.id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } };
  }

  async update(options: { data: object }): Promise<{ stats: { updated: number } }> {
    await this.db.roundTrip();
    this.db.before('doc.update', this.name);
    const s = this.db.coll(this.name).get(this.id);
    if (!s) return { stats: { updated: 0 } };
    this.db.write(this.name, this.id, applyUpdate('document.update', s.doc, options.data));
    return { stats: { updated: 1 } };
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    await this.db.roundTrip();
    this.db.before('doc.remove', this.name);
    const existed = this.db.coll(this.name).has(this.id);
    if (existed) this.db.write(this.name, this.id, undefined);
    return { stats: { removed: existed ? 1 : 0 } };
  }
}

class FakeTransaction implements CloudTransaction {
  /** Pending writes by collection and id; `undefined` removes. Copy-on-write: nothing is stored until commit. */
  readonly writes = new Map<string, Doc | undefined>();

  constructor(
    private readonly db: FakeCloudDb,
    readonly startClock: number,
  ) {}

  collection(name: string): { doc(id: string): CloudDocRef } {
    return { doc: (id: string) => new FakeTxDocRef(this.db, this, name, id) };
  }

  read(collection: string, id: string): Doc | undefined {
    const key = txKey(collection, id);
    if (this.writes.has(key)) return this.writes.get(key);
    return this.db.coll(collection).get(id)?.doc;
  }
}

class FakeTxDocRef implements CloudDocRef {
  constructor(
    private readonly db: FakeCloudDb,
    private readonly tx: FakeTransaction,
    private readonly name: string,
    private readonly id: string,
  ) {}

  private stage(doc: Doc | undefined): void {
    // Like the real database, a write to a document changed since the transaction began fails at once.
    this.db.checkNoConflict(this.tx, this.name, this.id);
    this.tx.writes.set(txKey(this.name, this.id), doc);
  }

  async get(): Promise<{ data: Record<string, unknown> | null }> {
    await this.db.roundTrip();
    this.db.before('transaction.get', this.name);
    this.db.stats.get++;
    const doc = this.tx.read(this.name, this.id);
    if (!doc) {
      if (this.db.missingAsNull()) return { data: null };
      throw sdkError('document.get', `document with _id ${this.id} does not exist`);
    }
    return { data: clone(doc) };
  }

  async set(options: { data: object }): Promise<{ _id: string; stats: { updated: number; created: number } }> {
    await this.db.roundTrip();
    this.db.before('transaction.set', this.name);
    this.db.checkDocId('document.set', this.id);
    const data = checkSetData('document.set', options.data);
    const existed = this.tx.read(this.name, this.id) !== undefined;
    this.stage({ ...clone(data), _id: this.id });
    return { _id: this.id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } };
  }

  async update(options: { data: object }): Promise<{ stats: { updated: number } }> {
    await this.db.roundTrip();
    this.db.before('transaction.update', this.name);
    const doc = this.tx.read(this.name, this.id);
    if (!doc) return { stats: { updated: 0 } };
    this.stage(applyUpdate('document.update', doc, options.data));
    return { stats: { updated: 1 } };
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    await this.db.roundTrip();
    this.db.before('transaction.remove', this.name);
    const existed = this.tx.read(this.name, this.id) !== undefined;
    if (existed) this.stage(undefined);
    return { stats: { removed: existed ? 1 : 0 } };
  }
}
