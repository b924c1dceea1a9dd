/**
 * Timers: two ticks at once over ~50 due cases (overdue marking, automatic escalation, reminders,
 * auto-close) do what one tick at a time does — nothing twice. The same story runs in two worlds,
 * one with a single tick per step and one with two concurrent ticks, and the results must agree.
 */
import { runTimerTick, type TickReport } from '../../backend/functions/timer';
import { TEMPLATE_SETTING_ID } from '../../backend/notify/dispatcher';
import { invalidateDirectory } from '../../backend/services/directory';
import type { Case, CaseEvent } from '../../core/model';
import { BUILDING, DAY, HOUR, makeEnv, NEIGHBOUR_DISPUTE, P, REPAIR, type TestEnv } from '../support/env';
import { ALL_TEMPLATES, chaosChannel, countBy, jittered, type SendRecord } from '../support/reliability-notify';
import { prng } from '../support/reliability-host';

const CASES = 50;
const PHOTO = 'a1b2c3d4e5f6a7b8.jpg';
/** When the ticks run, from the start: reminders, response overdue, resolution overdue, rating window, street level. */
const STEPS = [20 * HOUR, 24 * HOUR + 1000, 3 * DAY, 5 * DAY, 8 * DAY, 12 * DAY, 20 * DAY, 40 * DAY];
const ALWAYS_OK = { ok: 1, thrown: 0, minusOne: 0, noQuota: 0, other: 0 };

interface World {
  env: TestEnv;
  ids: string[];
  reports: TickReport[];
  ledger: SendRecord[];
}

async function buildWorld(): Promise<World> {
  const env = await makeEnv({ limits: { submissionsPerDay: 1000 } });
  await env.store.putRef('settings', { id: TEMPLATE_SETTING_ID, value: ALL_TEMPLATES });
  invalidateDirectory(env.store);
  const ids: string[] = [];
  for (let i = 0; i < CASES; i++) {
    // Two communities: 渝园 (三日办结, escalates by itself) and 兴隆 (5341, minutes and hours).
    const xinglong = i % 4 === 3;
    const dispute = i % 7 === 0;
    const { caseId } = await env.ok<{ caseId: string }>('resident', i % 2 ? P.resident : P.resident2, 'submitCase', {
      requestId: `timer-${String(i).padStart(5, '0')}`,
      categoryId: dispute ? NEIGHBOUR_DISPUTE : REPAIR,
      buildingId: xinglong ? 'sf-xinglong-g1-b1' : BUILDING,
      description: `定时任务第${i}件`,
      isPublic: true,
    });
    ids.push(caseId);
    const holder = xinglong ? (dispute ? 'demo-21-resident-leader' : 'demo-21-building-steward') : dispute ? P.leader11 : P.steward11;
    if (i % 5 >= 2) await env.ok('member', holder, 'acceptCase', { caseId });
    if (i % 5 === 4) await env.ok('member', holder, 'resolveCase', { caseId, result: `已处理${i}`, photos: [PHOTO] });
    env.advance(60_000);
  }
  // Plenty of subscribe quota: every notice may also go out as a WeChat message.
  for (const openid of new Set(
    (await env.store.listOutbox()).map((o) => o.notice.recipientOpenid).concat([P.admin1, 'demo-admin-2', P.street]),
  ))
    for (const def of Object.values(ALL_TEMPLATES)) await env.store.addSubscriptionQuota(openid, def!.templateId, 1000);
  return { env, ids, reports: [], ledger: [] };
}

/** Moves through the steps; at each, `parallel` ticks at once, three times over so every chain settles. */
async function run(world: World, parallel: number): Promise<void> {
  const start = world.env.clock.now.getTime();
  let channel = 0;
  for (const at of STEPS) {
    world.env.clock.now = new Date(start + at);
    for (let pass = 0; pass < 3; pass++) {
      const ticks = Array.from({ length: parallel }, (_, k) => {
        // With company, each tick pauses at random and the second walks the due cases backwards.
        const store = parallel > 1 ? jittered(world.env.store, prng(1000 + channel), { reverseDue: k % 2 === 1 }) : world.env.store;
        const c = chaosChannel(store, prng(++channel), world.ledger, ALWAYS_OK);
        return runTimerTick({ ...world.env.deps, store: c.store }, c.sender);
      });
      world.reports.push(...(await Promise.all(ticks)));
    }
  }
}

const view = (e: CaseEvent) => `${e.seq} ${e.action} ${e.toStatus} ${e.note ?? ''}`;

