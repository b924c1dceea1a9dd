/**
 * 12345 工单 in and out through the API: an admin uploads a sheet, previews it (row status, errors
 * per column, the building its address names), commits it (filed as 代登记, channel hotline, with
 * the 工单号), imports it again or twice at once without filing anything twice, and exports the
 * results in the same layout with 办理结果, 办结时间 and 回访结果.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { member } from '../../backend/functions/member';
import { csvBytes, HOTLINE_HEADER, ticketRow, xlsxBytes, type SheetRow } from '../support/hotline-sheets';
import { NOW, P, YUYUAN, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

let w: AdminWorld;
/** Uploads by id, with their owner, as the host keeps them. */
const uploads = new Map<string, { owner: string; bytes: Uint8Array }>();
beforeAll(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
  w.deps.readUpload = async (fileId, openid) => {
    const u = uploads.get(fileId);
    return u && u.owner === openid ? u.bytes : { code: 'FILE.NOT_FOUND', message: '文件不存在或不是您上传的，请重新选择表格' };
  };
});
afterAll(async () => w.close());

let seq = 0;
function upload(owner: string, bytes: Uint8Array, ext = 'xlsx'): string {
  const id = `${String(++seq).padStart(32, '0')}.${ext}`;
  uploads.set(id, { owner, bytes });
  return id;
}

type PreviewRow = {
  line: number;
  status: string;
  statusName: string;
  ticketNo?: string;
  errors: { columnName: string; message: string }[];
  matchKind?: string;
  matchHow?: string;
  placeName?: string;
  caseNo?: string;
};
type Preview = { rows: PreviewRow[]; counts: Record<string, number>; grids: { id: string; name: string }[] };
type Commit = {
  lines: { ticketNo: string; outcome: string; caseId?: string; message?: string }[];
  created: number;
  existing: number;
  failed: number;
  skipped: number;
};

const hotlineCases = async () =>
  (await w.store.listCases({ streetId: 'shuangfu', limit: 500 })).items.filter((c) => c.origin?.channel === 'hotline');

