/**
 * The quarterly 满意度测评 (core/satisfaction-survey.ts holds the rules). Three action maps, each
 * registered with one spread in its function:
 * - `surveyAdminActions` (in `admin`): the street edits the questionnaire; a community (or the
 *   street) opens a quarter's survey; staff read the results per grid and community with every
 *   suggestion, and approve a suggestion (masked) for the board or keep it private;
 * - `surveyResidentActions` (in `resident`): the open surveys of the resident's community, and the
 *   answer (one per survey and person, created insert-if-absent);
 * - `surveyBoardActions` (in `board`): the results with their response counts and approved suggestions only.
 * The answers also count in the quarter's 80 % rule (backend/services/survey-tallies.ts).
 */
import * as z from 'zod';
import { fail, ok, type Result } from '../../core/errors';
import { maskText } from '../../core/masking';
import type { Actor } from '../../core/model';
import {
  DEFAULT_QUESTIONS,
  MAX_QUESTIONS,
  MAX_SUGGESTION,
  QUESTION_SUBJECTS,
  SUGGESTION_STATE_NAMES,
  SURVEY_STATE_NAMES,
  checkQuestions,
  checkSurveyPlan,
  quarterOf,
  surveyId,
  surveyResults,
  surveyState,
  suggestionState,
  type Survey,
  type SurveyAnswer,
  type SurveyQuestion,
} from '../../core/satisfaction-survey';
import { KEEP_NOTE_MAX, KEEP_REASONS, keepReasonLabel, keepReasonProblem, type KeptWhy } from '../../core/suggestion-keep';
import { localDateOf } from '../../core/working-days';
import type { Directory } from '../services/directory';
import { personalId } from '../services/residence';
import type { Store } from '../store/store.port';
import { id, localDate, requiredText, text } from '../validation';
import { action } from './define';

const quarter = z.string().regex(/^20\d{2}-Q[1-4]$/, { message: '季度格式应为 2026-Q4' });
export const NOT_FOUND = '测评不存在';

export const questionsSettingId = (streetId: string): string => `survey-questions:${streetId}`;
export const answerId = (sid: string, openid: string): string => personalId(sid, openid);

const questionShape = z.discriminatedUnion('kind', [
  z.strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,19}$/),
    kind: z.literal('rating'),
    text: requiredText(60, 4),
    subject: z.enum(QUESTION_SUBJECTS),
  }),
  z.strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,19}$/),
    kind: z.literal('text'),
    text: requiredText(60, 4),
    required: z.boolean(),
  }),
]);

/** The street's questionnaire, or the default while it has saved none. */
export async function questionsOf(store: Store, streetId: string): Promise<SurveyQuestion[]> {
  const stored = (await store.getRef('settings', questionsSettingId(streetId)))?.value;
  const parsed = z.array(questionShape).safeParse(stored);
  return parsed.success && checkQuestions(parsed.data).ok ? parsed.data : [...DEFAULT_QUESTIONS];
}

const isStreetAdmin = (actor: Actor, streetId: string) => actor.grants.some((g) => g.role === 'street_admin' && g.streetId === streetId);
const keeps = (actor: Actor, c: { streetId: string; communityId: string }) =>
  isStreetAdmin(actor, c.streetId) || actor.grants.some((g) => g.role === 'community_admin' && g.communityId === c.communityId);

function keptCommunities(actor: Actor, dir: Directory, communityId?: string): Result<string[]> {
  const kept = [...dir.communities.values()]
    .filter((c) => c.active && keeps(actor, { streetId: c.streetId, communityId: c.id }))
    .map((c) => c.id);
  if (kept.length === 0) return fail('AUTH.FORBIDDEN', '仅社区或街道管理员可以管理满意度测评');
  if (communityId === undefined) return ok(kept);
  if (!kept.includes(communityId)) return fail('AUTH.FORBIDDEN', '只能管理本社区（街道）的满意度测评');
  return ok([communityId]);
}

/**
 * A survey's results: per question for the community, then per grid, each with its number of
 * responses (the denominator); for staff every suggestion, for the board the approved ones only.
 */
