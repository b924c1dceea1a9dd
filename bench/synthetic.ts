/**
 * Synthetic history for benchmarks: cases over the demo street's grids, made by the real
 * lifecycle once per shape and then varied, so a million can be written in well under two
 * minutes.
 */
import { openCase, transition, type Command } from '../core/case-lifecycle';
import { routeForCategory } from '../core/route-case';
import { THREE_DAY_POLICY } from '../core/time-policy';
import { SYSTEM_ACTOR, type Actor, type Category, type Member } from '../core/model';
import { buildCalendar } from '../backend/calendar';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Result } from '../core/errors';
import type { SqliteStore } from '../backend/store/sqlite-store';
import type { ImportRows } from '../backend/store/sqlite/bulk-import';
import { builtImport, checksBuiltChanges } from '../backend/store/built-change';
import { syntheticItems, type Shape, type SyntheticPlan } from './synthetic-items';
import type { SeedWorkerData } from './synthetic-worker';

export type { Shape } from './synthetic-items';

/** A few case shapes (open, processing, resolved, closed with ratings, overdue) from the real core. */
export async function caseShapes(store: SqliteStore, now: Date): Promise<Shape[]> {
  const calendar = buildCalendar([]);
  const categories = await store.listRef('categories');
  const members = await store.listRef('members');
  const buildings = await store.listRef('buildings');
  const communities = new Map((await store.listRef('communities')).map((c) => [c.id, c]));
  const shapes: Shape[] = [];
  const ctx = (ms: number) => ({ now: new Date(ms), policy: THREE_DAY_POLICY, calendar });
  const H = 3_600_000;
  const plans: Command[][] = [
    [],
    [{ action: 'accept' }],
    [{ action: 'accept' }, { action: 'resolve', result: '已处理', photos: ['x.jpg'] }],
    [{ action: 'accept' }, { action: 'resolve', result: '已处理', photos: ['x.jpg'] }, { action: 'rate', rating: 'satisfied' }],
    [{ action: 'accept' }, { action: 'resolve', result: '已处理', photos: ['x.jpg'] }, { action: 'rate', rating: 'basically_satisfied' }],
    [
      { action: 'accept' },
      { action: 'resolve', result: '已处理', photos: ['x.jpg'] },
      { action: 'rate', rating: 'unsatisfied', comment: '没修好' },
    ],
  ];
  for (const [pi, plan] of plans.entries()) {
    for (const b of buildings.slice(0, 24)) {
      const category: Category = categories[(pi * 7 + shapes.length) % categories.length]!;
      const gm: Member[] = members.filter((m) => m.gridId === b.gridId);
      const route = routeForCategory(category, { gridId: b.gridId, members: gm, openWork: {} }, communities.get(b.communityId));
      const reporter: Actor = { openid: 'bench-resident', name: '测试居民', grants: [] };
      let t = now.getTime() - 10 * 24 * H;
      const r = openCase(
        {
          id: 'shape',
          place: { streetId: b.streetId, communityId: b.communityId, gridId: b.gridId, buildingId: b.id },
          category,
          description: '基准测试诉求：楼道灯坏了',
          photos: [],
          isPublic: true,
          policyId: 'three-day',
        },
        { action: 'submit', route },
        reporter,
        ctx(t),
      );
      if (!r.ok) continue;
      let c = r.value.case;
      const events = [...r.value.events];
      for (const cmd of plan) {
        t += 2 * H;
        const holder = gm.find((m) => m.id === c.holder?.memberId);
        const actor: Actor =
          cmd.action === 'rate'
            ? reporter
            : holder
              ? {
                  openid: holder.openid!,
                  name: holder.name,
                  grants: [{ role: holder.role, gridId: holder.gridId, communityId: holder.communityId, memberId: holder.id }],
                }
              : SYSTEM_ACTOR;
        const x = transition(c, cmd, actor, ctx(t));
        if (!x.ok) break;
        c = x.value.case;
        events.push(...x.value.events);
      }
      shapes.push({ case: c, events });
    }
  }
  return shapes;
}

