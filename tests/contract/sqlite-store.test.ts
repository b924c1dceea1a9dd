import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CASE_STATUSES, OPEN_STATUSES, type Case } from '../../core/model';
import { TALLY_KEYS, addTally, emptyTally, tallyCase, type CaseTally } from '../../core/metrics';
import type { CaseFilter, CaseQuery } from '../../backend/store/store.port';
import { SqliteStore, planList } from '../../backend/store/sqlite-store';
import { WAL_BOUND_PAGES } from '../../backend/store/sqlite/checkpointer';
import { StoredRecordError } from '../../backend/store/schemas';
import { encodeCursor, tallyRowId, tallyRowKeyOf } from '../../backend/store/cursor';
import { at, createChange, makeCase, makeEvent, updateOf } from '../support/case-factory';
import { describeStoreContract } from './store.contract';

describeStoreContract('SqliteStore', async () => SqliteStore.open(':memory:'));

function expectOk<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function sumByRow(
  rows: { communityId: string; gridId: string; month: string; categoryId: string; tally: CaseTally }[],
): Map<string, CaseTally> {
  const out = new Map<string, CaseTally>();
  for (const r of rows) out.set(tallyRowId(r), addTally(out.get(tallyRowId(r)) ?? emptyTally(), r.tally));
  return out;
}

const expectedRows = (cases: Case[]) => sumByRow(cases.map((c) => ({ ...tallyRowKeyOf(c), tally: tallyCase(c) })));

