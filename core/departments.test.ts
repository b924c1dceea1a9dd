import { checkDepartmentCategories, checkDepartmentName, departmentNameKey, departmentsToOffer, tidyDepartmentName } from './departments';

const DEPTS = [
  { id: 'd1', name: '城管执法中队', active: true, categoryIds: ['c-env'] },
  { id: 'd2', name: '派出所', active: true },
  { id: 'd3', name: 'A区供水所', active: false, categoryIds: ['c-water'] },
];
const CATEGORIES = [
  { id: 'c-water', name: '供水供电', active: true, order: 2 },
  { id: 'c-env', name: '环境卫生', active: true, order: 1 },
  { id: 'c-old', name: '旧类别', active: false, order: 3 },
];

describe('部门名称', () => {
  test.each([
    ['  司法所 ', undefined, '司法所'],
    ['市场　监管所', undefined, '市场 监管所'],
    ['城管执法中队', 'd1', '城管执法中队'], // renaming to its own name is fine
  ])('「%s」(本部门 %s) → 「%s」', (name, self, tidy) => {
    expect(checkDepartmentName(name, DEPTS, self)).toEqual({ ok: true, value: tidy });
  });

  test.each([
    ['', '请填写部门名称'],
    ['　 ', '请填写部门名称'],
    ['部'.repeat(31), '部门名称过长（最多30字）'],
    ['城管执法 中队', '本街道已有名为「城管执法中队」的部门'],
    ['ａ区供水所', '本街道已有名为「A区供水所」的部门（已停用，可重新启用）'],
  ])('「%s」被拒：%s', (name, message) => {
    const r = checkDepartmentName(name, DEPTS);
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message } });
  });

  test('比较时忽略空格、全角和大小写', () => {
    expect(departmentNameKey(' Ａ区 供水所')).toBe(departmentNameKey('a区供水所'));
    expect(tidyDepartmentName(' 甲  乙 ')).toBe('甲 乙');
  });
});

describe('负责类别', () => {
  test('按街道的类别顺序返回', () => {
    expect(checkDepartmentCategories(['c-water', 'c-env'], CATEGORIES)).toEqual({ ok: true, value: ['c-env', 'c-water'] });
    expect(checkDepartmentCategories([], CATEGORIES)).toEqual({ ok: true, value: [] });
  });
  test.each([
    [['c-env', 'c-env'], 'INPUT.INVALID', '负责类别有重复'],
    [['c-none'], 'CATEGORY.NOT_FOUND', '所选类别不存在'],
    [['c-old'], 'INPUT.INVALID', '类别「旧类别」已停用，不能选择'],
    [Array.from({ length: 21 }, (_, i) => `c${i}`), 'INPUT.INVALID', '负责类别最多选20个'],
  ])('%j 被拒：%s %s', (ids, code, message) => {
    expect(checkDepartmentCategories(ids, CATEGORIES)).toMatchObject({ ok: false, error: { code, message } });
  });
});

describe('吹哨时可选的部门', () => {
  test('停用的部门不出现，负责该类别的排在前面', () => {
    expect(departmentsToOffer(DEPTS, 'c-env').map((d) => [d.id, d.handlesCategory])).toEqual([
      ['d1', true],
      ['d2', false],
    ]);
    expect(departmentsToOffer(DEPTS, 'c-water').map((d) => d.id)).toEqual(['d1', 'd2']); // by name (城 before 派)
    expect(departmentsToOffer(DEPTS).every((d) => !d.handlesCategory)).toBe(true);
  });
});
