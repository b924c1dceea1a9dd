/**
 * 退单 through the API: a member returns a task outside their duties with a reason; the case goes
 * back to the community's queue (not to another member), the timeline says why, and the admin's
 * routing hints count it per member and category, naming a category returned again and again.
 */
import { member } from '../../backend/functions/member';
import { P, YUYUAN, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

let w: AdminWorld;
beforeAll(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterAll(async () => w.close());

const asHolder = async (caseId: string, action: string, params: Record<string, unknown> = {}) => {
  const c = await w.getCase(caseId);
  return member.handle({ action, caseId, ...params }, c.holder!.openid, w.deps);
};

interface Hints {
  total: number;
  byMember: { memberId: string; count: number; name: string }[];
  byCategory: { categoryId: string; count: number }[];
  hints: { categoryId: string; message: string }[];
}

describe('退单', () => {
  it('goes back to the community queue with the reason on the timeline; a blank reason or a stranger changes nothing', async () => {
    const c = await w.submit();
    const holder = c.holder!;
    expect(outcome(await asHolder(c.id, 'returnTask', { reason: '   ' }))).toBe('INPUT.INVALID');
    expect(outcome(await member.handle({ action: 'returnTask', caseId: c.id, reason: '不归我管' }, P.member, w.deps))).not.toBe('ok');
    expect((await w.getCase(c.id)).version).toBe(c.version);

    data(await asHolder(c.id, 'returnTask', { reason: '属于物业维修范围' }));
    const after = await w.getCase(c.id);
    expect(after.status).toBe('pending');
    expect(after.holder).toBeUndefined();
    expect(after.returns).toEqual([expect.objectContaining({ memberId: holder.memberId, reason: '属于物业维修范围' })]);
    const timeline = await w.store.getTimeline(c.id);
    expect(timeline[timeline.length - 1]).toMatchObject({ action: 'return_task', toStatus: 'pending' });
    expect(timeline[timeline.length - 1]!.note).toContain('属于物业维修范围');
    // The case waits in the community's dispatch queue.
    const queue = data<{ items: { id: string }[] }>(
      await w.admin(P.communityAdmin, 'listCases', { communityId: YUYUAN, status: 'pending' }),
    );
    expect(queue.items.map((i) => i.id)).toContain(c.id);
  });

  it('counted per member and category; three returns of a category make a hint on the routing configuration', async () => {
    const before = data<Hints>(await w.admin(P.communityAdmin, 'routingHints', {}));
    expect(before.total).toBe(1);
    expect(before.hints).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const c = await w.submit();
      data(await asHolder(c.id, 'returnTask', { reason: '不属于楼栋长职责' }));
    }
    const after = data<Hints>(await w.admin(P.communityAdmin, 'routingHints', {}));
    expect(after.total).toBe(3);
    expect(after.byCategory).toEqual([expect.objectContaining({ categoryId: 'cat-01', count: 3 })]);
    expect(after.byMember.reduce((s, m) => s + m.count, 0)).toBe(3);
    expect(after.byMember[0]!.name).toMatch(/^第一网格 /);
    expect(after.hints.map((h) => h.categoryId)).toEqual(['cat-01']);
    expect(after.hints[0]!.message).toContain('承办角色');
    // Another community's admin cannot look; the street can.
    expect(outcome(await w.admin(P.otherCommunityAdmin, 'routingHints', { communityId: YUYUAN }))).toBe('AUTH.FORBIDDEN');
    expect(data<Hints>(await w.admin(P.streetAdmin, 'routingHints', { communityId: YUYUAN })).total).toBe(3);
  });
});
