/**
 * Seeding the benchmark's synthetic history (`bench/synthetic.ts`): rows built on worker threads
 * and inserted by `importRows` must leave the database exactly as the reference path leaves it —
 * items built on the main thread and written by `importCases` — in every table, counters included,
 * with the same indexes and the settings of an ordinary store afterwards; and the store must then
 * work as usual (a resident submits, the lists find the new case and the seeded ones).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { importRowsOf } from '../../backend/store/sqlite/bulk-import';
import { DEFAULT_LIMITS, makeIdFactory, type Deps } from '../../backend/deps';
import { FUNCTIONS } from '../../backend/functions';
import { caseShapes, importSynthetic, type SeedOptions } from '../../bench/synthetic';
import { syntheticItems } from '../../bench/synthetic-items';
import { BUILDING, REPAIR } from '../support/env';
import { TALLY_KEYS, tallyCases } from '../../core/metrics';
import type { Case } from '../../core/model';
import { tallyColumnOf } from '../../backend/store/cursor';

const NOW = new Date('2026-06-01T02:00:00.000Z');
// Not a multiple of any statement's rows, in several batches: every partial statement and batch runs.
const COUNT = 2_011;
const BATCH = 300;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seed-synthetic-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A demo street with `COUNT` synthetic cases seeded the given way, in a file of its own. */
async function seeded(name: string, options: SeedOptions): Promise<string> {
  const file = join(dir, `${name}.sqlite`);
  const store = SqliteStore.open(file);
  await seedDemoStreet(store, NOW, 0);
  const settings = settingsOf(store);
  await importSynthetic(store, await caseShapes(store, NOW), COUNT, NOW, { batch: BATCH, ...options });
  // Nothing the import switched on stays on: the store runs as it did before.
  expect(settingsOf(store)).toEqual(settings);
  await store.close();
  return file;
}

const SETTINGS = ['journal_mode', 'synchronous', 'foreign_keys', 'wal_autocheckpoint', 'cache_size', 'mmap_size', 'threads'];
function settingsOf(store: SqliteStore): Record<string, unknown> {
  const db = (store as unknown as { db: Database.Database }).db;
  return Object.fromEntries(SETTINGS.map((k) => [k, db.pragma(k, { simple: true })]));
}

