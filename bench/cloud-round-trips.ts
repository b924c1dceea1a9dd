/**
 * The round trips a resident or a member waits for in the WeChat cloud: each action through the
 * cloud store on the cloud double with a modelled latency per database call, counted as the
 * sequential round trips (calls in flight together count once) and as every call made. Used by
 * `npm run bench` and pinned by `tests/reliability/cloud-round-trips.test.ts`.
 */
import { runTimerTick } from '../backend/functions/timer';
import { dispatchOutbox, TEMPLATE_SETTING_ID } from '../backend/notify/dispatcher';
import { invalidateDirectory } from '../backend/services/directory';
import { NOTICE_KINDS } from '../core/model';
import { fileDueCases, makeCloudWorld, type CloudWorld } from '../tests/support/cloud-world';
import { FakeSubscribeSender } from '../tests/support/fake-subscribe-sender';

export const ROUND_TRIP_LATENCY_MS = 10;

export interface RoundTrips {
  action: string;
  /** Round trips one after another: the time a caller waits is this times the latency. */
  sequential: number;
  /** Every call to the database. */
  calls: number;
  /** The modelled time, ms. */
  modelledMs: number;
}

const RESIDENT = 'demo-resident-1';
const STEWARD = 'demo-11-building-steward';
const ADMIN = 'demo-street-admin';
const START = new Date('2026-11-23T01:00:00.000Z');

async function measure<T>(world: CloudWorld, action: string, run: () => Promise<T>): Promise<{ value: T; trips: RoundTrips }> {
  const s0 = world.db.sequentialRoundTrips();
  const c0 = world.db.stats.roundTrips;
  const m0 = world.db.modelledMs();
  const value = await run();
  return {
    value,
    trips: {
      action,
      sequential: world.db.sequentialRoundTrips() - s0,
      calls: world.db.stats.roundTrips - c0,
      modelledMs: world.db.modelledMs() - m0,
    },
  };
}

/**
 * One case's life, each step measured once the directory is loaded (a warm function instance):
 * submit, accept, resolve, rate, remind, and the reads around them; then a timer tick over 100 due cases.
 */
export async function measureCloudRoundTrips(): Promise<RoundTrips[]> {
  const world = await makeCloudWorld({ latencyMs: ROUND_TRIP_LATENCY_MS, start: START });
  const out: RoundTrips[] = [];
  const step = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    const { value, trips } = await measure(world, action, run);
    out.push(trips);
    return value;
  };
  const submit = (requestId: string) =>
    world.ok<{ caseId: string }>('resident', RESIDENT, 'submitCase', {
      requestId,
      categoryId: 'cat-01',
      buildingId: 'sf-yuyuan-g1-b1',
      description: '楼道灯坏了',
      isPublic: true,
    });
  // Warm: the directory and the first case of the grid, month and category.
  await submit('warm-0001');
  const { caseId } = await step('resident.submitCase', () => submit('rt-000001'));
  await step('resident.getCase', () => world.ok('resident', RESIDENT, 'getCase', { caseId }));
  await step('resident.listMyCases', () => world.ok('resident', RESIDENT, 'listMyCases', {}));
  await step('member.listTasks', () => world.ok('member', STEWARD, 'listTasks', { status: 'open' }));
  await step('member.acceptCase', () => world.ok('member', STEWARD, 'acceptCase', { caseId }));
  world.advance(3 * 86_400_000);
  await step('resident.remindCase', () => world.ok('resident', RESIDENT, 'remindCase', { caseId }));
  await step('member.resolveCase', () =>
    world.ok('member', STEWARD, 'resolveCase', { caseId, result: '已更换灯泡', photos: ['after-1.jpg'] }),
  );
  await step('resident.rateCase', () => world.ok('resident', RESIDENT, 'rateCase', { caseId, rating: 'satisfied' }));
  await step('board.summary', () => world.ok('board', undefined, 'summary', { period: 'quarter' }));
  await step('admin.listCases', () =>
    world.ok('admin', ADMIN, 'listCases', { statuses: ['processing', 'assigned'], gridId: 'sf-yuyuan-g1', categoryId: 'cat-01' }),
  );

  // The timer over 100 due cases (the submits' notices delivered first): each marked overdue, its notices sent.
  const templates = Object.fromEntries(
    NOTICE_KINDS.map((k) => [k, { templateId: `tpl-${k}`, fields: { thing1: 'title', thing2: 'body', time3: 'time', phrase4: 'status' } }]),
  );
  await world.store.putRef('settings', { id: TEMPLATE_SETTING_ID, value: templates });
  invalidateDirectory(world.store);
  await fileDueCases(world, 100);
  for (const { openid } of await world.store.listRef('accounts'))
    for (const k of NOTICE_KINDS) await world.store.addSubscriptionQuota(openid, `tpl-${k}`, 1000);
  const sender = new FakeSubscribeSender();
  await dispatchOutbox(world.store, world.clock.now, sender, templates, 10_000);
  const due = (await world.store.listDueCases(world.clock.now.toISOString(), 1_000)).length;
  const tick = await step('timer 100 件到期', () =>
    runTimerTick(world.deps, sender, { elapsed: () => 0, budgetMs: Number.POSITIVE_INFINITY }),
  );
  // The figure is a tick's whole work only if it did it: every due case marked (the 100 and the
  // first case of this street, still unanswered), every notice sent.
  if (
    due !== 101 ||
    tick.looked !== due ||
    tick.overdue !== due ||
    tick.notifications.claimed === 0 ||
    tick.notifications.sent !== tick.notifications.claimed
  )
    throw new Error(`the timer did not do the measured work: ${JSON.stringify(tick)}`);
  return out;
}

export interface HotSubmits {
  submits: number;
  failed: number;
  /** Write conflicts the database reported. */
  conflicts: number;
  /** Transaction runs beyond one per submit. */
  retries: number;
  /** The modelled time until the last answered, ms. */
  modelledMs: number;
  /** The cases the board counts as received afterwards. */
  boardReceived: number;
  /** The case numbers the submits were given, sorted. */
  numbers: string[];
}

/** `n` residents submitting at once in one grid, month and category, through the cloud store. */
export async function measureHotSubmits(n: number): Promise<HotSubmits> {
  const world = await makeCloudWorld({ latencyMs: ROUND_TRIP_LATENCY_MS, start: START });
  const s0 = { ...world.db.stats };
  const m0 = world.db.modelledMs();
  const results = await Promise.allSettled(
    Array.from({ length: n }, (_, i) =>
      world.ok('resident', `demo-resident-${(i % 6) + 1}`, 'submitCase', {
        requestId: `hot-${String(i).padStart(6, '0')}`,
        categoryId: 'cat-01',
        buildingId: 'sf-yuyuan-g1-b1',
        description: '楼道灯坏了',
        isPublic: true,
      }),
    ),
  );
  const modelledMs = world.db.modelledMs() - m0;
  const rows = await world.store.readTallies({ fromMonth: '2000-01', toMonth: '2999-12' });
  return {
    submits: n,
    failed: results.filter((r) => r.status === 'rejected').length,
    conflicts: world.db.stats.conflicts - s0.conflicts,
    retries: world.db.stats.transactions - s0.transactions - n,
    modelledMs,
    boardReceived: rows.reduce((sum, r) => sum + r.tally.received, 0),
    numbers: results.flatMap((r) => (r.status === 'fulfilled' ? [(r.value as { caseNo?: string }).caseNo ?? ''] : [])).sort(),
  };
}
