import { casePoint, casesNear, SIMILAR_MAX, SIMILAR_POINT_RADIUS_M, type PlacedCase } from './similar-nearby';

// ≈ 111 m per 0.001° of latitude.
const here = { latitude: 29.4, longitude: 106.3 };
const north = (dLat: number) => ({ latitude: 29.4 + dLat, longitude: 106.3 });
const buildings: Record<string, { latitude?: number; longitude?: number }> = {
  b100: north(0.0009), // ≈ 100 m
  b300: north(0.0027), // ≈ 300 m
  nopos: {},
};
const buildingPoint = (id: string) => buildings[id];
const atPoint = (id: string, dLat: number, createdAt = '2026-12-01T00:00:00.000Z'): PlacedCase => ({
  id,
  createdAt,
  place: { location: north(dLat) },
});
const inBuilding = (id: string, buildingId: string, createdAt = '2026-12-01T00:00:00.000Z'): PlacedCase => ({
  id,
  createdAt,
  place: { buildingId },
});

describe('where a case stands on the map', () => {
  it('at its building when the building has a point, else nowhere', () => {
    expect(casePoint({ buildingId: 'b100' }, buildingPoint)).toEqual(north(0.0009));
    expect(casePoint({ buildingId: 'nopos' }, buildingPoint)).toBeUndefined();
    expect(casePoint({ buildingId: 'gone' }, buildingPoint)).toBeUndefined();
  });
  it('at the point picked when it has no building', () => {
    expect(casePoint({ location: north(0.001) }, buildingPoint)).toEqual(north(0.001));
    expect(casePoint({}, buildingPoint)).toBeUndefined();
    expect(casePoint({ location: { latitude: Number.NaN, longitude: 106.3 } }, buildingPoint)).toBeUndefined();
  });
  it('a building wins over a stray point (the building is what the reporter chose)', () => {
    expect(casePoint({ buildingId: 'b300', location: here }, buildingPoint)).toEqual(north(0.0027));
  });
});

describe('the cases near a point on the map', () => {
  it('keeps those within the radius, nearest first, points and buildings alike', () => {
    const cases = [atPoint('p150', 0.00135), inBuilding('in100', 'b100'), atPoint('p50', 0.00045), inBuilding('in300', 'b300')];
    const near = casesNear(here, cases, buildingPoint);
    expect(near.map((n) => n.item.id)).toEqual(['p50', 'in100', 'p150']);
    expect(near[0]!.metres).toBeCloseTo(50, -1);
    expect(near[1]!.metres).toBeCloseTo(100, -1);
  });

  it('the radius is 200 m: 190 m is in, 210 m is out', () => {
    expect(SIMILAR_POINT_RADIUS_M).toBe(200);
    const near = casesNear(here, [atPoint('in', 0.00171), atPoint('out', 0.00189)], buildingPoint);
    expect(near.map((n) => n.item.id)).toEqual(['in']);
  });

  it('a wider radius reaches further', () => {
    const near = casesNear(here, [inBuilding('in300', 'b300')], buildingPoint, { radius: 350 });
    expect(near.map((n) => n.item.id)).toEqual(['in300']);
  });

  it('skips cases it cannot place, and counts each case once', () => {
    const dup = atPoint('p', 0.0001);
    const near = casesNear(here, [dup, inBuilding('x', 'nopos'), { id: 'y', createdAt: dup.createdAt, place: {} }, dup], buildingPoint);
    expect(near.map((n) => n.item.id)).toEqual(['p']);
  });

  it('at one distance the newer first, then by id; at most five', () => {
    const cases = [
      atPoint('old', 0.0005, '2026-11-01T00:00:00.000Z'),
      atPoint('new', 0.0005, '2026-12-02T00:00:00.000Z'),
      atPoint('b', 0.0005, '2026-11-01T00:00:00.000Z'),
      ...Array.from({ length: 6 }, (_, i) => atPoint(`far${i}`, 0.001 + i * 0.0001)),
    ];
    const near = casesNear(here, cases, buildingPoint);
    expect(near).toHaveLength(SIMILAR_MAX);
    expect(near.map((n) => n.item.id)).toEqual(['new', 'b', 'old', 'far0', 'far1']);
  });
});
