/**
 * Races over real HTTP against an in-process host: actions that exclude each other fired at once on
 * one case end in one consistent outcome, and a case's version only ever grows.
 */
import { RESIDENT_DAILY } from '../../core/case-lifecycle';
import { rmSync } from 'node:fs';
import type { CaseAction } from '../../core/model';
import { BUILDING, P, REPAIR } from '../support/env';
import { call, login, prng, startInProcessHost, type InProcessHost, type Reply } from '../support/reliability-host';

let host: InProcessHost;
const tokens: Record<string, string> = {};
/** An after-photo the steward really uploaded (a photo must be the caller's own upload). */
let PHOTO = '';

beforeAll(async () => {
  host = await startInProcessHost({ submissionsPerDay: 500 });
  for (const who of [
    P.resident,
    P.steward11,
    P.admin1,
    'demo-resident-3',
    'demo-resident-4',
    'demo-resident-5',
    'demo-resident-6',
    P.resident2,
  ])
    tokens[who] = await login(host.url, who);
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')], { type: 'image/png' }), 'after.png');
  const res = await fetch(`${host.url}/api/upload`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${tokens[P.steward11]}` },
  });
  PHOTO = ((await res.json()) as { data: { fileId: string } }).data.fileId;
});
afterAll(async () => {
  await host.close();
  rmSync(host.dataDir, { recursive: true, force: true });
});

let seq = 0;
async function processingCase(): Promise<string> {
  seq++;
  const r = await call(
    host.url,
    'resident',
    'submitCase',
    {
      requestId: `race-${String(seq).padStart(6, '0')}`,
      categoryId: REPAIR,
      buildingId: BUILDING,
      description: `竞态第${seq}件：楼道灯坏了`,
      isPublic: true,
    },
    tokens[P.resident],
  );
  expect(r.status).toBe(200);
  const caseId = r.body.data.caseId as string;
  expect((await call(host.url, 'member', 'acceptCase', { caseId }, tokens[P.steward11])).body.ok).toBe(true);
  return caseId;
}

interface Shot {
  name: string;
  event: CaseAction;
  fire: () => Promise<Reply>;
}

function shuffle<T>(items: T[], rnd: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Fires the shots at once and checks what every race must give: clean refusals, version += successes, one event each. */
async function race(caseId: string, shots: Shot[]) {
  const before = (await host.store.getCase(caseId))!;
  const replies = await Promise.all(shots.map((s) => s.fire()));
  const after = (await host.store.getCase(caseId))!;
  const timeline = await host.store.getTimeline(caseId);
  const wins = shots.filter((_, i) => replies[i]!.body.ok);
  for (const r of replies) {
    if (r.body.ok) continue;
    // A lost race, or a reporter's daily bound on reminders and supplements.
    expect(`${r.status} ${r.body.error?.code}`).toMatch(/^(409 CASE\.(CONFLICT|INVALID_TRANSITION|TOO_EARLY)|429 RATE\.LIMITED)$/);
  }
  expect(after.version).toBe(before.version + wins.length);
  // The versions the winners were told are distinct and are exactly the new ones.
  const told = replies
    .map((r) => (r.body.ok ? (r.body.data as { version?: unknown }).version : undefined))
    .filter((v): v is number => typeof v === 'number');
  expect(new Set(told).size).toBe(told.length);
  for (const v of told) expect(v > before.version && v <= after.version).toBe(true);
  // The timeline stays contiguous and holds one event per success, nothing else.
  expect(timeline.map((e) => e.seq)).toEqual(Array.from({ length: after.lastSeq }, (_, k) => k + 1));
  const added = timeline.slice(before.lastSeq).map((e) => e.action);
  expect([...added].sort()).toEqual(wins.map((w) => w.event).sort());
  return { wins: wins.map((w) => w.name), added, after };
}

describe('并发竞态', () => {
  it('处理中的诉求同时被撤回、办结与评价：只有一种结局，状态、版本与时间线一致', async () => {
    const rnd = prng(7);
    for (let round = 0; round < 12; round++) {
      const caseId = await processingCase();
      const shots: Shot[] = [];
      for (let k = 0; k < 4; k++) {
        shots.push({
          name: 'withdraw',
          event: 'withdraw',
          fire: () => call(host.url, 'resident', 'withdrawCase', { caseId, reason: '不需要了' }, tokens[P.resident]),
        });
        shots.push({
          name: 'resolve',
          event: 'resolve',
          fire: () => call(host.url, 'member', 'resolveCase', { caseId, result: '已更换灯泡', photos: [PHOTO] }, tokens[P.steward11]),
        });
        shots.push({
          name: 'rate',
          event: 'rate',
          fire: () => call(host.url, 'resident', 'rateCase', { caseId, rating: 'satisfied' }, tokens[P.resident]),
        });
      }
      const { wins, added, after } = await race(caseId, shuffle(shots, rnd));
      const w = wins.filter((x) => x === 'withdraw').length;
      const r = wins.filter((x) => x === 'resolve').length;
      const t = wins.filter((x) => x === 'rate').length;
      // Withdraw and resolve exclude each other; one of them wins; a rating only follows a resolution.
      expect(w + r).toBe(1);
      expect(t).toBeLessThanOrEqual(r);
      if (w === 1) {
        expect(after.status).toBe('withdrawn');
        expect(added).toEqual(['withdraw']);
      } else if (t === 1) {
        expect(after.status).toBe('closed');
        expect(added).toEqual(['resolve', 'rate']);
      } else {
        expect(after.status).toBe('resolved');
        expect(added).toEqual(['resolve']);
      }
      // The notices follow the one outcome: no "cancelled" for a resolved case, no "resolved" for a withdrawn one.
      const kinds = (await host.store.listOutbox()).filter((o) => o.notice.caseId === caseId).map((o) => o.notice.kind);
      expect(kinds.includes('task_cancelled')).toBe(w === 1);
      expect(kinds.includes('case_resolved')).toBe(r === 1);
    }
  }, 60_000);

  it('待评价的诉求同时收到满意、不满意、补充与督办：只有一个评价生效', async () => {
    const rnd = prng(11);
    for (let round = 0; round < 8; round++) {
      const caseId = await processingCase();
      expect(
        (await call(host.url, 'member', 'resolveCase', { caseId, result: '已修好', photos: [PHOTO] }, tokens[P.steward11])).body.ok,
      ).toBe(true);
      const shots: Shot[] = [];
      for (let k = 0; k < 3; k++) {
        shots.push({
          name: 'satisfied',
          event: 'rate',
          fire: () => call(host.url, 'resident', 'rateCase', { caseId, rating: 'satisfied' }, tokens[P.resident]),
        });
        shots.push({
          name: 'unsatisfied',
          event: 'rate',
          fire: () => call(host.url, 'resident', 'rateCase', { caseId, rating: 'unsatisfied', comment: '灯还是不亮' }, tokens[P.resident]),
        });
        shots.push({
          name: 'supplement',
          event: 'supplement',
          fire: () => call(host.url, 'resident', 'supplementCase', { caseId, note: `补充${k}` }, tokens[P.resident]),
        });
      }
      shots.push({
        name: 'supervise',
        event: 'supervise',
        fire: () => call(host.url, 'admin', 'superviseCase', { caseId, reason: '群众关注' }, tokens[P.admin1]),
      });
      const { wins, after } = await race(caseId, shuffle(shots, rnd));
      const sat = wins.filter((x) => x === 'satisfied').length;
      const unsat = wins.filter((x) => x === 'unsatisfied').length;
      expect(sat + unsat).toBe(1);
      if (sat) {
        expect(after.status).toBe('closed');
        expect(after.rating?.value).toBe('satisfied');
        expect(after.reworkCount).toBe(0);
      } else {
        expect(after.status).toBe('processing');
        expect(after.reworkCount).toBe(1);
        expect(after.rating?.value).toBe('unsatisfied');
      }
    }
  }, 60_000);

  it('混合操作的并发冲击下，版本号只增不减，每个成功对应一个新版本', async () => {
    const caseId = await processingCase();
    const start = (await host.store.getCase(caseId))!;
    const shots: Shot[] = [];
    for (let k = 0; k < 25; k++) {
      shots.push({
        name: 'supplement',
        event: 'supplement',
        fire: () => call(host.url, 'resident', 'supplementCase', { caseId, note: `补充说明${k}` }, tokens[P.resident]),
      });
      shots.push({
        name: 'progress',
        event: 'progress',
        fire: () => call(host.url, 'member', 'addProgress', { caseId, note: `进展${k}` }, tokens[P.steward11]),
      });
    }
    for (let k = 0; k < 8; k++)
      shots.push({ name: 'remind', event: 'remind', fire: () => call(host.url, 'resident', 'remindCase', { caseId }, tokens[P.resident]) });
    for (const r of [P.resident2, 'demo-resident-3', 'demo-resident-4', 'demo-resident-5', 'demo-resident-6'])
      shots.push({ name: 'support', event: 'support', fire: () => call(host.url, 'resident', 'supportCase', { caseId }, tokens[r]) });
    for (let k = 0; k < 8; k++)
      shots.push({
        name: 'severity',
        event: 'set_severity',
        fire: () => call(host.url, 'admin', 'setSeverity', { caseId, severity: k % 2 ? 'simple' : 'complex' }, tokens[P.admin1]),
      });

    // Sample the version while the burst runs, through HTTP and straight from the store.
    const samples: number[] = [];
    let running = true;
    const sampler = (async () => {
      while (running) {
        const r = await call(host.url, 'admin', 'getCase', { caseId }, tokens[P.admin1]);
        samples.push(r.body.data.case.version as number);
        samples.push((await host.store.getCase(caseId))!.version);
      }
    })();
    const burst = race(caseId, shuffle(shots, prng(3)));
    let outcome: Awaited<typeof burst>;
    try {
      outcome = await burst;
    } finally {
      running = false;
      await sampler;
    }
    expect(samples.length).toBeGreaterThan(2);
    for (let i = 1; i < samples.length; i++) expect(samples[i]!).toBeGreaterThanOrEqual(samples[i - 1]!);
    expect(samples[0]!).toBeGreaterThanOrEqual(start.version);
    expect(samples[samples.length - 1]!).toBeLessThanOrEqual(outcome.after.version);
    // Commutative actions retry on conflict, so all of them land, up to the reporter's daily bound
    // for supplements (reminders wait for 80 % of the limit); a support counts each resident once.
    expect(outcome.wins.filter((w) => w === 'supplement')).toHaveLength(RESIDENT_DAILY.supplements);
    expect(outcome.wins.filter((w) => w === 'remind')).toHaveLength(0);
    expect(outcome.wins.filter((w) => w === 'progress')).toHaveLength(25);
    expect(outcome.wins.filter((w) => w === 'support')).toHaveLength(5);
    expect(outcome.after.supportCount).toBe(5);
    expect(new Set(outcome.after.supporters).size).toBe(5);
  }, 60_000);
});
