/**
 * The SQLite store keeps reference documents in memory once read (`sqlite/ref-cache.ts`): a change
 * must still be seen at once — made through this store, or by another process on the same file —
 * and nothing a caller does to a document it got may reach the next caller.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../backend/store/sqlite-store';
import type { Grid } from '../../backend/store/ref-docs';

const grid = (id: string, name: string, active = true): Grid => ({
  id,
  streetId: 's-1',
  communityId: 'c-1',
  name,
  households: 300,
  active,
});

describe('SqliteStore reference documents kept in memory', () => {
  let dir: string;
  let file: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wuyuan-refcache-'));
    file = join(dir, 'store.sqlite');
    store = SqliteStore.open(file);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees a change made by this store at once, by id and in lists', async () => {
    await store.putRef('grids', grid('g-1', '一网格'));
    await store.putRef('grids', grid('g-2', '二网格'));
    expect((await store.getRef('grids', 'g-1'))?.name).toBe('一网格');
    expect((await store.listRef('grids', { active: true })).map((g) => g.id)).toEqual(['g-1', 'g-2']);
    await store.putRef('grids', grid('g-1', '第一网格', false));
    expect((await store.getRef('grids', 'g-1'))?.name).toBe('第一网格');
    expect((await store.listRef('grids', { active: true })).map((g) => g.id)).toEqual(['g-2']);
    expect((await store.listRef('grids')).map((g) => g.name)).toEqual(['第一网格', '二网格']);
  });

  it('sees a change another process committed to the same file', async () => {
    await store.putRef('grids', grid('g-1', '一网格'));
    await store.putRef('accounts', { id: 'u-1', openid: 'u-1', name: '张三', roles: [], createdAt: '2026-12-01T00:00:00.000Z' });
    expect((await store.listRef('grids')).map((g) => g.name)).toEqual(['一网格']);
    expect((await store.getRef('accounts', 'u-1'))?.name).toBe('张三');
    // Another connection, as another process would: it writes the table directly.
    const other = new Database(file);
    other.pragma('busy_timeout = 5000');
    other.prepare("UPDATE refs SET json = json_set(json, '$.name', '改名网格') WHERE kind = 'grids' AND id = 'g-1'").run();
    other.prepare("UPDATE refs SET json = json_set(json, '$.name', '李四') WHERE kind = 'accounts' AND id = 'u-1'").run();
    other.close();
    expect((await store.listRef('grids')).map((g) => g.name)).toEqual(['改名网格']);
    expect((await store.getRef('accounts', 'u-1'))?.name).toBe('李四');
  });

  it('hands each caller its own copy', async () => {
    await store.putRef('grids', grid('g-1', '一网格'));
    const a = (await store.getRef('grids', 'g-1'))!;
    a.name = '被调用方改掉';
    const [b] = await store.listRef('grids');
    b!.households = 1;
    expect(await store.getRef('grids', 'g-1')).toEqual(grid('g-1', '一网格'));
    expect(await store.listRef('grids')).toEqual([grid('g-1', '一网格')]);
  });
});
