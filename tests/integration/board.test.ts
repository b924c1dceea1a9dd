/**
 * The public board over the seeded demo street: every action, figures that add up with the
 * cases, and the privacy test — planted private data never appears in any board response.
 */
import { tallyCases, computeMetrics } from '../../core/metrics';
import { BUILDING, DAY, makeEnv, NEIGHBOUR_DISPUTE, P, REPAIR, T0, type TestEnv } from '../support/env';

let env: TestEnv;
// Seeding 200 cases (their history run through the lifecycle, their texts reviewed) takes about
// 3 s alone and more while other suites share the two cores.
beforeAll(async () => {
  env = await makeEnv({ seedCases: 200 });
}, 30_000);
afterAll(async () => env.close());

async function allCases() {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await env.store.listCases({ limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('公示栏', () => {
  it('本季度的数字与诉求本身一致', async () => {
    const s = await env.ok<{
      period: string;
      metrics: Record<string, number | null>;
      trend: unknown[];
      byCategory: unknown[];
      quarterFlag: { flagged: boolean };
    }>('board', undefined, 'summary', { period: 'quarter' });
    expect(s.period).toBe('2026-Q4');
    const cases = (await allCases()).filter((c) => c.createdAt >= '2026-09-30T16:00:00.000Z');
    const expected = computeMetrics(tallyCases(cases));
    expect(s.metrics.received).toBe(expected.received);
    expect(s.metrics.closed).toBe(expected.closed);
    expect(s.metrics.satisfactionRate).toBeCloseTo(expected.satisfactionRate!, 10);
    expect(s.metrics.responseRate).toBeCloseTo(expected.responseRate!, 10);
    expect(s.trend).toHaveLength(6);
    expect(s.byCategory.length).toBeGreaterThan(3);
  });

  it('选定季度时按该季度判定80%满意率红线；趋势给出评价件数', async () => {
    const s = await env.ok<{ quarterFlag: { quarter: string; rated: number }; trend: { rated: number }[] }>('board', undefined, 'summary', {
      period: '2026-Q3',
    });
    expect(s.quarterFlag.quarter).toBe('2026-Q3');
    const q3 = (await allCases()).filter((c) => c.createdAt >= '2026-06-30T16:00:00.000Z' && c.createdAt < '2026-09-30T16:00:00.000Z');
    expect(s.quarterFlag.rated).toBe(tallyCases(q3).rated);
    expect(s.trend.reduce((n, m) => n + m.rated, 0)).toBeGreaterThan(0);
  });

  it('社区和网格范围；不存在的范围给出中文错误', async () => {
    const c = await env.ok<{ scope: { name: string }; metrics: { received: number } }>('board', undefined, 'summary', {
      communityId: 'sf-yuyuan',
      period: 'quarter',
    });
    expect(c.scope.name).toBe('渝园社区');
    const g = await env.ok<{ metrics: { received: number } }>('board', undefined, 'summary', { gridId: 'sf-yuyuan-g1', period: 'quarter' });
    expect(g.metrics.received).toBeLessThanOrEqual(c.metrics.received);
    const bad = await env.call('board', undefined, 'summary', { communityId: 'nowhere' });
    expect(bad.ok ? 'ok' : bad.error.message).toBe('社区不存在');
  });

  it('网格排名：表扬前列、点名末位', async () => {
    const r = await env.ok<{ units: { id: string; rank?: number }[]; praised: unknown[]; criticised: unknown[] }>(
      'board',
      undefined,
      'rankings',
      { level: 'grid', period: 'quarter' },
    );
    expect(r.units).toHaveLength(6);
    expect(r.praised.length).toBeGreaterThan(0);
    const c = await env.ok<{ units: unknown[] }>('board', undefined, 'rankings', { level: 'community', period: 'quarter' });
    expect(c.units).toHaveLength(3);
  });

  it('公示牌列出网格五员及职责，姓名脱敏', async () => {
    const r = await env.ok<{ members: { roleName: string; name: string; duties: string }[] }>('board', undefined, 'gridRoster', {
      gridId: 'sf-yuyuan-g1',
    });
    expect(r.members.map((m) => m.roleName)).toEqual(['党小组长', '居民小组长', '网格员', '业委会成员', '楼栋物管员']);
    for (const m of r.members) expect(m.name).toMatch(/^.{1,2}\*\*$/);
  });

  it('公开诉求列表分页，无重复；详情有时间线', async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await env.ok<{ items: { id: string }[]; nextCursor?: string }>('board', undefined, 'listCases', {
        limit: 20,
        ...(cursor ? { cursor } : {}),
      });
      for (const c of page.items) {
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const publicCount = (await allCases()).filter((c) => c.isPublic && c.status !== 'merged').length;
    expect(seen.size).toBe(publicCount);
    const first = [...seen][0]!;
    const d = await env.ok<{ case: { id: string }; timeline: unknown[] }>('board', undefined, 'getCase', { caseId: first });
    expect(d.timeline.length).toBeGreaterThan(0);
  });
});

describe('公示栏隐私', () => {
  it('任何公示栏响应都不含居民姓名、电话、门牌、身份证、车牌或未审核照片', async () => {
    env.clock.now = new Date(T0.getTime() + DAY);
    const planted = {
      phone: '13987654321',
      contact: '13711112222',
      id: '510103198803153214',
      plate: '川A8K3F2',
      door: '2单元1302',
      name: (await env.store.getRef('accounts', P.resident))!.name,
      photo: 'deadbeefdeadbeefdeadbeef00000001.jpg',
    };
    const pub = await env.ok<{ caseId: string }>('resident', P.resident, 'submitCase', {
      requestId: 'privacy-pub-1',
      categoryId: REPAIR,
      buildingId: BUILDING,
      description: `我是${planted.name}，住5栋${planted.door}，电话${planted.phone}，身份证${planted.id}，车牌${planted.plate}的车堵了消防通道`,
      isPublic: true,
      contactPhone: planted.contact,
      photos: [planted.photo],
    });
    const priv = await env.ok<{ caseId: string }>('resident', P.resident, 'submitCase', {
      requestId: 'privacy-priv-1',
      categoryId: NEIGHBOUR_DISPUTE,
      buildingId: BUILDING,
      description: '隐私纠纷：邻居私事不应公开 PRIVATE-MARKER',
      isPublic: false,
    });
    await env.ok('member', P.steward11, 'acceptCase', { caseId: pub.caseId });
    await env.ok('member', P.steward11, 'addProgress', { caseId: pub.caseId, note: `已联系${planted.name}（${planted.phone}）` });
    // Ledgers are the office's: a public hazard with its facts recorded, a dispute made public with a
    // follow-up visit. Neither the ledger nor its timeline lines reach the board.
    const hazard = await env.ok<{ caseId: string }>('resident', P.resident, 'submitCase', {
      requestId: 'privacy-hazard-1',
      categoryId: 'cat-04',
      buildingId: BUILDING,
      description: '棋牌室灭火器过期',
      isPublic: true,
    });
    await env.ok('member', P.worker11, 'recordLedger', {
      caseId: hazard.caseId,
      entry: { kind: 'hazard', venueCapacity: 4321, fixableToday: false },
    });
    const quarrel = await env.ok<{ caseId: string }>('resident', P.resident, 'submitCase', {
      requestId: 'privacy-dispute-1',
      categoryId: NEIGHBOUR_DISPUTE,
      buildingId: BUILDING,
      description: '两家因车位争吵',
      isPublic: false,
    });
    await env.ok('admin', P.admin1, 'setCasePublic', { caseId: quarrel.caseId, isPublic: true });
    await env.ok('admin', P.admin1, 'recordLedger', { caseId: quarrel.caseId, entry: { kind: 'dispute_risk', color: 'red' } });
    await env.ok('admin', P.admin1, 'recordLedger', { caseId: quarrel.caseId, entry: { kind: 'settled' } });
    await env.ok('admin', P.admin1, 'recordLedger', {
      caseId: quarrel.caseId,
      entry: { kind: 'follow_up', note: '回访记录 LEDGER-MARKER' },
    });
    // Before review the board shows no words of theirs; then the admin approves every text as
    // suggested (masked), without editing, and the planted data must still not appear.
    const waiting = await env.ok<{ case: { description?: string; descriptionState?: string } }>('board', undefined, 'getCase', {
      caseId: pub.caseId,
    });
    expect(waiting.case.description).toBeUndefined();
    expect(waiting.case.descriptionState).toBe('内容审核中');
    await env.ok('admin', P.admin1, 'approveTexts', { caseIds: [pub.caseId, hazard.caseId, quarrel.caseId] });
    const approved = await env.ok<{ case: { description?: string } }>('board', undefined, 'getCase', { caseId: pub.caseId });
    expect(approved.case.description).toContain('堵了消防通道');
    const responses: unknown[] = [];
    for (const params of [{}, { period: 'quarter' }, { communityId: 'sf-yuyuan' }, { gridId: 'sf-yuyuan-g1' }])
      responses.push(await env.ok('board', undefined, 'summary', params));
    responses.push(await env.ok('board', undefined, 'rankings', {}));
    responses.push(await env.ok('board', undefined, 'gridRoster', { gridId: 'sf-yuyuan-g1' }));
    responses.push(await env.ok('board', undefined, 'listCases', { limit: 50 }));
    responses.push(await env.ok('board', undefined, 'listCases', { gridId: 'sf-yuyuan-g1', limit: 50 }));
    responses.push(await env.ok('board', undefined, 'getCase', { caseId: pub.caseId }));
    for (const caseId of [hazard.caseId, quarrel.caseId]) {
      const d = await env.ok<{ case: Record<string, unknown>; timeline: { action: string }[] }>('board', undefined, 'getCase', { caseId });
      expect(d.case).not.toHaveProperty('ledger');
      expect(d.timeline.map((e) => e.action)).not.toContain('ledger');
      responses.push(d);
    }
    const privDetail = await env.call('board', undefined, 'getCase', { caseId: priv.caseId });
    expect(privDetail.ok ? 'ok' : privDetail.error.code).toBe('CASE.NOT_FOUND');
    const text = JSON.stringify(responses);
    expect(text).toContain(pub.caseId); // the public case is there…
    for (const [what, value] of Object.entries(planted)) {
      expect({ what, leaked: text.includes(value) }).toEqual({ what, leaked: false });
    }
    expect(text).not.toContain('PRIVATE-MARKER');
    expect(text).toContain(hazard.caseId);
    expect(text).toContain(quarrel.caseId);
    for (const ledgerText of [
      '"ledger"',
      'LEDGER-MARKER',
      '台账',
      '场所约',
      '回访',
      'venueCapacity',
      'hazardColor',
      'disputeColor',
      'settledAt',
    ])
      expect({ ledgerText, leaked: text.includes(ledgerText) }).toEqual({ ledgerText, leaked: false });
    expect(text).not.toContain(priv.caseId);
    expect(text).not.toContain(P.resident);
  });
});
