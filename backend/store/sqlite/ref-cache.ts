/**
 * Reference documents kept in memory once read and validated, so that a submit does not read and
 * validate the caller's account, the grid's members and the like again on every call.
 *
 * It stays correct without a time limit: this store's own `putRef` drops the kind it wrote, and
 * `PRAGMA data_version` — which changes when another connection (another process) commits to the
 * file — drops everything. Each caller gets its own copy (parsed from the kept JSON), so nothing a
 * caller does to a document reaches the cache.
 */
import type { RefKind } from '../ref-docs';

/** The kinds small enough to keep whole for `listRef` (people's accounts, visits and the like are not). */
const LISTED_KINDS: ReadonlySet<RefKind> = new Set<RefKind>([
  'streets',
  'communities',
  'grids',
  'buildings',
  'departments',
  'categories',
  'policies',
  'members',
  'holidays',
  'settings',
]);

/** A kind's documents kept by id beyond this are dropped and read again. */
const MAX_BY_ID = 50_000;

interface Kept {
  json: string;
  /** The validated document; never handed out. */
  doc: unknown;
}

export class RefCache {
  private version: number | undefined;
  private readonly byId = new Map<RefKind, Map<string, string>>();
  private readonly lists = new Map<RefKind, Kept[]>();

  /** `dataVersion`: the connection's `PRAGMA data_version`. */
  constructor(private readonly dataVersion: () => number) {}

  /** Drops everything when another connection has committed since the last look. */
  private fresh(): void {
    const v = this.dataVersion();
    if (v === this.version) return;
    this.byId.clear();
    this.lists.clear();
    this.version = v;
  }

  get(kind: RefKind, id: string): unknown {
    this.fresh();
    const json = this.byId.get(kind)?.get(id);
    return json === undefined ? undefined : JSON.parse(json);
  }

  /** Keeps a document read and validated; returns a copy for the caller. */
  keep<T>(kind: RefKind, id: string, doc: T): T {
    this.fresh();
    let ids = this.byId.get(kind);
    if (!ids || ids.size >= MAX_BY_ID) this.byId.set(kind, (ids = new Map()));
    const json = JSON.stringify(doc);
    ids.set(id, json);
    return JSON.parse(json) as T;
  }

  /** Whether `listRef` of this kind is served from memory. */
  listed(kind: RefKind): boolean {
    return LISTED_KINDS.has(kind);
  }

  /** Copies of the kept documents of a kind that `match`, in id order; undefined when not kept. */
  list<T>(kind: RefKind, match: (doc: T) => boolean): T[] | undefined {
    this.fresh();
    const all = this.lists.get(kind);
    return all?.filter((k) => match(k.doc as T)).map((k) => JSON.parse(k.json) as T);
  }

  /** Keeps every document of a kind (validated, in id order). */
  keepList(kind: RefKind, docs: readonly unknown[]): void {
    this.fresh();
    this.lists.set(
      kind,
      docs.map((doc) => ({ json: JSON.stringify(doc), doc })),
    );
  }

  /** After this store wrote a document of the kind. */
  forget(kind: RefKind): void {
    this.byId.delete(kind);
    this.lists.delete(kind);
  }
}
