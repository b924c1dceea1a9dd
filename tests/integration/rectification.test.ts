/**
 * The 80 % rule opens work, and years are periods: 整改任务 opened by the timer after a quarter (or
 * by the street), closed by the owning admin's written report, seen by the street, shown on the
 * board as 整改中 / 已整改 without the report, and in statistics and the assessment export; a year's
 * statistics ranked by the combined score of its months and the whole year, weighted as the street
 * set. A street of the test's own cases: 渝园 grid 1 unhappy (2 of 6 satisfied), grid 2 happy (5 of 5).
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { board } from '../../backend/functions/board';
import { member } from '../../backend/functions/member';
import { runTimerTick } from '../../backend/functions/timer';
import { P, YUYUAN, YUYUAN_G1, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

let w: AdminWorld;
const G2 = 'sf-yuyuan-g2';
const REPORT = '逐户回访了不满意的居民，原因是维修拖延、答复不清；已建立周巡查和限时答复制度，问题均已整改到位。';

async function ratedCase(buildingId: string, rating: 'satisfied' | 'unsatisfied'): Promise<void> {
  const c = await w.submit({ buildingId });
  const holder = c.holder?.openid;
  if (!holder) throw new Error('not routed');
  const m = (action: string, params: Record<string, unknown>) => member.handle({ action, ...params }, holder, w.deps);
  data(await m('acceptCase', { caseId: c.id }));
  data(await m('resolveCase', { caseId: c.id, result: '已处理完毕', photos: ['a1b2c3d4e5f6a7b8.jpg'] }));
  data(
    await w.resident(P.resident, 'rateCase', {
      caseId: c.id,
      rating,
      ...(rating === 'unsatisfied' ? { comment: '维修拖了很久还没修好' } : {}),
    }),
  );
}

beforeAll(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
  for (const r of ['satisfied', 'satisfied', 'unsatisfied', 'unsatisfied', 'unsatisfied', 'unsatisfied'] as const)
    await ratedCase(`${YUYUAN_G1}-b1`, r);
  for (let i = 0; i < 5; i++) await ratedCase(`${G2}-b1`, 'satisfied');
}, 60_000);

afterAll(async () => {
  await w.close();
});

interface TaskView {
  id: string;
  unitKind: string;
  unitId: string;
  status: string;
  statusName: string;
  report?: { text: string };
  mine?: boolean;
  rate: number;
  rated: number;
}
const list = async (openid: string) => data<{ items: TaskView[]; open: number }>(await w.admin(openid, 'listRectifications', {}));
const boardCall = (action: string, params: Record<string, unknown> = {}) => board.handle({ action, ...params }, undefined, w.deps);
/** The board's 整改 list as it reads at an instant. */
const boardAt = (iso: string, params: Record<string, unknown>) =>
  board.handle({ action: 'rectifications', ...params }, undefined, { ...w.deps, now: () => new Date(iso) });

