/**
 * 走访关爱: the register of people in special groups, kept by the community admin, and the visits
 * the assigned member records from the phone. Registered into three functions:
 * - `careAdminActions` (in `admin`): the register, each community's visit plan, the visits (the .xlsx
 *   ledger is `care-ledger.ts`, admin only, so the member function does not bundle the writer);
 * - `careMemberActions` (in `member`, from `care-member.ts`): the member's own people with their due dates, visits, and a
 *   need found on a visit turned into a case (channel 走访, linked both ways);
 * The board's counts (never a person) are in `care-board.ts`, which keeps the board function small.
 * Nobody else sees a person of the register (core/care-visits.ts `careAccess`).
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import {
  CARE_DEFAULT_ROLE,
  CARE_GROUPS,
  CARE_GROUP_NAMES,
  MAX_CARE_TEXT,
  MAX_VISIT_INTERVAL_DAYS,
  MIN_VISIT_INTERVAL_DAYS,
  VISIT_STATE_NAMES,
  careAccess,
  keepsRegister,
  visitDue,
  type CareSubject,
  type CareVisit,
  type VisitIntervals,
} from '../../core/care-visits';
import { ROLE_NAMES, type Actor, type Member } from '../../core/model';
import { localDateOf } from '../../core/working-days';
import { intervalsOf, intervalsSettingId } from '../services/care-intervals';
import { gridMembers, type Directory } from '../services/directory';
import type { Store } from '../store/store.port';
import { id, phone, requiredText, text } from '../validation';
import { action, type AuthedCall } from './define';

export const NOT_FOUND = '走访对象不存在或不由您负责';
export const requestId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const groups = z.array(z.enum(CARE_GROUPS)).min(1).max(CARE_GROUPS.length);

export { intervalsOf, intervalsSettingId };

export const registeredOn = (s: CareSubject): string => localDateOf(new Date(s.createdAt));

/** A person as staff see them, with their next visit. */
export function subjectView(s: CareSubject, today: string, intervals: VisitIntervals, dir: Directory, members: Map<string, Member>) {
  const due = visitDue(s, registeredOn(s), today, intervals);
  const m = members.get(s.memberId);
  return {
    ...s,
    groupNames: s.groups.map((g) => CARE_GROUP_NAMES[g]),
    gridName: dir.grids.get(s.gridId)?.name ?? '',
    member: m ? { memberId: m.id, name: m.name, role: m.role, roleName: ROLE_NAMES[m.role] } : undefined,
    dueOn: due.dueOn,
    dueState: due.state,
    dueStateName: VISIT_STATE_NAMES[due.state],
    daysLeft: due.daysLeft,
  };
}

export const visitView = (v: CareVisit) => ({ ...v, needs: v.needs.map((n, index) => ({ ...n, index })) });

export const byDue = (a: { daysLeft: number; name: string }, b: { daysLeft: number; name: string }) =>
  a.daysLeft - b.daysLeft || a.name.localeCompare(b.name, 'zh');

/** The visits of one person, newest first. */
async function visitsOf(store: Store, subjectId: string): Promise<CareVisit[]> {
  const visits = await store.listRef('careVisits', { subjectId });
  return visits.sort((a, b) =>
    a.visitedOn === b.visitedOn ? b.createdAt.localeCompare(a.createdAt) : b.visitedOn.localeCompare(a.visitedOn),
  );
}

export async function subjectFor(
  call: AuthedCall,
  subjectId: string,
): Promise<Result<{ subject: CareSubject; access: 'admin' | 'member' }>> {
  const subject = await call.deps.store.getRef('careSubjects', subjectId);
  const access = subject ? careAccess(call.actor, subject) : undefined;
  if (!subject || !access) return fail('CARE.NOT_FOUND', NOT_FOUND);
  return ok({ subject, access });
}

