/**
 * `resident`: what any WeChat user does — report, follow, supplement, withdraw, rate, support,
 * read messages.
 */
import * as z from 'zod';
import { fail, ok } from '../../core/errors';
import { categoryExamples, unsureCategory } from '../../core/route-case';
import { describeDuration } from '../../core/time-policy';
import { isoOf, localDateOf, startOfLocalDate } from '../../core/working-days';
import { ROLE_NAMES, STATUS_NAMES, type CaseStatus, OPEN_STATUSES, FINAL_STATUSES, RATINGS } from '../../core/model';
import { maskText } from '../../core/masking';
import { compareNames } from '../../core/place-names';
import { act, createCase, routeNewCase, stepView } from '../services/case-service';
import { roleByCommunity } from '../services/directory';
import { caseCard, caseDetail, personView, timelineView } from '../services/views';
import { cursor, description, id, instant, phone, photos, requiredText, text } from '../validation';
import { action, defineFunction, type AuthedCall } from './define';
import { residentContactActions } from './resident-contact';
import { residentSimilarActions } from './resident-similar';
import { TEMPLATE_SETTING_ID, type TemplateConfig } from '../notify/dispatcher';
import { warmCaseNumbers } from '../services/case-numbers';
import { microProjectResidentActions } from './micro-projects-resident';
import { surveyResidentActions } from './satisfaction-survey-resident';

const STATUS_FILTERS: Record<string, CaseStatus[] | undefined> = {
  all: undefined,
  open: [...OPEN_STATUSES],
  resolved: ['resolved'],
  closed: [...FINAL_STATUSES],
};

const caseIdInput = z.strictObject({ caseId: id });

/** A resident's notices, most useful first: 请评价, 已受理, 回炉整改, 进展, 已办结. */
const RESIDENT_NOTICE_KINDS = ['case_resolved', 'case_accepted', 'case_rework', 'case_progress', 'case_closed'] as const;

async function ownCase(call: AuthedCall, caseId: string) {
  const c = await call.deps.store.getCase(caseId);
  // Someone else's case is "not found", so ids cannot be probed.
  if (!c || c.reporter.openid !== call.actor.openid) return undefined;
  return c;
}

const mine = (call: AuthedCall) => (c: { reporter: { openid: string } }) =>
  c.reporter.openid === call.actor.openid ? ok(undefined) : fail('CASE.NOT_FOUND', '诉求不存在或已删除');

