/**
 * The WAL is checkpointed by a worker thread, not inside a commit on the event loop
 * (`backend/store/sqlite/checkpointer.ts`): the writer's own automatic checkpoint waits for the
 * bound, the worker copies the WAL into the database while commits go on, and what was
 * acknowledged is in the file after the store is gone.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { WAL_BOUND_PAGES } from '../../backend/store/sqlite/checkpointer';
import { createChange, makeCase } from '../support/case-factory';

const until = async (ok: () => boolean, ms = 30_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

// A worker thread starts slowly on a machine busy with other tests.
jest.setTimeout(60_000);

describe('SqliteStore checkpoints the WAL on a worker thread', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wuyuan-checkpoint-'));
    file = join(dir, 'store.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('commits never checkpoint below the bound: with the worker stopped, the WAL keeps every frame', async () => {
    const store = SqliteStore.open(file);
    expect(store.connectionSettings().walAutocheckpointPages).toBe(WAL_BOUND_PAGES);
    await store.checkpointer!.stop();
    try {
      // Enough single commits to pass SQLite's default automatic checkpoint (1,000 pages) twice.
      let pages = 0;
      for (let i = 0; pages <= 2_000; i++) {
        expect((await store.commit(createChange(makeCase()))).ok).toBe(true);
        if (i % 50 === 49) pages = statSync(`${file}-wal`).size / 4096;
      }
      // Had a commit checkpointed at 1,000 pages, the WAL would have started again from its beginning.
      const db = new Database(file);
      const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
      db.close();
      expect(r!.log).toBeGreaterThan(2_000);
    } finally {
      await store.close();
    }
  });

  it('the worker copies the WAL into the database while commits go on, and every acknowledged case is kept', async () => {
    const store = SqliteStore.open(file);
    const ids: string[] = [];
    try {
      for (let round = 0; round < 6; round++) {
        const batch = Array.from({ length: 40 }, () => makeCase());
        const done = await Promise.all(batch.map((c) => store.commit(createChange(c))));
        for (const r of done) expect(r.ok).toBe(true);
        ids.push(...batch.map((c) => c.id));
        await new Promise((r) => setTimeout(r, 30));
      }
      // The worker reports each checkpoint that found frames; once nothing is written it catches up.
      await until(() => store.checkpointer!.last !== undefined && store.checkpointer!.last.checkpointed === store.checkpointer!.last.log);
      expect(store.checkpointer!.lastError).toBeUndefined();
      expect(store.checkpointer!.runs).toBeGreaterThan(0);
      expect(store.checkpointer!.last!.log).toBeGreaterThan(0);
      expect(store.checkpointer!.last!.checkpointed).toBe(store.checkpointer!.last!.log);
    } finally {
      await store.close();
    }
    // The last connection's close removes the WAL; the file alone holds every acknowledged case.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = SqliteStore.open(file);
    for (const id of ids) expect((await again.getCase(id))?.id).toBe(id);
    await again.close();
  });

  it('a store in memory has no worker', async () => {
    const store = SqliteStore.open(':memory:');
    expect(store.checkpointer).toBeUndefined();
    await store.close();
  });
});
