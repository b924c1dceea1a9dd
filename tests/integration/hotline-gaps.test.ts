/**
 * 12345 工单 sheets beyond dates: a 办理时限 written as a duration becomes a deadline on the street's
 * working-day calendar; one that is not understood is said so and leaves the policy's limit; a
 * 诉求类别 the street does not have is shown with the category it will be filed under, and the
 * import uses that; every import is kept in the street's history, newest first, a page at a time.
 */
import { member } from '../../backend/functions/member';
import { HOTLINE_HEADER, ticketRow, xlsxBytes, type SheetRow } from '../support/hotline-sheets';
import { NOW, P, YUYUAN, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

let w: AdminWorld;
let clock = NOW.getTime();
const uploads = new Map<string, { owner: string; bytes: Uint8Array }>();
beforeAll(async () => {
  w = await openAdminWorld(() => new Date(clock), { caseCount: 0 });
  w.deps.readUpload = async (fileId, openid) => {
    const u = uploads.get(fileId);
    return u && u.owner === openid ? u.bytes : { code: 'FILE.NOT_FOUND', message: '文件不存在或不是您上传的，请重新选择表格' };
  };
});
afterAll(async () => w.close());

let seq = 0;
function upload(owner: string, bytes: Uint8Array): string {
  const id = `${String(++seq).padStart(32, '0')}.xlsx`;
  uploads.set(id, { owner, bytes });
  return id;
}

type Row = {
  line: number;
  ticketNo?: string;
  status: string;
  dueBy?: string;
  dueNote?: string;
  categoryId?: string;
  sheetCategory?: string;
  errors: unknown[];
};
type Preview = { rows: Row[]; categories: { id: string; name: string }[] };
type Commit = { lines: { ticketNo: string; outcome: string; caseId?: string }[]; created: number };
const caseOf = async (ticket: string) =>
  (await w.store.listCases({ streetId: 'shuangfu', limit: 500 })).items.find((c) => c.origin?.refId === ticket)!;

describe('a 办理时限 written as a duration', () => {
  // Dispatched Monday 2026-11-23 09:00 (local); the world's clock is that Monday 10:00.
  const rows: SheetRow[] = [
    HOTLINE_HEADER,
    ticketRow(31, { due: '2个工作日' }),
    ticketRow(32, { due: '３天内' }),
    ticketRow(33, { due: '四十八小时' }),
    ticketRow(34, { due: '尽快' }),
    ticketRow(35, { due: '5个工作日', dispatched: '' }),
  ];
  let fileId: string;

  it('previews each as a deadline, saying how it was counted; one not understood is no error', async () => {
    fileId = upload(P.communityAdmin, await xlsxBytes(rows));
    const p = data<Preview>(await w.intake(P.communityAdmin, 'hotlinePreview', { fileId }));
    expect(p.rows.map((r) => [r.ticketNo, r.status, r.dueBy, r.dueNote])).toEqual([
      // Tue, Wed → end of Wednesday (local).
      ['GD26120031', 'new', '2026-11-25T15:59:59.000Z', '办理时限2个工作日，自派单时间起算，至 2026-11-25 23:59'],
      // Calendar days: Tue, Wed, Thu → end of Thursday.
      ['GD26120032', 'new', '2026-11-26T15:59:59.000Z', '办理时限3天，自派单时间起算，至 2026-11-26 23:59'],
      ['GD26120033', 'new', '2026-11-25T01:00:00.000Z', '办理时限48小时，自派单时间起算，至 2026-11-25 09:00'],
      ['GD26120034', 'new', undefined, '办理时限“尽快”无法识别，将按本社区规定时限办理'],
      // No 派单时间: counted from the import (Monday) → Tue … Mon 30 Nov.
      ['GD26120035', 'new', '2026-11-30T15:59:59.000Z', '办理时限5个工作日，表格没有派单时间，自导入时起算，至 2026-11-30 23:59'],
    ]);
    expect(p.rows.every((r) => r.errors.length === 0)).toBe(true);
  });

  it('files the deadline shown; the stricter of it and the policy runs once accepted, and the unreadable one keeps the policy', async () => {
    const r = data<Commit>(await w.intake(P.communityAdmin, 'hotlineCommit', { fileId, categoryId: 'cat-01' }));
    expect(r.created).toBe(5);
    const two = await caseOf('GD26120031');
    const unread = await caseOf('GD26120034');
    expect(two.origin!.dueBy).toBe('2026-11-25T15:59:59.000Z');
    expect(unread.origin!.dueBy).toBeUndefined();
    for (const c of [two, unread]) data(await member.handle({ action: 'acceptCase', caseId: c.id }, c.holder!.openid, w.deps));
    // The policy gives 3 working days from acceptance (end of Thursday): 2个工作日 is stricter.
    expect((await w.getCase(two.id)).deadlines.resolveBy).toBe('2026-11-25T15:59:59.000Z');
    expect((await w.getCase(unread.id)).deadlines.resolveBy).toBe('2026-11-26T16:00:00.000Z');
  });
});

describe('a 诉求类别 the street does not have', () => {
  const header = [...HOTLINE_HEADER, '诉求类别'];
  const rows: SheetRow[] = [header, [...ticketRow(41), '邻里纠纷'], [...ticketRow(42), '飞碟降落'], [...ticketRow(43), '飞碟降落']];
  let fileId: string;
  let preview: Preview;

  it('is marked in the preview with what the sheet says, never matched silently', async () => {
    fileId = upload(P.communityAdmin, await xlsxBytes(rows));
    preview = data<Preview>(await w.intake(P.communityAdmin, 'hotlinePreview', { fileId }));
    const byName = new Map(preview.categories.map((c) => [c.name, c.id]));
    const [known, odd] = preview.rows;
    expect(known!.categoryId).toBe(byName.get('邻里纠纷'));
    expect(known!.categoryId).toBeDefined();
    expect(known!.sheetCategory).toBeUndefined();
    expect(odd).toMatchObject({ sheetCategory: '飞碟降落' });
    expect(odd!.categoryId).toBeUndefined();
  });

  it('is filed under the category picked for that row, else the default shown for it', async () => {
    const r = data<Commit>(
      await w.intake(P.communityAdmin, 'hotlineCommit', { fileId, categoryId: 'cat-01', categories: { GD26120042: 'cat-02' } }),
    );
    expect(r.created).toBe(3);
    expect((await caseOf('GD26120042')).categoryId).toBe('cat-02');
    expect((await caseOf('GD26120043')).categoryId).toBe('cat-01');
  });

  it('a per-row category that is not the street’s is refused for that row and files nothing for it', async () => {
    const f = upload(P.communityAdmin, await xlsxBytes([header, [...ticketRow(44), '飞碟降落']]));
    const r = data<Commit>(
      await w.intake(P.communityAdmin, 'hotlineCommit', { fileId: f, categoryId: 'cat-01', categories: { GD26120044: 'cat-nope' } }),
    );
    expect(r.lines).toEqual([expect.objectContaining({ ticketNo: 'GD26120044', outcome: 'error', message: '请选择有效的问题类别' })]);
    expect(await caseOf('GD26120044')).toBeUndefined();
  });
});

describe('the import history', () => {
  type History = {
    items: { fileName: string; byName: string; at: string; imported: number; skipped: number; refused: number; communityName: string }[];
    total: number;
    page: number;
    pages: number;
  };

  it('keeps who imported which file and how many rows were imported, skipped and refused, over all parts', async () => {
    const f = upload(
      P.communityAdmin,
      await xlsxBytes([HOTLINE_HEADER, ticketRow(51), ticketRow(52), ticketRow(53, { phone: '1' }), ticketRow(31)]),
    );
    const importId = 'imp-0000000001';
    const part = (tickets: string[]) =>
      w.intake(P.communityAdmin, 'hotlineCommit', { fileId: f, categoryId: 'cat-01', tickets, importId, fileName: '12月工单.xlsx' });
    data(await part(['GD26120051']));
    data(await part(['GD26120052', 'GD26120031']));
    const h = data<History>(await w.intake(P.communityAdmin, 'hotlineImports', {}));
    expect(h.items[0]).toMatchObject({ fileName: '12月工单.xlsx', imported: 2, skipped: 1, refused: 1, communityName: '渝园社区' });
    expect(h.items[0]!.byName).toBeTruthy();
    expect(h.items[0]!.at).toMatch(/^2026-11-23 10:00/);
  });

  it('lists newest first, ten a page; another community’s admin sees none of it, the street sees it', async () => {
    for (let i = 0; i < 11; i++) {
      clock = Date.parse('2026-11-24T02:00:00.000Z') + i * 60_000;
      const f = upload(P.communityAdmin, await xlsxBytes([HOTLINE_HEADER, ticketRow(31)]));
      data(
        await w.intake(P.communityAdmin, 'hotlineCommit', {
          fileId: f,
          categoryId: 'cat-01',
          importId: `imp-page-${String(i).padStart(4, '0')}`,
          fileName: `第${i}份.xlsx`,
        }),
      );
    }
    const first = data<History>(await w.intake(P.communityAdmin, 'hotlineImports', {}));
    expect(first).toMatchObject({ total: 12, page: 1, pages: 2 });
    expect(first.items.map((i) => i.fileName).slice(0, 3)).toEqual(['第10份.xlsx', '第9份.xlsx', '第8份.xlsx']);
    const second = data<History>(await w.intake(P.communityAdmin, 'hotlineImports', { page: 2 }));
    expect(second.items.map((i) => i.fileName)).toEqual(['第0份.xlsx', '12月工单.xlsx']);
    expect(data<History>(await w.intake(P.otherCommunityAdmin, 'hotlineImports', {})).total).toBe(0);
    expect(data<History>(await w.intake(P.streetAdmin, 'hotlineImports', { communityId: YUYUAN })).total).toBe(12);
    expect(outcome(await w.intake(P.member, 'hotlineImports', {}))).toBe('AUTH.FORBIDDEN');
  });

  it('refuses a bad import id and records nothing', async () => {
    const f = upload(P.communityAdmin, await xlsxBytes([HOTLINE_HEADER, ticketRow(61)]));
    const r = await w.intake(P.communityAdmin, 'hotlineCommit', { fileId: f, categoryId: 'cat-01', importId: '../x', fileName: 'x.xlsx' });
    expect(outcome(r)).toBe('INPUT.INVALID');
    expect(data<History>(await w.intake(P.communityAdmin, 'hotlineImports', {})).total).toBe(12);
  });
});
