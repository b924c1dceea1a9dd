/**
 * 考核权重 through `admin` on the seeded demo street: the set in force with its meanings, a preview of
 * the month's ranking computed by the statistics themselves, the street admin's save recorded
 * (who, when, old → new), community admins reading only, everyone else refused, and bad values
 * refused in Chinese with nothing changed.
 */
import { NOW, P, YUYUAN, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

jest.setTimeout(60_000);

let w: AdminWorld;
beforeEach(async () => {
  w = await openAdminWorld();
});
afterEach(async () => w.close());

type Flat = Record<'response' | 'onTime' | 'satisfaction' | 'care' | 'monthly' | 'annual', number>;
interface WeightsView {
  weights: { response: number; onTime: number; satisfaction: number };
  care: number;
  periods: { monthly: number; annual: number };
  fields: { key: string; name: string; meaning: string }[];
  shares: Record<string, number>;
  editable: boolean;
  history: { at: string; byName: string; from: Flat; to: Flat; summary: string }[];
}
interface Preview {
  period: string;
  periodName: string;
  periodKind: string;
  groupBy: string;
  units: {
    id: string;
    name: string;
    before: { rank: number | null; score: number | null };
    after: { rank: number | null; score: number | null };
    moved: number | null;
  }[];
}
interface StatsUnit {
  id: string;
  rank: number | null;
  score: number | null;
}

const view = async (openid: string = P.streetAdmin) => data<WeightsView>(await w.admin(openid, 'getWeights', {}));
const DEFAULT_CASE = { response: 30, onTime: 35, satisfaction: 35 };
const stats = async (weights?: { response: number; onTime: number; satisfaction: number }, care?: number) => {
  if (weights) data(await w.admin(P.streetAdmin, 'setWeights', { weights, ...(care !== undefined ? { care } : {}) }));
  return data<{ units: StatsUnit[] }>(await w.admin(P.streetAdmin, 'stats', { period: '2026-11', groupBy: 'grid', communityId: YUYUAN }));
};

describe('reading the weights', () => {
  test('the set in force, each with its meaning, the shares summing to 100, no history yet', async () => {
    const v = await view();
    expect(v).toMatchObject({ weights: DEFAULT_CASE, care: 10, periods: { monthly: 50, annual: 50 }, editable: true, history: [] });
    expect(v.fields.map((f) => f.name)).toEqual([
      '响应率',
      '按时办结率',
      '满意率',
      '走访完成率',
      '年度考核：月度成绩',
      '年度考核：全年成绩',
    ]);
    expect(v.fields.every((f) => /[\u4e00-\u9fff]/.test(f.meaning))).toBe(true);
    expect(v.shares).toEqual({ response: 27.3, onTime: 31.8, satisfaction: 31.8, care: 9.1 });
  });

  test('a community admin reads them but may not change them; members, departments and residents are refused', async () => {
    expect(await view(P.communityAdmin)).toMatchObject({ weights: DEFAULT_CASE, editable: false });
    const r = await w.admin(P.communityAdmin, 'setWeights', { weights: { response: 1, onTime: 1, satisfaction: 1 } });
    expect(outcome(r)).toBe('AUTH.FORBIDDEN');
    for (const openid of [P.member, P.department, P.resident]) {
      expect(outcome(await w.admin(openid, 'getWeights', {}))).toBe('AUTH.FORBIDDEN');
      expect(outcome(await w.admin(openid, 'previewWeights', { weights: DEFAULT_CASE, care: 10 }))).toBe('AUTH.FORBIDDEN');
      expect(outcome(await w.admin(openid, 'setWeights', { weights: DEFAULT_CASE }))).toBe('AUTH.FORBIDDEN');
    }
    expect(await view()).toMatchObject({ weights: DEFAULT_CASE, care: 10, history: [] });
  });
});

describe('saving', () => {
  test('the street admin saves; the change is recorded with who, when, old and new, newest first', async () => {
    const saved = data(await w.admin(P.streetAdmin, 'setWeights', { weights: { response: 20, onTime: 40, satisfaction: 40 }, care: 0 }));
    expect(saved).toEqual({ weights: { response: 20, onTime: 40, satisfaction: 40 }, care: 0, periods: { monthly: 50, annual: 50 } });
    data(
      await w.admin(P.streetAdmin, 'setWeights', {
        weights: { response: 20, onTime: 40, satisfaction: 40 },
        periods: { monthly: 1, annual: 3 },
      }),
    );
    // Saving the same set again records nothing.
    data(await w.admin(P.streetAdmin, 'setWeights', { weights: { response: 20, onTime: 40, satisfaction: 40 } }));
    const v = await view(P.communityAdmin);
    expect(v.weights).toEqual({ response: 20, onTime: 40, satisfaction: 40 });
    expect(v.care).toBe(0);
    expect(v.history).toHaveLength(2);
    const [second, first] = v.history;
    expect(first).toMatchObject({
      at: '2026-11-23T02:00:00.000Z',
      byName: expect.stringMatching(/\S/),
      from: { response: 30, onTime: 35, satisfaction: 35, care: 10, monthly: 50, annual: 50 },
      to: { response: 20, onTime: 40, satisfaction: 40, care: 0, monthly: 50, annual: 50 },
      summary: '响应率 30→20；按时办结率 35→40；满意率 35→40；走访完成率 10→0',
    });
    expect(second!.summary).toBe('年度考核：月度成绩 50→1；年度考核：全年成绩 50→3');
    // The statistics rank with what was saved.
    expect(
      data<{ weights: unknown; careWeight: number }>(await w.admin(P.streetAdmin, 'stats', { period: '2026-11', groupBy: 'grid' })),
    ).toMatchObject({
      weights: { response: 20, onTime: 40, satisfaction: 40 },
      careWeight: 0,
    });
  });

  test.each([
    ['a negative weight', { weights: { response: -1, onTime: 35, satisfaction: 35 } }, '「响应率」不能为负数'],
    ['a fraction', { weights: { response: 30.5, onTime: 35, satisfaction: 35 } }, '「响应率」须为整数'],
    ['a negative care weight', { weights: DEFAULT_CASE, care: -1 }, '「走访完成率」不能为负数'],
    ['a fractional care weight', { weights: DEFAULT_CASE, care: 2.5 }, '「走访完成率」须为整数'],
    ['a weight above 1000', { weights: { response: 1001, onTime: 35, satisfaction: 35 } }, '不能超过1000'],
    ['case weights summing to 0', { weights: { response: 0, onTime: 0, satisfaction: 0 } }, '权重之和必须大于0'],
    ['period weights summing to 0', { weights: DEFAULT_CASE, periods: { monthly: 0, annual: 0 } }, '月度与全年成绩的权重之和必须大于0'],
  ])('refuses %s in Chinese and changes nothing', async (_name, body, message) => {
    const r = await w.admin(P.streetAdmin, 'setWeights', body);
    expect(outcome(r)).toBe('INPUT.INVALID');
    if (!r.ok) expect(r.error.message).toContain(message);
    expect(await view()).toMatchObject({ weights: DEFAULT_CASE, care: 10, periods: { monthly: 50, annual: 50 }, history: [] });
  });

  test('a value that is not a number is refused', async () => {
    expect(outcome(await w.admin(P.streetAdmin, 'setWeights', { weights: { response: '30', onTime: 35, satisfaction: 35 } }))).toBe(
      'INPUT.INVALID',
    );
  });
});

describe('previewing the month’s ranking', () => {
  test('the preview ranks as the statistics would at the proposed weights, and saves nothing', async () => {
    const proposed = { response: 0, onTime: 0, satisfaction: 1 };
    const preview = data<Preview>(
      await w.admin(P.streetAdmin, 'previewWeights', { weights: proposed, care: 0, groupBy: 'grid', communityId: YUYUAN }),
    );
    expect(preview).toMatchObject({ period: '2026-11', groupBy: 'grid' });
    expect((await view()).weights).toEqual(DEFAULT_CASE);
    const now = await stats();
    const then = await stats(proposed, 0);
    expect(preview.units.length).toBe(now.units.length);
    expect(preview.units.length).toBeGreaterThan(1);
    for (const u of preview.units) {
      const a = now.units.find((x) => x.id === u.id)!;
      const b = then.units.find((x) => x.id === u.id)!;
      expect(u.before).toEqual({ rank: a.rank, score: a.score });
      expect(u.after).toEqual({ rank: b.rank, score: b.score });
      expect(u.moved).toBe(a.rank !== null && b.rank !== null ? a.rank - b.rank : null);
    }
    // These weights change at least one score on the demo street.
    expect(preview.units.some((u) => u.before.score !== u.after.score)).toBe(true);
  });

  test('a street admin previews by community by default, a community admin by grid of their own community', async () => {
    const street = data<Preview>(await w.admin(P.streetAdmin, 'previewWeights', { weights: DEFAULT_CASE, care: 10 }));
    expect(street.groupBy).toBe('community');
    expect(street.units.every((u) => u.moved === 0 || u.moved === null)).toBe(true);
    const community = data<Preview>(await w.admin(P.communityAdmin, 'previewWeights', { weights: DEFAULT_CASE, care: 10 }));
    expect(community.groupBy).toBe('grid');
    expect(community.units.every((u) => u.id.startsWith(`${YUYUAN}-`))).toBe(true);
    expect(
      outcome(await w.admin(P.communityAdmin, 'previewWeights', { weights: DEFAULT_CASE, care: 10, communityId: 'sf-xinglong' })),
    ).toBe('AUTH.FORBIDDEN');
  });

  test('bad proposed weights are refused in Chinese', async () => {
    const r = await w.admin(P.streetAdmin, 'previewWeights', { weights: { response: 0, onTime: 0, satisfaction: 0 }, care: 5 });
    expect(outcome(r)).toBe('INPUT.INVALID');
    if (!r.ok) expect(r.error.message).toContain('权重之和必须大于0');
  });
});

describe('previewing another period: 上月, 本季度, 本年 (年度考核)', () => {
  type Periods = { monthly: number; annual: number };
  const rankingOf = async (period: string) =>
    data<{ units: StatsUnit[] }>(await w.admin(P.streetAdmin, 'stats', { period, groupBy: 'grid', communityId: YUYUAN })).units;
  const preview = async (period: string, weights = DEFAULT_CASE, care = 10, periods?: Periods) =>
    data<Preview>(
      await w.admin(P.streetAdmin, 'previewWeights', {
        weights,
        care,
        ...(periods ? { periods } : {}),
        period,
        groupBy: 'grid',
        communityId: YUYUAN,
      }),
    );
  /** Each unit's before / after equals the statistics' ranking of that period at the stored / the proposed weights. */
  const expectRankedAsStats = (p: Preview, now: StatsUnit[], then: StatsUnit[]) => {
    expect(p.units.length).toBe(now.length);
    expect(p.units.length).toBeGreaterThan(1);
    for (const u of p.units) {
      const a = now.find((x) => x.id === u.id)!;
      const b = then.find((x) => x.id === u.id)!;
      expect(u.before).toEqual({ rank: a.rank, score: a.score });
      expect(u.after).toEqual({ rank: b.rank, score: b.score });
    }
  };

  test.each([
    ['lastMonth', '2026-10', '2026年10月', 'month'],
    ['quarter', '2026-Q4', '2026年第4季度', 'quarter'],
    ['year', '2026', '2026年（年度考核）', 'year'],
  ])('%s: the ranking of %s equals the statistics’ at the stored and at the proposed weights', async (choice, period, name, kind) => {
    const proposed = { response: 0, onTime: 1, satisfaction: 3 };
    const periods = { monthly: 1, annual: 4 };
    const p = await preview(choice, proposed, 0, periods);
    expect(p).toMatchObject({ period, periodName: name, periodKind: kind, groupBy: 'grid' });
    // Nothing was saved.
    expect(await view()).toMatchObject({ weights: DEFAULT_CASE, care: 10, periods: { monthly: 50, annual: 50 }, history: [] });
    const now = await rankingOf(period);
    data(await w.admin(P.streetAdmin, 'setWeights', { weights: proposed, care: 0, periods }));
    expectRankedAsStats(p, now, await rankingOf(period));
    expect(p.units.some((u) => u.after.rank !== null)).toBe(true);
    expect(p.units.some((u) => u.before.score !== u.after.score)).toBe(true);
  });

  test('本年 moves when only the 年度考核 weights change, as the year’s statistics do; a month or a quarter does not', async () => {
    const periods = { monthly: 0, annual: 1 };
    const year = await preview('year', DEFAULT_CASE, 10, periods);
    const now = await rankingOf('2026');
    data(await w.admin(P.streetAdmin, 'setWeights', { weights: DEFAULT_CASE, periods }));
    expectRankedAsStats(year, now, await rankingOf('2026'));
    expect(year.units.some((u) => u.before.score !== u.after.score)).toBe(true);
    // The stored set is now { 0, 1 }: proposing it back to 50/50 moves the year, and only the year.
    for (const choice of ['month', 'lastMonth', 'quarter']) {
      const p = await preview(choice, DEFAULT_CASE, 10, { monthly: 50, annual: 50 });
      expect(p.units.length).toBeGreaterThan(1);
      for (const u of p.units) expect(u.after).toEqual(u.before);
    }
    const back = await preview('year', DEFAULT_CASE, 10, { monthly: 50, annual: 50 });
    for (const u of back.units) {
      const a = now.find((x) => x.id === u.id)!;
      expect(u.after).toEqual({ rank: a.rank, score: a.score });
    }
  });

  test('without a period the preview is 本月, named in Chinese', async () => {
    const p = data<Preview>(await w.admin(P.streetAdmin, 'previewWeights', { weights: DEFAULT_CASE, care: 10 }));
    expect(p).toMatchObject({ period: '2026-11', periodName: '2026年11月', periodKind: 'month' });
  });

  test('on the 2nd of December 上月 is November, complete, and 本年 is still 2026', async () => {
    await w.close();
    w = await openAdminWorld(() => new Date('2026-12-02T02:00:00.000Z'));
    expect(NOW.toISOString().slice(0, 7)).toBe('2026-11');
    const last = await preview('lastMonth');
    expect(last).toMatchObject({ period: '2026-11', periodName: '2026年11月' });
    expect(last.units.some((u) => u.after.rank !== null)).toBe(true);
    expect(await preview('month')).toMatchObject({ period: '2026-12', periodName: '2026年12月' });
    expect(await preview('year')).toMatchObject({ period: '2026', periodName: '2026年（年度考核）' });
  });

  test.each([['week'], ['2026-10'], [''], [3]])('a bad period (%p) is refused in Chinese and changes nothing', async (period) => {
    const r = await w.admin(P.streetAdmin, 'previewWeights', { weights: { response: 1, onTime: 1, satisfaction: 1 }, care: 0, period });
    expect(outcome(r)).toBe('INPUT.INVALID');
    if (!r.ok) expect(r.error.message).toBe('「统计周期」须为本月、上月、本季度或本年（month、lastMonth、quarter、year）');
    expect(await view()).toMatchObject({ weights: DEFAULT_CASE, care: 10, history: [] });
  });

  test('a community admin previews 本年 for their own community; others are refused', async () => {
    const p = data<Preview>(await w.admin(P.communityAdmin, 'previewWeights', { weights: DEFAULT_CASE, care: 10, period: 'year' }));
    expect(p).toMatchObject({ period: '2026', groupBy: 'grid' });
    expect(p.units.every((u) => u.id.startsWith(`${YUYUAN}-`))).toBe(true);
    for (const openid of [P.member, P.department, P.resident])
      expect(outcome(await w.admin(openid, 'previewWeights', { weights: DEFAULT_CASE, care: 10, period: 'year' }))).toBe('AUTH.FORBIDDEN');
  });
});
