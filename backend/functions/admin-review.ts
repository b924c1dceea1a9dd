/**
 * The review of public texts (审核后公开), part of the `admin` function: the list of texts waiting,
 * the original beside the masked suggestion, approval in one tap or after editing, keeping a text
 * private with a reason, bulk approval, the count for the 管理 home, and each community's
 * 「脱敏后自动公开」 switch. `core/public-text.ts` decides; this module reads, checks scope and writes.
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import { STATUS_NAMES, type Case } from '../../core/model';
import { decideTexts, pendingTexts, suggestedText, textsWaitingOf, type TextDecisionInput } from '../../core/public-text';
import { invalidateDirectory, type Directory } from '../services/directory';
import { knownNames } from '../services/public-text';
import type { Community } from '../store/ref-docs';
import type { CaseQuery, Store } from '../store/store.port';
import { cursor, id, requiredText, text } from '../validation';
import type { ActionDef } from './define';
import type { AdminCall } from './admin';

type CaseFilter = Omit<CaseQuery, 'cursor' | 'limit' | 'order'>;

/** What `admin.ts` lends: its admin-only action, its scope rules. */
export interface ReviewHelpers {
  adminAction: <S extends z.ZodType, O>(input: S, run: (input: z.infer<S>, call: AdminCall) => Promise<Result<O>>) => ActionDef<S, O>;
  caseFilter: (s: AdminCall['scope'], dir: Directory, communityId?: string) => Result<CaseFilter>;
  inScope: (s: AdminCall['scope']) => (c: Case) => Result<void>;
  communitiesOf: (s: AdminCall['scope'], dir: Directory, communityId?: string) => Result<Community[]>;
}

/** The most texts one bulk approval decides. */
const BULK_MAX = 50;
/** The waiting cases the 管理 home adds up texts of; beyond it the count says 「N+」. */
const COUNT_CAP = 200;

const textKey = z.string().regex(/^(description|e[1-9]\d{0,5})$/, '内容标识无效');
const reviewer = (call: AdminCall): string => `${call.actor.grants.some((g) => g.role === 'street_admin') ? '街道' : '社区'}管理员`;

/** The people of a case: its reporter, its holder and whoever acted on it. */
const caseNames = (c: Case, events: readonly { actor: { role: string; name: string } }[]): string[] => [
  c.reporter.name,
  ...(c.holder ? [c.holder.name] : []),
  ...events.filter((e) => e.actor.role !== 'system').map((e) => e.actor.name),
];

/** Loads an in-scope case with its timeline, or the refusal. */
async function loadForReview(helpers: ReviewHelpers, call: AdminCall, caseId: string) {
  const c = await call.deps.store.getCase(caseId);
  if (!c) return fail('CASE.NOT_FOUND', '诉求不存在或不在您的管辖范围');
  const seen = helpers.inScope(call.scope)(c);
  if (!seen.ok) return seen;
  return ok({ c, events: await call.deps.store.getTimeline(c.id) });
}

/** Decides texts of one case and stores it (compare-and-set on its version). */
async function decide(
  helpers: ReviewHelpers,
  call: AdminCall,
  caseId: string,
  decisions: (c: Case, events: Awaited<ReturnType<Store['getTimeline']>>) => { key: string; decision: TextDecisionInput }[],
  expectedVersion?: number,
  names?: string[],
) {
  const loaded = await loadForReview(helpers, call, caseId);
  if (!loaded.ok) return loaded;
  const { c, events } = loaded.value;
  if (expectedVersion !== undefined && expectedVersion !== c.version) return fail('CASE.CONFLICT', '诉求已被他人更新，请刷新后重试');
  const list = decisions(c, events);
  if (list.length === 0) return ok({ caseId, version: c.version, decided: 0, textsPending: pendingTexts(c, events).length });
  const next = decideTexts(c, events, list, {
    by: reviewer(call),
    at: call.now.toISOString(),
    names: names ? [...names, ...caseNames(c, events)] : await knownNames(call.deps.store, c, events),
  });
  if (!next.ok) return next;
  const committed = await call.deps.store.commit({
    creates: [],
    updates: [{ expectedVersion: c.version, case: next.value }],
    events: [],
    notices: [],
  });
  if (!committed.ok) return committed;
  return ok({ caseId, version: next.value.version, decided: list.length, textsPending: next.value.textsPending ?? 0 });
}

