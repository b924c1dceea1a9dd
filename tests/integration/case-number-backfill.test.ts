/**
 * Cloud cases filed before case numbers existed get one (`backend/services/case-number-backfill.ts`),
 * on the cloud double: a history of unnumbered months, a month where numbering began half-way and
 * a numbered one. Run by the timer, run twice, stopped half-way and resumed, and run by another
 * instance while residents submit: every case ends with one number, no number is given twice,
 * the backfilled ones follow filing order, and new submits still get fresh numbers.
 */
import { makeCloudWorld, type CloudWorld } from '../support/cloud-world';
import { CloudStore } from '../../backend/store/cloud-store';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { CLOUD_COLLECTIONS, keyId } from '../../backend/store/cloud/api';
import { backfillCaseNumbers, CASE_NUMBER_BACKFILL_MARK } from '../../backend/services/case-number-backfill';
import { runTimerTick } from '../../backend/functions/timer';
import type { Case } from '../../core/model';

const STREET = 'shuangfu';
const MINUTE = 60_000;
let seq = 0;

/** Files `n` public reports a minute apart; answers their ids in filing order. */
async function file(world: CloudWorld, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    seq += 1;
    const r = await world.ok<{ caseId: string }>('resident', `demo-resident-${(seq % 6) + 1}`, 'submitCase', {
      requestId: `backfill-${String(seq).padStart(6, '0')}`,
      categoryId: 'cat-01',
      buildingId: seq % 2 ? 'sf-yuyuan-g1-b1' : 'sf-xinglong-g1-b1',
      description: `楼道灯坏了，第${seq}件`,
      isPublic: true,
    });
    ids.push(r.caseId);
    world.advance(MINUTE);
  }
  return ids;
}

/** Makes the cases look filed before numbers existed: no number, and no counter for their month. */
function unnumber(world: CloudWorld, ids: string[], scope: string): void {
  for (const id of ids) {
    const doc = world.db.peek(CLOUD_COLLECTIONS.cases, id)!;
    delete doc.caseNo;
    delete (doc.case as { no?: string }).no;
    world.db.poke(CLOUD_COLLECTIONS.cases, doc);
  }
  world.db.coll(CLOUD_COLLECTIONS.caseNumbers).delete(keyId(`${STREET}|${scope}`));
}

const numberOf = async (world: CloudWorld, id: string) => (await world.store.getCase(id))!.no;
const numbersOf = (world: CloudWorld, ids: string[]) => Promise.all(ids.map((id) => numberOf(world, id)));
const allCases = (world: CloudWorld): Case[] => world.db.dump(CLOUD_COLLECTIONS.cases).map((d) => d.case as Case);

/** Every case has a number, stored alike in the document and the case, and none is given twice. */
function expectEveryCaseNumberedOnce(world: CloudWorld): void {
  const docs = world.db.dump(CLOUD_COLLECTIONS.cases);
  for (const d of docs) {
    expect((d.case as Case).no).toMatch(/^\d{4}-\d{4}$/);
    expect(d.caseNo).toBe((d.case as Case).no);
  }
  const numbers = docs.map((d) => String(d.caseNo));
  expect(new Set(numbers).size).toBe(numbers.length);
}

/** The numbers grow with the filing time (gaps allowed). */
function expectFilingOrder(numbers: (string | undefined)[]): void {
  const seqs = numbers.map((n) => Number(n!.slice(5)));
  for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!);
}

interface History {
  world: CloudWorld;
  october: string[];
  novemberBefore: string[];
  novemberAfter: string[];
  december: string[];
}

/**
 * October: seven cases, no numbers. November: numbering began after the third case. December:
 * numbered from the start. The clock stays in December.
 */
async function history(): Promise<History> {
  const world = await makeCloudWorld({ latencyMs: 0, start: new Date('2026-10-12T02:00:00.000Z') });
  const october = await file(world, 7);
  unnumber(world, october, '2610');
  world.clock.now = new Date('2026-11-03T02:00:00.000Z');
  const novemberBefore = await file(world, 3);
  unnumber(world, novemberBefore, '2611');
  const novemberAfter = await file(world, 2);
  world.clock.now = new Date('2026-12-02T02:00:00.000Z');
  const december = await file(world, 2);
  return { world, october, novemberBefore, novemberAfter, december };
}

