import { accessOf, landingTab, tabOfPath, visibleTabs, workTabLabel, type StaffProfile } from './staff-access';

const profile = (roles: string[], extra: Partial<StaffProfile> = {}): StaffProfile => ({
  openid: 'u',
  name: '某人',
  roles,
  isMember: roles.some((r) => ['party_leader', 'resident_leader', 'grid_worker', 'owners_committee', 'building_steward'].includes(r)),
  isAdmin: roles.some((r) => ['community_admin', 'street_admin', 'department'].includes(r)),
  memberships: [],
  ...extra,
});

describe('the work tab', () => {
  test.each<[string, string[], string | undefined]>([
    ['居民看不到', [], undefined],
    ['五员看到工作台', ['grid_worker'], '工作台'],
    ['社区管理员看到管理', ['community_admin'], '管理'],
    ['街道管理员看到管理', ['street_admin'], '管理'],
    ['职能部门看到管理', ['department'], '管理'],
    ['既是五员又是管理员时看到管理', ['building_steward', 'community_admin'], '管理'],
  ])('%s', (_n, roles, label) => {
    expect(workTabLabel(profile(roles))).toBe(label);
    const tabs = visibleTabs(profile(roles)).map((t) => t.text);
    expect(tabs).toEqual(label ? ['首页', '我的诉求', label, '消息', '我的'] : ['首页', '我的诉求', '消息', '我的']);
  });

  test('资料未加载时只有居民的四个标签', () => {
    expect(visibleTabs(undefined)).toHaveLength(4);
    expect(accessOf(undefined)).toEqual({ member: false, communityAdmin: false, streetAdmin: false, department: false, admin: false });
  });

  test('页面路径对应标签', () => {
    expect(tabOfPath('/pages/workbench/index')).toBe('work');
    expect(tabOfPath('pages/index/index?x=1')).toBe('home');
    expect(tabOfPath('/pages-member/tasks/index')).toBeUndefined();
    expect(tabOfPath(undefined)).toBeUndefined();
  });
});

describe('where each person lands when the app opens', () => {
  it('members on 工作台, community and street admins and departments on 管理', () => {
    expect(landingTab(profile(['grid_worker']))).toBe('work');
    expect(landingTab(profile(['resident', 'building_steward']))).toBe('work');
    expect(landingTab(profile(['community_admin']))).toBe('work');
    expect(landingTab(profile(['street_admin']))).toBe('work');
    expect(landingTab(profile(['department']))).toBe('work');
  });

  it('residents, and anybody not yet known, stay on 首页', () => {
    expect(landingTab(profile(['resident']))).toBe('home');
    expect(landingTab(profile([]))).toBe('home');
    expect(landingTab(undefined)).toBe('home');
  });
});
