/**
 * 代登记 and 电话回访 through the API: a member or admin files for a resident who phoned, walked in
 * or came as a 12345 工单; the resident's name and phone reach the handler and admins only (never
 * the board); a 工单号 files once, also under two filings at once; a 回访 records the rating, 不满意
 * reworks; the ledger names the channel and masks the resident when it leaves the community.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { board } from '../../backend/functions/board';
import { member } from '../../backend/functions/member';
import { NOW, P, YUYUAN, YUYUAN_BUILDING, YUYUAN_G1, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

let w: AdminWorld;
beforeAll(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterAll(async () => w.close());

let seq = 0;
const file = (openid: string, params: Record<string, unknown> = {}) =>
  w.intake(openid, 'fileForResident', {
    requestId: `intake-it-${++seq}`,
    channel: 'phone',
    contactName: '周大爷',
    contactPhone: '13877776666',
    categoryId: 'cat-01',
    buildingId: YUYUAN_BUILDING,
    description: '3栋楼道灯不亮，晚上看不见',
    isPublic: true,
    ...params,
  });

const countCases = async () => (await w.store.listCases({ communityId: YUYUAN, limit: 500 })).items.length;

async function resolveByHolder(caseId: string) {
  const c = await w.getCase(caseId);
  const holder = c.holder!.openid;
  if (c.status === 'assigned') data(await member.handle({ action: 'acceptCase', caseId }, holder, w.deps));
  data(await member.handle({ action: 'resolveCase', caseId, result: '已更换灯泡，恢复照明', photos: ['after-1.jpg'] }, holder, w.deps));
  return holder;
}

describe('代登记', () => {
  it('the community admin files a phone call: routed as usual, the name private, the board shows neither name nor phone', async () => {
    const r = data<{ caseId: string; status: string; channelName: string; holder: { roleName: string } }>(await file(P.communityAdmin));
    expect(r).toMatchObject({ status: 'assigned', channelName: '来电', holder: { roleName: '楼栋物管员' } });
    const c = await w.getCase(r.caseId);
    expect(c).toMatchObject({ source: 'proxy', contactName: '周大爷', contactPhone: '13877776666', origin: { channel: 'phone' } });
    expect(c.reporter).toMatchObject({ openid: P.communityAdmin, role: 'community_admin' });
    const timeline = await w.store.getTimeline(c.id);
    expect(timeline.map((e) => e.action)).toEqual(['proxy_submit', 'auto_assign']);
    expect(timeline[0]!.note).toBe('代登记（来电）');

    // The admin and the handler see who to call; a member of another grid does not.
    const asAdmin = data<{ case: { contactName: string; contactPhone: string; channelName: string } }>(
      await w.admin(P.communityAdmin, 'getCase', { caseId: c.id }),
    );
    expect(asAdmin.case).toMatchObject({ contactName: '周大爷', contactPhone: '13877776666', channelName: '来电' });
    const asHolder = data<{ case: { contactName?: string } }>(
      await member.handle({ action: 'getCase', caseId: c.id }, c.holder!.openid, w.deps),
    );
    expect(asHolder.case.contactName).toBe('周大爷');
    const asOther = await member.handle({ action: 'getCase', caseId: c.id }, 'demo-12-grid-worker', w.deps);
    expect(JSON.stringify(asOther)).not.toContain('周大爷');

    // The board: no name, no phone, whatever it lists.
    const list = await board.handle({ action: 'listCases', communityId: YUYUAN }, undefined, w.deps);
    const one = await board.handle({ action: 'getCase', caseId: c.id }, undefined, w.deps);
    for (const reply of [list, one]) {
      expect(JSON.stringify(reply)).not.toContain('周大爷');
      expect(JSON.stringify(reply)).not.toContain('13877776666');
    }
  });

  it('only the intake function answers: member and admin no longer carry 代登记 or 电话回访', async () => {
    for (const action of ['fileForResident', 'phoneVisit', 'phoneVisitQueue']) {
      expect(outcome(await member.handle({ action }, P.member, w.deps))).toBe('INPUT.UNKNOWN_ACTION');
      expect(outcome(await w.admin(P.communityAdmin, action, {}))).toBe('INPUT.UNKNOWN_ACTION');
    }
  });

  it('a member of the community files a walk-in; a resident or another community cannot file; bad input changes nothing', async () => {
    const r = data<{ caseId: string }>(
      await w.intake(P.member, 'fileForResident', {
        requestId: 'intake-member-1',
        channel: 'walk_in',
        contactName: '李阿姨',
        contactPhone: '13900001111',
        categoryId: 'cat-01',
        gridId: YUYUAN_G1,
        description: '小区门口路灯坏了好几天',
      }),
    );
    expect((await w.getCase(r.caseId)).reporter).toMatchObject({ openid: P.member, role: 'grid_worker' });

    const before = await countCases();
    // A resident or a department: refused by the intake function before anything is read.
    for (const who of [P.resident, P.department]) {
      const refused = await file(who);
      expect(refused).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: expect.stringMatching(/五员共治小组成员/) } });
    }
    // Another community's admin passes the function and is refused by the core.
    expect(outcome(await file(P.otherCommunityAdmin))).toBe('CASE.FORBIDDEN');
    const noName = await file(P.communityAdmin, { contactName: '  ' });
    expect(outcome(noName)).toBe('INPUT.INVALID');
    const noPhone = await file(P.communityAdmin, { contactPhone: undefined });
    expect(noPhone).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '请填写群众联系电话，以便电话回访' } });
    expect(outcome(await file(P.communityAdmin, { channel: 'hotline' }))).toBe('INPUT.INVALID');
    expect(outcome(await file(P.communityAdmin, { channel: 'telegram' }))).toBe('INPUT.INVALID');
    expect(await countCases()).toBe(before);
  });

  it('a 12345 工单 files once per 工单号: again, or twice at once, gives the same case', async () => {
    const before = await countCases();
    const ticket = { channel: 'hotline', ticketNo: 'GD20261123-0042' };
    const [a, b] = await Promise.all([file(P.communityAdmin, ticket), file(P.streetAdmin, ticket)]);
    const again = await file(P.communityAdmin, ticket);
    const ids = [a, b, again].map((r) => data<{ caseId: string }>(r).caseId);
    expect(new Set(ids).size).toBe(1);
    expect(await countCases()).toBe(before + 1);
    const c = await w.getCase(ids[0]!);
    expect(c.origin).toEqual({ channel: 'hotline', refId: 'GD20261123-0042' });
    expect((await w.store.getTimeline(c.id))[0]!.note).toBe('代登记（12345热线 工单号GD20261123-0042）');
  });
});

describe('电话回访', () => {
  it('records the rating of a 代登记 (电话回访 by whom); the filer cannot rate it; it leaves the 回访 list', async () => {
    const { caseId } = data<{ caseId: string }>(await file(P.communityAdmin));
    await resolveByHolder(caseId);
    const queue = data<{ items: { id: string; contactName: string; contactPhone: string }[] }>(
      await w.intake(P.communityAdmin, 'phoneVisitQueue', {}),
    );
    expect(queue.items.find((i) => i.id === caseId)).toMatchObject({ contactName: '周大爷', contactPhone: '13877776666' });

    // Only a 回访 rates it; a stranger cannot record one; nothing changes on either.
    const version = (await w.getCase(caseId)).version;
    expect(outcome(await w.resident(P.communityAdmin, 'rateCase', { caseId, rating: 'satisfied' }))).toBe('CASE.INVALID_TRANSITION');
    expect(outcome(await w.intake(P.otherCommunityAdmin, 'phoneVisit', { caseId, rating: 'satisfied' }))).toBe('CASE.NOT_FOUND');
    expect(outcome(await w.intake(P.communityAdmin, 'phoneVisit', { caseId, rating: 'unsatisfied' }))).toBe('CASE.REASON_REQUIRED');
    expect((await w.getCase(caseId)).version).toBe(version);

    const r = data<{ status: string; ratingName: string }>(
      await w.intake(P.communityAdmin, 'phoneVisit', { caseId, rating: 'satisfied', note: '周大爷说灯亮了' }),
    );
    expect(r).toMatchObject({ status: 'closed', ratingName: '满意' });
    const c = await w.getCase(caseId);
    expect(c.rating).toMatchObject({ value: 'satisfied', comment: '周大爷说灯亮了', phone: { role: 'community_admin' } });
    const last = (await w.store.getTimeline(caseId)).at(-1)!;
    expect(last).toMatchObject({ action: 'phone_visit', toStatus: 'closed' });
    expect(last.note).toMatch(/^电话回访（社区管理员 .\*+）：满意：/);
    const after = data<{ items: { id: string }[] }>(await w.intake(P.communityAdmin, 'phoneVisitQueue', {}));
    expect(after.items.map((i) => i.id)).not.toContain(caseId);
    // Counted as rated, and as a phone rating, in the statistics.
    const stats = data<{ total: { metrics: { rated: number; phoneRated: number } } }>(
      await w.admin(P.communityAdmin, 'stats', { period: NOW.toISOString().slice(0, 7), groupBy: 'grid' }),
    );
    expect(stats.total.metrics.phoneRated).toBeGreaterThanOrEqual(1);
    expect(stats.total.metrics.rated).toBeGreaterThanOrEqual(stats.total.metrics.phoneRated);
  });

  it("the handler hears 不满意: back to 处理中 for rework; a resident's case inside its rating window is not called", async () => {
    const { caseId } = data<{ caseId: string }>(await file(P.communityAdmin, { contactName: '王师傅' }));
    const holder = await resolveByHolder(caseId);
    const r = data<{ status: string; reworkCount: number }>(
      await w.intake(holder, 'phoneVisit', { caseId, rating: 'unsatisfied', note: '灯还是一闪一闪' }),
    );
    expect(r).toMatchObject({ status: 'processing', reworkCount: 1 });

    const own = await w.submit();
    await resolveByHolder(own.id);
    expect(outcome(await w.intake(P.communityAdmin, 'phoneVisit', { caseId: own.id, rating: 'satisfied' }))).toBe('CASE.TOO_EARLY');
    const queue = data<{ items: { id: string }[] }>(await w.intake(P.communityAdmin, 'phoneVisitQueue', {}));
    expect(queue.items.map((i) => i.id)).not.toContain(own.id);
  });
});

describe('the case ledger names the channel', () => {
  async function readSheet(url: string): Promise<{ header: string[]; rows: string[][] }> {
    const wb = new ExcelJS.Workbook();
    const bytes = readFileSync(w.exports.get(url)!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const all: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => all.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    return { header: all[1]!, rows: all.slice(2) };
  }

  it("来源 says 代登记 and the channel; the community's own ledger names the resident, the street's masks them", async () => {
    const { caseNo } = data<{ caseNo: string }>(
      await file(P.communityAdmin, { channel: 'hotline', ticketNo: 'GD20261123-0777', contactName: '赵建国', contactPhone: '13912345678' }),
    );
    const period = NOW.toISOString().slice(0, 7);
    const own = data<{ url: string }>(await w.admin(P.communityAdmin, 'exportLedger', { kind: 'cases', period }));
    const street = data<{ url: string }>(await w.admin(P.streetAdmin, 'exportLedger', { kind: 'cases', period }));
    for (const [url, name, phone] of [
      [own.url, '赵建国', '13912345678'],
      [street.url, '赵**', '139****5678'],
    ] as const) {
      const sheet = await readSheet(url);
      const col = (label: string) => sheet.header.indexOf(label);
      // The ledger's 编号 is the number people say (2612-0042), not the internal id.
      const row = sheet.rows.find((r) => r[col('编号')] === caseNo)!;
      expect(row).toBeDefined();
      expect(row[col('来源')]).toBe('代登记·12345热线 GD20261123-0777');
      expect(row[col('渠道')]).toBe('12345热线');
      // Every row names its channel: a resident's own report is 小程序.
      expect(
        sheet.rows.every((r) => ['小程序', '巡查', '走访', '来电', '来访', '院坝会', '意见箱', '12345热线'].includes(r[col('渠道')]!)),
      ).toBe(true);
      expect(row[col('联系人')]).toBe(name);
      expect(row[col('联系电话')]).toBe(phone);
    }
  });
});

describe('statistics break down by channel', () => {
  it('admin.stats counts cases and satisfaction per channel, 电话回访 ratings included, every channel listed', async () => {
    const period = NOW.toISOString().slice(0, 7);
    type Row = { channel: string; channelName: string; received: number; rated: number; phoneRated: number; satisfactionLabel: string };
    const before = data<{ total: { metrics: { received: number } }; byChannel: Row[] }>(
      await w.admin(P.communityAdmin, 'stats', { period, groupBy: 'grid' }),
    );
    expect(before.byChannel.map((r) => r.channel)).toEqual(['app', 'patrol', 'visit', 'phone', 'walk_in', 'meeting', 'mailbox', 'hotline']);
    // Every case of the period is under exactly one channel.
    expect(before.total.metrics.received).toBeGreaterThan(0);
    expect(before.byChannel.reduce((n, r) => n + r.received, 0)).toBe(before.total.metrics.received);
    const hotline = before.byChannel.find((r) => r.channel === 'hotline')!;
    expect(hotline.channelName).toBe('12345热线');
    data(await file(P.communityAdmin, { channel: 'mailbox', contactName: '钱阿姨' }));
    const after = data<{ byChannel: Row[] }>(await w.admin(P.communityAdmin, 'stats', { period, groupBy: 'grid' }));
    const mailbox = (s: { byChannel: Row[] }) => s.byChannel.find((r) => r.channel === 'mailbox')!.received;
    expect(mailbox(after)).toBe(mailbox(before) + 1);
    // The phone-rated 代登记 of the 回访 tests count as rated, and as phone-rated.
    const phone = after.byChannel.find((r) => r.channel === 'phone')!;
    expect(phone.phoneRated).toBeGreaterThan(0);
    expect(phone.satisfactionLabel).toMatch(/^满意率 \d+\.\d%（已评价 \d+ 件）$/);
  });
});
