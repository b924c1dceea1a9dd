/**
 * 走访关爱 in the assessment, through `admin.stats` and the assessment export on the seeded demo
 * street: visits done against due per grid and member, a missed visit lowers the unit's score, a
 * unit with people overdue is not praised, and the street sets how much visits weigh.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { CareSubject } from '../../core/care-visits';
import { P, YUYUAN, YUYUAN_G1, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

jest.setTimeout(60_000);

let w: AdminWorld;
beforeEach(async () => {
  w = await openAdminWorld();
});
afterEach(async () => w.close());

const LEADER = `${YUYUAN_G1}-party_leader`;

/** A person registered in January, so November holds one visit due (the default 30 days). */
async function person(id: string, visitedOn?: string) {
  const s: CareSubject = {
    id,
    streetId: 'sf-street',
    communityId: YUYUAN,
    gridId: YUYUAN_G1,
    name: `对象${id}`,
    groups: ['martyr_family'],
    address: '1栋',
    memberId: LEADER,
    active: true,
    createdAt: '2026-01-10T02:00:00.000Z',
    ...(visitedOn ? { lastVisitOn: visitedOn } : {}),
  };
  const street = (await w.store.getRef('communities', YUYUAN))!.streetId;
  await w.store.putRef('careSubjects', { ...s, streetId: street });
  if (visitedOn)
    await w.store.putRef('careVisits', {
      id: `V-${id}`,
      subjectId: id,
      streetId: street,
      communityId: YUYUAN,
      gridId: YUYUAN_G1,
      memberId: LEADER,
      visitorOpenid: 'demo-11-party-leader',
      visitorName: '党小组长',
      visitedOn,
      found: '身体尚好',
      needs: [],
      photos: [],
      createdAt: `${visitedOn}T02:00:00.000Z`,
    });
}

interface Unit {
  id: string;
  name: string;
  praised: boolean;
  note?: string;
  score: number | null;
  metrics: { score: number | null };
  care?: { people: number; due: number; done: number; overdue: number; rate: number | null };
}
interface Stats {
  careWeight: number;
  units: Unit[];
  total: { care: { due: number; done: number; overdue: number } };
}
const stats = async (params: Record<string, unknown> = {}) =>
  data<Stats>(await w.admin(P.communityAdmin, 'stats', { period: '2026-11', groupBy: 'grid', ...params }));
const g1 = (s: Stats) => s.units.find((u) => u.id === YUYUAN_G1)!;

describe('visits in the assessment', () => {
  test('a grid with every visit done: the figures show, and the score rises towards 100', async () => {
    await person('p1', '2026-11-10');
    await person('p2', '2026-11-15');
    const s = await stats();
    expect(s.careWeight).toBe(10);
    expect(g1(s).care).toEqual({ people: 2, due: 2, done: 2, overdue: 0, rate: 1 });
    expect(s.total.care).toMatchObject({ due: 2, done: 2, overdue: 0 });
    const caseScore = g1(s).metrics.score!;
    expect(caseScore).not.toBeNull();
    expect(g1(s).score).toBeCloseTo((caseScore * 100 + 100 * 10) / 110, 2);
    // Per member: the party leader who visits them.
    const byMember = await stats({ groupBy: 'member', gridId: YUYUAN_G1 });
    expect(byMember.units.find((u) => u.id === LEADER)?.care).toMatchObject({ due: 2, done: 2 });
  });

  test('a missed visit lowers the score, and a grid with people overdue is not praised', async () => {
    await person('p1', '2026-11-10');
    await person('p2', '2026-11-15');
    const allDone = g1(await stats());
    // On the demo street this grid is among the praised in November while its visits are done.
    expect(allDone.praised).toBe(true);
    await w.close();
    w = await openAdminWorld();
    await person('p1', '2026-11-10');
    await person('p2', '2026-10-01'); // nothing in November: overdue since 10-31
    const oneMissed = g1(await stats());
    expect(oneMissed.care).toEqual({ people: 2, due: 2, done: 1, overdue: 1, rate: 0.5 });
    expect(oneMissed.metrics.score).toBe(allDone.metrics.score);
    expect(oneMissed.score!).toBeLessThan(allDone.score!);
    expect(oneMissed.praised).toBe(false);
    expect(oneMissed.note).toBe('有1人走访逾期，不予表扬');
  });

  test('the street sets the weight: 0 leaves visits out; a community admin cannot', async () => {
    await person('p2', '2026-10-01');
    const weights = { response: 30, onTime: 35, satisfaction: 35 };
    expect(outcome(await w.admin(P.communityAdmin, 'setWeights', { weights, care: 0 }))).toBe('AUTH.FORBIDDEN');
    expect(outcome(await w.admin(P.streetAdmin, 'setWeights', { weights, care: -1 }))).toBe('INPUT.INVALID');
    expect(data<{ care: number }>(await w.admin(P.streetAdmin, 'setWeights', { weights, care: 0 })).care).toBe(0);
    const s = await stats();
    expect(s.careWeight).toBe(0);
    expect(g1(s).score).toBe(g1(s).metrics.score);
  });

  test('the assessment export carries the visit figures and the score with them', async () => {
    await person('p1', '2026-11-10');
    await person('p2', '2026-10-01');
    const r = data<{ url: string }>(
      await w.admin(P.communityAdmin, 'exportLedger', { kind: 'assessment', period: '2026-11', groupBy: 'grid' }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(w.exports.get(r.url)!) as never);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(2).values as unknown[]).map(String);
    const col = (label: string) => header.indexOf(label);
    expect(col('走访完成率（已走访/应走访）')).toBeGreaterThan(0);
    const unit = g1(await stats());
    const row = sheet.getRows(3, sheet.rowCount - 2)!.find((x) => x.getCell(2).value === unit.name)!;
    expect(row).toBeDefined();
    expect(row.getCell(col('走访完成率（已走访/应走访）')).value).toBe('50.0%（1/2）');
    expect(row.getCell(col('走访逾期人数')).value).toBe(1);
    expect(row.getCell(col('含走访得分')).value).toBe(unit.score);
  });
});
