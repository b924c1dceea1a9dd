import {
  checkMeeting,
  issueDescription,
  issuesToFile,
  matchesMeetingFilter,
  meetingAccess,
  meetingCounts,
  meetingLabel,
  type MeetingDraft,
} from './meetings';
import type { Actor, CaseStatus } from './model';

const TODAY = '2026-12-07';
const good: MeetingDraft = {
  kind: 'courtyard',
  heldOn: '2026-12-05',
  place: '3栋院坝',
  topic: '停车难',
  attendance: 40,
  rolesPresent: ['party_leader', 'grid_worker'],
  decisions: '划定临时停车位',
  issues: [{ text: '路灯不亮' }],
};

describe('a meeting record', () => {
  test('a complete record passes', () => {
    expect(checkMeeting(good, TODAY)).toEqual({ ok: true, value: undefined });
    expect(checkMeeting({ ...good, heldOn: TODAY, issues: [] }, TODAY).ok).toBe(true);
    expect(checkMeeting({ ...good, decisions: '', rolesPresent: [] }, TODAY).ok).toBe(true);
  });

  test.each<[string, Partial<MeetingDraft>, string]>([
    ['an unknown kind', { kind: 'party' }, '请选择会议类型'],
    ['a date that does not exist', { heldOn: '2026-02-30' }, '会议日期格式不正确'],
    ['a date in the future', { heldOn: '2026-12-08' }, '会议日期不能晚于今天'],
    ['no topic', { topic: '  ' }, '请填写会议议题'],
    ['a topic too long', { topic: '议'.repeat(61) }, '会议议题不能超过60字'],
    ['no place', { place: '' }, '请填写会议地点'],
    ['nobody came', { attendance: 0 }, '参会人数须是1到5000之间的整数'],
    ['half a person', { attendance: 2.5 }, '参会人数须是1到5000之间的整数'],
    ['a role that is not one of the five', { rolesPresent: ['mayor'] }, '出席角色不正确'],
    ['a role twice', { rolesPresent: ['grid_worker', 'grid_worker'] }, '出席角色不能重复'],
    ['eleven issues', { issues: Array.from({ length: 11 }, () => ({ text: '问题' })) }, '群众反映的问题最多10条'],
    ['an empty issue', { issues: [{ text: ' ' }] }, '问题内容不能为空'],
    ['an issue too long', { issues: [{ text: '长'.repeat(301) }] }, '每条问题不能超过300字'],
    ['neither decisions nor issues', { decisions: ' ', issues: [] }, '请填写议定事项或群众反映的问题'],
  ])('refuses %s', (_name, change, message) => {
    const r = checkMeeting({ ...good, ...change }, TODAY);
    expect(r).toEqual({ ok: false, error: { code: 'MEETING.INVALID', message } });
  });
});

describe('who sees meetings', () => {
  const place = { streetId: 's1', communityId: 'c1' };
  const actor = (grants: Actor['grants']): Actor => ({ openid: 'o', name: 'n', grants });
  test.each<[string, Actor['grants'], 'admin' | 'member' | undefined]>([
    ['the community admin', [{ role: 'community_admin', streetId: 's1', communityId: 'c1' }], 'admin'],
    ['the street admin', [{ role: 'street_admin', streetId: 's1' }], 'admin'],
    ['a member of the community', [{ role: 'grid_worker', communityId: 'c1', gridId: 'g1', memberId: 'm1' }], 'member'],
    ['a member of another community', [{ role: 'grid_worker', communityId: 'c2', gridId: 'g9', memberId: 'm9' }], undefined],
    ['another community’s admin', [{ role: 'community_admin', streetId: 's1', communityId: 'c2' }], undefined],
    ['another street’s admin', [{ role: 'street_admin', streetId: 's2' }], undefined],
    ['a department', [{ role: 'department', streetId: 's1', departmentId: 'd1' }], undefined],
    ['a resident', [], undefined],
  ])('%s', (_name, grants, expected) => {
    expect(meetingAccess(actor(grants), place)).toBe(expected);
  });
});

describe('issues raised and their cases', () => {
  const m = {
    kind: 'deliberation_day' as const,
    heldOn: '2026-12-05',
    topic: '加装电梯',
    issues: [{ text: 'a' }, { text: 'b', caseId: 'C2' }, { text: 'c' }],
  };
  test('labels name the meeting; a description says where the words were heard', () => {
    expect(meetingLabel(m)).toBe('议事日 2026-12-05「加装电梯」');
    expect(issueDescription(m, { text: ' 电梯噪音大 ' })).toBe('电梯噪音大（议事日 2026-12-05 群众反映）');
  });
  test.each<[string, number[] | undefined, number[] | string]>([
    ['all at once: every issue not yet a case', undefined, [0, 2]],
    ['one tap', [2], [2]],
    ['an issue already a case is not filed again', [1], []],
    ['the same issue twice is filed once', [0, 0], [0]],
    ['an issue that does not exist', [3], 'MEETING.NOT_FOUND'],
    ['a negative index', [-1], 'MEETING.NOT_FOUND'],
  ])('%s', (_name, indexes, expected) => {
    const r = issuesToFile(m, indexes);
    if (typeof expected === 'string') expect(r).toMatchObject({ ok: false, error: { code: expected } });
    else expect(r).toEqual({ ok: true, value: expected });
  });
});

describe('the board counts', () => {
  const status: Record<string, CaseStatus> = { C1: 'closed', C2: 'processing', C3: 'resolved', C4: 'rejected', C5: 'closed' };
  const meetings = [
    { heldOn: '2026-12-01', issues: [{ text: 'a', caseId: 'C1' }, { text: 'b', caseId: 'C2' }, { text: 'c' }] },
    {
      heldOn: '2026-11-20',
      issues: [
        { text: 'd', caseId: 'C3' },
        { text: 'e', caseId: 'C4' },
      ],
    },
    { heldOn: '2025-12-20', issues: [{ text: 'f', caseId: 'C5' }] }, // last year
    { heldOn: '2026-12-09', issues: [] }, // not held yet (a date ahead of today is not counted)
  ];
  test('meetings this month and year, issues, cases and those done (resolved or closed)', () => {
    expect(meetingCounts(meetings, (id) => status[id], TODAY)).toEqual({
      meetingsThisMonth: 1,
      meetingsThisYear: 2,
      issuesThisYear: 5,
      casesThisYear: 4,
      casesDoneThisYear: 2,
    });
  });
  test('a case not found is not done', () => {
    expect(meetingCounts(meetings, () => undefined, TODAY).casesDoneThisYear).toBe(0);
  });
});

describe('the list filter', () => {
  test.each<[string, { heldOn: string; gridId?: string }, { month?: string; gridId?: string }, boolean]>([
    ['no filter', { heldOn: '2026-12-01', gridId: 'g1' }, {}, true],
    ['the month', { heldOn: '2026-12-01' }, { month: '2026-12' }, true],
    ['another month', { heldOn: '2026-11-30' }, { month: '2026-12' }, false],
    ['the grid', { heldOn: '2026-12-01', gridId: 'g1' }, { gridId: 'g1' }, true],
    ['another grid', { heldOn: '2026-12-01', gridId: 'g2' }, { gridId: 'g1' }, false],
    ['community-wide only', { heldOn: '2026-12-01' }, { gridId: 'community' }, true],
    ['a grid meeting is not community-wide', { heldOn: '2026-12-01', gridId: 'g1' }, { gridId: 'community' }, false],
  ])('%s', (_name, m, f, expected) => {
    expect(matchesMeetingFilter(m, f)).toBe(expected);
  });
});
