/**
 * One truth for time, across every view: the demo street (双福街道, about 200 cases in every
 * status) at several fixed moments. At each moment every view is computed — the admin desk's 超时
 * tile and queue, the 超时 filter of the case list, the members' task cards, the case page, the
 * board's cards and its 超时 figure, the weekly report and the case ledger — and each must say
 * what `caseTime(caseClocks(case), now)` says of the stored case.
 */
import { board } from '../../backend/functions/board';
import { member } from '../../backend/functions/member';
import { runTimerTick } from '../../backend/functions/timer';
import { caseLedgerTable } from '../../backend/services/ledger-export';
import { caseClocks, caseTime, type CaseClocks } from '../../core/case-time';
import { computeMetrics, tallyCases } from '../../core/metrics';
import { isOpen, type Case } from '../../core/model';
import { addLocalDays, localDateOf, startOfLocalDate } from '../../core/working-days';
import { NOW, P, data, openAdminWorld, type AdminWorld } from '../support/admin-world';

let clock = new Date(NOW.getTime());
let w: AdminWorld;
// Seeding the demo street takes a few seconds alone and more while other suites share the cores.
beforeAll(async () => {
  w = await openAdminWorld(() => new Date(clock.getTime()));
}, 30_000);
afterAll(async () => w.close());

type Card = { id: string; status: string; clocks: CaseClocks };

async function allCases(): Promise<Case[]> {
  const out: Case[] = [];
  let cursor: string | undefined;
  do {
    const page = await w.store.listCases({ limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function pages<T>(fetch: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Lets the timer mark everything whose clock has come, as it would have minute by minute. */
async function catchUp(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await runTimerTick(w.deps, undefined, 500);
    if (r.reminded + r.overdue + r.autoClosed === 0) return;
  }
}

// Monday 10:00, the same evening, three days on, ten days on (into December), a month on.
const MOMENTS = [0, 0.4, 3, 10, 30].map((days) => new Date(NOW.getTime() + days * 86_400_000));

describe.each(MOMENTS.map((m) => [m.toISOString(), m] as const))('%s：各个视图对时间的说法一致', (_label, moment) => {
  let cases: Case[];
  const truth = (c: Pick<Case, 'id'>) => caseTime(caseClocks(cases.find((x) => x.id === c.id)!), moment);

  beforeAll(async () => {
    clock = moment;
    await catchUp();
    cases = await allCases();
  });

  test('卡片带来的计时与存储的诉求一致（管理、成员、公示栏、详情页）', async () => {
    const adminCards = await pages<Card>(async (cursor) =>
      data(await w.admin(P.streetAdmin, 'listCases', { status: 'processing', limit: 50, ...(cursor ? { cursor } : {}) })),
    );
    const memberCards = await pages<Card>(async (cursor) =>
      data(await member.handle({ action: 'listTasks', limit: 50, ...(cursor ? { cursor } : {}) }, P.member, w.deps)),
    );
    const boardCards = await pages<Card>(async (cursor) =>
      data(await board.handle({ action: 'listCases', status: 'open', limit: 50, ...(cursor ? { cursor } : {}) }, undefined, w.deps)),
    );
    const cards = [...adminCards, ...memberCards, ...boardCards];
    expect(cards.length).toBeGreaterThan(10);
    for (const card of cards) {
      const stored = cases.find((c) => c.id === card.id)!;
      expect({ id: card.id, text: caseTime(card.clocks, moment).text }).toEqual({ id: card.id, text: truth(stored).text });
    }
    const detail = data<{ case: Card }>(await w.admin(P.streetAdmin, 'getCase', { caseId: adminCards[0]!.id })).case;
    expect(caseTime(detail.clocks, moment).text).toBe(truth(detail).text);
  });

  test('首页超时数、超时队列与「只看超时」列表，都是正在计时的期限已过的诉求', async () => {
    const late = cases.filter((c) => isOpen(c.status) && truth(c).late);
    // The demo street has late work at every moment, so the comparison is not between empty lists.
    expect(cases.filter((c) => truth(c).everLate).length).toBeGreaterThan(0);
    const dash = data<{ counts: { overdue: number }; queues: { overdue: Card[] } }>(await w.admin(P.streetAdmin, 'dashboard', {}));
    expect(dash.counts.overdue).toBe(late.length);
    for (const c of dash.queues.overdue) expect(caseTime(c.clocks, moment).late).toBe(true);
    const listed = await pages<Card>(async (cursor) =>
      data(await w.admin(P.streetAdmin, 'listCases', { overdue: true, limit: 50, ...(cursor ? { cursor } : {}) })),
    );
    expect(listed.map((c) => c.id).sort()).toEqual(late.map((c) => c.id).sort());
    // Every case the tile counts reads 「…已超时」 on its card.
    for (const c of listed) expect(caseTime(c.clocks, moment).text).toMatch(/已超时/);
  });

  test('周报的超时诉求：本周错过的期限或本周到期已过的期限；每一件都写明哪项已超时', async () => {
    const week = data<{ weekStart: string; counts: { overdue: number }; overdueCases: Card[] }>(
      await w.admin(P.streetAdmin, 'weeklyReport', { weekOf: localDateOf(moment) }),
    );
    const from = startOfLocalDate(week.weekStart).toISOString();
    const to = startOfLocalDate(addLocalDays(week.weekStart, 7)).toISOString();
    const within = (at?: string) => at !== undefined && at >= from && at < to;
    const expected = cases.filter((c) => {
      const t = truth(c);
      return t.missed.some((m) => within(m.at)) || (t.late && within(t.running?.at));
    });
    expect(week.counts.overdue).toBe(expected.length);
    for (const c of week.overdueCases) expect(caseTime(c.clocks, moment).text).toMatch(/已超时/);
  });

  test('台账「是否超时」、公示栏超时件数与诉求的计时一致；计时器标记过的都算', async () => {
    // Once the timer has caught up, a case is marked late exactly when a clock was missed or runs late.
    for (const c of cases) expect({ id: c.id, overdue: c.overdue }).toEqual({ id: c.id, overdue: truth(c).everLate });
    const table = caseLedgerTable(cases, { community: (id) => id, grid: (id) => id, building: (id) => id }, moment);
    const col = table.columns.findIndex((c) => c.label === '是否超时');
    expect(col).toBeGreaterThan(-1);
    // 编号 is the case number; every seeded case has one.
    const byNo = new Map(cases.map((c) => [c.no, c]));
    for (const row of table.rows) expect(row[col]).toBe(truth(byNo.get(String(row[0]))!).everLate ? '是' : '否');
    const summary = data<{ period: string; metrics: { overdue: number } }>(
      await board.handle({ action: 'summary', period: 'quarter' }, undefined, w.deps),
    );
    const quarterStart = summary.period === '2026-Q4' ? '2026-09-30T16:00:00.000Z' : '2026-12-31T16:00:00.000Z';
    const inQuarter = cases.filter((c) => c.createdAt >= quarterStart && c.status !== 'merged');
    expect(summary.metrics.overdue).toBe(computeMetrics(tallyCases(inQuarter)).overdue);
    expect(summary.metrics.overdue).toBe(inQuarter.filter((c) => truth(c).everLate && c.status !== 'merged').length);
  });
});
