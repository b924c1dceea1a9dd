/**
 * Reporting without knowing the grid, through the API: buildings carry coordinates (seeded, and
 * set by the community admin with checked ranges and Chinese messages), the place list comes in
 * natural order with them, 附议 suggestions reach open public cases of the category in nearby
 * buildings, and categories come with examples and the 「不知道选哪个」 category of the grid worker.
 */
import { P, YUYUAN, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';
import type { Reply } from '../../backend/functions/define';

let w: AdminWorld;
beforeAll(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterAll(async () => w.close());

interface Places {
  communities: {
    id: string;
    name: string;
    grids: { id: string; name: string; buildings: { id: string; name: string; latitude?: number; longitude?: number }[] }[];
  }[];
}
const places = async () => data<Places>(await w.resident(P.resident, 'listPlaces'));
const buildingOf = async (id: string) =>
  (await places()).communities.flatMap((c) => c.grids.flatMap((g) => g.buildings)).find((b) => b.id === id);
const message = (r: Reply) => (r.ok ? '' : r.error.message);

describe('the place list', () => {
  it('lists grids 第一 before 第二 and every demo building with coordinates in 双福', async () => {
    const p = await places();
    for (const c of p.communities) {
      expect(c.grids.map((g) => g.name)).toEqual(['第一网格', '第二网格']);
      for (const g of c.grids)
        for (const b of g.buildings) {
          expect(b.latitude).toBeGreaterThan(29.3);
          expect(b.latitude).toBeLessThan(29.5);
          expect(b.longitude).toBeGreaterThan(106.2);
          expect(b.longitude).toBeLessThan(106.4);
        }
    }
  });
});

describe('the community admin sets where a building stands', () => {
  const B = 'sf-yuyuan-g1-b3';

  it('saves a checked point, rounded to six decimals, and the resident list shows it', async () => {
    const r = data<{ latitude: number; longitude: number }>(
      await w.admin(P.communityAdmin, 'setBuildingLocation', { buildingId: B, location: { latitude: 29.3971234567, longitude: 106.2981 } }),
    );
    expect(r).toMatchObject({ latitude: 29.397123, longitude: 106.2981 });
    expect(await buildingOf(B)).toMatchObject({ latitude: 29.397123, longitude: 106.2981 });
  });

  it.each([
    ['latitude out of range', { latitude: 95, longitude: 106.3 }, 'PLACE.INVALID', /纬度应在 -90 到 90 之间/],
    ['swapped', { latitude: 106.3, longitude: 29.4 }, 'PLACE.INVALID', /填反/],
    ['outside China', { latitude: 48.85, longitude: 2.35 }, 'PLACE.INVALID', /不在中国境内/],
    ['a string', { latitude: '29.4', longitude: 106.3 }, 'INPUT.INVALID', /「纬度」类型不正确/],
    ['missing longitude', { latitude: 29.4 }, 'INPUT.INVALID', /缺少「经度」/],
  ])('refuses %s with a Chinese message and changes nothing', async (_name, location, code, text) => {
    const before = await buildingOf(B);
    const r = await w.admin(P.communityAdmin, 'setBuildingLocation', { buildingId: B, location });
    expect(outcome(r)).toBe(code);
    expect(message(r)).toMatch(text);
    expect(await buildingOf(B)).toEqual(before);
  });

  it('only for buildings of their own community; residents and members may not', async () => {
    const before = await buildingOf(B);
    const point = { latitude: 29.4, longitude: 106.3 };
    expect(outcome(await w.admin(P.otherCommunityAdmin, 'setBuildingLocation', { buildingId: B, location: point }))).toBe(
      'PLACE.NOT_FOUND',
    );
    expect(outcome(await w.admin(P.resident, 'setBuildingLocation', { buildingId: B, location: point }))).toBe('AUTH.FORBIDDEN');
    expect(outcome(await w.admin(P.member, 'setBuildingLocation', { buildingId: B, location: point }))).toBe('AUTH.FORBIDDEN');
    expect(outcome(await w.admin(undefined, 'setBuildingLocation', { buildingId: B, location: point }))).toBe('AUTH.REQUIRED');
    expect(await buildingOf(B)).toEqual(before);
    // The street admin reaches every community of the street.
    data(await w.admin(P.streetAdmin, 'setBuildingLocation', { buildingId: B, location: point }));
    expect(await buildingOf(B)).toMatchObject(point);
  });

  it('clears it with null; the building is then simply not found by location', async () => {
    data(await w.admin(P.communityAdmin, 'setBuildingLocation', { buildingId: B, location: null }));
    const b = await buildingOf(B);
    expect(b).toEqual({ id: B, name: '3栋' });
    // The admin's grid list says which buildings have a place.
    const grids = data<{ items: { id: string; buildings: { id: string; latitude?: number }[] }[] }>(
      await w.admin(P.communityAdmin, 'listGrids', { communityId: YUYUAN }),
    );
    const g1 = grids.items.find((g) => g.id === 'sf-yuyuan-g1')!;
    expect(g1.buildings.find((x) => x.id === B)!.latitude).toBeUndefined();
    expect(g1.buildings.find((x) => x.id === 'sf-yuyuan-g1-b1')!.latitude).toBeGreaterThan(29);
  });
});

describe('附议 suggestions reach nearby buildings', () => {
  interface Similar {
    items: { id: string; sameBuilding: boolean; buildingName?: string; distance?: string }[];
  }
  it('same building first, then a building 70 m away with its name and distance; not another community, category or a private case', async () => {
    const here = await w.submit({ buildingId: 'sf-yuyuan-g1-b1', description: '1栋楼道灯坏了', by: 'demo-resident-2' });
    const nextDoor = await w.submit({ buildingId: 'sf-yuyuan-g1-b2', description: '2栋楼道灯坏了', by: 'demo-resident-3' });
    const otherCommunity = await w.submit({ buildingId: 'sf-xinglong-g1-b1', description: '兴隆1栋楼道灯坏了', by: 'demo-resident-4' });
    const otherCategory = await w.submit({
      buildingId: 'sf-yuyuan-g1-b2',
      categoryId: 'cat-02',
      description: '2栋门口垃圾没人清',
      by: 'demo-resident-4',
    });
    const privateOne = await w.submit({
      buildingId: 'sf-yuyuan-g1-b2',
      isPublic: false,
      description: '2栋电梯坏了',
      by: 'demo-resident-5',
    });

    const r = data<Similar>(await w.resident(P.resident, 'findSimilar', { categoryId: 'cat-01', buildingId: 'sf-yuyuan-g1-b1' }));
    expect(r.items.map((i) => i.id)).toEqual([here.id, nextDoor.id]);
    expect(r.items[0]).toMatchObject({ sameBuilding: true });
    expect(r.items[0]!.distance).toBeUndefined();
    expect(r.items[1]).toMatchObject({ sameBuilding: false, buildingName: '2栋', distance: '70米' });
    for (const gone of [otherCommunity, otherCategory, privateOne]) expect(r.items.map((i) => i.id)).not.toContain(gone.id);
  });

  it('a building without coordinates finds its own cases only', async () => {
    const neighbour = await w.submit({ buildingId: 'sf-yuyuan-g2-b2', description: '6栋楼道灯坏了', by: 'demo-resident-3' });
    const own = await w.submit({ buildingId: 'sf-yuyuan-g2-b1', description: '5栋楼道灯坏了', by: 'demo-resident-2' });
    const ask = { categoryId: 'cat-01', buildingId: 'sf-yuyuan-g2-b1' };
    // With coordinates: its own, then the next-door building of the grid (and the neighbouring grid's, across the grid line).
    const near = data<Similar>(await w.resident(P.resident, 'findSimilar', ask)).items.map((i) => i.id);
    expect(near.slice(0, 2)).toEqual([own.id, neighbour.id]);
    data(await w.admin(P.communityAdmin, 'setBuildingLocation', { buildingId: 'sf-yuyuan-g2-b1', location: null }));
    expect(data<Similar>(await w.resident(P.resident, 'findSimilar', ask)).items.map((i) => i.id)).toEqual([own.id]);
  });
});

describe('categories with examples', () => {
  it('each has examples, the overlapping three draw the line, and 其他 is 「不知道选哪个」 of the grid worker', async () => {
    const { items } = data<{ items: { name: string; examples: string; unsure: boolean; role: string }[] }>(
      await w.resident(P.resident, 'listCategories'),
    );
    for (const c of items) expect(c.examples.length).toBeGreaterThan(5);
    expect(items.find((c) => c.name === '设施维修')!.examples).toMatch(/楼栋里/);
    expect(items.find((c) => c.name === '公共设施')!.examples).toMatch(/公共场地/);
    expect(items.find((c) => c.name === '物业服务')!.examples).toMatch(/物业公司/);
    expect(items.filter((c) => c.unsure)).toEqual([expect.objectContaining({ name: '其他', role: 'grid_worker' })]);
  });

  it('a report under 「不知道选哪个」 goes to the grid worker', async () => {
    const { items } = data<{ items: { id: string; unsure: boolean }[] }>(await w.resident(P.resident, 'listCategories'));
    const c = await w.submit({ categoryId: items.find((i) => i.unsure)!.id, description: '不知道找谁，小区门口总有人摆摊' });
    expect(c.holder?.role).toBe('grid_worker');
  });
});
