import type { Case } from './model';
import { RETURN_HINT_MIN, countReturns } from './returns';

const ret = (memberId: string, at: string, role: 'building_steward' | 'grid_worker' = 'building_steward') => ({
  memberId,
  role,
  at,
  reason: '不属于职责',
});
const kase = (categoryId: string, returns: ReturnType<typeof ret>[]): Case =>
  ({ id: `c-${Math.random()}`, categoryId, categoryName: categoryId === 'cat-01' ? '设施维修' : '环境卫生', returns }) as unknown as Case;

describe('退单 counts', () => {
  const SINCE = '2026-09-01T00:00:00.000Z';
  const cases = [
    kase('cat-01', [ret('m1', '2026-10-01T00:00:00.000Z'), ret('m2', '2026-10-02T00:00:00.000Z', 'grid_worker')]),
    kase('cat-01', [ret('m1', '2026-11-01T00:00:00.000Z')]),
    kase('cat-02', [ret('m1', '2026-11-02T00:00:00.000Z')]),
    // Before the window: not counted.
    kase('cat-02', [ret('m3', '2026-08-01T00:00:00.000Z')]),
    kase('cat-02', []),
  ];

  it('counts per member and per category within the window', () => {
    const r = countReturns(cases, SINCE);
    expect(r.total).toBe(4);
    expect(r.byMember).toEqual([
      { memberId: 'm1', role: 'building_steward', count: 3 },
      { memberId: 'm2', role: 'grid_worker', count: 1 },
    ]);
    expect(r.byCategory).toEqual([
      { categoryId: 'cat-01', categoryName: '设施维修', count: 3, roles: ['building_steward', 'grid_worker'] },
      { categoryId: 'cat-02', categoryName: '环境卫生', count: 1, roles: ['building_steward'] },
    ]);
  });

  it.each([
    [RETURN_HINT_MIN, ['cat-01']],
    [4, []],
    [1, ['cat-01', 'cat-02']],
  ])('with a hint from %i returns: %j', (min, hinted) => {
    const r = countReturns(cases, SINCE, min);
    expect(r.hints.map((h) => h.categoryId)).toEqual(hinted);
    for (const h of r.hints) expect(h.message).toContain('承办角色');
  });

  it('nothing returned, nothing to say', () => {
    expect(countReturns([], SINCE)).toEqual({ total: 0, byMember: [], byCategory: [], hints: [] });
  });
});
