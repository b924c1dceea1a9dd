/**
 * Masking against disguised personal data: every class × every disguise, many times over, through
 * `maskText` alone. The same variants go through the whole board in
 * `tests/integration/public-text.test.ts`.
 */
import { maskText, normaliseForSearch } from './masking';
import { applicablePairs, CLASSES, leaksIn, plantedVariants } from '../tests/support/planted-data';

const KNOWN = ['张三丰', '李桂英', '欧阳娜娜', '王伟'];

describe('脱敏：各类个人信息的各种写法', () => {
  const variants = plantedVariants(20261207, 10, KNOWN);

  it('生成了每一类、每一种写法', () => {
    expect(new Set(variants.map((v) => v.cls)).size).toBe(CLASSES.length);
    expect(variants.length).toBeGreaterThanOrEqual(1000);
    // Guards against a vacuous pass: unmasked, every needle is found in its own text.
    for (const v of variants) expect({ v, found: leaksIn(v.written, [v]).length }).toEqual({ v, found: 1 });
  });

  it.each(applicablePairs())('%s 写成 %s：脱敏后找不到', (cls, disguise) => {
    for (const v of variants.filter((x) => x.cls === cls && x.disguise === disguise)) {
      const out = maskText(`居民反映：${v.written}，请尽快处理。`, { names: KNOWN });
      expect({ written: v.written, out, leaked: leaksIn(out, [v]).length }).toEqual({ written: v.written, out, leaked: 0 });
    }
  });

  it('规范化：全角、中文数字、分隔符与不可见字符', () => {
    expect(normaliseForSearch('１３８\u200b1234.5678')).toBe('13812345678');
    expect(normaliseForSearch('幺三八 一二三四 伍陆柒捌')).toBe('13812345678');
    expect(normaliseForSearch('2026-10-01')).toBe('2026-10-01');
    expect(normaliseForSearch('张 三 丰')).toBe(normaliseForSearch('张三丰'));
  });
});
