/** Writes of reference documents (grids, members, categories, policies…) that drop the cached directory. */
import { invalidateDirectory } from '../../services/directory';
import type { RefDocs, RefKind } from '../../store/ref-docs';
import type { Store } from '../../store/store.port';

/** Writes a reference document and drops the cached directory, so the next call sees it. */
export async function writeRef<K extends RefKind>(store: Store, kind: K, doc: RefDocs[K]): Promise<void> {
  await store.putRef(kind, doc);
  invalidateDirectory(store);
}

/**
 * Changes a stored record as it is now, not the directory's copy, which may be seconds old in
 * another instance: writing that back whole would undo a change made meanwhile (a community's
 * policy and its category roles are set by different calls). Returns what was written.
 */
export async function updateRef<K extends RefKind>(
  store: Store,
  kind: K,
  known: RefDocs[K],
  change: (fresh: RefDocs[K]) => RefDocs[K],
): Promise<RefDocs[K]> {
  const next = change((await store.getRef(kind, known.id)) ?? known);
  await writeRef(store, kind, next);
  return next;
}
