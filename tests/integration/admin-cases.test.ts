/**
 * The admin's case list (issue #18): case numbers people can say, the search (number, words,
 * reporter phone, handler), sorting by time left, and the bulk actions — reassign with a reason,
 * remind, export — with their scope checks before anything is written, on SQLite (the demo street)
 * and, for the search, on the cloud store.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Case } from '../../core/model';
import { readSearch } from '../../backend/functions/admin/case-list';
import { dispatchOutbox } from '../../backend/notify/dispatcher';
import { P, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';
import { makeCloudWorld } from '../support/cloud-world';

let w: AdminWorld;
const STEWARD = 'sf-yuyuan-g1-building_steward';
const GRID_WORKER = 'sf-yuyuan-g1-grid_worker';
const XINGLONG_MEMBER = 'sf-xinglong-g1-grid_worker';
const XINGLONG_BUILDING = 'sf-xinglong-g1-b1';

interface Card {
  id: string;
  no?: string;
  status: string;
  dueAt?: string;
  description: string;
}
interface Page {
  items: Card[];
  total?: number;
}
interface Report {
  results: { caseId: string; no?: string; ok: boolean; message?: string }[];
  done: number;
  failed: number;
}

const list = async (params: Record<string, unknown>, by: string = P.communityAdmin): Promise<Page> =>
  data<Page>(await w.admin(by, 'listCases', { limit: 50, ...params }));
const ids = (p: Page) => p.items.map((c) => c.id).sort();

let a: Case;
let b: Case;
let c: Case;
let far: Case;

beforeAll(async () => {
  // A street with only these cases, so every answer is known.
  w = await openAdminWorld(undefined, { caseCount: 0 });
  a = await w.submit({ description: '3号楼水管爆裂，楼道全是水', contactPhone: '13911112222' });
  b = await w.submit({ description: '楼道灯坏了 100%_不亮' });
  c = await w.submit({ description: '小区门口垃圾没人清运', contactPhone: '13800001111' });
  far = await w.submit({ description: '兴隆社区路灯不亮', buildingId: XINGLONG_BUILDING });
}, 120_000);
afterAll(async () => {
  await w.close();
});

describe('case numbers', () => {
  it('each case gets the next number of its street and month, and keeps its internal id', () => {
    // NOW is November 2026 in China; the street numbers its own cases in order, across communities.
    expect([a.no, b.no, c.no, far.no]).toEqual(['2611-0001', '2611-0002', '2611-0003', '2611-0004']);
    expect(a.id).toMatch(/^C2026/);
  });

  it('the submit answers with the number, and the cards and the case page show it', async () => {
    const r = data<{ caseId: string; caseNo: string }>(
      await w.resident(P.resident, 'submitCase', {
        requestId: 'number-000001',
        categoryId: 'cat-01',
        buildingId: 'sf-yuyuan-g1-b1',
        description: '单元门坏了',
        isPublic: false,
      }),
    );
    expect(r.caseNo).toBe('2611-0005');
    // A retried submit answers with the same case and number, and takes no new one.
    const again = data<{ caseId: string; caseNo: string }>(
      await w.resident(P.resident, 'submitCase', {
        requestId: 'number-000001',
        categoryId: 'cat-01',
        buildingId: 'sf-yuyuan-g1-b1',
        description: '单元门坏了',
        isPublic: false,
      }),
    );
    expect(again).toMatchObject({ caseId: r.caseId, caseNo: '2611-0005' });
    expect(await w.store.lastCaseNumber('shuangfu|2611')).toBe(5);
    const mine = data<{ items: Card[] }>(await w.resident(P.resident, 'listMyCases', {}));
    expect(mine.items.find((x) => x.id === r.caseId)?.no).toBe('2611-0005');
    const detail = data<{ case: Card }>(await w.admin(P.communityAdmin, 'getCase', { caseId: r.caseId }));
    expect(detail.case.no).toBe('2611-0005');
  });

  it('messages carry the number of their case', async () => {
    // The holder's new-task notice (queued for the message centre and WeChat) carries it.
    const queued = (await w.store.listOutbox()).map((o) => o.notice).filter((n) => n.caseId === a.id);
    expect(queued.length).toBeGreaterThan(0);
    for (const n of queued) expect(n.caseNo).toBe('2611-0001');
    // Delivered to the message centre, the message keeps it.
    await dispatchOutbox(w.store, w.deps.now(), undefined, {});
    const inbox = (await w.store.listInbox('demo-11-building-steward', 50)).filter((m) => m.caseId === a.id);
    expect(inbox.length).toBeGreaterThan(0);
    for (const m of inbox) expect(m.caseNo).toBe('2611-0001');
  });
});

describe('the search box', () => {
  it('reads a number, a phone, else words', () => {
    expect(readSearch('2611-3')).toEqual({ caseNo: '2611-0003' });
    expect(readSearch('139 1111 2222')).toEqual({ phone: '13911112222' });
    expect(readSearch('023-12345678')).toEqual({ phone: '023-12345678' });
    expect(readSearch('水管')).toEqual({ words: '水管' });
    expect(readSearch('2611')).toEqual({ words: '2611' });
  });

  it('finds a case by its number however it is typed, and only in the caller’s scope', async () => {
    for (const q of ['2611-0003', '2611-3', '2611 0003', '２６１１－０００３']) expect([q, ids(await list({ q }))]).toEqual([q, [c.id]]);
    expect((await list({ q: '2611-0003' })).total).toBe(1);
    // 兴隆's case is not 渝园's admin's; the street admin finds it.
    expect(ids(await list({ q: '2611-0004' }))).toEqual([]);
    expect(ids(await list({ q: '2611-0004' }, P.streetAdmin))).toEqual([far.id]);
    // Another month's number finds nothing.
    expect(ids(await list({ q: '2610-0003' }))).toEqual([]);
  });

  it('finds words of the description, literally', async () => {
    expect(ids(await list({ q: '水管' }))).toEqual([a.id]);
    expect(ids(await list({ q: '100%_' }))).toEqual([b.id]);
    expect(ids(await list({ q: '%' }))).toEqual([b.id]);
    expect(ids(await list({ q: '没有这样的话' }))).toEqual([]);
  });

  it('finds the reporter’s phone', async () => {
    expect(ids(await list({ q: '13911112222' }))).toEqual([a.id]);
    expect(ids(await list({ q: '138-0000-1111' }))).toEqual([c.id]);
  });

  it('filters by handler, within the caller’s communities', async () => {
    const held = await list({ handlerId: STEWARD });
    expect(held.items.length).toBeGreaterThanOrEqual(3);
    for (const x of held.items) expect((await w.getCase(x.id)).holder?.memberId).toBe(STEWARD);
    expect(ids(await list({ handlerId: STEWARD, q: '垃圾' }))).toEqual([c.id]);
    const r = await w.admin(P.communityAdmin, 'listCases', { handlerId: XINGLONG_MEMBER });
    expect(r).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_FOUND', message: '办理人不存在或不在您的管辖范围' } });
  });

  it('sorts open cases by time left, the least first', async () => {
    const page = await list({ sort: 'time_left' });
    expect(page.items.length).toBeGreaterThan(0);
    const due = page.items.map((x) => x.dueAt ?? '~');
    expect(due).toEqual([...due].sort());
    for (const x of page.items) expect(['pending', 'assigned', 'processing', 'escalated']).toContain(x.status);
    // Nothing is late yet.
    expect((await list({ sort: 'overdue' })).items).toEqual([]);
  });

  it('refuses bad input with a Chinese message', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ q: '' }, /「搜索内容」不能为空/],
      [{ q: '   ' }, /「搜索内容」不能为空/],
      [{ q: '字'.repeat(51) }, /「搜索内容」过长/],
      [{ sort: 'random' }, /「排序」的取值无效/],
      [{ handlerId: '../x' }, /「办理人」格式不正确/],
    ];
    for (const [params, message] of cases) {
      const r = await w.admin(P.communityAdmin, 'listCases', params);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INPUT.INVALID');
        expect(r.error.message).toMatch(message);
      }
    }
  });
});

describe('bulk actions', () => {
  const versions = async (cs: Case[]) => Promise.all(cs.map(async (x) => (await w.getCase(x.id)).version));

  it('reassigning asks for a reason and a confirmation, and refuses it all when one case is out of scope', async () => {
    const before = await versions([a, b, far]);
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ caseIds: [a.id, b.id], memberId: GRID_WORKER, confirmed: true }, 'INPUT.INVALID', /缺少「理由」/],
      [{ caseIds: [a.id, b.id], memberId: GRID_WORKER, reason: '好', confirmed: true }, 'INPUT.INVALID', /「理由」须至少包含2个/],
      [{ caseIds: [a.id, b.id], memberId: GRID_WORKER, reason: '物管员休假' }, 'INPUT.INVALID', /「确认」的取值无效/],
      [{ caseIds: [a.id, a.id], memberId: GRID_WORKER, reason: '物管员休假', confirmed: true }, 'INPUT.INVALID', /「所选诉求」中有重复/],
      [{ caseIds: [], memberId: GRID_WORKER, reason: '物管员休假', confirmed: true }, 'INPUT.INVALID', /「所选诉求」数量不足/],
      [
        { caseIds: [a.id, far.id], memberId: GRID_WORKER, reason: '物管员休假', confirmed: true },
        'CASE.NOT_FOUND',
        /1件不存在或不在您的管辖范围，未作任何更改/,
      ],
      [{ caseIds: [a.id, 'C-nope'], memberId: GRID_WORKER, reason: '物管员休假', confirmed: true }, 'CASE.NOT_FOUND', /未作任何更改/],
      [{ caseIds: [a.id], memberId: XINGLONG_MEMBER, reason: '物管员休假', confirmed: true }, 'MEMBER.NOT_FOUND', /不在您的管辖范围/],
    ];
    for (const [params, code, message] of refusals) {
      const r = await w.admin(P.communityAdmin, 'bulkReassign', params);
      expect([params, outcome(r)]).toEqual([params, code]);
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
    // The street admin reaches both communities, but the member works in one.
    const r = await w.admin(P.streetAdmin, 'bulkReassign', {
      caseIds: [a.id, far.id],
      memberId: GRID_WORKER,
      reason: '物管员休假',
      confirmed: true,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'MEMBER.NOT_FOUND', message: expect.stringContaining('未作任何更改') } });
    // Only admins.
    for (const who of [P.member, P.resident, P.department])
      expect(
        outcome(await w.admin(who, 'bulkReassign', { caseIds: [a.id], memberId: GRID_WORKER, reason: '物管员休假', confirmed: true })),
      ).toBe('AUTH.FORBIDDEN');
    expect(await versions([a, b, far])).toEqual(before);
  });

  it('reassigns every selected case, keeps the reason in each timeline and reports each', async () => {
    const rep = data<Report>(
      await w.admin(P.communityAdmin, 'bulkReassign', {
        caseIds: [a.id, b.id],
        memberId: GRID_WORKER,
        reason: '物管员休假一周',
        confirmed: true,
      }),
    );
    expect(rep).toMatchObject({ done: 2, failed: 0 });
    expect(rep.results.map((x) => [x.caseId, x.no, x.ok])).toEqual([
      [a.id, '2611-0001', true],
      [b.id, '2611-0002', true],
    ]);
    for (const x of [a, b]) {
      expect((await w.getCase(x.id)).holder?.memberId).toBe(GRID_WORKER);
      const timeline = await w.store.getTimeline(x.id);
      expect(timeline[timeline.length - 1]!.note).toContain('物管员休假一周');
    }
  });

  it('reports a case that cannot be changed and still does the others', async () => {
    const closed = await w.submit({ description: '已撤回的诉求' });
    expect(outcome(await w.resident(P.resident, 'withdrawCase', { caseId: closed.id, reason: '自己修好了' }))).toBe('ok');
    const rep = data<Report>(await w.admin(P.communityAdmin, 'bulkRemind', { caseIds: [closed.id, c.id], note: '请今天处理' }));
    expect(rep).toMatchObject({ done: 1, failed: 1 });
    expect(rep.results[0]).toMatchObject({ caseId: closed.id, ok: false, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect(rep.results[1]).toMatchObject({ caseId: c.id, ok: true });
    const timeline = await w.store.getTimeline(c.id);
    expect(timeline[timeline.length - 1]).toMatchObject({ action: 'remind', note: '请今天处理' });
    // The holder is told, with the case number.
    const told = (await w.store.listOutbox()).map((o) => o.notice).filter((n) => n.caseId === c.id && n.kind === 'task_reminder');
    expect(told.length).toBe(1);
    expect(told[0]!.caseNo).toBe(c.no);
  });

  it('exports the selected cases with their numbers', async () => {
    const r = data<{ url: string; fileName: string; rowCount: number }>(
      await w.admin(P.communityAdmin, 'exportSelected', { caseIds: [c.id, a.id] }),
    );
    expect(r.rowCount).toBe(2);
    expect(r.fileName).toBe('渝园社区_诉求台账_所选2件_2026年11月23日.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(w.exports.get(r.url)!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const values: string[] = [];
    sheet.eachRow((row) => values.push(String(row.getCell(1).value)));
    expect(values).toEqual(expect.arrayContaining(['2611-0001', '2611-0003']));
    expect(outcome(await w.admin(P.communityAdmin, 'exportSelected', { caseIds: [c.id, far.id] }))).toBe('CASE.NOT_FOUND');
    expect(outcome(await w.admin(P.member, 'exportSelected', { caseIds: [c.id] }))).toBe('AUTH.FORBIDDEN');
  });
});

describe('the search on the cloud store', () => {
  it('finds a case by number, words and phone through the cloud adapter', async () => {
    const world = await makeCloudWorld({ latencyMs: 0, start: new Date('2026-12-07T02:00:00Z') });
    const submitted: { caseId: string; caseNo: string }[] = [];
    for (const [i, description] of ['单元楼水管爆裂', '门口路灯不亮 (lamp.*)', '楼下垃圾没人清'].entries())
      submitted.push(
        await world.ok('resident', 'demo-resident-1', 'submitCase', {
          requestId: `cloud-search-${i}`,
          categoryId: 'cat-01',
          buildingId: 'sf-yuyuan-g1-b1',
          description,
          isPublic: true,
          ...(i === 2 ? { contactPhone: '13700001111' } : {}),
        }),
      );
    expect(submitted.map((s) => s.caseNo)).toEqual(['2612-0001', '2612-0002', '2612-0003']);
    const find = async (q: string) => (await world.ok<Page>('admin', 'demo-admin-1', 'listCases', { q })).items.map((x) => x.id);
    expect(await find('2612-2')).toEqual([submitted[1]!.caseId]);
    expect(await find('(lamp.*)')).toEqual([submitted[1]!.caseId]);
    expect(await find('13700001111')).toEqual([submitted[2]!.caseId]);
    expect(await find('2612-0009')).toEqual([]);
  });
});