async function snapshot(world: World) {
  const cases: Case[] = [];
  const timelines: string[][] = [];
  for (const id of world.ids) {
    cases.push((await world.env.store.getCase(id))!);
    timelines.push((await world.env.store.getTimeline(id)).map(view));
  }
  const outbox = await world.env.store.listOutbox();
  return { cases, timelines, outbox };
}

const sum = (reports: TickReport[], k: 'reminded' | 'overdue' | 'autoClosed') => reports.reduce((n, r) => n + r[k], 0);

describe('定时任务并发', () => {
  let single: World;
  let double: World;
  afterAll(async () => {
    await single?.env.close();
    await double?.env.close();
  });

  it('两个定时任务同时处理约 50 件到期诉求：超时、自动吹哨、催办、自动办结与通知都不重复', async () => {
    single = await buildWorld();
    double = await buildWorld();
    expect(double.ids).toEqual(single.ids);
    await run(single, 1);
    await run(double, 2);
    const a = await snapshot(single);
    const b = await snapshot(double);

    // The clock did real work in this story.
    const actions = countBy(
      b.timelines.flat().map((l) => l.split(' ')[1]!),
      (x) => x,
    );
    for (const act of ['remind', 'mark_overdue', 'escalate', 'auto_close']) expect(actions.get(act) ?? 0).toBeGreaterThan(0);
    expect(sum(double.reports, 'overdue')).toBeGreaterThan(10);
    expect(sum(double.reports, 'autoClosed')).toBeGreaterThan(5);

    // Two at once did exactly what one at a time did: the same events, cases and notices.
    expect(b.timelines).toEqual(a.timelines);
    expect(b.cases).toEqual(a.cases);
    expect(b.outbox.map((o) => o.notice.key).sort()).toEqual(a.outbox.map((o) => o.notice.key).sort());
    for (const k of ['reminded', 'overdue', 'autoClosed'] as const) expect(sum(double.reports, k)).toBe(sum(single.reports, k));
    // Both ticks of a pair did part of the work: they really ran over the same cases at once.
    const pairs = Array.from({ length: double.reports.length / 2 }, (_, i) => [double.reports[2 * i]!, double.reports[2 * i + 1]!]);
    const work = (r: TickReport) => r.reminded + r.overdue + r.autoClosed;
    expect(pairs.some(([x, y]) => work(x!) > 0 && work(y!) > 0)).toBe(true);
    expect(pairs.some(([x, y]) => x!.looked > 0 && x!.looked === y!.looked)).toBe(true);

    for (const [i, c] of b.cases.entries()) {
      const tl = b.timelines[i]!;
      const count = (act: string) => tl.filter((l) => l.split(' ')[1] === act).length;
      // Never two overdue marks for one deadline, never a second auto-close; the timeline is whole.
      const marks = tl.filter((l) => l.split(' ')[1] === 'mark_overdue').map((l) => l.split(' ').slice(3).join(' '));
      expect(new Set(marks).size).toBe(marks.length);
      expect(count('auto_close')).toBeLessThanOrEqual(1);
      expect(tl.map((l) => Number(l.split(' ')[0]))).toEqual(Array.from({ length: c.lastSeq }, (_, k) => k + 1));
      // Each timer event notified its people once: the notices of the case per kind and recipient are unique per event.
      const notices = b.outbox.filter((o) => o.notice.caseId === c.id).map((o) => o.notice);
      const perEvent = countBy(notices, (n) => `${n.key.split(':').slice(0, 2).join(':')}|${n.kind}|${n.recipientOpenid}`);
      for (const n of perEvent.values()) expect(n).toBe(1);
      expect(notices.filter((n) => n.kind === 'task_overdue').length).toBeLessThanOrEqual(count('mark_overdue'));
    }

    // Every notice reached the message centre once and went out on WeChat at most once.
    expect(b.outbox.every((o) => o.status === 'sent')).toBe(true);
    const sends = countBy(double.ledger, (r) => r.key ?? '?');
    expect(sends.has('?')).toBe(false);
    for (const n of sends.values()) expect(n).toBe(1);
    expect(double.ledger.length).toBe(single.ledger.length);
    const inboxIds: string[] = [];
    for (const openid of new Set(b.outbox.map((o) => o.notice.recipientOpenid)))
      inboxIds.push(...(await double.env.store.listInbox(openid, 10_000)).map((m) => m.id));
    expect(inboxIds.sort()).toEqual(b.outbox.map((o) => o.notice.key).sort());
  }, 120_000);
});
