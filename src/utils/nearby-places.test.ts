import type { Community } from '../services/api-types';
import { placesNear, recentOptions, rememberPlace, RECENT_MAX } from './nearby-places';

const communities: Community[] = [
  {
    id: 'c1',
    name: '渝园社区',
    grids: [
      {
        id: 'g1',
        name: '第一网格',
        buildings: [
          { id: 'b1', name: '1栋', latitude: 29.4, longitude: 106.3 },
          { id: 'b2', name: '2栋', latitude: 29.401, longitude: 106.3 },
          { id: 'b3', name: '3栋' },
        ],
      },
    ],
  },
  {
    id: 'c2',
    name: '兴隆社区',
    grids: [{ id: 'g2', name: '第一网格', buildings: [{ id: 'b9', name: '9栋', latitude: 29.41, longitude: 106.3 }] }],
  },
];

describe('用我的位置', () => {
  test('standing beside 1栋: 1栋 then 2栋, with how far, each a full choice', () => {
    const r = placesNear({ latitude: 29.40005, longitude: 106.3 }, communities);
    expect(r).toEqual({
      kind: 'near',
      options: [
        { choice: { communityId: 'c1', gridId: 'g1', buildingId: 'b1' }, label: '渝园社区 · 第一网格 · 1栋', distance: '约10米' },
        { choice: { communityId: 'c1', gridId: 'g1', buildingId: 'b2' }, label: '渝园社区 · 第一网格 · 2栋', distance: '约110米' },
      ],
    });
  });

  test('across the street in another community: that community is found without knowing it', () => {
    const r = placesNear({ latitude: 29.4099, longitude: 106.3 }, communities);
    expect(r.kind === 'near' && r.options[0]!.choice).toEqual({ communityId: 'c2', gridId: 'g2', buildingId: 'b9' });
  });

  test('far away: no guess, the nearest named with its distance, the list to use instead', () => {
    const r = placesNear({ latitude: 29.5, longitude: 106.3 }, communities);
    expect(r.kind).toBe('far');
    expect(r.kind !== 'near' && r.message).toMatch(
      /500米内没有本街道登记的楼栋（最近的是兴隆社区 · 第一网格 · 9栋，约10公里）。请在下面的列表中选择/,
    );
  });

  test('no building has coordinates: says so', () => {
    const bare: Community[] = [{ id: 'c', name: 'x', grids: [{ id: 'g', name: 'y', buildings: [{ id: 'b', name: '1栋' }] }] }];
    expect(placesNear({ latitude: 29.4, longitude: 106.3 }, bare)).toEqual({
      kind: 'none',
      message: expect.stringMatching(/还没有登记位置/) as string,
    });
  });
});

describe('常用地点', () => {
  test('the latest first, no duplicates, at most three; a choice without a building is not remembered', () => {
    let recent = rememberPlace([], { communityId: 'c1', gridId: 'g1', buildingId: 'b1' });
    recent = rememberPlace(recent, { communityId: 'c1', gridId: 'g1', buildingId: 'b2' });
    recent = rememberPlace(recent, { communityId: 'c1', gridId: 'g1', buildingId: 'b1' });
    expect(recent.map((p) => p.buildingId)).toEqual(['b1', 'b2']);
    for (const b of ['b3', 'b9', 'b2']) recent = rememberPlace(recent, { communityId: 'c1', gridId: 'g1', buildingId: b });
    expect(recent.map((p) => p.buildingId)).toEqual(['b2', 'b9', 'b3']);
    expect(recent).toHaveLength(RECENT_MAX);
    expect(rememberPlace(recent, { communityId: 'c1' })).toEqual(recent);
  });

  test('only places that still exist are offered', () => {
    const options = recentOptions(
      [
        { communityId: 'c1', gridId: 'g1', buildingId: 'gone' },
        { communityId: 'c2', gridId: 'g2', buildingId: 'b9' },
      ],
      communities,
    );
    expect(options).toEqual([{ choice: { communityId: 'c2', gridId: 'g2', buildingId: 'b9' }, label: '兴隆社区 · 第一网格 · 9栋' }]);
  });
});