export async function subjectDetail(call: AuthedCall, subject: CareSubject) {
  const [intervals, members, visits] = await Promise.all([
    intervalsOf(call.deps.store, subject.communityId),
    call.deps.store.listRef('members', { gridId: subject.gridId }),
    visitsOf(call.deps.store, subject.id),
  ]);
  const today = localDateOf(call.now);
  return {
    subject: subjectView(subject, today, intervals, call.dir, new Map(members.map((m) => [m.id, m]))),
    visits: visits.map(visitView),
  };
}

const isAdmin = (actor: Actor): boolean => actor.grants.some((g) => g.role === 'community_admin' || g.role === 'street_admin');

/** The communities whose register the caller keeps: their own community, or all of their street. */
export function keptCommunities(actor: Actor, dir: Directory, communityId?: string): Result<string[]> {
  const kept = [...dir.communities.values()].filter((c) => keepsRegister(actor, { streetId: c.streetId, communityId: c.id }));
  if (kept.length === 0) return fail('AUTH.FORBIDDEN', '仅社区或街道管理员可以管理走访关爱名册');
  if (communityId === undefined) return ok(kept.map((c) => c.id));
  if (!kept.some((c) => c.id === communityId)) return fail('AUTH.FORBIDDEN', '只能管理本社区（街道）的走访关爱名册');
  return ok([communityId]);
}

/** The member a new person goes to: the given one (of the same grid), else the grid's member of the group's role. */
async function chooseMember(store: Store, gridId: string, group: (typeof CARE_GROUPS)[number], memberId?: string): Promise<Result<Member>> {
  const members = (await gridMembers(store, gridId)).filter((m) => m.active);
  if (memberId !== undefined) {
    const m = members.find((x) => x.id === memberId);
    return m ? ok(m) : fail('MEMBER.NOT_FOUND', '走访成员须是本网格在任的五员共治小组成员');
  }
  const role = CARE_DEFAULT_ROLE[group];
  const m = members.filter((x) => x.role === role).sort((a, b) => Number(b.onDuty) - Number(a.onDuty) || a.id.localeCompare(b.id))[0];
  return m ? ok(m) : fail('MEMBER.NOT_FOUND', `本网格还没有${ROLE_NAMES[role]}，请指定走访成员`);
}

// ——— admin ———

const saveInput = z.strictObject({
  subjectId: id.optional(),
  gridId: id,
  name: requiredText(20),
  groups,
  address: requiredText(100),
  phone: phone.optional(),
  notes: text(MAX_CARE_TEXT).optional(),
  memberId: id.optional(),
  active: z.boolean().optional(),
});

