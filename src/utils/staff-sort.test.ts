import { chineseNumber, compareNames } from './staff-sort';

test.each([
  ['一', 1],
  ['九', 9],
  ['十', 10],
  ['十二', 12],
  ['二十', 20],
  ['九十九', 99],
  ['网格', undefined],
  ['一二', undefined],
])('chineseNumber(%s) = %s', (s, n) => expect(chineseNumber(s)).toBe(n));

test('网格和楼栋按数字排，不按拼音', () => {
  expect(['第十网格', '第二网格', '第一网格', '第三网格'].sort(compareNames)).toEqual(['第一网格', '第二网格', '第三网格', '第十网格']);
  expect(['10栋', '9栋', '1栋'].sort(compareNames)).toEqual(['1栋', '9栋', '10栋']);
  expect(['兴隆社区', '渝园社区', '桃源村社区'].sort(compareNames)).toEqual(['桃源村社区', '兴隆社区', '渝园社区']);
});
