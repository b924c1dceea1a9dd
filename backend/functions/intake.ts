/**
 * `intake` — every channel in, results back by phone: 代登记 (`fileForResident`) and 电话回访
 * (`phoneVisit`, `phoneVisitQueue`). Its own cloud function, for members of the 五员共治 groups and
 * community and street admins alike: the function lets in only those (`staffOnly`), then the core
 * decides who may file and who may call for which case (core/intake.ts). The 12345 工单 import and
 * export (`hotline*`, admins only) are in ./hotline.ts.
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import { relationsOf } from '../../core/case-lifecycle';
import { needsPhoneVisit, PROXY_CHANNELS, INTAKE_CHANNEL_NAMES, intakeChannelOf, MAX_CONTACT_NAME } from '../../core/intake';
import { RATING_NAMES, RATINGS, SEVERITIES, STATUS_NAMES, type Actor, type Case } from '../../core/model';
import { applyCommand, createCase, routeNewCase, stepResult } from '../services/case-service';
import { type Directory } from '../services/directory';
import { caseCard } from '../services/views';
import { description, id, phone, photos, requiredText, text } from '../validation';
import { ticketKey } from '../services/hotline-import';
import { action, defineFunction, type Actions, type AuthedCall } from './define';
import { hotlineActions } from './hotline';

const requestId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The 12345 工单号 as a field: the core checks its form (TICKET_NO_RE) with a Chinese message. */
const ticketNo = z.string().trim().min(1).max(40);

type CasePlace = { streetId: string; communityId: string; gridId: string; buildingId?: string };

function placeOf(dir: Directory, input: { buildingId?: string; gridId?: string }): Result<CasePlace> {
  if (input.buildingId) {
    const b = dir.buildings.get(input.buildingId);
    if (!b || !b.active) return fail('PLACE.NOT_FOUND', '请选择有效的楼栋');
    return ok({ streetId: b.streetId, communityId: b.communityId, gridId: b.gridId, buildingId: b.id });
  }
  if (input.gridId) {
    const g = dir.grids.get(input.gridId);
    if (!g || !g.active) return fail('PLACE.NOT_FOUND', '请选择有效的网格');
    return ok({ streetId: g.streetId, communityId: g.communityId, gridId: g.id });
  }
  return fail('PLACE.INVALID', '请选择群众所在的楼栋或网格');
}

/** Staff who may see a case's 回访 line: holder, filer, or an admin of its community or street. */
function callerOf(actor: Actor, c: Case): boolean {
  const rel = relationsOf(actor, c);
  return rel.has('holder') || rel.has('community_admin') || rel.has('street_admin') || (rel.has('reporter') && c.source === 'proxy');
}

/** One line of the 回访 list: who to call (staff only) and what was done. */
function visitLine(c: Case, dir: Directory) {
  return {
    ...caseCard(c, dir),
    channel: intakeChannelOf(c),
    channelName: INTAKE_CHANNEL_NAMES[intakeChannelOf(c)],
    ticketNo: c.origin?.channel === 'hotline' ? c.origin.refId : undefined,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    result: c.result,
    unrated: c.status === 'closed',
  };
}

/** Who may use the function at all: a member of a 五员共治 group, or a community or street admin. */
const isIntakeStaff = (actor: Actor): boolean =>
  actor.grants.some((g) => g.memberId !== undefined || g.role === 'community_admin' || g.role === 'street_admin');

/** The actions, each refusing anyone else (a resident, a department) before it reads anything. */
function staffOnly<A extends Actions>(actions: A): A {
  return Object.fromEntries(
    Object.entries(actions).map(([name, def]) => [
      name,
      action({
        auth: 'user',
        input: def.input,
        run: async (input, call) =>
          isIntakeStaff(call.actor)
            ? (def as { run: (i: unknown, c: AuthedCall) => Promise<Result<unknown>> }).run(input, call)
            : fail('AUTH.FORBIDDEN', '只有五员共治小组成员或社区、街道管理员可以代登记和电话回访'),
      }),
    ]),
  ) as A;
}

