/**
 * The handlers on the cloud store over the cloud double with a modelled latency per database
 * call: how long a sequence of calls would take in the WeChat cloud, without waiting for it
 * (`FakeCloudDb.modelledMs`). Used by the timer's budget test and by `npm run bench`.
 */
import { CloudStore } from '../../backend/store/cloud-store';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { DEFAULT_LIMITS, makeIdFactory, type Deps } from '../../backend/deps';
import { FUNCTIONS } from '../../backend/functions';
import { invalidateDirectory } from '../../backend/services/directory';
import { FakeCloudDb } from './fake-cloud-db';

export interface CloudWorld {
  db: FakeCloudDb;
  store: CloudStore;
  deps: Deps;
  clock: { now: Date };
  advance(ms: number): void;
  ok<T = Record<string, unknown>>(fn: string, openid: string | undefined, action: string, params?: Record<string, unknown>): Promise<T>;
}

/** The demo street (places, people, no cases) on the double, at `start`. */
export async function makeCloudWorld(opts: { latencyMs: number; start: Date }): Promise<CloudWorld> {
  const db = new FakeCloudDb({ latencyMs: opts.latencyMs });
  const store = new CloudStore(db);
  const clock = { now: new Date(opts.start) };
  await seedDemoStreet(store, clock.now, 0);
  invalidateDirectory(store);
  let seq = 0;
  const deps: Deps = {
    store,
    now: () => new Date(clock.now),
    newId: makeIdFactory(
      () => clock.now,
      () => ((seq = (seq * 9301 + 49297) % 233280), seq / 233280),
    ),
    limits: { ...DEFAULT_LIMITS, submissionsPerDay: 100_000 },
  };
  return {
    db,
    store,
    deps,
    clock,
    advance(ms) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    async ok<T>(fn: string, openid: string | undefined, action: string, params: Record<string, unknown> = {}) {
      const r = await FUNCTIONS[fn]!.handle({ action, ...params }, openid, deps);
      if (!r.ok) throw new Error(`${fn}.${action} failed: ${r.error.code} ${r.error.message}`);
      return r.data as T;
    },
  };
}

const BUILDINGS = ['sf-yuyuan-g1-b1', 'sf-yuyuan-g2-b1', 'sf-xinglong-g1-b1', 'sf-taoyuan-g1-b1'];

/** Files `n` repair reports over a few grids, then moves the clock until every response clock has run out. */
export async function fileDueCases(world: CloudWorld, n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    await world.ok('resident', `demo-resident-${(i % 6) + 1}`, 'submitCase', {
      requestId: `due-${String(i).padStart(6, '0')}`,
      categoryId: 'cat-01',
      buildingId: BUILDINGS[i % BUILDINGS.length],
      description: `楼道灯坏了，第${i}件`,
      isPublic: true,
    });
  world.advance(2 * 86_400_000);
}
