/**
 * 地图选点也能附议（小程序）：邻居在路边选点报了路灯坏了；居民选好社区网格后「在地图上选位置」选在附近，
 * 写说明时「已有相同问题，是否附议？」列出这件（附近 · 距离），看不到邻居的原话；点「附议」即附议成功，不重复上报。
 * 选在远处时不提示。
 */
import { MiniProgram } from './harness/mini-program';
import { sqliteWorld, type World } from './harness/world';
import { demoBuildingPoint } from '../../backend/seed/demo-street';

const RESIDENT = 'demo-resident-1';
const NEIGHBOUR = 'demo-resident-3';
const NEIGHBOUR_WORDS = '小区南门外路灯坏了，王大爷晚上摔了一跤';

let world: World;
let mp: MiniProgram;

/** 渝园社区 第一网格 1栋, moved `north` and `east` metres. */
function near1(north: number, east: number) {
  const p = demoBuildingPoint(0, 0, 1);
  return {
    latitude: p.latitude + north / 111_195,
    longitude: p.longitude + east / (111_195 * Math.cos((p.latitude * Math.PI) / 180)),
  };
}

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 0 });
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

describe('居民：地图选点附近的同类问题可附议（小程序）', () => {
  let neighbourCase = '';

  it('邻居先在地图上选点报了问题', async () => {
    const r = (await world.call(
      'resident',
      {
        action: 'submitCase',
        requestId: 'weapp-near-point-1',
        categoryId: 'cat-01',
        gridId: 'sf-yuyuan-g1',
        location: { ...near1(-100, 40), address: '渝园小区南门外' },
        description: NEIGHBOUR_WORDS,
        isPublic: true,
      },
      NEIGHBOUR,
    )) as { ok: boolean; data: { caseId: string } };
    expect(r.ok).toBe(true);
    neighbourCase = r.data.caseId;
  });

  it('选在远处：不提示附议', async () => {
    mp = await MiniProgram.launch(world, RESIDENT, 'pages-resident/report/index');
    await mp.see('设施维修');
    await mp.tap('设施维修');
    await mp.tap('渝园社区');
    await mp.tap('第一网格');
    // 600 m south of 1栋: the neighbour's point is 500 m away.
    mp.wx.location = { name: '渝园路', address: '江津区双福街道', ...near1(-600, 40) };
    await mp.tap('找不到楼栋？在地图上选位置');
    await mp.see('地图选点');
    await mp.input('哪里坏了、坏了多久', '路灯不亮了');
    await mp.waitFor(() => mp.wx.callsOf('cloud.callFunction').some((c) => JSON.stringify(c.args).includes('findSimilar')), '查过附近');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mp.text()).not.toContain('已有相同问题，是否附议？');
  });

  it('改选在附近：列出邻居那件（附近 · 距离），看不到原话；点「附议」后附议成功', async () => {
    await mp.tap('更改');
    mp.wx.location = { name: '南门', address: '江津区双福街道', ...near1(-100, 0) };
    await mp.tap('找不到楼栋？在地图上选位置');
    await mp.see('已有相同问题，是否附议？');
    expect(mp.text()).toMatch(/附近（40米）/);
    expect(mp.text()).not.toContain('王大爷');
    // What was asked: the grid and the point, no building.
    const asks = mp.wx
      .callsOf('cloud.callFunction')
      .map((c) => (c.args as { data?: Record<string, unknown> }).data)
      .filter((d) => d?.action === 'findSimilar');
    expect(asks[asks.length - 1]).toMatchObject({ categoryId: 'cat-01', gridId: 'sf-yuyuan-g1', point: near1(-100, 0) });
    expect(asks[asks.length - 1]).not.toHaveProperty('buildingId');

    await mp.tap('附议');
    await mp.see('已附议');
    expect(mp.text()).toMatch(/共有\s*1\s*位居民附议了这个问题/);
    const stored = (await world.store.getCase(neighbourCase))!;
    expect(stored.supportCount).toBe(1);
    expect(stored.supporters).toEqual([RESIDENT]);
    // No duplicate was filed.
    expect((await world.store.listCases({ reporterOpenid: RESIDENT, limit: 5 })).items).toEqual([]);
  });
});