export function resultsView(s: Survey, answers: readonly SurveyAnswer[], today: string, dir: Directory, texts: 'staff' | 'public') {
  const state = surveyState(s, today);
  const grids = [...dir.grids.values()].filter((g) => g.communityId === s.communityId && g.active).sort((a, b) => a.id.localeCompare(b.id));
  const textQuestions = s.questions.filter((q) => q.kind === 'text');
  return {
    id: s.id,
    communityId: s.communityId,
    communityName: dir.communities.get(s.communityId)?.name ?? '',
    quarter: s.quarter,
    opensOn: s.opensOn,
    closesOn: s.closesOn,
    state,
    stateName: SURVEY_STATE_NAMES[state],
    responses: answers.length,
    questions: s.questions,
    community: surveyResults(s.questions, answers),
    grids: grids.map((g) => {
      const mine = answers.filter((a) => a.gridId === g.id);
      return { gridId: g.id, gridName: g.name, responses: mine.length, results: surveyResults(s.questions, mine) };
    }),
    /** Staff: every suggestion with its masked text and approval; the board: approved texts only. */
    suggestions: texts === 'staff' ? staffSuggestions(answers, textQuestions, dir) : [],
    approvedSuggestions: answers.flatMap((a) =>
      textQuestions.flatMap((q) => (a.approved?.[q.id] ? [{ questionId: q.id, text: a.approved[q.id]! }] : [])),
    ),
  };
}

function staffSuggestions(answers: readonly SurveyAnswer[], questions: readonly SurveyQuestion[], dir: Directory) {
  return answers.flatMap((a) =>
    questions.flatMap((q) => {
      const original = a.texts[q.id];
      if (!original) return [];
      const approved = a.approved?.[q.id];
      const state = suggestionState(a, q.id);
      const why = state === 'private' ? a.keptWhy?.[q.id] : undefined;
      return [
        {
          answerId: a.id,
          questionId: q.id,
          questionText: q.text,
          gridName: dir.grids.get(a.gridId)?.name ?? '',
          at: a.at,
          original,
          suggested: approved ?? maskText(original),
          approved: approved !== undefined,
          state,
          stateName: SUGGESTION_STATE_NAMES[state],
          // Why it is kept staff-only (a suggestion kept before reasons were asked has none).
          ...(why ? { keptReason: why.reason, keptReasonName: keepReasonLabel(why) } : {}),
        },
      ];
    }),
  );
}

export async function surveysWithAnswers(store: Store, surveys: Survey[]): Promise<[Survey, SurveyAnswer[]][]> {
  const answers = await Promise.all(surveys.map((s) => store.listRef('surveyAnswers', { surveyId: s.id })));
  return surveys.map((s, i) => [s, answers[i] ?? []]);
}

export const newestFirst = (a: Survey, b: Survey) =>
  a.quarter === b.quarter ? a.communityId.localeCompare(b.communityId) : b.quarter.localeCompare(a.quarter);

// ——— admin ———