describe('the case-number backfill on the cloud', () => {
  it('the timer numbers the old cases in filing order, after the numbers already given; a second run changes nothing', async () => {
    const h = await history();
    const { world } = h;
    expect(await numbersOf(world, h.novemberAfter)).toEqual(['2611-0001', '2611-0002']);
    expect((await numbersOf(world, h.october)).every((n) => n === undefined)).toBe(true);

    const tick = await runTimerTick(world.deps);
    expect(tick.caseNumbersBackfilled).toBe(10);
    expect(await numbersOf(world, h.october)).toEqual([
      '2610-0001',
      '2610-0002',
      '2610-0003',
      '2610-0004',
      '2610-0005',
      '2610-0006',
      '2610-0007',
    ]);
    expect(await numbersOf(world, h.novemberBefore)).toEqual(['2611-0003', '2611-0004', '2611-0005']);
    expect(await numbersOf(world, h.novemberAfter)).toEqual(['2611-0001', '2611-0002']);
    expect(await numbersOf(world, h.december)).toEqual(['2612-0001', '2612-0002']);
    expectEveryCaseNumberedOnce(world);
    // The timeline is untouched: a number is no event.
    expect((await world.store.getTimeline(h.october[0]!)).map((e) => e.action)).not.toContain('no');
    // The counters now stand at the last number given.
    expect(await world.store.lastCaseNumber(`${STREET}|2610`)).toBe(7);
    expect(await world.store.lastCaseNumber(`${STREET}|2611`)).toBe(5);
    expect((await world.store.getRef('settings', CASE_NUMBER_BACKFILL_MARK))?.value).toBe('done');

    const before = allCases(world);
    expect((await runTimerTick(world.deps)).caseNumbersBackfilled).toBe(0);
    // Even without the mark, a run finds nothing to do and changes nothing.
    await world.store.putRef('settings', { id: CASE_NUMBER_BACKFILL_MARK, value: '' });
    expect(await backfillCaseNumbers(world.store)).toEqual({ numbered: 0, done: true });
    expect(allCases(world)).toEqual(before);
    // A new submit in November's numbering would continue after the backfilled ones.
    world.clock.now = new Date('2026-11-20T02:00:00.000Z');
    const [late] = await file(world, 1);
    expect(await numberOf(world, late!)).toBe('2611-0006');
  });

  it('stopped half-way (the function timed out), the next run carries on: each case numbered once, in filing order', async () => {
    const h = await history();
    const { world } = h;
    // Another instance of the timer, with a store of its own (its own number cache).
    const timer = new CloudStore(world.db);
    let writes = 0;
    const commit = timer.commit.bind(timer);
    const spy = jest.spyOn(timer, 'commit').mockImplementation(async (change) => {
      if (++writes > 4) throw new Error('云函数执行超时');
      return commit(change);
    });
    await expect(backfillCaseNumbers(timer, { batch: 3 })).rejects.toThrow('云函数执行超时');
    spy.mockRestore();
    const numberedSoFar = (await numbersOf(world, h.october)).filter((n) => n !== undefined);
    expect(numberedSoFar).toEqual(['2610-0001', '2610-0002', '2610-0003', '2610-0004']);

    expect(await backfillCaseNumbers(timer, { batch: 3 })).toEqual({ numbered: 6, done: true });
    expectEveryCaseNumberedOnce(world);
    expectFilingOrder(await numbersOf(world, h.october));
    expectFilingOrder(await numbersOf(world, h.novemberBefore));
    expect(await numbersOf(world, h.novemberAfter)).toEqual(['2611-0001', '2611-0002']);
  });

  it('a budget that runs out stops between batches; the next tick goes on', async () => {
    const h = await history();
    const versions = await Promise.all(h.october.map(async (id) => (await h.world.store.getCase(id))!.version));
    let batches = 0;
    const first = await backfillCaseNumbers(h.world.store, { batch: 4, fits: () => batches < 2, step: (run) => (batches++, run()) });
    expect(first).toEqual({ numbered: 8, done: false });
    expect(await h.world.store.getRef('settings', CASE_NUMBER_BACKFILL_MARK)).toBeUndefined();
    expect(await backfillCaseNumbers(h.world.store, { batch: 4 })).toEqual({ numbered: 2, done: true });
    expectEveryCaseNumberedOnce(h.world);
    expectFilingOrder(await numbersOf(h.world, h.october));
    expectFilingOrder(await numbersOf(h.world, h.novemberBefore));
    // A write like any other: the version moves on by one.
    expect(await Promise.all(h.october.map(async (id) => (await h.world.store.getCase(id))!.version))).toEqual(versions.map((v) => v + 1));
  });

  it('two runs at once and residents submitting meanwhile: no number twice, every new case numbered', async () => {
    const h = await history();
    const { world } = h;
    // December's numbering began half-way too: its first five cases have no number.
    const decemberBefore = [...h.december, ...(await file(world, 3))];
    unnumber(world, decemberBefore, '2612');
    const decemberAfter = await file(world, 2);
    expect(await numbersOf(world, decemberAfter)).toEqual(['2612-0001', '2612-0002']);
    const timerA = new CloudStore(world.db);
    const timerB = new CloudStore(world.db);
    const [a, b, submitted] = await Promise.all([
      backfillCaseNumbers(timerA, { batch: 2 }),
      backfillCaseNumbers(timerB, { batch: 2 }),
      file(world, 8),
    ]);
    expect(a.done && b.done).toBe(true);
    // Each case written once, by one of the runs.
    expect(a.numbered + b.numbered).toBe(7 + 3 + 5);
    expectEveryCaseNumberedOnce(world);
    for (const id of submitted) expect(await numberOf(world, id)).toMatch(/^2612-\d{4}$/);
    expectFilingOrder(await numbersOf(world, h.october));
    expectFilingOrder(await numbersOf(world, decemberBefore));
    // The counter stands at or past every number given in the month.
    const december = allCases(world).filter((c) => c.no!.startsWith('2612-'));
    const highest = Math.max(...december.map((c) => Number(c.no!.slice(5))));
    expect(await world.store.lastCaseNumber(`${STREET}|2612`)).toBeGreaterThanOrEqual(highest);
    expect(december).toHaveLength(2 + 3 + 2 + 8);
  });
});

