import { addressOf, inGroup, recipientOf, type Recipient } from './recipients';

describe('通知收件人', () => {
  const cases: [Recipient, string][] = [
    [{ kind: 'person', openid: 'o-abc' }, 'o-abc'],
    [{ kind: 'person', openid: 'member:M1' }, 'member:M1'],
    [{ kind: 'community', communityId: 'c1' }, 'community:c1'],
    [{ kind: 'street', streetId: 's1' }, 'street:s1'],
    [{ kind: 'department', departmentId: 'd:x' }, 'department:d:x'],
  ];
  it.each(cases)('地址与收件人一一对应：%j ⇄ %s', (r, address) => {
    expect(addressOf(r)).toBe(address);
    expect(recipientOf(address)).toEqual(r);
  });

  it('前缀不全或不是群组的地址是个人', () => {
    expect(recipientOf('community:')).toEqual({ kind: 'person', openid: 'community:' });
    expect(recipientOf(':c1')).toEqual({ kind: 'person', openid: ':c1' });
    expect(recipientOf('grid:g1')).toEqual({ kind: 'person', openid: 'grid:g1' });
  });

  it('群组只含对应角色、对应单位的人', () => {
    const community = { kind: 'community', communityId: 'c1' } as const;
    expect(inGroup({ role: 'community_admin', communityId: 'c1' }, community)).toBe(true);
    expect(inGroup({ role: 'community_admin', communityId: 'c2' }, community)).toBe(false);
    expect(inGroup({ role: 'member', communityId: 'c1' }, community)).toBe(false);
    expect(inGroup({ role: 'street_admin', streetId: 's1' }, { kind: 'street', streetId: 's1' })).toBe(true);
    expect(inGroup({ role: 'community_admin', streetId: 's1' }, { kind: 'street', streetId: 's1' })).toBe(false);
    expect(inGroup({ role: 'department', departmentId: 'd1' }, { kind: 'department', departmentId: 'd1' })).toBe(true);
    expect(inGroup({ role: 'department', departmentId: 'd2' }, { kind: 'department', departmentId: 'd1' })).toBe(false);
  });
});