export const surveyAdminActions = {
  /** The street's questionnaire (the default until it saves one). */
  surveyQuestions: action({
    auth: 'user',
    input: z.strictObject({}),
    run: async (_i, call) => {
      const streetId = call.actor.grants.find((g) => g.role === 'street_admin' || g.role === 'community_admin')?.streetId;
      const street =
        streetId ??
        [...call.dir.communities.values()].find((c) => keeps(call.actor, { streetId: c.streetId, communityId: c.id }))?.streetId;
      if (!street) return fail('AUTH.FORBIDDEN', '仅社区或街道管理员可以查看测评问卷');
      return ok({ questions: await questionsOf(call.deps.store, street), editable: isStreetAdmin(call.actor, street) });
    },
  }),

  /** The street edits the questionnaire; surveys opened afterwards use it (an open survey keeps its own). */
  setSurveyQuestions: action({
    auth: 'user',
    input: z.strictObject({ questions: z.array(questionShape).min(1).max(MAX_QUESTIONS) }),
    run: async (input, call) => {
      const street = call.actor.grants.find((g) => g.role === 'street_admin')?.streetId;
      if (!street) return fail('AUTH.FORBIDDEN', '测评问卷由街道管理员设置');
      const questions: SurveyQuestion[] = input.questions.map((q) => ({ ...q, text: q.text.trim() }));
      const checked = checkQuestions(questions);
      if (!checked.ok) return checked;
      await call.deps.store.putRef('settings', { id: questionsSettingId(street), value: questions });
      return ok({ questions });
    },
  }),

  /** Opens a community's survey for a quarter with the street's questionnaire; once per community and quarter. */
  surveyOpen: action({
    auth: 'user',
    input: z.strictObject({ communityId: id, quarter: quarter.optional(), opensOn: localDate, closesOn: localDate }),
    run: async (input, call) => {
      const community = call.dir.communities.get(input.communityId);
      if (!community?.active) return fail('PLACE.NOT_FOUND', '社区不存在');
      const kept = keptCommunities(call.actor, call.dir, community.id);
      if (!kept.ok) return kept;
      const today = localDateOf(call.now);
      const q = input.quarter ?? quarterOf(input.opensOn);
      const plan = checkSurveyPlan({ quarter: q, opensOn: input.opensOn, closesOn: input.closesOn }, today);
      if (!plan.ok) return plan;
      const survey: Survey = {
        id: surveyId(community.id, q),
        streetId: community.streetId,
        communityId: community.id,
        quarter: q,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        questions: await questionsOf(call.deps.store, community.streetId),
        createdBy: call.actor.openid,
        createdAt: call.now.toISOString(),
      };
      if (!(await call.deps.store.createRef('surveys', survey))) return fail('SURVEY.EXISTS', `${community.name}${q} 的测评已经发布`);
      return ok(resultsView(survey, [], today, call.dir, 'staff'));
    },
  }),

  /** Results per community and grid with response counts, and every suggestion with its masked text and approval, for staff. */
  surveyResults: action({
    auth: 'user',
    input: z.strictObject({ communityId: id.optional() }),
    run: async (input, call) => {
      const kept = keptCommunities(call.actor, call.dir, input.communityId);
      if (!kept.ok) return kept;
      const surveys = (await Promise.all(kept.value.map((c) => call.deps.store.listRef('surveys', { communityId: c }))))
        .flat()
        .sort(newestFirst);
      const today = localDateOf(call.now);
      return ok({
        items: (await surveysWithAnswers(call.deps.store, surveys)).map(([s, a]) => resultsView(s, a, today, call.dir, 'staff')),
        communities: kept.value.map((c) => ({ id: c, name: call.dir.communities.get(c)?.name ?? '' })),
      });
    },
  }),

  /**
   * Approves a suggestion for the board (the masked text, or the admin's edit of it), or keeps it
   * staff-only (taking back an approval); either way it leaves the review queue.
   */
  reviewSuggestion: action({
    auth: 'user',
    input: z
      .strictObject({
        answerId: id,
        questionId: id,
        approve: z.boolean(),
        text: text(MAX_SUGGESTION).optional(),
        /** 不公开: why (core/suggestion-keep.ts); 其他 with `keepNote`. */
        keepReason: z.enum(KEEP_REASONS, { message: '请选择不公开的原因' }).optional(),
        keepNote: text(KEEP_NOTE_MAX).optional(),
      })
      .superRefine((v, ctx) => {
        if (v.approve) {
          if (v.keepReason !== undefined || v.keepNote !== undefined)
            ctx.addIssue({ code: 'custom', path: ['keepReason'], message: '公开时不需要填写不公开的原因' });
          return;
        }
        const problem = keepReasonProblem(v.keepReason, v.keepNote);
        if (problem) ctx.addIssue({ code: 'custom', path: ['keepReason'], message: problem });
      }),
    run: async (input, call) => {
      const a = await call.deps.store.getRef('surveyAnswers', input.answerId);
      const s = a ? await call.deps.store.getRef('surveys', a.surveyId) : undefined;
      if (!a || !s || !keeps(call.actor, s)) {
        const any = keptCommunities(call.actor, call.dir);
        return any.ok ? fail('SURVEY.NOT_FOUND', '意见建议不存在') : any;
      }
      const original = a.texts[input.questionId];
      if (!original) return fail('SURVEY.NOT_FOUND', '意见建议不存在');
      const { [input.questionId]: _old, ...rest } = a.approved ?? {};
      const shown = input.text?.trim() ? maskText(input.text.trim()) : maskText(original);
      const approved = input.approve ? { ...rest, [input.questionId]: shown } : rest;
      const others = (a.kept ?? []).filter((k) => k !== input.questionId);
      const kept = input.approve ? others : [...others, input.questionId];
      const { [input.questionId]: _why, ...otherWhys } = a.keptWhy ?? {};
      const why: KeptWhy | undefined = input.approve
        ? undefined
        : { reason: input.keepReason!, ...(input.keepReason === 'other' ? { note: input.keepNote!.trim() } : {}) };
      const keptWhy = why ? { ...otherWhys, [input.questionId]: why } : otherWhys;
      const next: SurveyAnswer = { ...a, approved, kept, keptWhy };
      await call.deps.store.putRef('surveyAnswers', next);
      return ok({
        answerId: a.id,
        questionId: input.questionId,
        approved: input.approve,
        text: input.approve ? shown : null,
        ...(why ? { keptReasonName: keepReasonLabel(why) } : {}),
      });
    },
  }),
};

export type SurveyResultsView = ReturnType<typeof resultsView>;
