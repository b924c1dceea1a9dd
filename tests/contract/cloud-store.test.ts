import {
  CLOUD_COLLECTIONS,
  CLOUD_ID_RULE,
  CLOUD_INDEXES,
  CloudStore,
  eventId,
  keyId,
  MAX_INDEXES_PER_COLLECTION,
  TALLY_SHARDS,
} from '../../backend/store/cloud-store';
import { StoredRecordError } from '../../backend/store/schemas';
import { FakeCloudDb } from '../support/fake-cloud-db';
import { tallyRowId, tallyRowKeyOf } from '../../backend/store/cursor';
import { at, createChange, makeCase, makeNotice, updateOf } from '../support/case-factory';
import { describeStoreContract } from './store.contract';
import { nextCaseNumber } from '../../backend/services/case-numbers';

describeStoreContract('CloudStore', async () => new CloudStore(new FakeCloudDb()));

describe('case numbers in the cloud', () => {
  it('are never given twice when many function instances take them at once from one counter document', async () => {
    const db = new FakeCloudDb();
    // Each instance of a cloud function is its own process with its own store and cache.
    const instances = Array.from({ length: 25 }, () => new CloudStore(db));
    const when = new Date('2026-12-07T02:00:00Z');
    const results = await Promise.all(instances.flatMap((store) => [nextCaseNumber(store, 'st', when), nextCaseNumber(store, 'st', when)]));
    const numbers = results.map((r) => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    });
    expect(new Set(numbers).size).toBe(50);
    expect(numbers.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `2612-${String(i + 1).padStart(4, '0')}`));
    expect(await instances[0].lastCaseNumber('st|2612')).toBe(50);
    // A warm instance claims without reading first: one conditional update.
    // Others took numbers after this instance's last claim: its stale belief costs a failed
    // conditional update and a read before the one that lands — never a duplicate.
    let trips = db.stats.roundTrips;
    expect(await nextCaseNumber(instances[0], 'st', when)).toEqual({ ok: true, value: '2612-0051' });
    expect(db.stats.roundTrips - trips).toBe(3);
    // Warm and right: one conditional update, no read.
    trips = db.stats.roundTrips;
    expect(await nextCaseNumber(instances[0], 'st', when)).toEqual({ ok: true, value: '2612-0052' });
    expect(db.stats.roundTrips - trips).toBe(1);
  }, 60_000);
});

