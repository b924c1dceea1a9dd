import { buildingsWithin, checkCoordinates, distanceLabel, distanceMetres, NEAR_LIMIT_M, nearestBuildings } from './geo';

describe('distance between two points (haversine)', () => {
  const rows: [string, [number, number], [number, number], number, number][] = [
    ['the same point', [29.4, 106.3], [29.4, 106.3], 0, 0.001],
    ['one degree of latitude', [29, 106], [30, 106], 111_195, 1],
    ['one degree of longitude at the equator', [0, 106], [0, 107], 111_195, 1],
    ['one degree of longitude at 60° is half as long', [60, 106], [60, 107], 55_597, 50],
    ['天安门 to 人民广场 (Shanghai)', [39.9087, 116.3975], [31.2304, 121.4737], 1_067_000, 2_000],
    ['about 100 m east in 双福', [29.4, 106.3], [29.4, 106.301031], 100, 1],
  ];
  test.each(rows)('%s', (_name, [la, lo], [lb, lob], metres, within) => {
    const d = distanceMetres({ latitude: la, longitude: lo }, { latitude: lb, longitude: lob });
    expect(Math.abs(d - metres)).toBeLessThanOrEqual(within);
    // Symmetric.
    expect(distanceMetres({ latitude: lb, longitude: lob }, { latitude: la, longitude: lo })).toBeCloseTo(d, 6);
  });
});

describe('the buildings nearest a resident', () => {
  const here = { latitude: 29.4, longitude: 106.3 };
  // ≈ 111 m per 0.001° of latitude.
  const b = (id: string, dLat: number) => ({ id, latitude: 29.4 + dLat, longitude: 106.3 });
  const rows: [string, { id: string; latitude?: number; longitude?: number }[], ReturnType<typeof nearestBuildings>][] = [
    ['no building has coordinates', [{ id: 'x' }], { kind: 'none' }],
    ['no buildings at all', [], { kind: 'none' }],
    [
      'nearest first, at most three, without coordinates skipped',
      [b('far', 0.004), b('b1', 0.001), { id: 'nopos' }, b('b3', 0.003), b('b2', 0.002)],
      {
        kind: 'near',
        items: [
          { item: b('b1', 0.001), metres: expect.closeTo(111.2, 0) as number },
          { item: b('b2', 0.002), metres: expect.closeTo(222.4, 0) as number },
          { item: b('b3', 0.003), metres: expect.closeTo(333.6, 0) as number },
        ],
      },
    ],
    [
      'only the ones within reach',
      [b('b1', 0.002), b('b9', 0.009)],
      { kind: 'near', items: [{ item: b('b1', 0.002), metres: expect.closeTo(222.4, 0) as number }] },
    ],
    [
      'too far: says which and how far',
      [b('b9', 0.009), b('b20', 0.02)],
      { kind: 'far', nearest: { item: b('b9', 0.009), metres: expect.closeTo(1000.8, 0) as number } },
    ],
    [
      'equal distances order by id',
      [b('z', 0.001), b('a', -0.001)],
      {
        kind: 'near',
        items: [
          { item: b('a', -0.001), metres: expect.closeTo(111.2, 0) as number },
          { item: b('z', 0.001), metres: expect.closeTo(111.2, 0) as number },
        ],
      },
    ],
  ];
  test.each(rows)('%s', (_name, buildings, answer) => expect(nearestBuildings(here, buildings)).toEqual(answer));

  test(`the limit is ${NEAR_LIMIT_M} m: just inside is near, just outside is far`, () => {
    const inside = { id: 'in', latitude: 29.4 + (NEAR_LIMIT_M - 1) / 111_195, longitude: 106.3 };
    const outside = { id: 'out', latitude: 29.4 + (NEAR_LIMIT_M + 1) / 111_195, longitude: 106.3 };
    expect(nearestBuildings(here, [inside]).kind).toBe('near');
    expect(nearestBuildings(here, [outside]).kind).toBe('far');
  });

  test('buildings within a radius include the building itself', () => {
    expect(buildingsWithin(here, [b('self', 0), b('b2', 0.002), b('b4', 0.004), { id: 'nopos' }], 300)).toEqual(['self', 'b2']);
    expect(buildingsWithin(here, [b('b4', 0.004)], 300)).toEqual([]);
  });
});

describe('distances as people say them', () => {
  test.each([
    [3, '10米'],
    [84, '80米'],
    [999, '1000米'],
    [1000, '1.0公里'],
    [1260, '1.3公里'],
    [23_400, '23公里'],
  ])('%d m → %s', (m, label) => expect(distanceLabel(m)).toBe(label));
});

describe('coordinates typed by an admin', () => {
  const rows: [string, number, number, { ok: true; value: unknown } | { ok: false; message: RegExp }][] = [
    ['a point in 双福', 29.39512, 106.31234, { ok: true, value: { latitude: 29.39512, longitude: 106.31234 } }],
    ['rounded to six decimals', 29.123456789, 106.987654321, { ok: true, value: { latitude: 29.123457, longitude: 106.987654 } }],
    ['not a number', Number.NaN, 106.3, { ok: false, message: /数字/ }],
    ['latitude over 90', 129.4, 56.3, { ok: false, message: /纬度应在 -90 到 90 之间/ }],
    ['longitude over 180', 29.4, 206.3, { ok: false, message: /经度应在 -180 到 180 之间/ }],
    ['swapped', 106.3, 29.4, { ok: false, message: /填反/ }],
    ['outside China', 48.85, 2.35, { ok: false, message: /不在中国境内/ }],
  ];
  test.each(rows)('%s', (_name, latitude, longitude, want) => {
    const r = checkCoordinates({ latitude, longitude });
    if (want.ok) expect(r).toEqual({ ok: true, value: want.value });
    else {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('PLACE.INVALID');
        expect(r.error.message).toMatch(want.message);
      }
    }
  });
});