describe('the case-number backfill on SQLite', () => {
  it('finds nothing on a file whose cases all have numbers; numbers a case written without one', async () => {
    const world = await makeCloudWorld({ latencyMs: 0, start: new Date('2026-12-02T02:00:00.000Z') });
    const [id] = await file(world, 1);
    const stored = (await world.store.getCase(id!))!;
    const store = SqliteStore.open(':memory:');
    try {
      const numbered = { ...stored, id: 'C20261202000000sqlite', lastSeq: 0 };
      const without = { ...stored, id: 'C20261202000001sqlite', lastSeq: 0, no: undefined, createdAt: '2026-11-30T02:00:00.000Z' };
      delete without.no;
      await store.putRef('streets', { id: STREET, name: '双福街道' });
      for (const c of [numbered, without])
        expect(await store.commit({ creates: [{ case: c }], updates: [], events: [], notices: [] })).toEqual({
          ok: true,
          value: undefined,
        });
      expect((await store.listUnnumberedCases(10)).map((c) => c.id)).toEqual([without.id]);
      expect(await backfillCaseNumbers(store)).toEqual({ numbered: 1, done: true });
      expect((await store.getCase(without.id))!.no).toBe('2611-0001');
      expect((await store.getCase(numbered.id))!.no).toBe(stored.no);
      expect(await store.listUnnumberedCases(10)).toEqual([]);
      expect((await store.listCases({ caseNo: '2611-0001', limit: 5 })).items.map((c) => c.id)).toEqual([without.id]);
    } finally {
      await store.close();
    }
  });
});
