/**
 * Routing: category → responsible role → the member of that role in the case's grid (least open
 * work first; off-duty and inactive members skipped) → the grid worker → the community queue.
 */
import fc from 'fast-check';
import { MEMBER_ROLES, type Member, type MemberRole } from './model';
import {
  categoryExamples,
  DEFAULT_CATEGORIES,
  roleForCategory,
  routeCase,
  routeForCategory,
  unsureCategory,
  type Route,
} from './route-case';
import { CHEN, GRID, GROUP, LI, LIU, member, OTHER_GRID, WANG, ZHANG, ZHAO, category } from './test-support';

const byCategory = (name: string, members: readonly Member[], openWork: Record<string, number> = {}): Route =>
  routeForCategory(category(name), { gridId: GRID, members, openWork });
const who = (r: Route): string => (r.kind === 'member' ? r.member.name : '社区待派单');

describe('按类别派给五员共治小组中的对应成员', () => {
  test.each([
    ['设施维修', '王小明', '按类别「设施维修」派给楼栋物管员 王**'],
    ['环境卫生', '王小明', '按类别「环境卫生」派给楼栋物管员 王**'],
    ['垃圾分类', '王小明', '按类别「垃圾分类」派给楼栋物管员 王**'],
    ['安全隐患', '李娜', '按类别「安全隐患」派给网格员 李**'],
    ['帮办代办', '李娜', '按类别「帮办代办」派给网格员 李**'],
    ['邻里纠纷', '张伟', '按类别「邻里纠纷」派给居民小组长 张**'],
    ['家庭矛盾', '张伟', '按类别「家庭矛盾」派给居民小组长 张**'],
    ['物业服务', '陈静', '按类别「物业服务」派给业委会成员 陈**'],
    ['公共设施', '陈静', '按类别「公共设施」派给业委会成员 陈**'],
    ['困难帮扶', '刘洋', '按类别「困难帮扶」派给党小组长 刘**'],
    ['政策咨询', '刘洋', '按类别「政策咨询」派给党小组长 刘**'],
    ['其他', '李娜', '按类别「其他」派给网格员 李**'],
  ])('「%s」派给 %s', (name, expectedName, explanation) => {
    const r = byCategory(name, GROUP);
    expect(r).toEqual({ kind: 'member', member: GROUP.find((m) => m.name === expectedName), explanation });
  });

  test('默认类别表覆盖五种角色；纠纷和家庭矛盾默认不公开', () => {
    expect(new Set(DEFAULT_CATEGORIES.map((c) => c.role))).toEqual(new Set(MEMBER_ROLES));
    expect(DEFAULT_CATEGORIES.filter((c) => !c.defaultPublic).map((c) => c.name)).toEqual(['帮办代办', '邻里纠纷', '家庭矛盾', '困难帮扶']);
    expect(DEFAULT_CATEGORIES.filter((c) => c.kind === 'dispute').map((c) => c.name)).toEqual(['邻里纠纷', '家庭矛盾']);
    expect(DEFAULT_CATEGORIES.filter((c) => c.kind === 'hazard').map((c) => c.name)).toEqual(['安全隐患']);
  });

  test('复姓打码保留复姓', () => {
    const ouyang = member('m-ouyang', '欧阳娜娜', 'building_steward');
    expect(byCategory('设施维修', [ouyang]).explanation).toBe('按类别「设施维修」派给楼栋物管员 欧阳**');
  });
});