describe('importing a 工单 sheet', () => {
  const rows: SheetRow[] = [
    HOTLINE_HEADER,
    ticketRow(1),
    ticketRow(2, { address: '渝园社区第二网格菜市场门口', due: '2026-12-31' }),
    ticketRow(3, { address: '双福大道188号' }),
    ticketRow(4, { phone: '12345', name: '' }),
  ];
  let fileId: string;

  it('previews each row: 新建 with its building, a grid, no match, 错误 with a message per column; nothing is filed', async () => {
    fileId = upload(P.communityAdmin, await xlsxBytes(rows));
    const p = data<Preview>(await w.intake(P.communityAdmin, 'hotlinePreview', { fileId }));
    expect(p.counts).toEqual({ total: 4, new: 3, imported: 0, error: 1, needGrid: 1 });
    expect(p.rows.map((r) => [r.line, r.statusName, r.matchKind, r.matchHow, r.placeName])).toEqual([
      [2, '新建', 'building', 'exact', '渝园社区第一网格 2栋'],
      [3, '新建', 'grid', undefined, '渝园社区第二网格'],
      [4, '新建', 'none', undefined, undefined],
      [5, '错误', undefined, undefined, undefined],
    ]);
    expect(p.rows[3]!.errors.map((e) => `${e.columnName}：${e.message}`)).toEqual([
      '联系人：联系人不能为空',
      '电话：电话格式不正确：手机号11位，座机如023-12345678',
    ]);
    // The community admin picks among the grids of their own community only.
    expect(p.grids.map((g) => g.id).sort()).toEqual(['sf-yuyuan-g1', 'sf-yuyuan-g2']);
    expect(await hotlineCases()).toHaveLength(0);
  });

  it('commits the good rows as 12345 代登记 with the 工单号; a row without a grid waits for one', async () => {
    const r = data<Commit>(await w.intake(P.communityAdmin, 'hotlineCommit', { fileId, categoryId: 'cat-01' }));
    expect(r).toMatchObject({ created: 2, existing: 0, failed: 1, skipped: 1 });
    expect(r.lines.find((l) => l.ticketNo === 'GD26120003')).toMatchObject({ outcome: 'error', message: '地址未匹配到楼栋，请选择网格' });
    const c1 = await w.getCase(r.lines.find((l) => l.ticketNo === 'GD26120001')!.caseId!);
    expect(c1).toMatchObject({
      source: 'proxy',
      isPublic: false,
      contactName: '周大爷',
      contactPhone: '13877776666',
      place: { communityId: YUYUAN, gridId: 'sf-yuyuan-g1', buildingId: 'sf-yuyuan-g1-b2' },
      origin: { channel: 'hotline', refId: 'GD26120001', address: '渝园社区2栋3单元', dueBy: '2026-11-24T10:00:00.000Z' },
    });
    expect((await w.store.getTimeline(c1.id))[0]!.note).toBe('代登记（12345热线 工单号GD26120001）');

    // The grid picked for the unmatched row files it.
    const again = data<Commit>(
      await w.intake(P.communityAdmin, 'hotlineCommit', { fileId, categoryId: 'cat-01', grids: { GD26120003: 'sf-yuyuan-g2' } }),
    );
    expect(again).toMatchObject({ created: 1, existing: 2, failed: 0 });
    expect(await hotlineCases()).toHaveLength(3);
  });

  it('the admin lists them; each says channel 12345热线, its 工单号 and the address as written', async () => {
    const list = data<{ items: { id: string; description: string }[] }>(await w.admin(P.communityAdmin, 'listCases', {}));
    const mine = list.items.filter((i) => /^第[123]号工单/.test(i.description));
    expect(mine).toHaveLength(3);
    const one = data<{ case: { channelName: string; ticketNo: string; ticketAddress: string } }>(
      await w.admin(P.communityAdmin, 'getCase', { caseId: mine.find((i) => i.description.startsWith('第1号'))!.id }),
    );
    expect(one.case).toMatchObject({ channelName: '12345热线', ticketNo: 'GD26120001', ticketAddress: '渝园社区2栋3单元' });
  });

  it('a re-import of the same file (as CSV) previews every row as already imported and files nothing', async () => {
    const csv = upload(P.communityAdmin, csvBytes(rows, 'gb18030'), 'csv');
    const p = data<Preview>(await w.intake(P.communityAdmin, 'hotlinePreview', { fileId: csv }));
    expect(p.rows.map((r) => r.statusName)).toEqual(['已导入(重复工单号)', '已导入(重复工单号)', '已导入(重复工单号)', '错误']);
    expect(p.rows[0]!.caseNo).toMatch(/^\d{4}-\d{4}$/);
    const r = data<Commit>(await w.intake(P.communityAdmin, 'hotlineCommit', { fileId: csv, categoryId: 'cat-01' }));
    expect(r).toMatchObject({ created: 0, existing: 3 });
    expect(await hotlineCases()).toHaveLength(3);
  });

  it('two imports of one file at once file each 工单 once', async () => {
    const sheet = await xlsxBytes([HOTLINE_HEADER, ...[11, 12, 13, 14, 15].map((n) => ticketRow(n))]);
    const a = upload(P.communityAdmin, sheet);
    const b = upload(P.streetAdmin, sheet);
    const [ra, rb] = await Promise.all([
      w.intake(P.communityAdmin, 'hotlineCommit', { fileId: a, categoryId: 'cat-01' }),
      w.intake(P.streetAdmin, 'hotlineCommit', { fileId: b, categoryId: 'cat-01', communityId: YUYUAN }),
    ]);
    const created = data<Commit>(ra).created + data<Commit>(rb).created;
    expect(created).toBe(5);
    const tickets = (await hotlineCases()).map((c) => c.origin!.refId);
    expect(tickets.filter((t) => t!.startsWith('GD261200') && Number(t!.slice(-2)) >= 11)).toHaveLength(5);
    expect(new Set(tickets).size).toBe(tickets.length);
  });

  it('the sheet’s 办理时限 becomes the resolution deadline only when stricter than the policy', async () => {
    const cases = await hotlineCases();
    const strict = cases.find((c) => c.origin!.refId === 'GD26120001')!;
    const loose = cases.find((c) => c.origin!.refId === 'GD26120002')!;
    for (const c of [strict, loose]) {
      const holder = c.holder!.openid;
      data(await member.handle({ action: 'acceptCase', caseId: c.id }, holder, w.deps));
    }
    // Accepted Monday 10:00: the policy gives 3 working days (to the end of Thursday); the sheet said Tuesday 18:00.
    expect((await w.getCase(strict.id)).deadlines.resolveBy).toBe('2026-11-24T10:00:00.000Z');
    expect((await w.getCase(loose.id)).deadlines.resolveBy).toBe('2026-11-26T16:00:00.000Z');
  });
});

