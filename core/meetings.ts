/**
 * 院坝会 and 议事日: the records of residents' meetings held by a community or one of its grids.
 * Pure rules: what a record must say, who may see and write one, how an issue raised becomes a
 * case (channel 院坝会, linked both ways) and what the board may count (counts only).
 * Dates are China-local calendar days (`YYYY-MM-DD`); "today" is always passed in.
 */
import { isLocalDate } from './care-visits';
import { fail, ok, type Result } from './errors';
import { MEMBER_ROLES, type Actor, type CaseStatus, type MemberRole } from './model';

export const MEETING_KINDS = ['courtyard', 'deliberation_day', 'council'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_NAMES: Record<MeetingKind, string> = {
  courtyard: '院坝会',
  deliberation_day: '议事日',
  council: '议事会',
};

export const MAX_MEETING_TOPIC = 60;
export const MAX_MEETING_PLACE = 60;
export const MAX_MEETING_TEXT = 1000;
export const MAX_MEETING_ISSUES = 10;
export const MAX_ISSUE_TEXT = 300;
export const MAX_ATTENDANCE = 5000;

export interface MeetingIssue {
  text: string;
  /** Who raised it, when the resident gave a name (staff only, like a 代登记's name). */
  raisedBy?: string;
  /** The case it became (channel 院坝会). */
  caseId?: string;
}

export interface Meeting {
  id: string;
  streetId: string;
  communityId: string;
  /** Absent for a community-wide meeting. */
  gridId?: string;
  kind: MeetingKind;
  /** China-local day it was held. */
  heldOn: string;
  place: string;
  topic: string;
  attendance: number;
  /** Which of the five roles were present (optional). */
  rolesPresent: MemberRole[];
  decisions: string;
  issues: MeetingIssue[];
  recordedBy: { openid: string; name: string };
  createdAt: string;
}

export interface MeetingDraft {
  kind: string;
  heldOn: string;
  place: string;
  topic: string;
  attendance: number;
  rolesPresent: readonly string[];
  decisions: string;
  issues: readonly { text: string; raisedBy?: string }[];
}

const len = (s: string): number => Array.from(s.trim()).length;

/** A record's own checks, each with a Chinese message: a real day not in the future, a topic, a head count. */
export function checkMeeting(m: MeetingDraft, today: string): Result<void> {
  if (!(MEETING_KINDS as readonly string[]).includes(m.kind)) return fail('MEETING.INVALID', '请选择会议类型');
  if (!isLocalDate(m.heldOn)) return fail('MEETING.INVALID', '会议日期格式不正确');
  if (m.heldOn > today) return fail('MEETING.INVALID', '会议日期不能晚于今天');
  if (!m.topic.trim()) return fail('MEETING.INVALID', '请填写会议议题');
  if (len(m.topic) > MAX_MEETING_TOPIC) return fail('MEETING.INVALID', `会议议题不能超过${MAX_MEETING_TOPIC}字`);
  if (!m.place.trim()) return fail('MEETING.INVALID', '请填写会议地点');
  if (len(m.place) > MAX_MEETING_PLACE) return fail('MEETING.INVALID', `会议地点不能超过${MAX_MEETING_PLACE}字`);
  if (!Number.isInteger(m.attendance) || m.attendance < 1 || m.attendance > MAX_ATTENDANCE)
    return fail('MEETING.INVALID', `参会人数须是1到${MAX_ATTENDANCE}之间的整数`);
  if (m.rolesPresent.some((r) => !(MEMBER_ROLES as readonly string[]).includes(r))) return fail('MEETING.INVALID', '出席角色不正确');
  if (new Set(m.rolesPresent).size !== m.rolesPresent.length) return fail('MEETING.INVALID', '出席角色不能重复');
  if (len(m.decisions) > MAX_MEETING_TEXT) return fail('MEETING.INVALID', `议定事项不能超过${MAX_MEETING_TEXT}字`);
  if (m.issues.length > MAX_MEETING_ISSUES) return fail('MEETING.INVALID', `群众反映的问题最多${MAX_MEETING_ISSUES}条`);
  if (m.issues.some((i) => !i.text.trim())) return fail('MEETING.INVALID', '问题内容不能为空');
  if (m.issues.some((i) => len(i.text) > MAX_ISSUE_TEXT)) return fail('MEETING.INVALID', `每条问题不能超过${MAX_ISSUE_TEXT}字`);
  if (!m.decisions.trim() && m.issues.length === 0) return fail('MEETING.INVALID', '请填写议定事项或群众反映的问题');
  return ok(undefined);
}

export type MeetingAccess = 'admin' | 'member';

/**
 * Who sees and records a community's meetings: its community admin, its street's admin (`admin`),
 * and the members of its 五员共治 groups (`member`). Residents and departments never do.
 */
export function meetingAccess(actor: Actor, place: { streetId: string; communityId: string }): MeetingAccess | undefined {
  for (const g of actor.grants) {
    if (g.role === 'street_admin' && g.streetId === place.streetId) return 'admin';
    if (g.role === 'community_admin' && g.communityId === place.communityId) return 'admin';
  }
  return actor.grants.some((g) => g.memberId !== undefined && g.communityId === place.communityId) ? 'member' : undefined;
}

/** How a case names the meeting it came from: 「院坝会 2026-12-01 停车难」. */
export const meetingLabel = (m: Pick<Meeting, 'kind' | 'heldOn' | 'topic'>): string =>
  `${MEETING_KIND_NAMES[m.kind]} ${m.heldOn}「${m.topic}」`;

/** The case description of an issue raised: the words, and where they were heard. */
export const issueDescription = (m: Pick<Meeting, 'kind' | 'heldOn'>, issue: Pick<MeetingIssue, 'text'>): string =>
  `${issue.text.trim()}（${MEETING_KIND_NAMES[m.kind]} ${m.heldOn} 群众反映）`;

/**
 * The issues to turn into cases: the given indexes (each must exist), or every issue not yet a case.
 * An issue already a case is never filed twice.
 */
export function issuesToFile(m: Pick<Meeting, 'issues'>, indexes?: readonly number[]): Result<number[]> {
  const wanted = indexes ?? m.issues.map((_, i) => i);
  for (const i of wanted) if (!Number.isInteger(i) || !m.issues[i]) return fail('MEETING.NOT_FOUND', '这条问题不存在');
  return ok([...new Set(wanted)].filter((i) => !m.issues[i]!.caseId).sort((a, b) => a - b));
}

export interface MeetingCounts {
  /** Meetings held this month and this year (China-local). */
  meetingsThisMonth: number;
  meetingsThisYear: number;
  /** Issues raised at this year's meetings, those that became cases, and of those the ones finished. */
  issuesThisYear: number;
  casesThisYear: number;
  casesDoneThisYear: number;
}

/** A case counts as done once its result is in (waiting for the rating, or closed). */
const isDone = (s: CaseStatus): boolean => s === 'resolved' || s === 'closed';

/** The board's figures: counts only, never a name or a word said. */
export function meetingCounts(
  meetings: readonly Pick<Meeting, 'heldOn' | 'issues'>[],
  caseStatus: (caseId: string) => CaseStatus | undefined,
  today: string,
): MeetingCounts {
  const year = today.slice(0, 4);
  const month = today.slice(0, 7);
  const thisYear = meetings.filter((m) => m.heldOn.slice(0, 4) === year && m.heldOn <= today);
  const caseIds = thisYear.flatMap((m) => m.issues.map((i) => i.caseId).filter((c): c is string => c !== undefined));
  return {
    meetingsThisMonth: thisYear.filter((m) => m.heldOn.slice(0, 7) === month).length,
    meetingsThisYear: thisYear.length,
    issuesThisYear: thisYear.reduce((n, m) => n + m.issues.length, 0),
    casesThisYear: caseIds.length,
    casesDoneThisYear: caseIds.filter((c) => {
      const s = caseStatus(c);
      return s !== undefined && isDone(s);
    }).length,
  };
}

/** A list filter: a month (`YYYY-MM`) and a grid; `community` lists only community-wide meetings. */
export function matchesMeetingFilter(m: Pick<Meeting, 'heldOn' | 'gridId'>, f: { month?: string; gridId?: string }): boolean {
  if (f.month && m.heldOn.slice(0, 7) !== f.month) return false;
  if (f.gridId === 'community') return m.gridId === undefined;
  return !f.gridId || m.gridId === f.gridId;
}
