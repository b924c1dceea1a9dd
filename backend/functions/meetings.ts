/**
 * 院坝会 / 议事日 records, in the `community` function: a member of the community's 五员共治 groups
 * or an admin records a meeting (kind, date, grid or community-wide, place, topic, attendance,
 * decisions, issues raised); each issue raised becomes a case with channel 院坝会 through the same
 * path as a 代登记 (`proxy_submit`), linked both ways. Staff only (core/meetings.ts
 * `meetingAccess`); the board counts meetings in `meetings-board.ts`, never a word said.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import {
  MAX_ATTENDANCE,
  MAX_ISSUE_TEXT,
  MAX_MEETING_ISSUES,
  MAX_MEETING_PLACE,
  MAX_MEETING_TEXT,
  MAX_MEETING_TOPIC,
  MEETING_KINDS,
  MEETING_KIND_NAMES,
  checkMeeting,
  issueDescription,
  issuesToFile,
  matchesMeetingFilter,
  meetingAccess,
  meetingLabel,
  type Meeting,
} from '../../core/meetings';
import { issueAsSeen } from '../../core/meeting-privacy';
import { MEMBER_ROLES, ROLE_NAMES, STATUS_NAMES, type Actor, type Case } from '../../core/model';
import { localDateOf } from '../../core/working-days';
import { createCase, routeNewCase } from '../services/case-service';
import type { Directory } from '../services/directory';
import { id, localDate, phone, requiredText, text } from '../validation';
import { action, type AuthedCall } from './define';

const NOT_FOUND = '会议记录不存在或不在您的社区';
const requestId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM');

/** The id of a record follows from who sent it and their request id, so a retried send finds the first. */
const meetingIdFor = (openid: string, request: string): string =>
  `M${createHash('sha256').update(`${openid}:${request}`).digest('hex').slice(0, 24)}`;

/** The communities whose meetings the caller sees: one asked for, or all they may (an admin's street, a member's own). */
function visibleCommunities(actor: Actor, dir: Directory, communityId?: string): Result<string[]> {
  const all = [...dir.communities.values()].filter((c) => c.active && meetingAccess(actor, { streetId: c.streetId, communityId: c.id }));
  if (all.length === 0) return fail('AUTH.FORBIDDEN', '只有五员共治小组成员或社区、街道管理员可以查看院坝会记录');
  if (communityId === undefined) return ok(all.map((c) => c.id));
  if (!all.some((c) => c.id === communityId)) return fail('AUTH.FORBIDDEN', '只能查看本社区（街道）的院坝会记录');
  return ok([communityId]);
}

async function meetingFor(call: AuthedCall, meetingId: string): Promise<Result<Meeting>> {
  const m = await call.deps.store.getRef('meetings', meetingId);
  if (!m || !meetingAccess(call.actor, m)) return fail('MEETING.NOT_FOUND', NOT_FOUND);
  return ok(m);
}

function summary(m: Meeting, dir: Directory) {
  return {
    id: m.id,
    kind: m.kind,
    kindName: MEETING_KIND_NAMES[m.kind],
    heldOn: m.heldOn,
    topic: m.topic,
    place: m.place,
    attendance: m.attendance,
    communityId: m.communityId,
    communityName: dir.communities.get(m.communityId)?.name ?? '',
    gridId: m.gridId,
    gridName: m.gridId ? (dir.grids.get(m.gridId)?.name ?? '') : '全社区',
    issueCount: m.issues.length,
    filedCount: m.issues.filter((i) => i.caseId).length,
  };
}

/** The record with each issue's case and its status now. */
async function detail(call: AuthedCall, m: Meeting) {
  const cases = await Promise.all(m.issues.map((i) => (i.caseId ? call.deps.store.getCase(i.caseId) : undefined)));
  return {
    ...summary(m, call.dir),
    decisions: m.decisions,
    rolesPresent: m.rolesPresent.map((r) => ({ role: r, name: ROLE_NAMES[r] })),
    recordedBy: m.recordedBy.name,
    createdAt: m.createdAt,
    label: meetingLabel(m),
    issues: m.issues.map((i, index) => {
      const c: Case | undefined = cases[index];
      // The resident's name only for the admins and the case's handler (core/meeting-privacy.ts).
      const seen = issueAsSeen(call.actor, m, i, c);
      return {
        index,
        text: seen.text,
        ...(seen.raisedBy !== undefined ? { raisedBy: seen.raisedBy } : {}),
        raiserWithheld: seen.raiserWithheld,
        caseId: i.caseId,
        ...(c ? { caseNo: c.no, status: c.status, statusName: STATUS_NAMES[c.status], categoryName: c.categoryName } : {}),
      };
    }),
  };
}

