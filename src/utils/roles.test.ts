import { categoryRoleName } from './roles';

describe('categoryRoleName', () => {
  const repair = { roleName: '楼栋物管员', roleByCommunity: { 'sf-yuyuan': { roleName: '业委会成员' } } };

  it('uses the community’s own role when it chose one', () => {
    expect(categoryRoleName(repair, 'sf-yuyuan')).toBe('业委会成员');
  });

  it('uses the default elsewhere, before a place is chosen, and for older answers without overrides', () => {
    expect(categoryRoleName(repair, 'sf-xinglong')).toBe('楼栋物管员');
    expect(categoryRoleName(repair)).toBe('楼栋物管员');
    expect(categoryRoleName({ roleName: '网格员' }, 'sf-yuyuan')).toBe('网格员');
    expect(categoryRoleName({ roleName: '网格员', roleByCommunity: {} }, 'constructor')).toBe('网格员');
  });
});
