/**
 * 已有相同问题，是否附议？ for a point picked on the map, through the API: open public cases of the
 * category within 200 m of the point, whether filed at a building or at a map point, in the chosen
 * grid or a neighbouring one; never far ones, other categories, finished or private ones; another
 * person's words only as public text; the asker's own marked as theirs.
 */
import { P, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';
import type { Reply } from '../../backend/functions/define';

let w: AdminWorld;
beforeAll(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterAll(async () => w.close());

interface Similar {
  items: {
    id: string;
    description: string;
    mine: boolean;
    supported: boolean;
    sameBuilding: boolean;
    buildingName?: string;
    distance?: string;
  }[];
}
type Point = { latitude: number; longitude: number };

const M_PER_DEG_LAT = 111_195;
/** `p` moved `north` and `east` metres. */
const move = (p: Point, north: number, east: number): Point => ({
  latitude: p.latitude + north / M_PER_DEG_LAT,
  longitude: p.longitude + east / (M_PER_DEG_LAT * Math.cos((p.latitude * Math.PI) / 180)),
});
const message = (r: Reply) => (r.ok ? '' : r.error.message);

let seq = 0;
/** Files a report at a point on the map, as the weapp does when no building fits. */
async function reportAt(
  point: Point,
  opts: { gridId?: string; by?: string; categoryId?: string; isPublic?: boolean; description?: string } = {},
): Promise<string> {
  seq += 1;
  const r = await w.resident(opts.by ?? 'demo-resident-2', 'submitCase', {
    requestId: `near-point-${seq}-${Math.random().toString(36).slice(2, 10)}`,
    categoryId: opts.categoryId ?? 'cat-01',
    gridId: opts.gridId ?? 'sf-yuyuan-g1',
    location: { ...point, address: `渝园小区路边 ${seq}号点` },
    description: opts.description ?? '路灯坏了，晚上很黑',
    isPublic: opts.isPublic ?? true,
  });
  return data<{ caseId: string }>(r).caseId;
}

let b1: Point;
let g2b1: Point;
beforeAll(async () => {
  const places = data<{ communities: { grids: { buildings: { id: string; latitude?: number; longitude?: number }[] }[] }[] }>(
    await w.resident(P.resident, 'listPlaces'),
  );
  const all = places.communities.flatMap((c) => c.grids.flatMap((g) => g.buildings));
  const at = (id: string): Point => {
    const b = all.find((x) => x.id === id)!;
    return { latitude: b.latitude!, longitude: b.longitude! };
  };
  b1 = at('sf-yuyuan-g1-b1');
  g2b1 = at('sf-yuyuan-g2-b1');
});

describe('附议 suggestions near a point on the map', () => {
  it('offers near cases at points and in buildings, nearest first; not far, other category, finished or private ones', async () => {
    // The point: 100 m south of 1栋 (the grid's south-west building), on the road outside.
    const here = move(b1, -100, 0);
    const nearPoint = await reportAt(move(here, 0, 40), { description: '路边路灯坏了，张三家门口很黑' });
    const inBuilding = (await w.submit({ buildingId: 'sf-yuyuan-g1-b1', description: '1栋门口路灯坏了', by: 'demo-resident-3' })).id;
    const farPoint = await reportAt(move(here, -260, 0));
    const otherCategory = await reportAt(move(here, 0, 20), { categoryId: 'cat-02', description: '路边垃圾没人清' });
    const privateOne = await reportAt(move(here, 0, 10), { isPublic: false, by: 'demo-resident-4' });
    const finished = await reportAt(move(here, 10, 0), { by: 'demo-resident-5' });
    data(await w.resident('demo-resident-5', 'withdrawCase', { caseId: finished, reason: '已经修好了' }));

    const r = data<Similar>(await w.resident(P.resident, 'findSimilar', { categoryId: 'cat-01', gridId: 'sf-yuyuan-g1', point: here }));
    expect(r.items.map((i) => i.id)).toEqual([nearPoint, inBuilding]);
    expect(r.items[0]).toMatchObject({ sameBuilding: false, distance: '40米', mine: false, supported: false });
    expect(r.items[0]!.buildingName).toBeUndefined();
    expect(r.items[1]).toMatchObject({ sameBuilding: false, buildingName: '1栋', distance: '100米' });
    for (const gone of [farPoint, otherCategory, privateOne, finished]) expect(r.items.map((i) => i.id)).not.toContain(gone);
    // Another person's words are not shown before review (审核后公开), nor any name in them.
    for (const item of r.items) {
      expect(item.description).not.toMatch(/张三|路灯坏了/);
      expect(item.description.length).toBeGreaterThan(0);
    }
    // Further away, the far case comes within reach and the near ones fall out.
    const there = data<Similar>(
      await w.resident(P.resident, 'findSimilar', { categoryId: 'cat-01', gridId: 'sf-yuyuan-g1', point: move(here, -260, 0) }),
    );
    expect(there.items.map((i) => i.id)).toEqual([farPoint]);
  });

  it('the asker’s own case is marked as theirs with their words; a seconded one says so', async () => {
    const here = move(b1, 0, -150); // 150 m west of 1栋
    const own = await reportAt(move(here, 0, -30), { by: P.resident, description: '西边小路的路灯坏了' });
    const other = await reportAt(move(here, 30, 0), { by: 'demo-resident-3' });
    data(await w.resident(P.resident, 'supportCase', { caseId: other }));
    const r = data<Similar>(await w.resident(P.resident, 'findSimilar', { categoryId: 'cat-01', gridId: 'sf-yuyuan-g1', point: here }));
    expect(r.items.find((i) => i.id === own)).toMatchObject({ mine: true, description: '西边小路的路灯坏了' });
    expect(r.items.find((i) => i.id === other)).toMatchObject({ mine: false, supported: true });
  });

  it('reaches a case filed in the neighbouring grid when it is near the point', async () => {
    // Between the two grids: 100 m west of 第二网格's first building, 200 m east of 第一网格's.
    const here = move(g2b1, 0, -100);
    const acrossTheLine = await reportAt(move(here, 0, 60), { gridId: 'sf-yuyuan-g2', by: 'demo-resident-3' });
    const r = data<Similar>(await w.resident(P.resident, 'findSimilar', { categoryId: 'cat-01', gridId: 'sf-yuyuan-g1', point: here }));
    expect(r.items.map((i) => i.id)).toContain(acrossTheLine);
    expect(r.items.find((i) => i.id === acrossTheLine)).toMatchObject({ distance: '60米' });
  });

  it('refuses an incomplete or unknown place with a Chinese message', async () => {
    const here = move(b1, -100, 0);
    const noPlace = await w.resident(P.resident, 'findSimilar', { categoryId: 'cat-01', point: here });
    expect(outcome(noPlace)).toBe('PLACE.INVALID');
    expect(message(noPlace)).toBe('请选择楼栋，或选择网格并在地图上选点');
    const noPoint = await w.resident(P.resident, 'findSimilar', { categoryId: 'cat-01', gridId: 'sf-yuyuan-g1' });
    expect(outcome(noPoint)).toBe('PLACE.INVALID');
    const unknownGrid = await w.resident(P.resident, 'findSimilar', { categoryId: 'cat-01', gridId: 'no-such-grid', point: here });
    expect(outcome(unknownGrid)).toBe('PLACE.NOT_FOUND');
    expect(message(unknownGrid)).toBe('请选择有效的网格');
    const badLatitude = await w.resident(P.resident, 'findSimilar', {
      categoryId: 'cat-01',
      gridId: 'sf-yuyuan-g1',
      point: { latitude: 95, longitude: 106.3 },
    });
    expect(outcome(badLatitude)).toBe('INPUT.INVALID');
    expect(message(badLatitude)).toMatch(/[\u4e00-\u9fff]/);
  });
});
