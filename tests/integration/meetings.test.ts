/**
 * 院坝会 / 议事日 through the functions on the seeded demo street: a member or the community admin
 * records a meeting; its issues become cases with channel 院坝会 (one, or all at once), linked both
 * ways; residents, departments and other communities never see a record; the board counts only.
 */
import { board } from '../../backend/functions/board';
import type { Reply } from '../../backend/functions/define';
import { member } from '../../backend/functions/member';
import { P, YUYUAN, YUYUAN_BUILDING, YUYUAN_G1, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

jest.setTimeout(60_000);

let w: AdminWorld;
beforeEach(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterEach(async () => w.close());

const callBoard = (action: string, params: Record<string, unknown> = {}): Promise<Reply> =>
  board.handle({ action, ...params }, undefined, w.deps);

let seq = 0;
const record = (openid: string, params: Record<string, unknown> = {}) =>
  w.community(openid, 'meetingRecord', {
    requestId: `meeting-it-${++seq}`,
    gridId: YUYUAN_G1,
    kind: 'courtyard',
    heldOn: '2026-11-20',
    place: '1栋院坝',
    topic: '停车与环境整治',
    attendance: 36,
    rolesPresent: ['party_leader', 'grid_worker'],
    decisions: '划定临时停车位，周末组织大扫除',
    issues: [{ text: '3栋门口路灯不亮', raisedBy: '周大爷' }, { text: '垃圾站清运不及时，气味大' }],
    ...params,
  });

interface MeetingOut {
  id: string;
  kindName: string;
  gridName: string;
  label: string;
  issues: { index: number; text: string; caseId?: string; statusName?: string }[];
}

describe('recording a meeting', () => {
  test('a member of the grid records a 院坝会; the admin lists it, filtered by month and grid', async () => {
    const m = data<{ meeting: MeetingOut; replayed: boolean }>(await record(P.member));
    expect(m.meeting).toMatchObject({ kindName: '院坝会', gridName: expect.any(String), label: '院坝会 2026-11-20「停车与环境整治」' });
    expect(m.meeting.issues.map((i) => i.caseId)).toEqual([undefined, undefined]);
    data(await record(P.communityAdmin, { gridId: undefined, communityId: YUYUAN, kind: 'deliberation_day', heldOn: '2026-10-15' }));
    const all = data<{ items: { id: string; kindName: string }[] }>(await w.community(P.communityAdmin, 'meetingList', {}));
    expect(all.items.map((i) => i.kindName)).toEqual(['院坝会', '议事日']);
    const nov = data<{ items: { id: string }[] }>(await w.community(P.communityAdmin, 'meetingList', { month: '2026-11' }));
    expect(nov.items.map((i) => i.id)).toEqual([m.meeting.id]);
    const wide = data<{ items: { gridName: string }[] }>(await w.community(P.communityAdmin, 'meetingList', { gridId: 'community' }));
    expect(wide.items.map((i) => i.gridName)).toEqual(['全社区']);
    const g1 = data<{ items: { id: string }[] }>(await w.community(P.member, 'meetingList', { gridId: YUYUAN_G1 }));
    expect(g1.items.map((i) => i.id)).toEqual([m.meeting.id]);
  });

  test('sending the same record twice stores it once', async () => {
    const params = { requestId: 'meeting-it-same-request' };
    const a = data<{ meeting: MeetingOut; replayed: boolean }>(await record(P.member, params));
    const b = data<{ meeting: MeetingOut; replayed: boolean }>(await record(P.member, params));
    expect(b).toMatchObject({ replayed: true, meeting: { id: a.meeting.id } });
    expect(await w.store.listRef('meetings')).toHaveLength(1);
  });

  test.each([
    ['a future date', { heldOn: '2026-11-24' }, 'MEETING.INVALID', '会议日期不能晚于今天'],
    ['no attendance', { attendance: 0 }, 'INPUT.INVALID', '参会'],
    ['neither decisions nor issues', { decisions: '', issues: [] }, 'MEETING.INVALID', '请填写议定事项或群众反映的问题'],
    ['an empty issue', { issues: [{ text: '   ' }] }, 'INPUT.INVALID', ''],
    ['a grid that does not exist', { gridId: 'nowhere' }, 'PLACE.NOT_FOUND', '网格不存在'],
    ['no place at all', { gridId: undefined }, 'INPUT.INVALID', '请选择社区或网格'],
  ])('refuses %s with a Chinese message and stores nothing', async (_name, params, code, message) => {
    const r = await record(P.communityAdmin, params);
    expect(outcome(r)).toBe(code);
    if (!r.ok) expect(r.error.message).toContain(message);
    expect(await w.store.listRef('meetings')).toEqual([]);
  });
});

describe('who sees meetings', () => {
  test('residents, departments and another community’s admin never see or write a record', async () => {
    const m = data<{ meeting: MeetingOut }>(await record(P.member)).meeting;
    for (const openid of [P.resident, P.department]) {
      expect(outcome(await w.community(openid, 'meetingList', {}))).toBe('AUTH.FORBIDDEN');
      expect(outcome(await w.community(openid, 'meetingDetail', { meetingId: m.id }))).toBe('MEETING.NOT_FOUND');
      expect(outcome(await record(openid))).toBe('AUTH.FORBIDDEN');
      expect(
        outcome(await w.community(openid, 'meetingFileIssues', { meetingId: m.id, issues: [{ index: 0, categoryId: 'cat-01' }] })),
      ).toBe('MEETING.NOT_FOUND');
    }
    expect(outcome(await w.community(P.otherCommunityAdmin, 'meetingDetail', { meetingId: m.id }))).toBe('MEETING.NOT_FOUND');
    expect(outcome(await w.community(P.otherCommunityAdmin, 'meetingList', { communityId: YUYUAN }))).toBe('AUTH.FORBIDDEN');
    const theirs = data<{ items: unknown[] }>(await w.community(P.otherCommunityAdmin, 'meetingList', {}));
    expect(theirs.items).toEqual([]);
    expect(outcome(await record(P.otherCommunityAdmin))).toBe('AUTH.FORBIDDEN');
    // The street admin sees every community of the street.
    const street = data<{ items: { id: string }[] }>(await w.community(P.streetAdmin, 'meetingList', {}));
    expect(street.items.map((i) => i.id)).toEqual([m.id]);
    expect(await w.store.listCases({ communityId: YUYUAN, limit: 10 })).toMatchObject({ items: [] });
  });
});

describe('issues raised become cases', () => {
  test('one tap files one issue, then the rest at once; each case names the meeting and the meeting lists them', async () => {
    const m = data<{ meeting: MeetingOut }>(await record(P.member)).meeting;
    const one = data<{ filed: { index: number; caseId: string }[]; meeting: MeetingOut }>(
      await w.community(P.member, 'meetingFileIssues', {
        meetingId: m.id,
        issues: [{ index: 0, categoryId: 'cat-01', buildingId: YUYUAN_BUILDING }],
      }),
    );
    expect(one.filed.map((f) => f.index)).toEqual([0]);
    const c = await w.getCase(one.filed[0]!.caseId);
    expect(c).toMatchObject({
      source: 'proxy',
      isPublic: false,
      contactName: '周大爷',
      origin: { channel: 'meeting', refId: m.id, label: '院坝会 2026-11-20「停车与环境整治」' },
      place: { buildingId: YUYUAN_BUILDING },
    });
    expect(c.description).toContain('3栋门口路灯不亮');
    expect((await w.store.getTimeline(c.id))[0]!.note).toBe('代登记（院坝会）：来自院坝会 2026-11-20「停车与环境整治」');

    // The case page says where it came from (staff only; the board never).
    const asAdmin = data<{ case: { channelName: string; originLabel: string; originId: string } }>(
      await w.admin(P.communityAdmin, 'getCase', { caseId: c.id }),
    );
    expect(asAdmin.case).toMatchObject({ channelName: '院坝会', originLabel: '院坝会 2026-11-20「停车与环境整治」', originId: m.id });

    // All at once: the issue already filed is kept, the other one filed.
    const rest = data<{ filed: { index: number }[]; meeting: MeetingOut }>(
      await w.community(P.communityAdmin, 'meetingFileIssues', {
        meetingId: m.id,
        issues: [
          { index: 0, categoryId: 'cat-01' },
          { index: 1, categoryId: 'cat-01' },
        ],
      }),
    );
    expect(rest.filed.map((f) => f.index)).toEqual([1]);
    expect(rest.meeting.issues.every((i) => i.caseId && i.statusName)).toBe(true);
    expect((await w.store.listCases({ communityId: YUYUAN, limit: 10 })).items).toHaveLength(2);
    const second = await w.getCase(rest.meeting.issues[1]!.caseId!);
    expect(second.contactName).toBeUndefined();
    expect(second.place.gridId).toBe(YUYUAN_G1);
  });

  test('a bad category on one issue files none of them', async () => {
    const m = data<{ meeting: MeetingOut }>(await record(P.member)).meeting;
    const r = await w.community(P.member, 'meetingFileIssues', {
      meetingId: m.id,
      issues: [
        { index: 0, categoryId: 'cat-01' },
        { index: 1, categoryId: 'no-such-category' },
      ],
    });
    expect(outcome(r)).toBe('CATEGORY.NOT_FOUND');
    if (!r.ok) expect(r.error.message).toContain('第2条问题');
    expect((await w.store.listCases({ communityId: YUYUAN, limit: 10 })).items).toEqual([]);
    expect(
      outcome(await w.community(P.member, 'meetingFileIssues', { meetingId: m.id, issues: [{ index: 5, categoryId: 'cat-01' }] })),
    ).toBe('MEETING.NOT_FOUND');
  });

  test('a community-wide meeting asks where each issue is', async () => {
    const m = data<{ meeting: MeetingOut }>(await record(P.communityAdmin, { gridId: undefined, communityId: YUYUAN })).meeting;
    const r = await w.community(P.communityAdmin, 'meetingFileIssues', { meetingId: m.id, issues: [{ index: 0, categoryId: 'cat-01' }] });
    expect(outcome(r)).toBe('PLACE.INVALID');
    data(
      await w.community(P.communityAdmin, 'meetingFileIssues', {
        meetingId: m.id,
        issues: [{ index: 0, categoryId: 'cat-01', gridId: YUYUAN_G1 }],
      }),
    );
  });
});

describe('the board', () => {
  test('counts meetings, issues and the cases done, never a topic or a name', async () => {
    const m = data<{ meeting: MeetingOut }>(await record(P.member)).meeting;
    data(await record(P.member, { heldOn: '2026-10-02', issues: [] }));
    const filed = data<{ filed: { caseId: string }[] }>(
      await w.community(P.member, 'meetingFileIssues', {
        meetingId: m.id,
        issues: [
          { index: 0, categoryId: 'cat-01' },
          { index: 1, categoryId: 'cat-01' },
        ],
      }),
    ).filed;
    // The holder reports a result on the first: it counts as done.
    const c = await w.getCase(filed[0]!.caseId);
    const holder = c.holder!.openid;
    if (c.status === 'assigned') data(await member.handle({ action: 'acceptCase', caseId: c.id }, holder, w.deps));
    data(await member.handle({ action: 'resolveCase', caseId: c.id, result: '已更换路灯', photos: ['after-1.jpg'] }, holder, w.deps));
    const counts = await callBoard('meetingCounts', { communityId: YUYUAN });
    expect(data(counts)).toEqual({ meetingsThisMonth: 1, meetingsThisYear: 2, issuesThisYear: 2, casesThisYear: 2, casesDoneThisYear: 1 });
    expect(JSON.stringify(counts)).not.toMatch(/停车|周大爷|路灯|垃圾/);
    expect(data(await callBoard('meetingCounts', { communityId: 'sf-xinglong' }))).toMatchObject({ meetingsThisYear: 0 });
    expect(outcome(await callBoard('meetingCounts', { communityId: 'nowhere' }))).toBe('PLACE.NOT_FOUND');
    // A grid is counted alone; a grid of another community, or an unknown one, is refused.
    expect(data(await callBoard('meetingCounts', { communityId: YUYUAN, gridId: 'sf-yuyuan-g1' }))).toMatchObject({
      meetingsThisYear: expect.any(Number),
    });
    expect(outcome(await callBoard('meetingCounts', { communityId: 'sf-xinglong', gridId: 'sf-yuyuan-g1' }))).toBe('PLACE.NOT_FOUND');
    expect(outcome(await callBoard('meetingCounts', { gridId: 'nowhere' }))).toBe('PLACE.NOT_FOUND');
  });
});
