/**
 * 不知道网格也能上报（小程序）：「用我的位置找楼栋」调用 wx.getLocation（GCJ-02），列出最近的楼栋，点选后按该楼栋上报；
 * 拒绝授权时说明原因、社区楼栋列表照常可用；选类别时显示例子，「不知道选哪个」交给网格员。
 */
import { MiniProgram } from './harness/mini-program';
import { sqliteWorld, type World } from './harness/world';
import { demoBuildingPoint } from '../../backend/seed/demo-street';

const RESIDENT = 'demo-resident-1';

let world: World;
let mp: MiniProgram;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 0 });
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

describe('居民：用我的位置找楼栋上报（小程序）', () => {
  it('选类别看到例子；「不知道选哪个」交给网格员', async () => {
    mp = await MiniProgram.launch(world, RESIDENT, 'pages-resident/report/index');
    await mp.see('设施维修');
    await mp.tap('设施维修');
    await mp.see(/楼栋里的东西坏了/);
    await mp.see(/公共设施\s*：\s*小区公共场地的设施/);
    await mp.see('将交给本网格的');
    expect(mp.text()).toContain('楼栋物管员');
    await mp.tap('不知道选哪个？交给网格员帮您转');
    await mp.see(/不知道选哪个，就选这里/);
    expect(mp.text()).toMatch(/将交给本网格的\s*网格员/);
    await mp.tap('设施维修');
  });

  it('拒绝授权：说明原因，列表照常可用', async () => {
    mp.wx.locationError = 'getLocation:fail auth deny';
    await mp.tap('用我的位置找楼栋');
    await mp.see(/没有获得位置权限/);
    expect(mp.wx.callsOf('getLocation')[0]!.args).toMatchObject({ type: 'gcj02' });
    expect(mp.text()).toContain('渝园社区');
  });

  it('给了位置：最近的楼栋在前，点选后按该楼栋提交', async () => {
    mp.wx.locationError = undefined;
    // 15 m north of 兴隆社区 第一网格 1栋.
    const p = demoBuildingPoint(1, 0, 1);
    mp.wx.location = { name: '', address: '', latitude: p.latitude + 15 / 111_195, longitude: p.longitude };
    await mp.tap('用我的位置找楼栋');
    await mp.see('离您最近的楼栋，请点选');
    const nearest = mp.findAll(/^兴隆社区 · 第一网格 · 1栋/);
    expect(nearest.length).toBeGreaterThan(0);
    expect(mp.text()).toMatch(/兴隆社区 · 第一网格 · 1栋\s*约20米/);
    await mp.tap('兴隆社区 · 第一网格 · 1栋', { nth: 0 });
    // The place summary (under 「更改」) names the chosen building.
    await mp.see(/更改\s*兴隆社区 · 第一网格 · 1栋/);
    await mp.input('哪里坏了、坏了多久', '1栋单元门门禁坏了，关不上');
    await mp.tap('提交诉求');
    await mp.see('诉求编号');
    const caseId = /C\d{14}[0-9a-z]{10}/.exec(mp.text())![0];
    const stored = (await world.store.getCase(caseId))!;
    expect(stored.place).toMatchObject({ communityId: 'sf-xinglong', gridId: 'sf-xinglong-g1', buildingId: 'sf-xinglong-g1-b1' });
  });
});