describe('SqliteStore on a file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wuyuan-store-'));
    file = join(dir, 'store.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens with WAL, FULL sync, foreign keys and a busy timeout', async () => {
    const store = SqliteStore.open(file);
    expect(store.connectionSettings()).toEqual({
      journalMode: 'wal',
      synchronous: 'NORMAL',
      flushedBeforeAck: true,
      foreignKeys: true,
      busyTimeoutMs: 5000,
      walAutocheckpointPages: WAL_BOUND_PAGES,
    });
    await store.close();
  });

  it('migrates once: reopening keeps the schema and every record', async () => {
    const store = SqliteStore.open(file);
    expect(store.schemaVersion()).toBe(SqliteStore.SCHEMA_VERSION);
    const c = makeCase();
    expectOk(await store.commit(createChange(c, { requestKey: 'res-1:a' })));
    await store.putRef('streets', { id: 's1', name: '双福街道' });
    await store.addSubscriptionQuota('u1', 'task_new', 2);
    await store.close();

    const raw = new Database(file, { readonly: true });
    const schemaBefore = raw.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    raw.close();

    for (let i = 0; i < 2; i++) {
      const again = SqliteStore.open(file);
      expect(again.schemaVersion()).toBe(SqliteStore.SCHEMA_VERSION);
      expect(await again.getCase(c.id)).toEqual(c);
      expect(await again.findCaseIdByRequest('res-1:a')).toBe(c.id);
      expect(await again.getTimeline(c.id)).toHaveLength(1);
      expect(await again.getRef('streets', 's1')).toEqual({ id: 's1', name: '双福街道' });
      expect(await again.takeSubscriptionQuota('u1', 'task_new')).toBe(true);
      await again.close();
    }
    const raw2 = new Database(file, { readonly: true });
    expect(raw2.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaBefore);
    raw2.close();
  });

  it('numbers the cases stored before numbers existed, per street and China-local month in order of creation', async () => {
    const store = SqliteStore.open(file);
    const place = (streetId: string) => ({ streetId, communityId: 'comm-1', gridId: 'g1' });
    const cases = [
      makeCase({ id: 'c-late', place: place('s1'), createdAt: '2026-12-05T01:00:00.000Z' }),
      makeCase({ id: 'c-early', place: place('s1'), createdAt: '2026-12-01T01:00:00.000Z' }),
      // 1 December in China already (16:00 UTC on 30 November).
      makeCase({ id: 'c-edge', place: place('s1'), createdAt: '2026-11-30T16:30:00.000Z' }),
      makeCase({ id: 'c-nov', place: place('s1'), createdAt: '2026-11-30T15:00:00.000Z' }),
      makeCase({ id: 'c-other-street', place: place('s2'), createdAt: '2026-12-03T01:00:00.000Z' }),
    ];
    for (const c of cases) expectOk(await store.commit(createChange(c)));
    await store.close();
    // As if the file came from the version before case numbers.
    const raw = new Database(file);
    raw.exec('DROP INDEX cases_no; DROP TABLE case_numbers; ALTER TABLE cases DROP COLUMN case_no;');
    raw.pragma(`user_version = ${SqliteStore.SCHEMA_VERSION - 1}`);
    raw.close();

    const reopened = SqliteStore.open(file);
    const no = async (id: string) => (await reopened.getCase(id))?.no;
    expect(await no('c-edge')).toBe('2612-0001');
    expect(await no('c-early')).toBe('2612-0002');
    expect(await no('c-late')).toBe('2612-0003');
    expect(await no('c-nov')).toBe('2611-0001');
    expect(await no('c-other-street')).toBe('2612-0001');
    expect(await reopened.lastCaseNumber('s1|2612')).toBe(3);
    expect(await reopened.lastCaseNumber('s2|2612')).toBe(1);
    // New cases follow on, and the old ones are found by number.
    expect(expectOk(await reopened.claimCaseNumbers('s1|2612', 1))).toEqual({ first: 4 });
    expect((await reopened.listCases({ caseNo: '2612-0002', streetId: 's1', limit: 5 })).items.map((c) => c.id)).toEqual(['c-early']);
    await reopened.close();
  });

  it('refuses a file written by a newer version of the program', async () => {
    await SqliteStore.open(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => SqliteStore.open(file)).toThrow(/数据库版本 999/);
  });

  it('adds a missing counter column and rebuilds the counters from the cases', async () => {
    const store = SqliteStore.open(file);
    const cases = [makeCase({ status: 'escalated', escalation: { level: 'street', since: at(1), reason: '复杂' } }), makeCase()];
    for (const c of cases) expectOk(await store.commit(createChange(c)));
    await store.close();
    // As if the file came from a version before the `escalated` counter existed.
    const raw = new Database(file);
    raw.exec('ALTER TABLE tallies DROP COLUMN t_escalated');
    raw.close();
    const reopened = SqliteStore.open(file);
    const rows = await reopened.readTallies({ fromMonth: '2000-01', toMonth: '2999-12' });
    expect(sumByRow(rows)).toEqual(expectedRows(cases));
    expect(rows.reduce((n, r) => n + r.tally.escalated, 0)).toBe(1);
    await reopened.close();
  });

  const indexesOf = (f: string): string[] => {
    const db = new Database(f, { readonly: true });
    const rows = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as {
      sql: string;
    }[];
    db.close();
    return rows.map((r) => r.sql);
  };

  it('bulk import: sets the list indexes aside and builds them again, lists and duplicates unchanged', async () => {
    const store = SqliteStore.open(file);
    const before = indexesOf(file);
    const first = makeCase();
    const item = (c: Case, requestKey?: string) => ({ case: c, events: [makeEvent(c, 1)], ...(requestKey ? { requestKey } : {}) });
    expectOk(await store.importCases([item(first, 'res-1:bulk')]));
    store.beginBulkImport();
    expect(indexesOf(file).length).toBeLessThan(before.length);
    const batch = Array.from({ length: 50 }, (_, i) => item(makeCase({ createdAt: at(i) })));
    expectOk(await store.importCases(batch));
    // The keys that catch duplicates are still there while the list indexes are aside.
    const again = await store.importCases([item(makeCase(), 'res-1:bulk')]);
    expect(again.ok ? 'ok' : again.error.code).toBe('CASE.CONFLICT');
    store.endBulkImport();
    expect(indexesOf(file)).toEqual(before);
    const page = await store.listCases({ communityId: first.place.communityId, limit: 60 });
    expect(page.items.map((c) => c.id).sort()).toEqual([first, ...batch.map((b) => b.case)].map((c) => c.id).sort());
    await store.close();
  });

  it('bulk import cut short: the next open builds the indexes that were set aside', async () => {
    const store = SqliteStore.open(file);
    const before = indexesOf(file);
    store.beginBulkImport();
    const c = makeCase();
    expectOk(await store.importCases([{ case: c, events: [makeEvent(c, 1)] }]));
    await store.close(); // the importing process stops here
    expect(indexesOf(file).length).toBeLessThan(before.length);
    const reopened = SqliteStore.open(file);
    expect(indexesOf(file)).toEqual(before);
    expect((await reopened.listCases({ statuses: ['pending'], limit: 5 })).items).toHaveLength(1);
    await reopened.close();
  });

  it('group-commits concurrent new cases: a refused one rolls back alone, the others are durable', async () => {
    const store = SqliteStore.open(file);
    const cases = Array.from({ length: 30 }, () => makeCase());
    const twin = makeCase();
    const results = await Promise.all([
      ...cases.map((c, i) => store.commit(createChange(c, { requestKey: `res-1:g${i}` }))),
      // The same request again, in the same turn: it meets the first inside the shared transaction.
      store.commit(createChange(twin, { requestKey: 'res-1:g3' })),
    ]);
    expect(results.slice(0, 30).every((r) => r.ok)).toBe(true);
    expect(results[30]).toMatchObject({ ok: false, error: { code: 'CASE.CONFLICT', details: { reason: 'duplicate_request' } } });
    // The group was first written without savepoints, refused whole, and written again with one per
    // change: nothing of the first attempt is left, the counters count the 30 cases exactly once.
    expect(store.groupStats).toMatchObject({ groups: 1, changes: 31, retried: 1 });
    expect(sumByRow(await store.readTallies({ fromMonth: '2000-01', toMonth: '2999-12' }))).toEqual(expectedRows(cases));
    await store.close();
    const reopened = SqliteStore.open(file);
    for (const c of cases) expect(await reopened.getCase(c.id)).toEqual(c);
    expect(await reopened.getCase(twin.id)).toBeUndefined();
    expect(await reopened.countCases({})).toBe(30);
    await reopened.close();
  });

  it('group-commits a group with no refusal in one attempt', async () => {
    const store = SqliteStore.open(file);
    const cases = Array.from({ length: 12 }, () => makeCase());
    const results = await Promise.all(cases.map((c, i) => store.commit(createChange(c, { requestKey: `res-1:h${i}` }))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.groupStats).toMatchObject({ groups: 1, changes: 12, retried: 0 });
    expect(sumByRow(await store.readTallies({ fromMonth: '2000-01', toMonth: '2999-12' }))).toEqual(expectedRows(cases));
    await store.close();
  });

  it('writes a queued new case before closing, and only then acknowledges it', async () => {
    const store = SqliteStore.open(file);
    const c = makeCase();
    const pending = store.commit(createChange(c));
    await store.close();
    expectOk(await pending);
    const reopened = SqliteStore.open(file);
    expect(await reopened.getCase(c.id)).toEqual(c);
    await reopened.close();
  });

  it('keeps compare-and-set across two connections to the same file', async () => {
    const a = SqliteStore.open(file);
    const b = SqliteStore.open(file);
    const c = makeCase();
    expectOk(await a.commit(createChange(c)));
    const fromA = updateOf(c, { status: 'assigned' }, { note: 'A' });
    const fromB = updateOf(c, { status: 'rejected', rejectReason: '重复' }, { note: 'B' });
    expectOk(await a.commit(fromA.change));
    const lost = await b.commit(fromB.change);
    expect(lost.ok ? 'ok' : lost.error.code).toBe('CASE.CONFLICT');
    expect(await b.getCase(c.id)).toEqual(fromA.next);
    // Two dispatchers in two processes never take the same notice.
    const n = Array.from({ length: 6 }, (_, i) => ({
      key: `k${i}`,
      recipientOpenid: 'u',
      kind: 'task_new' as const,
      caseId: c.id,
      title: 't',
      body: 'b',
      at: at(0),
    }));
    const d = makeCase();
    expectOk(await a.commit({ ...createChange(d), notices: n }));
    const [x, y] = [await a.claimOutbox(at(1), 4, 60_000), await b.claimOutbox(at(1), 4, 60_000)];
    expect([...x, ...y].map((i) => i.notice.key).sort()).toEqual(n.map((i) => i.key));
    await a.close();
    await b.close();
  });
});