const issueInput = z.strictObject({ text: requiredText(MAX_ISSUE_TEXT), raisedBy: text(20).optional() });

export const meetingActions = {
  /** A community's meetings (or every community the caller sees), newest first; filters by month and grid. */
  meetingList: action({
    auth: 'user',
    input: z.strictObject({
      communityId: id.optional(),
      month: month.optional(),
      /** A grid's id, or `community` for community-wide meetings only. */
      gridId: id.optional(),
    }),
    run: async (input, call) => {
      const communities = visibleCommunities(call.actor, call.dir, input.communityId);
      if (!communities.ok) return communities;
      const lists = await Promise.all(communities.value.map((cid) => call.deps.store.listRef('meetings', { communityId: cid })));
      const items = lists
        .flat()
        .filter((m) => matchesMeetingFilter(m, input))
        .sort((a, b) => (a.heldOn === b.heldOn ? b.createdAt.localeCompare(a.createdAt) : b.heldOn.localeCompare(a.heldOn)))
        .map((m) => summary(m, call.dir));
      const grids = [...call.dir.grids.values()]
        .filter((g) => g.active && communities.value.includes(g.communityId))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
        .map((g) => ({ id: g.id, name: g.name, communityId: g.communityId }));
      return ok({
        items,
        grids,
        communities: communities.value.map((cid) => ({ id: cid, name: call.dir.communities.get(cid)?.name ?? '' })),
        kinds: MEETING_KINDS.map((k) => ({ kind: k, name: MEETING_KIND_NAMES[k] })),
        roles: MEMBER_ROLES.map((r) => ({ role: r, name: ROLE_NAMES[r] })),
      });
    },
  }),

  /** One record with its issues and the cases they became. */
  meetingDetail: action({
    auth: 'user',
    input: z.strictObject({ meetingId: id }),
    run: async (input, call) => {
      const m = await meetingFor(call, input.meetingId);
      return m.ok ? ok(await detail(call, m.value)) : m;
    },
  }),

  /** Records a meeting. Sending the same request again changes nothing and answers the first record. */
  meetingRecord: action({
    auth: 'user',
    input: z.strictObject({
      requestId,
      communityId: id.optional(),
      gridId: id.optional(),
      kind: z.enum(MEETING_KINDS),
      heldOn: localDate,
      place: requiredText(MAX_MEETING_PLACE),
      topic: requiredText(MAX_MEETING_TOPIC),
      attendance: z.number().int().min(1).max(MAX_ATTENDANCE),
      rolesPresent: z.array(z.enum(MEMBER_ROLES)).max(MEMBER_ROLES.length).optional(),
      decisions: text(MAX_MEETING_TEXT).optional(),
      issues: z.array(issueInput).max(MAX_MEETING_ISSUES).optional(),
    }),
    run: async (input, call) => {
      const grid = input.gridId ? call.dir.grids.get(input.gridId) : undefined;
      if (input.gridId && (!grid || !grid.active)) return fail('PLACE.NOT_FOUND', '网格不存在');
      const communityId = grid?.communityId ?? input.communityId;
      if (!communityId) return fail('INPUT.INVALID', '请选择社区或网格');
      if (grid && input.communityId && grid.communityId !== input.communityId) return fail('PLACE.NOT_FOUND', '网格不在该社区');
      const community = call.dir.communities.get(communityId);
      if (!community || !community.active) return fail('PLACE.NOT_FOUND', '社区不存在');
      if (!meetingAccess(call.actor, { streetId: community.streetId, communityId }))
        return fail('AUTH.FORBIDDEN', '只有本社区的五员共治小组成员或管理员可以登记院坝会');
      const meetingId = meetingIdFor(call.actor.openid, input.requestId);
      const replay = await call.deps.store.getRef('meetings', meetingId);
      if (replay) return ok({ meeting: await detail(call, replay), replayed: true });
      const draft = {
        kind: input.kind,
        heldOn: input.heldOn,
        place: input.place.trim(),
        topic: input.topic.trim(),
        attendance: input.attendance,
        rolesPresent: input.rolesPresent ?? [],
        decisions: (input.decisions ?? '').trim(),
        issues: (input.issues ?? []).map((i) => ({
          text: i.text.trim(),
          ...(i.raisedBy?.trim() ? { raisedBy: i.raisedBy.trim() } : {}),
        })),
      };
      const checked = checkMeeting(draft, localDateOf(call.now));
      if (!checked.ok) return checked;
      const meeting: Meeting = {
        id: meetingId,
        streetId: community.streetId,
        communityId,
        ...(grid ? { gridId: grid.id } : {}),
        ...draft,
        recordedBy: { openid: call.actor.openid, name: call.actor.name },
        createdAt: call.now.toISOString(),
      };
      await call.deps.store.putRef('meetings', meeting);
      return ok({ meeting: await detail(call, meeting), replayed: false });
    },
  }),

  /**
   * Issues raised become cases (channel 院坝会), one or all at once: each with its category and
   * where it is (a building, a grid, else the meeting's grid). Routed, timed and tracked like any
   * 代登记; the case names the meeting, the meeting lists the case. An issue already filed is kept.
   */
  meetingFileIssues: action({
    auth: 'user',
    input: z.strictObject({
      meetingId: id,
      issues: z
        .array(
          z.strictObject({
            index: z
              .number()
              .int()
              .min(0)
              .max(MAX_MEETING_ISSUES - 1),
            categoryId: id,
            buildingId: id.optional(),
            gridId: id.optional(),
            contactPhone: phone.optional(),
          }),
        )
        .min(1)
        .max(MAX_MEETING_ISSUES),
    }),
    run: async (input, call) => {
      const { deps, dir, actor, now } = call;
      const found = await meetingFor(call, input.meetingId);
      if (!found.ok) return found;
      const meeting = found.value;
      const wanted = issuesToFile(
        meeting,
        input.issues.map((i) => i.index),
      );
      if (!wanted.ok) return wanted;
      // Check every issue's category and place before filing any, so a bad one changes nothing.
      const plans = [];
      for (const want of input.issues) {
        const category = dir.categories.get(want.categoryId);
        if (!category || !category.active) return fail('CATEGORY.NOT_FOUND', `第${want.index + 1}条问题：请选择有效的问题类别`);
        const place = placeFor(dir, meeting, want);
        if (!place.ok) return fail(place.error.code, `第${want.index + 1}条问题：${place.error.message}`);
        plans.push({ want, category, place: place.value });
      }
      const filed: { index: number; caseId: string; caseNo?: string; statusName: string }[] = [];
      const label = meetingLabel(meeting);
      for (const { want, category, place } of plans) {
        const issue = meeting.issues[want.index]!;
        if (!wanted.value.includes(want.index) || filed.some((f) => f.index === want.index)) continue;
        const route = await routeNewCase(deps.store, dir, place, category);
        const created = await createCase(
          deps,
          dir,
          {
            place,
            category,
            description: issueDescription(meeting, issue),
            photos: [],
            isPublic: false,
            ...(issue.raisedBy ? { contactName: issue.raisedBy } : {}),
            ...(want.contactPhone ? { contactPhone: want.contactPhone } : {}),
            origin: { channel: 'meeting', refId: meeting.id, label },
          },
          { action: 'proxy_submit', route },
          actor,
          now,
          `${meeting.id}:issue:${want.index}`,
        );
        if (!created.ok) return created;
        const c = created.value.result.case;
        filed.push({ index: want.index, caseId: c.id, caseNo: c.no, statusName: STATUS_NAMES[c.status] });
      }
      // Link back in one write; a retry after a lost write finds each case by its request key.
      const fresh = (await deps.store.getRef('meetings', meeting.id)) ?? meeting;
      const linked = new Map(filed.map((f) => [f.index, f.caseId]));
      const updated = { ...fresh, issues: fresh.issues.map((i, n) => (linked.has(n) && !i.caseId ? { ...i, caseId: linked.get(n)! } : i)) };
      if (filed.length) await deps.store.putRef('meetings', updated);
      return ok({ filed, meeting: await detail(call, updated) });
    },
  }),
};

type CasePlace = { streetId: string; communityId: string; gridId: string; buildingId?: string };

/** Where an issue is: a building or grid of the meeting's community, else the meeting's own grid. */
function placeFor(dir: Directory, m: Meeting, want: { buildingId?: string; gridId?: string }): Result<CasePlace> {
  if (want.buildingId) {
    const b = dir.buildings.get(want.buildingId);
    if (!b || !b.active || b.communityId !== m.communityId) return fail('PLACE.NOT_FOUND', '请选择本社区有效的楼栋');
    return ok({ streetId: b.streetId, communityId: b.communityId, gridId: b.gridId, buildingId: b.id });
  }
  const gridId = want.gridId ?? m.gridId;
  if (gridId === undefined) return fail('PLACE.INVALID', '全社区会议的问题请选择所在网格或楼栋');
  const g = dir.grids.get(gridId);
  if (!g || !g.active || g.communityId !== m.communityId) return fail('PLACE.NOT_FOUND', '请选择本社区有效的网格');
  return ok({ streetId: g.streetId, communityId: g.communityId, gridId: g.id });
}
