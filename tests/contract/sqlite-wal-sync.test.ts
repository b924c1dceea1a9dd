/**
 * No write on the SQLite store is acknowledged before its WAL frames are flushed to disk: the
 * flush (fdatasync, off the event loop) is held back here, and the commit must wait for it.
 */
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { createChange, makeCase, updateOf } from '../support/case-factory';

describe('SqliteStore acknowledges a write only once the WAL is on disk', () => {
  let dir: string;
  let held: (() => void)[];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wuyuan-walsync-'));
    held = [];
    // Each flush completes only when the test releases it.
    spy = jest.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
      held.push(() => fs.fdatasyncSync(fd) === undefined && cb(null));
    }) as typeof fs.fdatasync);
  });
  afterEach(() => {
    spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  const tick = () => new Promise((r) => setImmediate(r));
  const release = () => held.splice(0).forEach((go) => go());

  it('a new case, an update and a side write wait for their flush; concurrent ones share it', async () => {
    const store = SqliteStore.open(join(dir, 'store.sqlite'));
    const cases = Array.from({ length: 10 }, () => makeCase());
    let answered = 0;
    const commits = cases.map((c) => store.commit(createChange(c)).then((r) => (answered++, r)));
    for (let i = 0; i < 5; i++) await tick();
    expect(answered).toBe(0); // committed in SQLite, not yet flushed: not acknowledged
    expect(held.length).toBe(1); // one flush for the whole group
    // The case is written (the flush is what is held back), so a read in the same process sees it.
    expect(await store.getCase(cases[0]!.id)).toBeDefined();
    release();
    for (const r of await Promise.all(commits)) expect(r.ok).toBe(true);
    expect(answered).toBe(10);

    let updated = false;
    const update = store.commit(updateOf(cases[0]!, { severity: 'major' }).change).then((r) => ((updated = true), r));
    let saved = false;
    const side = store.addSubscriptionQuota('res-1', 'tpl', 2).then(() => (saved = true));
    for (let i = 0; i < 5; i++) await tick();
    expect([updated, saved]).toEqual([false, false]);
    release();
    for (let i = 0; i < 5 && !(updated && saved); i++) {
      await tick();
      release(); // the side write may need a flush of its own, started after the first
    }
    expect((await update).ok).toBe(true);
    await side;
    expect([updated, saved]).toEqual([true, true]);

    const closing = store.close();
    for (let i = 0; i < 5; i++) {
      await tick();
      release();
    }
    await closing;
  });
  it('cases filed while a group is being flushed wait and are written together in the next group', async () => {
    const store = SqliteStore.open(join(dir, 'store.sqlite'));
    const first = makeCase();
    const firstDone = store.commit(createChange(first));
    for (let i = 0; i < 3; i++) await tick();
    expect(held.length).toBe(1); // the first group's flush is on the disk (held)
    // Twenty more cases arrive, one per event-loop turn, while that flush runs.
    const later = Array.from({ length: 20 }, () => makeCase());
    const laterDone: Promise<unknown>[] = [];
    for (const c of later) {
      laterDone.push(store.commit(createChange(c)));
      await tick();
    }
    // None of them is written yet: they gather instead of committing one small group per turn.
    for (const c of later) expect(await store.getCase(c.id)).toBeUndefined();
    expect(held.length).toBe(1);
    release();
    expect(((await firstDone) as { ok: boolean }).ok).toBe(true);
    for (let i = 0; i < 3; i++) await tick();
    // All twenty went in one transaction, so one flush covers them.
    for (const c of later) expect(await store.getCase(c.id)).toBeDefined();
    expect(held.length).toBe(1);
    release();
    for (const r of (await Promise.all(laterDone)) as { ok: boolean }[]) expect(r.ok).toBe(true);
    const closing = store.close();
    for (let i = 0; i < 5; i++) {
      await tick();
      release();
    }
    await closing;
  });
});