const intakeActions = {
  /**
   * 代登记: a member of the community or an admin files for a resident who phoned, walked in, spoke
   * at a 院坝会, wrote to the 意见箱 or came as a 12345 工单. Routed, timed and tracked as any case;
   * a 12345 工单号 files once per street (a second filing answers the first case).
   */
  fileForResident: action({
    auth: 'user',
    input: z.strictObject({
      requestId,
      channel: z.enum(PROXY_CHANNELS),
      ticketNo: ticketNo.optional(),
      contactName: requiredText(MAX_CONTACT_NAME),
      contactPhone: phone.optional(),
      categoryId: id,
      buildingId: id.optional(),
      gridId: id.optional(),
      description,
      isPublic: z.boolean().optional(),
      severity: z.enum(SEVERITIES).optional(),
      photos: photos.optional(),
    }),
    run: async (input, call: AuthedCall) => {
      const { deps, dir, actor, now } = call;
      const place = placeOf(dir, input);
      if (!place.ok) return place;
      const category = dir.categories.get(input.categoryId);
      if (!category || !category.active) return fail('CATEGORY.NOT_FOUND', '请选择有效的问题类别');
      const requestKey =
        input.channel === 'hotline' && input.ticketNo
          ? ticketKey(place.value.streetId, input.ticketNo)
          : `${actor.openid}:${input.requestId}`;
      const [replay, route] = await Promise.all([
        deps.store.findCaseIdByRequest(requestKey),
        routeNewCase(deps.store, dir, place.value, category),
      ]);
      const created = await createCase(
        deps,
        dir,
        {
          place: place.value,
          category,
          description: input.description,
          photos: input.photos ?? [],
          isPublic: input.isPublic ?? category.defaultPublic,
          severity: input.severity,
          contactName: input.contactName,
          ...(input.contactPhone ? { contactPhone: input.contactPhone } : {}),
          origin: { channel: input.channel, ...(input.ticketNo ? { refId: input.ticketNo } : {}) },
        },
        { action: 'proxy_submit', route },
        actor,
        now,
        requestKey,
        { caseId: replay },
      );
      if (!created.ok) return created;
      const c = created.value.result.case;
      // A 工单号 filed before by someone else's hand: say so rather than show another person's case.
      if (created.value.replayed && !callerOf(actor, c) && c.reporter.openid !== actor.openid)
        return fail('INPUT.INVALID', `工单号${input.ticketNo ?? ''}已登记过，请勿重复登记`);
      return ok({
        caseId: c.id,
        // The number to read back to the caller on the phone (2612-0042).
        caseNo: c.no,
        status: c.status,
        statusName: STATUS_NAMES[c.status],
        holder: caseCard(c, dir).holder,
        channelName: INTAKE_CHANNEL_NAMES[intakeChannelOf(c)],
        replayed: created.value.replayed,
      });
    },
  }),

  /** 电话回访: the result of a call to the resident, recorded as the case's rating (core `phone_visit`). */
  phoneVisit: action({
    auth: 'user',
    input: z.strictObject({ caseId: id, rating: z.enum(RATINGS), note: text(500).optional() }),
    run: async (input, call) => {
      const r = await applyCommand(
        call.deps,
        call.dir,
        input.caseId,
        call.actor,
        () => ok({ action: 'phone_visit', rating: input.rating, ...(input.note ? { note: input.note } : {}) }),
        call.now,
        { check: (c) => (callerOf(call.actor, c) ? ok(undefined) : fail('CASE.NOT_FOUND', '诉求不存在或不在您的管辖范围')) },
      );
      if (!r.ok) return r;
      const step = stepResult(r);
      return step.ok ? ok({ ...step.value, ratingName: RATING_NAMES[input.rating], reworkCount: r.value.case.reworkCount }) : step;
    },
  }),

  /**
   * Who to call back: the caller's cases waiting for a 电话回访 now — 代登记 results waiting for a
   * rating, residents' results past the rating window, and cases the clock closed unrated (recently).
   */
  phoneVisitQueue: action({
    auth: 'user',
    input: z.strictObject({ communityId: id.optional() }),
    run: async (input, { deps, dir, actor, now }) => {
      const community = actor.grants.find(
        (g) => g.role === 'community_admin' && (!input.communityId || g.communityId === input.communityId),
      );
      const street = actor.grants.find(
        (g) => g.role === 'street_admin' && (!input.communityId || dir.communities.get(input.communityId)?.streetId === g.streetId),
      );
      // An admin's community (or, for the street, one community or all); a member's own cases.
      const scopes = community
        ? [{ communityId: input.communityId ?? community.communityId! }]
        : street
          ? [input.communityId ? { communityId: input.communityId } : { streetId: street.streetId! }]
          : [{ holderOpenid: actor.openid }, { reporterOpenid: actor.openid }];
      if (!community && !street && !actor.grants.some((g) => g.memberId))
        return fail('AUTH.FORBIDDEN', '只有五员共治小组成员或管理员可以电话回访');
      const seen = new Map<string, Case>();
      for (const scope of scopes)
        for (const statuses of [['resolved'], ['closed']] as const) {
          const page = await deps.store.listCases({ ...scope, statuses: [...statuses], order: 'created_desc', limit: 100 });
          for (const c of page.items) if (callerOf(actor, c) && needsPhoneVisit(c, now)) seen.set(c.id, c);
        }
      const items = [...seen.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)).map((c) => visitLine(c, dir));
      return ok({ items });
    },
  }),
};

export const intake = defineFunction('intake', staffOnly({ ...intakeActions, ...hotlineActions }));
