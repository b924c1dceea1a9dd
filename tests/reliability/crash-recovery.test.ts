/**
 * Crash: the real host (`tsx host/main.ts`) takes a steady stream of 500 reports from 64 clients at
 * once, is killed with SIGKILL half way, restarts on the same data folder, and every client retries
 * what was not acknowledged with the same requestId. Afterwards the SQLite file is opened directly
 * and checked.
 *
 * The clients keep sending while the host is dead (they wait for the restart only after a failure),
 * so requests certainly die with it: with all 500 sent at once, the host could answer every one in
 * the group commit that was flushing at the kill, and nothing would be retried.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { DEFAULT_LIMITS, makeIdFactory } from '../../backend/deps';
import { FUNCTIONS } from '../../backend/functions';
import { tallyCases, periodOf } from '../../core/metrics';
import type { Case } from '../../core/model';
import { BUILDING, REPAIR } from '../support/env';
import { DB_FILE, freePort, login, post, sleep, spawnHost, tempDir, type ChildHost } from '../support/reliability-host';

const N = 500;
const KILL_AFTER = 150;
const CLIENTS = 64;
const RESIDENTS = [1, 2, 3, 4, 5, 6].map((i) => `demo-resident-${i}`);

interface Outcome {
  requestId: string;
  openid: string;
  caseId: string;
  replayed: boolean;
  attempts: number;
}

let dataDir: string;
let host: ChildHost | undefined;

afterAll(async () => {
  await host?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('崩溃恢复', () => {
  it('500 件并发提交时强杀服务，重启后用同一请求号重试：每件恰好一次，时间线、通知与统计都对得上', async () => {
    dataDir = tempDir('wuyuan-crash-');
    const port = await freePort();
    const env = { SUBMISSIONS_PER_DAY: '1000' };
    host = await spawnHost({ dataDir, port, env });
    const firstPid = host.proc.pid;
    const tokens = new Map<string, string>();
    for (const r of RESIDENTS) tokens.set(r, await login(host.url, r));

    // Clients wait on the gate after a failure; the gate closes at the kill and opens at the restart.
    let gate: Promise<void> = Promise.resolve();
    let restarted: Promise<void> | undefined;
    let acks = 0;
    let acksAtKill = 0;
    const refusals: string[] = [];
    const crash = () => {
      let open!: () => void;
      gate = new Promise((r) => (open = r));
      acksAtKill = acks;
      restarted = (async () => {
        await host!.kill();
        host = await spawnHost({ dataDir, port, env });
        open();
      })();
    };

    const client = async (i: number): Promise<Outcome> => {
      const openid = RESIDENTS[i % RESIDENTS.length]!;
      const requestId = `crash-${String(i).padStart(5, '0')}`;
      const body = {
        action: 'submitCase',
        requestId,
        categoryId: REPAIR,
        buildingId: BUILDING,
        description: `第${i}号：楼道灯坏了`,
        isPublic: true,
      };
      for (let attempt = 1; attempt <= 60; attempt++) {
        if (attempt > 1) await gate;
        try {
          const r = await post<{ caseId: string; replayed: boolean }>(
            `http://127.0.0.1:${port}`,
            '/api/resident',
            body,
            tokens.get(openid),
          );
          if (r.status === 200 && r.body.ok && r.body.data) {
            acks++;
            if (acks >= KILL_AFTER && !restarted) crash();
            return { requestId, openid, caseId: r.body.data.caseId, replayed: r.body.data.replayed, attempts: attempt };
          }
          refusals.push(`${requestId}: ${r.status} ${JSON.stringify(r.body.error)}`);
        } catch {
          // the connection died with the host: wait for the restart and send the same request again
        }
        await sleep(10 * Math.min(attempt, 10));
      }
      throw new Error(`${requestId} never acknowledged`);
    };

    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < N) outcomes.push(await client(next++));
      }),
    );
    await restarted;
    expect(host.proc.pid).not.toBe(firstPid);
    expect(refusals).toEqual([]);
    // The kill really happened in the middle: some acknowledged before, some retried after it.
    expect(acksAtKill).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acksAtKill).toBeLessThan(N);
    expect(outcomes.filter((o) => o.attempts > 1).length).toBeGreaterThan(0);

    // Tokens signed before the crash still work after it (the secret is in the data folder).
    const mine = await post<{ items: unknown[] }>(
      host.url,
      '/api/resident',
      { action: 'listMyCases', limit: 50 },
      tokens.get(RESIDENTS[0]!),
    );
    expect(mine.status).toBe(200);
    await host.stop();
    host = undefined;

    const store = SqliteStore.open(join(dataDir, DB_FILE));
    try {
      // Every acknowledged case exists, once, and belongs to its request.
      const ids = outcomes.map((o) => o.caseId);
      expect(new Set(ids).size).toBe(N);
      expect(await store.countCases({})).toBe(N);
      const cases = new Map<string, Case>();
      for (const o of outcomes) {
        expect(await store.findCaseIdByRequest(`${o.openid}:${o.requestId}`)).toBe(o.caseId);
        const c = await store.getCase(o.caseId);
        expect(c).toBeDefined();
        expect(c!.reporter.openid).toBe(o.openid);
        cases.set(c!.id, c!);
      }
      const all = [];
      for (let cursor: string | undefined, i = 0; i < 20; i++) {
        const page = await store.listCases({ limit: 200, ...(cursor ? { cursor } : {}) });
        all.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(all.map((c) => c.id).sort()).toEqual([...ids].sort());

      // Each timeline is whole: seq 1…lastSeq, opened by submit + auto_assign.
      for (const c of cases.values()) {
        const tl = await store.getTimeline(c.id);
        expect(tl.map((e) => e.seq)).toEqual(Array.from({ length: c.lastSeq }, (_, k) => k + 1));
        expect(tl.slice(0, 2).map((e) => e.action)).toEqual(['submit', 'auto_assign']);
        expect(c.status).toBe('assigned');
        expect(c.version).toBe(1);
      }

      // Every case's notices were queued with it, none twice.
      const outbox = await store.listOutbox();
      const seen = new Set<string>();
      for (const item of outbox) {
        const n = item.notice;
        expect(cases.has(n.caseId)).toBe(true);
        const what = `${n.caseId}|${n.kind}|${n.recipientOpenid}`;
        expect(seen.has(what)).toBe(false);
        seen.add(what);
      }
      for (const c of cases.values()) {
        expect(c.holder?.openid).toBeDefined();
        expect(seen.has(`${c.id}|task_new|${c.holder!.openid}`)).toBe(true);
      }

      // The board counters equal the cases.
      const months = [...new Set(all.map((c) => periodOf(c.createdAt, 'month')))].sort();
      const rows = await store.readTallies({ fromMonth: months[0]!, toMonth: months[months.length - 1]! });
      const fromRows = rows.reduce<Record<string, number>>((acc, r) => {
        for (const [k, v] of Object.entries(r.tally)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      }, {});
      expect(fromRows).toEqual({ ...tallyCases(all) });
      const now = new Date();
      const summary = await FUNCTIONS.board!.handle({ action: 'summary' }, undefined, {
        store,
        now: () => now,
        newId: makeIdFactory(() => now),
        limits: DEFAULT_LIMITS,
      });
      expect(summary.ok).toBe(true);
      const metrics = (summary as { data: { metrics: { received: number; open: number } } }).data.metrics;
      if (months.length === 1 && months[0] === periodOf(now.toISOString(), 'month')) {
        expect(metrics.received).toBe(N);
        expect(metrics.open).toBe(N);
      }
    } finally {
      await store.close();
    }
  }, 180_000);
});
