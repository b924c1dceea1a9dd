import { chineseNumber, compareNames } from './place-names';

describe('natural order of place names', () => {
  test.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['网格', undefined],
  ])('%s → %s', (s, n) => expect(chineseNumber(s)).toBe(n));

  test('grids: 第一 before 第二 before 第十 before 第十一', () => {
    const names = ['第十一网格', '第二网格', '第十网格', '第一网格', '第三网格'];
    expect([...names].sort(compareNames)).toEqual(['第一网格', '第二网格', '第三网格', '第十网格', '第十一网格']);
  });

  test('buildings: 2栋 before 10栋, numbers before words', () => {
    const names = ['10栋', '2栋', '幸福苑', '1栋', '2栋附楼'];
    expect([...names].sort(compareNames)).toEqual(['1栋', '2栋', '2栋附楼', '10栋', '幸福苑']);
  });

  test('plain Chinese names still compare by pinyin', () => {
    expect(['兴隆社区', '渝园社区', '桃源村社区'].sort(compareNames)).toEqual(['桃源村社区', '兴隆社区', '渝园社区']);
  });
});