describe('SqliteStore internals', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = SqliteStore.open(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  const raw = (s: SqliteStore): Database.Database => (s as unknown as { db: Database.Database }).db;

  it('reads every main list through an index, in index order', () => {
    const main: [string, CaseQuery][] = [
      ['resident: my cases', { reporterOpenid: 'r', limit: 20 }],
      ['member: open tasks by deadline', { holderOpenid: 'm', statuses: [...OPEN_STATUSES], order: 'deadline_asc', limit: 20 }],
      ['admin: community by status', { communityId: 'c', statuses: ['pending'], limit: 20 }],
      ['admin: community, newest first', { communityId: 'c', limit: 20 }],
      ['admin: community overdue', { communityId: 'c', statuses: [...OPEN_STATUSES], overdueAt: at(0), order: 'deadline_asc', limit: 20 }],
      ['admin: grid', { gridId: 'g', statuses: ['processing'], limit: 20 }],
      ['admin: grid and category', { communityId: 'c', gridId: 'g', categoryId: 'x', statuses: ['processing', 'assigned'], limit: 20 }],
      ['admin: community and category', { communityId: 'c', categoryId: 'x', limit: 20 }],
      ['board', { isPublic: true, limit: 20 }],
      ['board of a community', { communityId: 'c', isPublic: true, limit: 20 }],
      ['street: by status', { statuses: ['escalated'], limit: 20 }],
      ['street: everything', { limit: 20 }],
      ['street: overdue', { overdueAt: at(0), order: 'deadline_asc', limit: 20 }],
      ['department', { departmentId: 'd', statuses: ['escalated'], limit: 20 }],
    ];
    for (const [label, q] of main) {
      for (const cursor of [undefined, 'page-2']) {
        const query = cursor ? { ...q, cursor: encodeCursor({ order: q.order ?? 'created_desc', key: at(5), id: 'case-1' }) } : q;
        const plans = store.explainListCases(query);
        expect(plans.length).toBeGreaterThan(0);
        for (const lines of plans) {
          const text = lines.join(' / ');
          expect({ label, text }).toEqual({ label, text: expect.stringMatching(/^SEARCH cases USING (COVERING )?INDEX cases_/) });
          expect({ label, text }).toEqual({ label, text: expect.not.stringContaining('TEMP B-TREE') });
        }
      }
    }
  });

  it('counts a category of a grid or a community from a category index', () => {
    const filters: CaseFilter[] = [
      { communityId: 'c', gridId: 'g', categoryId: 'x', statuses: ['processing', 'assigned'] },
      { communityId: 'c', categoryId: 'x' },
    ];
    for (const q of filters)
      expect(store.explainCountCases(q).join(' / ')).toMatch(/USING (COVERING )?INDEX cases_(grid|community)_category /);
  });

  it('plans every filter and order onto an index (no table scan)', () => {
    const filters: CaseQuery[] = [
      { limit: 5 },
      { streetId: 's', limit: 5 },
      { categoryId: 'x', limit: 5 },
      { severity: 'major', limit: 5 },
      { buildingId: 'b', limit: 5 },
      { createdFrom: at(0), createdTo: at(9), limit: 5 },
      { holderOpenid: 'm', statuses: ['closed', 'resolved'], limit: 5 },
      { reporterOpenid: 'r', order: 'deadline_asc', limit: 5 },
      { isPublic: true, statuses: ['processing', 'closed'], order: 'deadline_asc', limit: 5 },
    ];
    for (const q of filters)
      for (const order of ['created_desc', 'deadline_asc'] as const)
        for (const lines of store.explainListCases({ ...q, order }))
          expect(lines.join(' / ')).toMatch(/^(SEARCH|SCAN) cases USING (COVERING )?INDEX cases_/);
    expect(planList({ holderOpenid: 'm', statuses: ['closed'] }, 'created_desc')).toEqual({ index: 'cases_holder', split: 'status' });
    expect(planList({ communityId: 'c', categoryId: 'x' }, 'created_desc')).toEqual({ index: 'cases_community_category', split: 'status' });
    expect(planList({ gridId: 'g', categoryId: 'x' }, 'deadline_asc')).toEqual({ index: 'cases_grid_category', split: 'status' });
    expect(planList({ categoryId: 'x' }, 'created_desc')).toEqual({ index: 'cases_public', split: 'public' });
  });

  it('explains a damaged case row instead of returning a case with holes', async () => {
    const c = makeCase();
    expectOk(await store.commit(createChange(c)));
    raw(store).prepare("UPDATE cases SET json = json_set(json, '$.status', 'lost', '$.place', json('{}')) WHERE id = ?").run(c.id);
    await expect(store.getCase(c.id)).rejects.toThrow(StoredRecordError);
    const error = await store.getCase(c.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredRecordError);
    expect((error as StoredRecordError).record).toBe(`cases/${c.id}`);
    expect((error as StoredRecordError).message).toMatch(/^存储记录损坏：cases\/case-\d+/);
    expect((error as StoredRecordError).issues.join('\n')).toMatch(/place\.communityId/);
    expect((error as StoredRecordError).issues.join('\n')).toMatch(/^status:/m);
    await expect(store.listCases({ limit: 5 })).rejects.toThrow(/存储记录损坏/);
    raw(store).prepare("UPDATE cases SET json = '{not json' WHERE id = ?").run(c.id);
    await expect(store.getCase(c.id)).rejects.toThrow(/不是有效的 JSON/);
    raw(store).prepare("INSERT INTO refs (kind, id, json) VALUES ('grids', 'g1', '{\"id\":\"g1\"}')").run();
    await expect(store.listRef('grids')).rejects.toThrow(/存储记录损坏：refs\/grids\/g1/);
    // A failed update leaves the damaged row alone and says why.
    const { change } = updateOf(c, { status: 'assigned' });
    const r = await store.commit(change);
    expect(r.ok ? 'ok' : r.error.code).toBe('INTERNAL');
    if (!r.ok) expect(r.error.message).toMatch(/存储记录损坏/);
  });

  it('keeps the timeline append-only even against direct writes', async () => {
    const c = makeCase();
    expectOk(await store.commit(createChange(c)));
    expect(() => raw(store).prepare('UPDATE events SET json = ? WHERE case_id = ?').run('{}', c.id)).toThrow(/append-only/);
    expect(() => raw(store).prepare('DELETE FROM events WHERE case_id = ?').run(c.id)).toThrow(/append-only/);
  });

  it('imports 20 000 cases in batches with counters equal to the sum of tallyCase', async () => {
    const cases: Case[] = [];
    for (let i = 0; i < 20_000; i++) {
      const status = CASE_STATUSES[i % CASE_STATUSES.length];
      cases.push(
        makeCase({
          id: `imp-${String(i).padStart(6, '0')}`,
          place: { communityId: `comm-${i % 4}`, gridId: `grid-${i % 12}` },
          categoryId: `cat-${i % 5}`,
          status,
          createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1_800_000).toISOString(),
          lastSeq: 2,
          ...(status === 'closed'
            ? { result: '已处理', rating: { value: i % 3 === 0 ? 'unsatisfied' : 'satisfied', at: at(0) }, resolvedOnTime: i % 2 === 0 }
            : {}),
          ...(i % 7 === 0 ? { overdue: true, reworkCount: 1 } : {}),
          ...(i % 3 === 0 ? { acceptedAt: at(1), respondedOnTime: true } : {}),
        }),
      );
    }
    for (let i = 0; i < cases.length; i += 10_000) {
      const batch = cases.slice(i, i + 10_000).map((c) => ({ case: c, events: [makeEvent(c, 1), makeEvent(c, 2)] }));
      expect(expectOk(await store.importCases(batch))).toEqual({ cases: 10_000, events: 20_000 });
    }
    expect(await store.countCases({})).toBe(20_000);
    expect(await store.countCases({ communityId: 'comm-1', statuses: ['closed'] })).toBe(
      cases.filter((c) => c.place.communityId === 'comm-1' && c.status === 'closed').length,
    );
    const rows = await store.readTallies({ fromMonth: '2000-01', toMonth: '2999-12' });
    expect(sumByRow(rows)).toEqual(expectedRows(cases));
    // Imported cases take part in later commits like any other.
    const first = cases[0];
    const { next, change } = updateOf(first, { status: 'withdrawn' });
    expectOk(await store.commit(change));
    expect(sumByRow(await store.readTallies({ fromMonth: '2000-01', toMonth: '2999-12' }))).toEqual(
      expectedRows([next, ...cases.slice(1)]),
    );
    // Rebuilding the counters from the cases gives the same rows.
    store.rebuildTallies();
    expect(sumByRow(await store.readTallies({ fromMonth: '2000-01', toMonth: '2999-12' }))).toEqual(
      expectedRows([next, ...cases.slice(1)]),
    );
    // A batch holding a case already stored is refused whole.
    const again = await store.importCases([
      { case: makeCase({ id: 'imp-new', lastSeq: 0 }), events: [] },
      { case: cases[5], events: [makeEvent(cases[5], 1), makeEvent(cases[5], 2)] },
    ]);
    expect(again.ok ? 'ok' : again.error.code).toBe('CASE.CONFLICT');
    expect(await store.getCase('imp-new')).toBeUndefined();
    // A malformed case is refused before anything is written.
    const bad = await store.importCases([{ case: { ...makeCase({ id: 'imp-bad', lastSeq: 0 }), createdAt: 'yesterday' }, events: [] }]);
    expect(bad.ok).toBe(false);
    const gap = await store.importCases([{ case: makeCase({ id: 'imp-gap', lastSeq: 3 }), events: [] }]);
    expect(gap.ok).toBe(false);
    expect(await store.getCase('imp-bad')).toBeUndefined();
    for (const k of TALLY_KEYS) expect(typeof rows[0].tally[k]).toBe('number');
  }, 60_000);
});
