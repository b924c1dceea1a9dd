/**
 * A reporter's reminders and supplements are bounded per case and day, and a burst of parallel
 * requests cannot pass the bound: 100 parallel 催办 → one reminder, one timeline event, one
 * notice; 100 parallel 补充 → three. Every refusal is a Chinese message and writes nothing.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { RESIDENT_DAILY } from '../../core/case-lifecycle';
import { BUILDING, P, REPAIR } from '../support/env';
import { call, cleanErrorProblem, login, startInProcessHost, type InProcessHost } from '../support/reliability-host';

/** Monday 2026-11-23 09:00 in China. */
const clock = { now: new Date('2026-11-23T01:00:00.000Z') };
let host: InProcessHost;
let token: string;

beforeAll(async () => {
  host = await startInProcessHost({ now: () => new Date(clock.now) });
  token = await login(host.url, P.resident);
});
afterAll(async () => {
  await host.close();
  rmSync(host.dataDir, { recursive: true, force: true });
});

/** What a case has written: timeline events by action, and outbox rows. */
async function counts(caseId: string): Promise<{ reminds: number; supplements: number; outbox: number }> {
  const events = await host.store.getTimeline(caseId);
  const db = new Database(host.dbFile, { readonly: true, fileMustExist: true });
  try {
    const outbox = (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE key LIKE ?').get(`${caseId}:%`) as { n: number }).n;
    return {
      reminds: events.filter((e) => e.action === 'remind').length,
      supplements: events.filter((e) => e.action === 'supplement').length,
      outbox,
    };
  } finally {
    db.close();
  }
}

async function submit(requestId: string): Promise<string> {
  const r = await call(
    host.url,
    'resident',
    'submitCase',
    { requestId, categoryId: REPAIR, buildingId: BUILDING, description: '三单元楼道灯坏了，晚上看不见', isPublic: true },
    token,
  );
  expect(r.status).toBe(200);
  return r.body.data.caseId as string;
}

describe('居民催办与补充的次数上限', () => {
  it('刚上报就催办：被拒（未到时限的八成），不写入', async () => {
    const caseId = await submit('bound-early-01');
    const before = await counts(caseId);
    const r = await call(host.url, 'resident', 'remindCase', { caseId }, token);
    expect(r.status).toBe(409);
    expect(r.body.error?.code).toBe('CASE.TOO_EARLY');
    expect(cleanErrorProblem(r)).toBeUndefined();
    expect(await counts(caseId)).toEqual(before);
  });

  it('100 个并发催办只成功 1 个；100 个并发补充只成功 3 个；其余是中文提示且不写入', async () => {
    const caseId = await submit('bound-burst-01');
    // 20 hours later the 24-hour response limit is past its 80 % reminder share.
    clock.now = new Date(clock.now.getTime() + 20 * 3_600_000);
    token = await login(host.url, P.resident); // host tokens live 12 hours
    const before = await counts(caseId);

    const reminds = await Promise.all(Array.from({ length: 100 }, () => call(host.url, 'resident', 'remindCase', { caseId }, token)));
    expect(reminds.filter((r) => r.body.ok)).toHaveLength(RESIDENT_DAILY.reminds);
    for (const r of reminds.filter((x) => !x.body.ok)) {
      expect(cleanErrorProblem(r)).toBeUndefined();
      expect(['RATE.LIMITED', 'CASE.CONFLICT']).toContain(r.body.error?.code);
    }
    expect(reminds.some((r) => r.body.error?.code === 'RATE.LIMITED' && /今天已经催办过了/.test(r.body.error.message))).toBe(true);

    const supplements = await Promise.all(
      Array.from({ length: 100 }, (_, k) => call(host.url, 'resident', 'supplementCase', { caseId, note: `补充第${k}条` }, token)),
    );
    expect(supplements.filter((r) => r.body.ok)).toHaveLength(RESIDENT_DAILY.supplements);
    for (const r of supplements.filter((x) => !x.body.ok)) {
      expect(cleanErrorProblem(r)).toBeUndefined();
      expect(['RATE.LIMITED', 'CASE.CONFLICT']).toContain(r.body.error?.code);
    }

    const after = await counts(caseId);
    expect(after.reminds - before.reminds).toBe(RESIDENT_DAILY.reminds);
    expect(after.supplements - before.supplements).toBe(RESIDENT_DAILY.supplements);
    // One notice to the holder per reminder and per supplement, nothing for the refused ones.
    expect(after.outbox - before.outbox).toBe(RESIDENT_DAILY.reminds + RESIDENT_DAILY.supplements);

    // The next China-local day opens the bound again.
    clock.now = new Date(clock.now.getTime() + 24 * 3_600_000);
    token = await login(host.url, P.resident);
    expect((await call(host.url, 'resident', 'remindCase', { caseId }, token)).body.ok).toBe(true);
    expect((await call(host.url, 'resident', 'supplementCase', { caseId, note: '第二天的补充' }, token)).body.ok).toBe(true);
  }, 60_000);
});
