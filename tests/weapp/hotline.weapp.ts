/**
 * A community admin in the weapp: 管理 → 12345工单 → a sheet forwarded to a chat is picked
 * (`wx.chooseMessageFile`) and uploaded to the admin's own cloud folder → the preview shows a new
 * row with its building and a row in error → a category → 导入 → the 工单 is a 12345 代登记 case;
 * picking the same file again shows it as already imported. A second sheet with a 办理时限 in working
 * days and a 诉求类别 the street lacks: the rows say how each was read, the import files it under the
 * category shown, and the import history lists both imports.
 */
import { MiniProgram } from './harness/mini-program';
import { sqliteWorld, type World } from './harness/world';
import { HOTLINE_HEADER, ticketRow, xlsxBytes } from '../support/hotline-sheets';

const ADMIN = 'demo-admin-1';

let world: World;
let mp: MiniProgram;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 10 });
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

describe('社区管理员：12345工单表格导入（小程序）', () => {
  it('选聊天里的表格 → 预览 → 选类别 → 导入；再选同一文件显示已导入', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const sheet = await xlsxBytes([
      HOTLINE_HEADER,
      ticketRow(1, { ticketNo: 'WX-HL-0001', content: '渝园2栋门口的井盖松动，踩上去会响', dispatched: `${today} 09:00`, due: '' }),
      ticketRow(2, { ticketNo: 'WX-HL-0002', phone: '110' }),
    ]);
    mp = await MiniProgram.launch(world, ADMIN, 'pages-admin/hotline/index');
    await mp.on('pages-admin/hotline/index');
    await mp.see('导入12345工单');
    mp.wx.messageFile = { name: '12345工单.xlsx', bytes: sheet };
    await mp.tap('选择表格文件');
    await mp.see('匹配到：渝园社区第一网格 2栋');
    await mp.see('电话：电话格式不正确');
    const upload = mp.wx.callsOf('cloud.uploadFile')[0]!;
    expect(String(upload.args.cloudPath)).toMatch(/^case-photos\/[0-9a-f]{16}\/sheets\/\d{8}\/[0-9a-z]{16}\.xlsx$/);

    await mp.tap('设施维修');
    await mp.tap('导入 1 条新工单');
    await mp.see('导入完成：新登记 1 条，已登记过 0 条');
    const filed = (await world.store.listCases({ communityId: 'sf-yuyuan', limit: 50 })).items.filter(
      (c) => c.origin?.refId === 'WX-HL-0001',
    );
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({
      source: 'proxy',
      categoryId: 'cat-01',
      origin: { channel: 'hotline' },
      place: { buildingId: 'sf-yuyuan-g1-b2' },
    });

    await mp.tap('重新选择表格');
    await mp.see('已登记为');
    expect(
      (await world.store.listCases({ communityId: 'sf-yuyuan', limit: 50 })).items.filter((c) => c.origin?.refId === 'WX-HL-0001'),
    ).toHaveLength(1);
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });

  it('办理时限写成工作日、类别本街道没有：逐行说明，按所示类别登记，导入记录列出两次导入', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    mp.wx.messageFile = {
      name: '12月工单.xlsx',
      bytes: await xlsxBytes([
        [...HOTLINE_HEADER, '诉求类别'],
        [
          ...ticketRow(3, {
            ticketNo: 'WX-HL-0003',
            content: '渝园2栋门口路灯不亮，晚上很黑',
            dispatched: `${today} 09:00`,
            due: '3个工作日',
          }),
          '飞碟降落',
        ],
      ]),
    };
    await mp.tap('重新选择表格');
    await mp.see('办理时限3个工作日，自派单时间起算');
    // The default category picked for the first sheet still stands; this row gets its own.
    await mp.see('类别“飞碟降落”本街道没有，将按“设施维修”登记');
    await mp.tap('环境卫生', { nth: 1 });
    await mp.see('类别“飞碟降落”本街道没有，将按“环境卫生”登记');
    await mp.tap('导入 1 条新工单');
    await mp.see('导入完成：新登记 1 条，已登记过 0 条');
    const filed = (await world.store.listCases({ communityId: 'sf-yuyuan', limit: 50 })).items.find(
      (c) => c.origin?.refId === 'WX-HL-0003',
    );
    expect(filed?.categoryId).toBe('cat-02');
    expect(filed?.origin?.dueBy).toBeDefined();
    await mp.see('导入记录（共2次）');
    await mp.see('12月工单.xlsx');
    // Newest first: this import, then the first one (its row in error not imported).
    const history = mp.text().slice(mp.text().indexOf('导入记录'));
    expect(history.indexOf('12月工单.xlsx')).toBeGreaterThan(0);
    expect(history.indexOf('12月工单.xlsx')).toBeLessThan(history.indexOf('12345工单.xlsx'));
    await mp.see('导入 1 条，跳过（已登记）0 条，未导入 1 条');
    await mp.see('导入 1 条，跳过（已登记）0 条，未导入 0 条');
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });
});