export function reviewActions(helpers: ReviewHelpers) {
  const { adminAction } = helpers;
  return {
    /** Texts waiting for review, newest case first: each original beside its masked suggestion. */
    reviewQueue: adminAction(
      z.strictObject({ communityId: id.optional(), cursor: cursor.optional(), limit: z.number().int().min(1).max(20).optional() }),
      async (input, call) => {
        const { deps, dir, scope } = call;
        const filter = helpers.caseFilter(scope, dir, input.communityId);
        if (!filter.ok) return filter;
        const page = await deps.store.listCases({
          ...filter.value,
          textsWaiting: true,
          order: 'created_desc',
          limit: input.limit ?? 10,
          cursor: input.cursor,
        });
        const names = await knownNames(deps.store);
        const items = [];
        for (const c of page.items) {
          const events = await deps.store.getTimeline(c.id);
          const waiting = pendingTexts(c, events);
          if (waiting.length === 0) {
            // Stored before review existed and nothing left to decide: it leaves the list.
            if (c.textsPending === undefined)
              await deps.store.commit({
                creates: [],
                updates: [{ expectedVersion: c.version, case: { ...c, version: c.version + 1, textsPending: 0 } }],
                events: [],
                notices: [],
              });
            continue;
          }
          const all = [...names, ...caseNames(c, events)];
          items.push({
            caseId: c.id,
            version: c.version,
            categoryName: c.categoryName,
            placeName: [dir.communities.get(c.place.communityId)?.name, dir.grids.get(c.place.gridId)?.name].filter(Boolean).join(' '),
            status: c.status,
            statusName: STATUS_NAMES[c.status],
            createdAt: c.createdAt,
            texts: waiting.map((t) => ({ key: t.key, label: t.label, at: t.at, original: t.text, suggestion: suggestedText(t.text, all) })),
          });
        }
        const communities = helpers.communitiesOf(scope, dir, input.communityId);
        return ok({
          items,
          nextCursor: page.nextCursor,
          autoPublish: communities.ok
            ? communities.value.map((x) => ({ communityId: x.id, communityName: x.name, on: x.autoPublishTexts === true }))
            : [],
        });
      },
    ),

    /** How many texts wait, for the 管理 home. */
    reviewCount: adminAction(z.strictObject({ communityId: id.optional() }), async (input, call) => {
      const filter = helpers.caseFilter(call.scope, call.dir, input.communityId);
      if (!filter.ok) return filter;
      const page = await call.deps.store.listCases({ ...filter.value, textsWaiting: true, order: 'created_desc', limit: COUNT_CAP });
      const waiting = page.items.filter(textsWaitingOf);
      return ok({
        cases: waiting.length,
        // A case stored before review existed counts as one until it is looked at.
        texts: waiting.reduce((n, c) => n + (c.textsPending ?? 1), 0),
        more: page.nextCursor !== undefined,
      });
    }),

    /** One case: approve (as suggested, or edited), or keep private with a reason. */
    reviewTexts: adminAction(
      z.strictObject({
        caseId: id,
        version: z.number().int().min(1).optional(),
        decisions: z
          .array(
            z.union([
              z.strictObject({ key: textKey, approve: z.literal(true), text: text(2000).optional() }),
              z.strictObject({ key: textKey, approve: z.literal(false), reason: requiredText(200) }),
            ]),
          )
          .min(1)
          .max(BULK_MAX),
      }),
      async (input, call) => {
        const keys = input.decisions.map((d) => d.key);
        if (new Set(keys).size !== keys.length) return fail('INPUT.INVALID', '同一段内容只能有一个审核结果');
        return decide(
          helpers,
          call,
          input.caseId,
          () =>
            input.decisions.map((d) => ({
              key: d.key,
              decision: d.approve
                ? { approve: true as const, ...(d.text !== undefined ? { text: d.text } : {}) }
                : { approve: false as const, reason: d.reason },
            })),
          input.version,
        );
      },
    ),

    /** Bulk approval: every waiting text of the cases given, each as its masked suggestion. */
    approveTexts: adminAction(z.strictObject({ caseIds: z.array(id).min(1).max(BULK_MAX) }), async (input, call) => {
      const caseIds = [...new Set(input.caseIds)];
      // Every case is checked before any is written: one out of reach refuses the whole call.
      for (const caseId of caseIds) {
        const c = await call.deps.store.getCase(caseId);
        const seen = c ? helpers.inScope(call.scope)(c) : fail('CASE.NOT_FOUND', '诉求不存在或不在您的管辖范围');
        if (!seen.ok) return seen;
      }
      const names = await knownNames(call.deps.store);
      const results = [];
      for (const caseId of caseIds) {
        const r = await decide(
          helpers,
          call,
          caseId,
          (c, events) => pendingTexts(c, events).map((t) => ({ key: t.key, decision: { approve: true as const } })),
          undefined,
          names,
        );
        results.push(r.ok ? { caseId, ok: true, decided: r.value.decided } : { caseId, ok: false, message: r.error.message });
      }
      return ok({ approved: results.reduce((n, r) => n + (r.ok ? (r.decided ?? 0) : 0), 0), results });
    }),

    /** A community's 「脱敏后自动公开」: masked texts stored as approved at once. Off by default. */
    setAutoPublish: adminAction(z.strictObject({ communityId: id, on: z.boolean() }), async (input, call) => {
      const cs = helpers.communitiesOf(call.scope, call.dir, input.communityId);
      if (!cs.ok) return cs;
      const fresh = (await call.deps.store.getRef('communities', input.communityId)) ?? cs.value[0]!;
      await call.deps.store.putRef('communities', { ...fresh, autoPublishTexts: input.on });
      invalidateDirectory(call.deps.store);
      return ok({ communityId: input.communityId, on: input.on });
    }),
  };
}
