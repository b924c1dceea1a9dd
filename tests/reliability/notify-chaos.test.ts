/**
 * Notifications against a sender that fails at random: thrown network errors, errCode -1, 43101
 * (no quota) and other codes. Two dispatchers run at once, round after round, with the clock moved
 * past every backoff. Every notice ends delivered or undeliverable with its reason; none is sent
 * twice; the in-app message centre has each exactly once.
 */
import { dispatchOutbox, MAX_ATTEMPTS } from '../../backend/notify/dispatcher';
import type { InboxMessage } from '../../backend/store/store.port';
import { BUILDING, HOUR, makeEnv, NEIGHBOUR_DISPUTE, P, REPAIR, type TestEnv } from '../support/env';
import { prng } from '../support/reliability-host';
import { ALL_TEMPLATES, chaosChannel, countBy, type SendRecord } from '../support/reliability-notify';

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv({ limits: { submissionsPerDay: 1000 } });
});
afterEach(async () => {
  await env.close();
});

const PHOTO = 'a1b2c3d4e5f6a7b8.jpg';

/** Cases through many paths, so that the outbox holds many kinds of notices for many people. */
async function makeNotices(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const dispute = i % 6 === 5;
    const { caseId } = await env.ok<{ caseId: string }>('resident', i % 2 ? P.resident : P.resident2, 'submitCase', {
      requestId: `notify-${String(i).padStart(5, '0')}`,
      categoryId: dispute ? NEIGHBOUR_DISPUTE : REPAIR,
      buildingId: BUILDING,
      description: `第${i}件诉求`,
      isPublic: true,
    });
    const reporter = i % 2 ? P.resident : P.resident2;
    const holder = dispute ? P.leader11 : P.steward11;
    env.advance(60_000);
    switch (i % 6) {
      case 1:
      case 2:
        await env.ok('member', holder, 'acceptCase', { caseId });
        await env.ok('member', holder, 'addProgress', { caseId, note: `进展${i}` });
        await env.ok('member', holder, 'resolveCase', { caseId, result: `已处理${i}`, photos: [PHOTO] });
        await env.ok(
          'resident',
          reporter,
          'rateCase',
          i % 6 === 1 ? { caseId, rating: 'satisfied' } : { caseId, rating: 'unsatisfied', comment: `还没好${i}` },
        );
        break;
      case 3:
        await env.ok('resident', reporter, 'withdrawCase', { caseId, reason: '已自行解决' });
        break;
      case 4:
        await env.ok('resident', reporter, 'supplementCase', { caseId, note: `补充${i}` });
        env.advance(20 * 3_600_000); // a reporter reminds once 80 % of the response limit has passed
        await env.ok('resident', reporter, 'remindCase', { caseId });
        await env.ok('admin', P.admin1, 'superviseCase', { caseId, reason: `督办${i}` });
        break;
      case 5:
        await env.ok('member', holder, 'escalateCase', { caseId, reason: `协调不了${i}` });
        await env.ok('admin', P.admin1, 'rejectCase', { caseId, reason: `不属于受理范围${i}` });
        break;
      default:
        break;
    }
  }
}

