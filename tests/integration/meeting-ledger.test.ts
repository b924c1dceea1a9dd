/**
 * The 院坝会 / 议事日 ledger through `community` on the seeded demo street: one row per meeting of the
 * month or quarter, read back from the .xlsx; the cases the issues became with their numbers; who
 * raised an issue never written; admins only, each within their own community or street.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { P, YUYUAN, YUYUAN_G1, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

jest.setTimeout(60_000);

let w: AdminWorld;
beforeEach(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterEach(async () => w.close());

let seq = 0;
const record = async (params: Record<string, unknown> = {}) =>
  data<{ meeting: { id: string } }>(
    await w.community(P.member, 'meetingRecord', {
      requestId: `ledger-it-${++seq}`,
      gridId: YUYUAN_G1,
      kind: 'courtyard',
      heldOn: '2026-11-20',
      place: '1栋院坝',
      topic: '停车与环境整治',
      attendance: 36,
      rolesPresent: ['party_leader', 'grid_worker'],
      decisions: '划定临时停车位',
      issues: [{ text: '3栋门口路灯不亮', raisedBy: '周大爷' }, { text: '垃圾站清运不及时' }],
      ...params,
    }),
  ).meeting;

interface Exported {
  url: string;
  fileName: string;
  rowCount: number;
  sheetName: string;
}

/** The sheet's rows as arrays of cell text (row 1 the title, row 2 the header). */
async function sheet(out: Exported): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(w.exports.get(out.url)!) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

describe('院坝会台账', () => {
  test('one row per meeting of the month, with its cases and their numbers, and no one who raised an issue', async () => {
    const nov = await record();
    await record({ gridId: undefined, communityId: YUYUAN, kind: 'deliberation_day', heldOn: '2026-11-05', issues: [], topic: '议事日' });
    await record({ heldOn: '2026-10-10', topic: '十月的会' });
    const filed = data<{ filed: { caseId: string; caseNo?: string }[] }>(
      await w.community(P.communityAdmin, 'meetingFileIssues', {
        meetingId: nov.id,
        issues: [
          { index: 0, categoryId: 'cat-01' },
          { index: 1, categoryId: 'cat-01' },
        ],
      }),
    ).filed;
    const numbers = filed.map((f) => f.caseNo ?? f.caseId);

    const out = data<Exported>(await w.community(P.communityAdmin, 'meetingLedger', { period: '2026-11' }));
    expect(out).toMatchObject({ fileName: '渝园社区_院坝会台账_2026年11月.xlsx', rowCount: 2, sheetName: '院坝会台账' });
    const rows = await sheet(out);
    expect(rows[0]![0]).toContain('渝园社区 院坝会（议事日）台账（2026年11月）');
    expect(rows[1]).toEqual([
      '会议日期',
      '会议类型',
      '社区',
      '网格',
      '地点',
      '议题',
      '参会人数',
      '出席角色',
      '议定事项',
      '群众反映的问题',
      '转为诉求数',
      '诉求编号',
    ]);
    const [first, second] = rows.slice(2);
    expect(first!.slice(0, 4)).toEqual(['2026-11-05', '议事日', '渝园社区', '全社区']);
    expect(first![10]).toBe('0');
    expect(second!.slice(0, 8)).toEqual([
      '2026-11-20',
      '院坝会',
      '渝园社区',
      expect.any(String),
      '1栋院坝',
      '停车与环境整治',
      '36',
      '党小组长、网格员',
    ]);
    expect(second![3]).not.toBe('全社区');
    expect(second![8]).toBe('划定临时停车位');
    expect(second![9]).toBe('1. 3栋门口路灯不亮\n2. 垃圾站清运不及时');
    expect(second![10]).toBe('2');
    expect(second![11]).toBe(numbers.join('、'));
    expect(JSON.stringify(rows)).not.toContain('周大爷');
    expect(JSON.stringify(rows)).not.toContain('十月的会');
  });

  test('a quarter takes its three months; the street exports every community; the default is this month', async () => {
    await record({ heldOn: '2026-10-10', topic: '十月的会' });
    await record({ heldOn: '2026-11-20', topic: '十一月的会' });
    await record({ heldOn: '2026-09-30', topic: '九月的会' });
    const q4 = data<Exported>(await w.community(P.communityAdmin, 'meetingLedger', { period: '2026-Q4', communityId: YUYUAN }));
    expect(q4).toMatchObject({ fileName: '渝园社区_院坝会台账_2026年第4季度.xlsx', rowCount: 2 });
    expect((await sheet(q4)).slice(2).map((r) => r[5])).toEqual(['十月的会', '十一月的会']);
    const street = data<Exported>(await w.community(P.streetAdmin, 'meetingLedger', { period: '2026-Q3' }));
    expect(street.rowCount).toBe(1);
    expect(street.fileName).toMatch(/_院坝会台账_2026年第3季度\.xlsx$/);
    expect(street.fileName).not.toMatch(/^渝园社区/);
    const current = data<Exported>(await w.community(P.communityAdmin, 'meetingLedger', {}));
    expect(current).toMatchObject({ fileName: '渝园社区_院坝会台账_2026年11月.xlsx', rowCount: 1 });
  });

  test('members, departments, residents and other communities are refused; a bad period is refused in Chinese', async () => {
    await record();
    for (const openid of [P.member, P.department, P.resident]) {
      expect(outcome(await w.community(openid, 'meetingLedger', { period: '2026-11' }))).toBe('AUTH.FORBIDDEN');
    }
    expect(outcome(await w.community(P.otherCommunityAdmin, 'meetingLedger', { communityId: YUYUAN }))).toBe('AUTH.FORBIDDEN');
    // Another community's admin exports their own community: nothing of 渝园 in it.
    const other = data<Exported>(await w.community(P.otherCommunityAdmin, 'meetingLedger', { period: '2026-11' }));
    expect(other.rowCount).toBe(0);
    for (const period of ['2026', '2026-13', '2026-Q5', '11月']) {
      const r = await w.community(P.communityAdmin, 'meetingLedger', { period });
      expect(outcome(r)).toBe('INPUT.INVALID');
      if (!r.ok) expect(r.error.message).toContain('台账周期须为月份');
    }
  });
});