export const resident = defineFunction('resident', {
  // The handler's work phone, with their consent (backend/functions/resident-contact.ts)
  ...residentContactActions,
  // 已有相同问题，是否附议？ near a building or a point on the map (backend/functions/resident-similar.ts)
  ...residentSimilarActions,
  ...microProjectResidentActions,
  ...surveyResidentActions,
  listCategories: action({
    auth: 'public',
    input: z.strictObject({}),
    run: async (_i, { dir }) => {
      const unsure = unsureCategory([...dir.categories.values()]);
      return ok({
        items: [...dir.categories.values()]
          .filter((c) => c.active)
          .sort((a, b) => a.order - b.order)
          .map((c) => ({
            id: c.id,
            name: c.name,
            role: c.role,
            roleName: ROLE_NAMES[c.role],
            kind: c.kind,
            icon: c.icon ?? '',
            defaultPublic: c.defaultPublic,
            roleByCommunity: roleByCommunity(dir, c),
            examples: categoryExamples(c),
            // 「不知道选哪个」 files under this one (the grid worker passes it on).
            unsure: c.id === unsure?.id,
          })),
      });
    },
  }),

  listPlaces: action({
    auth: 'public',
    input: z.strictObject({}),
    run: async (_i, { dir }) => {
      const grids = [...dir.grids.values()].filter((g) => g.active);
      const buildings = [...dir.buildings.values()].filter((b) => b.active);
      return ok({
        communities: [...dir.communities.values()]
          .filter((c) => c.active)
          .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
          .map((c) => ({
            id: c.id,
            name: c.name,
            grids: grids
              .filter((g) => g.communityId === c.id)
              .sort((a, b) => compareNames(a.name, b.name))
              .map((g) => ({
                id: g.id,
                name: g.name,
                buildings: buildings
                  .filter((b) => b.gridId === g.id)
                  .sort((a, b) => compareNames(a.name, b.name))
                  // Where each stands (public: a building's place is no secret), for 「用我的位置」.
                  .map((b) => ({
                    id: b.id,
                    name: b.name,
                    ...(b.latitude !== undefined && b.longitude !== undefined ? { latitude: b.latitude, longitude: b.longitude } : {}),
                  })),
              })),
          })),
      });
    },
  }),

  submitCase: action({
    auth: 'user',
    input: z.strictObject({
      requestId: z
        .string()
        .min(8)
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/),
      categoryId: id,
      buildingId: id.optional(),
      gridId: id.optional(),
      location: z
        .strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), address: requiredText(100) })
        .optional(),
      description,
      isPublic: z.boolean(),
      photos: photos.optional(),
      contactPhone: phone.optional(),
    }),
    run: async (input, call) => {
      const { deps, dir, actor, now } = call;
      const requestKey = `${actor.openid}:${input.requestId}`;
      const category = dir.categories.get(input.categoryId);
      if (!category || !category.active) return fail('CATEGORY.NOT_FOUND', '请选择有效的问题类别');
      let place: {
        streetId: string;
        communityId: string;
        gridId: string;
        buildingId?: string;
        location?: { latitude: number; longitude: number; address: string };
      };
      if (input.buildingId) {
        const b = dir.buildings.get(input.buildingId);
        if (!b || !b.active) return fail('PLACE.NOT_FOUND', '请选择有效的楼栋');
        place = { streetId: b.streetId, communityId: b.communityId, gridId: b.gridId, buildingId: b.id };
      } else if (input.gridId && input.location) {
        const g = dir.grids.get(input.gridId);
        if (!g || !g.active) return fail('PLACE.NOT_FOUND', '请选择有效的网格');
        place = { streetId: g.streetId, communityId: g.communityId, gridId: g.id, location: input.location };
      } else return fail('PLACE.INVALID', '请选择楼栋，或选择网格并在地图上选点');
      // Everything the submit reads, at once (one round trip in the cloud). A retry must answer like
      // the first call even after the daily limit is reached, so the count only matters without one.
      const since = isoOf(startOfLocalDate(localDateOf(now)));
      const [replay, today, route] = await Promise.all([
        deps.store.findCaseIdByRequest(requestKey),
        deps.store.countCasesByReporterSince(actor.openid, since, deps.limits.submissionsPerDay),
        routeNewCase(deps.store, dir, place, category),
        warmCaseNumbers(deps.store, place.streetId, now),
      ]);
      if (!replay) {
        if (today >= deps.limits.submissionsPerDay)
          return fail('RATE.LIMITED', `每人每天最多提交${deps.limits.submissionsPerDay}件诉求，请明天再试或拨打社区电话`);
        if (deps.contentCheck && (await deps.contentCheck.check(input.description, actor.openid)) === 'risky')
          return fail('INPUT.CONTENT_RISKY', '内容含有不当信息，请修改后再提交');
      }
      const created = await createCase(
        deps,
        dir,
        {
          place,
          category,
          description: input.description,
          photos: input.photos ?? [],
          isPublic: input.isPublic,
          contactPhone: input.contactPhone,
        },
        { action: 'submit', route },
        actor,
        now,
        requestKey,
        { caseId: replay },
      );
      if (!created.ok) return created;
      const { policy } = created.value;
      const c = created.value.result.case;
      const limits = policy.limits[c.severity];
      return ok({
        caseId: c.id,
        caseNo: c.no,
        status: c.status,
        statusName: STATUS_NAMES[c.status],
        holder: personView(c.holder),
        routeExplanation: maskText(created.value.result.events.find((e) => e.action === 'auto_assign')?.note ?? ''),
        dueAt: c.dueAt,
        limitText: `${policy.name}：${describeDuration(limits.respond)}内受理，受理后${describeDuration(limits.resolve)}内办结`,
        replayed: created.value.replayed,
      });
    },
  }),

  listMyCases: action({
    auth: 'user',
    input: z.strictObject({
      status: z.enum(['all', 'open', 'resolved', 'closed']).optional(),
      cursor: cursor.optional(),
      limit: z.number().int().min(1).max(50).optional(),
    }),
    run: async (input, { deps, dir, actor }) => {
      const page = await deps.store.listCases({
        reporterOpenid: actor.openid,
        statuses: STATUS_FILTERS[input.status ?? 'all'],
        order: 'created_desc',
        cursor: input.cursor,
        limit: input.limit ?? 20,
      });
      return ok({ items: page.items.map((c) => caseCard(c, dir)), nextCursor: page.nextCursor });
    },
  }),

  getCase: action({
    auth: 'user',
    input: caseIdInput,
    run: async (input, call) => {
      // The timeline is read beside the case (one round trip in the cloud) and dropped unless it is theirs.
      const [c, events] = await Promise.all([ownCase(call, input.caseId), call.deps.store.getTimeline(input.caseId)]);
      if (!c) return fail('CASE.NOT_FOUND', '诉求不存在或已删除');
      return ok({ case: caseDetail(c, call.dir, call.actor, 'reporter', call.now), timeline: timelineView(events, 'reporter') });
    },
  }),

  supplementCase: action({
    auth: 'user',
    input: z.strictObject({ caseId: id, note: requiredText(500), photos: photos.optional() }),
    run: async (input, call) => {
      return act(call, input.caseId, () => ok({ action: 'supplement', note: input.note, photos: input.photos }), {
        check: mine(call),
        retryOnConflict: true,
        answer: (r) => ({ caseId: input.caseId, status: r.case.status, version: r.case.version }),
      });
    },
  }),

  withdrawCase: action({
    auth: 'user',
    input: z.strictObject({ caseId: id, reason: text(200).optional() }),
    run: async (input, call) => {
      return act(call, input.caseId, () => ok({ action: 'withdraw', reason: input.reason }), {
        check: mine(call),
        answer: (r) => ({ caseId: input.caseId, status: r.case.status, version: r.case.version }),
      });
    },
  }),

  rateCase: action({
    auth: 'user',
    input: z.strictObject({ caseId: id, rating: z.enum(RATINGS), comment: text(500).optional() }),
    run: async (input, call) => {
      return act(call, input.caseId, () => ok({ action: 'rate', rating: input.rating, comment: input.comment }), {
        check: mine(call),
        answer: (r) => ({ ...stepView(r), reworkCount: r.case.reworkCount }),
      });
    },
  }),

  remindCase: action({
    auth: 'user',
    input: caseIdInput,
    run: async (input, call) => {
      return act(call, input.caseId, () => ok({ action: 'remind', note: '居民催办' }), {
        check: mine(call),
        retryOnConflict: true,
        answer: () => ({ caseId: input.caseId }),
      });
    },
  }),

  supportCase: action({
    auth: 'user',
    input: caseIdInput,
    run: async (input, call) => {
      return act(call, input.caseId, () => ok({ action: 'support' }), {
        retryOnConflict: true,
        check: (c) => (c.isPublic ? ok(undefined) : fail('CASE.NOT_FOUND', '诉求不存在或未公开')),
        answer: (r) => ({ caseId: input.caseId, supportCount: r.case.supportCount }),
      });
    },
  }),

  listMessages: action({
    auth: 'user',
    input: z.strictObject({ before: instant.optional(), limit: z.number().int().min(1).max(50).optional() }),
    run: async (input, { deps, actor }) => {
      const [items, unread] = await Promise.all([
        deps.store.listInbox(actor.openid, input.limit ?? 20, input.before),
        deps.store.countUnread(actor.openid),
      ]);
      return ok({ items, unread, nextBefore: items.length === (input.limit ?? 20) ? items[items.length - 1]?.at : undefined });
    },
  }),

  markMessagesRead: action({
    auth: 'user',
    input: z.strictObject({ ids: z.union([z.array(z.string().min(1).max(200)).max(100), z.literal('all')]) }),
    run: async (input, { deps, actor }) => {
      const changed = await deps.store.markRead(actor.openid, input.ids);
      return ok({ changed, unread: await deps.store.countUnread(actor.openid) });
    },
  }),

  /** The result of the client's `requestSubscribeMessage`: each accepted template is one message of quota. */
  recordSubscriptions: action({
    auth: 'user',
    input: z.strictObject({
      results: z.record(
        z
          .string()
          .min(1)
          .max(64)
          .regex(/^[A-Za-z0-9_-]+$/),
        z.enum(['accept', 'reject', 'ban', 'filter']),
      ),
    }),
    run: async (input, { deps, actor }) => {
      const accepted = Object.entries(input.results)
        .filter(([, v]) => v === 'accept')
        .map(([k]) => k);
      if (accepted.length > 10) return fail('INPUT.INVALID', '一次最多记录10个订阅');
      for (const t of accepted) await deps.store.addSubscriptionQuota(actor.openid, t, 1);
      return ok({ accepted: accepted.length });
    },
  }),

  /**
   * The subscribe-message templates configured for a resident's notices, for the client's
   * `requestSubscribeMessage` (WeChat takes at most 3 at a time; the most useful come first).
   */
  subscribeTemplates: action({
    auth: 'user',
    input: z.strictObject({}),
    run: async (_i, { deps }) => {
      const templates = ((await deps.store.getRef('settings', TEMPLATE_SETTING_ID))?.value ?? {}) as TemplateConfig;
      const ids = RESIDENT_NOTICE_KINDS.map((k) => templates[k]?.templateId).filter(
        (t): t is string => typeof t === 'string' && t.length > 0,
      );
      return ok({ templateIds: [...new Set(ids)].slice(0, 3) });
    },
  }),

  /** Who I am: roles decide which tabs the app shows; in the cloud also where my photos go. */
  profile: action({
    auth: 'user',
    input: z.strictObject({}),
    run: async (_i, { actor, dir, deps }) => {
      const memberIds = actor.grants.filter((g) => g.memberId).map((g) => g.memberId!);
      const members = (await Promise.all(memberIds.map((m) => deps.store.getRef('members', m)))).filter((m) => m !== undefined);
      // Where this person's photos must be uploaded (the cloud only); absent when it cannot be known.
      const uploadPrefix = deps.uploadPrefix?.(actor.openid);
      return ok({
        openid: actor.openid,
        name: actor.name,
        roles: [...new Set(actor.grants.map((g) => g.role))],
        isMember: members.length > 0,
        isAdmin: actor.grants.some((g) => g.role === 'community_admin' || g.role === 'street_admin' || g.role === 'department'),
        memberships: members.map((m) => ({
          memberId: m.id,
          role: m.role,
          roleName: ROLE_NAMES[m.role],
          gridId: m.gridId,
          gridName: dir.grids.get(m.gridId)?.name,
          communityName: dir.communities.get(m.communityId)?.name,
          onDuty: m.onDuty,
        })),
        ...(uploadPrefix ? { uploadPrefix } : {}),
      });
    },
  }),
});