describe('通知投递的可靠性', () => {
  it('发送随机失败、两个投递器同时运行：每条通知要么送达一次、要么标记无法送达并写明原因', async () => {
    await makeNotices(36);
    const outbox = await env.store.listOutbox();
    expect(outbox.length).toBeGreaterThan(100);
    expect(new Set(outbox.map((o) => o.notice.kind)).size).toBeGreaterThanOrEqual(10);

    // Quota: 0 to 3 messages per person and template (0: the subscribe channel is skipped), or plenty.
    const rnd = prng(20261123);
    const granted = new Map<string, number>();
    for (const openid of new Set(outbox.map((o) => o.notice.recipientOpenid)))
      for (const def of Object.values(ALL_TEMPLATES)) {
        const q = [0, 1, 2, 3, 50][Math.floor(rnd() * 5)]!;
        granted.set(`${openid}|${def!.templateId}`, q);
        await env.store.addSubscriptionQuota(openid, def!.templateId, q);
      }

    // One person's template is broken (every send fails with -1) and they granted plenty: the retry
    // limit is reached for certain, not only when the random failures happen to line up.
    const doomed = outbox[0]!.notice;
    const broken = { touser: doomed.recipientOpenid, templateId: ALL_TEMPLATES[doomed.kind]!.templateId };
    await env.store.addSubscriptionQuota(broken.touser, broken.templateId, 50);
    granted.set(`${broken.touser}|${broken.templateId}`, (granted.get(`${broken.touser}|${broken.templateId}`) ?? 0) + 50);

    const ledger: SendRecord[] = [];
    const chaos = { ok: 0.3, thrown: 0.25, minusOne: 0.25, noQuota: 0.05, other: 0.15 };
    const a = chaosChannel(env.store, prng(1), ledger, chaos, broken);
    const b = chaosChannel(env.store, prng(2), ledger, chaos, broken);
    let rounds = 0;
    for (; rounds < 40 && (await env.store.listOutbox('queued')).length > 0; rounds++) {
      env.advance(HOUR + 1000); // past the longest backoff and any lease
      const now = env.deps.now();
      await Promise.all([
        dispatchOutbox(a.store, now, a.sender, ALL_TEMPLATES, 20),
        dispatchOutbox(b.store, now, b.sender, ALL_TEMPLATES, 20),
      ]);
    }
    expect(await env.store.listOutbox('queued')).toEqual([]);
    expect(rounds).toBeGreaterThanOrEqual(MAX_ATTEMPTS);
    // Every failure kind happened, so every path was walked.
    const results = new Set(ledger.map((r) => r.result));
    for (const r of ['ok', 'thrown', -1, 43101, 45009]) expect(results).toContain(r);
    expect(ledger.every((r) => r.key !== undefined)).toBe(true);

    const final = await env.store.listOutbox();
    expect(final).toHaveLength(outbox.length);
    const okSends = countBy(
      ledger.filter((r) => r.result === 'ok'),
      (r) => r.key!,
    );
    const allSends = countBy(ledger, (r) => r.key!);
    for (const item of final) {
      const key = item.notice.key;
      expect(item.done.inbox).toBe(true);
      // At most one successful send per notice, and never more tries than allowed.
      expect(okSends.get(key) ?? 0).toBeLessThanOrEqual(1);
      expect(allSends.get(key) ?? 0).toBeLessThanOrEqual(MAX_ATTEMPTS);
      if (item.status === 'sent') {
        expect(['sent', 'skipped']).toContain(item.done.subscribe);
        expect(okSends.get(key) ?? 0).toBe(item.done.subscribe === 'sent' ? 1 : 0);
      } else {
        expect(item.status).toBe('failed');
        expect(item.done.subscribe).toBe('undeliverable');
        expect(okSends.get(key) ?? 0).toBe(0);
        expect(item.lastError).toMatch(/^(-1|43101|45009) \S/);
        if (!item.lastError!.startsWith('43101')) expect(item.attempts).toBe(MAX_ATTEMPTS);
      }
    }
    expect(final.some((i) => i.status === 'sent' && i.done.subscribe === 'sent')).toBe(true);
    expect(final.some((i) => i.status === 'failed' && i.lastError!.startsWith('43101'))).toBe(true);
    expect(final.some((i) => i.status === 'failed' && i.attempts === MAX_ATTEMPTS)).toBe(true);

    // No one got more WeChat messages of a template than they granted.
    const perQuota = countBy(
      ledger.filter((r) => r.result === 'ok'),
      (r) => `${r.touser}|${r.templateId}`,
    );
    for (const [k, n] of perQuota) expect(n).toBeLessThanOrEqual(granted.get(k) ?? 0);

    // The message centre holds every notice exactly once, for its recipient.
    const inbox: InboxMessage[] = [];
    for (const openid of new Set(final.map((o) => o.notice.recipientOpenid))) inbox.push(...(await env.store.listInbox(openid, 10_000)));
    expect(inbox).toHaveLength(final.length);
    const byId = new Map(inbox.map((m) => [m.id, m]));
    expect(byId.size).toBe(final.length);
    for (const item of final) {
      const m = byId.get(item.notice.key);
      expect(m).toMatchObject({
        openid: item.notice.recipientOpenid,
        caseId: item.notice.caseId,
        kind: item.notice.kind,
        title: item.notice.title,
      });
    }

    // Another round finds nothing left to do and sends nothing.
    const before = ledger.length;
    env.advance(24 * HOUR);
    const report = await dispatchOutbox(a.store, env.deps.now(), a.sender, ALL_TEMPLATES);
    expect(report.claimed).toBe(0);
    expect(ledger.length).toBe(before);
  }, 60_000);

  it('投递器领取后崩溃、或写完站内信后崩溃：租约到期后由别的投递器补上，站内信与订阅消息都不重复', async () => {
    await makeNotices(12);
    const total = (await env.store.listOutbox('queued')).length;
    for (const openid of new Set((await env.store.listOutbox()).map((o) => o.notice.recipientOpenid)))
      for (const def of Object.values(ALL_TEMPLATES)) await env.store.addSubscriptionQuota(openid, def!.templateId, 100);
    const ledger: SendRecord[] = [];
    const allOk = { ok: 1, thrown: 0, minusOne: 0, noQuota: 0, other: 0 };

    // One dispatcher claims ten and dies before doing anything with them.
    let now = env.deps.now();
    const lost = await env.store.claimOutbox(now.toISOString(), 10, 60_000);
    expect(lost).toHaveLength(10);
    // Another dies right after writing a message to the inbox, before the subscribe message.
    const healthy = chaosChannel(env.store, prng(5), ledger, allOk);
    let died = 0;
    const dying = new Proxy(healthy.store, {
      get(target, prop) {
        if (prop === 'takeSubscriptionQuota')
          return async () => {
            died++;
            throw new Error('进程被终止');
          };
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await expect(dispatchOutbox(dying, now, healthy.sender, ALL_TEMPLATES, 5)).rejects.toThrow('进程被终止');
    // The five are delivered together: the process dies with each of them past its inbox write.
    // (The first death ends the call; the others reach theirs once their inbox writes are on disk.)
    for (let i = 0; i < 200 && died < 5; i++) await new Promise((r) => setTimeout(r, 5));
    expect(died).toBe(5);

    // At the same moment the leased items are not handed out again.
    const early = await dispatchOutbox(healthy.store, now, healthy.sender, ALL_TEMPLATES, 1000);
    expect(early.claimed).toBe(total - 10 - 5);
    // After the lease, everything left is delivered.
    for (let i = 0; i < 3 && (await env.store.listOutbox('queued')).length > 0; i++) {
      env.advance(61_000);
      now = env.deps.now();
      await dispatchOutbox(healthy.store, now, healthy.sender, ALL_TEMPLATES, 1000);
    }
    const final = await env.store.listOutbox();
    expect(final).toHaveLength(total);
    expect(final.every((i) => i.status === 'sent' && i.done.subscribe === 'sent')).toBe(true);
    const sends = countBy(ledger, (r) => r.key!);
    expect(sends.size).toBe(total);
    for (const n of sends.values()) expect(n).toBe(1);
    const inbox: InboxMessage[] = [];
    for (const openid of new Set(final.map((o) => o.notice.recipientOpenid))) inbox.push(...(await env.store.listInbox(openid, 10_000)));
    expect(inbox.map((m) => m.id).sort()).toEqual(final.map((o) => o.notice.key).sort());
  }, 60_000);
});
