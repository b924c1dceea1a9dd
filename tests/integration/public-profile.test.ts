/**
 * 公示牌 consent through the functions: the member chooses, the community admin approves the photo
 * and the words, the board shows what was consented to and approved, nothing more.
 */
import { board } from '../../backend/functions/board';
import type { Reply } from '../../backend/functions/define';
import { member } from '../../backend/functions/member';
import { data, openAdminWorld, outcome, P, YUYUAN_G1, type AdminWorld } from '../support/admin-world';

const LEADER = 'demo-11-party-leader';
const LEADER_MEMBER = `${YUYUAN_G1}-party_leader`;
const PHOTO = 'a1b2c3d4e5f6a7b8.jpg';

jest.setTimeout(60_000); // each test seeds a demo street of its own

let w: AdminWorld;
const callMember = (openid: string | undefined, action: string, params: Record<string, unknown> = {}): Promise<Reply> =>
  member.handle({ action, ...params }, openid, w.deps);

interface RosterMember {
  role: string;
  name: string;
  photo?: string;
  commitment?: string;
  workPhone?: string;
}
const leaderOnBoard = async (): Promise<RosterMember> => {
  const r = data<{ members: RosterMember[] }>(await board.handle({ action: 'gridRoster', gridId: YUYUAN_G1 }, undefined, w.deps));
  return r.members.find((m) => m.role === 'party_leader')!;
};

beforeEach(async () => {
  w = await openAdminWorld();
});
afterEach(async () => {
  await w.close();
});

test('by default the board shows the surname only', async () => {
  const m = await w.store.getRef('members', LEADER_MEMBER);
  const face = await leaderOnBoard();
  expect(face.name).toBe(`${Array.from(m!.name)[0]}**`);
  expect(face).not.toHaveProperty('workPhone');
  expect(face).not.toHaveProperty('photo');
});

test('consent shows the full name and work phone at once; photo and words after approval only', async () => {
  const m = (await w.store.getRef('members', LEADER_MEMBER))!;
  const mine = data<{ board: RosterMember }>(
    await callMember(LEADER, 'setPublicProfile', {
      showFullName: true,
      workPhone: '13900001234',
      commitment: '有事找我，随叫随到',
      photos: [PHOTO],
    }),
  );
  expect(mine.board).toEqual({ name: m.name, workPhone: '13900001234' });
  expect(await leaderOnBoard()).toMatchObject({ name: m.name, workPhone: '13900001234' });
  expect(await leaderOnBoard()).not.toHaveProperty('commitment');

  // Another community's admin and the member themselves cannot approve.
  expect(outcome(await w.community(P.otherCommunityAdmin, 'reviewProfile', { memberId: LEADER_MEMBER, commitment: true }))).toBe(
    'MEMBER.NOT_FOUND',
  );
  expect(outcome(await w.community(LEADER, 'reviewProfile', { memberId: LEADER_MEMBER, commitment: true }))).toBe('AUTH.FORBIDDEN');
  expect(data<{ items: unknown[] }>(await w.community(P.otherCommunityAdmin, 'pendingProfiles', {})).items).toEqual([]);
  const pending = data<{ items: { memberId: string }[] }>(await w.community(P.communityAdmin, 'pendingProfiles', {}));
  expect(pending.items.map((i) => i.memberId)).toEqual([LEADER_MEMBER]);

  data(await w.community(P.communityAdmin, 'reviewProfile', { memberId: LEADER_MEMBER, commitment: true, photo: false }));
  expect(await leaderOnBoard()).toEqual(
    expect.objectContaining({ name: m.name, workPhone: '13900001234', commitment: '有事找我，随叫随到' }),
  );
  expect(await leaderOnBoard()).not.toHaveProperty('photo');

  // New words go back to review; withdrawing consent hides the name again.
  data(await callMember(LEADER, 'setPublicProfile', { commitment: '周末也在', showFullName: false, workPhone: null }));
  const after = await leaderOnBoard();
  expect(after.name).toBe(`${Array.from(m.name)[0]}**`);
  expect(after).not.toHaveProperty('commitment');
  expect(after).not.toHaveProperty('workPhone');
});

test('only a member sets a profile, only their own, and bad input changes nothing', async () => {
  expect(outcome(await callMember(P.resident, 'setPublicProfile', { showFullName: true }))).toBe('AUTH.FORBIDDEN');
  expect(outcome(await callMember(LEADER, 'setPublicProfile', { memberId: `${YUYUAN_G1}-grid_worker`, showFullName: true }))).toBe(
    'MEMBER.NOT_FOUND',
  );
  const bad = await callMember(LEADER, 'setPublicProfile', { workPhone: '12345' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  if (!bad.ok) expect(bad.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(outcome(await callMember(LEADER, 'setPublicProfile', { commitment: '长'.repeat(101) }))).toBe('INPUT.INVALID');
  expect(await w.store.listRef('memberProfiles')).toEqual([]);
});
