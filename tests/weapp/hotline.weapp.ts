/**
 * A community admin in the weapp: 管理 → 12345工单 → a sheet forwarded to a chat is picked
 * (`wx.chooseMessageFile`) and uploaded to the admin's own cloud folder → the preview shows a new
 * row with its building and a row in error → a category → 导入 → the 工单 is a 12345 代登记 case;
 * picking the same file again shows it as already imported.
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
});
