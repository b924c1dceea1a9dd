import { createSimilarSearch, similarAsk, similarKey, type SimilarAsk } from './similar-search';

type Found = { id: string };

function setup(fetchImpl?: (q: SimilarAsk) => Promise<Found[]>) {
  const fetch = jest.fn(fetchImpl ?? (async (q: SimilarAsk) => [{ id: `${q.categoryId}@${'buildingId' in q ? q.buildingId : q.gridId}` }]));
  const results: Found[][] = [];
  const search = createSimilarSearch<Found>({ fetch, onResult: (items) => results.push(items), delayMs: 500 });
  return { fetch, results, search, last: () => results[results.length - 1] };
}

const flush = async () => {
  await Promise.resolve();
  await Promise.resolve();
};

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('附议提示：同楼栋同类别的公开诉求', () => {
  test('类别和楼栋都选了才查', () => {
    expect(similarKey({ categoryId: 'cat-01' })).toBeUndefined();
    expect(similarKey({ categoryId: 'cat-01', buildingId: 'b1' })).toBe('cat-01|b1');
  });

  test('停下来之后才查，连续输入只查一次', async () => {
    const { fetch, search, last } = setup();
    const q = { categoryId: 'cat-01', buildingId: 'b1' };
    search.update(q);
    jest.advanceTimersByTime(300);
    search.update(q);
    jest.advanceTimersByTime(300);
    search.update(q);
    expect(fetch).not.toHaveBeenCalled();
    jest.advanceTimersByTime(500);
    await flush();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(last()).toEqual([{ id: 'cat-01@b1' }]);
  });

  test('同一个楼栋和类别不重复查，继续打字也不查', async () => {
    const { fetch, search } = setup();
    const q = { categoryId: 'cat-01', buildingId: 'b1' };
    search.update(q);
    jest.advanceTimersByTime(600);
    await flush();
    search.update(q);
    jest.advanceTimersByTime(600);
    await flush();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  test('换了类别：先清掉旧的提示，再查新的', async () => {
    const { fetch, search, results } = setup();
    search.update({ categoryId: 'cat-01', buildingId: 'b1' });
    jest.advanceTimersByTime(600);
    await flush();
    search.update({ categoryId: 'cat-02', buildingId: 'b1' });
    expect(results[results.length - 1]).toEqual([]);
    jest.advanceTimersByTime(600);
    await flush();
    expect(fetch).toHaveBeenLastCalledWith({ categoryId: 'cat-02', buildingId: 'b1' });
    expect(results[results.length - 1]).toEqual([{ id: 'cat-02@b1' }]);
  });

  test('晚到的旧答案不覆盖新的选择', async () => {
    let resolveOld: (v: Found[]) => void = () => undefined;
    const { search, results } = setup((q) =>
      q.categoryId === 'cat-01' ? new Promise<Found[]>((r) => (resolveOld = r)) : Promise.resolve([{ id: 'new' }]),
    );
    search.update({ categoryId: 'cat-01', buildingId: 'b1' });
    jest.advanceTimersByTime(600);
    search.update({ categoryId: 'cat-02', buildingId: 'b1' });
    jest.advanceTimersByTime(600);
    await flush();
    resolveOld([{ id: 'old' }]);
    await flush();
    expect(results[results.length - 1]).toEqual([{ id: 'new' }]);
  });

  test('查询失败时不打扰，之后还能再查', async () => {
    let fail = true;
    const { fetch, search, last } = setup(async () => {
      if (fail) throw new Error('网络断了');
      return [{ id: 'ok' }];
    });
    const q = { categoryId: 'cat-01', buildingId: 'b1' };
    search.update(q);
    jest.advanceTimersByTime(600);
    await flush();
    expect(last()).toEqual([]);
    fail = false;
    search.update(q);
    jest.advanceTimersByTime(600);
    await flush();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(last()).toEqual([{ id: 'ok' }]);
  });

  test('还没选全时不查，也不显示', () => {
    const { fetch, search, last } = setup();
    search.update({ categoryId: 'cat-01' });
    jest.advanceTimersByTime(1000);
    expect(fetch).not.toHaveBeenCalled();
    expect(last()).toEqual([]);
  });
});

describe('附议提示：地图选点附近的公开诉求', () => {
  const point = { latitude: 29.396212345, longitude: 106.29681 };

  test('类别、网格和地图上的点都有了才查；选了楼栋就按楼栋查', () => {
    expect(similarKey({ categoryId: 'cat-01', gridId: 'g1' })).toBeUndefined();
    expect(similarKey({ categoryId: 'cat-01', point })).toBeUndefined();
    expect(similarKey({ gridId: 'g1', point })).toBeUndefined();
    expect(similarKey({ categoryId: 'cat-01', gridId: 'g1', point })).toBe('cat-01|g1@29.39621,106.29681');
    expect(similarAsk({ categoryId: 'cat-01', gridId: 'g1', point })).toEqual({ categoryId: 'cat-01', gridId: 'g1', point });
    expect(similarAsk({ categoryId: 'cat-01', buildingId: 'b1', gridId: 'g1', point })).toEqual({ categoryId: 'cat-01', buildingId: 'b1' });
  });

  test('按点查一次；点挪了（约一米以上）就重新查', async () => {
    const { fetch, search, results } = setup();
    search.update({ categoryId: 'cat-01', gridId: 'g1', point });
    jest.advanceTimersByTime(600);
    await flush();
    expect(fetch).toHaveBeenLastCalledWith({ categoryId: 'cat-01', gridId: 'g1', point });
    expect(results[results.length - 1]).toEqual([{ id: 'cat-01@g1' }]);
    // A re-render with the same point (to a millimetre) asks nothing new.
    search.update({ categoryId: 'cat-01', gridId: 'g1', point: { ...point, latitude: point.latitude + 1e-8 } });
    jest.advanceTimersByTime(600);
    await flush();
    expect(fetch).toHaveBeenCalledTimes(1);
    const moved = { latitude: point.latitude + 0.001, longitude: point.longitude };
    search.update({ categoryId: 'cat-01', gridId: 'g1', point: moved });
    expect(results[results.length - 1]).toEqual([]);
    jest.advanceTimersByTime(600);
    await flush();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch).toHaveBeenLastCalledWith({ categoryId: 'cat-01', gridId: 'g1', point: moved });
  });
});
