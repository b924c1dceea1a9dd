/**
 * `member`: the five-role members' workbench — bind with an invite, work the task list, accept,
 * record progress, resolve, transfer, blow the whistle, report from patrol, close on the spot,
 * go on or off duty.
 */
import { maySeeResident, reporterNameFor } from '../../core/contact-privacy';
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import { routeCase } from '../../core/route-case';
import {
  MEMBER_ROLES,
  OPEN_STATUSES,
  ROLE_DUTIES,
  ROLE_NAMES,
  SEVERITIES,
  STATUS_NAMES,
  type Actor,
  type Case,
  type CaseStatus,
  type Member,
} from '../../core/model';
import { act as actOnCase, createCase, gridWorkload, routeNewCase, type CommandFor } from '../services/case-service';
import { gridMembers, invalidateDirectory, type Directory } from '../services/directory';
import { caseCard, caseDetail, timelineView } from '../services/views';
import { description, id, ledgerEntry, photos, requiredText } from '../validation';
import { action, defineFunction, type AuthedCall } from './define';
import { careMemberActions } from './care-member';
import { profileMemberActions } from './public-profile';
import { bindDepartmentInvite, type BoundRole } from './department-invite';
import type { Store } from '../store/store.port';
import { TEMPLATE_SETTING_ID, type TemplateConfig } from '../notify/dispatcher';

/** The notices a member gets, most wanted first: WeChat asks for at most three templates at a time. */
const MEMBER_NOTICE_KINDS = ['task_new', 'task_reminder', 'task_overdue', 'task_transferred', 'task_rated'] as const;

const TASK_TABS: Record<string, CaseStatus[]> = {
  assigned: ['assigned'],
  processing: ['processing', 'escalated'],
  resolved: ['resolved'],
  closed: ['closed', 'rejected', 'withdrawn', 'merged'],
  open: [...OPEN_STATUSES],
};

const requestId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The member records the caller is bound to. */
function myMemberIds(actor: Actor): string[] {
  return actor.grants.filter((g) => g.memberId).map((g) => g.memberId!);
}

const notMember = () => fail('AUTH.FORBIDDEN', '您还不是五员共治小组成员，请先输入社区提供的邀请码绑定身份');

/** A member sees the cases they hold, report, or that belong to their grid (the group may take them). */
function canSee(actor: Actor, c: Case): boolean {
  if (c.holder?.openid === actor.openid || c.reporter.openid === actor.openid) return true;
  return actor.grants.some((g) => g.memberId && g.gridId === c.place.gridId);
}

/** The holder, or a member of the case's grid: the people who keep its ledger. */
function isGroupOf(actor: Actor, c: Case): boolean {
  if (c.holder?.openid === actor.openid) return true;
  if (c.holder?.memberId && actor.grants.some((g) => g.memberId === c.holder!.memberId)) return true;
  return actor.grants.some((g) => g.memberId && g.gridId === c.place.gridId);
}

const visible =
  (call: AuthedCall) =>
  (c: Case): Result<void> =>
    canSee(call.actor, c) ? ok(undefined) : fail('CASE.NOT_FOUND', '诉求不存在或不在您的网格');

/** Applies a command to a case the member can see and answers the new status. */
function act(call: AuthedCall, caseId: string, commandFor: CommandFor, opts: { retryOnConflict?: boolean } = {}) {
  return actOnCase(call, caseId, commandFor, { ...opts, check: visible(call) });
}

function memberPlace(
  dir: Directory,
  actor: Actor,
  buildingId: string,
): Result<{ streetId: string; communityId: string; gridId: string; buildingId: string }> {
  const b = dir.buildings.get(buildingId);
  if (!b || !b.active) return fail('PLACE.NOT_FOUND', '请选择有效的楼栋');
  if (!actor.grants.some((g) => g.memberId && g.gridId === b.gridId)) return fail('CASE.FORBIDDEN', '只能上报本网格内的问题');
  return ok({ streetId: b.streetId, communityId: b.communityId, gridId: b.gridId, buildingId: b.id });
}

