/** 走访关爱 for the assigned member (registered in `member`; see `care.ts`). */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { fail, ok } from '../../core/errors';
import { MAX_CARE_NEEDS, MAX_CARE_TEXT, careAccess, checkVisit, type CareVisit } from '../../core/care-visits';
import { STATUS_NAMES } from '../../core/model';
import { localDateOf } from '../../core/working-days';
import { createCase, routeNewCase } from '../services/case-service';
import { id, localDate, photos, requiredText } from '../validation';
import { byDue, intervalsOf, requestId, subjectDetail, subjectFor, subjectView, visitView } from './care';
import { action } from './define';

/** The id of a visit follows from who sent it and their request id, so a retried send finds the first. */
const visitIdFor = (openid: string, request: string): string =>
  `V${createHash('sha256').update(`${openid}:${request}`).digest('hex').slice(0, 24)}`;

export const careMemberActions = {
  /** My people to visit, the overdue and due first; the 工作台 shows the counts. */
  careMine: action({
    auth: 'user',
    input: z.strictObject({}),
    run: async (_input, call) => {
      const memberIds = call.actor.grants.filter((g) => g.memberId).map((g) => g.memberId!);
      if (memberIds.length === 0) return fail('AUTH.FORBIDDEN', '您还不是五员共治小组成员');
      const today = localDateOf(call.now);
      const items = [];
      for (const memberId of memberIds) {
        const member = await call.deps.store.getRef('members', memberId);
        if (!member) continue;
        const subjects = (await call.deps.store.listRef('careSubjects', { memberId })).filter((s) => s.active);
        const intervals = await intervalsOf(call.deps.store, member.communityId);
        items.push(...subjects.map((s) => subjectView(s, today, intervals, call.dir, new Map([[member.id, member]]))));
      }
      items.sort(byDue);
      return ok({
        items,
        overdue: items.filter((s) => s.dueState === 'overdue').length,
        due: items.filter((s) => s.dueState === 'due').length,
      });
    },
  }),

  /** One of my people with their visits. */
  careSubject: action({
    auth: 'user',
    input: z.strictObject({ subjectId: id }),
    run: async (input, call) => {
      const s = await subjectFor(call, input.subjectId);
      if (!s.ok) return s;
      return ok(await subjectDetail(call, s.value.subject));
    },
  }),

  /** A visit from the phone: date, what was found, needs, photos. Sending it again changes nothing. */
  careRecordVisit: action({
    auth: 'user',
    input: z.strictObject({
      requestId,
      subjectId: id,
      visitedOn: localDate,
      found: requiredText(MAX_CARE_TEXT),
      needs: z.array(requiredText(200)).max(MAX_CARE_NEEDS).optional(),
      photos: photos.optional(),
    }),
    run: async (input, call) => {
      const s = await subjectFor(call, input.subjectId);
      if (!s.ok) return s;
      const subject = s.value.subject;
      if (s.value.access !== 'member') return fail('CARE.NOT_FOUND', '只有负责该对象的成员可以登记走访');
      const visitId = visitIdFor(call.actor.openid, input.requestId);
      const replay = await call.deps.store.getRef('careVisits', visitId);
      if (replay) return ok({ visit: visitView(replay), replayed: true });
      const today = localDateOf(call.now);
      const needs = (input.needs ?? []).map((n) => n.trim());
      const checked = checkVisit({ visitedOn: input.visitedOn, found: input.found, needs }, today);
      if (!checked.ok) return checked;
      const member = call.actor.grants.find((g) => g.memberId === subject.memberId)!;
      const visit: CareVisit = {
        id: visitId,
        subjectId: subject.id,
        streetId: subject.streetId,
        communityId: subject.communityId,
        gridId: subject.gridId,
        memberId: member.memberId!,
        visitorOpenid: call.actor.openid,
        visitorName: call.actor.name,
        visitedOn: input.visitedOn,
        found: input.found.trim(),
        needs: needs.map((t) => ({ text: t })),
        photos: input.photos ?? [],
        createdAt: call.now.toISOString(),
      };
      await call.deps.store.putRef('careVisits', visit);
      if (!subject.lastVisitOn || subject.lastVisitOn < visit.visitedOn) {
        await call.deps.store.putRef('careSubjects', { ...subject, lastVisitOn: visit.visitedOn });
      }
      return ok({ visit: visitView(visit), replayed: false });
    },
  }),

  /**
   * A need found on a visit becomes a case with one tap: reported by the visiting member (channel 走访),
   * routed like a patrol report, private, and linked both ways (the case names the visit, the need the case).
   */
  careNeedToCase: action({
    auth: 'user',
    input: z.strictObject({
      visitId: id,
      needIndex: z
        .number()
        .int()
        .min(0)
        .max(MAX_CARE_NEEDS - 1),
      categoryId: id,
    }),
    run: async (input, call) => {
      const { deps, dir, actor, now } = call;
      const visit = await deps.store.getRef('careVisits', input.visitId);
      const subject = visit ? await deps.store.getRef('careSubjects', visit.subjectId) : undefined;
      if (!visit || !subject || careAccess(actor, subject) !== 'member' || !actor.grants.some((g) => g.memberId === visit.memberId))
        return fail('CARE.NOT_FOUND', '走访记录不存在或不是您登记的');
      const need = visit.needs[input.needIndex];
      if (!need) return fail('CARE.NOT_FOUND', '这条需求不存在');
      if (need.caseId) return ok({ caseId: need.caseId, replayed: true });
      const category = dir.categories.get(input.categoryId);
      if (!category || !category.active) return fail('CATEGORY.NOT_FOUND', '请选择有效的问题类别');
      const place = { streetId: subject.streetId, communityId: subject.communityId, gridId: subject.gridId };
      const route = await routeNewCase(deps.store, dir, place, category);
      const created = await createCase(
        deps,
        dir,
        {
          place,
          category,
          // The person's name stays in the register: the case says what is needed, where.
          description: `走访发现：${need.text}（${subject.address}）`,
          photos: [],
          isPublic: false,
          origin: { channel: 'visit', refId: visit.id },
        },
        { action: 'patrol_report', route },
        actor,
        now,
        `${actor.openid}:care:${visit.id}:${input.needIndex}`,
      );
      if (!created.ok) return created;
      const c = created.value.result.case;
      // Link back; a retry after a lost write finds the case by its request key and links it then.
      const fresh = (await deps.store.getRef('careVisits', visit.id)) ?? visit;
      await deps.store.putRef('careVisits', {
        ...fresh,
        needs: fresh.needs.map((n, i) => (i === input.needIndex ? { ...n, caseId: c.id } : n)),
      });
      return ok({ caseId: c.id, status: c.status, statusName: STATUS_NAMES[c.status], replayed: created.value.replayed });
    },
  }),
};