/** Every table's rows in key order, the schema (indexes included) and the settings a store runs with. */
function contentOf(file: string): Record<string, unknown> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
      (t) => t.name,
    );
    const out: Record<string, unknown> = {
      schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
    };
    for (const t of tables) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY ${orderOf(db, t)}`).all();
    return out;
  } finally {
    db.close();
  }
}

const orderOf = (db: Database.Database, table: string): string =>
  (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).join(', ');

describe('seeding the synthetic history', () => {
  let reference: Record<string, unknown>;
  beforeAll(async () => {
    reference = contentOf(await seeded('reference', { workers: 0 }));
  });

  it('has every case with its timeline and counters, and its list indexes back', async () => {
    const memory = SqliteStore.open(':memory:');
    await seedDemoStreet(memory, NOW, 0);
    const items = syntheticItems(await caseShapes(memory, NOW), { count: COUNT, days: 365, prefix: 'B' }, 0, COUNT);
    await memory.close();
    const cases = (reference.cases as { id: string; json: string }[]).filter((c) => /^B\d{9}$/.test(c.id));
    expect(cases.map((c) => JSON.parse(c.json) as unknown)).toEqual(items.map((it) => JSON.parse(JSON.stringify(it.case)) as unknown));
    const events = (reference.events as { case_id: string }[]).filter((e) => /^B\d{9}$/.test(e.case_id));
    expect(events).toHaveLength(items.reduce((n, it) => n + it.events.length, 0));
    // The counters are the sums of every stored case's tally (the board reads them).
    const all = (reference.cases as { json: string }[]).map((c) => JSON.parse(c.json) as Case);
    const sums = tallyCases(all);
    const rows = reference.tallies as Record<string, number>[];
    for (const k of TALLY_KEYS) expect([k, rows.reduce((n, r) => n + r[tallyColumnOf(k)]!, 0)]).toEqual([k, sums[k]]);
    expect(sums.received).toBe(all.length);
    const indexes = (reference.schema as { type: string; name: string }[]).filter((o) => o.type === 'index').map((o) => o.name);
    expect(indexes).toEqual(expect.arrayContaining(['cases_reporter', 'cases_holder', 'cases_public', 'cases_community_category']));
    expect(reference.set_aside_indexes).toEqual([]);
  });

  it.each([
    ['one worker', { workers: 1 }],
    ['two workers', { workers: 2 }],
  ])('with %s leaves the same database as the main-thread path', async (name, options) => {
    expect(contentOf(await seeded(name.replace(' ', '-'), options))).toEqual(reference);
  });

  it('leaves the store working: a resident submits, the lists find the new case and the seeded ones', async () => {
    const file = await seeded('in-use', { workers: 1 });
    const store = SqliteStore.open(file);
    try {
      const deps: Deps = { store, now: () => NOW, newId: makeIdFactory(() => NOW), limits: DEFAULT_LIMITS };
      const call = async <T>(fn: string, openid: string | undefined, action: string, params: Record<string, unknown> = {}): Promise<T> => {
        const r = await FUNCTIONS[fn]!.handle({ action, ...params }, openid, deps);
        if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.message}`);
        return r.data as T;
      };
      const { caseId } = await call<{ caseId: string }>('resident', 'demo-resident-1', 'submitCase', {
        requestId: 'seeded-then-submit',
        categoryId: REPAIR,
        buildingId: BUILDING,
        description: '种子数据之后提交：楼道灯坏了',
        isPublic: true,
      });
      type Page = { items: { id: string }[] };
      const mine = await call<Page>('resident', 'demo-resident-1', 'listMyCases', {});
      expect(mine.items[0]!.id).toBe(caseId);
      const seededMine = await call<Page>('resident', 'bench-resident-7', 'listMyCases', {});
      expect(seededMine.items.length).toBeGreaterThan(0);
      expect(seededMine.items.every((c) => /^B\d{9}$/.test(c.id))).toBe(true);
      const board = await call<Page>('board', undefined, 'listCases', {});
      expect(board.items.map((c) => c.id)).toContain(caseId);
    } finally {
      await store.close();
    }
  });
});

describe('SqliteStore.importRows', () => {
  it('refuses a case already stored, and rows of the wrong shape, writing nothing', async () => {
    const store = SqliteStore.open(':memory:');
    try {
      await seedDemoStreet(store, NOW, 0);
      const shapes = await caseShapes(store, NOW);
      const items = syntheticItems(shapes, { count: 10, days: 30, prefix: 'R' }, 0, 10);
      const rows = importRowsOf(items, true);
      if (!rows.ok) throw new Error(rows.error.message);
      expect(await store.importRows(rows.value)).toEqual({ ok: true, value: { cases: 10, events: expect.any(Number) } });
      const again = await store.importRows(rows.value);
      expect(!again.ok && again.error.code).toBe('CASE.CONFLICT');
      const bad = await store.importRows({ ...rows.value, caseValues: rows.value.caseValues.slice(1) });
      expect(!bad.ok && bad.error.code).toBe('INTERNAL');
      const stored = await Promise.all(items.map((it) => store.getCase(it.case.id)));
      expect(stored).toEqual(items.map((it) => it.case));
      expect(await store.getTimeline(items[3]!.case.id)).toEqual(items[3]!.events);
    } finally {
      await store.close();
    }
  });

  it('is built from checked items: events of another case are refused', async () => {
    const store = SqliteStore.open(':memory:');
    try {
      await seedDemoStreet(store, NOW, 0);
      const [a, b] = syntheticItems(await caseShapes(store, NOW), { count: 2, days: 30, prefix: 'X' }, 0, 2);
      const r = importRowsOf([{ case: a!.case, events: b!.events }], false);
      expect(!r.ok && r.error.code).toBe('INTERNAL');
    } finally {
      await store.close();
    }
  });
});
