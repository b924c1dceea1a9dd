import { canPickOnMap } from './map-pick';

const g = globalThis as { LOCATION_APIKEY?: string };

afterEach(() => {
  delete g.LOCATION_APIKEY;
});

describe('「在地图上选位置」', () => {
  test('小程序总能选点', () => {
    expect(canPickOnMap(true)).toBe(true);
  });
  test('H5 没有腾讯地图 key 时不提供，有 key 时提供', () => {
    expect(canPickOnMap(false)).toBe(false);
    g.LOCATION_APIKEY = '';
    expect(canPickOnMap(false)).toBe(false);
    g.LOCATION_APIKEY = 'ABCDE-12345';
    expect(canPickOnMap(false)).toBe(true);
  });
});