describe('社区可为本社区改设类别的派单角色', () => {
  const repair = category('设施维修'); // default: 楼栋物管员

  test('没有改设时用类别的默认角色', () => {
    expect(roleForCategory(repair)).toBe('building_steward');
    expect(roleForCategory(repair, {})).toBe('building_steward');
    expect(roleForCategory(repair, { categoryRoles: {} })).toBe('building_steward');
    expect(roleForCategory(repair, { categoryRoles: { [category('安全隐患').id]: 'party_leader' } })).toBe('building_steward');
  });

  test('改设了就用社区的角色', () => {
    expect(roleForCategory(repair, { categoryRoles: { [repair.id]: 'owners_committee' } })).toBe('owners_committee');
  });

  test('只认社区自己的设定，不会读到原型上的属性', () => {
    const odd = { ...repair, id: 'constructor' };
    expect(roleForCategory(odd, { categoryRoles: {} })).toBe('building_steward');
    expect(roleForCategory({ ...repair, id: '__proto__' }, { categoryRoles: {} })).toBe('building_steward');
  });

  test('派单按社区改设的角色，说明仍写明类别', () => {
    const r = routeForCategory(
      repair,
      { gridId: GRID, members: GROUP, openWork: {} },
      { categoryRoles: { [repair.id]: 'owners_committee' } },
    );
    expect(r).toEqual({ kind: 'member', member: CHEN, explanation: '按类别「设施维修」派给业委会成员 陈**' });
  });

  test('其他社区（没有改设）仍按默认角色', () => {
    const elsewhere = { categoryRoles: { [category('安全隐患').id]: 'party_leader' as const } };
    expect(routeForCategory(repair, { gridId: GRID, members: GROUP, openWork: {} }, elsewhere)).toEqual(byCategory('设施维修', GROUP));
  });

  test('改设的角色无人在岗时，同样转由网格员或进入队列', () => {
    const roles = { categoryRoles: { [repair.id]: 'party_leader' as const } };
    const r = routeForCategory(repair, { gridId: GRID, members: [{ ...LIU, onDuty: false }, LI, WANG], openWork: {} }, roles);
    expect(r).toEqual({
      kind: 'member',
      member: LI,
      explanation: '按类别「设施维修」应派给党小组长，暂无在岗人员，转由网格员 李** 办理',
    });
    expect(routeForCategory(repair, { gridId: GRID, members: [WANG], openWork: {} }, roles)).toEqual({
      kind: 'queue',
      explanation: '按类别「设施维修」应派给党小组长，网格内暂无在岗人员，进入社区待派单队列',
    });
  });

  test('性质：有改设时派给改设角色（或兜底网格员），与直接按该角色派单一致', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DEFAULT_CATEGORIES.map((c) => c.name)),
        fc.option(fc.constantFrom<MemberRole>(...MEMBER_ROLES), { nil: undefined }),
        (name, override) => {
          const cat = category(name);
          const community = override ? { categoryRoles: { [cat.id]: override } } : undefined;
          const expected = routeCase({
            role: override ?? cat.role,
            because: `按类别「${name}」`,
            gridId: GRID,
            members: GROUP,
            openWork: {},
          });
          expect(routeForCategory(cat, { gridId: GRID, members: GROUP, openWork: {} }, community)).toEqual(expected);
        },
      ),
    );
  });
});

describe('同一角色有多人时', () => {
  test('手上未办结任务最少的优先', () => {
    const r = byCategory('设施维修', [WANG, ZHAO, LI], { [WANG.id]: 3, [ZHAO.id]: 1 });
    expect(who(r)).toBe('赵六');
    expect(r.explanation).toBe('按类别「设施维修」派给楼栋物管员 赵**');
  });

  test('没有记录的人按0件计', () => {
    expect(who(byCategory('设施维修', [WANG, ZHAO], { [WANG.id]: 1 }))).toBe('赵六');
  });

  test('任务数相同时按成员编号，结果稳定', () => {
    expect(who(byCategory('设施维修', [ZHAO, WANG], { [WANG.id]: 2, [ZHAO.id]: 2 }))).toBe('王小明'); // m-wang < m-zhao
    expect(who(byCategory('设施维修', [WANG, ZHAO], {}))).toBe('王小明');
  });

  test('休息、停用、其他网格的成员跳过', () => {
    const offDuty = { ...WANG, onDuty: false };
    const retired = { ...ZHAO, active: false };
    const elsewhere = member('m-sun', '孙强', 'building_steward', { gridId: OTHER_GRID });
    const third = member('m-qian', '钱伟', 'building_steward');
    const r = byCategory('设施维修', [offDuty, retired, elsewhere, third, LI], { [third.id]: 9 });
    expect(who(r)).toBe('钱伟');
  });

  test('排除的成员（转派时的原办理人）不会被选中', () => {
    const r = routeCase({
      role: 'building_steward',
      because: '转派后',
      gridId: GRID,
      members: [WANG, ZHAO],
      openWork: {},
      exclude: [WANG.id],
    });
    expect(who(r)).toBe('赵六');
  });
});

