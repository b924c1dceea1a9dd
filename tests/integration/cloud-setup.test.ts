/**
 * A new cloud environment has no collections, and every call on a missing one fails with -502005.
 * The entries create them on their first call (idempotent), and the deploy output lists what
 * cannot be automated (indexes, storage permission, …).
 */
import { CLOUD_INDEXES, CloudStore } from '../../backend/store/cloud-store';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  CLOUD_FUNCTION_ENV,
  cloudCollectionNames,
  ensureCollections,
  manualSetup,
  resetCollectionsOnce,
} from '../../backend/cloud/cloud-setup';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { FakeCloudDb } from '../support/fake-cloud-db';
import { StrictCollectionsDb } from '../support/strict-collections';
import { T0 } from '../support/env';

const fake: { db?: StrictCollectionsDb } = {};

jest.mock('wx-server-sdk', () => ({
  __esModule: true,
  default: {
    DYNAMIC_CURRENT_ENV: Symbol('current'),
    init: () => undefined,
    getWXContext: () => ({ OPENID: 'o-first-visitor' }),
    database: () => fake.db,
  },
}));

describe('云数据库集合', () => {
  it('列出存储用到的全部集合，各一次', () => {
    const names = cloudCollectionNames();
    expect(names).toHaveLength(30);
    expect(new Set(names).size).toBe(30);
    expect(names).toEqual(expect.arrayContaining(['cases', 'case_events', 'case_requests', 'outbox', 'tallies', 'members', 'settings']));
  });

  it('新环境里没有集合时存储读写失败（-502005），建好后可用', async () => {
    const db = new StrictCollectionsDb(new FakeCloudDb());
    const store = new CloudStore(db);
    await expect(seedDemoStreet(store, T0, 0)).rejects.toThrow(/-502005|not exist/);

    const first = await ensureCollections(db);
    expect(first.created.sort()).toEqual(cloudCollectionNames());
    expect(first.existing).toEqual([]);
    expect(first.failed).toEqual([]);
    await seedDemoStreet(store, T0, 0);
    expect(await store.countCases({})).toBe(0);
  });

  it('重复执行不出错：已有的集合认作已存在，不靠错误文字', async () => {
    const db = new StrictCollectionsDb(new FakeCloudDb(), ['cases', 'members']);
    const r = await ensureCollections(db);
    expect(r.existing.sort()).toEqual(['cases', 'members']);
    expect(r.created).toHaveLength(28);
    const again = await ensureCollections(db);
    expect(again.created).toEqual([]);
    expect(again.existing.sort()).toEqual(cloudCollectionNames());
  });

  it('建不了的集合如实报告', async () => {
    const db = new StrictCollectionsDb(new FakeCloudDb());
    db.createCollection = async () => {
      throw new Error('createCollection:fail permission denied');
    };
    const r = await ensureCollections(db, ['cases']);
    expect(r.failed).toEqual(['cases: createCollection:fail permission denied']);
  });

  it('云函数入口在首次调用时建好集合，之后的调用不再重复', async () => {
    resetCollectionsOnce();
    fake.db = new StrictCollectionsDb(new FakeCloudDb());
    const { main } = await import('../../cloudfunctions/resident/index');
    const r = (await main({ action: 'profile' })) as { ok: boolean; error?: { code: string } };
    expect(r.ok ? 'ok' : r.error!.code).toBe('ok');
    expect(fake.db.created.size).toBe(30);
    const calls = fake.db.createCalls.length;
    await main({ action: 'profile' });
    expect(fake.db.createCalls.length).toBe(calls);
  });

  it('部署后须手工完成的事项：每个索引一行，外加存储权限、密钥、接口权限、隐私指引', () => {
    const lines = manualSetup();
    expect(lines.filter((l) => l.includes('索引管理'))).toHaveLength(CLOUD_INDEXES.length);
    for (const i of CLOUD_INDEXES) expect(lines.some((l) => l.includes(`${i.collection} · ${i.name}`))).toBe(true);
    expect(lines.join('\n')).toMatch(/存储 → 权限设置：选「仅创建者可读写」/);
    expect(lines.join('\n')).toMatch(/UPLOAD_TAG_SECRET/);
    expect(lines.join('\n')).toMatch(/chooseLocation/);
    expect(lines.join('\n')).toMatch(/相册、摄像头、选择的位置信息/);
  });
});

describe('云函数读取的环境变量', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
    });
  const root = path.resolve(__dirname, '..', '..');
  const read = new Set<string>();
  for (const f of [...sources(path.join(root, 'backend')), ...sources(path.join(root, 'cloudfunctions'))]) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)|readVar\(\s*env\s*,\s*'([A-Z][A-Z0-9_]+)'/g)) read.add(m[1] ?? m[2]!);
  }

  it('部署输出列出的变量正是代码读取的变量', () => {
    expect(read.size).toBeGreaterThan(0);
    expect(CLOUD_FUNCTION_ENV.map((v) => v.name).sort()).toEqual([...read].sort());
  });

  it('每个变量都落在已有的云函数上', () => {
    const functions = readdirSync(path.join(root, 'cloudfunctions')).filter((n) =>
      statSync(path.join(root, 'cloudfunctions', n)).isDirectory(),
    );
    for (const v of CLOUD_FUNCTION_ENV) for (const f of v.functions) expect(functions).toContain(f);
  });
});