describe('refusals change nothing', () => {
  it('a file that is not a spreadsheet, another person’s upload, a member, another community', async () => {
    const before = (await hotlineCases()).length;
    const text = upload(P.communityAdmin, new TextEncoder().encode('这是一封信，不是表格。\n谢谢'), 'csv');
    const r = await w.intake(P.communityAdmin, 'hotlinePreview', { fileId: text });
    expect(r.ok ? 'ok' : r.error.message).toMatch(/^没有找到表头/);
    expect(outcome(await w.intake(P.communityAdmin, 'hotlineCommit', { fileId: text, categoryId: 'cat-01' }))).toBe('FILE.INVALID');

    const sheet = upload(P.otherCommunityAdmin, await xlsxBytes([HOTLINE_HEADER, ticketRow(90)]));
    expect(outcome(await w.intake(P.communityAdmin, 'hotlineCommit', { fileId: sheet, categoryId: 'cat-01' }))).toBe('FILE.NOT_FOUND');
    expect(outcome(await w.intake(P.member, 'hotlinePreview', { fileId: sheet }))).toBe('AUTH.FORBIDDEN');
    expect(outcome(await w.intake(P.resident, 'hotlinePreview', { fileId: sheet }))).toBe('AUTH.FORBIDDEN');
    expect(
      outcome(await w.intake(P.otherCommunityAdmin, 'hotlineCommit', { fileId: sheet, categoryId: 'cat-01', communityId: YUYUAN })),
    ).toBe('AUTH.FORBIDDEN');
    // 兴隆社区's admin: the address names 渝园社区, so 兴隆's own 2栋 is not taken for it.
    const own = data<Commit>(await w.intake(P.otherCommunityAdmin, 'hotlineCommit', { fileId: sheet, categoryId: 'cat-01' }));
    expect(own).toMatchObject({ created: 0, failed: 1 });
    expect(own.lines[0]!.message).toBe('地址未匹配到楼栋，请选择网格');
    const preview = data<Preview & { rows: { matchNote?: string }[] }>(
      await w.intake(P.otherCommunityAdmin, 'hotlinePreview', { fileId: sheet }),
    );
    expect(preview.rows[0]!.matchNote).toBe('地址属于渝园社区，不在您的管辖范围，请核对或选择网格');
    const wrongGrid = data<Commit>(
      await w.intake(P.otherCommunityAdmin, 'hotlineCommit', {
        fileId: sheet,
        categoryId: 'cat-01',
        grids: { GD26120090: 'sf-yuyuan-g1' },
      }),
    );
    expect(wrongGrid.lines[0]!.message).toBe('所选网格不在您的管辖范围');
    expect((await hotlineCases()).length).toBe(before);
  });
});

describe('exporting the results', () => {
  async function readXlsx(url: string): Promise<string[][]> {
    const wb = new ExcelJS.Workbook();
    const bytes = readFileSync(w.exports.get(url)!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const all: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => all.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    return all;
  }

  it('the same layout plus 办理结果, 办结时间, 回访结果; named in Chinese; the street’s file masks residents', async () => {
    const c = (await hotlineCases()).find((x) => x.origin!.refId === 'GD26120001')!;
    data(
      await member.handle(
        { action: 'resolveCase', caseId: c.id, result: '已更换灯泡，恢复照明', photos: ['after-1.jpg'] },
        c.holder!.openid,
        w.deps,
      ),
    );
    data(await w.intake(P.communityAdmin, 'phoneVisit', { caseId: c.id, rating: 'satisfied' }));

    const period = NOW.toISOString().slice(0, 7);
    const own = data<{ url: string; fileName: string; rowCount: number }>(await w.intake(P.communityAdmin, 'hotlineExport', { period }));
    expect(own.fileName).toBe('渝园社区_12345工单回复_2026年11月.xlsx');
    expect(own.rowCount).toBe(8);
    const sheet = await readXlsx(own.url);
    expect(sheet[0]).toEqual(['工单号', '诉求内容', '地址', '联系人', '电话', '派单时间', '办理时限', '办理结果', '办结时间', '回访结果']);
    const row = sheet.find((r) => r[0] === 'GD26120001')!;
    expect(row).toEqual([
      'GD26120001',
      '第1号工单：楼道灯坏了，晚上看不见路',
      '渝园社区2栋3单元',
      '周大爷',
      '13877776666',
      '2026-11-23 09:00',
      '2026-11-24 18:00',
      '已更换灯泡，恢复照明',
      '2026-11-23 10:00',
      expect.stringMatching(/^电话回访：满意（.+）$/),
    ]);
    expect(sheet.find((r) => r[0] === 'GD26120002')![7]).toBe('处理中');

    const street = data<{ url: string; fileName: string }>(await w.intake(P.streetAdmin, 'hotlineExport', { period, format: 'csv' }));
    expect(street.fileName).toBe('双福街道_12345工单回复_2026年11月.csv');
    const csv = readFileSync(w.exports.get(street.url)!, 'utf8');
    expect(csv.startsWith('\uFEFF工单号,诉求内容,地址,联系人,电话,派单时间,办理时限,办理结果,办结时间,回访结果\r\n')).toBe(true);
    expect(csv).toContain('GD26120001,第1号工单：楼道灯坏了，晚上看不见路,渝园社区2栋3单元,周**,138****6666,');
    expect(csv).not.toContain('13877776666');
  });
});