describe('对应角色无人时', () => {
  test('楼栋物管员休息，转由网格员办理', () => {
    const r = byCategory('设施维修', [{ ...WANG, onDuty: false }, LI, ZHANG]);
    expect(r).toEqual({
      kind: 'member',
      member: LI,
      explanation: '按类别「设施维修」应派给楼栋物管员，暂无在岗人员，转由网格员 李** 办理',
    });
  });

  test('网格员也选任务最少的', () => {
    const li2 = member('m-li2', '李强', 'grid_worker');
    expect(who(byCategory('邻里纠纷', [LI, li2], { [LI.id]: 5 }))).toBe('李强');
  });

  test('网格员也不在岗，进入社区待派单队列', () => {
    const r = byCategory('设施维修', [{ ...WANG, onDuty: false }, { ...LI, onDuty: false }, ZHANG, CHEN, LIU]);
    expect(r).toEqual({ kind: 'queue', explanation: '按类别「设施维修」应派给楼栋物管员，网格内暂无在岗人员，进入社区待派单队列' });
  });

  test('本来就该网格员办的，网格员不在时直接进队列', () => {
    const r = byCategory('安全隐患', [WANG, { ...LI, active: false }]);
    expect(r).toEqual({ kind: 'queue', explanation: '按类别「安全隐患」应派给网格员，网格内暂无在岗人员，进入社区待派单队列' });
  });

  test('不兜底时不找网格员', () => {
    const r = routeCase({ role: 'resident_leader', because: '转派后', gridId: GRID, members: [LI], openWork: {}, fallback: false });
    expect(r.kind).toBe('queue');
    expect(r.explanation).toBe('转派后应派给居民小组长，网格内暂无在岗人员，进入社区待派单队列');
  });

  test('网格里没有任何人', () => {
    expect(byCategory('其他', []).kind).toBe('queue');
  });
});

describe('性质', () => {
  const memberArb = fc.record({
    id: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6'),
    role: fc.constantFrom<MemberRole>(...MEMBER_ROLES),
    grid: fc.constantFrom(GRID, OTHER_GRID),
    onDuty: fc.boolean(),
    active: fc.boolean(),
  });
  const input = fc.record({
    role: fc.constantFrom<MemberRole>(...MEMBER_ROLES),
    members: fc.uniqueArray(memberArb, { selector: (m) => m.id, maxLength: 6 }),
    work: fc.dictionary(fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6'), fc.nat(5)),
    exclude: fc.subarray(['m1', 'm2', 'm3']),
  });

  test('选中的人总是本网格在岗、在册、未被排除，且是该角色（或兜底网格员）中任务最少的', () => {
    fc.assert(
      fc.property(input, ({ role, members: raw, work, exclude }) => {
        const members = raw.map((m) => member(m.id, `成员${m.id}`, m.role, { gridId: m.grid, onDuty: m.onDuty, active: m.active }));
        const r = routeCase({ role, because: '按类别「测试」', gridId: GRID, members, openWork: work, exclude });
        const able = (rl: MemberRole): Member[] =>
          members.filter((m) => m.role === rl && m.gridId === GRID && m.onDuty && m.active && !exclude.includes(m.id));
        const load = (m: Member): number => work[m.id] ?? 0;
        if (r.kind === 'queue') {
          expect(able(role)).toEqual([]);
          expect(able('grid_worker')).toEqual([]);
          return;
        }
        const pool = able(role).length ? able(role) : able('grid_worker');
        expect(pool).toContainEqual(r.member);
        expect(load(r.member)).toBe(Math.min(...pool.map(load)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('categories explain themselves, and 「不知道选哪个」 goes to the grid worker', () => {
  const cats = DEFAULT_CATEGORIES.map((c, i) => ({ ...c, id: `c${i}` }));

  test('every default category has examples', () => {
    for (const c of DEFAULT_CATEGORIES) expect(categoryExamples(c).length).toBeGreaterThan(5);
  });

  test('the three that overlap draw the line: inside the building, the shared facilities, the property company', () => {
    expect(categoryExamples({ name: '设施维修' })).toMatch(/楼栋里/);
    expect(categoryExamples({ name: '公共设施' })).toMatch(/公共场地/);
    expect(categoryExamples({ name: '物业服务' })).toMatch(/物业公司/);
  });

  test("a street's own examples win; an unknown name has none", () => {
    expect(categoryExamples({ name: '设施维修', examples: '自己的说明' })).toBe('自己的说明');
    expect(categoryExamples({ name: '新类别' })).toBe('');
  });

  test('不知道选哪个 → 其他 → the grid worker', () => {
    const unsure = unsureCategory(cats)!;
    expect(unsure.name).toBe('其他');
    expect(roleForCategory(unsure)).toBe('grid_worker');
  });

  test('without an active 其他: the first demand category of the grid worker; none when there is none', () => {
    const without = cats.map((c) => (c.name === '其他' ? { ...c, active: false } : c));
    expect(unsureCategory(without)!.name).toBe('帮办代办');
    expect(unsureCategory(without.filter((c) => c.role !== 'grid_worker'))).toBeUndefined();
  });
});