describe('the fake cloud database behaves like the real one where the store relies on it', () => {
  it('rejects doc().get() on a missing document, as the SDK does', async () => {
    const db = new FakeCloudDb();
    await expect(db.collection('x').doc('nope').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') });
    await db
      .collection('x')
      .doc('a')
      .set({ data: { n: 1 } });
    expect((await db.collection('x').doc('a').get()).data).toEqual({ _id: 'a', n: 1 });
  });

  it('returns at most 100 documents per get(), 100 when no limit is given', async () => {
    const db = new FakeCloudDb();
    for (let i = 0; i < 130; i++)
      await db
        .collection('x')
        .doc(`d${String(i).padStart(3, '0')}`)
        .set({ data: { i } });
    expect((await db.collection('x').get()).data).toHaveLength(100);
    expect((await db.collection('x').limit(500).get()).data).toHaveLength(100);
    expect((await db.collection('x').orderBy('i', 'desc').skip(120).limit(50).get()).data.map((d) => d.i)).toEqual([
      9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
    ]);
    expect(
      (
        await db
          .collection('x')
          .where({ i: db.command.gte(125) })
          .count()
      ).total,
    ).toBe(5);
  });

  it('translates db.command conditions', async () => {
    const db = new FakeCloudDb();
    const _ = db.command;
    for (const [id, a, b] of [
      ['1', 1, 'x'],
      ['2', 2, 'y'],
      ['3', 3, 'x'],
    ] as const)
      await db
        .collection('x')
        .doc(id)
        .set({ data: { a, b, nested: { c: a } } });
    const ids = async (cond: object) => (await db.collection('x').where(cond).orderBy('_id', 'asc').get()).data.map((d) => d._id);
    expect(await ids({ b: 'x' })).toEqual(['1', '3']);
    expect(await ids({ a: _.in([1, 2]), b: _.neq('x') })).toEqual(['2']);
    expect(await ids(_.or([{ a: _.lt(2) }, { a: _.gt(2) }]))).toEqual(['1', '3']);
    expect(await ids(_.and([{ a: _.gte(2) }, { a: _.lte(2) }]))).toEqual(['2']);
    expect(await ids({ nested: { c: 3 } })).toEqual(['3']);
    await db
      .collection('x')
      .where({ b: 'x' })
      .update({ data: { a: _.inc(10) } });
    expect(await ids({ a: _.gt(10) })).toEqual(['1', '3']);
  });

  it('refuses _id and operators where the SDK does', async () => {
    const db = new FakeCloudDb();
    await expect(
      db
        .collection('x')
        .doc('a')
        .set({ data: { _id: 'a' } }),
    ).rejects.toMatchObject({ errMsg: expect.stringContaining('_id') });
    await expect(
      db
        .collection('x')
        .doc('a')
        .set({ data: { n: db.command.inc(1) } }),
    ).rejects.toThrow(/operator/);
    await expect(
      db
        .collection('x')
        .doc('a')
        .set({ data: { n: undefined } }),
    ).rejects.toThrow(/undefined/);
  });

  it('commits a transaction whole or not at all', async () => {
    const db = new FakeCloudDb();
    await expect(
      db.runTransaction(async (t) => {
        await t
          .collection('x')
          .doc('a')
          .set({ data: { n: 1 } });
        expect((await t.collection('x').doc('a').get()).data).toEqual({ _id: 'a', n: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(db.peek('x', 'a')).toBeUndefined();
    expect(
      await db.runTransaction(
        async (t) => (
          await t
            .collection('x')
            .doc('a')
            .set({ data: { n: 2 } }),
          'done'
        ),
      ),
    ).toBe('done');
    expect(db.peek('x', 'a')).toEqual({ _id: 'a', n: 2 });
  });

  it('makes the later of two transactions writing one document retry, and allows no queries inside', async () => {
    const db = new FakeCloudDb({ uncodedConflicts: 'none' });
    await db
      .collection('x')
      .doc('a')
      .set({ data: { n: 0 } });
    const bump = () =>
      db.runTransaction(async (t) => {
        const { data } = await t.collection('x').doc('a').get();
        await t
          .collection('x')
          .doc('a')
          .set({ data: { n: (data as { n: number }).n + 1 } });
      });
    await Promise.all([bump(), bump()]);
    expect(db.peek('x', 'a')).toEqual({ _id: 'a', n: 2 });
    expect(db.stats.conflicts).toBeGreaterThan(0);
    await expect(db.runTransaction(async (t) => (t.collection('x') as unknown as { where: () => void }).where())).rejects.toThrow();
  });

  it('lets the first writer win also against a transaction that has not committed', async () => {
    const db = new FakeCloudDb({ uncodedConflicts: 'none' });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let secondError: unknown;
    const first = db.runTransaction(async (t) => {
      await t
        .collection('x')
        .doc('a')
        .set({ data: { by: 'first' } });
      await held; // written, not committed
    });
    // The second writes the same document while the first is still open: it conflicts at once.
    await new Promise((r) => setImmediate(r));
    await db
      .runTransaction(async (t) => {
        await t
          .collection('x')
          .doc('a')
          .set({ data: { by: 'second' } });
      }, 1)
      .catch((e: unknown) => (secondError = e));
    expect(secondError).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    release();
    await first;
    expect(db.peek('x', 'a')).toEqual({ _id: 'a', by: 'first' });
  });

  it('runs a transaction at most three times, and some conflicts come without the code', async () => {
    const db = new FakeCloudDb({ uncodedConflicts: 'none' });
    let runs = 0;
    // Every run finds the document changed since it began.
    const always = db.runTransaction(async (t) => {
      runs++;
      await db
        .collection('x')
        .doc('a')
        .set({ data: { run: runs } });
      await t
        .collection('x')
        .doc('a')
        .set({ data: { mine: true } });
    }, 10);
    await expect(always).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(runs).toBe(3);

    const bare = new FakeCloudDb({ uncodedConflicts: 'all' });
    let bareRuns = 0;
    const error = await bare
      .runTransaction(async (t) => {
        bareRuns++;
        await bare
          .collection('x')
          .doc('a')
          .set({ data: { run: bareRuns } });
        await t
          .collection('x')
          .doc('a')
          .set({ data: { mine: true } });
      })
      .catch((e: unknown) => e);
    // Not recognisable by code or text, and not retried by the SDK.
    expect(bareRuns).toBe(1);
    expect((error as { code?: string }).code).toBeUndefined();
    expect((error as Error).message).not.toMatch(/conflict/i);
    // By default every other conflict is such a bare one.
    const mixed = new FakeCloudDb();
    for (let i = 0; i < 4; i++)
      await mixed
        .runTransaction(async (t) => {
          await mixed.collection('x').doc('a').set({ data: { i } });
          await t
            .collection('x')
            .doc('a')
            .set({ data: { mine: true } });
        }, 1)
        .catch(() => undefined);
    expect(mixed.stats.conflicts).toBe(4);
    expect(mixed.stats.uncodedConflicts).toBe(2);
  });

  it('may answer { data: null } for a missing document inside a transaction', async () => {
    const db = new FakeCloudDb();
    const answers: unknown[] = [];
    await db.runTransaction(async (t) => {
      for (let i = 0; i < 2; i++)
        answers.push(
          await t
            .collection('x')
            .doc('nope')
            .get()
            .catch(() => 'rejected'),
        );
    });
    expect(answers).toEqual(expect.arrayContaining(['rejected', { data: null }]));
  });

  it('accepts only letters, digits, - and _ in an _id, at most 64', async () => {
    const db = new FakeCloudDb();
    for (const bad of ['a:b', 'a|b', 'a%3A', 'x'.repeat(65), 'a b', '案件'])
      await expect(
        db
          .collection('x')
          .doc(bad)
          .set({ data: { n: 1 } }),
      ).rejects.toMatchObject({ errMsg: expect.stringContaining('_id') });
    await db
      .collection('x')
      .doc(`Az09-_${'x'.repeat(58)}`)
      .set({ data: { n: 1 } });
    await expect(
      db.runTransaction(async (t) => {
        await t
          .collection('x')
          .doc('a:1')
          .set({ data: { n: 1 } });
      }),
    ).rejects.toMatchObject({ errMsg: expect.stringContaining('_id') });
  });

  it('models the time of sequential round trips with a per-call latency', async () => {
    const db = new FakeCloudDb({ latencyMs: 10 });
    await db
      .collection('x')
      .doc('a')
      .set({ data: { n: 1 } });
    await db.collection('x').doc('a').get();
    await db.collection('x').where({ n: 1 }).get();
    await db.runTransaction(async (t) => {
      await t.collection('x').doc('a').get();
    });
    // set, get, query, and a transaction's read and commit.
    expect(db.stats.roundTrips).toBe(5);
    expect(db.modelledMs()).toBe(50);
  });
});

describe('CloudStore on the cloud database', () => {
  it('keeps within the database’s ten indexes per collection, each named for the queries that use it', () => {
    const perCollection = new Map<string, number>();
    for (const ix of CLOUD_INDEXES) perCollection.set(ix.collection, (perCollection.get(ix.collection) ?? 0) + 1);
    for (const [collection, n] of perCollection) expect([collection, n <= MAX_INDEXES_PER_COLLECTION]).toEqual([collection, true]);
    expect(MAX_INDEXES_PER_COLLECTION).toBe(10);
    for (const ix of CLOUD_INDEXES) {
      expect(ix.uses.length).toBeGreaterThan(0);
      expect(new Set(CLOUD_INDEXES.filter((x) => x.collection === ix.collection).map((x) => x.name)).size).toBe(
        perCollection.get(ix.collection),
      );
    }
    // The queries that matter most each lead with their equality filter.
    const leads = (collection: string, field: string) =>
      CLOUD_INDEXES.some((ix) => ix.collection === collection && ix.fields[0][0] === field);
    for (const f of ['reporterOpenid', 'holderOpenid', 'communityId', 'gridId', 'departmentId', 'isPublic', 'nextCheckAt'])
      expect([f, leads('cases', f)]).toEqual([f, true]);
  });

  it('gives every document an _id of documented characters only', async () => {
    const db = new FakeCloudDb();
    const store = new CloudStore(db);
    const c = makeCase({ place: { communityId: 'comm:1|x%', gridId: 'grid 1' } });
    const notice = makeNotice(c, 1, 'oAbC-12_xyz:long|recipient%id');
    expect((await store.commit(createChange(c, { requestKey: 'oAbC-12_xyz:req|%:1', notices: [notice] }))).ok).toBe(true);
    await store.addInboxMessage({
      id: notice.key,
      openid: notice.recipientOpenid,
      caseId: c.id,
      kind: 'task_new',
      title: 't',
      body: 'b',
      at: at(1),
      read: false,
    });
    await store.addSubscriptionQuota('oAbC-12_xyz', 'tpl:with|odd%chars', 2);
    expect(await store.takeSubscriptionQuota('oAbC-12_xyz', 'tpl:with|odd%chars')).toBe(true);
    expect(await store.markRead(notice.recipientOpenid, [notice.key])).toBe(1);
    expect(await store.findCaseIdByRequest('oAbC-12_xyz:req|%:1')).toBe(c.id);
    const ids = ['cases', 'case_events', 'case_requests', 'outbox', 'inbox_messages', 'subscription_quotas', 'tallies'].flatMap((k) =>
      db.dump(k).map((d) => d._id),
    );
    expect(ids.length).toBeGreaterThanOrEqual(7);
    for (const id of ids) expect([id, CLOUD_ID_RULE.test(id)]).toEqual([id, true]);
    // An id of its own that the database would refuse is refused before anything is written.
    const odd = makeCase({ id: 'case:1' });
    const r = await store.commit(createChange(odd));
    expect(r.ok ? 'ok' : [r.error.code, r.error.message]).toEqual(['INTERNAL', expect.stringContaining('只能由字母、数字')]);
    await expect(store.putRef('streets', { id: 'street|1', name: '街道' })).rejects.toThrow(/只能由字母、数字/);
    expect(db.dump('streets')).toEqual([]);
  });

  it('names an index for every collection it queries', () => {
    const names = new Set<string>((Object.values(CLOUD_COLLECTIONS) as unknown[]).filter((v): v is string => typeof v === 'string'));
    for (const ix of CLOUD_INDEXES) expect(names).toContain(ix.collection);
    for (const queried of ['cases', 'case_events', 'outbox', 'inbox_messages', 'tallies'])
      expect(CLOUD_INDEXES.some((ix) => ix.collection === queried)).toBe(true);
  });

  it('keeps the case whole under `case` with the list fields at the top level', async () => {
    const db = new FakeCloudDb();
    const store = new CloudStore(db);
    const c = makeCase({
      holder: { openid: 'mem-1', role: 'building_steward', name: '李四', memberId: 'm-1' },
      status: 'assigned',
      dueAt: at(60),
    });
    expect((await store.commit(createChange(c, { requestKey: 'res-1:x' }))).ok).toBe(true);
    expect(db.peek('cases', c.id)).toMatchObject({
      _id: c.id,
      communityId: 'comm-1',
      holderOpenid: 'mem-1',
      holderMemberId: 'm-1',
      dueKey: at(60),
      version: 1,
      case: c,
    });
    expect(db.peek('case_requests', keyId('res-1:x'))).toMatchObject({ requestKey: 'res-1:x', caseId: c.id });
    expect(db.peek('case_events', eventId(c.id, 1))).toMatchObject({ caseId: c.id, seq: 1 });
    // A field removed from the case disappears from the document.
    const { holder: _h, ...rest } = c;
    const { change } = updateOf(rest as typeof c, { status: 'pending' });
    expect((await store.commit(change)).ok).toBe(true);
    expect(db.peek('cases', c.id)).not.toHaveProperty('holderOpenid');
  });

  it('explains a damaged document', async () => {
    const db = new FakeCloudDb();
    const store = new CloudStore(db);
    const c = makeCase();
    expect((await store.commit(createChange(c))).ok).toBe(true);
    const doc = db.peek('cases', c.id)!;
    db.poke('cases', { ...doc, case: { ...(doc.case as object), status: 'lost', reporter: undefined } });
    const error = await store.getCase(c.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredRecordError);
    expect((error as Error).message).toMatch(new RegExp(`^存储记录损坏：cases/${c.id}`));
    expect((error as StoredRecordError).issues.join('\n')).toMatch(/reporter/);
    db.poke('grids', { _id: 'g1', id: 'g1' });
    await expect(store.listRef('grids')).rejects.toThrow(/存储记录损坏：grids\/g1/);
    db.poke('tallies', { _id: 't', communityId: 'c', gridId: 'g', month: '2026-03', categoryId: 'x', tally: { received: 'many' } });
    await expect(store.readTallies({ fromMonth: '2026-01', toMonth: '2026-12' })).rejects.toThrow(/tally\.received/);
  });

  it('writes nothing when the database fails half-way through a commit', async () => {
    let failOutbox = true;
    const db = new FakeCloudDb({
      beforeOperation: (op, collection) => {
        if (failOutbox && op === 'transaction.set' && collection === 'outbox') throw new Error('network timeout');
      },
    });
    const store = new CloudStore(db);
    const c = makeCase();
    const r = await store.commit(createChange(c, { requestKey: 'res-1:y', notices: [makeNotice(c, 1, 'mem-1')] }));
    expect(r.ok ? 'ok' : r.error.code).toBe('INTERNAL');
    expect(await store.getCase(c.id)).toBeUndefined();
    expect(await store.findCaseIdByRequest('res-1:y')).toBeUndefined();
    expect(db.dump('case_events')).toEqual([]);
    expect(db.dump('tallies')).toEqual([]);
    failOutbox = false;
    expect((await store.commit(createChange(c, { requestKey: 'res-1:y', notices: [makeNotice(c, 1, 'mem-1')] }))).ok).toBe(true);
  });

  it('turns racing updates into one winner through the database’s write conflicts', async () => {
    const db = new FakeCloudDb();
    const store = new CloudStore(db);
    const c = makeCase();
    expect((await store.commit(createChange(c))).ok).toBe(true);
    const racers = Array.from({ length: 4 }, (_, i) => updateOf(c, { status: 'assigned' }, { note: `racer ${i}` }));
    const results = await Promise.all(racers.map((r) => store.commit(r.change)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual([
      'CASE.CONFLICT',
      'CASE.CONFLICT',
      'CASE.CONFLICT',
    ]);
    expect(await store.getTimeline(c.id)).toHaveLength(2);
    expect(db.stats.conflicts).toBeGreaterThan(0);
  });

  it('commits every submit of one grid, month and category at once, though they all rewrite one counter', async () => {
    const db = new FakeCloudDb();
    const store = new CloudStore(db);
    const cases = Array.from({ length: 30 }, () => makeCase());
    const results = await Promise.all(cases.map((c) => store.commit(createChange(c))));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(cases.map(() => 'ok'));
    expect(db.stats.conflicts).toBeGreaterThan(0);
    expect(db.stats.uncodedConflicts).toBeGreaterThan(0);
    // One row on the board, the sum of its shards.
    const rows = await store.readTallies({ fromMonth: '2026-01', toMonth: '2026-12' });
    expect(rows.map((r) => r.tally.received)).toEqual([30]);
    expect(db.dump('tallies').length).toBeGreaterThan(1);
    expect(db.dump('tallies').length).toBeLessThanOrEqual(TALLY_SHARDS);
  });

  it('says a submit that kept colliding may be tried again later, and writes nothing of it', async () => {
    // Someone else rewrites the board counter (every shard of its row) during every run of this transaction.
    const c = makeCase();
    const shards = Array.from({ length: TALLY_SHARDS }, (_, i) => keyId(`${tallyRowId(tallyRowKeyOf(c))}#${i}`));
    let racing = false;
    const db: FakeCloudDb = new FakeCloudDb({
      uncodedConflicts: 'none',
      beforeOperation: (op, collection) => {
        if (racing && op === 'transaction.set' && collection === 'tallies')
          for (const [shard, _id] of shards.entries()) db.poke('tallies', { _id, ...tallyRowKeyOf(c), shard, tally: {} });
      },
    });
    const store = new CloudStore(db);
    racing = true;
    const r = await store.commit(createChange(c));
    racing = false;
    expect(r.ok ? 'ok' : [r.error.code, r.error.message, (r.error.details as { reason?: string } | undefined)?.reason]).toEqual([
      'CASE.CONFLICT',
      '同时提交的人较多，请稍后重试',
      'busy',
    ]);
    expect(await store.getCase(c.id)).toBeUndefined();
    expect(db.dump('case_events')).toEqual([]);
  });

  it('turns racing updates into one winner when no conflict carries the code', async () => {
    const db = new FakeCloudDb({ uncodedConflicts: 'all' });
    const store = new CloudStore(db);
    const c = makeCase();
    expect((await store.commit(createChange(c))).ok).toBe(true);
    const racers = Array.from({ length: 4 }, (_, i) => updateOf(c, { status: 'assigned' }, { note: `racer ${i}` }));
    const results = await Promise.all(racers.map((r) => store.commit(r.change)));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CASE.CONFLICT', 'CASE.CONFLICT', 'CASE.CONFLICT', 'ok']);
    expect(await store.getTimeline(c.id)).toHaveLength(2);
    expect(db.stats.uncodedConflicts).toBeGreaterThan(0);
  });

  it('knows a commit landed when its answer was lost, and does not report it refused', async () => {
    class LosingDb extends FakeCloudDb {
      lose = 0;
      override async runTransaction<T>(run: Parameters<FakeCloudDb['runTransaction']>[0], times?: number): Promise<T> {
        const r = (await super.runTransaction(run, times)) as T;
        if (this.lose > 0) {
          this.lose--;
          throw new Error('ESOCKETTIMEDOUT');
        }
        return r;
      }
    }
    const db = new LosingDb();
    const store = new CloudStore(db);
    const c = makeCase();
    db.lose = 1;
    expect(await store.commit(createChange(c, { requestKey: 'res-1:lost' }))).toEqual({ ok: true, value: undefined });
    const { change } = updateOf(c, { status: 'assigned' });
    db.lose = 1;
    expect(await store.commit(change)).toEqual({ ok: true, value: undefined });
    expect((await store.getCase(c.id))?.version).toBe(2);
    expect(await store.getTimeline(c.id)).toHaveLength(2);
  });
});
