/**
 * A grid worker in the weapp: 工作台 → 代登记 for a resident who walked in (name, phone, grid,
 * category, what they said) → routed to the building steward → the steward resolves → 电话回访 →
 * 基本满意 recorded as the case's rating, with who called.
 */
import { MiniProgram } from './harness/mini-program';
import { memberCall, staffPhoto } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const WORKER = 'demo-11-grid-worker';
const STEWARD = 'demo-11-building-steward';
const DESCRIPTION = '小区东门路灯坏了三天，老人晚上出门看不清';

let world: World;
let mp: MiniProgram;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 20 });
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

const stewardCall = (action: string, params: Record<string, unknown>) => memberCall(world, STEWARD, action, params);

describe('网格员：代登记 → 办结 → 电话回访（小程序）', () => {
  let caseId = '';

  it('工作台 → 代登记：来访群众的诉求按类别派给楼栋物管员', async () => {
    mp = await MiniProgram.launch(world, WORKER, 'pages/workbench/index');
    await mp.see('代登记');
    await mp.tap('代登记');
    await mp.on('pages-admin/intake/index');
    await mp.see('① 受理渠道');
    await mp.tap('来访');
    // Nothing is filed without the resident's name.
    await mp.tap('代登记');
    await mp.see('请填写群众姓名');
    await mp.input('例如：周大爷', '李阿姨');
    await mp.input('用于电话回访', '13900001111');
    await mp.tap('第一网格');
    await mp.tap('设施维修');
    await mp.input('群众反映的情况', DESCRIPTION);
    await mp.tap('代登记');
    await mp.see('已代登记');
    await mp.see('待受理');
    const filed = (await world.store.listCases({ reporterOpenid: WORKER, limit: 5 })).items.find((c) => c.description === DESCRIPTION)!;
    expect(filed).toMatchObject({ source: 'proxy', contactName: '李阿姨', contactPhone: '13900001111', origin: { channel: 'walk_in' } });
    expect(filed.holder?.role).toBe('building_steward');
    caseId = filed.id;
  });

  it('办结后 → 电话回访：记录「基本满意」，诉求办结', async () => {
    await stewardCall('acceptCase', { caseId });
    const photo = staffPhoto(world, STEWARD, 1);
    await stewardCall('resolveCase', { caseId, result: '已更换路灯灯泡，恢复照明', photos: [photo] });

    await (mp.wx.wx.navigateBack as (o: { delta: number }) => Promise<unknown>)({ delta: 1 });
    await mp.on('pages/workbench/index');
    await mp.tap('电话回访');
    await mp.on('pages-admin/intake/index');
    await mp.see(DESCRIPTION);
    await mp.see('李阿姨');
    await mp.tap('记录回访结果');
    await mp.tap('基本满意');
    await mp.input('回访情况', '李阿姨说路灯亮了');
    await mp.tap('保存回访结果');
    await mp.see('已记录电话回访：基本满意，诉求已办结');
    const stored = (await world.store.getCase(caseId))!;
    expect(stored.status).toBe('closed');
    expect(stored.rating).toMatchObject({ value: 'basically_satisfied', comment: '李阿姨说路灯亮了', phone: { role: 'grid_worker' } });
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });
});
