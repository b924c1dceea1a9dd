/**
 * The round trips a person waits for in the WeChat cloud, counted on the cloud double with a
 * modelled latency: calls one after another count each, calls in flight together once. The
 * targets: a submit in at most 6 sequential round trips, a read in at most 2, a timer tick over
 * 100 due cases in under 3 s at 10 ms a round trip. Counts, not timings: they do not depend on
 * the machine.
 */
import { measureCloudRoundTrips, measureHotSubmits, ROUND_TRIP_LATENCY_MS, type RoundTrips } from '../../bench/cloud-round-trips';
import { caseGroups } from '../../backend/functions/timer';
import { FakeCloudDb } from '../support/fake-cloud-db';

describe('the double’s modelled clock', () => {
  it('adds a latency per call made one after another, one latency for calls in flight together', async () => {
    const db = new FakeCloudDb({ latencyMs: 10 });
    const c = db.collection('things');
    await c.doc('a').set({ data: { n: 1 } });
    await c.doc('b').set({ data: { n: 2 } });
    expect(db.sequentialRoundTrips()).toBe(2);
    await Promise.all([c.doc('a').get(), c.doc('b').get(), c.where({ n: 1 }).count()]);
    expect(db.sequentialRoundTrips()).toBe(3);
    expect(db.stats.roundTrips).toBe(5);
    // A call made when one of a pair answers waits its own latency after it.
    await Promise.all([
      c
        .doc('a')
        .get()
        .then(() => c.doc('b').get()),
      c.doc('b').get(),
    ]);
    expect(db.sequentialRoundTrips()).toBe(5);
    expect(db.modelledMs()).toBe(50);
  });

  it('runs a transaction’s reads together and commits once', async () => {
    const db = new FakeCloudDb({ latencyMs: 10 });
    await db
      .collection('things')
      .doc('a')
      .set({ data: { n: 1 } });
    const before = db.sequentialRoundTrips();
    await db.runTransaction(async (t) => {
      const [a, b] = await Promise.all([
        t.collection('things').doc('a').get(),
        t
          .collection('things')
          .doc('b')
          .get()
          .catch(() => null),
      ]);
      expect(a.data).toMatchObject({ n: 1 });
      expect(b?.data ?? null).toBeNull();
      await Promise.all([
        t
          .collection('things')
          .doc('a')
          .set({ data: { n: 2 } }),
        t
          .collection('things')
          .doc('b')
          .set({ data: { n: 3 } }),
      ]);
    });
    // Reads, writes, commit.
    expect(db.sequentialRoundTrips() - before).toBe(3);
    expect(db.peek('things', 'b')).toMatchObject({ n: 3 });
  });
});

describe('the timer’s groups of cases', () => {
  const c = (id: string, gridId: string, categoryId: string) => ({ id, place: { gridId }, categoryId });
  it('puts no two cases of one grid and category in a group, keeps the list order, and loses none', () => {
    const due = [c('1', 'g1', 'a'), c('2', 'g1', 'a'), c('3', 'g2', 'a'), c('4', 'g1', 'b'), c('5', 'g1', 'a'), c('6', 'g2', 'a')];
    expect(caseGroups(due, 8).map((g) => g.map((x) => x.id))).toEqual([['1', '3', '4'], ['2', '6'], ['5']]);
    expect(caseGroups(due, 2).map((g) => g.map((x) => x.id))).toEqual([
      ['1', '3'],
      ['2', '4'],
      ['5', '6'],
    ]);
  });
});

describe('round trips per action in the cloud', () => {
  let trips: Map<string, RoundTrips>;
  beforeAll(async () => {
    trips = new Map((await measureCloudRoundTrips()).map((t) => [t.action, t]));
  }, 120_000);
  const seq = (action: string): number => {
    const t = trips.get(action);
    if (!t) throw new Error(`not measured: ${action}`);
    return t.sequential;
  };

  it('submits in 6: the account, every read at once, the case number’s conditional update, and the transaction’s reads, writes and commit', () => {
    expect(seq('resident.submitCase')).toBe(6);
    expect(trips.get('resident.submitCase')!.calls).toBeGreaterThan(10);
  });

  it('changes a case in 5 or 6: the account, the case, the transaction’s reads, writes and commit (and a reminder’s notices)', () => {
    expect(seq('member.acceptCase')).toBe(5);
    expect(seq('member.resolveCase')).toBe(5);
    expect(seq('resident.rateCase')).toBe(5);
    expect(seq('resident.remindCase')).toBeLessThanOrEqual(6);
  });

  it('reads in at most 2: the account and the read', () => {
    for (const action of ['resident.getCase', 'resident.listMyCases', 'member.listTasks', 'board.summary', 'admin.listCases'])
      expect([action, seq(action)]).toEqual([action, 2]);
  });

  it('ticks over 100 due cases, their notices sent, in under 3 s at 10 ms a round trip', () => {
    const tick = trips.get('timer 100 件到期')!;
    expect(tick.modelledMs).toBe(tick.sequential * ROUND_TRIP_LATENCY_MS);
    expect(tick.modelledMs).toBeLessThan(3_000);
    // Far fewer waits than calls: the work overlaps.
    expect(tick.sequential * 5).toBeLessThan(tick.calls);
  });
});

describe('submits arriving together in one grid, month and category', () => {
  it('all commit: 50 at once, twice over, though they collide on the board counter and retry', async () => {
    for (let i = 0; i < 2; i++) {
      const hot = await measureHotSubmits(50);
      expect(hot.failed).toBe(0);
      expect(hot.boardReceived).toBe(50);
      // Every case got its own number, 1 to 50 of the month (the burst shares a few claims).
      expect(hot.numbers).toEqual(Array.from({ length: 50 }, (_, n) => `${hot.numbers[0].slice(0, 5)}${String(n + 1).padStart(4, '0')}`));
      // They did collide: the figure measures the retries, not an uncontended path.
      expect(hot.conflicts).toBeGreaterThan(0);
      expect(hot.retries).toBeGreaterThan(0);
    }
  }, 120_000);
});