export const careAdminActions = {
  /** The register of the caller's community (or of a community of their street), next visits first. */
  careRegister: action({
    auth: 'user',
    input: z.strictObject({ communityId: id.optional(), gridId: id.optional(), includeInactive: z.boolean().optional() }),
    run: async (input, call) => {
      const grid = input.gridId ? call.dir.grids.get(input.gridId) : undefined;
      if (input.gridId && !grid) return fail('PLACE.NOT_FOUND', '网格不存在');
      const communities = keptCommunities(call.actor, call.dir, grid?.communityId ?? input.communityId);
      if (!communities.ok) return communities;
      const today = localDateOf(call.now);
      const out = [];
      for (const cid of communities.value) {
        const [subjects, intervals, members] = await Promise.all([
          call.deps.store.listRef('careSubjects', grid ? { communityId: cid, gridId: grid.id } : { communityId: cid }),
          intervalsOf(call.deps.store, cid),
          call.deps.store.listRef('members', { communityId: cid }),
        ]);
        const byId = new Map(members.map((m) => [m.id, m]));
        out.push(...subjects.filter((s) => s.active || input.includeInactive).map((s) => subjectView(s, today, intervals, call.dir, byId)));
      }
      const grids = [...call.dir.grids.values()]
        .filter((g) => g.active && communities.value.includes(g.communityId))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
        .map((g) => ({
          id: g.id,
          name: g.name,
          communityId: g.communityId,
          communityName: call.dir.communities.get(g.communityId)?.name ?? '',
        }));
      return ok({ items: out.sort(byDue), grids, groups: CARE_GROUPS.map((g) => ({ group: g, name: CARE_GROUP_NAMES[g] })) });
    },
  }),

  /** Adds a person to the register or changes one; the member defaults to the role whose duties cover the first group. */
  careSave: action({
    auth: 'user',
    input: saveInput,
    run: async (input, call) => {
      const grid = call.dir.grids.get(input.gridId);
      if (!grid || !grid.active) return fail('PLACE.NOT_FOUND', '网格不存在');
      const communities = keptCommunities(call.actor, call.dir, grid.communityId);
      if (!communities.ok) return communities;
      const existing = input.subjectId ? await call.deps.store.getRef('careSubjects', input.subjectId) : undefined;
      if (input.subjectId && (!existing || careAccess(call.actor, existing) !== 'admin')) return fail('CARE.NOT_FOUND', NOT_FOUND);
      const keepMember = existing && existing.gridId === grid.id && input.memberId === undefined ? existing.memberId : input.memberId;
      const member = await chooseMember(call.deps.store, grid.id, input.groups[0]!, keepMember);
      if (!member.ok) return member;
      const subject: CareSubject = {
        id: existing?.id ?? call.deps.newId('P'),
        streetId: grid.streetId,
        communityId: grid.communityId,
        gridId: grid.id,
        name: input.name.trim(),
        groups: [...new Set(input.groups)],
        address: input.address.trim(),
        memberId: member.value.id,
        active: input.active ?? existing?.active ?? true,
        createdAt: existing?.createdAt ?? call.now.toISOString(),
      };
      if (input.phone) subject.phone = input.phone;
      if (input.notes?.trim()) subject.notes = input.notes.trim();
      if (existing?.lastVisitOn) subject.lastVisitOn = existing.lastVisitOn;
      await call.deps.store.putRef('careSubjects', subject);
      return ok((await subjectDetail(call, subject)).subject);
    },
  }),

  /** A person with their visits, for the register's keepers. */
  careSubject: action({
    auth: 'user',
    input: z.strictObject({ subjectId: id }),
    run: async (input, call) => {
      if (!isAdmin(call.actor)) return fail('AUTH.FORBIDDEN', '仅社区或街道管理员可以查看走访关爱名册');
      const s = await subjectFor(call, input.subjectId);
      if (!s.ok) return s;
      if (s.value.access !== 'admin') return fail('CARE.NOT_FOUND', NOT_FOUND);
      return ok(await subjectDetail(call, s.value.subject));
    },
  }),

  /** A community's visit plan: the interval per group (at least monthly unless the community sets another). */
  carePlan: action({
    auth: 'user',
    input: z.strictObject({
      communityId: id,
      group: z.enum(CARE_GROUPS).optional(),
      days: z.number().int().min(MIN_VISIT_INTERVAL_DAYS).max(MAX_VISIT_INTERVAL_DAYS).nullable().optional(),
    }),
    run: async (input, call) => {
      const communities = keptCommunities(call.actor, call.dir, input.communityId);
      if (!communities.ok) return communities;
      let intervals = await intervalsOf(call.deps.store, input.communityId);
      if (input.group !== undefined && input.days !== undefined) {
        const { [input.group]: _old, ...rest } = intervals;
        intervals = input.days === null ? rest : { ...rest, [input.group]: input.days };
        await call.deps.store.putRef('settings', { id: intervalsSettingId(input.communityId), value: intervals });
      } else if (input.group !== undefined || input.days !== undefined) {
        return fail('INPUT.INVALID', '设置走访周期须同时提供对象类别和天数');
      }
      return ok({
        communityId: input.communityId,
        plan: CARE_GROUPS.map((g) => ({
          group: g,
          name: CARE_GROUP_NAMES[g],
          days: intervals[g] ?? 30,
          custom: intervals[g] !== undefined,
        })),
      });
    },
  }),
};
