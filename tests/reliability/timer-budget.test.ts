/**
 * The timer within a cloud function's time. On the cloud double with 10 ms per database call (the
 * time is modelled, not waited for), a backlog of 250 due cases and their notices is worked off
 * over several ticks: each tick stops inside its budget, well under the timeout `config.json`
 * sets, and the next continues where it stopped; nothing is done twice or left behind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTimerTick, TICK_BUDGET_MS, TIMER_TIMEOUT_S, type TickReport } from '../../backend/functions/timer';
import { TEMPLATE_SETTING_ID } from '../../backend/notify/dispatcher';
import { invalidateDirectory } from '../../backend/services/directory';
import { fileDueCases, makeCloudWorld, type CloudWorld } from '../support/cloud-world';
import { FakeSubscribeSender } from '../support/fake-subscribe-sender';
import { ALL_TEMPLATES } from '../support/reliability-notify';

const LATENCY_MS = 10;
/** A cold start and the directory's first load come before the tick's clock starts. */
const COLD_START_MS = 5_000;
/** A budget a backlog of 250 cases does not fit in. */
const BACKLOG_BUDGET_MS = 5_000;
const T0 = new Date('2026-11-23T01:00:00.000Z');

/** The timeout of a cloud function: its `config.json`, else WeChat's default of 3 s. */
function timeoutMs(fn: string): number {
  const config = JSON.parse(readFileSync(join(__dirname, '../../cloudfunctions', fn, 'config.json'), 'utf8')) as { timeout?: number };
  return (config.timeout ?? 3) * 1000;
}

async function backlog(cases: number): Promise<CloudWorld> {
  const world = await makeCloudWorld({ latencyMs: LATENCY_MS, start: T0 });
  await world.store.putRef('settings', { id: TEMPLATE_SETTING_ID, value: ALL_TEMPLATES });
  invalidateDirectory(world.store);
  await fileDueCases(world, cases);
  for (const { openid } of await world.store.listRef('accounts'))
    for (const def of Object.values(ALL_TEMPLATES)) await world.store.addSubscriptionQuota(openid, def!.templateId, 1000);
  return world;
}

/** One tick on the modelled clock: its report and its modelled time. */
async function tick(world: CloudWorld, sender: FakeSubscribeSender, budgetMs?: number): Promise<{ report: TickReport; ms: number }> {
  const m0 = world.db.modelledMs();
  const report = await runTimerTick(world.deps, sender, { elapsed: () => world.db.modelledMs() - m0, ...(budgetMs ? { budgetMs } : {}) });
  return { report, ms: world.db.modelledMs() - m0 };
}

describe('the timer within a cloud function’s time', () => {
  it('sets a timeout in config.json that the tick’s budget keeps well inside', () => {
    expect(timeoutMs('timer')).toBe(TIMER_TIMEOUT_S * 1000);
    expect(TICK_BUDGET_MS + COLD_START_MS).toBeLessThan(timeoutMs('timer'));
  });

  it('works off a backlog of 250 cases over several ticks, each inside the timeout, nothing twice or left', async () => {
    const world = await backlog(250);
    const sender = new FakeSubscribeSender();
    const ticks: { report: TickReport; ms: number }[] = [];
    // The tick's round trips overlap, so 250 cases fit one default budget: a smaller one makes several ticks.
    for (let i = 0; i < 10; i++) {
      const t = await tick(world, sender, BACKLOG_BUDGET_MS);
      ticks.push(t);
      world.advance(60_000);
      if (!t.report.outOfTime && (await world.store.listOutbox('queued')).length === 0) break;
    }
    // The first tick had more than fits: it stopped inside its budget, and the next went on.
    expect(ticks[0].report.outOfTime).toBe(true);
    expect(ticks[0].report.looked).toBeLessThan(250);
    expect(ticks.length).toBeGreaterThan(1);
    for (const t of ticks) {
      expect(t.ms + COLD_START_MS).toBeLessThanOrEqual(timeoutMs('timer'));
      expect(t.ms).toBeLessThanOrEqual(BACKLOG_BUDGET_MS);
      expect(t.report.elapsedMs).toBe(t.ms);
    }
    // Every case was marked overdue once, every notice delivered once.
    expect(ticks.reduce((n, t) => n + t.report.overdue, 0)).toBe(250);
    expect(await world.store.listDueCases(world.clock.now.toISOString(), 10)).toEqual([]);
    const outbox = await world.store.listOutbox();
    expect(outbox.every((o) => o.status === 'sent' && o.done.subscribe === 'sent')).toBe(true);
    expect(sender.calls).toHaveLength(outbox.length);
    expect(sender.calls.every((c) => c.outcome.ok)).toBe(true);
  }, 120_000);

  it('keeps to a small budget too', async () => {
    const world = await backlog(40);
    const sender = new FakeSubscribeSender();
    let overdue = 0;
    let longest = 0;
    for (let i = 0; i < 60; i++) {
      const t = await tick(world, sender, 2_000);
      overdue += t.report.overdue;
      longest = Math.max(longest, t.ms);
      world.advance(60_000);
      if (!t.report.outOfTime && (await world.store.listOutbox('queued')).length === 0) break;
    }
    expect(overdue).toBe(40);
    // A step is a few hundred modelled ms; the tick never starts one that would not fit.
    expect(longest).toBeLessThanOrEqual(2_000);
    expect((await world.store.listOutbox('queued')).length).toBe(0);
  }, 120_000);
});
