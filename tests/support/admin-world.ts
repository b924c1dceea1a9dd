/**
 * The seeded demo street on a real SQLite file in a temp folder, with Deps built as the local host
 * builds them, for the admin function's integration tests.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS, makeIdFactory, type Deps } from '../../backend/deps';
import { admin } from '../../backend/functions/admin';
import { community } from '../../backend/functions/community';
import { intake } from '../../backend/functions/intake';
import type { Reply } from '../../backend/functions/define';
import { resident } from '../../backend/functions/resident';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { invalidateDirectory } from '../../backend/services/directory';
import { SqliteStore } from '../../backend/store/sqlite-store';
import type { Case } from '../../core/model';

/** Monday 2026-11-23, 10:00 China time. */
export const NOW = new Date('2026-11-23T02:00:00.000Z');

export const P = {
  communityAdmin: 'demo-admin-1', // 渝园社区 sf-yuyuan
  otherCommunityAdmin: 'demo-admin-2', // 兴隆社区 sf-xinglong
  ruralAdmin: 'demo-admin-3', // 桃源村社区 sf-taoyuan
  streetAdmin: 'demo-street-admin',
  department: 'demo-dept-1', // dept-police
  otherDepartment: 'demo-dept-2', // dept-justice
  member: 'demo-11-grid-worker', // sf-yuyuan-g1
  resident: 'demo-resident-1',
} as const;

export const YUYUAN = 'sf-yuyuan';
export const YUYUAN_G1 = 'sf-yuyuan-g1';
export const YUYUAN_BUILDING = 'sf-yuyuan-g1-b1';
export const GRID_WORKER_MEMBER = 'sf-yuyuan-g1-grid_worker';

export interface AdminWorld {
  folder: string;
  store: SqliteStore;
  deps: Deps;
  /** Saved exports by the URL handed back. */
  exports: Map<string, string>;
  admin(openid: string | undefined, action: string, params?: Record<string, unknown>): Promise<Reply>;
  /** The `community` function: 走访关爱, 民生微实事, 满意度测评, 公示牌 approval. */
  community(openid: string | undefined, action: string, params?: Record<string, unknown>): Promise<Reply>;
  /** 代登记 and 电话回访 (the `intake` function). */
  intake(openid: string | undefined, action: string, params?: Record<string, unknown>): Promise<Reply>;
  resident(openid: string, action: string, params?: Record<string, unknown>): Promise<Reply>;
  /** A fresh resident report in 渝园社区 grid 1, building 1 (routed to the building steward). */
  submit(opts?: {
    buildingId?: string;
    categoryId?: string;
    description?: string;
    photos?: string[];
    isPublic?: boolean;
    contactPhone?: string;
    by?: string;
  }): Promise<Case>;
  getCase(id: string): Promise<Case>;
  close(): Promise<void>;
}

let requestSeq = 0;

/**
 * `clock` moves the world's time (fake-clock tests); by default it stays at NOW. `caseCount`: how
 * many demo cases to seed (the demo's 200 unless told; 0 for a street of one's own cases).
 */
export async function openAdminWorld(
  clock: () => Date = () => new Date(NOW.getTime()),
  opts: { caseCount?: number } = {},
): Promise<AdminWorld> {
  const folder = mkdtempSync(join(tmpdir(), 'admin-it-'));
  mkdirSync(join(folder, 'exports'));
  const store = SqliteStore.open(join(folder, 'cases.db'));
  await seedDemoStreet(store, NOW, opts.caseCount);
  invalidateDirectory(store);
  const exports = new Map<string, string>();
  const now = clock;
  const deps: Deps = {
    store,
    now,
    newId: makeIdFactory(now),
    limits: { ...DEFAULT_LIMITS, submissionsPerDay: 10_000 },
    saveExport: async (fileName, bytes) => {
      const path = join(folder, 'exports', `${exports.size + 1}-${fileName}`);
      writeFileSync(path, bytes);
      const url = `/exports/${exports.size + 1}-${fileName}`;
      exports.set(url, path);
      return { url };
    },
  };
  const world: AdminWorld = {
    folder,
    store,
    deps,
    exports,
    admin: (openid, action, params = {}) => admin.handle({ action, ...params }, openid, deps),
    community: (openid, action, params = {}) => community.handle({ action, ...params }, openid, deps),
    intake: (openid, action, params = {}) => intake.handle({ action, ...params }, openid, deps),
    resident: (openid, action, params = {}) => resident.handle({ action, ...params }, openid, deps),
    async submit(opts = {}) {
      requestSeq += 1;
      const r = await world.resident(opts.by ?? P.resident, 'submitCase', {
        requestId: `admin-it-${requestSeq}-${Math.random().toString(36).slice(2, 10)}`,
        categoryId: opts.categoryId ?? 'cat-01',
        buildingId: opts.buildingId ?? YUYUAN_BUILDING,
        description: opts.description ?? '楼道灯坏了，晚上看不见',
        isPublic: opts.isPublic ?? true,
        ...(opts.photos ? { photos: opts.photos } : {}),
        ...(opts.contactPhone ? { contactPhone: opts.contactPhone } : {}),
      });
      if (!r.ok) throw new Error(`submitCase failed: ${r.error.code} ${r.error.message}`);
      return world.getCase((r.data as { caseId: string }).caseId);
    },
    async getCase(id) {
      const c = await store.getCase(id);
      if (!c) throw new Error(`case ${id} not found`);
      return c;
    },
    async close() {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return world;
}

/** The data of a successful reply, or a thrown error naming the refusal. */
export function data<T = Record<string, unknown>>(r: Reply): T {
  if (!r.ok) throw new Error(`expected success, got ${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

/** The error code of a reply, or 'ok'. */
export const outcome = (r: Reply): string => (r.ok ? 'ok' : r.error.code);
