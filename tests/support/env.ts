/**
 * An integration environment: a real SQLite file in a temp folder with the demo street seeded,
 * the real function handlers, and a clock the test moves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { DEFAULT_LIMITS, makeIdFactory, type Deps } from '../../backend/deps';
import { FUNCTIONS } from '../../backend/functions';
import type { Reply } from '../../backend/functions/define';
import { invalidateDirectory } from '../../backend/services/directory';

export interface TestEnv {
  dir: string;
  store: SqliteStore;
  deps: Deps;
  clock: { now: Date };
  /** Calls a function as `openid` (undefined = no identity) and returns the raw reply. */
  call(fn: string, openid: string | undefined, action: string, params?: Record<string, unknown>): Promise<Reply>;
  /** Like `call` but fails the test unless the reply is ok; returns its data. */
  ok<T = Record<string, unknown>>(fn: string, openid: string | undefined, action: string, params?: Record<string, unknown>): Promise<T>;
  advance(ms: number): void;
  close(): Promise<void>;
}

/** A Monday morning in China: 2026-11-23 09:00 (UTC+8). */
export const T0 = new Date('2026-11-23T01:00:00.000Z');

export async function makeEnv(opts: { seedCases?: number; start?: Date; limits?: Partial<Deps['limits']> } = {}): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'wuyuan-it-'));
  const store = SqliteStore.open(join(dir, 'test.sqlite'));
  const clock = { now: new Date(opts.start ?? T0) };
  await seedDemoStreet(store, clock.now, opts.seedCases ?? 0);
  invalidateDirectory(store);
  let seq = 0;
  const deps: Deps = {
    store,
    now: () => new Date(clock.now),
    newId: makeIdFactory(
      () => clock.now,
      () => ((seq = (seq * 9301 + 49297) % 233280), seq / 233280),
    ),
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
  };
  const call = async (fn: string, openid: string | undefined, action: string, params: Record<string, unknown> = {}) => {
    const f = FUNCTIONS[fn];
    if (!f) throw new Error(`no function ${fn}`);
    return f.handle({ action, ...params }, openid, deps);
  };
  return {
    dir,
    store,
    deps,
    clock,
    call,
    async ok<T>(fn: string, openid: string | undefined, action: string, params: Record<string, unknown> = {}) {
      const r = await call(fn, openid, action, params);
      if (!r.ok) throw new Error(`${fn}.${action} failed: ${r.error.code} ${r.error.message}`);
      return r.data as T;
    },
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Demo personas. */
export const P = {
  resident: 'demo-resident-1',
  resident2: 'demo-resident-2',
  steward11: 'demo-11-building-steward',
  worker11: 'demo-11-grid-worker',
  leader11: 'demo-11-resident-leader',
  steward12: 'demo-12-building-steward',
  admin1: 'demo-admin-1',
  admin2: 'demo-admin-2',
  street: 'demo-street-admin',
  dept1: 'demo-dept-1',
} as const;

/** The first building of 渝园社区 第一网格, and the 设施维修 category (→ 楼栋物管员). */
export const BUILDING = 'sf-yuyuan-g1-b1';
export const REPAIR = 'cat-01';
export const NEIGHBOUR_DISPUTE = 'cat-06';
