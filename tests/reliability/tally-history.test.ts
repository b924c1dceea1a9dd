/**
 * The board's counters stay exactly the sum of the stored cases' tallies whatever happens: a random
 * history of changes arriving together — new cases in a few grids and categories, status changes,
 * cases moved to another grid or category, racing updates of one case — through the cloud store on
 * the double, whose write conflicts make changes retry on other counter shards or lose the race.
 */
import fc from 'fast-check';
import { CloudStore } from '../../backend/store/cloud-store';
import { tallyRowId, tallyRowKeyOf } from '../../backend/store/cursor';
import { addTally, emptyTally, isZeroTally, tallyCase, type CaseTally } from '../../core/metrics';
import type { Case } from '../../core/model';
import { at, createChange, makeCase, updateOf } from '../support/case-factory';
import { FakeCloudDb } from '../support/fake-cloud-db';

type Patch = Parameters<typeof updateOf>[1];

const PATCHES: Patch[] = [
  { status: 'assigned' },
  { status: 'processing', acceptedAt: at(50), respondedOnTime: true },
  { status: 'processing', acceptedAt: at(50), respondedOnTime: false, overdue: true },
  { place: { gridId: 'grid-2' } },
  { categoryId: 'cat-b' },
  { status: 'withdrawn' },
];

const op = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    grid: fc.constantFrom('grid-1', 'grid-2'),
    category: fc.constantFrom('cat-a', 'cat-b'),
  }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), patch: fc.nat({ max: PATCHES.length - 1 }) }),
);

function sums(rows: { communityId: string; gridId: string; month: string; categoryId: string; tally: CaseTally }[]) {
  const out: Record<string, CaseTally> = {};
  for (const r of rows) out[tallyRowId(r)] = addTally(out[tallyRowId(r)] ?? emptyTally(), r.tally);
  for (const [k, v] of Object.entries(out)) if (isZeroTally(v)) delete out[k];
  return out;
}

describe('the board’s counters after a random history of simultaneous changes', () => {
  it('equal the sum of the stored cases’ tallies, row by row', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 }), async (rounds) => {
        const db = new FakeCloudDb();
        const store = new CloudStore(db);
        const stored = new Map<string, Case>();
        for (const round of rounds) {
          const known = [...stored.values()];
          await Promise.all(
            round.map(async (o) => {
              if (o.kind === 'create') {
                const c = makeCase({ place: { gridId: o.grid }, categoryId: o.category });
                if ((await store.commit(createChange(c))).ok) stored.set(c.id, c);
                return;
              }
              if (known.length === 0) return;
              const { next, change } = updateOf(known[o.pick % known.length]!, PATCHES[o.patch]);
              // Racing updates of one case: one wins, the others are refused and change nothing.
              if ((await store.commit(change)).ok) stored.set(next.id, next);
            }),
          );
        }
        for (const c of stored.values()) expect(await store.getCase(c.id)).toEqual(c);
        const rows = await store.readTallies({ fromMonth: '2000-01', toMonth: '2999-12' });
        expect(sums(rows)).toEqual(sums([...stored.values()].map((c) => ({ ...tallyRowKeyOf(c), tally: tallyCase(c) }))));
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
