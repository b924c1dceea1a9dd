import { DESCRIPTION_MAX, descriptionProblem, draftProblem, newRequestId, phoneProblem } from './report-draft';

const ready = { categoryId: 'cat-1', buildingId: 'b-1', description: '楼道灯坏了一周', isPublic: true };

describe('draftProblem：按页面的顺序说出第一件还缺的事', () => {
  test('都填好了就没有问题', () => {
    expect(draftProblem(ready)).toBeUndefined();
  });

  test.each([
    [{ ...ready, categoryId: undefined }, '请先选择问题类别'],
    [{ ...ready, buildingId: undefined }, '请选择所在的楼栋'],
    [{ ...ready, description: '  灯坏  ' }, '请用至少5个字说明情况（表情和标点不算）'],
    [{ ...ready, description: '😀😀😀😀😀😀😀😀' }, '请用至少5个字说明情况（表情和标点不算）'],
    [{ ...ready, description: '\u200b\u200b\u200b灯坏了！！' }, '请用至少5个字说明情况（表情和标点不算）'],
    [{ ...ready, description: '灯'.repeat(DESCRIPTION_MAX + 1) }, `说明最多${DESCRIPTION_MAX}字`],
    [{ ...ready, categoryId: undefined, buildingId: undefined }, '请先选择问题类别'],
  ])('%j → %s', (draft, message) => {
    expect(draftProblem(draft)).toBe(message);
  });

  test('在地图上选了位置时不必选楼栋', () => {
    expect(draftProblem({ ...ready, buildingId: undefined, mapPlace: true })).toBeUndefined();
  });

  test('正好500字可以提交', () => {
    expect(draftProblem({ ...ready, description: '灯'.repeat(DESCRIPTION_MAX) })).toBeUndefined();
  });
});

describe('phoneProblem', () => {
  test.each(['', '13812345678', '023-68123456', '02368123456'])('%s 可以', (p) => {
    expect(phoneProblem(p)).toBeUndefined();
  });

  test.each(['12345', '1381234567', 'abc'])('%s 不行', (p) => {
    expect(phoneProblem(p)).toMatch(/正确/);
  });
});

describe('newRequestId', () => {
  test('符合服务端的格式（8–64 位字母数字、_ 和 -）', () => {
    const id = newRequestId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  test('同一时刻的两次上报也不会重复', () => {
    const now = Date.UTC(2026, 9, 1);
    expect(newRequestId(now)).not.toBe(newRequestId(now));
  });
});

describe('descriptionProblem：只看说明本身', () => {
  test('太短、太长各有中文提示，改好了就没有', () => {
    expect(descriptionProblem('灯坏了')).toBe('请用至少5个字说明情况（表情和标点不算）');
    expect(descriptionProblem('灯'.repeat(DESCRIPTION_MAX + 1))).toBe(`说明最多${DESCRIPTION_MAX}字`);
    expect(descriptionProblem('楼道灯坏了一周')).toBeUndefined();
  });
});
