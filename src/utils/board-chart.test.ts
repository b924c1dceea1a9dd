import { axisTicks, barPercent, niceMax, ratePercent } from './board-chart';

describe('图表的坐标轴从零开始，顶端是整数', () => {
  it.each([
    [0, 0],
    [-3, 0],
    [1, 2],
    [3, 4],
    [10, 10],
    [11, 12],
    [13, 20],
    [57, 60],
    [72, 80],
    [101, 120],
    [184, 200],
    [999, 1000],
  ])('niceMax(%p) = %p', (max, top) => expect(niceMax(max)).toBe(top));

  it('顶端不小于最大值，中线是整数', () => {
    for (let v = 1; v <= 5000; v += 7) {
      const top = niceMax(v);
      expect(top).toBeGreaterThanOrEqual(v);
      expect(Number.isInteger(top / 2)).toBe(true);
      // Never more than twice the data: bars stay long enough to read.
      expect(top).toBeLessThanOrEqual(Math.max(2, v * 2));
    }
  });

  it('刻度：0、中线、顶端', () => {
    expect(axisTicks(80)).toEqual([0, 40, 80]);
    expect(axisTicks(0)).toEqual([0]);
  });
});

describe('条形长度与数值成正比', () => {
  it.each([
    [0, 80, 0],
    [40, 80, 50],
    [80, 80, 100],
    [1, 1000, 1],
    [5, 0, 0],
    [90, 80, 100],
  ])('barPercent(%p, %p) = %p', (v, top, p) => expect(barPercent(v, top)).toBe(p));

  it('比率放在 0–100% 的轴上，没有评价时不画', () => {
    expect(ratePercent(0.9624)).toBe(96.2);
    expect(ratePercent(0)).toBe(0);
    expect(ratePercent(null)).toBeNull();
  });
});
