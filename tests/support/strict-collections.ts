/**
 * The WeChat cloud database's rule that a collection must be created before it is used, put in
 * front of any `CloudDb` double: every read or write on a collection not created yet rejects with
 * -502005 (`DATABASE_COLLECTION_NOT_EXIST`), as the cloud does, and `createCollection` of one
 * that exists rejects too (with a text of its own: callers must not depend on it).
 */
import type { CloudDb, CloudTransaction } from '../../backend/store/cloud-store';
import type { CloudSchemaDb } from '../../backend/cloud/cloud-setup';

const CHAINED = new Set(['where', 'orderBy', 'skip', 'limit', 'field', 'doc']);

function missing(name: string): Error & { errCode: number } {
  const e = new Error(
    `errCode: -502005 database collection not exists | errMsg: [ResourceNotFound] Db or Table not exist: ${name}`,
  ) as Error & {
    errCode: number;
  };
  e.errCode = -502005;
  return e;
}

/** A collection (or document, or query) that does not exist: chaining works, every call rejects. */
function absent(name: string): unknown {
  const target = {};
  const proxy: object = new Proxy(target, {
    get: (_t, prop) => {
      if (prop === 'then') return undefined;
      if (typeof prop === 'string' && CHAINED.has(prop)) return () => proxy;
      return () => Promise.reject(missing(name));
    },
  });
  return proxy;
}

export class StrictCollectionsDb implements CloudSchemaDb {
  readonly created = new Set<string>();
  readonly createCalls: string[] = [];

  constructor(
    private readonly inner: CloudDb,
    existing: Iterable<string> = [],
  ) {
    for (const n of existing) this.created.add(n);
  }

  get command() {
    return this.inner.command;
  }

  RegExp(o: { regexp: string; options?: string }): unknown {
    return this.inner.RegExp(o);
  }

  async createCollection(name: string): Promise<unknown> {
    this.createCalls.push(name);
    if (this.created.has(name))
      throw Object.assign(new Error(`createCollection:fail -501001 [ResourceExist] Table exist: ${name}`), { errCode: -501001 });
    this.created.add(name);
    return { errMsg: 'createCollection:ok' };
  }

  collection(name: string) {
    return this.created.has(name) ? this.inner.collection(name) : (absent(name) as ReturnType<CloudDb['collection']>);
  }

  runTransaction<T>(run: (t: CloudTransaction) => Promise<T>, retries?: number): Promise<T> {
    return this.inner.runTransaction(
      (t) =>
        run({
          collection: (name: string) =>
            this.created.has(name) ? t.collection(name) : (absent(name) as ReturnType<CloudTransaction['collection']>),
        }),
      retries,
    );
  }
}
