import type { Community } from '../services/api-types';
import { placeLabel, resolvePlace, toChoice } from './places';

const communities: Community[] = [
  {
    id: 'c1',
    name: '渝园社区',
    grids: [
      {
        id: 'g1',
        name: '第一网格',
        buildings: [
          { id: 'b1', name: '1栋' },
          { id: 'b2', name: '2栋' },
        ],
      },
      { id: 'g2', name: '第二网格', buildings: [{ id: 'b3', name: '3栋' }] },
    ],
  },
  {
    id: 'c2',
    name: '兴隆社区',
    grids: [
      {
        id: 'g3',
        name: '第一网格',
        buildings: [
          { id: 'b4', name: '4栋' },
          { id: 'b5', name: '5栋' },
        ],
      },
    ],
  },
];

describe('resolvePlace', () => {
  test('记住的楼栋还在时原样选中', () => {
    const r = resolvePlace(communities, { communityId: 'c1', gridId: 'g1', buildingId: 'b2' });
    expect(placeLabel(r)).toBe('渝园社区 · 第一网格 · 2栋');
    expect(toChoice(r)).toEqual({ communityId: 'c1', gridId: 'g1', buildingId: 'b2' });
  });

  test('只有一个选项的一级自动选中', () => {
    const r = resolvePlace(communities, { communityId: 'c1', gridId: 'g2' });
    expect(r.building?.id).toBe('b3');
  });

  test('已不存在的楼栋被丢掉，上级保留', () => {
    const r = resolvePlace(communities, { communityId: 'c1', gridId: 'g1', buildingId: 'gone' });
    expect(toChoice(r)).toEqual({ communityId: 'c1', gridId: 'g1', buildingId: undefined });
  });

  test('什么都没选且社区不止一个时不替人选', () => {
    expect(resolvePlace(communities, {})).toEqual({});
  });

  test('只有一个社区一个网格时一路选到楼栋这一级', () => {
    const r = resolvePlace([communities[1]], {});
    expect(r.community?.id).toBe('c2');
    expect(r.grid?.id).toBe('g3');
    expect(r.building).toBeUndefined();
  });
});
