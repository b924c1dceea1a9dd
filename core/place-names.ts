/**
 * Orders place names as people count them: 第二网格 after 第一网格, 10栋 after 9栋. A plain Chinese
 * collation puts 二 (èr) before 一 (yī). Used by the server's place lists and the staff pages.
 */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99; undefined when not a Chinese number below 100. */
export function chineseNumber(s: string): number | undefined {
  if (!s || /[^零〇一二两三四五六七八九十]/.test(s)) return undefined;
  const ten = s.indexOf('十');
  if (ten === -1) return s.length === 1 ? DIGITS[s] : undefined;
  const tens = ten === 0 ? 1 : DIGITS[s.slice(0, ten)];
  const ones = ten === s.length - 1 ? 0 : DIGITS[s.slice(ten + 1)];
  return tens === undefined || ones === undefined ? undefined : tens * 10 + ones;
}

/** Splits a name into text and numbers (Arabic or Chinese) for comparing. */
function keyOf(name: string): (string | number)[] {
  return name
    .split(/(\d+|[零〇一二两三四五六七八九十]+)/)
    .filter(Boolean)
    .map((part) => {
      if (/^\d+$/.test(part)) return Number(part);
      return chineseNumber(part) ?? part;
    });
}

export function compareNames(a: string, b: string): number {
  const ka = keyOf(a);
  const kb = keyOf(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const x = ka[i]!;
    const y = kb[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x.localeCompare(y, 'zh');
  }
  return ka.length - kb.length;
}