async function memberOf(store: Store, actor: Actor, memberId?: string): Promise<Member | undefined> {
  const ids = myMemberIds(actor);
  const wanted = memberId ?? ids[0];
  if (!wanted || !ids.includes(wanted)) return undefined;
  return store.getRef('members', wanted);
}

export const member = defineFunction('member', {
  ...careMemberActions,
  ...profileMemberActions,
  /** An admin's one-time invite code binds this WeChat user to a member record. */
  bindInvite: action({
    auth: 'user',
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .min(4)
        .max(16)
        .regex(/^[A-Za-z0-9]+$/),
      name: requiredText(20).optional(),
    }),
    run: async (input, call): Promise<Result<BoundRole>> => {
      const { deps, actor, dir, now } = call;
      const code = input.code.toUpperCase();
      const invite = await deps.store.getRef('invites', code);
      if (!invite) return fail('AUTH.INVITE_INVALID', '邀请码无效，请向社区核对');
      if (invite.usedBy && invite.usedBy !== actor.openid) return fail('AUTH.INVITE_INVALID', '邀请码已被使用，请向社区重新申请');
      if (invite.departmentId) return bindDepartmentInvite({ ...invite, departmentId: invite.departmentId }, input.name, call);
      if (!invite.memberId) return fail('AUTH.INVITE_INVALID', '邀请码无效，请向社区核对');
      const m = await deps.store.getRef('members', invite.memberId);
      if (!m || !m.active) return fail('AUTH.INVITE_INVALID', '该成员已停用，邀请码无效');
      if (m.openid && m.openid !== actor.openid && !m.openid.startsWith('member:'))
        return fail('AUTH.INVITE_INVALID', '该成员已绑定其他微信，请联系社区');
      const at = now.toISOString();
      const account = (await deps.store.getRef('accounts', actor.openid)) ?? {
        id: actor.openid,
        openid: actor.openid,
        name: input.name ?? m.name,
        roles: [],
        createdAt: at,
      };
      const grant = { role: m.role, streetId: m.streetId, communityId: m.communityId, gridId: m.gridId, memberId: m.id };
      const roles = account.roles.filter((r) => r.memberId !== m.id);
      await deps.store.putRef('accounts', { ...account, roles: [...roles, grant] });
      await deps.store.putRef('members', { ...m, openid: actor.openid });
      await deps.store.putRef('invites', { ...invite, usedBy: actor.openid, usedAt: at });
      invalidateDirectory(deps.store);
      return ok({
        memberId: m.id,
        role: m.role,
        roleName: ROLE_NAMES[m.role],
        duties: ROLE_DUTIES[m.role],
        gridName: dir.grids.get(m.gridId)?.name,
        communityName: dir.communities.get(m.communityId)?.name,
      });
    },
  }),

  /** My group: the five members of my grid, their roles and duties. */
  myGroup: action({
    auth: 'user',
    input: z.strictObject({}),
    run: async (_i, { deps, actor, dir }) => {
      const me = await memberOf(deps.store, actor);
      if (!me) return notMember();
      const members = await gridMembers(deps.store, me.gridId);
      return ok({
        me: {
          memberId: me.id,
          role: me.role,
          roleName: ROLE_NAMES[me.role],
          duties: ROLE_DUTIES[me.role],
          onDuty: me.onDuty,
          gridId: me.gridId,
          gridName: dir.grids.get(me.gridId)?.name,
          communityName: dir.communities.get(me.communityId)?.name,
        },
        members: members
          .filter((m) => m.active)
          .sort((a, b) => MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role))
          .map((m) => ({
            memberId: m.id,
            name: m.name,
            role: m.role,
            roleName: ROLE_NAMES[m.role],
            duties: ROLE_DUTIES[m.role],
            onDuty: m.onDuty,
            phone: m.phone,
          })),
      });
    },
  }),

  listTasks: action({
    auth: 'user',
    input: z.strictObject({
      status: z.enum(['assigned', 'processing', 'resolved', 'closed', 'open']).optional(),
      cursor: z.string().max(400).optional(),
      limit: z.number().int().min(1).max(50).optional(),
    }),
    run: async (input, { deps, actor, dir }) => {
      if (myMemberIds(actor).length === 0) return notMember();
      const tab = input.status ?? 'open';
      const page = await deps.store.listCases({
        holderOpenid: actor.openid,
        statuses: TASK_TABS[tab],
        // Most urgent first while work is open; the newest first once done.
        order: tab === 'resolved' || tab === 'closed' ? 'created_desc' : 'deadline_asc',
        cursor: input.cursor,
        limit: input.limit ?? 20,
      });
      return ok({ items: page.items.map((c) => caseCard(c, dir)), nextCursor: page.nextCursor });
    },
  }),

  getCase: action({
    auth: 'user',
    input: z.strictObject({ caseId: id }),
    run: async (input, { deps, actor, dir, now }) => {
      // The timeline is read beside the case (one round trip in the cloud) and dropped unless it may be seen.
      const [c, events] = await Promise.all([deps.store.getCase(input.caseId), deps.store.getTimeline(input.caseId)]);
      if (!c || !canSee(actor, c)) return fail('CASE.NOT_FOUND', '诉求不存在或不在您的网格');
      // The resident's name and phone are for the handler (and a 代登记's filer) only (core/contact-privacy.ts).
      const detail = caseDetail(c, dir, actor, 'staff', now);
      const seesResident = maySeeResident(actor, c);
      if (!seesResident) {
        delete (detail as { contactPhone?: string }).contactPhone;
        delete (detail as { contactName?: string }).contactName;
        if (detail.reporter) detail.reporter = { ...detail.reporter, name: reporterNameFor(c.reporter, false) };
      }
      // The ledger is the group's: a reporter who is not of the grid reads neither it nor its lines.
      const staff = isGroupOf(actor, c);
      if (!staff) delete (detail as { ledger?: unknown }).ledger;
      return ok({ case: detail, timeline: timelineView(events, staff ? 'staff' : 'reporter') });
    },
  }),

  acceptCase: action({
    auth: 'user',
    input: z.strictObject({ caseId: id }),
    run: async (input, call) => act(call, input.caseId, () => ok({ action: 'accept' })),
  }),

  addProgress: action({
    auth: 'user',
    input: z.strictObject({ caseId: id, note: requiredText(500), photos: photos.optional() }),
    run: async (input, call) =>
      act(call, input.caseId, () => ok({ action: 'progress', note: input.note, photos: input.photos }), { retryOnConflict: true }),
  }),

  resolveCase: action({
    auth: 'user',
    input: z.strictObject({ caseId: id, result: requiredText(500), photos }),
    run: async (input, call) => act(call, input.caseId, () => ok({ action: 'resolve', result: input.result, photos: input.photos })),
  }),

  transferCase: action({
    auth: 'user',
    input: z.strictObject({ caseId: id, toRole: z.enum(MEMBER_ROLES), reason: requiredText(200) }),
    run: async (input, call) =>
      act(call, input.caseId, async (c) => {
        const route = routeCase({
          role: input.toRole,
          because: '',
          ...(await gridWorkload(call.deps.store, c.place.gridId)),
          exclude: c.holder?.memberId ? [c.holder.memberId] : [],
          fallback: false,
        });
        return ok({ action: 'transfer', toRole: input.toRole, reason: input.reason, route });
      }),
  }),

  /** 退单: the task is outside the member's duties; it goes back to the community's queue. */
  returnTask: action({
    auth: 'user',
    input: z.strictObject({ caseId: id, reason: requiredText(200) }),
    run: async (input, call) => act(call, input.caseId, () => ok({ action: 'return_task', reason: input.reason })),
  }),

  escalateCase: action({
    auth: 'user',
    input: z.strictObject({ caseId: id, reason: requiredText(200) }),
    run: async (input, call) => act(call, input.caseId, () => ok({ action: 'escalate', reason: input.reason })),
  }),

  /**
   * 台账登记 by the holder: a hazard's venue size and whether it can be fixed today, a dispute's
   * risk (red / yellow), its settlement, and follow-up visits after it.
   */
  recordLedger: action({
    auth: 'user',
    input: z.strictObject({ caseId: id, entry: ledgerEntry }),
    run: async (input, call) => act(call, input.caseId, () => ok({ action: 'ledger', entry: input.entry })),
  }),

  reportPatrolCase: action({
    auth: 'user',
    input: z.strictObject({
      requestId,
      categoryId: id,
      buildingId: id,
      description,
      photos: photos.optional(),
      isPublic: z.boolean().optional(),
      severity: z.enum(SEVERITIES).optional(),
    }),
    run: async (input, { deps, dir, actor, now }) => {
      const place = memberPlace(dir, actor, input.buildingId);
      if (!place.ok) return place;
      const category = dir.categories.get(input.categoryId);
      if (!category || !category.active) return fail('CATEGORY.NOT_FOUND', '请选择有效的问题类别');
      const route = await routeNewCase(deps.store, dir, place.value, category);
      const r = await createCase(
        deps,
        dir,
        {
          place: place.value,
          category,
          description: input.description,
          photos: input.photos ?? [],
          isPublic: input.isPublic ?? category.defaultPublic,
          severity: input.severity,
        },
        { action: 'patrol_report', route },
        actor,
        now,
        `${actor.openid}:${input.requestId}`,
      );
      if (!r.ok) return r;
      const c = r.value.result.case;
      return ok({
        caseId: c.id,
        status: c.status,
        statusName: STATUS_NAMES[c.status],
        holder: caseCard(c, dir).holder,
        replayed: r.value.replayed,
      });
    },
  }),

  /** 微小事件当场办结: one step, with a photo of the result. */
  closeOnSpot: action({
    auth: 'user',
    input: z.strictObject({
      requestId,
      categoryId: id,
      buildingId: id,
      description,
      result: requiredText(500),
      photos: photos.min(1),
      isPublic: z.boolean().optional(),
    }),
    run: async (input, { deps, dir, actor, now }) => {
      const place = memberPlace(dir, actor, input.buildingId);
      if (!place.ok) return place;
      const category = dir.categories.get(input.categoryId);
      if (!category || !category.active) return fail('CATEGORY.NOT_FOUND', '请选择有效的问题类别');
      const r = await createCase(
        deps,
        dir,
        {
          place: place.value,
          category,
          description: input.description,
          photos: [],
          isPublic: input.isPublic ?? category.defaultPublic,
        },
        { action: 'close_on_spot', result: input.result, photos: input.photos },
        actor,
        now,
        `${actor.openid}:${input.requestId}`,
      );
      if (!r.ok) return r;
      const c = r.value.result.case;
      return ok({ caseId: c.id, status: c.status, statusName: STATUS_NAMES[c.status], replayed: r.value.replayed });
    },
  }),

  /**
   * The subscribe-message templates a member's app asks the user to accept (new task first), from
   * the street's configuration; empty when none is configured, and the app then asks nothing.
   */
  subscribeTemplates: action({
    auth: 'user',
    input: z.strictObject({}),
    run: async (_i, { deps, actor }) => {
      if (myMemberIds(actor).length === 0) return notMember();
      const stored = (await deps.store.getRef('settings', TEMPLATE_SETTING_ID))?.value as TemplateConfig | undefined;
      const ids = MEMBER_NOTICE_KINDS.map((k) => stored?.[k]?.templateId).filter((t): t is string => typeof t === 'string' && t !== '');
      return ok({ templateIds: [...new Set(ids)] });
    },
  }),

  /** 在岗 / 休息: routing skips members who are off. */
  setOnDuty: action({
    auth: 'user',
    input: z.strictObject({ onDuty: z.boolean(), memberId: id.optional() }),
    run: async (input, { deps, actor }) => {
      const me = await memberOf(deps.store, actor, input.memberId);
      if (!me) return notMember();
      await deps.store.putRef('members', { ...me, onDuty: input.onDuty });
      invalidateDirectory(deps.store);
      return ok({ memberId: me.id, onDuty: input.onDuty });
    },
  }),
});