/**
 * How `importSynthetic` builds the rows: `workers` threads beside the main thread (0: the main thread
 * builds them). Two by default: on two cores the main thread's inserts and one worker's building
 * take about as long, so a second worker lets the building use whatever core is free.
 */
export interface SeedOptions {
  workers?: number;
  /** Cases per transaction (10 000). */
  batch?: number;
  days?: number;
  prefix?: string;
}

// The worker runs TypeScript: it registers tsx's CommonJS hook (the bench runs under tsx, the tests under jest).
const WORKER_SOURCE = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(join(__dirname, 'synthetic-worker.ts'))});`;

/**
 * Writes `count` cases spread over the last `days` days, in batches (10k by default), and returns the seconds
 * taken (index builds included). With workers (the default, two), each batch's rows are built on a
 * worker thread while the main thread inserts the one before; with `workers: 0` the main thread
 * builds each batch and hands the items to `importCases` — the reference path the seeding test
 * compares against (`tests/integration/seed-synthetic.test.ts`).
 */
export async function importSynthetic(
  store: SqliteStore,
  shapes: Shape[],
  count: number,
  _now: Date,
  options: SeedOptions = {},
): Promise<number> {
  const started = performance.now();
  const plan: SyntheticPlan = { count, days: options.days ?? 365, prefix: options.prefix ?? 'B' };
  const workers = options.workers ?? 2;
  const batch = options.batch ?? 10_000;
  // The list indexes are built once at the end, sorted, instead of row by row (the time counts it).
  store.beginBulkImport();
  try {
    if (workers > 0) await importFromWorkers(store, shapes, plan, batch, workers);
    else await importOnMainThread(store, shapes, plan, batch);
  } finally {
    store.endBulkImport();
  }
  return (performance.now() - started) / 1000;
}

// Each batch goes in while the previous one's WAL flush runs on the thread pool; a batch counts as
// written only once its flush is done (the last one's included).
class Flushes {
  private flushing: Promise<Result<unknown>> | undefined;
  async settle(): Promise<void> {
    const r = await this.flushing;
    this.flushing = undefined;
    if (r && !r.ok) throw new Error(r.error.message);
  }
  async start(next: () => Promise<Result<unknown>>): Promise<void> {
    await this.settle();
    this.flushing = next();
  }
}

async function importOnMainThread(store: SqliteStore, shapes: Shape[], plan: SyntheticPlan, batch: number): Promise<void> {
  const flushes = new Flushes();
  for (let done = 0; done < plan.count; done += batch) {
    const items = syntheticItems(shapes, plan, done, done + batch);
    await flushes.start(() => store.importCases(builtImport(items)));
  }
  await flushes.settle();
}

/** Batches in id order from `workers` threads (batch i from worker i mod workers), two ahead each. */
async function importFromWorkers(store: SqliteStore, shapes: Shape[], plan: SyntheticPlan, batch: number, workers: number): Promise<void> {
  const batches = Math.ceil(plan.count / batch);
  const ready = new Map<number, ImportRows>();
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const threads = Array.from({ length: Math.min(workers, batches) }, (_, first) => {
    const workerData: SeedWorkerData = { shapes, plan, batch, first, step: workers, checkRecords: checksBuiltChanges() };
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData,
      execArgv: [],
      // A batch allocates a few hundred MB of short-lived objects: a larger young generation
      // collects them with fewer scavenges (about a tenth of the worker's CPU).
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    w.on('message', (m: { index: number; rows?: ImportRows; error?: string }) => {
      if (m.rows) ready.set(m.index, m.rows);
      else failure ??= new Error(m.error ?? '生成导入数据失败');
      wake?.();
    });
    w.on('error', (e) => {
      failure ??= e;
      wake?.();
    });
    w.postMessage('more');
    w.postMessage('more');
    return w;
  });
  const flushes = new Flushes();
  try {
    for (let index = 0; index < batches; index++) {
      while (!ready.has(index)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const rows = ready.get(index)!;
      ready.delete(index);
      threads[index % threads.length]!.postMessage('more');
      await flushes.start(() => store.importRows(rows));
    }
    await flushes.settle();
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}