describe('整改任务', () => {
  it('the timer opens the last quarter’s tasks once, seven days into the next quarter', async () => {
    const at = (iso: string) => ({ ...w.deps, now: () => new Date(iso) });
    expect((await runTimerTick(at('2027-01-06T02:00:00.000Z'))).rectificationsOpened).toBe(0);
    expect((await runTimerTick(at('2027-01-08T02:00:00.000Z'))).rectificationsOpened).toBe(3);
    expect((await runTimerTick(at('2027-01-08T03:00:00.000Z'))).rectificationsOpened).toBe(0);
    const street = await list(P.streetAdmin);
    expect(street.items.map((t) => t.id).sort()).toEqual([
      '2026-Q4_category_cat-01',
      `2026-Q4_community_${YUYUAN}`,
      `2026-Q4_grid_${YUYUAN_G1}`,
    ]);
    expect(street.open).toBe(3);
  });

  it('opening again by hand changes nothing; only the street may open, only for a quarter', async () => {
    const again = data<{ opened: unknown[]; existing: number }>(await w.admin(P.streetAdmin, 'openRectifications', { period: '2026-Q4' }));
    expect(again).toMatchObject({ opened: [], existing: 3 });
    expect(outcome(await w.admin(P.communityAdmin, 'openRectifications', { period: '2026-Q4' }))).toBe('AUTH.FORBIDDEN');
    expect(outcome(await w.admin(P.streetAdmin, 'openRectifications', { period: '2026-11' }))).toBe('INPUT.INVALID');
    // A quarter with nothing rated opens nothing.
    expect(data<{ opened: unknown[] }>(await w.admin(P.streetAdmin, 'openRectifications', { period: '2026-Q3' })).opened).toEqual([]);
  });

  it('the community admin sees their community’s tasks, another community none, the street all', async () => {
    const mine = await list(P.communityAdmin);
    expect(mine.items.map((t) => t.unitId).sort()).toEqual([YUYUAN, YUYUAN_G1].sort());
    expect(mine.items.every((t) => t.mine)).toBe(true);
    // The rate that opened it and what it is out of: 2 of 6 rated cases satisfied.
    const grid = mine.items.find((t) => t.unitId === YUYUAN_G1)!;
    expect(grid).toMatchObject({ rated: 6, dueAt: expect.any(String) });
    expect(grid.rate).toBeCloseTo(2 / 6);
    expect((await list(P.otherCommunityAdmin)).items).toEqual([]);
    expect(outcome(await w.admin(P.department, 'listRectifications', {}))).toBe('AUTH.FORBIDDEN');
  });

  it('a written 整改报告 closes it; a report that says nothing, a stranger or a second report changes nothing', async () => {
    const id = `2026-Q4_grid_${YUYUAN_G1}`;
    expect(outcome(await w.admin(P.communityAdmin, 'submitRectificationReport', { id, report: '已整改' }))).toBe('INPUT.INVALID');
    expect(outcome(await w.admin(P.otherCommunityAdmin, 'submitRectificationReport', { id, report: REPORT }))).toBe(
      'RECTIFICATION.NOT_FOUND',
    );
    expect(outcome(await w.admin(P.communityAdmin, 'submitRectificationReport', { id: '2026-Q4_category_cat-01', report: REPORT }))).toBe(
      'RECTIFICATION.NOT_FOUND',
    );
    expect((await w.store.getRef('rectifications', id))?.status).toBe('open');
    const closed = data<TaskView>(await w.admin(P.communityAdmin, 'submitRectificationReport', { id, report: REPORT }));
    expect(closed).toMatchObject({ status: 'closed', statusName: '已整改', report: { text: REPORT } });
    expect(outcome(await w.admin(P.communityAdmin, 'submitRectificationReport', { id, report: REPORT }))).toBe('RECTIFICATION.CLOSED');
    // The street sees the report; the street closes the category's own task.
    expect((await list(P.streetAdmin)).items.find((t) => t.id === id)?.report?.text).toBe(REPORT);
    data(await w.admin(P.streetAdmin, 'submitRectificationReport', { id: '2026-Q4_category_cat-01', report: REPORT }));
    expect((await list(P.streetAdmin)).open).toBe(1);
  });

  it('the board shows 整改中 / 已整改 per unit, never the report', async () => {
    // The tasks were opened on 2027-01-08: the board's 本月 in January lists them.
    const r = await boardAt('2027-01-20T02:00:00.000Z', { communityId: YUYUAN, period: 'month' });
    const items = data<{ period: string; items: { unitName: string; statusName: string; dueDate: string }[] }>(r).items;
    expect(data<{ period: string }>(r).period).toBe('2027-01');
    expect(items.map((i) => [i.unitName, i.statusName]).sort()).toEqual([
      ['渝园社区 第一网格', '已整改'],
      ['渝园社区', '整改中'],
    ]);
    expect(items[0]!.dueDate).toBe('2027-02-07');
    expect(JSON.stringify(r)).not.toContain('逐户回访');
    expect(outcome(await boardCall('rectifications', { period: '2026-13' }))).toBe('INPUT.INVALID');
  });

  it('the board’s 整改 section follows its period: a task shows in the periods it was under way or finished in', async () => {
    const units = async (now: string, period?: string) =>
      data<{ items: { unitName: string; statusName: string }[] }>(
        await boardAt(now, { communityId: YUYUAN, ...(period ? { period } : {}) }),
      )
        .items.map((i) => `${i.unitName} ${i.statusName}`)
        .sort();
    const both = ['渝园社区 整改中', '渝园社区 第一网格 已整改'];
    // Opened in January 2027: not in 2026 nor in its last quarter; in the quarter and the year it was opened.
    expect(await units('2027-01-20T02:00:00.000Z', '2026-Q4')).toEqual([]);
    expect(await units('2027-01-20T02:00:00.000Z', '2026')).toEqual([]);
    expect(await units('2027-01-20T02:00:00.000Z', '2026-12')).toEqual([]);
    expect(await units('2027-01-20T02:00:00.000Z', 'quarter')).toEqual(both);
    expect(await units('2027-01-20T02:00:00.000Z', 'year')).toEqual(both);
    expect(await units('2027-01-20T02:00:00.000Z')).toEqual(both);
    // In March the finished one is no longer of 本月; the open one still is, and both are of 本季度.
    expect(await units('2027-03-05T02:00:00.000Z', 'month')).toEqual(['渝园社区 整改中']);
    expect(await units('2027-03-05T02:00:00.000Z', '2027-01')).toEqual(both);
    expect(await units('2027-03-05T02:00:00.000Z', 'quarter')).toEqual(both);
    expect(outcome(await boardCall('rectifications', { period: 'week' }))).toBe('INPUT.INVALID');
  });

  it('statistics and the export carry the verdict and the task; a flagged unit is never praised', async () => {
    const stats = data<{
      minRatedToFlag: number;
      flagged: { id: string }[];
      units: { id: string; praised: boolean; verdict: { verdict: string }; rectification?: string }[];
    }>(await w.admin(P.communityAdmin, 'stats', { period: '2026-Q4', groupBy: 'grid' }));
    expect(stats.minRatedToFlag).toBe(5);
    expect(stats.flagged.map((u) => u.id)).toEqual([YUYUAN_G1]);
    const g1 = stats.units.find((u) => u.id === YUYUAN_G1)!;
    expect(g1.rectification).toBe('2026-Q4 已整改');
    for (const u of stats.units) expect(u.praised && u.verdict.verdict === 'flag').toBe(false);

    const saved = data<{ url: string }>(
      await w.admin(P.communityAdmin, 'exportLedger', { kind: 'assessment', period: '2026-Q4', groupBy: 'grid' }),
    );
    const wb = new ExcelJS.Workbook();
    const bytes = readFileSync(w.exports.get(saved.url)!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    const header = rows[1]!;
    const line = rows.find((r) => r[header.indexOf('单位')] === '渝园社区 第一网格')!;
    expect(line[header.indexOf('整改任务')]).toBe('2026-Q4 已整改');
    expect(line[header.indexOf('满意率判定')]).toContain('低于80%');
    expect(line[header.indexOf('通报')]).not.toBe('通报表扬');
  });
});

describe('年度考核', () => {
  interface YearStats {
    periodKind: string;
    periodWeights: { monthly: number; annual: number };
    units: {
      id: string;
      metrics: { score: number | null };
      annual: { combined: number | null; annual: number | null; monthly: (number | null)[] };
    }[];
  }
  const year = async () => data<YearStats>(await w.admin(P.communityAdmin, 'stats', { period: '2026', groupBy: 'grid' }));

  it('admin.stats{period:"2026"} answers the year, with the combined score of months and year', async () => {
    const s = await year();
    expect(s.periodKind).toBe('year');
    const g1 = s.units.find((u) => u.id === YUYUAN_G1)!;
    expect(g1.annual.monthly).toHaveLength(12);
    // Every case is of November, so the months' mean is November's score, which is the year's.
    expect(g1.annual.monthly[10]).toBe(g1.metrics.score);
    expect(g1.annual.combined).toBe(g1.metrics.score);
    expect(outcome(await w.admin(P.communityAdmin, 'stats', { period: '1999', groupBy: 'grid' }))).toBe('INPUT.INVALID');
  });

  it('setWeights sets the street’s weights of the months and the year; bad weights change nothing', async () => {
    const before = await year();
    expect(before.periodWeights).toEqual({ monthly: 50, annual: 50 });
    const body = { weights: { response: 30, onTime: 35, satisfaction: 35 } };
    expect(outcome(await w.admin(P.streetAdmin, 'setWeights', { ...body, periods: { monthly: 0, annual: 0 } }))).toBe('INPUT.INVALID');
    expect(outcome(await w.admin(P.streetAdmin, 'setWeights', { ...body, periods: { monthly: -1, annual: 2 } }))).toBe('INPUT.INVALID');
    expect(outcome(await w.admin(P.communityAdmin, 'setWeights', { ...body, periods: { monthly: 1, annual: 3 } }))).toBe('AUTH.FORBIDDEN');
    expect((await year()).periodWeights).toEqual({ monthly: 50, annual: 50 });
    const set = data<{ periods: unknown }>(await w.admin(P.streetAdmin, 'setWeights', { ...body, periods: { monthly: 1, annual: 3 } }));
    expect(set.periods).toEqual({ monthly: 1, annual: 3 });
    expect((await year()).periodWeights).toEqual({ monthly: 1, annual: 3 });
  });

  it('the board reads the weights the street set, and takes a year', async () => {
    data(await w.admin(P.streetAdmin, 'setWeights', { weights: { response: 0, onTime: 0, satisfaction: 1 } }));
    const summary = data<{ period: string; weights: unknown; metrics: { score: number; satisfactionRate: number } }>(
      await boardCall('summary', { communityId: YUYUAN, period: '2026' }),
    );
    expect(summary.period).toBe('2026');
    expect(summary.weights).toEqual({ response: 0, onTime: 0, satisfaction: 1 });
    // Satisfaction alone: 7 of 11 rated.
    expect(summary.metrics.score).toBe(Math.round((7 / 11) * 10000) / 100);
    const rankings = data<{ period: string; units: { id: string }[] }>(
      await boardCall('rankings', { communityId: YUYUAN, period: 'year' }),
    );
    expect(rankings.period).toBe('2026');
    expect(rankings.units.map((u) => u.id)).toEqual(expect.arrayContaining([YUYUAN_G1, G2]));
  });
});

describe('通报 per year', () => {
  it('the year’s praise and criticism: the happy grid praised, the unhappy one (below 80 % over the year) not', async () => {
    const s = data<{ flagged: { id: string }[]; praise: { id: string }[]; criticism: { id: string }[] }>(
      await w.admin(P.streetAdmin, 'stats', { period: '2026', groupBy: 'grid' }),
    );
    expect(s.praise.map((u) => u.id)).toEqual([G2]);
    expect(s.flagged.map((u) => u.id)).toEqual([YUYUAN_G1]);
    const saved = data<{ fileName: string; rowCount: number }>(
      await w.admin(P.streetAdmin, 'exportLedger', { kind: 'assessment', period: '2026', groupBy: 'grid' }),
    );
    expect(saved.fileName).toBe('双福街道_考核统计_2026年.xlsx');
    expect(saved.rowCount).toBeGreaterThanOrEqual(2);
  });
});

describe('整改任务 past the deadline', () => {
  const tick = (iso: string) => runTimerTick({ ...w.deps, now: () => new Date(iso) });
  const late = async (openid: string) =>
    (await w.store.listInbox(openid, 100)).filter((m) => m.kind === 'rectification_overdue').map((m) => m.body);

  it('the timer tells the owning admin and the street on the first late day and weekly after, once a day at most', async () => {
    // 渝园社区's own task is still open (its grid's and the category's were closed above); due 2027-02-07.
    expect((await tick('2027-02-07T02:00:00.000Z')).rectificationsLateReminded).toBe(0);
    const first = await tick('2027-02-08T02:00:00.000Z');
    expect(first.rectificationsLateReminded).toBeGreaterThanOrEqual(2);
    const mine = await late(P.communityAdmin);
    expect(mine).toEqual([expect.stringContaining('社区「渝园社区」2026-Q4的整改任务已于2027-02-07到期')]);
    expect(await late(P.streetAdmin)).toHaveLength(1);
    // Another community's admin hears nothing; the closed tasks are not chased.
    expect(await late(P.otherCommunityAdmin)).toEqual([]);
    expect(mine.join()).not.toContain('第一网格');
    // Once a day, and not again before a week has passed.
    expect((await tick('2027-02-08T05:00:00.000Z')).rectificationsLateReminded).toBe(0);
    expect((await tick('2027-02-09T02:00:00.000Z')).rectificationsLateReminded).toBe(0);
    expect((await tick('2027-02-15T02:00:00.000Z')).rectificationsLateReminded).toBe(first.rectificationsLateReminded);
    expect(await late(P.communityAdmin)).toHaveLength(2);
    // A report ends it.
    data(await w.admin(P.communityAdmin, 'submitRectificationReport', { id: `2026-Q4_community_${YUYUAN}`, report: REPORT }));
    expect((await tick('2027-02-22T02:00:00.000Z')).rectificationsLateReminded).toBe(0);
  });
});
