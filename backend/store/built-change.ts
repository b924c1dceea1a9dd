/**
 * Changes the core has just built. A submit's input is checked with zod at the edge, the core
 * builds the case, its events and notices from it, and the store used to check every one of those
 * records with zod again before writing — 6 % of a submit's CPU for records no untrusted hand has
 * touched. The case service marks what it passes straight from the core (`builtChange`); the
 * store still checks such a change's structure (duplicates, versions, events belonging to the
 * change) and skips only the per-record zod pass. Every other change — seeds, tools, anything that
 * did not come from the service — is checked in full, and so is everything read back from storage.
 *
 * Batches for the bulk import are marked the same way (`builtImport`).
 *
 * `checkBuiltChanges(true)` (the test suites' setup, `tests/support/check-built.ts`) checks marked
 * changes and batches as well, so that a core that builds a record the schema refuses fails the tests.
 */
import type { CaseChange } from './store.port';

const built = new WeakSet<CaseChange>();
const builtImports = new WeakSet<readonly unknown[]>();
let checkBuilt = false;

/** Marks a change the core built from checked input (see the module comment); returns it. */
export function builtChange<C extends CaseChange>(change: C): C {
  built.add(change);
  return change;
}

/** Whether the store may skip the per-record zod pass for this change. */
export function skipsRecordCheck(change: CaseChange): boolean {
  return !checkBuilt && built.has(change);
}

/**
 * Marks a batch for `importCases` whose cases and events the core built (the benchmark's synthetic
 * history: the real lifecycle's records with other ids and dates); returns it.
 */
export function builtImport<T extends readonly unknown[]>(items: T): T {
  builtImports.add(items);
  return items;
}

/** Whether `importCases` may skip the per-record zod pass for this batch. */
export function skipsImportCheck(items: readonly unknown[]): boolean {
  return !checkBuilt && builtImports.has(items);
}

/** Whether marked changes are checked in full (to pass on to a worker thread that builds import rows). */
export function checksBuiltChanges(): boolean {
  return checkBuilt;
}

/** Checks marked changes in full (`true`) or trusts them (`false`); answers the previous setting. */
export function checkBuiltChanges(on: boolean): boolean {
  const was = checkBuilt;
  checkBuilt = on;
  return was;
}
