/**
 * A change the core built (`builtChange`) skips only the per-record zod pass at the store's edge,
 * on both adapters: its structure is still checked, an unmarked change is checked in full, and the
 * test suites' mode (`checkBuiltChanges(true)` in their setup) checks marked changes too.
 */
import type { Case } from '../../core/model';
import { builtChange, builtImport, checkBuiltChanges } from '../../backend/store/built-change';
import type { Store } from '../../backend/store/store.port';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { CloudStore } from '../../backend/store/cloud-store';
import { FakeCloudDb } from '../support/fake-cloud-db';
import { createChange, makeCase } from '../support/case-factory';

/** A case the schema refuses (a status no case can have) that the SQL columns still accept. */
const malformed = (): Case => ({ ...makeCase(), status: 'lost' as Case['status'] });

describe.each([
  ['SqliteStore', (): Store => SqliteStore.open(':memory:')],
  ['CloudStore', (): Store => new CloudStore(new FakeCloudDb())],
])('%s: changes the core built', (_name, open) => {
  let was: boolean;
  beforeEach(() => {
    was = checkBuiltChanges(false);
  });
  afterEach(() => {
    checkBuiltChanges(was);
  });

  it('the test suites check marked changes (tests/support/check-built.ts)', () => {
    expect(was).toBe(true);
  });

  it('an unmarked change is checked record by record', async () => {
    const r = await open().commit(createChange(malformed()));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INTERNAL');
  });

  it('a marked change skips the record check, and only that', async () => {
    const store = open();
    const c = malformed();
    expect((await store.commit(builtChange(createChange(c)))).ok).toBe(true);
    // The structure is still checked: the same case twice in one change is refused.
    const twice = makeCase();
    const dup = builtChange({ ...createChange(twice), creates: [{ case: twice }, { case: { ...twice } }] });
    const r = await store.commit(dup);
    expect(r.ok).toBe(false);
    // A marked change that was not built from this object's contents: a copy is not marked.
    expect((await store.commit({ ...builtChange(createChange(malformed())) })).ok).toBe(false);
  });

  it('with checking on, a marked change is checked in full', async () => {
    checkBuiltChanges(true);
    const r = await open().commit(builtChange(createChange(malformed())));
    expect(r.ok).toBe(false);
  });
});

/** A case and its timeline, as an import item. */
const itemOf = (c: Case) => ({ case: c, events: createChange(c).events });

describe('SqliteStore.importCases: batches the core built', () => {
  let was: boolean;
  beforeEach(() => {
    was = checkBuiltChanges(false);
  });
  afterEach(() => {
    checkBuiltChanges(was);
  });

  it('skip the record check when marked, and only then; ids and timelines are still checked', async () => {
    const store = SqliteStore.open(':memory:');
    expect((await store.importCases([itemOf(malformed())])).ok).toBe(false);
    expect((await store.importCases(builtImport([itemOf(malformed())]))).ok).toBe(true);
    // An event of another case is refused in a marked batch too.
    const c = makeCase();
    const stray = itemOf(c).events.map((e) => ({ ...e, caseId: 'elsewhere' }));
    expect(stray.length).toBeGreaterThan(0);
    expect((await store.importCases(builtImport([{ case: c, events: stray }]))).ok).toBe(false);
    checkBuiltChanges(true);
    expect((await store.importCases(builtImport([itemOf(malformed())]))).ok).toBe(false);
    await store.close();
  });
});
